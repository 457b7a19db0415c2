"""Vergelijk: the three areas of the 1999 study side by side — where they are, what was done, what the
1998 study found, and what the figures show since for the area, its ring and its city.

The page as it opens is drawn whole by the server (maps and charts as SVG, study_area.py), so the first
HTML holds it and no callback runs as it opens; a change of indicator, level, axis or period is one
request that answers with the charts, tables and waterbed boxes of all three areas."""

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, clientside_callback, dcc, html, no_update

from ...core import cases
from ...core.codes import LEVELS
from ...core.indicators import catalogue
from .. import ids, shell, urlstate
from ..components import markup, study_area
from ..context import current
from ..i18n import t
from ..validation import count, one_of, year as year_rule


def options_rule(value):
    """A dropdown's options as the browser hands them back (only read, never used in a computation)."""
    return isinstance(value, list) and len(value) <= 100

NAME, PATH = "vergelijk", "/vergelijk"
URL = [("level", ids.COMPARE_LEVEL, "value"), ("indicator", ids.COMPARE_INDICATOR, "value"), ("axis", ids.AXIS, "value"),
       ("from", ids.PERIOD_FROM, "value"), ("to", ids.PERIOD_TO, "value")]
DEFAULT = {"compare_indicator": "pct_social_rent"}


def year_options(years):
    return [{"label": str(y), "value": y} for y in years]


def indicator_options(ids_, lang):
    items = catalogue()
    return [{"label": ("★ " if items[i].featured else "") + items[i].label(lang), "value": i} for i in ids_]


def level_options(lang):
    return [{"label": t("compare_level_buurt", lang), "value": "buurt"},
            {"label": t("compare_level_wijk", lang), "value": "wijk"}]


def axis_options(lang):
    return [{"label": t("axis_same", lang), "value": "same"}, {"label": t("axis_own", lang), "value": "own"}]


def layout(**query):
    ctx = current()
    lang, present = urlstate.common(query)
    state, problems = urlstate.vergelijk(query, ctx.store, DEFAULT)
    years = urlstate.case_years(ctx.store, state["level"], state["indicator"])
    start = state["from"] if state["from"] in years else (years[0] if years else None)
    end = state["to"] if state["to"] in years else (years[-1] if years else None)
    controls = dbc.Row([
        dbc.Col([dbc.Label(t("indicator", lang), html_for=ids.COMPARE_INDICATOR, className="fw-semibold"),
                 dcc.Dropdown(id=ids.COMPARE_INDICATOR, clearable=False, value=state["indicator"],
                              options=indicator_options(urlstate.compare_indicators(ctx.store, state["level"]), lang))],
                md=6, lg=4),
        dbc.Col([dbc.Label(t("compare_level", lang), html_for=ids.COMPARE_LEVEL, className="fw-semibold"),
                 dbc.RadioItems(id=ids.COMPARE_LEVEL, value=state["level"], options=level_options(lang))], md=6, lg=3),
        dbc.Col([dbc.Label(t("axis", lang), html_for=ids.AXIS, className="fw-semibold"),
                 dbc.RadioItems(id=ids.AXIS, value=state["axis"], options=axis_options(lang))], md=6, lg=2),
        dbc.Col(html.Fieldset([
            html.Legend(t("period", lang), className="fw-semibold fs-6 mb-1"),
            html.Div([dbc.Label(t("period_from", lang), html_for=ids.PERIOD_FROM, className="visually-hidden"),
                      dcc.Dropdown(id=ids.PERIOD_FROM, options=year_options(years), value=start, clearable=False,
                                   className="period"),
                      html.Span("–", **{"aria-hidden": "true"}),
                      dbc.Label(t("period_to", lang), html_for=ids.PERIOD_TO, className="visually-hidden"),
                      dcc.Dropdown(id=ids.PERIOD_TO, options=year_options(years), value=end, clearable=False,
                                   className="period")], className="d-flex align-items-center gap-2")]), md=6, lg=3),
    ], className="g-3 mb-2 controls")
    # The table's download beside the line saying where the figures come from (a whole year shows in
    # the period menus: "2014", not "20…").
    download = html.Div([html.Button(t("download_csv", lang), id=ids.COMPARE_CSV_BUTTON,
                                     className="btn btn-outline-primary btn-sm"),
                         dcc.Download(id=ids.COMPARE_CSV)], className="compare-download mb-2")
    draw = ctx.parts[NAME]
    n = len(cases.areas())
    place = draw["places"](state["level"], lang)
    shown = draw["figures"](state["indicator"], state["level"], state["axis"], start, end, lang, present)
    maps, codes, where, facts = (place[k * n:(k + 1) * n] for k in range(4))
    charts, tables, waterbeds, source, years_ = shown[:n], shown[n:2 * n], shown[2 * n:3 * n], shown[3 * n], shown[3 * n + 1:]
    columns = [dbc.Col(html.Section([
        html.H2(area["name"], className="h3 mb-0", id=ids.compare("title", i)),
        html.P(where[i], id=ids.compare("where", i), className="text-muted mb-2"),
        markup.raw(ids.compare("map", i), maps[i], className="compare-map"),
        html.Div(codes[i], id=ids.compare("codes", i), className="small mb-2 compare-codes"),
        html.Div(years_[i], id=ids.compare("years", i)),
        markup.raw(ids.compare("chart", i), charts[i], className="compare-chart"),
        html.Button(t("download_svg", lang), id=ids.compare("png", i), className="btn btn-sm btn-outline-secondary mb-2",
                    **{"data-area": area["id"]}),
        html.Div(tables[i], id=ids.compare("table", i), className="compare-table"),
        html.Div(waterbeds[i], id=ids.compare("waterbed", i), className="waterbed mb-3"),
        html.Div(facts[i], id=ids.compare("facts", i), className="facts small"),
    ], className="compare-column", **{"aria-labelledby": ids.compare("title", i)}), lg=4, md=12)
        for i, area in enumerate(cases.areas())]
    content = [
        html.H1(t("compare_heading", lang), className="h3"),
        html.P(t("compare_intro", lang), className="lead compare-intro"),
        controls,
        download,
        html.P(source, id=ids.COMPARE_SOURCE, className="small text-muted"),
        dbc.Row(columns, className="g-4"),
        html.P(dcc.Link(t("sources_and_method", lang), href=f"/over?lang={lang}#method"), className="small"),
    ]
    query = {"level": state["level"], "indicator": state["indicator"], "axis": state["axis"], "from": start, "to": end}
    return shell.frame(NAME, lang, present, problems, content, [key for key, _, _ in URL], query)


def register(app, ctx):
    store, memo, comparison = ctx.store, ctx.memo, ctx.comparison
    dash.register_page(__name__, path=PATH, name="Vergelijk", title=shell.page_title("nav_compare"), layout=layout)
    areas = cases.areas()
    n = len(areas)
    comparable = {level: urlstate.compare_indicators(store, level) for level in LEVELS}
    every = sorted(set().union(*comparable.values()))
    ctx.rules.add(ids.COMPARE_INDICATOR, "value", one_of(every))
    ctx.rules.add(ids.COMPARE_LEVEL, "value", one_of(LEVELS))
    ctx.rules.add(ids.AXIS, "value", one_of(("same", "own")))
    ctx.rules.add(ids.COMPARE_CSV_BUTTON, "n_clicks", count())
    for component in (ids.PERIOD_FROM, ids.PERIOD_TO):
        ctx.rules.add(component, "value", year_rule())
        ctx.rules.add(component, "options", options_rule)
    for i in range(n):
        ctx.rules.add(ids.compare("png", i), "n_clicks", count())

    @memo.memoize
    def table(area_index, level, indicator_id):
        return comparison.table(areas[area_index], level, indicator_id)

    @app.callback(Output(ids.COMPARE_INDICATOR, "options"), Output(ids.COMPARE_INDICATOR, "value"),
                  Input(ids.COMPARE_LEVEL, "value"), State(ids.COMPARE_INDICATOR, "value"), State(ids.LANG, "data"),
                  prevent_initial_call=True)
    def choices(level, current_indicator, lang):
        available = comparable[level]
        value = current_indicator if current_indicator in available else urlstate.default_indicator(
            available, DEFAULT["compare_indicator"])
        return indicator_options(available, lang), (no_update if value == current_indicator else value)

    @app.callback(Output(ids.COMPARE_LEVEL, "value", allow_duplicate=True), Input(ids.COMPARE_INDICATOR, "value"),
                  State(ids.COMPARE_LEVEL, "value"), prevent_initial_call=True)
    def level_for(indicator_id, level):
        """Where the chosen level has no figures for the indicator and the other has, switch."""
        if urlstate.case_years(store, level, indicator_id):
            return no_update
        other = "wijk" if level == "buurt" else "buurt"
        return other if indicator_id in comparable[other] and urlstate.case_years(store, other, indicator_id) \
            else no_update

    @app.callback(Output(ids.PERIOD_FROM, "options"), Output(ids.PERIOD_FROM, "value"),
                  Output(ids.PERIOD_TO, "options"), Output(ids.PERIOD_TO, "value"),
                  Input(ids.COMPARE_INDICATOR, "value"), Input(ids.COMPARE_LEVEL, "value"),
                  State(ids.PERIOD_FROM, "value"), State(ids.PERIOD_TO, "value"), prevent_initial_call=True)
    def period_choices(indicator_id, level, start, end):
        years = urlstate.case_years(store, level, indicator_id) if indicator_id in comparable[level] else []
        options = year_options(years)
        start = start if start in years else (years[0] if years else None)
        end = end if end in years else (years[-1] if years else None)
        return options, start, options, end

    @app.callback([Output(ids.compare(part, i), prop) for part, prop in (("map", markup.ATTRIBUTE), ("codes", "children"),
                                                                         ("where", "children"), ("facts", "children"))
                   for i in range(n)],
                  Input(ids.COMPARE_LEVEL, "value"), State(ids.LANG, "data"), prevent_initial_call=True)
    def places(level, lang):
        return places_payload(level, lang)

    @memo.memoize
    def places_payload(level, lang):
        """Built once per level and language for all workers: the same for every visitor."""
        year = store.target_years[level]
        members = [comparison.members(a, level) for a in areas]
        maps, codes, where, facts = [], [], [], []
        for area, (codes_, ring) in zip(areas, members):
            city = area["municipality"]
            maps.append(study_area.small_map(store.areas(city, level, year), store.geojson(city, level, year), codes_,
                                             ring, lang))
            names = {c: store.name(level, year, c) for c in codes_ + ring}
            codes.append(study_area.codes_block(area, codes_, ring, names, year, lang))
            where.append(f"{urlstate.city_name(store, city, lang)} — {area['location_' + lang]}")
            facts.append(study_area.facts_block(area, lang))
        return maps + codes + where + facts

    @app.callback([Output(ids.compare("chart", i), markup.ATTRIBUTE) for i in range(n)]
                  + [Output(ids.compare("table", i), "children") for i in range(n)]
                  + [Output(ids.compare("waterbed", i), "children") for i in range(n)]
                  + [Output(ids.COMPARE_SOURCE, "children")]
                  + [Output(ids.compare("years", i), "children") for i in range(n)],
                  Input(ids.COMPARE_INDICATOR, "value"), Input(ids.COMPARE_LEVEL, "value"), Input(ids.AXIS, "value"),
                  Input(ids.PERIOD_FROM, "value"), Input(ids.PERIOD_TO, "value"), State(ids.LANG, "data"),
                  State(ids.PRESENT, "data"), prevent_initial_call=True)
    def figures(indicator_id, level, axis, start, end, lang, present):
        if indicator_id not in comparable[level]:
            return [no_update] * (4 * n + 1)  # the indicator list of the new level follows
        return figures_payload(indicator_id, level, axis, start, end, lang, bool(present))

    @memo.memoize
    def figures_payload(indicator_id, level, axis, start, end, lang, present):
        """Charts, tables and waterbed boxes: the same for every visitor, so built once and shared."""
        indicator = catalogue()[indicator_id]
        tables = [table(i, level, indicator_id) for i in range(n)]
        y_range = None
        if axis == "same":
            columns = ("area", "ring") if indicator.kind == "count" else ("area", "ring", "city")
            values = [v for tb in tables for col in columns for v in tb[col].dropna()]
            if values:
                top = max(values)
                y_range = [min(0, min(values)), top * 1.08 if top > 0 else 1]
        charts = [study_area.chart(tb, a["name"], urlstate.city_name(store, a["municipality"], lang), indicator, lang,
                                   y_range, present) for tb, a in zip(tables, areas)]
        html_tables = [study_area.table_component(tb, indicator, lang) for tb in tables]
        year = store.target_years[level]
        rings = [comparison.ring_of(a, level) for a in areas]
        names = [{c: store.name(level, year, c) for c in ring["members"] + ring["left_out"]} for ring in rings]
        done = cases.study()["intervention_completed_by"]
        waterbeds = [study_area.waterbed_box(comparison.waterbed(tb, start, end), indicator, lang, ring, named, done)
                     for tb, ring, named in zip(tables, rings, names)]
        source = t("compare_source", lang, year=year)
        level_word = t(f"level_{level}", lang).split(" ")[0].lower()
        all_years = urlstate.case_years(store, level, indicator_id)
        years = [study_area.years_block(tb, urlstate.city_name(store, a["municipality"], lang), level_word, lang,
                                        all_years) for tb, a in zip(tables, areas)]
        return charts + html_tables + waterbeds + [source] + years

    @app.callback(Output(ids.COMPARE_CSV, "data"), Input(ids.COMPARE_CSV_BUTTON, "n_clicks"),
                  State(ids.COMPARE_INDICATOR, "value"), State(ids.COMPARE_LEVEL, "value"), State(ids.LANG, "data"),
                  prevent_initial_call=True)
    def download(_, indicator_id, level, lang):
        indicator = catalogue()[indicator_id]
        tables = [table(i, level, indicator_id) for i in range(n)]
        return dcc.send_string(study_area.csv_text(tables, areas, indicator, lang),
                               f"wijkdashboard_vergelijk_{indicator_id}_{level}.csv")

    # A chart as the SVG file it is: vectors for a report or a slide (assets/wijk.js: saveSvg).
    for i, area in enumerate(areas):
        clientside_callback(
            ClientsideFunction(namespace="wijk", function_name="saveSvg"),
            Output(ids.compare("png", i), "title"), Input(ids.compare("png", i), "n_clicks"),
            State(ids.compare("png", i), "id"), prevent_initial_call=True)

    ctx.parts[NAME] = {"places": places_payload, "figures": figures_payload}
    shell.url_writer(app, NAME, [(component, prop) for _, component, prop in URL], as_page_opens=False)
