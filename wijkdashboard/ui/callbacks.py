"""The callbacks. A year step answers with a Patch of the map's arrays; everything that changes the
geometry (city, level, boundary year) answers with a full figure."""

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, callback_context, clientside_callback, html, no_update

from .. import vocabulary
from ..indicators import catalogue
from ..provenance import product
from ..store import FIXED, PRESENT
from . import area_panel, layout, map_view, state as url_state, timeline
from .i18n import t


def register(app, store, cache):

    @app.callback(
        Output("lang", "data"), Output("city", "value"), Output("level", "value"), Output("bounds", "value"),
        Output("classes", "value"), Output("table-toggle", "value"),
        Output("indicator", "options", allow_duplicate=True), Output("indicator", "value", allow_duplicate=True),
        Output("year", "min", allow_duplicate=True), Output("year", "max", allow_duplicate=True),
        Output("year", "marks", allow_duplicate=True), Output("year", "value", allow_duplicate=True),
        Output("selected-area", "data"), Output("notice", "children"),
        Output("view", "data"), Output("axis", "value"), Output("compare-level", "value"),
        Output("compare-indicator", "options", allow_duplicate=True), Output("compare-indicator", "value", allow_duplicate=True),
        Output("seg-index", "value"),
        Input("url", "search"), prevent_initial_call="initial_duplicate")
    def from_url(search):
        """The state in the link, checked; the page opens exactly there. This is the only callback that
        sets the controls on page load, so nothing races it to a default."""
        s, problems = url_state.parse(search, store)
        notice = (dbc.Alert(t("url_notice", s["lang"], problems=", ".join(problems)), color="warning",
                            dismissable=True, className="py-2") if problems else None)
        spec = timeline.slider(store.years(s["city"], s["level"], s["indicator"], s["bounds"]) if s["indicator"] else [],
                               s["year"])
        return (s["lang"], s["city"], s["level"], s["bounds"], s["classes"], s["table"],
                indicator_options(s["city"], s["level"], s["bounds"], s["lang"]), s["indicator"],
                spec["min"], spec["max"], spec["marks"], s["year"], s["area"], notice,
                s["view"], s["axis"], s["level"], compare_options(s["level"], s["lang"]), s["compare_indicator"],
                s["index"])

    def compare_options(level, lang):
        return layout.indicator_options(url_state.compare_indicators(store, level), lang)

    def indicator_options(city, level, bounds, lang):
        return layout.indicator_options(store.indicators(city, level, bounds), lang)

    @app.callback(Output("lang", "data", allow_duplicate=True), Input("lang-toggle", "n_clicks"),
                  State("lang", "data"), prevent_initial_call=True)
    def toggle_language(_, lang):
        return "en" if lang == "nl" else "nl"

    @app.callback(
        [Output(i, "children") for i, _ in layout.LABELS]
        + [Output("lang-toggle", "children"), Output("lang-toggle", "aria-label"), Output("lang-toggle", "lang"),
           Output("table-toggle", "label"), Output("city", "options"), Output("level", "options"),
           Output("classes", "options"), Output("wave-bands", "children"),
           Output("footer-attribution", "children"), Output("area", "placeholder")],
        Input("lang", "data"))
    def translate(lang):
        other = "en" if lang == "nl" else "nl"
        return ([t(key, lang) for _, key in layout.LABELS]
                + [t("language_switch", lang), t("language_switch_label", lang), other, t("table_toggle", lang),
                   layout.city_options(lang), layout.level_options(lang), layout.class_options(lang),
                   timeline.bands(lang), t("attribution", lang), t("area_placeholder", lang)])

    @app.callback(Output("bounds", "options"), Input("lang", "data"), Input("level", "value"))
    def bounds_choices(lang, level):
        return layout.bounds_options(store.target_years.get(level), lang)

    clientside_callback(
        "function(lang) { document.documentElement.lang = lang; return window.dash_clientside.no_update; }",
        Output("lang", "id"), Input("lang", "data"))

    @app.callback(Output("indicator", "options"), Output("indicator", "value"),
                  Input("city", "value"), Input("level", "value"), Input("bounds", "value"), Input("lang", "data"),
                  State("indicator", "value"), prevent_initial_call=True)
    def indicator_choices(city, level, bounds, lang, current):
        options = indicator_options(city, level, bounds, lang)
        available = [o["value"] for o in options]
        if current in available:
            return options, no_update
        return options, url_state.default_indicator(available)

    @app.callback(Output("year", "min"), Output("year", "max"), Output("year", "marks"), Output("year", "value"),
                  Input("city", "value"), Input("level", "value"), Input("indicator", "value"), Input("bounds", "value"),
                  State("year", "value"), prevent_initial_call=True)
    def year_choices(city, level, indicator, bounds, current):
        years = store.years(city, level, indicator, bounds) if indicator else []
        spec = timeline.slider(years, current if current in years else (years[-1] if years else None))
        return spec["min"], spec["max"], spec["marks"], (no_update if current in years else spec["value"])

    @app.callback(Output("year", "value", allow_duplicate=True), Output("year-last", "data"),
                  Input("year", "value"), State("year", "marks"), State("year-last", "data"), prevent_initial_call=True)
    def snap_to_data_year(value, marks, last):
        """The slider runs on the calendar (so the waves line up) but only data years can be chosen: an
        arrow key steps to the next data year that way, a drag lands on the nearest one."""
        years = sorted(int(y) for y in (marks or {}))
        if value is None or not years or value in years:
            return no_update, value
        if last is not None and abs(value - last) == 1:
            ahead = [y for y in years if (y > last if value > last else y < last)]
            target = (min(ahead) if value > last else max(ahead)) if ahead else last
        else:
            target = min(years, key=lambda y: (abs(y - value), -y))
        return target, target

    @cache.memoize()
    def map_arrays(city, level, indicator_id, year, bounds, classes, lang):
        frame = store.values(city, level, indicator_id, year, bounds)
        return map_view.arrays(frame, catalogue()[indicator_id], year, lang, classes, store.target_years.get(level))

    def drawable(city, level, indicator_id, year, bounds):
        return indicator_id and year is not None and year in store.years(city, level, indicator_id, bounds)

    @app.callback(Output("map", "figure"), Output("map-values", "data"), Output("map-key", "data"),
                  Input("city", "value"), Input("level", "value"), Input("indicator", "value"), Input("year", "value"),
                  Input("bounds", "value"), Input("classes", "value"), Input("lang", "data"),
                  State("map-key", "data"))
    def draw_map(city, level, indicator_id, year, bounds, classes, lang, current_key):
        """A new geometry (city, level, boundary year) sends the full figure; any other change sends only
        the compact values, which assets/map.js writes into the figure already in the browser."""
        if not indicator_id:
            return empty_figure(), None, None
        if not drawable(city, level, indicator_id, year, bounds):
            return no_update, no_update, no_update  # between data years: the snap follows
        indicator = catalogue()[indicator_id]
        boundary_year = store.boundary_year(city, level, year, bounds)
        key = f"{city}|{level}|{boundary_year}"
        data = map_arrays(city, level, indicator_id, year, bounds, classes, lang)
        city_name = vocabulary.municipality_names()[city]["name_nl" if lang == "nl" else "name_en"]
        label = t("map_label", lang, city=city_name, indicator=indicator.label(lang), year=year)
        # The key of the geometry the browser holds travels as a small Store, not as the whole figure.
        if current_key == key:
            return no_update, map_view.wire(data, key, label, year), no_update
        frame = store.values(city, level, indicator_id, year, bounds)
        figure = map_view.full_figure(store.geojson(city, level, boundary_year), frame, data, key, indicator, lang)
        return figure, map_view.wire(data, key, label, year), key

    clientside_callback(
        ClientsideFunction(namespace="wijk", function_name="applyValues"),
        Output("map", "figure", allow_duplicate=True), Output("map-region", "aria-label"),
        Output("year-readout", "children"),
        Input("map-values", "data"), State("map", "figure"), prevent_initial_call=True)

    @app.callback(Output("legend", "children"),
                  Input("city", "value"), Input("level", "value"), Input("indicator", "value"), Input("year", "value"),
                  Input("bounds", "value"), Input("classes", "value"), Input("lang", "data"))
    def draw_legend(city, level, indicator_id, year, bounds, classes, lang):
        if not indicator_id:
            return empty_map_notice(city, level, lang)
        if not drawable(city, level, indicator_id, year, bounds):
            return no_update
        frame = store.values(city, level, indicator_id, year, bounds)
        data = map_arrays(city, level, indicator_id, year, bounds, classes, lang)
        return legend(frame, data, catalogue()[indicator_id], year, store.boundary_year(city, level, year, bounds), lang)

    def empty_figure():
        return {"data": [], "layout": {"xaxis": {"visible": False}, "yaxis": {"visible": False}, "meta": {"key": None}}}

    def empty_map_notice(city, level, lang):
        city_name = vocabulary.municipality_names()[city]["name_nl" if lang == "nl" else "name_en"]
        level_word = t(f"level_{level}", lang).split(" ")[0].lower()
        return dbc.Alert(t("no_indicators", lang, city=city_name, level=level_word), color="warning")

    def legend(frame, data, indicator, year, boundary_year, lang):
        items = [html.Li([html.Span(className="swatch", style={"background": colour}), text])
                 for colour, text in map_view.legend_items(data, indicator, lang)]
        items.append(html.Li([html.Span(className="swatch swatch-missing", style={"background": map_view.MISSING}),
                              t("legend_missing", lang, n=data["missing"])]))
        sources = sorted({product(part, lang) for s in frame["source"].dropna() for part in s.split(";")})
        return [html.H2(f"{indicator.label(lang)} ({indicator.unit})", className="h5 legend-title"),
                html.Ul(items, className="legend"),
                html.P(t(f"direction_{indicator.direction}", lang), className="small mb-1"),
                html.P(indicator.definition(lang), className="small mb-1"),
                html.P([t("year_and_bounds", lang, year=year, bounds=boundary_year), " ",
                        f"{t('source', lang)}: {'; '.join(sources)}; Kadaster — CC BY 4.0."],
                       className="small text-muted")]

    @app.callback(Output("table-wrap", "style"), Output("map-table", "data"), Output("map-table", "columns"),
                  Output("table-caption", "children"),
                  Input("table-toggle", "value"), Input("city", "value"), Input("level", "value"),
                  Input("indicator", "value"), Input("year", "value"), Input("bounds", "value"), Input("lang", "data"))
    def table(show, city, level, indicator_id, year, bounds, lang):
        if not show or not indicator_id or year is None:
            return {"display": "none"}, [], [], ""
        if year not in store.years(city, level, indicator_id, bounds):
            return no_update, no_update, no_update, no_update
        indicator = catalogue()[indicator_id]
        frame = store.values(city, level, indicator_id, year, bounds)
        target = store.target_years.get(level)
        rows = [{"name": r.name or r.code, "code": r.code,
                 "value": round(float(r.value), 2) if r.status in PRESENT else None,
                 "status": map_view.status_text(r.status, lang, year, r.boundary_year, target),
                 "source": product(r.source, lang)} for r in frame.itertuples()]
        columns = [{"name": t("table_name", lang), "id": "name"}, {"name": t("table_code", lang), "id": "code"},
                   {"name": f"{t('table_value', lang)} ({indicator.unit})", "id": "value", "type": "numeric"},
                   {"name": t("table_status", lang), "id": "status"}, {"name": t("table_source", lang), "id": "source"}]
        caption = t("table_caption", lang, indicator=indicator.label(lang), unit=indicator.unit, year=year)
        return {"display": "block"}, rows, columns, caption

    @app.callback(Output("wave-panel", "children"), Input("year", "value"), Input("lang", "data"),
                  State("year", "marks"))
    def waves(year, lang, marks):
        if year is not None and marks and str(year) not in marks and year not in marks:
            return no_update
        return timeline.wave_panel(year, lang)

    @app.callback(Output("area", "options"), Output("area", "value"),
                  Input("city", "value"), Input("level", "value"), Input("year", "value"), Input("bounds", "value"),
                  Input("selected-area", "data"))
    def area_choices(city, level, year, bounds, selected):
        """The dropdown is the keyboard's way to pick an area; it mirrors the selection."""
        if year is None:
            return [], None
        areas = store.areas(city, level, store.boundary_year(city, level, year, bounds))
        options = [{"label": f"{r.name or r.code} ({r.code})", "value": r.code}
                   for r in areas.sort_values("name").itertuples()]
        return options, selected if selected in set(areas["code"]) else None

    @app.callback(Output("selected-area", "data", allow_duplicate=True), Input("map", "clickData"),
                  prevent_initial_call=True)
    def click(click_data):
        points = (click_data or {}).get("points") or []
        return points[0].get("location") if points else no_update

    @app.callback(Output("selected-area", "data", allow_duplicate=True), Input("area", "value"),
                  State("selected-area", "data"), prevent_initial_call=True)
    def choose_area(value, selected):
        return no_update if value == selected else value

    @app.callback(Output("area-panel", "children"),
                  Input("selected-area", "data"), Input("indicator", "value"), Input("lang", "data"),
                  State("city", "value"), State("level", "value"), State("year", "value"), State("bounds", "value"))
    def area_details(code, indicator_id, lang, city, level, year, bounds):
        if not code or not indicator_id or year is None:
            return area_panel.panel(store, city, level, None, None, lang)
        if bounds != FIXED:
            code = store.to_fixed_code(level, store.boundary_year(city, level, year, bounds), code)
        return area_panel.panel(store, city, level, catalogue()[indicator_id], code, lang)

    @app.callback(Output("play-interval", "disabled"), Output("play", "children"), Output("play", "aria-pressed"),
                  Input("play", "n_clicks"), Input("lang", "data"), State("play-interval", "disabled"))
    def play_pause(_, lang, disabled):
        if callback_context.triggered_id == "play":
            disabled = not disabled
        return disabled, t("play" if disabled else "pause", lang), "false" if disabled else "true"

    @app.callback(Output("year", "value", allow_duplicate=True), Input("play-interval", "n_intervals"),
                  State("year", "marks"), State("year", "value"), prevent_initial_call=True)
    def advance(_, marks, year):
        years = sorted(int(y) for y in (marks or {}))
        if not years:
            return no_update
        later = [y for y in years if year is None or y > year]
        return later[0] if later else years[0]

    @app.callback(Output("url", "hash"),  # a harmless output: the URL itself is written client-side below
                  Input("lang", "data"), Input("city", "value"), Input("level", "value"), Input("indicator", "value"),
                  Input("year", "value"), Input("bounds", "value"), Input("classes", "value"),
                  Input("table-toggle", "value"), Input("selected-area", "data"), Input("view", "data"),
                  Input("compare-indicator", "value"), Input("compare-level", "value"), Input("axis", "value"),
                  Input("seg-index", "value"), prevent_initial_call=True)
    def to_url(lang, city, level, indicator, year, bounds, classes, table_on, area, view, c_indicator, c_level, axis,
               index):
        compare = view == "vergelijk"
        search = url_state.to_search({"lang": lang, "city": city, "level": c_level if compare else level,
                                      "indicator": indicator, "year": year, "bounds": bounds, "classes": classes,
                                      "table": table_on, "area": area, "view": view, "axis": axis,
                                      "compare_indicator": c_indicator, "index": index})
        return no_update if search is None else "#" + search

    clientside_callback(
        """function(hash) {
            // Write the state into the address bar without reloading and without re-reading it.
            if (hash && hash.startsWith('#?')) { window.history.replaceState(null, '', hash.slice(1)); }
            return window.dash_clientside.no_update;
        }""",
        Output("url", "id"), Input("url", "hash"))
