"""CBS's own table shapes, read as they are downloaded: each column gets its CBS label, unit and topic
path, so the vocabulary can map it by meaning rather than by position or key suffix.

- the old StatLine CSV download: title line, empty line, `Onderwerp`, a label row whose `|` marks
  come from the topic tree, a units row, then the rows (`;`, comma decimals, `.` for missing);
- the new StatLine export and StatLine's web table: headers `Thema/Subthema/Onderwerp (eenheid)`;
- OData `TypedDataSet` columns (`AantalInwoners_5`): resolved through the table's `DataProperties`.
"""

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

TABLE_ID = re.compile(r"(\d{5}NED)", re.IGNORECASE)
ODATA_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9]*_\d+$")
HEADER_UNIT = re.compile(r"^(?P<text>.*?)\s*\((?P<unit>[^()]*)\)\s*$")


@dataclass(frozen=True)
class Header:
    """What CBS says a column is: its label (Title), unit and the topic path above it."""
    label: str
    unit: str
    topic: tuple = ()

    def describe(self):
        path = " › ".join(self.topic + (self.label,))
        return f"{path} [{self.unit}]" if self.unit else path


def norm_label(text):
    """Labels compare without the topic-tree marks, spacing and case: 'Gemiddeld inkomen per
    inwoner\xa0' and '||Gemiddeld inkomen per inwoner' are one label."""
    text = unicodedata.normalize("NFC", str(text)).replace("\xa0", " ").strip().strip("|").strip()
    return " ".join(text.split()).lower()


def norm_unit(text):
    """'x 1 000 euro', 'x1000 euro' and 'X 1.000 EURO' are one unit."""
    text = unicodedata.normalize("NFC", str(text or "")).replace("\xa0", " ").lower()
    return re.sub(r"[\s.]", "", text).replace("km2", "km²")


def table_id(name):
    match = TABLE_ID.search(name)
    return match.group(1).upper() if match else None


def is_old_export(lines):
    """An old StatLine download: a title line, an empty line, then a line whose cells hold `Onderwerp`."""
    return (len(lines) > 5 and not any(cell.strip() for cell in lines[1])
            and any(cell.strip() == "Onderwerp" for cell in lines[2]))


def read_old_export(text):
    """(rows as a list of lists, headers): labels from line 4, units from line 5, rows from line 6."""
    rows = list(csv.reader(io.StringIO(text), delimiter=";", quotechar='"'))
    labels, units = rows[3], rows[4]
    width = max(len(labels), len(units))
    labels, units = labels + [""] * (width - len(labels)), units + [""] * (width - len(units))
    headers = []
    for i, (label, unit) in enumerate(zip(labels, units)):
        label = label.replace("\xa0", " ").strip().strip("|").strip()
        if i == 0 and not label:
            # The first column is the region dimension: its name stands in the units row.
            label, unit = unit, ""
        headers.append(Header(" ".join(label.split()), unit.strip()))
    data = [r + [""] * (width - len(r)) for r in rows[5:] if any(c.strip() for c in r)]
    return data, headers


def parse_header(text):
    """'Bevolking/Leeftijdsgroepen/0 tot 15 jaar (aantal)' -> candidate Headers, the shortest label
    first (a label may itself hold a '/', as 'Diefstal uit woning/schuur/e.d.')."""
    text = " ".join(str(text).replace("\xa0", " ").split())
    match = HEADER_UNIT.match(text)
    body, unit = (match.group("text"), match.group("unit")) if match else (text, "")
    parts = body.split("/")
    return [Header("/".join(parts[i:]).strip(), unit.strip(), tuple(p.strip() for p in parts[:i]))
            for i in range(len(parts) - 1, -1, -1)]


def read_data_properties(path):
    """An OData DataProperties file -> {key: Header} with the topic path from ParentID."""
    entries = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    if isinstance(entries, dict):
        entries = entries.get("value", [])
    return headers_of(entries)


def headers_of(entries):
    """OData DataProperties entries -> {key: Header} with the topic path from ParentID (the fetch reads
    them from the service, the build from the file the fetch wrote: one reading for both)."""
    by_id = {e["ID"]: e for e in entries}
    keys = {}
    for entry in entries:
        if entry.get("Type") not in ("Topic", "Dimension", "GeoDimension", "GeoDetail"):
            continue
        path, parent = [], entry.get("ParentID")
        while parent is not None and parent in by_id:
            path.append(by_id[parent]["Title"].strip())
            parent = by_id[parent].get("ParentID")
        keys[entry["Key"]] = Header(" ".join(entry["Title"].split()), (entry.get("Unit") or "").strip(),
                                    tuple(reversed(path)))
    return keys
