"""Kaart: a city's buurten or wijken coloured by an indicator, the year slider over the policy waves,
the chosen area over the years, and the map's data as a table.

A year step answers with compact values only (the browser writes them into the figure it holds);
a new geometry (city, level, boundary year) answers with the full figure."""

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import (ClientsideFunction, Input, Output, State, callback_context, clientside_callback, dash_table, dcc,
                  html, no_update)

from ...core import formatting
from ...core.codes import LEVELS
from ...core.indicators import breaks_of, catalogue
from ...core.provenance import product
from ...layers import PRESENT
from .. import ids, shell, urlstate
from ..components import area_panel, choropleth, timeline
from ..context import current
from ..i18n import t
from ..store import BOUNDS, CLASS_METHODS, FIXED, PUBLISHED
from ..validation import boolean, click_data, count, one_of, text, year as year_rule

NAME, PATH = "kaart", "/"
URL = [("city", ids.CITY, "value"), ("level", ids.LEVEL, "value"), ("indicator", ids.INDICATOR, "value"),
       ("year", ids.YEAR, "value"), ("bounds", ids.BOUNDS, "value"), ("classes", ids.CLASSES, "value"),
       ("table", ids.TABLE_TOGGLE, "value"), ("area", ids.SELECTED_AREA, "data")]
DEFAULT = {"level": "wijk", "indicator": "inhabitants"}


def indicator_options(store, city, level, bounds, lang):
    """Indicators with data here, the featured ones starred."""
    items = catalogue()
    return [{"label": ("★ " if items[i].featured else "") + items[i].label(lang), "value": i}
            for i in store.indicators(city, level, bounds)]


def city_options(store, lang):
    slugs = {code: s for s, code in urlstate.city_slugs(store).items()}
    return sorted(({"label": urlstate.city_name(store, c, lang), "value": slugs[c]} for c in store.municipalities),
                  key=lambda o: o["label"])


def level_options(lang):
    return [{"label": t("level_wijk", lang), "value": "wijk"}, {"label": t("level_buurt", lang), "value": "buurt"}]


def bounds_options(target_year, lang):
    return [{"label": t("bounds_fixed", lang, year=target_year), "value": FIXED},
            {"label": t("bounds_published", lang), "value": PUBLISHED}]


def class_options(lang):
    return [{"label": t("classes_jenks", lang), "value": "jenks"},
            {"label": t("classes_quantiles", lang), "value": "quantiles"}]


def labelled(key, control, html_for, lang):
    return html.Div([dbc.Label(t(key, lang), html_for=html_for, className="fw-semibold mb-1"), control],
                    className="control")


def layout(**query):
    ctx = current()
    store = ctx.store
    lang, present = urlstate.common(query)
    opening = ctx.opening
    if not set(query) - set(urlstate.COMMON):
        # No view asked for: open on one that shows change, at its first year, ▶ ready.
        query = {**query, **{k: opening[k] for k in ("level", "indicator", "year")},
                 "city": urlstate.slug(urlstate.city_name(store, opening["city"]))}
    state, problems = urlstate.kaart(query, store, {**DEFAULT, "city": opening["city"]})
    slug = {code: s for s, code in urlstate.city_slugs(store).items()}[state["city"]]
    years = store.years(state["city"], state["level"], state["indicator"], state["bounds"]) if state["indicator"] else []
    spec = timeline.slider(years, state["year"])
    controls = dbc.Row([
        dbc.Col(labelled("city", dcc.Dropdown(id=ids.CITY, options=city_options(store, lang), value=slug,
                                              clearable=False), ids.CITY, lang), md=2, xs=6),
        dbc.Col(labelled("level", dbc.RadioItems(id=ids.LEVEL, options=level_options(lang), value=state["level"],
                                                 inline=True), ids.LEVEL, lang), md=2, xs=6),
        dbc.Col(labelled("indicator", dcc.Dropdown(
            id=ids.INDICATOR, clearable=False, value=state["indicator"],
            options=indicator_options(store, state["city"], state["level"], state["bounds"], lang)), ids.INDICATOR, lang),
            md=4, xs=12),
        dbc.Col(labelled("bounds", dbc.RadioItems(id=ids.BOUNDS, value=state["bounds"],
                                                  options=bounds_options(store.target_years.get(state["level"]), lang)),
                         ids.BOUNDS, lang), md=2, xs=6),
        dbc.Col(labelled("classes", dbc.RadioItems(id=ids.CLASSES, options=class_options(lang), value=state["classes"]),
                         ids.CLASSES, lang), md=2, xs=6),
    ], className="g-3 mb-2 controls")
    slider_row = html.Div([
        html.Div([
            html.Button(t("play", lang), id=ids.PLAY, className="btn btn-outline-primary me-3 play-button", n_clicks=0,
                        **{"aria-pressed": "false"}),
            dbc.Label(t("year", lang), html_for=ids.YEAR, className="fw-semibold me-2 mb-0"),
            html.Span(id=ids.YEAR_READOUT, className="year-readout", **{"aria-live": "polite"}),
        ], className="d-flex align-items-center mb-1"),
        html.Div(dcc.Slider(id=ids.YEAR, **spec), className="year-slider"),
        html.Div(timeline.bands(lang), id=ids.WAVE_BANDS),
        dcc.Interval(id=ids.PLAY_INTERVAL, interval=1800, disabled=True),
    ], className="timeline")
    map_column = html.Div([
        html.Div(id=ids.MAP_REGION, role="region", **{"aria-label": ""}, children=[
            # No mode bar: its icon links have no accessible names; zoom by wheel, pinch or double click.
            dcc.Graph(id=ids.MAP, className="map", config={"displayModeBar": False, "scrollZoom": True}),
        ]),
        html.Div(id=ids.TABLE_WRAP, className="mt-2", children=[
            html.P(id=ids.TABLE_CAPTION, className="small"),
            dash_table.DataTable(id=ids.TABLE, sort_action="native", page_size=200,
                                 style_table={"maxHeight": "28rem", "overflowY": "auto"},
                                 style_cell={"fontFamily": "inherit", "fontSize": "0.95rem", "padding": "4px 8px"},
                                 style_header={"fontWeight": "600"}),
        ], style={"display": "none"}),
    ])
    side = html.Div([
        html.Div(id=ids.LEGEND, className="legend-box mb-3", **{"aria-live": "polite"}),
        html.Div([dbc.Label(t("area", lang), html_for=ids.AREA, className="fw-semibold mb-1"),
                  dcc.Dropdown(id=ids.AREA, placeholder=t("area_placeholder", lang))], className="mb-2"),
        html.Div(id=ids.AREA_PANEL, className="mb-3"),
        html.Div(id=ids.WAVE_PANEL, className="wave-panel"),
    ])
    content = [
        html.H1(t("map_heading", lang), className="visually-hidden"),
        dcc.Store(id=ids.YEAR_LAST, data=state["year"]), dcc.Store(id=ids.SELECTED_AREA, data=state["area"]),
        dcc.Store(id=ids.MAP_VALUES), dcc.Store(id=ids.MAP_KEY),
        controls,
        dbc.Switch(id=ids.TABLE_TOGGLE, label=t("table_toggle", lang), value=state["table"], className="mb-2"),
        dbc.Row([dbc.Col([map_column, slider_row], lg=8), dbc.Col(side, lg=4)], className="g-3 mt-1"),
        html.P(dcc.Link(t("sources_and_method", lang), href=f"/over?lang={lang}"), className="small"),
    ]
    return shell.frame(NAME, lang, present, problems, content, [key for key, _, _ in URL])


def register(app, ctx):
    store, memo = ctx.store, ctx.memo
    dash.register_page(__name__, path=PATH, name="Kaart", title="Wijkdashboard", layout=layout)
    slugs = urlstate.city_slugs(store)
    indicators = list(catalogue())
    rules = ctx.rules
    for component, prop, rule in [
        (ids.CITY, "value", one_of(slugs)), (ids.LEVEL, "value", one_of(LEVELS)),
        (ids.INDICATOR, "value", one_of(indicators, optional=True)), (ids.BOUNDS, "value", one_of(BOUNDS)),
        (ids.CLASSES, "value", one_of(CLASS_METHODS)), (ids.YEAR, "value", year_rule()),
        (ids.YEAR_LAST, "data", year_rule()), (ids.YEAR, "marks", marks_rule),
        (ids.LANG, "data", one_of(urlstate.LANGS)), (ids.TABLE_TOGGLE, "value", boolean()),
        (ids.MAP_KEY, "data", text(100)), (ids.MAP, "clickData", click_data()),
        (ids.AREA, "value", text(12)), (ids.SELECTED_AREA, "data", text(12)),
        (ids.PLAY, "n_clicks", count()), (ids.PLAY_INTERVAL, "n_intervals", count()),
        (ids.PLAY_INTERVAL, "disabled", boolean()),
    ]:
        rules.add(component, prop, rule)

    def city_code(slug):
        return slugs[slug]

    def drawable(city, level, indicator_id, year, bounds):
        return bool(indicator_id) and year is not None and year in store.years(city, level, indicator_id, bounds)

    @memo.memoize
    def map_arrays(city, level, indicator_id, year, bounds, classes, lang):
        frame = store.values(city, level, indicator_id, year, bounds)
        return choropleth.arrays(frame, catalogue()[indicator_id], year, lang,
                                 store.classes(city, level, indicator_id, bounds, classes),
                                 store.target_years.get(level))

    @app.callback(Output(ids.INDICATOR, "options"), Output(ids.INDICATOR, "value"),
                  Input(ids.CITY, "value"), Input(ids.LEVEL, "value"), Input(ids.BOUNDS, "value"),
                  State(ids.INDICATOR, "value"), State(ids.LANG, "data"), prevent_initial_call=True)
    def indicator_choices(slug, level, bounds, current_indicator, lang):
        city = city_code(slug)
        options = indicator_options(store, city, level, bounds, lang)
        available = [o["value"] for o in options]
        if current_indicator in available:
            return options, no_update
        return options, urlstate.default_indicator(available, DEFAULT["indicator"])

    @app.callback(Output(ids.YEAR, "min"), Output(ids.YEAR, "max"), Output(ids.YEAR, "marks"),
                  Output(ids.YEAR, "value"),
                  Input(ids.CITY, "value"), Input(ids.LEVEL, "value"), Input(ids.INDICATOR, "value"),
                  Input(ids.BOUNDS, "value"), State(ids.YEAR, "value"), prevent_initial_call=True)
    def year_choices(slug, level, indicator_id, bounds, year):
        years = store.years(city_code(slug), level, indicator_id, bounds) if indicator_id else []
        spec = timeline.slider(years, year if year in years else (years[-1] if years else None))
        return spec["min"], spec["max"], spec["marks"], (no_update if year in years else spec["value"])

    @app.callback(Output(ids.YEAR, "value", allow_duplicate=True), Output(ids.YEAR_LAST, "data"),
                  Input(ids.YEAR, "value"), State(ids.YEAR, "marks"), State(ids.YEAR_LAST, "data"),
                  prevent_initial_call=True)
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

    @app.callback(Output(ids.MAP, "figure"), Output(ids.MAP_VALUES, "data"), Output(ids.MAP_KEY, "data"),
                  Input(ids.CITY, "value"), Input(ids.LEVEL, "value"), Input(ids.INDICATOR, "value"),
                  Input(ids.YEAR, "value"), Input(ids.BOUNDS, "value"), Input(ids.CLASSES, "value"),
                  State(ids.LANG, "data"), State(ids.MAP_KEY, "data"))
    def draw_map(slug, level, indicator_id, year, bounds, classes, lang, current_key):
        """A new geometry sends the full figure; any other change only the compact values."""
        city = city_code(slug)
        if not indicator_id:
            return {"data": [], "layout": {"xaxis": {"visible": False}, "yaxis": {"visible": False},
                                           "meta": {"key": None}}}, None, None
        if not drawable(city, level, indicator_id, year, bounds):
            return no_update, no_update, no_update  # between data years: the snap follows
        indicator = catalogue()[indicator_id]
        boundary_year = store.boundary_year(city, level, year, bounds)
        key = f"{city}|{level}|{boundary_year}"
        data = map_arrays(city, level, indicator_id, year, bounds, classes, lang)
        label = t("map_label", lang, city=urlstate.city_name(store, city, lang), indicator=indicator.label(lang),
                  year=year)
        # The key of the geometry the browser holds travels as a small Store, not as the whole figure.
        if current_key == key:
            return no_update, choropleth.wire(data, key, label, year), no_update
        frame = store.values(city, level, indicator_id, year, bounds)
        figure = choropleth.full_figure(store.geojson(city, level, boundary_year), frame, data, key, lang)
        return figure, choropleth.wire(data, key, label, year), key

    clientside_callback(
        ClientsideFunction(namespace="wijk", function_name="applyValues"),
        Output(ids.MAP, "figure", allow_duplicate=True), Output(ids.MAP_REGION, "aria-label"),
        Output(ids.YEAR_READOUT, "children"),
        Input(ids.MAP_VALUES, "data"), State(ids.MAP, "figure"), prevent_initial_call=True)

    @app.callback(Output(ids.LEGEND, "children"),
                  Input(ids.CITY, "value"), Input(ids.LEVEL, "value"), Input(ids.INDICATOR, "value"),
                  Input(ids.YEAR, "value"), Input(ids.BOUNDS, "value"), Input(ids.CLASSES, "value"),
                  State(ids.LANG, "data"))
    def draw_legend(slug, level, indicator_id, year, bounds, classes, lang):
        city = city_code(slug)
        if not indicator_id:
            level_word = t(f"level_{level}", lang).split(" ")[0].lower()
            return dbc.Alert(t("no_indicators", lang, city=urlstate.city_name(store, city, lang), level=level_word),
                             color="warning")
        if not drawable(city, level, indicator_id, year, bounds):
            return no_update
        frame = store.values(city, level, indicator_id, year, bounds)
        data = map_arrays(city, level, indicator_id, year, bounds, classes, lang)
        return legend(frame, data, catalogue()[indicator_id], year, store.boundary_year(city, level, year, bounds),
                      lang, (city, level), bounds)

    def legend(frame, data, indicator, year, boundary_year, lang, place, bounds):
        items = [html.Li([html.Span(className="swatch", style={"background": colour}), label])
                 for colour, label in choropleth.legend_items(data, indicator, lang)]
        items.append(html.Li([html.Span(className="swatch swatch-missing", style={"background": choropleth.MISSING}),
                              t("legend_missing", lang, n=data["missing"])]))
        present = frame[frame["status"].isin(PRESENT)]
        sources = sorted({product(table, release, lang, source) for table, release, source in
                          zip(present["table"], present["release"], present["source"])
                          for table, release, source in _split(table, release, source)})
        breaks = [html.P(note, className="small series-break")
                  for _, note in definition_breaks(store, place[0], place[1], indicator.id, lang, bounds)]
        return [html.H2(f"{indicator.label(lang)} ({indicator.unit})", className="h5 legend-title"),
                html.Ul(items, className="legend"), *breaks, class_years(data, lang),
                html.P(t(f"direction_{indicator.direction}", lang), className="small mb-1"),
                html.P(indicator.definition(lang), className="small mb-1"),
                html.P([t("year_and_bounds", lang, year=year, bounds=boundary_year), " ",
                        f"{t('source', lang)}: {'; '.join(sources) or '—'}; Kadaster — CC BY 4.0. ",
                        dcc.Link(t("sources_and_method", lang), href=f"/over?lang={lang}#indicator-{indicator.id}")],
                       className="small text-muted")]

    @app.callback(Output(ids.TABLE_WRAP, "style"), Output(ids.TABLE, "data"), Output(ids.TABLE, "columns"),
                  Output(ids.TABLE_CAPTION, "children"),
                  Input(ids.TABLE_TOGGLE, "value"), Input(ids.CITY, "value"), Input(ids.LEVEL, "value"),
                  Input(ids.INDICATOR, "value"), Input(ids.YEAR, "value"), Input(ids.BOUNDS, "value"),
                  State(ids.LANG, "data"))
    def table(show, slug, level, indicator_id, year, bounds, lang):
        city = city_code(slug)
        if not show or not indicator_id or year is None:
            return {"display": "none"}, [], [], ""
        if not drawable(city, level, indicator_id, year, bounds):
            return no_update, no_update, no_update, no_update
        indicator = catalogue()[indicator_id]
        frame = store.values(city, level, indicator_id, year, bounds)
        target = store.target_years.get(level)
        rows = [{"name": r.name or r.code, "code": r.code,
                 "value": round(float(r.value), 2) if r.status in PRESENT else None,
                 "status": choropleth.status_text(r.status, lang, year, _year(r.boundary_year), target),
                 "source": "; ".join(product(tb, rl, lang, sc) for tb, rl, sc in _split(r.table, r.release, r.source))}
                for r in frame.itertuples()]
        columns = [{"name": t("table_name", lang), "id": "name"}, {"name": t("table_code", lang), "id": "code"},
                   {"name": f"{t('table_value', lang)} ({indicator.unit})", "id": "value", "type": "numeric"},
                   {"name": t("table_status", lang), "id": "status"}, {"name": t("table_source", lang), "id": "source"}]
        caption = t("table_caption", lang, indicator=indicator.label(lang), unit=indicator.unit, year=year)
        return {"display": "block"}, rows, columns, caption

    @app.callback(Output(ids.WAVE_PANEL, "children"), Input(ids.YEAR, "value"), State(ids.YEAR, "marks"),
                  State(ids.LANG, "data"))
    def waves(year, marks, lang):
        if year is not None and marks and str(year) not in marks and year not in marks:
            return no_update
        return timeline.wave_panel(year, lang)

    @app.callback(Output(ids.AREA, "options"), Output(ids.AREA, "value"),
                  Input(ids.CITY, "value"), Input(ids.LEVEL, "value"), Input(ids.YEAR, "value"),
                  Input(ids.BOUNDS, "value"), Input(ids.SELECTED_AREA, "data"))
    def area_choices(slug, level, year, bounds, selected):
        """The dropdown is the keyboard's way to pick an area; it mirrors the selection."""
        if year is None:
            return [], None
        areas = store.areas(city_code(slug), level, store.boundary_year(city_code(slug), level, year, bounds))
        options = [{"label": f"{r.name or r.code} ({r.code})", "value": r.code}
                   for r in areas.sort_values("name").itertuples()]
        return options, selected if selected in set(areas["code"]) else None

    @app.callback(Output(ids.SELECTED_AREA, "data", allow_duplicate=True), Input(ids.MAP, "clickData"),
                  prevent_initial_call=True)
    def click(click_data_value):
        points = (click_data_value or {}).get("points") or []
        return points[0].get("location") if points else no_update

    @app.callback(Output(ids.SELECTED_AREA, "data", allow_duplicate=True), Input(ids.AREA, "value"),
                  State(ids.SELECTED_AREA, "data"), prevent_initial_call=True)
    def choose_area(value, selected):
        return no_update if value == selected else value

    @app.callback(Output(ids.AREA_PANEL, "children"),
                  Input(ids.SELECTED_AREA, "data"), Input(ids.INDICATOR, "value"),
                  State(ids.CITY, "value"), State(ids.LEVEL, "value"), State(ids.YEAR, "value"),
                  State(ids.BOUNDS, "value"), State(ids.LANG, "data"))
    def area_details(code, indicator_id, slug, level, year, bounds, lang):
        city = city_code(slug)
        if code and indicator_id and year is not None and bounds != FIXED:
            code = store.to_fixed_code(level, store.boundary_year(city, level, year, bounds), code)
        if not code or not indicator_id or year is None:
            return html.P(t("area_help", lang), className="text-muted")
        target = store.target_years[level]
        if code not in set(store.areas(city, level, target)["code"]):
            return html.P(t("area_help", lang), className="text-muted")
        area, city_series = store.series(city, level, indicator_id, code)
        return area_panel.panel(store.name(level, target, code) or code, code, catalogue()[indicator_id], area,
                                city_series, urlstate.city_name(store, city, lang), target,
                                store.code_history(level, code, target), lang, ids.AREA_SERIES,
                                definition_breaks(store, city, level, indicator_id, lang))

    @app.callback(Output(ids.PLAY_INTERVAL, "disabled"), Output(ids.PLAY, "children"), Output(ids.PLAY, "aria-pressed"),
                  Input(ids.PLAY, "n_clicks"), State(ids.PLAY_INTERVAL, "disabled"), State(ids.LANG, "data"),
                  prevent_initial_call=True)
    def play_pause(_, disabled, lang):
        disabled = not disabled if callback_context.triggered_id == ids.PLAY else disabled
        return disabled, t("play" if disabled else "pause", lang), "false" if disabled else "true"

    @app.callback(Output(ids.YEAR, "value", allow_duplicate=True), Input(ids.PLAY_INTERVAL, "n_intervals"),
                  State(ids.YEAR, "marks"), State(ids.YEAR, "value"), prevent_initial_call=True)
    def advance(_, marks, year):
        years = sorted(int(y) for y in (marks or {}))
        if not years:
            return no_update
        later = [y for y in years if year is None or y > year]
        return later[0] if later else years[0]

    shell.url_writer(app, NAME, [(component, prop) for _, component, prop in URL])


def class_years(data, lang):
    first, last = data["class_years"]
    if first is None or first == last:
        return None
    return html.P(t("classes_span", lang, first=first, last=last), className="small mb-1")


def definition_breaks(store, city, level, indicator_id, lang, bounds=FIXED):
    """[(first year of the new definition, note)] where CBS changed how it publishes this indicator and
    the other side of the change has data here too."""
    out = []
    for change in breaks_of(indicator_id):
        other = change.other(indicator_id)
        after_years = store.years(city, level, change.after, bounds)
        if other in catalogue() and after_years and store.years(city, level, other, bounds):
            out.append((after_years[0], t("series_break", lang, year=after_years[0], note=change.note(lang),
                                          other=catalogue()[other].label(lang))))
    return out


def marks_rule(value):
    """The slider's marks as the browser hands them back: {year: {label: year}}."""
    return value is None or (isinstance(value, dict) and len(value) <= 200
                             and all(str(k).isdigit() and len(str(k)) == 4 for k in value))


def _year(value):
    return None if pd.isna(value) else int(value)


def _split(table, release, source):
    """A harmonised value may come from several files (joined by ';'): one triple per file."""
    parts = [str(x).split(";") if isinstance(x, str) and x else [""] for x in (table, release, source)]
    n = max(len(p) for p in parts)
    return zip(*[p + [p[-1]] * (n - len(p)) for p in parts])
