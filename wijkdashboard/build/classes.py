"""The map's class breaks, computed once in the build with mapclassify (natural breaks and quantiles,
five classes) for every indicator and map the app can draw, so the app never loads it.

The classes span all years of an indicator for a city and level: a buurt changes colour on the year
slider only when its value moves into another class, so a change of colour is a change in the data."""

import warnings

import numpy as np
import pandas as pd

from ..core.codes import LEVELS
from ..core.indicators import catalogue
from ..layers.schema import LAYERS, PRESENT

METHODS = ("jenks", "quantiles")
K = 5
COLUMNS = list(LAYERS["classes"].columns)


def classify(values, method, k=K):
    """(lower bound, upper bounds of the classes) of the present values; fewer classes where fewer
    distinct values exist."""
    import mapclassify  # loaded in the build's helper process only

    distinct = np.unique(values)
    if len(distinct) == 0:
        return np.nan, []
    if len(distinct) == 1:
        return float(distinct[0]), [float(distinct[0])]
    k = min(k, len(distinct))
    with warnings.catch_warnings():  # "not enough unique values": mapclassify then makes fewer classes
        warnings.simplefilter("ignore", UserWarning)
        scheme = mapclassify.Quantiles(values, k=k) if method == "quantiles" else mapclassify.FisherJenks(values, k=k)
    return float(values.min()), [float(b) for b in scheme.bins]


def compute(long, boundaries, bounds):
    """One row per municipality × level × variable × method, over the values of every year on the map:
    `bounds` "published" (each year on its own map) or "fixed" (the harmonised layer)."""
    on_map = long[long["variable"].isin(list(catalogue())) & long["level"].isin(LEVELS) & long["status"].isin(PRESENT)]
    year_of_map = "boundary_year" if bounds == "published" else "target_year"
    on_map = on_map[on_map[year_of_map].notna()]
    water = boundaries.loc[boundaries["water_only"], ["level", "year", "code"]].rename(columns={"year": year_of_map})
    water[year_of_map] = water[year_of_map].astype(on_map[year_of_map].dtype)
    on_map = on_map.merge(water.assign(_water=True), on=["level", year_of_map, "code"], how="left")
    on_map = on_map[on_map["_water"].isna()]
    rows = []
    for (municipality, level, variable), group in on_map.groupby(["municipality", "level", "variable"], sort=True):
        values = group["value"].to_numpy(dtype=float)
        values = values[~np.isnan(values)]
        years = sorted(int(y) for y in group["year"].unique())
        for method in METHODS:
            lower, breaks = classify(values, method)
            rows.append((bounds, municipality, level, variable, years[0], years[-1], method, lower, breaks))
    return pd.DataFrame(rows, columns=COLUMNS)
