"""A page's state in its link: parse the query into valid choices, and name what was dropped.

Every value is checked against what the layers hold; what does not fit falls back to the default and
is named in a notice, never a traceback. The browser writes the state back into the address bar as it
changes (assets/wijk.js: writeUrl; shell.address_query is its server-side twin), so a link always opens exactly what someone saw."""

import re
import unicodedata

from ..core import cases, codes
from ..core.indicators import catalogue
from ..core.indices import catalogue as index_catalogue
from ..layers import PRESENT
from .store import BOUNDS, CLASS_METHODS, FIXED, PUBLISHED

LANGS = ("nl", "en")
TRUE = ("1", "true", "ja", "yes")
COMMON = ("lang", "present", "embed")
# One vocabulary of the address for every page: a key means the same wherever it appears, and a page
# takes what applies to it (a link edited from Kaart to Segregatie keeps its city); a key no page knows
# is named in the notice.
ADDRESS = ("city", "cities", "level", "indicator", "year", "from", "to", "bounds", "classes", "table", "area",
           "compare", "mode", "axis", "index", "story", "step", "notes")
MAX_VALUE = 120


def first(query, key):
    """One value of a query parameter (the last, if repeated), as text, cut to a sane length."""
    value = query.get(key)
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    return None if value is None else str(value)[:MAX_VALUE]


def slug(name):
    """'Den Haag' -> 'den-haag', "'s-Gravenhage" -> 's-gravenhage'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def city_name(store, code, lang="nl"):
    names = codes.display_names().get(code)
    return names[lang] if names else store.municipality_name(code)


def city_slugs(store):
    return {slug(city_name(store, code)): code for code in store.municipalities}


def city_options(store, lang):
    """Every city the layers hold, by name, as a select offers them (the value: its slug)."""
    slugs = {code: s for s, code in city_slugs(store).items()}
    return sorted(({"label": city_name(store, c, lang), "value": slugs[c]} for c in store.municipalities),
                  key=lambda o: o["label"])


def city_of(store, raw):
    if raw is None:
        return None
    return city_slugs(store).get(raw.lower()) or (raw.upper() if raw.upper() in store.municipalities else None)


def common(query):
    """(lang, presentation mode) of any page."""
    lang = first(query, "lang")
    return (lang if lang in LANGS else "nl"), first(query, "present") in TRUE


def embedded(query):
    """embed=1: the page inside a municipality's own site (an iframe): the view without our header."""
    return first(query, "embed") in TRUE


class Parser:
    def __init__(self, query, allowed):
        self.query, self.problems = query, []
        for key in sorted(set(query) - set(allowed) - set(ADDRESS) - set(COMMON)):
            self.problems.append(f"{str(key)[:30]}=…")
        lang = first(query, "lang")
        if lang is not None and lang not in LANGS:
            self.problems.append(f"lang={lang}")

    def choose(self, key, allowed, default, convert=str):
        raw = first(self.query, key)
        if raw is None:
            return default
        try:
            value = convert(raw)
        except (TypeError, ValueError):
            value = None
        if value in allowed:
            return value
        self.problems.append(f"{key}={raw}")
        return default


def kaart(query, store, default):
    """The Kaart page: city, level, indicator, year, bounds, classes, table, area, compare, and the mode:
    the values of a year, or their change since `from` (on the fixed boundaries: a change compares one
    area with itself)."""
    p = Parser(query, ("city", "level", "indicator", "year", "bounds", "classes", "table", "area", "compare", "mode",
                       "from"))
    raw_city = first(query, "city") or (first(query, "cities") or "").split(",")[0] or None  # Segregatie's first
    city = city_of(store, raw_city)
    if raw_city is not None and city is None:
        p.problems.append(f"city={raw_city}")
    state = {"city": city or default["city"]}
    state["level"] = p.choose("level", codes.LEVELS + store.grid_levels(state["city"]), default["level"])
    state["bounds"] = p.choose("bounds", BOUNDS, FIXED)
    state["classes"] = p.choose("classes", CLASS_METHODS, "jenks")
    state["table"] = first(query, "table") in TRUE
    available = store.indicators(state["city"], state["level"], state["bounds"])
    asked = first(query, "indicator")
    if asked is not None and asked not in available:
        p.problems.append(f"indicator={asked}")
    state["indicator"] = asked if asked in available else default_indicator(available, default["indicator"])
    years = store.years(state["city"], state["level"], state["indicator"], state["bounds"]) if state["indicator"] else []
    state["mode"] = p.choose("mode", ("value", "change"), "value")
    state["from"] = None
    if state["mode"] == "change":
        state["bounds"] = FIXED
        fixed = store.years(state["city"], state["level"], state["indicator"], FIXED) \
            if state["indicator"] and not codes.is_grid(state["level"]) else []
        if len(fixed) < 2:
            p.problems.append("mode=change")
            state["mode"] = "value"
        else:
            state["from"] = p.choose("from", fixed[:-1], fixed[0], int)
            years = [y for y in fixed if y > state["from"]]
    state["year"] = p.choose("year", years, years[-1] if years else None, int)
    state["area"] = None
    raw_area = first(query, "area")
    if raw_area is not None and state["year"] is not None and codes.is_grid(state["level"]):
        if raw_area.upper() in set(store.cells(state["city"], state["level"], state["year"])["cell"]):
            state["area"] = raw_area.upper()
        else:
            p.problems.append(f"area={raw_area}")
    elif raw_area is not None and state["year"] is not None:
        boundary_year = store.boundary_year(state["city"], state["level"], state["year"], state["bounds"])
        if raw_area.upper() in set(store.areas(state["city"], state["level"], boundary_year)["code"]):
            state["area"] = raw_area.upper()
        else:
            p.problems.append(f"area={raw_area}")
    raw_compare = first(query, "compare")
    state["compare"] = [c for c in area_codes(raw_compare) if known_area(store, c)]
    if raw_compare and len(state["compare"]) < len([x for x in raw_compare.split(",") if x.strip()]):
        p.problems.append(f"compare={raw_compare}")
    return state, p.problems


MAX_COMPARED = 8


def area_codes(raw):
    """'BU05990110,WK001401' -> the well-formed buurt and wijk codes, in order, without repeats."""
    out = []
    for part in (raw or "").split(","):
        code = part.strip().upper()
        if codes.CODE_PATTERN.match(code) and not code.startswith("GM") and code not in out:
            out.append(code)
    return out[:MAX_COMPARED]


def known_area(store, code):
    """An area on the fixed boundaries of its level, in a municipality the layers hold."""
    city, level = codes.municipality_of(code), codes.level_of(code)
    return city in store.municipalities and code in set(store.areas(city, level, store.target_years[level])["code"])


def default_indicator(available, preferred):
    if not available:
        return None
    return preferred if preferred in available else available[0]


def compare_indicators(store, level):
    """Indicators with a value for any city at this level, or for the cities themselves; indices
    (diversity, location quotients) cannot be summed over an area and its ring."""
    found = set()
    for city in {a["municipality"] for a in cases.areas()} & set(store.municipalities):
        found.update(store.indicators(city, level))
        found.update(i for i in catalogue() if store.frame(PUBLISHED, city, "gemeente", i) is not None)
    return [i for i in catalogue() if i in found and catalogue()[i].kind != "index"]


def case_years(store, level, indicator):
    """The years any study area's city has a value for, at this level, on the fixed boundaries."""
    years = set()
    for area in cases.areas():
        frame = store.frame(FIXED, area["municipality"], level, indicator)
        if frame is not None:
            years.update(frame.loc[frame["status"].isin(PRESENT), "year"])
    return sorted(int(y) for y in years)


def vergelijk(query, store, default):
    """The Vergelijk page: indicator, level (default: buurt where the study areas have buurt figures for
    the indicator), axis and the period of the waterbed comparison."""
    p = Parser(query, ("level", "indicator", "axis", "from", "to"))
    every = sorted(set(compare_indicators(store, "buurt")) | set(compare_indicators(store, "wijk")))
    indicator = p.choose("indicator", every, default_indicator(compare_indicators(store, "buurt"),
                                                                default["compare_indicator"]))
    preferred = "buurt" if len(case_years(store, "buurt", indicator)) >= 2 else "wijk"
    level = p.choose("level", codes.LEVELS, preferred)
    if indicator not in compare_indicators(store, level):
        available = compare_indicators(store, level)
        p.problems.append(f"indicator={indicator}")
        indicator = default_indicator(available, default["compare_indicator"])
    axis = p.choose("axis", ("same", "own"), "same")
    years = case_years(store, level, indicator)
    start = p.choose("from", years, years[0] if years else None, int)
    end = p.choose("to", years, years[-1] if years else None, int)
    return {"level": level, "indicator": indicator, "axis": axis, "from": start, "to": end}, p.problems


def longest_series(store, index):
    """(city, level) whose series of this index has the most years: where the Segregatie page opens."""
    rows = store.segregation[store.segregation["index"] == index]
    if rows.empty:
        return store.municipalities[0], "wijk"
    counts = rows.groupby(["municipality", "level"])["year"].nunique()
    best = max(counts.items(), key=lambda item: (item[1], item[0][1] == "buurt"))
    return best[0]


def segregatie(query, store, default):
    """The Segregatie page: index, level and the cities side by side (default: the city and level with
    the longest series)."""
    p = Parser(query, ("index", "level", "cities"))
    index = p.choose("index", tuple(index_catalogue()), "dissim_low_vs_rest")
    city, level = longest_series(store, index)
    level = p.choose("level", codes.LEVELS, level)
    slugs, chosen = city_slugs(store), []
    asked = first(query, "cities") or first(query, "city") or ""  # a Kaart link's city: that city here
    key = "cities" if first(query, "cities") else "city"
    for raw in asked.split(","):
        raw = raw.strip()
        code = city_of(store, raw) if raw else None
        if code and code not in chosen:
            chosen.append(code)
        elif raw:
            p.problems.append(f"{key}={raw}")
    by_code = {code: s for s, code in slugs.items()}
    return {"index": index, "level": level, "cities": [by_code[c] for c in (chosen or [city])][:12]}, p.problems


def over(query, store, default):
    return {}, Parser(query, ()).problems


def verhaal(query, stories):
    """The Verhaal page: a story (none: the list), its step (1…n; outside: the nearest) and the
    presenter's notes."""
    p = Parser(query, ())
    story = p.choose("story", set(stories), None)
    step = 1
    if story is not None:
        raw = first(query, "step")
        if raw is not None:
            try:
                step = min(max(int(raw), 1), len(stories[story].steps))
            except ValueError:
                p.problems.append(f"step={raw}")
    return {"story": story, "step": step if story else None, "notes": first(query, "notes") in TRUE}, p.problems


def to_search(params):
    """The query string of a page's state (values that are None, False or empty left out; lists joined
    by commas)."""
    from urllib.parse import urlencode

    def text(v):
        return "1" if v is True else ",".join(map(str, v)) if isinstance(v, (list, tuple)) else v
    return "?" + urlencode({k: text(v) for k, v in params.items() if v is not None and v is not False and v != []},
                           safe=",")
