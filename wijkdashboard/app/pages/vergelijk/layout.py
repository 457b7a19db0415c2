"""Vergelijk as it opens: controls and the three areas' columns, drawn whole into the first HTML."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from ....core import cases
from ... import ids, shell, urlstate
from ...components import markup
from ...context import current
from ...i18n import t
from .options import DEFAULT, NAME, URL, axis_options, indicator_options, level_options, year_options


def layout(**query):
    ctx = current()
    lang, present = urlstate.common(query)
    embed = urlstate.embedded(query)
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
    return shell.frame(NAME, lang, present, problems, content, [key for key, _, _ in URL], query, embed=embed)