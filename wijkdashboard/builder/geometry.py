"""Boundary geometry: analysis geometry in RD New, derived levels, display geometry, and the checks."""

import numpy as np
import pandas as pd
import geopandas as gpd
import shapely

from .. import settings
from ..core import codes

BOUNDARY_COLUMNS = ["level", "year", "code", "name", "municipality", "wijk", "water_only",
                    "derived", "source", "area_m2", "geometry"]


def to_analysis(areas):
    """RD New, polygons only, invalid rings repaired (and counted)."""
    areas = areas.to_crs(settings.ANALYSIS_CRS)
    invalid = ~areas.geometry.is_valid
    if invalid.any():
        repaired = shapely.make_valid(areas.geometry[invalid].to_numpy())
        areas.loc[invalid, "geometry"] = [_polygonal(g) for g in repaired]
    areas["repaired"] = invalid.to_numpy()
    return areas


def _polygonal(geom):
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def finish(areas):
    """Add the derived columns every boundary row carries."""
    areas = areas.copy()
    areas["municipality"] = areas["code"].map(codes.municipality_of)
    areas["wijk"] = areas["code"].map(codes.wijk_of)
    # Water-only pseudo-areas sit in wijk number 99 (BU05189998, WK051899) and have a blank name; a
    # dissolved wijk 99 is water-only when all its buurten are.
    in_wijk_99 = areas["code"].str[6:8].eq("99") & areas["level"].isin(["buurt", "wijk"])
    areas["water_only"] = in_wijk_99 & areas["name"].isna()
    water_buurten = areas[(areas["level"] == "buurt")]
    dry_wijken = set(zip(water_buurten.loc[~water_buurten["water_only"], "year"],
                         water_buurten.loc[~water_buurten["water_only"], "code"].map(codes.wijk_of)))
    is_dissolved_wijk = areas["level"].eq("wijk") & areas["derived"].notna()
    areas.loc[is_dissolved_wijk, "water_only"] = in_wijk_99[is_dissolved_wijk].to_numpy() & np.array([
        (y, c) not in dry_wijken for y, c in zip(areas.loc[is_dissolved_wijk, "year"], areas.loc[is_dissolved_wijk, "code"])],
        dtype=bool)
    areas["area_m2"] = areas.geometry.area.round(1)
    for column in ("derived", "source"):
        if column not in areas:
            areas[column] = None
    return areas


def dissolve_level(buurten, level):
    """Wijk or gemeente outlines dissolved from finer areas (CBS codes nest), per code and year."""
    key = buurten["code"].map(codes.wijk_of if level == "wijk" else codes.municipality_of)
    merged = buurten.assign(code=key)[["code", "year", "geometry"]].dissolve(by=["code", "year"]).reset_index()
    merged["geometry"] = shapely.make_valid(merged.geometry.to_numpy())
    merged["geometry"] = [_polygonal(g) for g in merged.geometry]
    merged["level"] = level
    merged["name"] = None
    merged["derived"] = "dissolved from buurten"
    if "source" in buurten:  # the file of the finer areas, per dissolved area
        sources = buurten.assign(code=key).groupby(["code", "year"])["source"].first()
        merged["source"] = [sources.get((c, y)) for c, y in zip(merged["code"], merged["year"])]
    else:
        merged["source"] = None
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=buurten.crs)


def display_geometry(boundaries):
    """EPSG:4326 geometry for the browser: simplified as a coverage per level and year, so neighbours
    keep one shared edge, and rounded to about a metre."""
    parts = []
    for (level, year), group in boundaries.groupby(["level", "year"], sort=True):
        geoms = group.geometry.to_numpy()
        if shapely.coverage_is_valid(geoms):
            simple = shapely.coverage_simplify(geoms, settings.DISPLAY_TOLERANCE_M)
        else:  # overlapping input: simplify each area on its own rather than corrupt the coverage
            simple = shapely.simplify(geoms, settings.DISPLAY_TOLERANCE_M, preserve_topology=True)
        out = gpd.GeoDataFrame(group.drop(columns="geometry"), geometry=simple, crs=boundaries.crs)
        parts.append(out)
    display = pd.concat(parts).to_crs(settings.DISPLAY_CRS)
    display["geometry"] = shapely.set_precision(display.geometry.to_numpy(), settings.DISPLAY_GRID_DEG)
    return gpd.GeoDataFrame(display, geometry="geometry", crs=settings.DISPLAY_CRS)


def count_vertices(geoms):
    return int(shapely.get_num_coordinates(np.asarray(geoms)).sum())


def overlaps(group):
    """Pairs of areas of one level and year that overlap, with the overlap in m² (vectorised)."""
    geoms = group.geometry.to_numpy()
    codes = group["code"].to_numpy()
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = left < right
    left, right = left[pairs], right[pairs]
    area = shapely.area(shapely.intersection(geoms[left], geoms[right]))
    smaller = np.minimum(shapely.area(geoms[left]), shapely.area(geoms[right]))
    keep = area > 0
    return pd.DataFrame({"code_a": codes[left[keep]], "code_b": codes[right[keep]], "overlap_m2": area[keep],
                         "share_of_smaller": area[keep] / smaller[keep]})


def gaps(geoms):
    """Holes inside the union of a municipality's areas: land that no area covers."""
    union = shapely.union_all(np.asarray(geoms))
    polygons = getattr(union, "geoms", [union])
    holes = [shapely.Polygon(ring) for poly in polygons for ring in poly.interiors]
    return union, sum(h.area for h in holes), len(polygons)
