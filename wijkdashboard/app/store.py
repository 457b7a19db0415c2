"""The layers as the app needs them: read once, indexed once; geometry handed out per map, values per
year. Two ways to draw a year: on fixed boundaries (the harmonised layer, one geometry for every year,
so a slider step sends only values) or on the boundaries of that year (as CBS published them).

Everything here is a lookup into the layers; nothing is computed that the build could compute."""

import json
from functools import lru_cache

import numpy as np
import pandas as pd

from ..core.indicators import catalogue
from ..layers import PRESENT, read_layers

FIXED, PUBLISHED = "fixed", "published"
BOUNDS = (FIXED, PUBLISHED)
CLASS_METHODS = ("jenks", "quantiles")
VALUE_COLUMNS = ["code", "value", "status", "source", "table", "release", "boundary_year"]
APP_LAYERS = ("boundaries_display", "statistics", "statistics_harmonised", "crosswalk", "neighbours", "classes",
              "segregation", "segregation_changes")


class LayerStore:
    def __init__(self, layers_dir):
        layers = read_layers(layers_dir, APP_LAYERS)
        self.version = layers.version
        self.report = layers.report
        self.display = layers["boundaries_display"]
        self.target_years = {k: int(v) for k, v in self.report["harmonised"]["target_years"].items()}
        known = list(catalogue())
        stats = layers["statistics"]
        stats = stats[stats["variable"].isin(known)]
        harmonised = layers["statistics_harmonised"]
        harmonised = harmonised[harmonised["variable"].isin(known)]
        self._values = {
            PUBLISHED: {k: g for k, g in stats.groupby(["municipality", "level", "variable"])},
            FIXED: {k: g for k, g in harmonised.groupby(["municipality", "level", "variable"])},
        }
        self._boundary_year = {(m, lv, int(y)): (int(b) if pd.notna(b) else None) for (m, lv, y), b in
                               stats.groupby(["municipality", "level", "year"])["boundary_year"].max().items()}
        # Which table gave which variable for which year (the Over page's provenance per indicator).
        present = stats[stats["status"].isin(PRESENT)]
        self.coverage = present[["variable", "table", "year"]].drop_duplicates().fillna({"table": ""})
        self.crosswalk = layers["crosswalk"]
        self._neighbours = {k: set(g["neighbour"]) for k, g in layers["neighbours"].groupby(["level", "year", "code"])}
        self._classes = {(r.bounds, r.municipality, r.level, r.variable, r.year, r.method): (r.lower, list(r.breaks))
                         for r in layers["classes"].itertuples()}
        self.segregation = layers["segregation"]
        self.segregation_changes = layers["segregation_changes"]
        self._names = self.display.set_index(["level", "year", "code"])["name"].to_dict()
        self._areas = {k: g.sort_values("code") for k, g in self.display[~self.display["water_only"]]
                       .groupby(["municipality", "level", "year"])}
        self.municipalities = sorted(self.display.loc[self.display["level"] == "gemeente", "municipality"].unique())
        # Lookups memoised per process (the shared cache holds what is computed from them).
        self.geojson = lru_cache(maxsize=128)(self._geojson)
        self.values = lru_cache(maxsize=4096)(self._values_for)
        self.years = lru_cache(maxsize=4096)(self._years)
        self.indicators = lru_cache(maxsize=512)(self._indicators)

    def frame(self, bounds, municipality, level, variable):
        """All rows of one variable for one city and level (None if there are none)."""
        return self._values[bounds].get((municipality, level, variable))

    def _indicators(self, municipality, level, bounds=FIXED):
        """Indicators with at least one drawable value here, in catalogue order."""
        return [i for i in catalogue() if self.years(municipality, level, i, bounds)]

    def _years(self, municipality, level, indicator, bounds=FIXED):
        frame = self._values[bounds].get((municipality, level, indicator))
        if frame is None:
            return []
        drawable = frame[frame["status"].isin(PRESENT) & frame["boundary_year"].notna()]
        return sorted(int(y) for y in drawable["year"].unique())

    def boundary_year(self, municipality, level, year, bounds=FIXED):
        if bounds == FIXED:
            return self.target_years.get(level)
        return self._boundary_year.get((municipality, level, int(year)))

    def areas(self, municipality, level, boundary_year):
        return self._areas.get((municipality, level, boundary_year), self.display.iloc[0:0])

    def name(self, level, year, code):
        return self._names.get((level, year, code))

    def municipality_name(self, code):
        names = self.display[(self.display["level"] == "gemeente") & (self.display["code"] == code)]["name"]
        return names.iloc[-1] if len(names) else code

    def neighbours(self, level, year, code):
        return self._neighbours.get((level, year, code), set())

    def _geojson(self, municipality, level, boundary_year):
        areas = self.areas(municipality, level, boundary_year)
        return json.loads(areas[["code", "geometry"]].set_index("code").to_json(drop_id=False))

    def _values_for(self, municipality, level, indicator, year, bounds=FIXED):
        """One row per area drawn on the map, in map order: value, status, source, boundary year."""
        boundary_year = self.boundary_year(municipality, level, year, bounds)
        areas = self.areas(municipality, level, boundary_year)[["code", "name"]]
        frame = self._values[bounds].get((municipality, level, indicator))
        mine = frame[frame["year"] == int(year)] if frame is not None else None
        if mine is None or mine.empty:
            out = areas.assign(value=np.nan, status="not_published", source=None, table=None, release=None,
                               boundary_year=None)
        else:
            out = areas.merge(mine[VALUE_COLUMNS], on="code", how="left")
            out["status"] = out["status"].fillna("not_published")
        return out.reset_index(drop=True)

    def classes(self, municipality, level, indicator, year, bounds, method):
        """(lower bound, class upper bounds) as the build computed them with mapclassify."""
        return self._classes.get((bounds, municipality, level, indicator, int(year), method), (np.nan, []))

    def series(self, municipality, level, indicator, code):
        """The area's values over the years on the fixed boundaries, and the municipality's own."""
        frame = self.frame(FIXED, municipality, level, indicator)
        area = (frame[frame["code"] == code].sort_values("year") if frame is not None
                else pd.DataFrame(columns=["year", "value", "status"]))
        city = self.frame(PUBLISHED, municipality, "gemeente", indicator)
        city = city.sort_values("year") if city is not None else pd.DataFrame(columns=["year", "value", "status"])
        return area, city

    def code_history(self, level, code, year):
        """For each other boundary year: the areas that made up (or make up) this area, with shares."""
        c = self.crosswalk
        rows = []
        earlier = c[(c["level"] == level) & (c["to_year"] == year) & (c["to_code"] == code) & (c["share_of_to"] >= 0.05)]
        for from_year, group in earlier.groupby("from_year"):
            rows.append((int(from_year), [(r.from_code, self.name(level, int(from_year), r.from_code), r.share_of_to)
                                          for r in group.sort_values("share_of_to", ascending=False).itertuples()]))
        later = c[(c["level"] == level) & (c["from_year"] == year) & (c["from_code"] == code) & (c["share_of_from"] >= 0.05)]
        for to_year, group in later.groupby("to_year"):
            rows.append((int(to_year), [(r.to_code, self.name(level, int(to_year), r.to_code), r.share_of_from)
                                        for r in group.sort_values("share_of_from", ascending=False).itertuples()]))
        return sorted(rows)

    def to_fixed_code(self, level, year, code):
        """The fixed-boundary area that holds most of an area of another boundary year."""
        target = self.target_years[level]
        if year == target:
            return code
        c = self.crosswalk
        hit = c[(c["level"] == level) & (c["from_year"] == year) & (c["to_year"] == target) & (c["from_code"] == code)]
        return hit.sort_values("share_of_from").iloc[-1]["to_code"] if len(hit) else None
