"""A readable name for the CBS product behind a raw file, for the hover, legend and table."""

import re

from . import vocabulary

TABLE_ID = re.compile(r"(\d{5}NED)", re.IGNORECASE)
WIJKBUURTKAART = re.compile(r"wijkbuurtkaart(\d{4})", re.IGNORECASE)
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def product(source, lang="nl"):
    """'stats/kwb2022_85318NED_…csv' -> 'CBS Kerncijfers wijken en buurten 2022 (85318NED)'."""
    if not source:
        return ""
    name = source.rsplit("/", 1)[-1]
    table = TABLE_ID.search(name)
    if table and table.group(1).upper() in vocabulary.table_years():
        year = vocabulary.table_years()[table.group(1).upper()]
        title = "Kerncijfers wijken en buurten" if lang == "nl" else "Key figures for districts and neighbourhoods"
        return f"CBS {title} {year} ({table.group(1).upper()})"
    map_year = WIJKBUURTKAART.search(name)
    if map_year:
        return f"CBS {'Wijk- en buurtkaart' if lang == 'nl' else 'District and neighbourhood map'} {map_year.group(1)}"
    year = YEAR.search(name)
    if year and "buurtvergelijker" in name.lower():
        return f"CBS {'Wijk- en buurtkaart' if lang == 'nl' else 'District and neighbourhood map'} {year.group(1)}"
    return f"CBS ({name})"
