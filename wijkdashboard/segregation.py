"""Income segregation per municipality, level and year, with PySAL `segregation` (pinned: its index
values shift slightly between releases). Bootstrap intervals with a fixed seed, so a rebuild gives the
same layer; a change between two years tested with TwoValueTest where two years exist."""

import contextlib
import io
import warnings
from importlib.metadata import version

import numpy as np
import pandas as pd
from libpysal.weights import Queen
from segregation.inference import SingleValueTest, TwoValueTest
from segregation.multigroup import MultiInfoTheory
from segregation.singlegroup import Dissim, Isolation, SpatialDissim

from . import vocabulary
from .analytic import PRESENT, income_groups

ITERATIONS = 199
SEED = 20261122
SEGREGATION_COLUMNS = ["municipality", "level", "year", "index", "statistic", "ci_low", "ci_high", "n_areas",
                       "n_areas_total", "boundary_year", "base", "note", "iterations", "pysal_segregation"]
CHANGE_COLUMNS = ["municipality", "level", "index", "from_year", "to_year", "difference", "p_value", "iterations"]


def catalogue():
    return {row["id"]: row for row in vocabulary.read_csv("segregation_indices.csv")}


def _inputs(stats, municipality, level, year):
    mine = stats[(stats["municipality"] == municipality) & (stats["level"] == level) & (stats["year"] == year)
                 & stats["status"].isin(PRESENT)]
    return mine.pivot(index="code", columns="variable", values="value"), mine["code"].nunique()


def _person_data(wide, geometry):
    needed = {"pct_persons_low_income", "pct_persons_high_income", "inhabitants"}
    if not needed <= set(wide.columns):
        return None
    groups = income_groups(wide[list(needed)].dropna())
    groups = groups[(groups >= 0).all(axis=1) & (groups.sum(axis=1) > 0)]
    groups["total"] = groups.sum(axis=1)
    groups["low_high"] = groups["low"] + groups["high"]
    return geometry.join(groups, how="inner") if geometry is not None else groups


def _household_data(wide, geometry):
    if not {"pct_households_low_income", "households"} <= set(wide.columns):
        return None
    data = wide[["pct_households_low_income", "households"]].dropna()
    data = pd.DataFrame({"low": data["pct_households_low_income"] * data["households"] / 100.0,
                         "total": data["households"]})
    data = data[data["total"] > 0]
    return geometry.join(data, how="inner") if geometry is not None else data


def indices_for(data, households):
    """The fitted PySAL index objects that the inputs allow, by id."""
    fitted = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if data is not None and len(data) >= 2:
            fitted["dissim_low_vs_rest"] = Dissim(data, "low", "total")
            fitted["dissim_low_vs_high"] = Dissim(data, "low", "low_high")
            fitted["isolation_low"] = Isolation(data, "low", "total")
            fitted["multi_information_theory"] = MultiInfoTheory(data, groups=["low", "middle", "high"])
            if hasattr(data, "geometry"):
                w = Queen.from_dataframe(data, use_index=False, silence_warnings=True)
                fitted["spatial_dissim_low"] = SpatialDissim(data, "low", "total", w=w)
        if households is not None and len(households) >= 2:
            fitted["dissim_low_income_households"] = Dissim(households, "low", "total")
    return fitted


def interval(index):
    """95% bootstrap interval of an index (fixed seed: the same on every rebuild)."""
    np.random.seed(SEED)
    # PySAL's inference draws a progress bar per test on stderr: keep the build's console readable.
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        test = SingleValueTest(index, iterations_under_null=ITERATIONS, null_approach="bootstrap", n_jobs=1)
    sims = np.asarray(test.est_sim, dtype=float)
    sims = sims[~np.isnan(sims)]
    return float(np.percentile(sims, 2.5)), float(np.percentile(sims, 97.5))


def compute(stats, boundaries, harmonise_log):
    """(indices per municipality × level × year, tests of change between consecutive years)."""
    boundary_years = {(g["municipality"], g["level"], g["year"]): g["boundary_year"] for g in harmonise_log}
    rows, fitted_by_key = [], {}
    for (municipality, level, year), _ in stats[stats["level"].isin(["buurt", "wijk"])].groupby(
            ["municipality", "level", "year"], sort=True):
        wide, n_total = _inputs(stats, municipality, level, year)
        boundary_year = boundary_years.get((municipality, level, int(year)))
        geometry = None
        if boundary_year is not None:
            areas = boundaries[(boundaries["municipality"] == municipality) & (boundaries["level"] == level)
                               & (boundaries["year"] == boundary_year)]
            geometry = areas.set_index("code")[["geometry"]]
        persons, households = _person_data(wide, geometry), _household_data(wide, geometry)
        fitted = indices_for(persons, households)
        for index_id, index in fitted.items():
            low, high = interval(index)
            data = households if index_id == "dissim_low_income_households" else persons
            rows.append({"municipality": municipality, "level": level, "year": int(year), "index": index_id,
                         "statistic": round(float(index.statistic), 6), "ci_low": round(low, 6), "ci_high": round(high, 6),
                         "n_areas": len(data), "n_areas_total": int(n_total), "boundary_year": boundary_year,
                         "base": "households" if index_id == "dissim_low_income_households" else "inhabitants",
                         "note": "" if len(data) == n_total else f"{n_total - len(data)} areas without a value left out",
                         "iterations": ITERATIONS, "pysal_segregation": version("segregation")})
            fitted_by_key[(municipality, level, int(year), index_id)] = index
    changes = []
    for (municipality, level, index_id), group in pd.DataFrame(rows, columns=SEGREGATION_COLUMNS).groupby(
            ["municipality", "level", "index"]):
        years = sorted(group["year"])
        for a, b in zip(years, years[1:]):
            first, second = fitted_by_key[(municipality, level, a, index_id)], fitted_by_key[(municipality, level, b, index_id)]
            np.random.seed(SEED)
            with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
                warnings.simplefilter("ignore")
                test = TwoValueTest(first, second, iterations_under_null=ITERATIONS, null_approach="random_label", n_jobs=1)
            changes.append({"municipality": municipality, "level": level, "index": index_id, "from_year": a, "to_year": b,
                            "difference": round(float(test.est_point_diff), 6), "p_value": round(float(test.p_value), 6),
                            "iterations": ITERATIONS})
    return (pd.DataFrame(rows, columns=SEGREGATION_COLUMNS),
            pd.DataFrame(changes, columns=CHANGE_COLUMNS))
