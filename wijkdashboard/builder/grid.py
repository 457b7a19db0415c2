"""CBS's vierkantstatistieken: statistics on 100 m and 500 m squares (`cbs_vk100_2024_v1.gpkg`,
`…parquet`), read as people download them.

A square needs no map: its id names it. `E0974N4514` is the square whose lower-left corner lies at
x = 97,400 m, y = 451,400 m in RD New (EPSG:28992), hectometres after E and N; its side is the file's
resolution. Each square is placed in the buurt, and so the municipality, that holds its centre, on the
buurt map nearest the grid's year; a square whose centre lies on no map in the raw folder (its
municipality's map is not there) is kept, with no municipality, and counted in the report.

CBS rounds the grid's counts to 5 and its shares to 10 percentage points, and keeps small numbers
secret; the redistributed files carry an empty cell where CBS gave a missing-value code. Every value
keeps its rounding; an empty cell is a missing value, never 0."""

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from ..core import vocabulary
from ..core.errors import BuildError
from .sources.normalise import YEAR_IN_NAME, parse_column

CELL_ID = re.compile(r"^E(\d{4})N(\d{4})$")
RESOLUTION_IN_NAME = re.compile(r"(?:res|r|vk)(100|500)(?:m)?(?!\d)", re.IGNORECASE)
GRID_LEVEL = {100: "vk100", 500: "vk500"}
# How CBS rounds a grid value, by the kind of variable (its "Toelichting vierkantstatistieken").
ROUNDING = {"count": "5", "share": "10"}
GRID_COLUMNS = ["municipality", "level", "resolution", "year", "cell", "x", "y", "buurt", "boundary_year", "variable",
                "value", "status", "missing_code", "source", "source_column", "rounding"]
# A share derived from two rounded counts (corporation dwellings / dwellings) is a grid measure of its
# own: the file has the counts, not the share.
DERIVED = {"pct_social_rent": ("social_rent_dwellings", "dwellings")}
BLANK = "(leeg)"  # the missing code of a value a redistributor left empty
DERIVED_FORMULA = "social_rent_dwellings / dwellings × 100 (two counts rounded to 5 by CBS)"


@dataclass
class NormalisedGrid:
    relative: str
    resolution: int
    year: int
    stats: pd.DataFrame  # cell, variable, value, status, missing_code, source_column
    rows_kept: int
    mapped_columns: dict = field(default_factory=dict)
    unmapped_columns: list = field(default_factory=list)
    shape: str = "CBS vierkantstatistieken"
    table: str = ""
    release: str = ""


def id_column(frame):
    """The column of square ids (crs28992res100m, c28992r500, …), if the frame is a grid file."""
    for column in frame.columns:
        rule = vocabulary.column_rules().get(str(column).strip().lower())
        if rule is not None and rule.variable == "@grid_cell":
            return column
    return None


def corner(cell):
    """(x, y) in metres of a square's lower-left corner, from its id."""
    match = CELL_ID.match(cell)
    return int(match.group(1)) * 100, int(match.group(2)) * 100


def squares(x, y, resolution):
    """The squares as polygons in RD New (EPSG:28992)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return shapely.box(x, y, x + resolution, y + resolution)


def normalise(raw, frame, source):
    """A NormalisedGrid from one vierkant file (a GeoPackage layer or a Parquet table)."""
    column = id_column(frame)
    cells = frame[column].astype(str).str.strip().str.upper()
    bad = ~cells.str.match(CELL_ID.pattern)
    if bad.any():
        raise BuildError(raw.path, f"column {column}: '{cells[bad].iloc[0]}' is not a CBS square id such as E0974N4514")
    if cells.duplicated().any():
        raise BuildError(raw.path, f"square {cells[cells.duplicated()].iloc[0]} appears more than once")
    resolution = _resolution(raw, column)
    xy = np.array([corner(c) for c in cells]).reshape(-1, 2)
    off_grid = (xy % resolution != 0).any(axis=1)
    if off_grid.any():
        raise BuildError(raw.path, f"square {cells[off_grid].iloc[0]} does not lie on the {resolution} m grid its "
                                   f"column {column} names")
    year = _year(raw, frame)
    mapped, unmapped = {}, []
    columns = [c for c in frame.columns if c not in (column, getattr(frame, "_geometry_column_name", None))]
    parts = []
    for name in columns:
        rule = vocabulary.column_rules().get(str(name).strip().lower())
        if rule is None or rule.variable.startswith("@"):
            if rule is None:
                unmapped.append(str(name))
            continue
        kind = vocabulary.variables()[rule.variable].kind
        cells_of_column = frame[name]
        value, status, missing = parse_column(raw, name, cells_of_column.to_numpy(dtype=object), rule.factor)
        # An empty cell: the file's redistributor blanked CBS's code for a secret or unavailable value.
        empty = (cells_of_column.isna() | cells_of_column.astype(str).str.strip().eq("")).to_numpy()
        status[empty], missing[empty] = "suppressed", BLANK
        parts.append(pd.DataFrame({"cell": cells.to_numpy(), "variable": rule.variable, "value": value,
                                   "status": status, "missing_code": missing, "source_column": str(name),
                                   "rounding": ROUNDING.get(kind, "")}))
        mapped[str(name)] = rule.variable
    stats = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["cell", "variable", "value", "status", "missing_code", "source_column", "rounding"])
    stats = pd.concat([stats, _derived(stats)], ignore_index=True)
    stats = stats.merge(pd.DataFrame({"cell": cells.to_numpy(), "x": xy[:, 0], "y": xy[:, 1]}), on="cell")
    stats["source"] = source
    product, release = vocabulary.release_of(raw.relative)
    return NormalisedGrid(raw.relative, resolution, year, stats, len(cells), mapped, unmapped,
                          table=product or f"Vierkantstatistieken {year}", release=release)


def _derived(stats):
    """pct_social_rent per square from its two counts, where both are there and it has dwellings."""
    parts = []
    for variable, (numerator, base) in DERIVED.items():
        wide = stats[stats["variable"].isin([numerator, base])].pivot(index="cell", columns="variable", values="value")
        if numerator not in wide or base not in wide:
            continue
        cells = stats.loc[stats["variable"] == base, "cell"]
        wide = wide.reindex(cells)
        ok = wide[numerator].notna() & wide[base].notna() & (wide[base] > 0)
        value = np.where(ok, (wide[numerator] / wide[base].where(ok) * 100).round(1), np.nan)
        missing_base = wide[base].isna() | wide[numerator].isna()
        status = np.where(ok, "derived", np.where(missing_base, "suppressed", "not_published"))
        parts.append(pd.DataFrame({"cell": cells.to_numpy(), "variable": variable, "value": value, "status": status,
                                   "missing_code": np.where(ok, "", np.where(missing_base, BLANK, "")),
                                   "source_column": DERIVED_FORMULA, "rounding": "derived"}))
    return pd.concat(parts, ignore_index=True) if parts else stats.iloc[0:0]


def _resolution(raw, column):
    for text in (str(column), raw.path.name):
        match = RESOLUTION_IN_NAME.search(text)
        if match:
            return int(match.group(1))
    raise BuildError(raw.path, f"cannot tell the squares' size (100 or 500 m) from column {column} or the file name")


def _year(raw, frame):
    for column in frame.columns:
        rule = vocabulary.column_rules().get(str(column).strip().lower())
        if rule is not None and rule.variable == "@year":
            years = {str(v).strip()[:4] for v in frame[column] if str(v).strip()}
            if len(years) == 1:
                return int(years.pop())
    match = YEAR_IN_NAME.search(raw.path.name)
    if match:
        return int(match.group(1))
    raise BuildError(raw.path, "cannot tell the year of the squares: no year column and no year in the file name")


def place(grids, areas):
    """The grid layer: every square's values with its corner, its resolution and the buurt (and so the
    municipality) its centre lies in, on the buurt map of the year nearest the grid's. And the report's
    rows: per file, how many squares lie in which municipality, and how many on no map."""
    frames, report = [], []
    buurten = areas[(areas["level"] == "buurt") & ~areas["water_only"]]
    for grid in grids:
        cells = grid.stats.drop_duplicates("cell")[["cell", "x", "y"]]
        centre_x, centre_y = cells["x"].to_numpy() + grid.resolution / 2, cells["y"].to_numpy() + grid.resolution / 2
        maps = _nearest_maps(buurten, grid.year)
        geoms = maps.geometry.to_numpy()
        found = np.full(len(cells), -1)
        if len(geoms):
            points, polygons = shapely.STRtree(geoms).query(shapely.points(centre_x, centre_y), predicate="within")
            found[points] = polygons
        hit = found >= 0
        placed = pd.DataFrame({
            "cell": cells["cell"].to_numpy(),
            "buurt": np.where(hit, maps["code"].to_numpy()[np.maximum(found, 0)], None),
            "boundary_year": pd.array(np.where(hit, maps["year"].to_numpy()[np.maximum(found, 0)], np.nan),
                                      dtype="Float64").astype("Int64"),
            "municipality": np.where(hit, maps["municipality"].to_numpy()[np.maximum(found, 0)], None)})
        # Squares on no map stay out of the layer (nothing can draw them or say whose they are); the
        # report counts them, and a rebuild with their municipality's map places them.
        stats = grid.stats.merge(placed[hit], on="cell")
        stats = stats.assign(resolution=grid.resolution, level=GRID_LEVEL[grid.resolution], year=grid.year)
        frames.append(stats[GRID_COLUMNS])
        per_city = placed["municipality"].value_counts().sort_index()
        report.append({"file": grid.relative, "resolution_m": grid.resolution, "year": grid.year,
                       "squares": len(cells), "placed_by": "the square's centre, in the buurt map of "
                       + ", ".join(sorted({f"{m} {int(y)}" for m, y in zip(maps['municipality'], maps['year'])}))
                       if len(maps) else "no buurt map in the raw folder",
                       "squares_per_municipality": {k: int(v) for k, v in per_city.items()},
                       "squares_on_no_map": int((~hit).sum())})
    layer = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=GRID_COLUMNS)
    layer = layer.astype({"resolution": "int64", "year": "int64", "x": "int64", "y": "int64", "value": "float64"})
    return layer.sort_values(["municipality", "resolution", "year", "variable", "cell"], ignore_index=True), report


def _nearest_maps(buurten, year):
    """Per municipality, its buurt map nearest to `year` (the earlier one at equal distance)."""
    if buurten.empty:
        return buurten
    years = buurten[["municipality", "year"]].drop_duplicates()
    years = years.assign(distance=(years["year"] - year).abs(), later=years["year"] > year)
    chosen = years.sort_values(["municipality", "distance", "later"]).drop_duplicates("municipality")
    keys = set(zip(chosen["municipality"], chosen["year"]))
    return buurten[[k in keys for k in zip(buurten["municipality"], buurten["year"])]]
