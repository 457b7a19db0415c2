"""What there is to draw: per kind of boundaries, municipality, level, variable, year and CBS table, the
number of values present and of values that sit on a map. The app builds its menus, year marks and
opening view from this small table and reads a municipality's values only when someone opens it."""

import pandas as pd

from ..layers.schema import PRESENT

KEYS = ["municipality", "level", "variable", "year", "table"]


def availability(published, fixed, grid=None):
    frames = []
    for bounds, long in (("published", published), ("fixed", fixed)):
        present = long["status"].isin(PRESENT)
        counted = pd.DataFrame({
            **{k: long[k] for k in KEYS[:-1]}, "table": long["table"].fillna(""),
            "boundary_year": long["boundary_year"].astype("Int64"),
            "present": present.astype("int64"), "drawable": (present & long["boundary_year"].notna()).astype("int64")})
        summary = counted.groupby(KEYS, sort=True).agg(boundary_year=("boundary_year", "max"),
                                                      present=("present", "sum"), drawable=("drawable", "sum"))
        frames.append(summary.reset_index().assign(bounds=bounds))
    if grid is not None and len(grid):
        frames += [_grid(grid).assign(bounds=bounds) for bounds in ("fixed", "published")]
    return pd.concat(frames, ignore_index=True)


def _grid(grid):
    """The squares of a municipality: every square of the grid is drawable (its id is its geometry)."""
    placed = grid[grid["municipality"].notna()]
    present = placed["status"].isin(PRESENT).astype("int64")
    summary = placed.assign(present=present, drawable=present, table="CBS Vierkantstatistieken " + placed["resolution"].astype(str) + " m") \
        .groupby(KEYS, sort=True).agg(present=("present", "sum"), drawable=("drawable", "sum"))
    return summary.reset_index().assign(boundary_year=pd.array([pd.NA] * len(summary), dtype="Int64"))


def coverage(available):
    """Which CBS table gave which variable for which year (the Over page's provenance per indicator)."""
    rows = available[(available["bounds"] == "published") & (available["present"] > 0)]
    rows = rows[["variable", "table", "year"]].drop_duplicates().sort_values(["variable", "year", "table"])
    return [{"variable": r.variable, "table": r.table, "year": int(r.year)} for r in rows.itertuples()]


def drawable_on_fixed(available):
    rows = available[(available["bounds"] == "fixed") & (available["drawable"] > 0)]
    return rows[["municipality", "level", "variable", "year"]]
