"""Assemble the boundary layer: one source per municipality × level × year, derived levels, names."""

import numpy as np
import pandas as pd
import geopandas as gpd
import shapely

from ..core import codes
from . import geometry

NAME_COLUMNS = ["code", "level", "year", "name"]


def assemble(normalised, names):
    """(areas, wijk outlines kept only for checking, log of sources passed over).

    Areas of every level and year, in RD New, with names. Where a year has a buurt map, its wijken and
    its municipality are dissolved from the buurten so that the levels nest exactly; a separate wijk map
    of that year (often generalised differently) then serves only to check the outline."""
    frames = [geometry.to_analysis(n.areas) for n in normalised if n.areas is not None and len(n.areas)]
    if not frames:
        return None, None, []
    areas = pd.concat(frames, ignore_index=True)
    areas["municipality"] = areas["code"].map(codes.municipality_of)
    areas, passed_over = _one_source_per_group(areas)
    place_year = pd.Series(list(zip(areas["municipality"], areas["year"])), index=areas.index)
    buurt_years = set(place_year[areas["level"] == "buurt"])
    finer_years = buurt_years | set(place_year[areas["level"] == "wijk"])
    # Where finer areas exist, the coarser levels are dissolved from them (so the levels nest exactly); a
    # map of the coarser level of that year then only checks the outline.
    reference = areas[((areas["level"] == "wijk") & place_year.isin(buurt_years))
                      | ((areas["level"] == "gemeente") & place_year.isin(finer_years))]
    for (municipality, level, year, source), _ in reference.groupby(["municipality", "level", "year", "source"]):
        passed_over.append({"municipality": municipality, "level": level, "year": int(year), "kept": None,
                            "passed_over": source, "reason": f"{level} outlines dissolved from the finer areas of the "
                            "same year are used, so that the levels nest; this map checks their outline"})
    areas = areas[~areas.index.isin(reference.index)]
    areas = pd.concat([areas, *_derived_levels(areas)], ignore_index=True)
    areas = gpd.GeoDataFrame(areas, geometry="geometry", crs=frames[0].crs)
    areas = _fill_names(areas, names)
    areas = geometry.finish(areas)
    areas["repaired"] = areas["repaired"].fillna(False).astype(bool)
    return areas.sort_values(["level", "year", "code"], ignore_index=True), reference, passed_over


def _one_source_per_group(areas):
    """Two files may hold the same map (a shapefile and its GeoJSON copy): per municipality, level and
    year keep the file with the most areas, and say how far the other one agrees."""
    kept, passed_over = [], []
    for key, group in areas.groupby(["municipality", "level", "year"], sort=True):
        by_source = sorted(group.groupby("source"), key=lambda item: (-len(item[1]), item[0]))
        chosen_name, chosen = by_source[0]
        kept.append(chosen)
        for other_name, other in by_source[1:]:
            passed_over.append({
                "municipality": key[0], "level": key[1], "year": int(key[2]), "kept": chosen_name,
                "passed_over": other_name, "same_codes": set(other["code"]) == set(chosen["code"]),
                "max_area_difference_share": _max_area_difference(chosen, other),
            })
    return pd.concat(kept, ignore_index=True), passed_over


def _max_area_difference(a, b):
    merged = a[["code", "geometry"]].merge(b[["code", "geometry"]], on="code")
    if merged.empty:
        return None
    diff = shapely.symmetric_difference(merged["geometry_x"].to_numpy(), merged["geometry_y"].to_numpy())
    share = shapely.area(diff) / shapely.area(merged["geometry_x"].to_numpy())
    return round(float(share.max()), 6)


def _derived_levels(areas):
    """Wijk outlines dissolved from the buurten, and municipality outlines from the buurten (or, in years
    with only a wijk map, from the wijken) — all municipalities and years in one dissolve per level."""
    buurten = areas[areas["level"] == "buurt"]
    derived = []
    if len(buurten):
        derived.append(geometry.dissolve_level(buurten, "wijk").assign(repaired=False))
        derived.append(geometry.dissolve_level(buurten, "gemeente").assign(repaired=False))
    place_year = pd.Series(list(zip(areas["municipality"], areas["year"])), index=areas.index)
    wijken = areas[(areas["level"] == "wijk") & ~place_year.isin(set(place_year[areas["level"] == "buurt"]))]
    if len(wijken):
        derived.append(geometry.dissolve_level(wijken, "gemeente").assign(repaired=False,
                                                                          derived="dissolved from wijken"))
    return [frame.assign(municipality=frame["code"].map(codes.municipality_of)) for frame in derived]


def _fill_names(areas, names):
    """Names from the map file itself, else from a statistics table of the same year."""
    areas = areas.copy()
    areas["name_note"] = None
    lookup = (names.dropna(subset=["name"]).drop_duplicates(["code", "year"])
              .set_index(["code", "year"])["name"])
    missing = areas["name"].isna()
    found = [lookup.get((c, y)) for c, y in zip(areas.loc[missing, "code"], areas.loc[missing, "year"])]
    areas.loc[missing, "name"] = found
    areas.loc[missing & areas["name"].notna(), "name_note"] = "name from a statistics table of the same year"
    gemeente = areas["level"].eq("gemeente") & areas["name"].isna()
    cbs_names = {code: row["cbs"] for code, row in codes.display_names().items()}
    areas.loc[gemeente, "name"] = areas.loc[gemeente, "code"].map(cbs_names)
    return areas


def carry_names(areas, crosswalk, min_share=0.9):
    """A derived wijk without a name takes the name its code had in the nearest year in which the same
    code covers the same ground (both ways at least min_share), and says so."""
    areas = areas.copy()
    kinds = areas["level"].isin(["wijk", "buurt"])
    unnamed = areas[areas["name"].isna() & ~areas["water_only"] & kinds][["code", "level", "year"]].reset_index()
    named = areas[areas["name"].notna() & kinds][["code", "level", "year", "name"]].rename(columns={"year": "other"})
    pairs = unnamed.merge(named, on=["code", "level"])
    if pairs.empty:
        return areas
    pairs["from_year"] = np.minimum(pairs["year"], pairs["other"])
    pairs["to_year"] = np.maximum(pairs["year"], pairs["other"])
    same = crosswalk[crosswalk["from_code"] == crosswalk["to_code"]].rename(columns={"from_code": "code"})
    pairs = pairs.merge(same[["level", "from_year", "to_year", "code", "share_of_from", "share_of_to"]],
                        on=["level", "from_year", "to_year", "code"])
    pairs = pairs[(pairs["share_of_from"] >= min_share) & (pairs["share_of_to"] >= min_share)]
    pairs = pairs.assign(distance=(pairs["year"] - pairs["other"]).abs()).sort_values(["index", "distance", "other"])
    best = pairs.drop_duplicates("index").set_index("index")
    areas.loc[best.index, "name"] = best["name"]
    areas.loc[best.index, "name_note"] = [f"name of {y} (same code, same area)" for y in best["other"]]
    return areas
