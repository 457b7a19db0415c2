"""Callbacks of the Segregatie view."""

from dash import Input, Output, no_update

from .. import vocabulary
from ..segregation import catalogue
from . import segregation_view

CITIES = sorted(vocabulary.municipality_names())


def register(app, store, cache):
    n = len(CITIES)

    @app.callback(Output("seg-index", "options"), Output("seg-explanation", "children"),
                  Input("seg-index", "value"), Input("lang", "data"))
    def explain(index_id, lang):
        index_id = index_id if index_id in catalogue() else "dissim_low_vs_rest"
        return segregation_view.index_options(lang), segregation_view.explanation(index_id, lang)

    @app.callback([Output(f"seg-city-{i}", "children") for i in range(n)]
                  + [Output(f"seg-chart-{i}", "figure") for i in range(n)]
                  + [Output(f"seg-missing-{i}", "children") for i in range(n)]
                  + [Output(f"seg-table-{i}", "children") for i in range(n)],
                  Input("seg-index", "value"), Input("lang", "data"), Input("view", "data"))
    def draw(index_id, lang, view):
        if view != "segregatie" or index_id not in catalogue():
            return [no_update] * (4 * n)
        return payload(index_id, lang)

    @cache.memoize()
    def payload(index_id, lang):
        names = vocabulary.municipality_names()
        summary = store.report["segregation"]
        titles = [names[c]["name_nl" if lang == "nl" else "name_en"] for c in CITIES]
        charts = [segregation_view.chart(store.segregation, c, index_id, lang).to_plotly_json() for c in CITIES]
        missing = [segregation_view.missing(summary, c, lang) for c in CITIES]
        tables = [segregation_view.table(store.segregation, store.segregation_changes, c, lang) for c in CITIES]
        return titles + charts + missing + tables
