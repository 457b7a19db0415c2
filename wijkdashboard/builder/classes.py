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
    distinct values exist. The bins of mapclassify's Quantiles and FisherJenks, from the functions those
    classifiers call, without the fit summary they compute besides (most of their time when the
    country's 200,000 groups are classified; tests check the bins are the classifiers' own)."""
    from mapclassify.classifiers import _fisher_jenks_means, quantile  # the build's helper process only

    distinct = np.unique(values)
    if len(distinct) == 0:
        return np.nan, []
    if len(distinct) == 1:
        return float(distinct[0]), [float(distinct[0])]
    k = min(k, len(distinct))
    with warnings.catch_warnings():  # "not enough unique values": mapclassify then makes fewer classes
        warnings.simplefilter("ignore", UserWarning)
        bins = quantile(values, k=k) if method == "quantiles" else _fisher_jenks_means(np.sort(values).astype("f8"), k)
    return float(distinct[0]), [float(b) for b in bins]


def compute(long, boundaries, bounds):
    """One row per municipality × level × variable × method, over the values of every year on the map:
    `bounds` "published" (each year on its own map) or "fixed" (the harmonised layer)."""
    on_map = long[long["variable"].isin(list(catalogue())) & long["level"].isin(LEVELS) & long["status"].isin(PRESENT)
                  & long["value"].notna()]
    year_of_map = "boundary_year" if bounds == "published" else "target_year"
    on_map = on_map[on_map[year_of_map].notna()]
    water = boundaries.loc[boundaries["water_only"], ["level", "year", "code"]].rename(columns={"year": year_of_map})
    water[year_of_map] = water[year_of_map].astype(on_map[year_of_map].dtype)
    on_map = on_map.merge(water.assign(_water=True), on=["level", year_of_map, "code"], how="left")
    return _classified(on_map[on_map["_water"].isna()], bounds)


def compute_grid(grid):
    """The same for the squares of every municipality (a grid has one geometry: its classes serve both
    kinds of boundaries)."""
    on_map = grid[grid["municipality"].notna() & grid["variable"].isin(list(catalogue())) & grid["status"].isin(PRESENT)
                  & grid["value"].notna()]
    return pd.concat([_classified(on_map, bounds) for bounds in ("fixed", "published")], ignore_index=True)


def _classified(on_map, bounds):
    on_map = on_map.sort_values(["municipality", "level", "variable"], kind="stable")
    # One pass over sorted arrays: a group is a slice, so the loop costs only the classification.
    keys = on_map[["municipality", "level", "variable"]].to_numpy()
    values, years = on_map["value"].to_numpy(dtype=float), on_map["year"].to_numpy()
    starts = np.flatnonzero(np.r_[True, (keys[1:] != keys[:-1]).any(axis=1)]) if len(keys) else np.array([], int)
    rows = []
    for start, end in zip(starts, np.r_[starts[1:], len(keys)]):
        municipality, level, variable = keys[start]
        group_years = years[start:end]
        for method in METHODS:
            lower, breaks = classify(values[start:end], method)
            rows.append((bounds, municipality, level, variable, int(group_years.min()), int(group_years.max()), method,
                         lower, breaks))
    return pd.DataFrame(rows, columns=COLUMNS)
