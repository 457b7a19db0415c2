"""Print rows for data/cbs_keys.csv from a CBS OData DataProperties.json (key, label, unit, topic).

    python scripts/cbs_keys_from_dataproperties.py 85984NED path/to/DataProperties.json >> data/cbs_keys.csv
"""

import csv
import sys

from wijkdashboard.core.statline import read_data_properties


def main(table, path):
    writer = csv.writer(sys.stdout, lineterminator="\n")
    for key, header in read_data_properties(path).items():
        if header.unit or header.topic:
            writer.writerow([table, key, header.label, header.unit, "/".join(header.topic),
                             f"DataProperties of {table}"])


if __name__ == "__main__":
    main(*sys.argv[1:3])
