"""Which areas of one boundary year lie in which areas of another: the key to following a place
through time when CBS redraws buurten or reuses their codes."""

import itertools

import pandas as pd
import shapely

CROSSWALK_COLUMNS = ["level", "municipality", "from_year", "from_code", "to_year", "to_code", "overlap_m2",
                     "share_of_from", "share_of_to"]
MIN_OVERLAP_M2 = 1.0  # below a square metre an overlap is rounding, not geography


def overlap_table(source, target):
    """Intersection areas between two sets of areas (RD New), one row per overlapping pair: candidate
    pairs from a spatial index, their intersections computed in one vectorised call."""
    s_geoms, t_geoms = source.geometry.to_numpy(), target.geometry.to_numpy()
    t_index, s_index = shapely.STRtree(s_geoms).query(t_geoms, predicate="intersects")
    overlap = shapely.area(shapely.intersection(s_geoms[s_index], t_geoms[t_index]))
    keep = overlap >= MIN_OVERLAP_M2
    s_index, t_index, overlap = s_index[keep], t_index[keep], overlap[keep]
    from_area = source["area_m2"].to_numpy()[s_index]
    to_area = target["area_m2"].to_numpy()[t_index]
    return pd.DataFrame({"from_code": source["code"].to_numpy()[s_index], "to_code": target["code"].to_numpy()[t_index],
                         "municipality": target["municipality"].to_numpy()[t_index],
                         "overlap_m2": overlap, "share_of_from": overlap / from_area, "share_of_to": overlap / to_area})


def build_crosswalk(boundaries, levels=("buurt", "wijk")):
    """Every pair of boundary years per level, from the earlier to the later year. A row belongs to the
    municipality of the later area: a merged municipality's buurten are followed into the one that took
    them over."""
    tables = []
    for level in levels:
        of_level = boundaries[boundaries["level"] == level]
        years = sorted(of_level["year"].unique())
        for from_year, to_year in itertools.combinations(years, 2):
            table = overlap_table(of_level[of_level["year"] == from_year], of_level[of_level["year"] == to_year])
            tables.append(table.assign(level=level, from_year=from_year, to_year=to_year))
    if not tables:  # one boundary year: nothing to cross
        return pd.DataFrame({c: pd.Series(dtype="int64" if c.endswith("year") else "float64" if c[0] in "os"
                                          else "str") for c in CROSSWALK_COLUMNS})
    crosswalk = pd.concat(tables, ignore_index=True)[CROSSWALK_COLUMNS]
    crosswalk[["overlap_m2"]] = crosswalk[["overlap_m2"]].round(1)
    crosswalk[["share_of_from", "share_of_to"]] = crosswalk[["share_of_from", "share_of_to"]].round(6)
    return crosswalk.sort_values(["level", "from_year", "to_year", "from_code", "to_code"], ignore_index=True)

