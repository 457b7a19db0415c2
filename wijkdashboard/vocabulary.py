"""The project's one vocabulary: variables, CBS column names per naming convention, missing-value codes.

Everything here is read from the curated tables in ``data/``; no CBS name is spelled in code.
"""

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import settings

CODE_PATTERN = re.compile(r"^(GM\d{4}|WK\d{6}|BU\d{8})$")
LEVEL_BY_PREFIX = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}
# StatLine/OData keys carry a position suffix that changes per year: AantalInwoners_5, Woningvoorraad_35.
STATLINE_SUFFIX = re.compile(r"_\d+$")


def read_csv(name, data_dir=None):
    path = Path(data_dir or settings.DATA_DIR) / name
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class ColumnRule:
    source_name: str
    variable: str  # a variable id, or a role such as "@code"
    factor: float
    convention: str
    priority: int


@dataclass(frozen=True)
class Variable:
    id: str
    kind: str  # count | share | mean | density | category
    unit: str
    weight: str  # the base a share or mean is taken over (a variable id), "" for counts
    theme: str
    label_nl: str
    label_en: str
    definition_nl: str
    definition_en: str


@cache
def variables(data_dir=None):
    return {row["id"]: Variable(**row) for row in read_csv("variables.csv", data_dir)}


@cache
def column_rules(data_dir=None, convention=None):
    """Lower-cased source column name -> rule (of one naming convention, if given). One name never
    means two things."""
    known = variables(data_dir)
    rules = {}
    for row in read_csv("cbs_columns.csv", data_dir):
        rule = ColumnRule(
            row["source_name"], row["variable"], float(row["factor"] or 1),
            row["convention"], int(row["priority"] or 9),
        )
        if not rule.variable.startswith("@") and rule.variable not in known:
            raise ValueError(f"data/cbs_columns.csv: {rule.source_name} maps to unknown variable {rule.variable}")
        key = rule.source_name.strip().lower()
        if convention and rule.convention != convention:
            continue
        if key in rules and rules[key].variable != rule.variable:
            raise ValueError(f"data/cbs_columns.csv: {rule.source_name} maps to two variables")
        rules.setdefault(key, rule)
    return rules


def rule_for(column, data_dir=None):
    """The rule for a source column: exact name first, then a StatLine key without its position suffix."""
    rules = column_rules(data_dir)
    key = str(column).strip().lower()
    if key in rules:
        return rules[key]
    stripped = STATLINE_SUFFIX.sub("", key)
    if stripped == key:
        return None
    return column_rules(data_dir, "statline").get(stripped)


@cache
def missing_codes(data_dir=None):
    """Source token (as text) -> (status, reason_nl, reason_en)."""
    return {
        row["code"].strip().lower(): (row["status"], row["reason_nl"], row["reason_en"])
        for row in read_csv("missing_codes.csv", data_dir)
    }


@cache
def numeric_missing_codes(data_dir=None):
    """Numeric sentinel -> its token in missing_codes.csv (-99999999.0 -> "-99999999")."""
    out = {}
    for token in missing_codes(data_dir):
        try:
            out[float(token)] = token
        except ValueError:
            continue
    return out


@cache
def table_years(data_dir=None):
    return {row["table_id"].upper(): int(row["year"]) for row in read_csv("cbs_tables.csv", data_dir)}


@cache
def municipality_names(data_dir=None):
    return {row["code"]: row for row in read_csv("municipalities.csv", data_dir)}


def check(data_dir=None):
    """Load every curated table once, so a broken one is reported by name before any raw file is read."""
    from .errors import BuildError
    loaders = {"variables.csv": variables, "cbs_columns.csv": column_rules, "missing_codes.csv": missing_codes,
               "cbs_tables.csv": table_years, "municipalities.csv": municipality_names}
    for name, loader in loaders.items():
        try:
            loader(data_dir)
        except Exception as exc:
            raise BuildError(Path(data_dir or settings.DATA_DIR) / name, f"{type(exc).__name__}: {exc}") from None


def level_of(code):
    return LEVEL_BY_PREFIX[code[:2]]


def municipality_of(code):
    return "GM" + code[2:6]


def wijk_of(code):
    return "WK" + code[2:8] if code.startswith("BU") else None
