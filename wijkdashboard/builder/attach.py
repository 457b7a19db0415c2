"""Which boundary year each year of statistics belongs to.

CBS redraws buurten often and reuses codes, and statistics come for years without a map of their own
(2015 and 2016 on the 2014 map, 2023 and 2024 on the 2022 map). A year of statistics attaches to the
boundary year whose codes it matches, with names agreeing (a reused code with another name is another
place), the nearest year first, an earlier map before a later one at equal distance. A code that is
not on that map — a buurt created after the newest map — is an orphan: kept in the statistics layer
with its value, listed in the report, and left out of everything that draws, sums or interpolates.
"""

import re

import numpy as np
import pandas as pd

MIN_CODE_SHARE = 0.8  # of the statistics' codes found on the map
MIN_NAME_SHARE = 0.6  # of the shared codes whose names agree
CODE_SHARE_SLACK = 0.02  # maps within this of the best code share are equally good by codes


def _name_key(name):
    """'C.S. kwartier' and 'Cs Kwartier' are one name; 'Stadscentrum' and 'Binnenstad-Noord' are not."""
    return re.sub(r"[^0-9a-z]", "", str(name).lower()) if isinstance(name, str) and name.strip() else None


def attach(stats, names, boundaries):
    """(statistics with a boundary_year column — NA for orphans —, log per group, orphans).

    Scored for every municipality, level and year at once: per candidate map (of that municipality and
    level) the share of the statistics' codes on it and the share of their names that agree. The maps
    within CODE_SHARE_SLACK of the best code share, at MIN_CODE_SHARE at least and with MIN_NAME_SHARE of
    the names agreeing, fit; of those the nearest year is chosen, an earlier one at equal distance."""
    keys = ["municipality", "level", "year"]
    water = set(boundaries.loc[boundaries["water_only"], "code"])
    maps = boundaries[~boundaries["water_only"] | boundaries["level"].eq("gemeente")][
        ["municipality", "level", "year", "code", "name"]].rename(columns={"year": "map_year", "name": "map_name"})
    stat_names = names.dropna(subset=["name"]).drop_duplicates(["code", "year"])[["code", "year", "name"]]
    codes = stats[~stats["code"].isin(water)][keys + ["code"]].drop_duplicates()
    codes = codes.merge(stat_names, on=["code", "year"], how="left")
    totals = codes.groupby(keys).size().rename("codes")
    shared = codes.merge(maps, on=["municipality", "level", "code"])
    shared["key_a"], shared["key_b"] = shared["name"].map(_name_key), shared["map_name"].map(_name_key)
    shared["comparable"] = shared["key_a"].notna() & shared["key_b"].notna()
    shared["agree"] = shared["comparable"] & (shared["key_a"] == shared["key_b"])
    scores = shared.groupby(keys + ["map_year"]).agg(n=("code", "size"), comparable=("comparable", "sum"),
                                                     agree=("agree", "sum")).reset_index()
    scores = scores.join(totals, on=keys)
    scores["code_share"] = scores["n"] / scores["codes"]
    scores["name_share"] = np.where(scores["comparable"] > 0, scores["agree"] / scores["comparable"].clip(lower=1), 1.0)
    scores["best"] = scores.groupby(keys)["code_share"].transform("max")
    scores["fits"] = ((scores["code_share"] >= np.maximum(MIN_CODE_SHARE, scores["best"] - CODE_SHARE_SLACK))
                      & (scores["name_share"] >= MIN_NAME_SHARE))
    scores["distance"] = (scores["map_year"] - scores["year"]).abs()
    scores["later"] = scores["map_year"] > scores["year"]
    chosen = (scores[scores["fits"]].sort_values(keys + ["distance", "later", "map_year"])
              .drop_duplicates(keys).set_index(keys))
    closest = scores.sort_values(keys + ["code_share", "name_share"], ascending=[True] * 3 + [False, False]) \
        .drop_duplicates(keys).set_index(keys)

    stats = stats.copy()
    pick = chosen["map_year"].reindex(pd.MultiIndex.from_frame(stats[keys])).to_numpy()
    on_map = pd.MultiIndex.from_frame(maps[["municipality", "level", "map_year", "code"]])
    candidate = pd.MultiIndex.from_arrays([stats["municipality"], stats["level"], pick, stats["code"]])
    attached = (~pd.isna(pick)) & (candidate.isin(on_map) | stats["code"].isin(water).to_numpy())
    stats["boundary_year"] = pd.array(np.where(attached, pick, np.nan), dtype="Float64").astype("Int64")

    log, orphans = [], []
    name_of = codes.set_index(keys + ["code"])["name"]
    lost = stats[~attached & ~pd.isna(pick)].drop_duplicates(keys + ["code"])
    lost_by_group = {k: sorted(g["code"]) for k, g in lost.groupby(keys)}
    sources = lost.groupby(keys + ["code"])["source"].agg(lambda v: sorted(set(v))) if len(lost) else {}
    for key, total in totals.items():
        if key in chosen.index:
            row = chosen.loc[key]
            year = int(row["map_year"])
            how = "same year" if year == key[2] else (
                f"boundaries of {year}: {row['code_share']:.0%} of the codes, {row['name_share']:.0%} of their names agree")
            entry = {"municipality": key[0], "level": key[1], "year": int(key[2]), "boundary_year": year,
                     "boundaries": how, "codes": int(total)}
            if key in lost_by_group:
                entry["orphans"] = lost_by_group[key]
                orphans += [{"municipality": key[0], "level": key[1], "year": int(key[2]), "code": code,
                             "name": _none(name_of.get(key + (code,))), "boundary_year": year,
                             "sources": sources[key + (code,)],
                             "reason": f"not on the map of {year} (nor is it a water-only area)"}
                            for code in lost_by_group[key]]
        elif key in closest.index:
            best = closest.loc[key]
            entry = {"municipality": key[0], "level": key[1], "year": int(key[2]), "boundary_year": None,
                     "boundaries": f"no boundaries match: at best {best['code_share']:.0%} of the codes and "
                                   f"{best['name_share']:.0%} of their names on the map of {int(best['map_year'])}",
                     "codes": int(total)}
        else:
            entry = {"municipality": key[0], "level": key[1], "year": int(key[2]), "boundary_year": None,
                     "boundaries": "no boundaries of this municipality and level", "codes": int(total)}
        log.append(entry)
    return stats, log, orphans


def _none(value):
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else value
