"""Find any area from anywhere: what someone types in the area box, looked up in every city the layers
hold — a buurt or wijk by its name, one of the 1999 study's areas by the study's name, a square by its
code — nearest first: this map, then this city, then the others."""

from ....core import cases
from ....core.codes import CELL_PATTERN, GRID_LEVELS
from ....core.codes import search_key as key


def find_area(store, typed, city, level):
    """(code, municipality, level, name) of the best match, or None."""
    wanted = key(typed)
    if not wanted:
        return None
    code = typed.strip().upper()
    if CELL_PATTERN.match(code):
        for municipality in [city] + [m for m in store.municipalities if m != city]:
            for grid in store.grid_levels(municipality):
                years = store.years(municipality, grid, "inhabitants")
                if years and code in set(store.cells(municipality, grid, years[-1])["cell"]):
                    return code, municipality, grid, code
        return None
    buurt_year = store.target_years.get("buurt")
    for area in cases.areas():  # the study's own names
        if wanted in {key(area["name"]), *(key(a) for a in area.get("aliases", []))}:
            codes = cases.codes_for(area, buurt_year)
            if codes:
                return codes[0], area["municipality"], "buurt", area["name"]
    names = store.name_index()
    names = names.assign(distance=[_rank(wanted, n) for n in names["key"]])
    names = names[names["distance"] < 9]
    if names.empty:
        return None
    on_level = level if level not in GRID_LEVELS else "buurt"
    names = names.assign(here=~(names["municipality"] == city), other_level=names["level"] != on_level)
    best = names.sort_values(["distance", "here", "other_level", "name"]).iloc[0]
    return best["code"], best["municipality"], best["level"], best["name"]


def _rank(wanted, name):
    """0 the same name, 1 a name that begins with what is typed, 2 one that holds it; 9 no match."""
    if name == wanted:
        return 0
    if name.startswith(wanted):
        return 1
    return 2 if wanted in name else 9
