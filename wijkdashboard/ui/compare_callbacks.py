"""Callbacks of the Vergelijk view, the view switch and presentation mode."""

from dash import Input, Output, State, callback_context, clientside_callback, dcc, no_update

from .. import cases, vocabulary
from ..compare import Comparison
from ..indicators import catalogue
from . import compare_view, layout
from .i18n import t
from .state import compare_indicators

N = 3


def register(app, store, cache):
    comparison = Comparison(store)
    areas = cases.load()["areas"]

    @cache.memoize()
    def table(area_index, level, indicator_id):
        return comparison.table(areas[area_index], level, indicator_id)

    views = ("kaart", "vergelijk", "segregatie")

    @app.callback(Output("view", "data", allow_duplicate=True), [Input(f"nav-{v}", "n_clicks") for v in views],
                  prevent_initial_call=True)
    def switch(*_):
        return callback_context.triggered_id.removeprefix("nav-")

    @app.callback([Output(f"{c}-view", "style") for c in ("map", "compare", "segregation")]
                  + [Output(f"nav-{v}", "className") for v in views] + [Output(f"nav-{v}", "aria-current") for v in views],
                  Input("view", "data"))
    def show(view):
        view = view if view in views else "kaart"
        styles = [{"display": "block" if v == view else "none"} for v in views]
        classes = [("btn btn-primary me-2" if v == view else "btn btn-outline-primary me-2") for v in views]
        return styles + classes + ["page" if v == view else None for v in views]

    @app.callback(Output("compare-indicator", "options"), Output("compare-indicator", "value"),
                  Output("compare-level", "options"), Output("axis", "options"),
                  Input("compare-level", "value"), Input("lang", "data"), State("compare-indicator", "value"),
                  prevent_initial_call=True)
    def choices(level, lang, current):
        available = compare_indicators(store, level)
        options = layout.indicator_options(available, lang)
        value = current if current in available else ("pct_owner_occupied" if "pct_owner_occupied" in available
                                                      else available[0])
        return (options, value if value != current else no_update, compare_view.level_options(lang),
                compare_view.axis_options(lang))

    @app.callback([Output(f"compare-map-{i}", "figure") for i in range(N)]
                  + [Output(f"compare-codes-{i}", "children") for i in range(N)]
                  + [Output(f"compare-where-{i}", "children") for i in range(N)]
                  + [Output(f"compare-facts-{i}", "children") for i in range(N)],
                  Input("compare-level", "value"), Input("lang", "data"), Input("view", "data"))
    def places(level, lang, view):
        if view != "vergelijk":
            return [no_update] * (4 * N)
        return places_payload(level, lang)

    @cache.memoize()
    def places_payload(level, lang):
        """Built once per level and language for all workers: the same for every visitor."""
        maps = [compare_view.small_map(store, comparison, a, level) for a in areas]
        codes = [compare_view.codes_block(store, comparison, a, level, lang) for a in areas]
        where = [f"{vocabulary.municipality_names()[a['municipality']]['name_nl' if lang == 'nl' else 'name_en']} — "
                 f"{a['location_nl' if lang == 'nl' else 'location_en']}" for a in areas]
        facts = [compare_view.facts_block(a, lang) for a in areas]
        return [m.to_plotly_json() for m in maps] + codes + where + facts

    @app.callback([Output(f"compare-chart-{i}", "figure") for i in range(N)]
                  + [Output(f"compare-table-{i}", "children") for i in range(N)]
                  + [Output(f"compare-waterbed-{i}", "children") for i in range(N)]
                  + [Output("compare-source", "children")],
                  Input("compare-indicator", "value"), Input("compare-level", "value"), Input("axis", "value"),
                  Input("lang", "data"), Input("view", "data"))
    def figures(indicator_id, level, axis, lang, view):
        if view != "vergelijk" or not indicator_id or indicator_id not in catalogue():
            return [no_update] * (3 * N + 1)
        return figures_payload(indicator_id, level, axis, lang)

    @cache.memoize()
    def figures_payload(indicator_id, level, axis, lang):
        """Charts, tables and waterbed boxes: the same for every visitor, so built once and shared."""
        indicator = catalogue()[indicator_id]
        tables = [table(i, level, indicator_id) for i in range(N)]
        y_range = None
        if axis == "same":
            columns = ("area", "ring") if indicator.variable.kind == "count" else ("area", "ring", "city")
            values = [v for tb in tables for col in columns for v in tb[col].dropna()]
            if values:
                top = max(values)
                y_range = [min(0, min(values)), top * 1.08 if top > 0 else 1]
        charts = [compare_view.chart(tb, a, indicator, lang, y_range) for tb, a in zip(tables, areas)]
        html_tables = [compare_view.table_component(tb, indicator, lang) for tb in tables]
        waterbeds = [compare_view.waterbed_box(comparison.waterbed(tb), indicator, lang) for tb in tables]
        source = t("compare_source", lang, year=store.target_years[level])
        return [c.to_plotly_json() for c in charts] + html_tables + waterbeds + [source]

    @app.callback(Output("compare-csv", "data"), Input("compare-csv-button", "n_clicks"),
                  State("compare-indicator", "value"), State("compare-level", "value"), State("lang", "data"),
                  prevent_initial_call=True)
    def download(_, indicator_id, level, lang):
        indicator = catalogue()[indicator_id]
        tables = [table(i, level, indicator_id) for i in range(N)]
        return dcc.send_string(compare_view.csv_text(tables, areas, indicator, lang),
                               f"wijkdashboard_vergelijk_{indicator_id}_{level}.csv")

    for i, area in enumerate(areas):
        clientside_callback(
            f"""function(n) {{
                var g = document.querySelector('#compare-chart-{i} .js-plotly-plot');
                if (n && g) {{ Plotly.downloadImage(g, {{format: 'png', width: 900, height: 500,
                                                         filename: 'wijkdashboard_{area['id']}'}}); }}
                return window.dash_clientside.no_update;
            }}""",
            Output(f"compare-png-{i}", "title"), Input(f"compare-png-{i}", "n_clicks"), prevent_initial_call=True)

    clientside_callback(
        """function(n, lang) {
            // Presentation mode: controls hidden, maps, charts and text enlarged for a projector.
            var on = document.body.classList.toggle('presentation', n % 2 === 1);
            window.dispatchEvent(new Event('resize'));
            var label = on ? (lang === 'en' ? 'Leave presentation' : 'Presentatie sluiten')
                           : (lang === 'en' ? 'Presentation mode' : 'Presentatiemodus');
            return [label, on ? 'true' : 'false'];
        }""",
        Output("presentation", "children"), Output("presentation", "aria-pressed"),
        Input("presentation", "n_clicks"), Input("lang", "data"))
