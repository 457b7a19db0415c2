"""Segregatie as it opens: the controls and the columns drawn into the first HTML."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from ... import ids, shell, urlstate
from ...context import current
from ...i18n import t
from .options import NAME, URL, city_picker, index_options, level_options
from .view import explain


def layout(**query):
    ctx = current()
    lang, present = urlstate.common(query)
    embed = urlstate.embedded(query)
    state, problems = urlstate.segregatie(query, ctx.store, {})
    content = [
        html.H1(t("seg_heading", lang), className="h3"),
        html.P(t("seg_intro", lang), className="lead"),
        dbc.Row([
            dbc.Col([dbc.Label(t("seg_index", lang), html_for=ids.SEG_INDEX, className="fw-semibold"),
                     dcc.Dropdown(id=ids.SEG_INDEX, value=state["index"], options=index_options(lang),
                                  clearable=False)], md=5),
            dbc.Col([dbc.Label(t("level", lang), html_for=ids.SEG_LEVEL, className="fw-semibold"),
                     dbc.RadioItems(id=ids.SEG_LEVEL, value=state["level"], options=level_options(lang))], md=2),
            dbc.Col(city_picker(ctx.store, state["cities"], lang), md=5),
        ], className="controls mb-2 g-3"),
        html.Div(explain(state["index"], lang), id=ids.SEG_EXPLANATION, className="waterbed mb-2"),
        html.P(t("seg_maup", lang), id="seg-maup", className="small text-muted"),
        html.Div(ctx.parts[NAME](state["index"], state["level"], tuple(state["cities"]), lang, present),
                 id=ids.SEG_COLUMNS),
        html.P(dcc.Link(t("sources_and_method", lang), href=f"/over?lang={lang}#indices"), className="small"),
    ]
    return shell.frame(NAME, lang, present, problems, content, [key for key, _, _ in URL], dict(state), embed=embed)