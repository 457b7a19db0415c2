"""Turn one raw CBS frame (map or table, any year, any naming) into the project's vocabulary."""

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from .. import settings, vocabulary
from ..errors import BuildError

TABLE_ID = re.compile(r"(\d{5}NED)", re.IGNORECASE)
YEAR_IN_NAME = re.compile(r"(?<!\d)(19[7-9]\d|20\d\d)(?!\d)")
DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")

STAT_COLUMNS = ["code", "level", "municipality", "year", "variable", "value", "status",
                "missing_code", "source", "source_column"]


@dataclass
class NormalisedFile:
    relative: str
    kind: str
    year: int
    conventions: list
    rows_kept: int
    dropped: Counter
    names: pd.DataFrame  # code, level, year, name
    stats: pd.DataFrame  # long: STAT_COLUMNS
    areas: gpd.GeoDataFrame | None  # code, level, year, name, geometry (in the file's CRS)
    unmapped_columns: list = field(default_factory=list)


def normalise(raw, frame, municipalities=settings.MUNICIPALITIES):
    columns = [c for c in frame.columns if c != getattr(frame, "_geometry_column_name", None)]
    rules = {c: vocabulary.rule_for(c) for c in columns}
    code_column = _code_column(raw, frame, rules)
    year = _year(raw, frame, rules)

    codes = frame[code_column].map(_clean_code)
    dropped = Counter()
    keep = codes.map(lambda c: bool(vocabulary.CODE_PATTERN.match(c)))
    dropped["not a gemeente, wijk or buurt code"] += int((~keep).sum())
    in_scope = codes.map(lambda c: vocabulary.CODE_PATTERN.match(c) is not None
                         and vocabulary.municipality_of(c) in municipalities)
    dropped["other municipality"] += int((keep & ~in_scope).sum())
    keep &= in_scope
    water_columns = [c for c, r in rules.items() if r and r.variable == "@water"]
    for column in water_columns:
        # CBS splits a municipality into a land part and a water-only part (WATER = JA) in some tables.
        is_water = frame[column].astype(str).str.strip().str.upper().eq("JA")
        dropped["water-only part (WATER = JA)"] += int((keep & is_water).sum())
        keep &= ~is_water
    frame = frame[keep.to_numpy()]
    codes = codes[keep.to_numpy()]
    duplicated = codes[codes.duplicated()]
    if not duplicated.empty:
        raise BuildError(raw.path, f"code {duplicated.iloc[0]} appears more than once")

    levels = codes.map(vocabulary.level_of)
    names = _names(frame, rules, codes)
    name_frame = pd.DataFrame({"code": codes.to_numpy(), "level": levels.to_numpy(), "year": year,
                               "name": names.to_numpy()})
    stats = _stats(raw, frame, rules, codes, levels, year)

    areas = None
    if isinstance(frame, gpd.GeoDataFrame):
        areas = gpd.GeoDataFrame(
            {"code": codes.to_numpy(), "level": levels.to_numpy(), "year": year,
             "name": names.to_numpy(), "source": raw.relative},
            geometry=frame.geometry.to_numpy(), crs=frame.crs,
        )
    conventions = sorted({r.convention for r in rules.values() if r})
    unmapped = sorted(c for c, r in rules.items() if r is None)
    return NormalisedFile(raw.relative, raw.kind, year, conventions, len(frame), dropped,
                          name_frame, stats, areas, unmapped)


def _clean_code(value):
    return str(value).strip().upper().replace(" ", "") if value is not None else ""


def _code_column(raw, frame, rules):
    candidates = sorted((r.priority, c) for c, r in rules.items() if r and r.variable == "@code")
    for _, column in candidates:
        if frame[column].map(_clean_code).str.match(vocabulary.CODE_PATTERN.pattern).any():
            return column
    raise BuildError(raw.path, "no column with CBS area codes (such as BU_CODE, statcode, gwb_code_10 "
                               "or WijkenEnBuurten)")


def _year(raw, frame, rules):
    match = TABLE_ID.search(raw.path.name)
    if match and match.group(1).upper() in vocabulary.table_years():
        return vocabulary.table_years()[match.group(1).upper()]
    for column, rule in rules.items():
        if rule and rule.variable == "@year":
            years = {str(v).strip()[:4] for v in frame[column] if str(v).strip()}
            if len(years) == 1 and years.pop().isdigit():
                return int(str(frame[column].iloc[0]).strip()[:4])
    match = YEAR_IN_NAME.search(raw.path.name)
    if match:
        return int(match.group(1))
    raise BuildError(raw.path, "cannot tell the year: no CBS table id, year column or year in the file name")


def _names(frame, rules, codes):
    candidates = sorted((r.priority, c) for c, r in rules.items() if r and r.variable == "@name")
    names = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    # A buurt file carries buurt, wijk and municipality names (priority 1, 2, 3): only the column of
    # the row's own level names it. Priority 0 marks a column that names every level (statnaam).
    level_priority = {"buurt": 1, "wijk": 2, "gemeente": 3}
    row_priority = codes.map(vocabulary.level_of).map(level_priority)
    for priority, column in candidates:
        values = frame[column].map(lambda v: str(v).strip() if v is not None and str(v).strip() else None)
        fits = row_priority.eq(priority) | (priority == 0)
        names = names.where(names.notna(), values.where(fits.to_numpy()))
    return names


def _stats(raw, frame, rules, codes, levels, year):
    parts = []
    seen = {}
    for column, rule in rules.items():
        if rule is None or rule.variable.startswith("@"):
            continue
        if rule.variable in seen:
            raise BuildError(raw.path, f"columns {seen[rule.variable]} and {column} both mean {rule.variable}")
        seen[rule.variable] = column
        parsed = [_parse(raw, column, v, rule.factor) for v in frame[column]]
        parts.append(pd.DataFrame({
            "code": codes.to_numpy(), "level": levels.to_numpy(),
            "municipality": codes.map(vocabulary.municipality_of).to_numpy(), "year": year,
            "variable": rule.variable, "value": [p[0] for p in parsed], "status": [p[1] for p in parsed],
            "missing_code": [p[2] for p in parsed], "source": raw.relative, "source_column": column,
        }))
    if not parts:
        return pd.DataFrame(columns=STAT_COLUMNS)
    return pd.concat(parts, ignore_index=True)[STAT_COLUMNS]


def _parse(raw, column, value, factor):
    """(value, status, missing code): CBS missing-value codes become missing values, never numbers."""
    codes = vocabulary.missing_codes()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return (math.nan, codes[""][0], "")
    text = str(value).strip()
    if text.lower() in codes:
        return (math.nan, codes[text.lower()][0], text)
    if DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise BuildError(raw.path, f"column {column}: '{text}' is neither a number nor a CBS "
                                   "missing-value code") from None
    sentinel = vocabulary.numeric_missing_codes().get(number)
    if sentinel is not None:
        return (math.nan, codes[sentinel][0], sentinel)
    return (number * factor, "published", "")
