"""Carry statistics onto one common boundary year with tobler's areal interpolation.

Counts are interpolated by area. A share or mean is never averaged by area: it is turned into a
count with its proper base (share × households, mean WOZ × dwellings, …), both are interpolated,
and the ratio is taken again on the target areas. A target area that lies largely outside the
source year's areas, or takes more than a little of its area from a source whose value CBS withheld,
gets no value: it is marked, never filled with 0.
"""

import warnings

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from tobler.area_weighted import area_interpolate

from . import vocabulary

# A target area must lie at least half inside the source year's areas. Real absence (Haren before it
# joined Groningen in 2019) gives ~0; different generalisations of one outline give 70-100%.
MIN_COVERED = 0.5
MAX_MISSING = 0.05  # share of a target area that may come from sources without a value
# value = numerator / (base / BASE_SCALE) * VALUE_SCALE: shares are percentages, densities are per km²
# of land while the land base is in hectares.
_VALUE_SCALE = {"share": 100.0, "mean": 1.0, "density": 1.0}
_BASE_SCALE = {"share": 1.0, "mean": 1.0, "density": 100.0}
HARMONISED_COLUMNS = ["code", "level", "municipality", "year", "variable", "value", "status",
                      "boundary_year", "target_year", "source_cover", "method", "source"]


def boundary_year_for(boundaries, municipality, level, year, codes):
    """The boundary year a statistics year belongs to: its own year, else the nearest year whose area
    codes are exactly the same. Returns (year or None, how)."""
    mine = boundaries[(boundaries["municipality"] == municipality) & (boundaries["level"] == level)]
    years = sorted(mine["year"].unique())
    if year in years:
        return year, "same year"
    wanted = set(codes)
    for candidate in sorted(years, key=lambda y: (abs(y - year), y)):
        of_year = mine[mine["year"] == candidate]
        every = set(of_year["code"])
        land = set(of_year.loc[~of_year["water_only"], "code"])
        if wanted <= every and land <= wanted:
            return candidate, f"boundaries of {candidate}: identical codes"
    return None, "no boundaries with these codes"


def target_years(boundaries, municipalities):
    """Per level, the latest boundary year that covers every municipality."""
    targets = {}
    for level in ("buurt", "wijk"):
        of_level = boundaries[boundaries["level"] == level]
        complete = [y for y, g in of_level.groupby("year") if set(municipalities) <= set(g["municipality"])]
        if complete:
            targets[level] = int(max(complete))
    return targets


def harmonise(stats, boundaries, crosswalk, municipalities):
    """Statistics of every year on the common boundary year of their level (long format) and a log."""
    variables = vocabulary.variables()
    targets = target_years(boundaries, municipalities)
    out, log = [], []
    for (municipality, level, year), group in stats.groupby(["municipality", "level", "year"], sort=True):
        if level not in targets:
            continue
        target_year = targets[level]
        boundary_year, how = boundary_year_for(boundaries, municipality, level, year, group["code"].unique())
        entry = {"municipality": municipality, "level": level, "year": int(year), "target_year": target_year,
                 "boundary_year": boundary_year, "boundaries": how}
        log.append(entry)
        if boundary_year is None:
            continue
        sources = ";".join(sorted(group["source"].unique()))
        if boundary_year == target_year:
            rows = group.assign(boundary_year=boundary_year, target_year=target_year, method="as published",
                                source_cover=1.0)
            out.append(rows[HARMONISED_COLUMNS])
            continue
        interpolated, skipped = _interpolate(group, boundaries, crosswalk, municipality, level,
                                             boundary_year, target_year, variables)
        entry["skipped"] = skipped
        out.append(interpolated.assign(municipality=municipality, level=level, year=year,
                                       boundary_year=boundary_year, target_year=target_year,
                                       source=sources)[HARMONISED_COLUMNS])
    result = pd.concat(out, ignore_index=True) if out else pd.DataFrame(columns=HARMONISED_COLUMNS)
    return result.sort_values(["level", "municipality", "year", "variable", "code"], ignore_index=True), log


# Same code, each the other's largest overlap and covering 60% of it: one place, differently generalised
# (a reused code with a new meaning, such as Groningen's 2017 redivision, overlaps far less).
SAME_PLACE = 0.6
SLIVER = 0.02  # an overlap under 2% of the source area is outline noise between generalisations


def allocation_table(overlaps, sources, targets):
    """The source × target overlap areas tobler allocates by, cleaned of what is not geography:
    an area that kept its code and its ground goes wholly to itself, and slivers are dropped (the
    generalised maps of different years disagree by tens of metres, which would otherwise move people
    from a dense buurt into the empty port next door)."""
    rows = overlaps.copy()
    best_of_source = rows.loc[rows.groupby("from_code")["overlap_m2"].idxmax()].index
    best_of_target = rows.loc[rows.groupby("to_code")["overlap_m2"].idxmax()].index
    same = rows[(rows["from_code"] == rows["to_code"]) & (rows["share_of_from"] >= SAME_PLACE)
                & (rows["share_of_to"] >= SAME_PLACE) & rows.index.isin(best_of_source) & rows.index.isin(best_of_target)]
    rows = rows[~rows["from_code"].isin(same["from_code"]) | rows.index.isin(same.index)]
    rows = rows[(rows["share_of_from"] >= SLIVER) | rows.index.isin(same.index)]
    # A source left with nothing (all its overlaps slivers) keeps its largest one.
    lost = set(overlaps["from_code"]) - set(rows["from_code"])
    if lost:
        largest = overlaps[overlaps["from_code"].isin(lost)].sort_values("overlap_m2").groupby("from_code").tail(1)
        rows = pd.concat([rows, largest])
    s_index = {code: i for i, code in enumerate(sources)}
    t_index = {code: j for j, code in enumerate(targets)}
    return coo_matrix((rows["overlap_m2"].to_numpy(), (rows["from_code"].map(s_index).to_numpy(),
                                                       rows["to_code"].map(t_index).to_numpy())),
                      shape=(len(sources), len(targets))).tocsr()


def _interpolate(group, boundaries, crosswalk, municipality, level, from_year, to_year, variables):
    areas = boundaries[(boundaries["level"] == level) & (boundaries["municipality"] == municipality)]
    source = areas[(areas["year"] == from_year) & ~areas["water_only"]].set_index("code")
    target = areas[areas["year"] == to_year].set_index("code")
    wide = group.pivot(index="code", columns="variable", values="value").reindex(source.index)
    status = group.pivot(index="code", columns="variable", values="status").reindex(source.index)

    # Each variable becomes an extensive quantity: (numerator, base). Counts have no base.
    quantities, skipped = {}, {}
    for name in wide.columns:
        var = variables[name]
        if var.kind == "count":
            quantities[name] = (wide[name], None)
        elif var.kind in ("share", "mean", "density"):
            if var.weight not in wide.columns:
                skipped[name] = f"base {var.weight} not published for {from_year}"
                continue
            base = wide[var.weight] / _BASE_SCALE[var.kind]
            quantities[name] = (wide[name] / _VALUE_SCALE[var.kind] * base, wide[var.weight])
        else:
            skipped[name] = f"{var.kind} values are not interpolated"

    columns = {}
    for name, (numerator, base) in quantities.items():
        columns[f"n::{name}"] = numerator
        if base is not None:
            columns[f"b::{name}"] = base
    frame = pd.DataFrame(columns, index=source.index)
    missing = frame.isna()
    source_frame = source[["geometry"]].join(frame.fillna(0.0))
    overlaps = crosswalk[(crosswalk["level"] == level) & (crosswalk["from_year"] == from_year)
                         & (crosswalk["to_year"] == to_year) & crosswalk["from_code"].isin(source.index)
                         & crosswalk["to_code"].isin(target.index)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        estimates = area_interpolate(source_frame.reset_index(), target[["geometry"]].reset_index(),
                                     extensive_variables=list(frame.columns),
                                     table=allocation_table(overlaps, source.index, target.index))
    estimates.index = target.index
    covered = overlaps.groupby("to_code")["share_of_to"].sum().reindex(target.index).fillna(0.0)

    rows = []
    for name, (_, base) in quantities.items():
        gaps = missing[f"n::{name}"] | (missing[f"b::{name}"] if base is not None else False)
        withheld = status[name].reindex(gaps.index).eq("suppressed")
        share_missing = (overlaps[overlaps["from_code"].isin(gaps[gaps].index)]
                         .groupby("to_code")["share_of_to"].sum().reindex(target.index).fillna(0.0))
        any_suppressed = (overlaps[overlaps["from_code"].isin(gaps[gaps & withheld].index)]
                          .groupby("to_code")["share_of_to"].sum().reindex(target.index).fillna(0.0)) > 0
        numerator = estimates[f"n::{name}"]
        var = variables[name]
        if base is None:
            value, method = numerator.round(0), "area-weighted count"
        else:
            denominator = estimates[f"b::{name}"] / _BASE_SCALE[var.kind]
            with np.errstate(divide="ignore", invalid="ignore"):
                value = (numerator / denominator * _VALUE_SCALE[var.kind]).round(2)
            value = value.where(denominator > 0)
            method = f"weighted by {var.weight}"
        state = pd.Series("interpolated", index=target.index)
        state[value.isna()] = "not_published"
        state[share_missing > MAX_MISSING] = np.where(any_suppressed[share_missing > MAX_MISSING],
                                                      "suppressed", "not_published")
        state[covered < MIN_COVERED] = "not_covered"
        value = value.where(state == "interpolated")
        rows.append(pd.DataFrame({"code": target.index, "variable": name, "value": value.to_numpy(),
                                  "status": state.to_numpy(), "method": method,
                                  "source_cover": covered.round(4).to_numpy()}))
    return pd.concat(rows, ignore_index=True), skipped
