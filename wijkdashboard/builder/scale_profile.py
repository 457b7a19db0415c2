"""The housing mix at every scale: how unevenly corporation-owned dwellings and all other dwellings are
spread over 100 m squares, 500 m squares, buurten and wijken of one municipality in one year.

The 1997 policy mixed owner-occupied homes into social-rent estates. Whether that made a place "mixed"
depends on the scale one looks at: a wijk can be mixed while every block in it is one tenure. The index
is PySAL's dissimilarity (`segregation.singlegroup.Dissim`) of corporation-owned dwellings against the
rest: the share of either group that would have to move for every unit to have the municipality's mix.

Units whose counts are missing (a square CBS keeps secret, a buurt without a tenure figure) are left
out, never read as 0; each row says how many units and dwellings that leaves out. On the squares the
counts are CBS's (rounded to 5); for buurten and wijken the corporation dwellings are rebuilt as share ×
dwellings (CBS rounds the share to whole percentages). Bootstrap intervals (as PySAL's
SingleValueTest, vectorised in inference.py) where there are enough units to resample."""

import warnings
from importlib.metadata import version

import numpy as np
import pandas as pd

from . import inference
from .derived import PRESENT
from .segregation import ITERATIONS, SEED

SCALES = ("vk100", "vk500", "buurt", "wijk")  # finest first
MIN_UNITS = 2  # an index needs two units
MIN_UNITS_FOR_INTERVAL = 10  # resampling fewer units says little about the uncertainty
COLUMNS = ["municipality", "year", "scale", "statistic", "ci_low", "ci_high", "n_units", "n_units_total", "dwellings",
           "dwellings_left_out", "units_without_dwellings", "boundary_year", "base", "iterations", "pysal_segregation"]
BASES = {"grid": "corporation dwellings and dwellings as counted per square (CBS rounds them to 5)",
         "area": "dwellings × share owned by corporations / 100 (CBS rounds the share to whole percentages)"}


def units(stats, grid):
    """{(municipality, year, scale): (frame of corp and total per unit, boundary year)}: the inputs of
    every profile, each unit with its dwellings and corporation dwellings (NaN where not known)."""
    out = {}
    if len(grid):
        cells = grid[grid["municipality"].notna() & grid["variable"].isin(["dwellings", "social_rent_dwellings"])]
        cells = cells.assign(value=cells["value"].where(cells["status"].isin(PRESENT)))
        wide = cells.set_index(["municipality", "year", "level", "cell", "variable"])["value"].unstack("variable")
        for (municipality, year, scale), part in wide.groupby(level=[0, 1, 2]):
            frame = pd.DataFrame({"corp": part.get("social_rent_dwellings"), "total": part.get("dwellings")})
            out[(municipality, int(year), scale)] = (frame.reset_index(drop=True), None)
    areas = stats[stats["level"].isin(["buurt", "wijk"]) & stats["boundary_year"].notna()
                  & stats["variable"].isin(["dwellings", "pct_social_rent"])]
    areas = areas.assign(value=areas["value"].where(areas["status"].isin(PRESENT)))
    wide = areas.set_index(["municipality", "year", "level", "boundary_year", "code", "variable"])["value"] \
        .unstack("variable")
    if "pct_social_rent" not in wide or "dwellings" not in wide:
        return out
    for (municipality, year, scale, boundary_year), part in wide.groupby(level=[0, 1, 2, 3]):
        if part["pct_social_rent"].notna().sum() == 0:
            continue  # no tenure published for this map: no profile point, not a point of zeros
        frame = pd.DataFrame({"corp": part["pct_social_rent"] * part["dwellings"] / 100.0, "total": part["dwellings"]})
        out[(municipality, int(year), scale)] = (frame.reset_index(drop=True), int(boundary_year))
    return out


def dissimilarity(frame):
    """PySAL's Dissim of corporation dwellings against all dwellings over the units of the frame."""
    from segregation.singlegroup import Dissim  # PySAL loads in the build's helper process only
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(Dissim(frame, "corp", "total").statistic)


def compute(stats, grid):
    rows = []
    pysal = version("segregation")
    for (municipality, year, scale), (frame, boundary_year) in sorted(units(stats, grid).items()):
        known_total = frame["total"].notna()
        used = frame[known_total & frame["corp"].notna()]
        used = used[used["total"] >= 0]
        if len(used) < MIN_UNITS or used["total"].sum() <= 0 or used["corp"].sum() <= 0:
            continue
        statistic = dissimilarity(used)
        low = high = np.nan
        if len(used) >= MIN_UNITS_FOR_INTERVAL:
            draws = inference.bootstrap_indices(len(used), ITERATIONS, SEED)
            x, t = used["corp"].to_numpy(float), used["total"].to_numpy(float)
            low, high = inference.interval(inference.dissim(x[draws], t[draws]))
        rows.append({"municipality": municipality, "year": year, "scale": scale, "statistic": round(statistic, 6),
                     "ci_low": round(low, 6), "ci_high": round(high, 6), "n_units": len(used),
                     "n_units_total": len(frame), "dwellings": float(used["total"].sum()),
                     "dwellings_left_out": float(frame.loc[known_total & frame["corp"].isna(), "total"].sum()),
                     "units_without_dwellings": int((~known_total).sum()), "boundary_year": boundary_year,
                     "base": BASES["grid" if scale.startswith("vk") else "area"], "iterations": ITERATIONS,
                     "pysal_segregation": pysal})
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["boundary_year"] = out["boundary_year"].astype("Int64")
    out["scale"] = pd.Categorical(out["scale"], SCALES, ordered=True)
    return out.sort_values(["municipality", "year", "scale"], ignore_index=True).astype({"scale": str})
