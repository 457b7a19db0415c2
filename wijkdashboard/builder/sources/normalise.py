"""Turn one raw CBS frame (map or table, any year, any naming) into the project's vocabulary."""

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from ... import settings
from ...core import vocabulary
from ...core.errors import BuildError
from ...core.statline import table_id as statline_table_id

YEAR_IN_NAME = re.compile(r"(?<!\d)(19[7-9]\d|20\d\d)(?!\d)")
DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
DUTCH_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+(,\d+)?$")
ODATA_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9]*_\d+$")

STAT_COLUMNS = ["code", "level", "municipality", "year", "variable", "value", "status",
                "missing_code", "source", "source_column", "table", "release", "convention"]


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
    shape: str = ""
    table: str = ""
    release: str = ""
    mapped_columns: dict = field(default_factory=dict)  # column -> variable
    layer: str | None = None  # the layer of a GeoPackage with several (WijkBuurtkaart: gemeenten, wijken, buurten)


def source_name(relative, layer=None):
    """How the layers name a value's file: its path below the raw folder, and its layer where it has several."""
    return f"{relative}#{layer}" if layer else relative


def normalise(raw, table, municipalities=settings.MUNICIPALITIES, keys=None, release=None, layer=None):
    """A NormalisedFile from a GeoDataFrame (a map) or a RawTable. `keys`: table id -> {OData key:
    Header}, from DataProperties in the raw folder; data/cbs_keys.csv fills in the rest. `release`: the
    file's release where the fetch recorded it, else data/releases.csv says. `layer`: the GeoPackage
    layer the frame was read from, if the file has several."""
    frame = table.frame if hasattr(table, "headers") else table
    headers = getattr(table, "headers", {})
    number_format = getattr(table, "number_format", "plain")
    table_id = statline_table_id(raw.path.name)
    odata_keys = ((keys or {}).get(table_id) or vocabulary.curated_keys().get(table_id)) if table_id else None
    columns = [c for c in frame.columns if c != getattr(frame, "_geometry_column_name", None)]
    found = {c: vocabulary.rule_for(c, headers.get(c), odata_keys) for c in columns}
    rules = {c: (r if not isinstance(r, vocabulary.Unmapped) else None) for c, r in found.items()}
    code_column = _code_column(raw, frame, rules)
    year = _year(raw, frame, rules)

    codes = frame[code_column].map(_clean_code)
    dropped = Counter()
    keep = codes.map(lambda c: bool(vocabulary.CODE_PATTERN.match(c)))
    dropped["not a gemeente, wijk or buurt code"] += int((~keep).sum())
    in_scope = codes.map(lambda c: vocabulary.CODE_PATTERN.match(c) is not None
                         and (municipalities is None or vocabulary.municipality_of(c) in municipalities))
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
    product, curated = vocabulary.release_of(raw.relative)
    product, release = table_id or product, release or curated
    source = source_name(raw.relative, layer)
    stats = _stats(raw, frame, rules, codes, levels, year, number_format, product, release, source)

    areas = None
    if isinstance(frame, gpd.GeoDataFrame):
        areas = gpd.GeoDataFrame(
            {"code": codes.to_numpy(), "level": levels.to_numpy(), "year": year,
             "name": names.to_numpy(), "source": source},
            geometry=frame.geometry.to_numpy(), crs=frame.crs,
        )
    conventions = sorted({r.convention for r in rules.values() if r})
    unmapped = [_unmapped_reason(c, found[c], table_id, odata_keys) for c in columns if rules[c] is None]
    mapped = {c: r.variable for c, r in rules.items() if r and not r.variable.startswith("@")}
    shape = "map" if isinstance(frame, gpd.GeoDataFrame) else getattr(table, "shape", "named columns")
    if shape == "named columns" and any(r and r.convention == "cbs_label" for r in rules.values()):
        by_key = any(r and r.convention == "cbs_label" and ODATA_KEY.match(c) for c, r in rules.items())
        shape = "OData TypedDataSet (keys via DataProperties)" if by_key else "StatLine table ('Onderwerp (eenheid)' headers)"
    return NormalisedFile(raw.relative, raw.kind, year, conventions, len(frame), dropped,
                          name_frame, stats, areas, unmapped, shape, product or "", release, mapped, layer)


def _unmapped_reason(column, reason, table_id, odata_keys):
    if ODATA_KEY.match(str(column)) and odata_keys is None:
        return f"{column}: OData key, and no DataProperties of {table_id or 'its table'} at hand"
    return column if str(reason) == str(column) else f"{column}: {reason}"


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
    table = statline_table_id(raw.path.name)
    if table in vocabulary.table_years():
        return vocabulary.table_years()[table]
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


def _stats(raw, frame, rules, codes, levels, year, number_format, product, release, source):
    """Every mapped column of the file in long form, all cells parsed in one vectorised pass."""
    mapped, seen = [], {}
    for column, rule in rules.items():
        if rule is None or rule.variable.startswith("@"):
            continue
        if rule.variable in seen:
            raise BuildError(raw.path, f"columns {seen[rule.variable]} and {column} both mean {rule.variable}")
        seen[rule.variable] = column
        mapped.append((column, rule))
    if not mapped:
        return pd.DataFrame(columns=STAT_COLUMNS)
    n, columns = len(frame), [c for c, _ in mapped]
    cells = pd.Series(frame[columns].to_numpy(dtype=object).T.ravel())
    factor = np.repeat([r.factor for _, r in mapped], n)
    value, status, missing = parse_column(raw, columns, cells, factor, number_format, n)
    # A column that is '.' in every row, the municipality included, was not yet published when the
    # file was made (CBS adds income figures later): not a value CBS withheld per area.
    unpublished = (missing.reshape(len(mapped), n) == ".").all(axis=1) if n else np.zeros(len(mapped), bool)
    status[np.repeat(unpublished, n)] = "not_published"
    return pd.DataFrame({
        "code": np.tile(codes.to_numpy(), len(mapped)), "level": np.tile(levels.to_numpy(), len(mapped)),
        "municipality": np.tile(codes.map(vocabulary.municipality_of).to_numpy(), len(mapped)), "year": year,
        "variable": np.repeat([r.variable for _, r in mapped], n), "value": value, "status": status,
        "missing_code": missing, "source": source,
        "source_column": np.repeat([r.described or c for c, r in mapped], n), "table": product, "release": release,
        "convention": np.repeat([r.convention for _, r in mapped], n),
    })[STAT_COLUMNS]


def parse_column(raw, column, values, factor=1.0, number_format="plain", per_column=None):
    """(values, statuses, missing codes) of cells, vectorised. CBS missing-value codes become missing
    values, never numbers; a trailing * (provisional) or ** (revised provisional) keeps the value and
    marks it provisional; in Dutch notation '.' groups thousands and ',' is the decimal. `column` may
    list the columns of consecutive blocks of `per_column` cells, to name the one at fault."""
    codes = vocabulary.missing_codes()
    text = pd.Series(values, copy=False).map(lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v))
                                             else str(v)).str.strip()

    def fault(mask):
        first = int(np.flatnonzero(mask)[0])
        return column[first // per_column] if per_column else column, text.iloc[first]
    lower = text.str.lower()
    is_code = lower.isin(list(codes)).to_numpy()
    provisional = text.str.endswith("*").to_numpy()
    number = text.str.rstrip("*").str.strip()
    if number_format == "nl":
        bad = ~is_code & ~number.str.match(DUTCH_NUMBER.pattern).to_numpy()
        if bad.any():
            where, cell = fault(bad)
            raise BuildError(raw.path, f"column {where}: '{cell}' is not a number in Dutch notation "
                                       "(1.234,5) nor a CBS missing-value code")
        number = number.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        number = number.where(~number.str.match(DECIMAL_COMMA.pattern), number.str.replace(",", ".", regex=False))
    parsed = pd.to_numeric(number.where(~is_code), errors="coerce").to_numpy(dtype=float)
    bad = ~is_code & np.isnan(parsed)
    if bad.any():
        where, cell = fault(bad)
        raise BuildError(raw.path, f"column {where}: '{cell}' is neither a number nor a CBS missing-value code")
    status = np.where(provisional, "provisional", "published").astype(object)
    missing = np.full(len(text), "", dtype=object)
    status[is_code] = [codes[c][0] for c in lower[is_code]]
    missing[is_code] = text[is_code].to_numpy()
    sentinels = vocabulary.numeric_missing_codes()
    is_sentinel = np.isin(parsed, list(sentinels)) & ~is_code
    if is_sentinel.any():
        tokens = [sentinels[v] for v in parsed[is_sentinel]]
        status[is_sentinel] = [codes[t][0] for t in tokens]
        missing[is_sentinel] = tokens
    value = np.where(is_code | is_sentinel, np.nan, parsed * factor)
    return value, status, missing
