"""Whether a story can be told from these layers: every view and number names a city, level, indicator,
area, index, scale, year, fact, wave and document that exist, every placeholder an attribute its number
has. Run when the app starts; the first fault stops it with one line naming the file and the step."""

from ...core import cases, codes as area_codes
from ...core.codes import LEVELS
from ...core.indicators import catalogue
from ...core.indices import catalogue as index_catalogue
from ...core.waves import all_waves, documents
from ..components.scale_chart import SCALES
from ..store import FIXED
from .model import LANGS, PLACEHOLDER, StoryError
from .numbers import case_area, fact_of, parse_citation

ATTRIBUTES = {"value": {"year"}, "change": {"from", "to"}, "difference": {"year"}, "index": {"year"},
              "scale": {"year"}, "fact": {"source"}, "years": {"first", "last", "count"}}
VIEW_KEYS = {"map": {"kind", "city", "level", "indicator", "year", "years", "area"},
             "place": {"kind", "area", "level"},
             "study": {"kind", "area", "level", "indicator"},
             "index": {"kind", "cities", "level", "index"},
             "scale": {"kind", "city"},
             "waves": {"kind", "wave", "level"}}
NUMBER_KEYS = {"value": {"indicator", "area", "city", "of", "year", "level"},
               "change": {"indicator", "area", "city", "of", "from", "to", "level"},
               "difference": {"indicator", "area", "against", "year", "level"},
               "index": {"index", "city", "level", "year"},
               "scale": {"city", "scale", "year"},
               "fact": {"area", "fact"},
               "years": {"indicator", "area", "city", "of", "level"}}


class Checker:
    def __init__(self, store, numbers, slugs):
        self.store, self.numbers, self.slugs = store, numbers, slugs

    def story(self, story):
        for n, step in enumerate(story.steps, start=1):
            fail = lambda fault, n=n: _raise(story.path, n, fault)  # noqa: E731
            level = self.view(step.view, fail)
            for name, spec in step.numbers.items():
                self.number(name, spec, level, fail)
            for lang in LANGS:
                for match in PLACEHOLDER.finditer(step.text[lang]):
                    name, attribute = match.groups()
                    if attribute and attribute not in ATTRIBUTES[step.numbers[name]["kind"]]:
                        fail(f"{{{name}.{attribute}}}: a {step.numbers[name]['kind']} has "
                             f"{', '.join(sorted(ATTRIBUTES[step.numbers[name]['kind']]))}")
            for citation in step.cites:
                doc, first, last = parse_citation(citation)
                if doc not in documents() or first > last:
                    fail(f"cites {citation}: no such document in data/documents.csv, or lines backwards")

    # -- the view --------------------------------------------------------------------------------------

    def view(self, view, fail):
        kind = view["kind"]
        unknown = set(view) - VIEW_KEYS[kind]
        if unknown:
            fail(f"view {kind}: unknown key(s) {', '.join(sorted(unknown))}")
        level = view.get("level", "buurt")
        if level not in LEVELS:
            fail(f"unknown level '{level}' (one of {', '.join(LEVELS)})")
        if kind == "map":
            city = self.city(view.get("city"), fail)
            indicator = self.indicator(view.get("indicator"), fail)
            years = self.store.years(city, level, indicator, FIXED)
            if not years:
                fail(f"no {level} figures of '{indicator}' for {view['city']} in the layers")
            shown = view.get("years", [view.get("year", "last")])
            if shown != "all":
                if not isinstance(shown, list) or not shown:
                    fail("years: a list of years, or all")
                for year in shown:
                    if year not in ("first", "last") and year not in years:
                        fail(f"year {year}: no {level} figures of '{indicator}' for {view['city']} "
                             f"(there are: {', '.join(map(str, years))})")
            if view.get("area"):
                self.area(view["area"], level, fail)
        elif kind in ("place", "study"):
            if case_area(str(view.get("area"))) is None:
                fail(f"unknown study area '{view.get('area')}' (one of {', '.join(a['id'] for a in cases.areas())})")
            if kind == "study":
                self.indicator(view.get("indicator"), fail)
        elif kind == "index":
            cities = view.get("cities")
            if not isinstance(cities, list) or not cities:
                fail("cities: a list of cities")
            for city in cities:
                self.city(city, fail)
            if view.get("index") not in index_catalogue():
                fail(f"unknown index '{view.get('index')}' (one of {', '.join(index_catalogue())})")
        elif kind == "scale":
            self.city(view.get("city"), fail)
        elif kind == "waves" and view.get("wave") is not None and view["wave"] not in {w.id for w in all_waves()}:
            fail(f"unknown wave '{view['wave']}' (one of {', '.join(w.id for w in all_waves())})")
        return level

    # -- a number --------------------------------------------------------------------------------------

    def number(self, name, spec, level, fail):
        kind = spec["kind"]
        unknown = set(spec) - NUMBER_KEYS[kind] - {"kind"}
        if unknown:
            fail(f"number '{name}': unknown key(s) {', '.join(sorted(unknown))}")
        level = spec.get("level", level)
        if level not in LEVELS:
            fail(f"number '{name}': unknown level '{level}'")
        if kind in ("value", "change", "difference", "years"):
            self.indicator(spec.get("indicator"), fail)
            if spec.get("area"):
                self.area(spec["area"], level, fail)
            elif kind == "difference" or spec.get("of", "city") != "city":
                fail(f"number '{name}': needs an area")
            else:
                self.city(spec.get("city"), fail)
            role = spec.get("of", "area" if spec.get("area") else "city")
            if role not in ("area", "ring", "city") or spec.get("against", "city") not in ("ring", "city"):
                fail(f"number '{name}': of/against is area, ring or city")
            if "ring" in (role, spec.get("against")) and case_area(spec.get("area", "")) is None:
                fail(f"number '{name}': a ring is known for a study area only")
            if not spec.get("area"):
                spec.setdefault("of", "city")
            table = self.numbers.table(spec, level)
            for key in ("year", "from", "to"):
                year = spec.get(key)
                if year is not None and year not in ("first", "last") and year not in set(table["year"]):
                    fail(f"number '{name}': {key} {year} is not a year of '{spec['indicator']}' here "
                         f"(there are: {', '.join(map(str, table['year']))})")
        elif kind == "index":
            self.city(spec.get("city"), fail)
            if spec.get("index") not in index_catalogue():
                fail(f"number '{name}': unknown index '{spec.get('index')}'")
        elif kind == "scale":
            self.city(spec.get("city"), fail)
            if spec.get("scale") not in SCALES:
                fail(f"number '{name}': scale is one of {', '.join(SCALES)}")
        elif kind == "fact" and fact_of(spec) is None:
            fail(f"number '{name}': no fact '{spec.get('fact')}' with a value and a source for '{spec.get('area')}' "
                 "in data/case_studies.yaml")

    def city(self, slug, fail):
        if slug not in self.slugs:
            fail(f"unknown city '{slug}' (one of {', '.join(sorted(self.slugs))})")
        return self.slugs[slug]

    def indicator(self, indicator_id, fail):
        if indicator_id not in catalogue():
            fail(f"unknown indicator '{indicator_id}'")
        return indicator_id

    def area(self, area, level, fail):
        if case_area(area) is not None:
            return
        city = area_codes.municipality_of(area) if isinstance(area, str) else None
        year = self.store.target_years.get(level)
        known = city in self.store.municipalities and area in set(self.store.areas(city, level, year)["code"])
        if not known:
            fail(f"unknown area '{area}' (a study area: {', '.join(a['id'] for a in cases.areas())}; or a {level} "
                 f"code on the {year} map)")


def _raise(path, step, fault):
    raise StoryError(path, step, fault)
