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
        self._classes = {(r.bounds, r.municipality, r.level, r.variable, r.method):
                         (r.lower, list(r.breaks), r.first_year, r.last_year) for r in layers["classes"].itertuples()}
        self.segregation = layers["segregation"]
        self.segregation_changes = layers["segregation_changes"]
        self._names = self.display.set_index(["level", "year", "code"])["name"].to_dict()
        # A municipality's land per map: its buurten (or wijken) without the water-only pseudo-areas, so a
        # sea buurt that one map has and the next lacks is not read as a change of territory.
        land = self.display[~self.display["water_only"] & self.display["level"].isin(["buurt", "wijk"])]
        per_level = land.groupby(["municipality", "year", "level"])["area_m2"].sum().unstack("level")
        finest = per_level["buurt"].fillna(per_level["wijk"]) if "buurt" in per_level else per_level["wijk"]
        self._municipal_area = finest.to_dict()
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

    def opening_view(self, city=None):
        """The view the dashboard opens on: one that shows change — the indicator of data/indicators.csv's
        `opening` order with the most years, buurt before wijk — chosen from what the layers hold."""
        candidates = []
        for municipality in ([city] if city in self.municipalities else self.municipalities):
            for level in ("buurt", "wijk"):
                for indicator in self.indicators(municipality, level):
                    rank = catalogue()[indicator].opening
                    years = self.years(municipality, level, indicator)
                    if rank is not None and len(years) >= 2:
                        candidates.append((min(len(years), 4) * -1, rank, level != "buurt", -len(years), municipality,
                                           level, indicator, years[0]))
        if not candidates:
            municipality = city if city in self.municipalities else self.municipalities[0]
            indicators = self.indicators(municipality, "wijk") or [None]
            years = self.years(municipality, "wijk", indicators[0]) if indicators[0] else [None]
            return {"city": municipality, "level": "wijk", "indicator": indicators[0], "year": years[-1]}
        *_, municipality, level, indicator, first_year = min(candidates)
        return {"city": municipality, "level": level, "indicator": indicator, "year": first_year}

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

    def classes(self, municipality, level, indicator, bounds, method):
        """(lower bound, class upper bounds, first year, last year) as the build computed them with
        mapclassify, over every year of the indicator here: colours compare across years."""
        return self._classes.get((bounds, municipality, level, indicator, method), (np.nan, [], None, None))

    def series(self, municipality, level, indicator, code):
        """The area's values over the years on the fixed boundaries, and the municipality's own.

        area: year, value, status, boundary_year and `same_place` — whether the map the value was
        published on had this area as itself (same code and ground, ≥ 90% both ways) or the value was
        rebuilt from parts of other areas. city: year, value, status, boundary_year and `territory_change`
        — the change in the municipality's area since its previous point (a merger, such as Groningen's
        with Haren and Ten Boer in 2019), so the series can break there."""
        frame = self.frame(FIXED, municipality, level, indicator)
        columns = ["year", "value", "status", "boundary_year"]
        area = (frame[frame["code"] == code].sort_values("year")[columns] if frame is not None
                else pd.DataFrame(columns=columns))
        target = self.target_years.get(level)
        area = area.assign(same_place=[self._same_place(level, b, target, code) for b in area["boundary_year"]])
        city = self.frame(PUBLISHED, municipality, "gemeente", indicator)
        city = city.sort_values("year")[columns] if city is not None else pd.DataFrame(columns=columns)
        city = city.assign(territory_change=self._territory_changes(municipality, city["boundary_year"]))
        return area.reset_index(drop=True), city.reset_index(drop=True)

    def _same_place(self, level, boundary_year, target, code):
        if pd.isna(boundary_year) or int(boundary_year) == target:
            return True
        c = self.crosswalk
        links = c[(c["level"] == level) & (c["from_year"] == int(boundary_year)) & (c["to_year"] == target)
                  & (c["to_code"] == code)]
        return bool(((links["share_of_from"] >= 0.9) & (links["share_of_to"] >= 0.9)).any())

    def _territory_changes(self, municipality, boundary_years):
        """Per point, the relative change of the municipality's area since the previous point's map."""
        changes, previous = [], None
        for year in boundary_years:
            area = self._municipal_area.get((municipality, int(year))) if pd.notna(year) else None
            changes.append(round(area / previous - 1, 4) if area and previous else 0.0)
            previous = area or previous
        return changes

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
