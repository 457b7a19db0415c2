"""What the layers hold: names, columns and their kinds, CRS, statuses. Writer and reader both check
a frame against this; a layer that does not fit stops the build or the app with its name."""

from dataclasses import dataclass

import pandas as pd
from pandas.api import types

# A value's status. The first four carry a value; the others say why there is none.
PRESENT = ("published", "provisional", "interpolated", "derived")
# not_carried: on other boundaries, where part of the area had no published value that year.
MISSING = ("suppressed", "not_published", "not_covered", "not_carried")
STATUSES = PRESENT + MISSING

STAT = {"code": "str", "level": "str", "municipality": "str", "year": "int", "variable": "str", "value": "float",
        "status": "status"}


@dataclass(frozen=True)
class Layer:
    name: str
    columns: dict  # column -> kind: str, str?, int, Int (nullable), float, bool, status, list, geometry
    crs: str | None = None  # set for geo layers
    wide_statuses: bool = False  # housing_mix / income: a <column>_status beside every value column
    # Stored sorted by this column in small row groups, so the app reads one municipality's rows with a
    # filter instead of the whole country (see layers/io.py).
    partition: str | None = None
    about: str = ""  # one line for layers/README.md (written with the layers)

    @property
    def file(self):
        return f"{self.name}.parquet"

    @property
    def geo(self):
        return self.crs is not None


LAYERS = {layer.name: layer for layer in (
    Layer("boundaries", {"level": "str", "year": "int", "code": "str", "name": "str?", "municipality": "str",
                         "wijk": "str?", "water_only": "bool", "derived": "str?", "source": "str?", "name_note": "str?",
                         "area_m2": "float", "geometry": "geometry"}, crs="EPSG:28992", partition="municipality",
          about="buurten, wijken and municipalities per boundary year, EPSG:28992 (areas in m²)"),
    Layer("boundaries_display", {"level": "str", "year": "int", "code": "str", "name": "str?", "municipality": "str",
                                 "wijk": "str?", "water_only": "bool", "area_m2": "float", "geometry": "geometry"},
          crs="EPSG:4326", partition="municipality",
          about="the same, simplified as a coverage and rounded, EPSG:4326, for the map"),
    Layer("statistics", {**STAT, "missing_code": "str", "source": "str", "source_column": "str", "table": "str?",
                         "release": "str?", "convention": "str?", "boundary_year": "Int"}, partition="municipality",
          about="every value per area × year × variable, with status, CBS missing code, source file, column (as CBS labels it), table, release and the boundary year it sits on"),
    Layer("statistics_harmonised", {**STAT, "boundary_year": "int", "target_year": "int", "source_cover": "float",
                                    "method": "str", "source": "str", "table": "str?", "release": "str?"},
          partition="municipality",
          about="the statistics carried onto one boundary year per level with tobler (counts by area, shares and means by their base), status interpolated or why not"),
    Layer("crosswalk", {"level": "str", "municipality": "str", "from_year": "int", "from_code": "str", "to_year": "int",
                        "to_code": "str", "overlap_m2": "float", "share_of_from": "float", "share_of_to": "float"},
          partition="municipality",
          about="how much of each area of one boundary year lies in each area of another"),
    Layer("neighbours", {"level": "str", "year": "int", "municipality": "str", "code": "str", "neighbour": "str",
                         "shared_m": "float"}, partition="municipality",
          about="the areas of each map that share an edge (the ring around a study area)"),
    Layer("classes", {"bounds": "str", "municipality": "str", "level": "str", "variable": "str", "first_year": "int",
                      "last_year": "int", "method": "str", "lower": "float", "breaks": "list"}, partition="municipality",
          about="the map's class breaks (natural breaks, quantiles) per indicator and period"),
    # What there is to draw, per municipality, level, variable and year, on either kind of boundaries: a
    # city's menus and year marks come from its few rows here, not from its values.
    Layer("availability", {"bounds": "str", "municipality": "str", "level": "str", "variable": "str", "year": "int",
                           "table": "str", "boundary_year": "Int", "present": "int", "drawable": "int"},
          partition="municipality",
          about="municipality × level × variable × year: present, drawable, on which boundaries — what the app offers"),
    Layer("housing_mix", {"code": "str", "level": "str", "municipality": "str", "year": "int"}, wide_statuses=True,
          partition="municipality",
          about="area × year: dwellings, tenure shares, WOZ, tenure diversity, each with its status"),
    Layer("income", {"code": "str", "level": "str", "municipality": "str", "year": "int"}, wide_statuses=True,
          partition="municipality",
          about="area × year: incomes, low/high shares, reconstructed counts (share × base, base named), location quotients, each with its status"),
    Layer("segregation", {"municipality": "str", "level": "str", "year": "int", "index": "str", "statistic": "float",
                          "ci_low": "float", "ci_high": "float", "n_areas": "int", "n_areas_total": "int",
                          "boundary_year": "int", "base": "str", "note": "str", "iterations": "int",
                          "pysal_segregation": "str"},
          about="income segregation indices per municipality × level × year (PySAL), 95% bootstrap intervals (199 draws, fixed seed), areas used"),
    # CBS's squares (vierkantstatistieken): one row per square × variable × year, the square's lower-left
    # corner in RD New metres, the buurt its centre lies in (squares on no map here are counted in the report).
    Layer("grid", {"municipality": "str", "level": "str", "resolution": "int", "year": "int", "cell": "str", "x": "int",
                   "y": "int", "buurt": "str?", "boundary_year": "Int", "variable": "str", "value": "float",
                   "status": "status", "missing_code": "str", "source": "str", "source_column": "str",
                   "rounding": "str"}, partition="municipality",
          about="CBS's squares: per square × variable × year its value, status, CBS's rounding, its corner in RD New, and the buurt its centre lies in"),
    # The housing mix at every scale: the dissimilarity of corporation-owned and other dwellings over
    # 100 m squares, 500 m squares, buurten and wijken, per municipality and year (PySAL Dissim).
    Layer("scale_profile", {"municipality": "str", "year": "int", "scale": "str", "statistic": "float",
                            "ci_low": "float", "ci_high": "float", "n_units": "int", "n_units_total": "int",
                            "dwellings": "float", "dwellings_left_out": "float", "units_without_dwellings": "int",
                            "boundary_year": "Int", "base": "str", "iterations": "int", "pysal_segregation": "str"},
          about="per municipality × year the dissimilarity of corporation-owned and other dwellings on 100 m, 500 m, buurt and wijk (PySAL Dissim), units and dwellings used and left out"),
    Layer("segregation_changes", {"municipality": "str", "level": "str", "index": "str", "from_year": "int",
                                  "to_year": "int", "span": "str", "difference": "float", "ci_low": "float",
                                  "ci_high": "float", "p_value": "float", "iterations": "int"},
          about="the change of an index between consecutive years and over the whole period, with its 95% interval and p-value"),
)}
REPORT = "build_report.json"
# The parts of the report the app uses, also written on their own: the full report lists areas and
# grows with the country, and the app need not parse it.
SUMMARY = "build_summary.json"


def summary_of(report):
    return {"attribution": report.get("attribution"), "inputs": report.get("inputs", []),
            "target_years": report.get("harmonised", {}).get("target_years", {}),
            "segregation": report.get("segregation", []), "coverage": report.get("coverage", []),
            "opening": report.get("opening")}

_CHECKS = {
    "str": lambda s: types.is_string_dtype(s) and s.notna().all(),
    "str?": types.is_string_dtype,
    "int": types.is_integer_dtype,
    "Int": lambda s: types.is_integer_dtype(s),
    "float": types.is_float_dtype,
    "bool": types.is_bool_dtype,
    "status": lambda s: types.is_string_dtype(s) and s.isin(STATUSES).all(),
    "list": lambda s: types.is_object_dtype(s) or isinstance(s.dtype, pd.ArrowDtype),
    "geometry": lambda s: getattr(s.dtype, "name", "") == "geometry",
}


class SchemaError(ValueError):
    pass


def check(layer, frame):
    """Raise SchemaError naming the layer and the column that does not fit."""
    missing = [c for c in layer.columns if c not in frame.columns]
    if missing:
        raise SchemaError(f"layer {layer.name}: columns missing: {missing}")
    if not layer.wide_statuses:
        extra = [c for c in frame.columns if c not in layer.columns]
        if extra:
            raise SchemaError(f"layer {layer.name}: columns not in the schema: {extra}")
    for column, kind in layer.columns.items():
        if len(frame) and not _CHECKS[kind](frame[column]):
            raise SchemaError(f"layer {layer.name}: column {column} is not {kind} ({frame[column].dtype})")
    if layer.wide_statuses:
        for column in frame.columns:
            if column.endswith("_status") and not frame[column].dropna().isin(STATUSES).all():
                raise SchemaError(f"layer {layer.name}: unknown status in {column}")
    if layer.geo and (frame.crs is None or frame.crs.to_string() != layer.crs):
        raise SchemaError(f"layer {layer.name}: CRS {frame.crs} instead of {layer.crs}")
