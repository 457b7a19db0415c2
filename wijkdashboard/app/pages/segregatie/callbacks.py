"""Segregatie's callbacks: a change of index, level or cities is one request; the columns are shared
through the cache."""

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, html

from ....core.codes import LEVELS
from ....core.indices import catalogue
from ... import ids, shell, urlstate
from ...i18n import t
from ...validation import one_of
from .layout import layout
from .options import CHECKLIST_UP_TO, NAME, PATH, URL
from .view import column, explain


def register(app, ctx):
    store, memo = ctx.store, ctx.memo
    dash.register_page(__package__, path=PATH, name="Segregatie", title=shell.page_title("nav_segregation"), layout=layout)
    slugs = urlstate.city_slugs(store)
    ctx.rules.add(ids.SEG_INDEX, "value", one_of(catalogue()))
    ctx.rules.add(ids.SEG_LEVEL, "value", one_of(LEVELS))
    ctx.rules.add(ids.SEG_CITIES, "value", lambda v: isinstance(v, list) and len(v) <= CHECKLIST_UP_TO
                  and all(isinstance(c, str) and c in slugs for c in v))

    @app.callback(Output(ids.SEG_EXPLANATION, "children"), Input(ids.SEG_INDEX, "value"), State(ids.LANG, "data"),
                  prevent_initial_call=True)
    def explained(index_id, lang):
        return explain(index_id, lang)

    @app.callback(Output(ids.SEG_COLUMNS, "children"), Input(ids.SEG_INDEX, "value"), Input(ids.SEG_LEVEL, "value"),
                  Input(ids.SEG_CITIES, "value"), State(ids.LANG, "data"), State(ids.PRESENT, "data"),
                  prevent_initial_call=True)
    def draw(index_id, level, cities, lang, present):
        if not cities:
            return html.P(t("seg_choose_city", lang), className="text-muted")
        return payload(index_id, level, tuple(cities), lang, bool(present))

    @memo.memoize
    def payload(index_id, level, cities, lang, present):
        width = max(4, 12 // max(len(cities), 1))
        return dbc.Row([dbc.Col(column(store, slugs[c], level, index_id, lang, present), lg=width, md=12)
                        for c in cities],
                       className="g-4")

    def first_view(index_id, level, cities, lang, present):
        """The columns as the page opens (drawn into its first HTML: no callback as it opens)."""
        if not cities:
            return html.P(t("seg_choose_city", lang), className="text-muted")
        return payload(index_id, level, cities, lang, bool(present))

    ctx.parts[NAME] = first_view
    shell.url_writer(app, NAME, [(component, prop) for _, component, prop in URL], as_page_opens=False)