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


def choose_boundary_year(stat_codes, stat_names, maps, year):
    """(boundary year or None, how). `maps`: {boundary year: {code: name}} of one municipality and level."""
    wanted = set(stat_codes)
    if not wanted or not maps:
        return None, "no boundaries of this municipality and level"
    scored = []
    for boundary_year, names in maps.items():
        shared = wanted & set(names)
        code_share = len(shared) / len(wanted)
        comparable = [c for c in shared if _name_key(stat_names.get(c)) and _name_key(names.get(c))]
        name_share = (np.mean([_name_key(stat_names[c]) == _name_key(names[c]) for c in comparable])
                      if comparable else 1.0)
        scored.append((boundary_year, code_share, float(name_share)))
    best = max(s[1] for s in scored)
    fitting = [s for s in scored if s[1] >= max(MIN_CODE_SHARE, best - CODE_SHARE_SLACK) and s[2] >= MIN_NAME_SHARE]
    if not fitting:
        closest = max(scored, key=lambda s: (s[1], s[2]))
        return None, (f"no boundaries match: at best {closest[1]:.0%} of the codes and {closest[2]:.0%} of "
                      f"their names on the map of {closest[0]}")
    chosen = min(fitting, key=lambda s: (abs(s[0] - year), s[0] > year, s[0]))
    how = "same year" if chosen[0] == year else (
        f"boundaries of {chosen[0]}: {chosen[1]:.0%} of the codes, {chosen[2]:.0%} of their names agree")
    return int(chosen[0]), how


def attach(stats, names, boundaries):
    """(statistics with a boundary_year column — NA for orphans —, log per group, orphans)."""
    maps = {}
    for (municipality, level, year), group in boundaries[~boundaries["water_only"] | boundaries["level"].eq("gemeente")] \
            .groupby(["municipality", "level", "year"]):
        maps.setdefault((municipality, level), {})[int(year)] = dict(zip(group["code"], group["name"]))
    water = set(boundaries.loc[boundaries["water_only"], "code"])
    stat_names = (names.dropna(subset=["name"]).drop_duplicates(["code", "year"])
                  .set_index(["code", "year"])["name"])
    stats = stats.copy()
    stats["boundary_year"] = pd.array([pd.NA] * len(stats), dtype="Int64")
    log, orphans = [], []
    for (municipality, level, year), index in stats.groupby(["municipality", "level", "year"]).groups.items():
        codes = sorted(set(stats.loc[index, "code"]) - water)
        own_names = {c: stat_names.get((c, year)) for c in codes}
        boundary_year, how = choose_boundary_year(codes, own_names, maps.get((municipality, level), {}), int(year))
        entry = {"municipality": municipality, "level": level, "year": int(year), "boundary_year": boundary_year,
                 "boundaries": how, "codes": len(codes)}
        if boundary_year is not None:
            on_map = set(maps[(municipality, level)][boundary_year]) | water
            rows = stats.loc[index]
            attached = rows["code"].isin(on_map)
            stats.loc[rows.index[attached.to_numpy()], "boundary_year"] = boundary_year
            lost = sorted(set(rows.loc[~attached.to_numpy(), "code"]))
            if lost:
                entry["orphans"] = lost
                sources = sorted(set(rows.loc[rows["code"].isin(lost), "source"]))
                orphans += [{"municipality": municipality, "level": level, "year": int(year), "code": code,
                             "name": own_names.get(code), "boundary_year": boundary_year, "sources": sources,
                             "reason": f"not on the map of {boundary_year} (nor is it a water-only area)"}
                            for code in lost]
        log.append(entry)
    return stats, log, orphans
