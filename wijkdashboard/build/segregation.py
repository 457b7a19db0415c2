"""Income segregation per municipality, level and year, with PySAL `segregation` (pinned: its index
values shift slightly between releases). Bootstrap intervals with a fixed seed, so a rebuild gives the
same layer; a change between two consecutive years tested against a random-label null where two years
exist. The draws are vectorised (inference.py) and reproduce PySAL's own simulations."""

import warnings
from importlib.metadata import version

import numpy as np
import pandas as pd

from . import inference
from .derived import PRESENT, income_groups

ITERATIONS = 199
SEED = 20261122
SEGREGATION_COLUMNS = ["municipality", "level", "year", "index", "statistic", "ci_low", "ci_high", "n_areas",
                       "n_areas_total", "boundary_year", "base", "note", "iterations", "pysal_segregation"]
CHANGE_COLUMNS = ["municipality", "level", "index", "from_year", "to_year", "difference", "p_value", "iterations"]


def _inputs(group):
    mine = group[group["status"].isin(PRESENT)]
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


# How each index is computed: its input (persons or households), its columns, and its vectorised form.
SPECS = {
    "dissim_low_vs_rest": ("persons", ("low", "total"), "dissim"),
    "dissim_low_vs_high": ("persons", ("low", "low_high"), "dissim"),
    "isolation_low": ("persons", ("low", "total"), "isolation"),
    "multi_information_theory": ("persons", ("low", "middle", "high"), "theil"),
    "spatial_dissim_low": ("persons", ("low", "total"), "spatial"),
    "dissim_low_income_households": ("households", ("low", "total"), "dissim"),
}


def indices_for(data, households):
    """The fitted PySAL index objects that the inputs allow, by id, with their contiguity (spatial)."""
    # Imported here: PySAL takes seconds to load, and the build loads it in its background process.
    from libpysal.weights import Queen
    from segregation.multigroup import MultiInfoTheory
    from segregation.singlegroup import Dissim, Isolation, SpatialDissim
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


def _columns(data, index_id):
    _, columns, _ = SPECS[index_id]
    return [np.asarray(data[c], dtype=float) for c in columns]


def bootstrap(index, index_id, data):
    """The index over ITERATIONS resamples of the units (as PySAL's SingleValueTest, vectorised)."""
    kind = SPECS[index_id][2]
    rows = inference.bootstrap_indices(len(data), ITERATIONS, SEED)
    values = _columns(data, index_id)
    if kind == "theil":
        counts = np.stack(values, axis=-1)[rows]
        return inference.information_theory(counts)
    x, t = values[0][rows], values[1][rows]
    if kind == "spatial":
        contiguity = index.w.sparse.toarray() > 0
        return inference.spatial_dissim(x, t, contiguity, rows)
    return {"dissim": inference.dissim, "isolation": inference.isolation}[kind](x, t)


def change_test(first, second, index_id, data_first, data_second):
    """(change second − first, p) against PySAL's random_label null: the units of both years pooled
    (counts rounded, as PySAL does) and their years shuffled. None for the spatial index: shuffling
    units between two maps has no spatial meaning."""
    kind = SPECS[index_id][2]
    if kind == "spatial":
        return None
    pooled = [np.concatenate([np.round(a), np.round(b)]) for a, b in
              zip(_columns(data_first, index_id), _columns(data_second, index_id))]
    labels = np.array([1] * len(data_first) + [2] * len(data_second))
    shuffled = inference.permuted_labels(labels, ITERATIONS, SEED)
    one, two = (shuffled == 1).astype(float), (shuffled == 2).astype(float)
    if kind == "theil":
        counts = np.broadcast_to(np.stack(pooled, axis=-1), (ITERATIONS,) + (len(labels), len(pooled)))
        null = inference.information_theory(counts, one) - inference.information_theory(counts, two)
    else:
        f = {"dissim": inference.dissim, "isolation": inference.isolation}[kind]
        x, t = (np.broadcast_to(v, (ITERATIONS, len(labels))) for v in pooled)
        null = f(x, t, one) - f(x, t, two)
    observed = float(first.statistic - second.statistic)
    return -observed, inference.two_tailed_p(observed, null)


def compute(stats, boundaries):
    """(indices per municipality × level × year, tests of change between consecutive years), over the
    areas on the map of each year (orphan codes are left out)."""
    rows, fitted_by_key = [], {}
    on_map = stats[stats["level"].isin(["buurt", "wijk"]) & stats["boundary_year"].notna()]
    for (municipality, level, year, boundary_year), group in on_map.groupby(
            ["municipality", "level", "year", "boundary_year"], sort=True):
        wide, n_total = _inputs(group)
        boundary_year = int(boundary_year)
        areas = boundaries[(boundaries["municipality"] == municipality) & (boundaries["level"] == level)
                           & (boundaries["year"] == boundary_year)]
        geometry = areas.set_index("code")[["geometry"]]
        persons, households = _person_data(wide, geometry), _household_data(wide, geometry)
        for index_id, index in indices_for(persons, households).items():
            data = households if SPECS[index_id][0] == "households" else persons
            low, high = inference.interval(bootstrap(index, index_id, data))
            rows.append({"municipality": municipality, "level": level, "year": int(year), "index": index_id,
                         "statistic": round(float(index.statistic), 6), "ci_low": round(low, 6), "ci_high": round(high, 6),
                         "n_areas": len(data), "n_areas_total": int(n_total), "boundary_year": boundary_year,
                         "base": SPECS[index_id][0].replace("persons", "inhabitants"),
                         "note": "" if len(data) == n_total else f"{n_total - len(data)} areas without a value left out",
                         "iterations": ITERATIONS, "pysal_segregation": version("segregation")})
            fitted_by_key[(municipality, level, int(year), index_id)] = (index, data)
    changes = []
    for (municipality, level, index_id), group in pd.DataFrame(rows, columns=SEGREGATION_COLUMNS).groupby(
            ["municipality", "level", "index"]):
        years = sorted(group["year"])
        for a, b in zip(years, years[1:]):
            (first, data_a), (second, data_b) = fitted_by_key[(municipality, level, a, index_id)], \
                fitted_by_key[(municipality, level, b, index_id)]
            result = change_test(first, second, index_id, data_a, data_b)
            if result is None:
                continue
            difference, p_value = result
            changes.append({"municipality": municipality, "level": level, "index": index_id, "from_year": a,
                            "to_year": b, "difference": round(difference, 6), "p_value": round(p_value, 6),
                            "iterations": ITERATIONS})
    return (pd.DataFrame(rows, columns=SEGREGATION_COLUMNS),
            pd.DataFrame(changes, columns=CHANGE_COLUMNS))
