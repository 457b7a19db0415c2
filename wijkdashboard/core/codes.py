"""CBS area codes: GM + 4 digits (gemeente), WK + 6 (wijk), BU + 8 (buurt). The codes nest."""

import re
from functools import cache

from .data import read_csv

CODE_PATTERN = re.compile(r"^(GM\d{4}|WK\d{6}|BU\d{8})$")
LEVEL_BY_PREFIX = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}
LEVELS = ("wijk", "buurt")  # the levels a map shows; gemeente is the whole city


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
