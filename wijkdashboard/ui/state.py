"""The view's state in the URL: parse a query string into valid choices, and write one back.

Every value is checked against what the layers hold; what does not fit falls back to the default and
is named in a notice, never a traceback."""

from urllib.parse import parse_qs, urlencode

from .. import vocabulary
from ..indicators import catalogue
from ..store import FIXED, PUBLISHED

LEVELS = ("wijk", "buurt")
DEFAULTS = {"lang": "nl", "city": "GM0014", "level": "wijk", "indicator": "inhabitants", "bounds": FIXED,
            "classes": "jenks", "table": False, "area": None, "year": None, "view": "kaart", "axis": "same",
            "compare_indicator": "pct_owner_occupied", "index": "dissim_low_vs_rest"}
VIEWS = ("kaart", "vergelijk", "segregatie")


def city_slugs():
    return {row["name_nl"].lower().replace(" ", "-"): code for code, row in vocabulary.municipality_names().items()}


def slug_of(code):
    return {v: k for k, v in city_slugs().items()}[code]


def parse(search, store):
    """(state, problems): state holds only valid values; problems name what was dropped."""
    query = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?"), keep_blank_values=True).items()}
    state, problems = dict(DEFAULTS), []

    def choose(key, allowed, convert=str):
        if key not in query:
            return
        raw = query[key][:60]
        try:
            value = convert(raw)
        except (TypeError, ValueError):
            value = None
        if value in allowed:
            state[key] = value
        else:
            problems.append(f"{key}={raw}")

    choose("lang", ("nl", "en"))
    choose("view", VIEWS)
    choose("axis", ("same", "own"))
    from ..segregation import catalogue as index_catalogue
    choose("index", tuple(index_catalogue()))
    slugs = city_slugs()
    if "city" in query:
        raw = query["city"][:60]
        code = slugs.get(raw.lower()) or (raw.upper() if raw.upper() in slugs.values() else None)
        if code:
            state["city"] = code
        else:
            problems.append(f"city={raw}")
    choose("level", LEVELS)
    choose("bounds", (FIXED, PUBLISHED))
    choose("classes", ("jenks", "quantiles"))
    if "table" in query:
        state["table"] = query["table"] in ("1", "true", "ja", "yes")

    available = store.indicators(state["city"], state["level"], state["bounds"])
    comparable = compare_indicators(store, state["level"])
    asked = query.get("indicator")
    if asked is not None and asked not in (comparable if state["view"] == "vergelijk" else available):
        problems.append(f"indicator={asked[:60]}")
    state["indicator"] = asked if asked in available else default_indicator(available)
    if asked in comparable:
        state["compare_indicator"] = asked
    elif DEFAULTS["compare_indicator"] not in comparable:
        state["compare_indicator"] = comparable[0] if comparable else None

    years = store.years(state["city"], state["level"], state["indicator"], state["bounds"]) if state["indicator"] else []
    choose("year", years, int)
    if state["year"] not in years:
        state["year"] = years[-1] if years else None

    if "area" in query and state["year"] is not None:
        boundary_year = store.boundary_year(state["city"], state["level"], state["year"], state["bounds"])
        codes = set(store.areas(state["city"], state["level"], boundary_year)["code"])
        if query["area"].upper() in codes:
            state["area"] = query["area"].upper()
        else:
            problems.append(f"area={query['area'][:60]}")
    for key in query.keys() - set(DEFAULTS) - {"compare_indicator"}:
        problems.append(f"{key[:30]}=…")
    return state, problems


def compare_indicators(store, level):
    """Indicators with a value for any of the three cities at this level, or for the cities themselves."""
    found = set()
    for city in store.municipalities:
        found.update(store.indicators(city, level))
        found.update(i for i in catalogue() if store.frame(PUBLISHED, city, "gemeente", i) is not None)
    # Indices (diversity, location quotients) cannot be summed over an area and its ring.
    return [i for i in catalogue() if i in found and catalogue()[i].variable.kind != "index"]


def default_indicator(available):
    if not available:
        return None
    return DEFAULTS["indicator"] if DEFAULTS["indicator"] in available else available[0]


def to_search(state):
    if state.get("view") == "segregatie":
        return "?" + urlencode({"view": "segregatie", "lang": state["lang"], "index": state.get("index") or DEFAULTS["index"]})
    if state.get("view") == "vergelijk":
        query = {"view": "vergelijk", "lang": state["lang"], "level": state["level"],
                 "indicator": state["compare_indicator"], "axis": state["axis"]}
        return "?" + urlencode({k: v for k, v in query.items() if v is not None})
    query = {"view": "kaart", "lang": state["lang"], "city": slug_of(state["city"]), "level": state["level"],
             "indicator": state["indicator"], "year": state["year"], "bounds": state["bounds"],
             "classes": state["classes"]}
    if state.get("table"):
        query["table"] = "1"
    if state.get("area"):
        query["area"] = state["area"]
    return "?" + urlencode({k: v for k, v in query.items() if v is not None})

