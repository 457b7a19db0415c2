"""Kaart's callbacks. One request per change of view (city, level, indicator, kind of boundaries, classes,
mode): it answers with the whole view, every year of it (view.View.payload). A year step, ▶ and the
table go without a request: assets/kaart.js shows them from that payload. The chosen area's panel, a
typed search and the downloads each ask the server once."""

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, clientside_callback, dcc, no_update

from ....core import codes as area_codes
from ....core import formatting
from ....core.codes import CELL_PATTERN, CODE_PATTERN, LEVELS, MAP_LEVELS, is_grid
from ....core.indicators import catalogue
from ... import ids, shell, urlstate
from ...components import area_compare, markup
from ...i18n import csv_headers, t
from ...store import BOUNDS, CLASS_METHODS, FIXED
from ...validation import boolean, count, one_of, text, year_from_text, year_text
from .layout import URL, layout
from .options import DEFAULT, MODES, NAME, PATH, bounds_options, indicator_options, level_options, play_state, year_options
from .search import find_area
from .view import View


def is_area_code(value):
    """A CBS area code (GM0599, WK059916, BU05991692) or a grid square's id (E0974N4514): nothing else
    reaches a callback, and so a cache key."""
    return isinstance(value, str) and bool(CODE_PATTERN.match(value) or CELL_PATTERN.match(value))


def area_rule(value):
    return value is None or value == "" or is_area_code(value)


def codes_rule(value):
    """The ticked areas of the comparison: a short list of area codes."""
    return value is None or (isinstance(value, list) and len(value) <= 20 and all(is_area_code(c) for c in value))


def from_text(value):
    """The change's first year as the select sends it ('2014'), or None."""
    return int(value) if isinstance(value, str) and value.strip().isdigit() else value


def position_rule(value):
    """The browser's answer to "Mijn buurt": a longitude and latitude, or the Geolocation API's error code."""
    if not isinstance(value, dict):
        return False
    if set(value) == {"error"}:
        return value["error"] in (0, 1, 2, 3)
    return set(value) == {"lon", "lat"} and all(
        isinstance(value[k], (int, float)) and not isinstance(value[k], bool) and -180 <= value[k] <= 180 for k in value)


def register(app, ctx):
    store = ctx.store
    view = ctx.parts[NAME] = View(ctx)
    dash.register_page(__package__, path=PATH, name="Kaart", title=shell.page_title(None),
                       layout=layout)
    slugs = view.slugs
    rules = ctx.rules
    for component, prop, rule in [
        (ids.CITY, "value", one_of(slugs)), (ids.LEVEL, "value", one_of(MAP_LEVELS)),
        (ids.INDICATOR, "value", one_of(list(catalogue()), optional=True)), (ids.BOUNDS, "value", one_of(BOUNDS)),
        (ids.CLASSES, "value", one_of(CLASS_METHODS)), (ids.MODE, "value", one_of(MODES)),
        (ids.LANG, "data", one_of(urlstate.LANGS)), (ids.PRESENT, "data", boolean()),
        (ids.TABLE_TOGGLE, "value", boolean()), (ids.MAP_KEY, "data", text(100)),
        (ids.GEOMETRY_REQUEST, "data", text(100)),
        (ids.AREA, "value", text(200)), (ids.SELECTED_AREA, "data", area_rule),
        (ids.TABLE_CSV_BUTTON, "n_clicks", count()), (ids.MY_POSITION, "data", position_rule),
        (ids.COMPARE_AREAS, "data", text(200)), (ids.COMPARE_ADD, "n_clicks", count()),
        (ids.COMPARE_CHOSEN, "value", codes_rule), (ids.COMPARE_AREAS_CSV_BUTTON, "n_clicks", count()),
    ]:
        rules.add(component, prop, rule)
    # The year input and the first year's select send text; every callback gets a number.
    rules.add(ids.YEAR, "value", year_text(), coerce=year_from_text)
    rules.add(ids.CHANGE_FROM, "value", year_text(), coerce=from_text)

    def city_code(slug):
        return slugs[slug]

    @app.callback(
        Output(ids.VIEW, "data"), Output(ids.INDICATOR, "options"), Output(ids.INDICATOR, "value"),
        Output(ids.LEVEL, "options"), Output(ids.LEVEL, "value", allow_duplicate=True), Output(ids.MODE, "value"),
        Output(ids.BOUNDS, "options"), Output(ids.BOUNDS_BOX, "hidden"), Output(ids.CLASSES_BOX, "hidden"),
        Output(ids.MODE_BOX, "hidden"), Output(ids.CHANGE_BOX, "hidden"), Output(ids.CHANGE_FROM, "options"),
        Output(ids.CHANGE_FROM, "value"), Output(ids.YEAR, "value", allow_duplicate=True),
        Output(ids.LEVEL_NOTICE, "children"), Output(ids.MAP_MESSAGE, "children"), Output(ids.PLAY, "disabled"),
        Output(ids.PLAY, "title"), Output(ids.PLAY_NOTE, "children"),
        Output(ids.SELECTED_AREA, "data", allow_duplicate=True), Output(ids.AREA_CHOICES_BOX, markup.ATTRIBUTE),
        Output(ids.AREA, "value", allow_duplicate=True), Output(ids.AREA_PANEL, "children", allow_duplicate=True),
        Output(ids.COMPARE_BOX, "children", allow_duplicate=True),
        Input(ids.CITY, "value"), Input(ids.LEVEL, "value"), Input(ids.INDICATOR, "value"), Input(ids.BOUNDS, "value"),
        Input(ids.CLASSES, "value"), Input(ids.MODE, "value"), Input(ids.CHANGE_FROM, "value"),
        State(ids.YEAR, "value"), State(ids.LANG, "data"), State(ids.MAP_KEY, "data"), State(ids.SELECTED_AREA, "data"),
        State(ids.AREA, "value"), State(ids.COMPARE_AREAS, "data"), State(ids.PRESENT, "data"),
        prevent_initial_call=True)
    def show_view(slug, level, indicator_id, bounds, classes, mode, first, year, lang, held_key, selected, typed,
                  compared, present):
        """A new view: its options, what it replaced and why, the whole view (every year), the chosen
        area's panel and the areas side by side — one answer. Outputs that did not change are left alone,
        so they set off no other callback (and no other request)."""
        held = selected or ""
        city = city_code(slug)
        grid_levels = store.grid_levels(city)
        if level not in LEVELS + grid_levels:  # a grid the new city lacks
            level = "buurt"
        grid = is_grid(level)
        if grid:
            mode = "value"
        effective = FIXED if grid or mode == "change" else bounds
        options = indicator_options(store, city, level, effective, lang)
        available = [o["value"] for o in options]
        notice = None
        chosen = indicator_id if indicator_id in available else urlstate.default_indicator(available,
                                                                                          DEFAULT["indicator"])
        if indicator_id and indicator_id not in available and chosen:
            level_word = t(f"level_{level}", lang).split(" ")[0].lower()
            notice = dbc_alert(t("indicator_replaced", lang, indicator=catalogue()[indicator_id].label(lang),
                                 level=level_word, city=urlstate.city_name(store, city, lang),
                                 shown=catalogue()[chosen].label(lang)))
        firsts = view.change_firsts(city, level, chosen)
        if mode == "change" and not firsts:
            mode = "value"
        first = (first if first in firsts else firsts[0]) if mode == "change" else None
        years = view.years(city, level, chosen, effective, mode, first)
        shown_year = year if year in years else (years[-1] if years else None)
        selected = area_for(city, level, shown_year, effective, selected)
        state = {"city": city, "level": level, "indicator": chosen, "bounds": effective, "classes": classes,
                 "mode": mode, "from": first, "year": shown_year, "area": selected or None}
        payload = view.payload(state, lang, held_key)
        no_play, why = play_state(years, lang)
        area_options, area_label = view.area_choices(city, level, shown_year, effective, selected)
        # A changed area sets off area_details, which draws its panel; an unchanged one is drawn here.
        same_area = (selected or "") == held
        panel = view.area_details(selected or None, chosen, city, level, shown_year, effective, lang, present) \
            if same_area else no_update
        return (payload, options, chosen, level_options(lang, grid_levels), level, mode,
                bounds_options(store.target_years.get(level), lang), grid or mode == "change", mode == "change", grid,
                mode != "change", year_options(firsts), str(first) if first is not None else None, shown_year,
                notice, None if chosen else view.nothing_here(city, level, lang), no_play, why or None, why,
                no_update if same_area else (selected or ""), area_options,
                no_update if (area_label or "") == (typed or "") else area_label, panel,
                view.comparison(compared, chosen, lang, present))

    def area_for(city, level, year, bounds, selected):
        """The chosen area kept where it still means something: a buurt's wijk on the wijk map, a square's
        buurt on the buurt map, nothing from another city."""
        if not selected:
            return ""
        if CELL_PATTERN.match(selected):
            if is_grid(level):
                return selected
            buurt = view.buurt_of_cell(city, selected, year)
            return (area_codes.wijk_of(buurt) if level == "wijk" else buurt) if buurt else ""
        if is_grid(level) or area_codes.municipality_of(selected) != city:
            return ""
        if level == "wijk" and selected.startswith("BU"):
            return area_codes.wijk_of(selected)
        return selected

    @app.callback(Output(ids.MAP_SHAPES, "data"), Input(ids.GEOMETRY_REQUEST, "data"),
                  State(ids.CITY, "value"), State(ids.LEVEL, "value"), State(ids.INDICATOR, "value"),
                  State(ids.BOUNDS, "value"), State(ids.CLASSES, "value"), State(ids.MODE, "value"),
                  State(ids.CHANGE_FROM, "value"), State(ids.YEAR, "value"), State(ids.LANG, "data"),
                  State(ids.SELECTED_AREA, "data"), prevent_initial_call=True)
    def geometry(key, slug, level, indicator_id, bounds, classes, mode, first, year, lang, selected):
        """The map of a year whose boundaries the browser does not hold yet (boundaries of each year)."""
        city = city_code(slug)
        if not key or not view.drawable(city, level, indicator_id, year, bounds):
            return no_update
        if view.key(city, level, year, bounds) != key:
            return no_update  # the view moved on meanwhile
        return view.shapes(city, level, indicator_id, year, bounds, classes, mode if mode == "change" else "value",
                           first if mode == "change" else None, lang, selected or None)

    # A year step, ▶ and the table: shown in the browser from the payload, no request.
    clientside_callback(
        ClientsideFunction(namespace="wijk", function_name="showYear"),
        Output(ids.MAP_KEY, "data"), Output(ids.VIEW_TITLE, "children"), Output(ids.YEAR_READOUT, "children"),
        Output(ids.YEAR_GAP, "children"), Output(ids.MAP_REGION, "aria-label"), Output(ids.LEGEND, markup.ATTRIBUTE),
        Output(ids.WAVE_PANEL, markup.ATTRIBUTE), Output(ids.YEAR_MARKS, markup.ATTRIBUTE),
        Output(ids.TABLE_WRAP, markup.ATTRIBUTE), Output(ids.AREA_BADGE, markup.ATTRIBUTE),
        Input(ids.VIEW, "data"), Input(ids.YEAR, "value"), Input(ids.MAP_SHAPES, "data"),
        Input(ids.TABLE_TOGGLE, "value"), Input(ids.SELECTED_AREA, "data"), State(ids.MAP_KEY, "data"),
        prevent_initial_call=True)

    clientside_callback(
        ClientsideFunction(namespace="wijk", function_name="advance"),
        Output(ids.YEAR, "value", allow_duplicate=True), Input(ids.PLAY_INTERVAL, "n_intervals"),
        State(ids.VIEW, "data"), State(ids.YEAR, "value"), prevent_initial_call=True)

    clientside_callback(
        ClientsideFunction(namespace="wijk", function_name="playPause"),
        Output(ids.PLAY_INTERVAL, "disabled"), Output(ids.PLAY, "children"), Output(ids.PLAY, "aria-pressed"),
        Input(ids.PLAY, "n_clicks"), State(ids.PLAY_INTERVAL, "disabled"), prevent_initial_call=True)

    clientside_callback(
        ClientsideFunction(namespace="wijk", function_name="toggleFilters"),
        Output(ids.FILTERS_TOGGLE, "aria-expanded"), Input(ids.FILTERS_TOGGLE, "n_clicks"), prevent_initial_call=True)

    @app.callback(Output(ids.SELECTED_AREA, "data", allow_duplicate=True), Output(ids.CITY, "value", allow_duplicate=True),
                  Output(ids.LEVEL, "value", allow_duplicate=True), Output(ids.AREA_MESSAGE, "children", allow_duplicate=True),
                  Input(ids.AREA, "value"), State(ids.SELECTED_AREA, "data"), State(ids.CITY, "value"),
                  State(ids.LEVEL, "value"), State(ids.YEAR, "value"), State(ids.BOUNDS, "value"),
                  State(ids.LANG, "data"), prevent_initial_call=True)
    def choose_area(value, selected, slug, level, year, bounds, lang):
        """What is typed in the area box: an area of the map shown ('Name (code)'), or looked up in every city
        the layers hold — a buurt or wijk name, a study area's name (Nieuw Engeland), a square's code —
        switching city and level where it lies elsewhere; nothing found is said."""
        city = city_code(slug)
        code = view.area_code(value, city, level, year, bounds)
        if code is not None:  # (the area already chosen — by "Mijn buurt" too — keeps its message)
            return (no_update, no_update, no_update, no_update) if code == selected else (code, no_update, no_update, None)
        if not value or len(value.strip()) < 3:
            return no_update, no_update, no_update, None
        found = find_area(store, value, city, level)
        if found is None:
            return no_update, no_update, no_update, t("area_not_found", lang, text=value.strip())
        code, found_city, found_level, name = found
        same = found_city == city and found_level == level
        return (code, no_update if found_city == city else view.slugs_by_code[found_city],
                no_update if found_level == level else found_level,
                None if same else t("area_found_elsewhere", lang, name=name,
                                    city=urlstate.city_name(store, found_city, lang)))

    @app.callback(Output(ids.SELECTED_AREA, "data", allow_duplicate=True), Output(ids.CITY, "value", allow_duplicate=True),
                  Output(ids.LEVEL, "value", allow_duplicate=True), Output(ids.AREA_MESSAGE, "children", allow_duplicate=True),
                  Input(ids.MY_POSITION, "data"), State(ids.CITY, "value"), State(ids.LEVEL, "value"),
                  State(ids.LANG, "data"), prevent_initial_call=True)
    def my_area(position, slug, level, lang):
        """"Mijn buurt": the browser's position (asked for only when the button is pressed) → the buurt
        that holds it, in whichever city the layers hold it; or why there is none. Neither kept nor logged."""
        if "error" in position:
            return no_update, no_update, no_update, t("my_area_refused" if position["error"] == 1 else "my_area_unknown", lang)
        found = store.buurt_at(position["lon"], position["lat"])
        if found is None:
            cities = ", ".join(sorted(urlstate.city_name(store, c, lang) for c in store.municipalities))
            return no_update, no_update, no_update, t("my_area_outside", lang, cities=cities)
        city, code = found
        name = store.name("buurt", store.target_years["buurt"], code)
        return (code, no_update if city == city_code(slug) else view.slugs_by_code[city],
                no_update if level == "buurt" else "buurt",
                t("my_area_found", lang, name=name, city=urlstate.city_name(store, city, lang)))

    @app.callback(Output(ids.AREA_PANEL, "children"),
                  Input(ids.SELECTED_AREA, "data"), State(ids.INDICATOR, "value"),
                  State(ids.CITY, "value"), State(ids.LEVEL, "value"), State(ids.YEAR, "value"),
                  State(ids.BOUNDS, "value"), State(ids.LANG, "data"), State(ids.PRESENT, "data"),
                  prevent_initial_call=True)
    def area_details(code, indicator_id, slug, level, year, bounds, lang, present):
        return view.area_details(code, indicator_id, city_code(slug), level, year, bounds, lang, present)

    @app.callback(Output(ids.TABLE_CSV, "data"), Input(ids.TABLE_CSV_BUTTON, "n_clicks"),
                  State(ids.CITY, "value"), State(ids.LEVEL, "value"), State(ids.INDICATOR, "value"),
                  State(ids.YEAR, "value"), State(ids.BOUNDS, "value"), State(ids.MODE, "value"),
                  State(ids.CHANGE_FROM, "value"), State(ids.LANG, "data"), prevent_initial_call=True)
    def download(n, slug, level, indicator_id, year, bounds, mode, first, lang):
        city = city_code(slug)
        change = mode == "change" and first is not None and not is_grid(level)
        bounds = FIXED if change or is_grid(level) else bounds
        if not n or not indicator_id or year not in view.years(city, level, indicator_id, bounds,
                                                               "change" if change else "value", first):
            return no_update
        indicator = catalogue()[indicator_id]
        frame = pd.DataFrame(view.table_rows(city, level, indicator_id, year, bounds, lang,
                                             "change" if change else "value", first))
        frame.insert(2, "year", f"{first} → {year}" if change else year)
        frame.insert(3, "indicator", indicator_id)
        frame.insert(4, "unit", indicator.unit_in(lang))
        return dcc.send_string(formatting.attributed_csv(frame, lang, csv_headers(frame.columns, lang)),
                               f"wijkdashboard_{slug}_{level}_{indicator_id}_{year}.csv")

    @app.callback(Output(ids.COMPARE_AREAS, "data"), Input(ids.COMPARE_ADD, "n_clicks"),
                  State(ids.SELECTED_AREA, "data"), State(ids.CITY, "value"), State(ids.LEVEL, "value"),
                  State(ids.YEAR, "value"), State(ids.BOUNDS, "value"), State(ids.COMPARE_AREAS, "data"),
                  prevent_initial_call=True)
    def add_to_comparison(n, code, slug, level, year, bounds, chosen):
        if not n or not code or year is None or is_grid(level):
            return no_update
        city = city_code(slug)
        if bounds != FIXED:
            code = store.to_fixed_code(city, level, store.boundary_year(city, level, year, bounds), code)
        codes_ = urlstate.area_codes(chosen)
        if not code or code in codes_ or len(codes_) >= urlstate.MAX_COMPARED:
            return no_update
        return ",".join(codes_ + [code])

    @app.callback(Output(ids.COMPARE_AREAS, "data", allow_duplicate=True), Input(ids.COMPARE_CHOSEN, "value"),
                  State(ids.COMPARE_AREAS, "data"), prevent_initial_call=True)
    def remove_from_comparison(kept, chosen):
        """Unticking an area takes it out of the comparison."""
        if kept is None:
            return no_update
        codes_ = [c for c in urlstate.area_codes(chosen) if c in kept]
        return ",".join(codes_) or None

    @app.callback(Output(ids.COMPARE_BOX, "children"), Input(ids.COMPARE_AREAS, "data"), State(ids.INDICATOR, "value"),
                  State(ids.LANG, "data"), State(ids.PRESENT, "data"), prevent_initial_call=True)
    def comparison(chosen, indicator_id, lang, present):
        return view.comparison(chosen, indicator_id, lang, present)

    @app.callback(Output(ids.COMPARE_AREAS_CSV, "data"), Input(ids.COMPARE_AREAS_CSV_BUTTON, "n_clicks"),
                  State(ids.COMPARE_AREAS, "data"), State(ids.INDICATOR, "value"), State(ids.LANG, "data"),
                  prevent_initial_call=True)
    def download_comparison(n, chosen, indicator_id, lang):
        if not n or not indicator_id:
            return no_update
        rows = [(code, label.split(" (")[0], city, level, frame)
                for code, label, city, level, frame in view.compared(chosen, indicator_id, lang)]
        return dcc.send_string(area_compare.csv_text(rows, catalogue()[indicator_id], lang, store.target_years),
                               f"wijkdashboard_gebieden_{indicator_id}.csv")

    shell.url_writer(app, NAME, [(component, prop) for _, component, prop in URL], as_page_opens=False)


def dbc_alert(text):
    return dbc.Alert(text, color="info", dismissable=True, className="py-2")
