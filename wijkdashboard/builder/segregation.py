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
CHANGE_COLUMNS = ["municipality", "level", "index", "from_year", "to_year", "span", "difference", "ci_low", "ci_high",
                  "p_value", "iterations"]


KEYS = ["municipality", "level", "year", "boundary_year"]
PERSON_INPUTS = ["pct_persons_low_income", "pct_persons_high_income", "inhabitants"]
HOUSEHOLD_INPUTS = ["pct_households_low_income", "households"]
PYSAL_SEGREGATION = version("segregation")


def _inputs(on_map):
    """Per map (municipality, level, year, boundary year): the persons per income group and the
    households with a low income per area, prepared for every map at once; and the number of areas
    with any value."""
    present = on_map[on_map["status"].isin(PRESENT)]
    n_total = present.groupby(KEYS)["code"].nunique()
    needed = present[present["variable"].isin(PERSON_INPUTS + HOUSEHOLD_INPUTS)]
    wide = needed.set_index(KEYS + ["code", "variable"])["value"].unstack("variable")
    wide = wide.reindex(columns=PERSON_INPUTS + HOUSEHOLD_INPUTS)
    persons = income_groups(wide[PERSON_INPUTS].dropna())
    persons = persons[(persons >= 0).all(axis=1) & (persons.sum(axis=1) > 0)]
    persons["total"] = persons.sum(axis=1)
    persons["low_high"] = persons["low"] + persons["high"]
    households = wide[HOUSEHOLD_INPUTS].dropna()
    households = pd.DataFrame({"low": households["pct_households_low_income"] * households["households"] / 100.0,
                               "total": households["households"]})
    households = households[households["total"] > 0]

    def per_map(frame):
        return {k: g.droplevel(list(range(len(KEYS)))) for k, g in frame.groupby(level=list(range(len(KEYS))))}
    return per_map(persons), per_map(households), n_total


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
            # The aspatial indices get the plain table: PySAL handles a GeoDataFrame at twice the cost.
            table = pd.DataFrame(data.drop(columns="geometry")) if hasattr(data, "geometry") else data
            fitted["dissim_low_vs_rest"] = Dissim(table, "low", "total")
            fitted["dissim_low_vs_high"] = Dissim(table, "low", "low_high")
            fitted["isolation_low"] = Isolation(table, "low", "total")
            fitted["multi_information_theory"] = MultiInfoTheory(table, groups=["low", "middle", "high"])
            if hasattr(data, "geometry"):
                w = Queen.from_dataframe(data, use_index=False, silence_warnings=True)
                fitted["spatial_dissim_low"] = SpatialDissim(data, "low", "total", w=w)
        if households is not None and len(households) >= 2:
            table = pd.DataFrame(households.drop(columns="geometry")) if hasattr(households, "geometry") else households
            fitted["dissim_low_income_households"] = Dissim(table, "low", "total")
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
    shuffled = inference.permuted_labels(len(data_first), len(data_second), ITERATIONS, SEED)
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
    maps = {k: g.set_index("code")[["geometry"]] for k, g in boundaries[boundaries["level"].isin(["buurt", "wijk"])]
            .groupby(["municipality", "level", "year"])}
    empty = boundaries.iloc[0:0].set_index("code")[["geometry"]]
    persons_by_map, households_by_map, totals = _inputs(on_map)
    for key in sorted(set(persons_by_map) | set(households_by_map)):
        municipality, level, year, boundary_year = key
        boundary_year, n_total = int(boundary_year), int(totals[key])
        geometry = maps.get((municipality, level, boundary_year), empty)
        # Joined onto the map: the areas in map order, as PySAL and the bootstrap see them.
        persons, households = (geometry.join(by_map[key], how="inner") if key in by_map else None
                               for by_map in (persons_by_map, households_by_map))
        for index_id, index in indices_for(persons, households).items():
            data = households if SPECS[index_id][0] == "households" else persons
            draws = bootstrap(index, index_id, data)
            low, high = inference.interval(draws)
            rows.append({"municipality": municipality, "level": level, "year": int(year), "index": index_id,
                         "statistic": round(float(index.statistic), 6), "ci_low": round(low, 6), "ci_high": round(high, 6),
                         "n_areas": len(data), "n_areas_total": n_total, "boundary_year": boundary_year,
                         "base": SPECS[index_id][0].replace("persons", "inhabitants"),
                         "note": "" if len(data) == n_total else f"{n_total - len(data)} areas without a value left out",
                         "iterations": ITERATIONS, "pysal_segregation": PYSAL_SEGREGATION})
            fitted_by_key[(municipality, level, int(year), index_id)] = (index, data, draws)
    changes = []
    for (municipality, level, index_id), group in pd.DataFrame(rows, columns=SEGREGATION_COLUMNS).groupby(
            ["municipality", "level", "index"]):
        years = sorted(group["year"])
        # Each step from one year to the next, and the whole period: small steps can each be
        # indistinguishable from no change while the period as a whole is not.
        spans = [(a, b, "step") for a, b in zip(years, years[1:])]
        if len(years) > 2:
            spans.append((years[0], years[-1], "period"))
        for a, b, span in spans:
            (first, data_a, draws_a), (second, data_b, draws_b) = fitted_by_key[(municipality, level, a, index_id)], \
                fitted_by_key[(municipality, level, b, index_id)]
            result = change_test(first, second, index_id, data_a, data_b)
            if result is None:
                continue
            difference, p_value = result
            # The interval of the difference from the two years' independent bootstrap draws.
            low, high = inference.interval(np.asarray(draws_b) - np.asarray(draws_a))
            changes.append({"municipality": municipality, "level": level, "index": index_id, "from_year": a,
                            "to_year": b, "span": span, "difference": round(difference, 6), "ci_low": round(low, 6),
                            "ci_high": round(high, 6), "p_value": round(p_value, 6), "iterations": ITERATIONS})
    return (pd.DataFrame(rows, columns=SEGREGATION_COLUMNS),
            pd.DataFrame(changes, columns=CHANGE_COLUMNS))
