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

from ..core.codes import municipality_of
from ..core.indicators import variables as all_variables

# A target area must lie at least half inside the source year's areas. Real absence (Haren before it
# joined Groningen in 2019) gives ~0; different generalisations of one outline give 70-100%.
MIN_COVERED = 0.5
MAX_MISSING = 0.05  # share of a target area that may come from sources without a value
# value = numerator / (base / BASE_SCALE) * VALUE_SCALE: shares are percentages, densities are per km²
# of land while the land base is in hectares.
_VALUE_SCALE = {"share": 100.0, "mean": 1.0, "density": 1.0}
_BASE_SCALE = {"share": 1.0, "mean": 1.0, "density": 100.0}
HARMONISED_COLUMNS = ["code", "level", "municipality", "year", "variable", "value", "status",
                      "boundary_year", "target_year", "source_cover", "method", "source", "table", "release"]


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
    """Statistics of every year on the common boundary year of their level (long format) and a log.
    Only values attached to a boundary year take part (orphan codes never add into an estimate).

    All municipalities of one level and year are carried over in one step (codes are unique across the
    country; an area takes nothing from over its municipality's border), so the work grows with the
    number of years, not with the number of municipalities."""
    variables = all_variables()
    targets = target_years(boundaries, municipalities)
    out, log = [], []
    attached = stats[stats["boundary_year"].notna() & stats["level"].isin(list(targets))]
    # Indexed once: the areas of each map and the overlaps of each pair of years.
    maps = {key: group.set_index("code") for key, group in boundaries.groupby(["level", "year"])}
    pairs = {key: group for key, group in crosswalk.groupby(["level", "from_year", "to_year"])}
    for (level, year, boundary_year), group in attached.groupby(["level", "year", "boundary_year"], sort=True):
        target_year, boundary_year = targets[level], int(boundary_year)
        munis = sorted(group["municipality"].unique())
        entries = [{"municipality": m, "level": level, "year": int(year), "target_year": target_year,
                    "boundary_year": boundary_year} for m in munis]
        log += entries
        if boundary_year == target_year:
            rows = group.assign(target_year=target_year, method="as published", source_cover=1.0)
            out.append(rows[HARMONISED_COLUMNS])
            continue
        source = maps[(level, boundary_year)]
        target = maps.get((level, target_year))
        source = source[source["municipality"].isin(munis) & ~source["water_only"]]
        target = target[target["municipality"].isin(munis)] if target is not None else None
        without = set(munis) - (set(target["municipality"]) if target is not None else set())
        for entry in entries:
            if entry["municipality"] in without:
                entry["skipped"] = {"*": f"no boundaries of {target_year} for this municipality"}
        if target is None or target.empty:
            continue
        overlaps = pairs.get((level, boundary_year, target_year), crosswalk.iloc[0:0])
        overlaps = overlaps[overlaps["from_code"].str[2:6] == overlaps["to_code"].str[2:6]]  # within a municipality
        interpolated, _ = _interpolate(group, source, target, overlaps, boundary_year, variables)
        interpolated["municipality"] = interpolated["code"].map(municipality_of)
        # What a municipality cannot carry over: a share or mean whose base it lacks that year, a category.
        owned = group.groupby("municipality")["variable"].unique()
        dropped = []
        for entry in entries:
            mine = set(owned[entry["municipality"]])
            skipped = _not_carried(mine, variables, boundary_year)
            entry.setdefault("skipped", skipped)
            dropped += [(entry["municipality"], v) for v in skipped]
        if dropped:
            keys = pd.MultiIndex.from_arrays([interpolated["municipality"], interpolated["variable"]])
            interpolated = interpolated[~keys.isin(dropped)]
        # Each carried value names the files, tables and releases of its own variable and municipality.
        # Aligned: the n-th table and release belong to the n-th file.
        triples = group[["municipality", "variable", "source", "table", "release"]].fillna("").drop_duplicates()
        provenance = _provenance(triples)
        # Only the variables a municipality has in this year (the columns are the union of all of them).
        interpolated = interpolated.join(provenance, on=["municipality", "variable"], how="inner")
        interpolated = _same_areas_as_published(interpolated, group, overlaps, source, target, boundary_year)
        out.append(interpolated.assign(level=level, year=year, boundary_year=boundary_year,
                                       target_year=target_year)[HARMONISED_COLUMNS])
    result = pd.concat(out, ignore_index=True) if out else pd.DataFrame(columns=HARMONISED_COLUMNS)
    result["boundary_year"] = result["boundary_year"].astype("int64")
    log.sort(key=lambda e: (e["municipality"], e["level"], e["year"]))
    return result.sort_values(["level", "municipality", "year", "variable", "code"], ignore_index=True), log


def _same_areas_as_published(interpolated, group, overlaps, source, target, from_year):
    """An area that kept its code and ground (allocation_rows: the same place) is the published area:
    every value of it — categories and shares without a base included — is carried as CBS published it,
    with CBS's status (a value CBS withheld stays withheld, one it published stays published) and its own
    file. Nothing is recomputed for it."""
    _, same = allocation_rows(overlaps, source.index, target.index)
    if same.empty:
        return interpolated
    codes = set(same["from_code"])
    own = group[group["code"].isin(codes)]
    cover = same.set_index("to_code")["share_of_to"]
    carried = pd.DataFrame({
        "code": own["code"].to_numpy(), "variable": own["variable"].to_numpy(), "value": own["value"].to_numpy(),
        "status": own["status"].to_numpy(), "method": f"same area as on the map of {from_year}",
        "source_cover": cover.reindex(own["code"]).round(4).to_numpy(),
        "municipality": own["municipality"].to_numpy(), "source": own["source"].fillna("").to_numpy(),
        "table": own["table"].fillna("").to_numpy(), "release": own["release"].fillna("").to_numpy()})
    # The rest: other areas, and variables this area has no row for (the municipality has them that year).
    keys = pd.MultiIndex.from_arrays([interpolated["code"], interpolated["variable"]])
    rest = interpolated[~keys.isin(pd.MultiIndex.from_arrays([carried["code"], carried["variable"]]))]
    return pd.concat([rest, carried[rest.columns]], ignore_index=True)


def _provenance(triples):
    """(municipality, variable) -> its files, tables and releases joined by ';' in file order. Most have
    one file: only the others are joined (a join per group is slow over the whole country)."""
    columns = ["source", "table", "release"]
    several = triples.duplicated(["municipality", "variable"], keep=False)
    single = triples[~several].set_index(["municipality", "variable"])[columns]
    joined = triples[several].sort_values(["municipality", "variable", "source"]) \
        .groupby(["municipality", "variable"])[columns].agg(";".join)
    return pd.concat([single, joined]) if len(joined) else single


def _not_carried(names, variables, from_year):
    """{variable: why} for the variables of `names` that are not carried over."""
    out = {}
    for name in sorted(names):
        var = variables[name]
        if var.kind in ("share", "mean", "density") and var.weight not in names:
            out[name] = f"base {var.weight} not published for {from_year}"
        elif var.kind not in ("count", "share", "mean", "density"):
            out[name] = f"{var.kind} values are not interpolated"
    return out


# Same code, each the other's largest overlap and covering 60% of it: one place, differently generalised
# (PDOK's generalised maps of different years, and redistributors' copies with or without water, differ
# a lot at coasts and ports; a reused code with a new meaning, such as Groningen's 2017 redivision,
# overlaps far less). Its values are carried as CBS published them, with CBS's status.
SAME_PLACE = 0.6
SLIVER = 0.02  # an overlap under 2% of the source area is outline noise between generalisations
MAX_FROM_OTHERS = 0.10  # of a same place's ground that may come from other areas (beyond slivers)


def allocation_rows(overlaps, sources=None, targets=None):
    """(the source × target overlaps tobler allocates by, the same-place pairs), cleaned of what is not
    geography: an area that kept its code and its ground goes wholly to itself, and slivers are dropped (the generalised maps of different years disagree by tens of
    metres, which would otherwise move people from a dense buurt into the empty port next door)."""
    rows = overlaps.copy()
    if sources is not None:
        rows = rows[rows["from_code"].isin(sources) & rows["to_code"].isin(targets)]
    best_of_source = rows.loc[rows.groupby("from_code")["overlap_m2"].idxmax()].index
    best_of_target = rows.loc[rows.groupby("to_code")["overlap_m2"].idxmax()].index
    same = rows[(rows["from_code"] == rows["to_code"]) & (rows["share_of_from"] >= SAME_PLACE)
                & (rows["share_of_to"] >= SAME_PLACE) & rows.index.isin(best_of_source) & rows.index.isin(best_of_target)]
    cleaned = _without_slivers(rows, same)
    # A same place takes (beyond slivers) at most a tenth of its ground from other areas; one that takes
    # more changed its ground (a buurt that absorbed part of its neighbour) and is recomputed instead.
    from_others = cleaned[cleaned["from_code"] != cleaned["to_code"]].groupby("to_code")["share_of_to"].sum()
    same = same[same["to_code"].map(from_others).fillna(0.0) <= MAX_FROM_OTHERS]
    rows = _without_slivers(rows, same)
    return rows, same


def _without_slivers(rows, same):
    all_rows = rows
    rows = rows[~rows["from_code"].isin(same["from_code"]) | rows.index.isin(same.index)]
    rows = rows[(rows["share_of_from"] >= SLIVER) | rows.index.isin(same.index)]
    # A source left with nothing (all its overlaps slivers) keeps its largest one.
    lost = set(all_rows["from_code"]) - set(rows["from_code"])
    if lost:
        largest = all_rows[all_rows["from_code"].isin(lost)].sort_values("overlap_m2").groupby("from_code").tail(1)
        rows = pd.concat([rows, largest])
    return rows


def allocation_table(overlaps, sources, targets):
    """The cleaned overlaps (allocation_rows) as tobler's sparse source × target table."""
    rows, _ = allocation_rows(overlaps)
    s_index = {code: i for i, code in enumerate(sources)}
    t_index = {code: j for j, code in enumerate(targets)}
    return coo_matrix((rows["overlap_m2"].to_numpy(), (rows["from_code"].map(s_index).to_numpy(),
                                                       rows["to_code"].map(t_index).to_numpy())),
                      shape=(len(sources), len(targets))).tocsr()


def _interpolate(group, source, target, overlaps, from_year, variables):
    """Values of one municipality × level × year from their map (source) onto the target map."""
    wide = group.pivot(index="code", columns="variable", values="value").reindex(source.index)

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
    overlaps = overlaps[overlaps["from_code"].isin(source.index) & overlaps["to_code"].isin(target.index)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        estimates = area_interpolate(source_frame.reset_index(), target[["geometry"]].reset_index(),
                                     extensive_variables=list(frame.columns),
                                     table=allocation_table(overlaps, source.index, target.index))
    estimates.index = target.index

    # Per target: how much of it lay in the source year's areas (all overlaps: the municipality's territory
    # then), and how much comes from each source in the allocation — the overlaps the allocation uses, so a
    # sliver it drops cannot blank a target — for all variables at once.
    def shares_of_target(rows):
        out = np.zeros((len(target), len(source)))
        np.add.at(out, (pd.Index(target.index).get_indexer(rows["to_code"]),
                        pd.Index(source.index).get_indexer(rows["from_code"])), rows["share_of_to"].to_numpy())
        return out
    covered = shares_of_target(overlaps).sum(axis=1)
    share_to = shares_of_target(allocation_rows(overlaps)[0])
    names = list(quantities)
    gaps = np.column_stack([missing[f"n::{n}"].to_numpy() | (missing[f"b::{n}"].to_numpy() if quantities[n][1] is not None
                                                               else False) for n in names])
    share_missing = share_to @ gaps

    kinds = [variables[n].kind for n in names]
    numerator = estimates[[f"n::{n}" for n in names]].to_numpy(dtype=float)
    base = np.column_stack([estimates[f"b::{n}"].to_numpy(dtype=float) / _BASE_SCALE[k] if quantities[n][1] is not None
                            else np.ones(len(target)) for n, k in zip(names, kinds)])
    counts = np.array([quantities[n][1] is None for n in names])
    scale = np.array([1.0 if c else _VALUE_SCALE[k] for c, k in zip(counts, kinds)])
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(counts, np.round(numerator, 0), np.round(numerator / base * scale, 2))
    value = np.where(counts | (base > 0), value, np.nan)
    state = np.full(value.shape, "interpolated", dtype=object)
    state[np.isnan(value)] = "not_published"
    # A part of the area had no published value: not carried over, and said so. ("suppressed" is kept for
    # a value CBS withheld itself: a same place carries its source's status, see _same_areas_as_published.)
    gap = share_missing > MAX_MISSING
    state[gap] = "not_carried"
    state[covered < MIN_COVERED, :] = "not_covered"
    value = np.where(state == "interpolated", value, np.nan)
    methods = ["area-weighted count" if c else f"weighted by {variables[n].weight}" for n, c in zip(names, counts)]
    return pd.DataFrame({
        "code": np.tile(target.index.to_numpy(), len(names)), "variable": np.repeat(names, len(target)),
        "value": value.T.ravel(), "status": state.T.ravel(), "method": np.repeat(methods, len(target)),
        "source_cover": np.tile(np.round(covered, 4), len(names)),
    }), skipped
