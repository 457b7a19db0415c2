"""The layers as the app needs them. At start only what spans the country is read: what there is to
draw (availability), the segregation indices and the municipalities' names. A municipality's maps and
values are read from the partitioned layers when someone first opens it and kept for the most recently
used cities, so a worker's memory follows the cities in use, not the size of the country.

Two ways to draw a year: on fixed boundaries (the harmonised layer, one geometry for every year, so a
slider step sends only values) or on the boundaries of that year (as CBS published them).

Everything here is a lookup into the layers; nothing is computed that the build could compute."""

import json
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import settings
from ..core import cases
from ..core import codes as area_codes
from ..core.codes import GRID_LEVELS, GRID_RESOLUTION, is_grid
from ..core.indicators import catalogue
from ..core.opening import opening_choice
from ..layers import read_layers, read_partition, read_rows

FIXED, PUBLISHED = "fixed", "published"
BOUNDS = (FIXED, PUBLISHED)
CLASS_METHODS = ("jenks", "quantiles")
VALUE_COLUMNS = ["code", "value", "status", "source", "table", "release", "boundary_year"]
# Read whole at start: small, and about every municipality at once.
APP_LAYERS = ("segregation", "segregation_changes", "scale_profile")


@dataclass(frozen=True)
class Available:
    years: dict  # (bounds, level, variable) -> years with a value to draw
    boundary_years: dict  # (level, year) -> the map CBS published that year's figures on
    opening: dict | None  # the opening view within this city (core/opening.py)


class CityLayers:
    """One municipality's layers as the app needs them, read with a filter from the partitioned files
    when the municipality is first opened: the worker holds the cities in use, not the country."""

    def __init__(self, folder, municipality):
        known = list(catalogue())

        def read(name):
            return read_partition(folder, name, municipality)

        display = read("boundaries_display")
        stats, harmonised = read("statistics"), read("statistics_harmonised")
        self.values = {
            PUBLISHED: {k: g for k, g in stats[stats["variable"].isin(known)].groupby(["level", "variable"])},
            FIXED: {k: g for k, g in harmonised[harmonised["variable"].isin(known)].groupby(["level", "variable"])},
        }
        self.crosswalk = read("crosswalk")
        self.neighbours = {k: set(g["neighbour"]) for k, g in read("neighbours").groupby(["level", "year", "code"])}
        self.classes = {(r.bounds, r.level, r.variable, r.method): (r.lower, list(r.breaks), r.first_year, r.last_year)
                        for r in read("classes").itertuples()}
        self.names = display.set_index(["level", "year", "code"])["name"].to_dict()
        # The municipality's land per map: its buurten (or wijken) without the water-only pseudo-areas, so
        # a sea buurt that one map has and the next lacks is not read as a change of territory.
        land = display[~display["water_only"] & display["level"].isin(["buurt", "wijk"])]
        per_level = land.groupby(["year", "level"])["area_m2"].sum().unstack("level")
        finest = (per_level["buurt"].fillna(per_level["wijk"]) if "buurt" in per_level
                  else per_level.get("wijk", pd.Series(dtype="float64")))
        self.municipal_area = finest.to_dict()
        self.areas = {k: g.sort_values("code") for k, g in display[~display["water_only"]].groupby(["level", "year"])}
        self.no_areas = display.iloc[0:0]
        # CBS's squares, where the city has them: values per level (vk100, vk500) and variable, and the
        # squares of each level and year in one order (a square's place in the compact values).
        grid = read("grid")
        self.grid = {k: g for k, g in grid[grid["variable"].isin(known)].groupby(["level", "variable"])}
        cells = grid.drop_duplicates(["level", "year", "cell"])[["level", "year", "cell", "x", "y", "buurt",
                                                                 "boundary_year"]].rename(columns={"boundary_year": "buurt_year"})
        self.cells = {k: g.drop(columns=["level", "year"]).sort_values("cell", ignore_index=True)
                      for k, g in cells.groupby(["level", "year"])}
        self.grid_levels = tuple(level for level in GRID_LEVELS if (level in set(cells["level"])))

HOME_PEOPLE = 100  # fewer inhabitants is a port or a park, not where people live (CBS rounds to 5)
HOME_GAP = 2000  # metres between inhabited wijken that still make one city (Pernis–Nieuw Mathenesse across
# the Maas: 1.5 km; Rozenburg–Hoogvliet across the Botlek: 5.6 km)


class LayerStore:
    def __init__(self, layers_dir, cities_in_memory=None):
        layers = read_layers(layers_dir, APP_LAYERS, summary=True)
        self.version = layers.version
        self.folder = layers.folder
        self.report = layers.report
        self.target_years = {k: int(v) for k, v in self.report["target_years"].items()}
        self.coverage = pd.DataFrame(self.report["coverage"], columns=["variable", "table", "year"])
        self.segregation = layers["segregation"]
        self.segregation_changes = layers["segregation_changes"]
        self.scale_profile = layers["scale_profile"]
        gemeenten = read_rows(self.folder, "boundaries_display", [("level", "==", "gemeente")],
                              ["municipality", "year", "name"])
        self.municipalities = sorted(gemeenten["municipality"].unique())
        self._municipality_names = gemeenten.sort_values("year").groupby("municipality")["name"].last().to_dict()
        self._locks, self._locks_lock = {}, threading.Lock()
        self._city = lru_cache(maxsize=cities_in_memory or settings.CITIES_IN_MEMORY)(self._read_city)
        # Lookups memoised per process (the shared cache holds what is computed from them).
        self._available = lru_cache(maxsize=256)(self._read_available)
        self.opening_view = lru_cache(maxsize=64)(self._opening_view)
        self.geojson = lru_cache(maxsize=128)(self._geojson)
        self.values = lru_cache(maxsize=4096)(self._values_for)
        self.indicators = lru_cache(maxsize=512)(self._indicators)
        self.outlines = lru_cache(maxsize=64)(self._outlines)
        self.name_index = lru_cache(maxsize=1)(self._name_index)
        self.home_bounds = lru_cache(maxsize=256)(self._home_bounds)
        self.municipality_shapes = lru_cache(maxsize=1)(self._municipality_shapes)

    def city(self, municipality):
        """The municipality's layers, read on first use and kept for the most recently used cities."""
        with self._locks_lock:
            lock = self._locks.setdefault(municipality, threading.Lock())
        with lock:  # one read per city, however many requests wait for it
            return self._city(municipality)

    def cities_read(self):
        """How many municipalities this worker holds in memory now."""
        return self._city.cache_info().currsize

    def _read_city(self, municipality):
        return CityLayers(self.folder, municipality)

    def frame(self, bounds, municipality, level, variable):
        """All rows of one variable for one city and level (None if there are none). A grid level's rows
        are its squares' (one geometry: the same for both kinds of boundaries)."""
        if municipality not in self._municipality_names:
            return None
        if is_grid(level):
            return self.city(municipality).grid.get((level, variable))
        return self.city(municipality).values[bounds].get((level, variable))

    def grid_levels(self, municipality):
        """The grid levels (vk100, vk500) this city has squares of."""
        return self.city(municipality).grid_levels if municipality in self._municipality_names else ()

    def _name_index(self):
        """Every buurt and wijk name of the fixed boundaries, of every municipality (the area box's search):
        read once, without geometry."""
        rows = [read_rows(self.folder, "boundaries_display", [("level", "==", level), ("year", "==", year)],
                          ["municipality", "level", "code", "name"])
                for level, year in self.target_years.items()]
        names = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["municipality", "level", "code", "name"])
        names = names[names["name"].notna() & names["municipality"].isin(self.municipalities)]
        return names.assign(key=names["name"].map(area_codes.search_key)).reset_index(drop=True)

    def _outlines(self, municipality):
        """The city's wijken (latest map) in RD New, as the grid map draws them over its squares."""
        areas = self.areas(municipality, "wijk", self.target_years.get("wijk"))
        return tuple(areas.geometry.to_crs(settings.ANALYSIS_CRS)) if len(areas) else ()

    def cells(self, municipality, level, year):
        """The squares of a grid level and year: cell, x, y (lower-left corner, RD New metres), the buurt
        their centre lies in and that buurt map's year (buurt_year)."""
        city = self.city(municipality)
        return city.cells.get((level, int(year)), pd.DataFrame(columns=["cell", "x", "y", "buurt", "buurt_year"]))

    def _indicators(self, municipality, level, bounds=FIXED):
        """Indicators with at least one drawable value here, in catalogue order."""
        offered = self._available(municipality).years
        return [i for i in catalogue() if (bounds, level, i) in offered]

    def years(self, municipality, level, indicator, bounds=FIXED):
        """The years with a drawable value of the indicator here."""
        return self._available(municipality).years.get((bounds, level, indicator), [])

    def _read_available(self, municipality):
        """What the municipality has to draw (its rows of the availability layer: a few thousand, read
        without its values)."""
        if municipality not in self._municipality_names:
            return Available({}, {}, None)
        rows = read_partition(self.folder, "availability", municipality)
        rows = rows[rows["variable"].isin(list(catalogue()))]
        drawable = rows[rows["drawable"] > 0]
        years = {k: sorted({int(y) for y in g}) for k, g in drawable.groupby(["bounds", "level", "variable"])["year"]}
        published = rows[rows["bounds"] == PUBLISHED]
        boundary_years = {(lv, int(y)): (int(b) if pd.notna(b) else None) for (lv, y), b in
                          published.groupby(["level", "year"])["boundary_year"].max().items()}
        fixed = drawable[drawable["bounds"] == FIXED][["municipality", "level", "variable", "year"]]
        return Available(years, boundary_years, opening_choice(fixed))

    def _opening_view(self, city=None):
        """The view the dashboard opens on (core/opening.py): the build's choice for the whole country,
        or the choice within a configured city."""
        view = self._available(city).opening if city in self.municipalities else self.report["opening"]
        if view is not None:
            return view
        municipality = city if city in self.municipalities else self.municipalities[0]
        indicators = self.indicators(municipality, "wijk") or [None]
        years = self.years(municipality, "wijk", indicators[0]) if indicators[0] else [None]
        return {"city": municipality, "level": "wijk", "indicator": indicators[0], "year": years[-1]}

    def boundary_year(self, municipality, level, year, bounds=FIXED):
        if is_grid(level):
            return None  # a square is its own geometry
        if bounds == FIXED:
            return self.target_years.get(level)
        return self._available(municipality).boundary_years.get((level, int(year)))

    def areas(self, municipality, level, boundary_year):
        city = self.city(municipality)
        return city.areas.get((level, boundary_year), city.no_areas)

    def name(self, level, year, code):
        city = area_codes.municipality_of(code)
        return self.city(city).names.get((level, year, code)) if city in self._municipality_names else None

    def municipality_name(self, code):
        return self._municipality_names.get(code, code)

    def neighbours(self, level, year, code):
        city = area_codes.municipality_of(code)
        return self.city(city).neighbours.get((level, year, code), set()) if city in self._municipality_names else set()

    def _municipality_shapes(self):
        """Each municipality's outline on its latest map (longitude, latitude), to find the city of a point."""
        gemeenten = read_rows(self.folder, "boundaries_display", [("level", "==", "gemeente")])
        return gemeenten.sort_values("year").groupby("municipality").tail(1)[["municipality", "geometry"]]

    def buurt_at(self, lon, lat):
        """(municipality, buurt code) of the buurt on the fixed boundaries that holds the point, or None
        outside every city the layers hold: a point in polygon on the app's own geometry, no other service."""
        from shapely import Point  # a visitor's "Mijn buurt", not every start

        point = Point(lon, lat)
        year = self.target_years.get("buurt")
        cities = self.municipality_shapes()
        for municipality in cities[cities.intersects(point)]["municipality"]:
            buurten = self.areas(municipality, "buurt", year)
            inside = buurten[buurten.intersects(point)]
            if len(inside):
                return municipality, inside["code"].iloc[0]
        return None

    def _home_bounds(self, municipality):
        """Where the map opens (lon0, lat0, lon1, lat1): the city's inhabited body — the wijken of at
        least HOME_PEOPLE inhabitants reached from the most populous one through neighbours that are
        inhabited too — and the study areas. A port, dunes and villages across them are one click away
        ('Hele gemeente'): Rotterdam opens on the city from Hoogvliet to Prins Alexander, not on the
        Maasvlakte. None: the whole municipality (no inhabitants at wijk level, or the frame would be
        nearly all of it anyway)."""
        year = self.target_years.get("wijk")
        areas = self.areas(municipality, "wijk", year)
        years = self.years(municipality, "wijk", "inhabitants") if "inhabitants" in self.indicators(municipality, "wijk") else []
        if not years or not len(areas):
            return None
        people = self.values(municipality, "wijk", "inhabitants", years[-1])
        people = people[people["status"].isin(("published", "interpolated"))].set_index("code")["value"]
        shapes = areas[areas["code"].isin(people[people >= HOME_PEOPLE].index)].to_crs(settings.ANALYSIS_CRS)
        if shapes.empty:
            return None
        shapes = shapes.set_index("code").geometry
        body, todo = set(), [people[shapes.index].idxmax()]
        while todo:
            code = todo.pop()
            if code not in body:
                body.add(code)
                todo.extend(shapes.index[shapes.distance(shapes[code]) <= HOME_GAP])
        home = areas[areas["code"].isin(body)].total_bounds
        study = self.areas(municipality, "buurt", self.target_years.get("buurt"))
        study = study[study["code"].isin({c for a in cases.areas() for c in cases.codes_for(a, self.target_years.get("buurt", 0))})]
        if len(study):
            s0, s1 = study.total_bounds[:2], study.total_bounds[2:]
            home = [min(home[0], s0[0]), min(home[1], s0[1]), max(home[2], s1[0]), max(home[3], s1[1])]
        x0, y0, x1, y1 = home
        fx0, fy0, fx1, fy1 = areas.total_bounds
        if (x1 - x0) * (y1 - y0) >= 0.8 * (fx1 - fx0) * (fy1 - fy0):
            return None
        return tuple(float(v) for v in (x0, y0, x1, y1))

    def _geojson(self, municipality, level, boundary_year):
        areas = self.areas(municipality, level, boundary_year)
        return json.loads(areas[["code", "geometry"]].set_index("code").to_json(drop_id=False))

    def _values_for(self, municipality, level, indicator, year, bounds=FIXED):
        """One row per area drawn on the map, in map order: value, status, source, boundary year."""
        if is_grid(level):
            return self._grid_values(municipality, level, indicator, year)
        boundary_year = self.boundary_year(municipality, level, year, bounds)
        areas = self.areas(municipality, level, boundary_year)[["code", "name"]]
        frame = self.frame(bounds, municipality, level, indicator)
        mine = frame[frame["year"] == int(year)] if frame is not None else None
        if mine is None or mine.empty:
            out = areas.assign(value=np.nan, status="not_published", source=None, table=None, release=None,
                               boundary_year=None)
        else:
            out = areas.merge(mine[VALUE_COLUMNS], on="code", how="left")
            out["status"] = out["status"].fillna("not_published")
        return out.reset_index(drop=True)

    def _grid_values(self, municipality, level, indicator, year):
        """One row per square of the year, in the squares' order: code (the square's id), value, status,
        its source and CBS's rounding, the buurt its centre lies in."""
        cells = self.cells(municipality, level, year)
        frame = self.frame(FIXED, municipality, level, indicator)
        columns = ["cell", "value", "status", "source", "missing_code", "rounding"]
        mine = frame.loc[frame["year"] == int(year), columns] if frame is not None else pd.DataFrame(columns=columns)
        out = cells.merge(mine, on="cell", how="left").rename(columns={"cell": "code"})
        out["status"] = out["status"].fillna("not_published")
        return out.assign(name=out["code"], table=grid_product(level, year), release="", boundary_year=None)

    def classes(self, municipality, level, indicator, bounds, method):
        """(lower bound, class upper bounds, first year, last year) as the build computed them with
        mapclassify, over every year of the indicator here: colours compare across years."""
        return self.city(municipality).classes.get((bounds, level, indicator, method), (np.nan, [], None, None))

    def series(self, municipality, level, indicator, code):
        """The area's values over the years on the fixed boundaries, and the municipality's own.

        area: year, value, status, boundary_year and `same_place` — whether the value is CBS's own for
        this area (the same area on the map of its year) or was rebuilt from parts of other areas. city: year, value, status, boundary_year and `territory_change`
        — the change in the municipality's area since its previous point (a merger, such as Groningen's
        with Haren and Ten Boer in 2019), so the series can break there."""
        frame = self.frame(FIXED, municipality, level, indicator)
        columns = ["year", "value", "status", "boundary_year"]
        own = columns + ["table", "release", "source"]
        area = (frame[frame["code"] == code].sort_values("year")[own] if frame is not None
                else pd.DataFrame(columns=own))
        # As published (the same area on the map of its year: harmonise carries it with CBS's status) or
        # rebuilt from parts of other areas (interpolated): the layers' own status says which.
        area = area.assign(same_place=area["status"].isin(["published", "provisional"]).to_numpy())
        city = self.frame(PUBLISHED, municipality, "gemeente", indicator)
        city = city.sort_values("year")[columns] if city is not None else pd.DataFrame(columns=columns)
        city = city.assign(territory_change=self._territory_changes(municipality, city["boundary_year"]))
        return area.reset_index(drop=True), city.reset_index(drop=True)

    def _territory_changes(self, municipality, boundary_years):
        """Per point, the relative change of the municipality's area since the previous point's map."""
        areas = self.city(municipality).municipal_area
        changes, previous = [], None
        for year in boundary_years:
            area = areas.get(int(year)) if pd.notna(year) else None
            changes.append(round(area / previous - 1, 4) if area and previous else 0.0)
            previous = area or previous
        return changes

    def code_history(self, level, code, year):
        """For each other boundary year: the areas that made up (or make up) this area, with shares."""
        c = self.city(area_codes.municipality_of(code)).crosswalk
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

    def to_fixed_code(self, municipality, level, year, code):
        """The fixed-boundary area of this municipality that holds most of an area of another boundary year."""
        target = self.target_years[level]
        if year == target:
            return code
        c = self.city(municipality).crosswalk
        hit = c[(c["level"] == level) & (c["from_year"] == year) & (c["to_year"] == target) & (c["from_code"] == code)]
        return hit.sort_values("share_of_from").iloc[-1]["to_code"] if len(hit) else None


def grid_product(level, year):
    """The CBS product a square's value comes from, as the hover and the table name it."""
    return f"Vierkantstatistieken {int(year)} ({GRID_RESOLUTION[level]} m)"
