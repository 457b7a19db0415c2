"""Vergelijk's callbacks: the places of the three areas per level, and their figures per indicator,
level, axis and period, each built once and shared; the CSV and the SVG downloads."""

import dash
from dash import ClientsideFunction, Input, Output, State, clientside_callback, dcc, no_update

from ....core import cases
from ....core.codes import LEVELS
from ....core.indicators import catalogue
from ... import ids, shell, urlstate
from ...components import markup, study_area
from ...i18n import t
from ...validation import count, one_of
from ...validation import year as year_rule
from .layout import layout
from .options import DEFAULT, NAME, PATH, URL, indicator_options, options_rule, year_options


def register(app, ctx):
    store, memo, comparison = ctx.store, ctx.memo, ctx.comparison
    dash.register_page(__package__, path=PATH, name="Vergelijk", title=shell.page_title("nav_compare"), layout=layout)
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