"""Which areas of a map share an edge: the ring around a study area, computed once in the build so the
app needs no analysis geometry."""

import numpy as np
import pandas as pd
import shapely

MIN_SHARED_M = 1.0  # a shared corner or a rounding sliver is not an edge


def neighbours(boundaries):
    """One row per ordered pair of areas of one level, year and municipality that share an edge."""
    rows = []
    land = boundaries[boundaries["level"].isin(["buurt", "wijk"]) & ~boundaries["water_only"]]
    for (level, year), group in land.groupby(["level", "year"], sort=True):
        geoms, codes = group.geometry.to_numpy(), group["code"].to_numpy()
        places = group["municipality"].to_numpy()
        left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
        pairs = (left != right) & (places[left] == places[right])  # a ring stays within its municipality
        left, right = left[pairs], right[pairs]
        shared = shapely.length(shapely.intersection(shapely.boundary(geoms[left]), shapely.boundary(geoms[right])))
        keep = shared > MIN_SHARED_M
        rows.append(pd.DataFrame({"level": level, "year": int(year), "municipality": places[left[keep]],
                                  "code": codes[left[keep]],
                                  "neighbour": codes[right[keep]], "shared_m": np.round(shared[keep], 1)}))
    return pd.concat(rows, ignore_index=True).sort_values(["level", "year", "code", "neighbour"], ignore_index=True)
