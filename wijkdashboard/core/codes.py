"""CBS area codes: GM + 4 digits (gemeente), WK + 6 (wijk), BU + 8 (buurt). The codes nest."""

import re
import unicodedata
from functools import cache

from .data import read_csv

# A municipality's own part of a wijk or buurt code may hold capitals since 2022 (Amsterdam: WK0363AA,
# BU0363AA01); the municipality's four digits never do.
CODE_PATTERN = re.compile(r"^(GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$")
LEVEL_BY_PREFIX = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}
LEVELS = ("wijk", "buurt")  # the levels a map shows; gemeente is the whole city
# CBS's squares (vierkantstatistieken): a map level too, where a city has them. A square is named by
# its id (E0974N4514: its lower-left corner in hectometres in RD New).
GRID_LEVELS = ("vk100", "vk500")
GRID_RESOLUTION = {"vk100": 100, "vk500": 500}
MAP_LEVELS = LEVELS + GRID_LEVELS
CELL_PATTERN = re.compile(r"^E\d{4}N\d{4}$")


def is_grid(level):
    return level in GRID_LEVELS


def level_of(code):
    return LEVEL_BY_PREFIX[code[:2]]


def municipality_of(code):
    return "GM" + code[2:6]


def wijk_of(code):
    return "WK" + code[2:8] if code.startswith("BU") else None


@cache
def display_names(data_dir=None):
    """code -> {"nl": …, "en": …} where the common name differs from CBS's ('s-Gravenhage: Den Haag)."""
    return {row["code"]: {"nl": row["name_nl"], "en": row["name_en"], "cbs": row["cbs_name"]}
            for row in read_csv("municipalities.csv", data_dir)}


def search_key(text):
    """A name as the area box looks it up: 'Hoogvliet-Noord', 'hoogvliet noord' and 'Hoogvliet Noord' are
    one name."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", text)
