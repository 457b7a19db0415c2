"""A readable name for the CBS product behind a value, for the hover, legend, table and CSV: the
table or map, its year and, where known, the release the value comes from."""

import re
from functools import cache

from .data import read_csv

TABLE_ID = re.compile(r"(\d{5}NED)", re.IGNORECASE)
YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
TITLES = {"nl": "Kerncijfers wijken en buurten", "en": "Key figures for districts and neighbourhoods"}
MAP = {"nl": "Wijk- en buurtkaart", "en": "District and neighbourhood map"}
GRID = {"nl": "Vierkantstatistieken", "en": "Grid statistics"}
RELEASE = {"nl": "versie", "en": "release"}


@cache
def table_years():
    """Table id -> its year, for the tables of one year (a multi-year table's rows name their period)."""
    return {row["table_id"].upper(): int(row["year"]) for row in read_csv("cbs_tables.csv") if row["year"]}


@cache
def tables():
    """Every Kerncijfers table: id, first and last year, title, whether its id is verified."""
    return [{"table_id": row["table_id"], "first_year": int(row["first_year"]), "last_year": int(row["last_year"]),
             "title": row["title"], "verified": row["verified"] == "yes", "note": row["note"]}
            for row in read_csv("cbs_tables.csv")]


def product(table, release="", lang="nl", source=""):
    """'85318NED' -> 'CBS Kerncijfers wijken en buurten 2022 (85318NED)'; a map product by its name;
    the release appended where known ('…, versie 2025-11')."""
    table = table or ""
    match = TABLE_ID.search(table) or TABLE_ID.search(source or "")
    if match and match.group(1).upper() in table_years():
        tid = match.group(1).upper()
        text = f"CBS {TITLES[lang]} {table_years()[tid]} ({tid})"
    elif table:
        text = "CBS " + table.replace("CBS ", "").replace("Wijk- en buurtkaart", MAP[lang]).replace(GRID["nl"], GRID[lang])
    else:
        text = f"CBS ({source.rsplit('/', 1)[-1]})" if source else "CBS"
    return f"{text}, {RELEASE[lang]} {release}" if release else text
