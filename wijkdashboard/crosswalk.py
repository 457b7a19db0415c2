"""Which areas of one boundary year lie in which areas of another: the key to following a place
through time when CBS redraws buurten or reuses their codes."""

import itertools

import pandas as pd
import geopandas as gpd

CROSSWALK_COLUMNS = ["level", "from_year", "from_code", "to_year", "to_code", "overlap_m2",
                     "share_of_from", "share_of_to"]
MIN_OVERLAP_M2 = 1.0  # below a square metre an overlap is rounding, not geography


def overlap_table(source, target):
    """Intersection areas between two sets of areas (RD New), one row per overlapping pair."""
    pieces = gpd.overlay(source[["code", "geometry"]], target[["code", "geometry"]],
                         how="intersection", keep_geom_type=True)
    pieces["overlap_m2"] = pieces.geometry.area
    table = pieces.groupby(["code_1", "code_2"], as_index=False)["overlap_m2"].sum()
    table = table[table["overlap_m2"] >= MIN_OVERLAP_M2]
    table = table.merge(source[["code", "area_m2"]].rename(columns={"code": "code_1", "area_m2": "from_area"}))
    table = table.merge(target[["code", "area_m2"]].rename(columns={"code": "code_2", "area_m2": "to_area"}))
    table["share_of_from"] = table["overlap_m2"] / table["from_area"]
    table["share_of_to"] = table["overlap_m2"] / table["to_area"]
    return table.rename(columns={"code_1": "from_code", "code_2": "to_code"})


def build_crosswalk(boundaries, levels=("buurt", "wijk")):
    """Every pair of boundary years per level, from the earlier to the later year."""
    tables = []
    for level in levels:
        of_level = boundaries[boundaries["level"] == level]
        years = sorted(of_level["year"].unique())
        for from_year, to_year in itertools.combinations(years, 2):
            table = overlap_table(of_level[of_level["year"] == from_year], of_level[of_level["year"] == to_year])
            tables.append(table.assign(level=level, from_year=from_year, to_year=to_year))
    crosswalk = pd.concat(tables, ignore_index=True)[CROSSWALK_COLUMNS]
    crosswalk[["overlap_m2"]] = crosswalk[["overlap_m2"]].round(1)
    crosswalk[["share_of_from", "share_of_to"]] = crosswalk[["share_of_from", "share_of_to"]].round(6)
    return crosswalk.sort_values(["level", "from_year", "to_year", "from_code", "to_code"], ignore_index=True)

