"""Segregatie: each city's income segregation indices over the years, with intervals, against the
policy waves; buurt and wijk apart; what is missing said plainly."""

import dash
import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, State, dcc, html

from ...core import formatting
from ...core.indices import catalogue, explanation, label
from .. import ids, shell, urlstate
from ..components.charts import add_wave_bands
from ..context import current
from ..i18n import t
from ..validation import one_of

NAME, PATH = "segregatie", "/segregatie"
URL = [("index", ids.SEG_INDEX, "value")]
X_RANGE = (1994.5, 2025.5)
LEVEL_STYLE = {"wijk": dict(color="#08519c", symbol="circle"), "buurt": dict(color="#d95f02", symbol="diamond")}


def index_options(lang):
    return [{"label": label(key, lang), "value": key} for key in catalogue()]


def layout(**query):
    ctx = current()
    lang, present = urlstate.common(query)
    state, problems = urlstate.segregatie(query, ctx.store, {})
    cities = ctx.store.municipalities
    content = [
        html.H1(t("seg_heading", lang), className="h3"),
        html.P(t("seg_intro", lang), className="lead"),
        dbc.Row([dbc.Col([dbc.Label(t("seg_index", lang), html_for=ids.SEG_INDEX, className="fw-semibold"),
                          dcc.Dropdown(id=ids.SEG_INDEX, value=state["index"], options=index_options(lang),
                                       clearable=False)], md=6)], className="controls mb-2"),
        html.Div(id=ids.SEG_EXPLANATION, className="waterbed mb-2"),
        html.P(t("seg_maup", lang), id="seg-maup", className="small text-muted"),
        dbc.Row([dbc.Col(html.Section([
            html.H2(urlstate.city_name(ctx.store, city, lang), id=ids.seg("city", i), className="h4"),
            dcc.Graph(id=ids.seg("chart", i), config={"displayModeBar": False}),
            html.Div(id=ids.seg("missing", i), className="small mb-2"),
            html.Div(id=ids.seg("table", i), className="compare-table small"),
        ], className="compare-column"), lg=4, md=12) for i, city in enumerate(cities)], className="g-4"),
        html.P(dcc.Link(t("sources_and_method", lang), href=f"/over?lang={lang}#indices"), className="small"),
    ]
    return shell.frame(NAME, lang, present, problems, content, [key for key, _, _ in URL])


def chart(indices, municipality, index_id, lang):
    fig = add_wave_bands(go.Figure(), lang, X_RANGE, font_size=10)
    mine = indices[(indices["municipality"] == municipality) & (indices["index"] == index_id)]
    for level in ("wijk", "buurt"):
        rows = mine[mine["level"] == level].sort_values("year")
        fig.add_trace(go.Scatter(
            x=rows["year"], y=rows["statistic"], mode="markers+lines", name=t(f"level_{level}", lang),
            marker=dict(size=11, **LEVEL_STYLE[level]), line=dict(color=LEVEL_STYLE[level]["color"], width=1.5),
            error_y=dict(type="data", symmetric=False, array=(rows["ci_high"] - rows["statistic"]).tolist(),
                         arrayminus=(rows["statistic"] - rows["ci_low"]).tolist(), thickness=2, width=6)))
    top = max([0.5] + mine["ci_high"].tolist())
    fig.update_layout(height=300, margin=dict(l=45, r=10, t=30, b=40), plot_bgcolor="white", font=dict(size=13),
                      legend=dict(orientation="h", y=-0.2), xaxis=dict(range=list(X_RANGE), dtick=5),
                      yaxis=dict(range=[0, min(1.0, top * 1.15)], title="index"))
    return fig


def missing(summary, municipality, lang):
    """One sentence per level: which years have no index, and why."""
    items = []
    for level in ("wijk", "buurt"):
        rows = [r for r in summary if r["municipality"] == municipality and r["level"] == level]
        absent = [r["year"] for r in rows if not r["indices"]]
        word = t(f"level_{level}", lang).split(" ")[0].lower()
        if not rows or len(absent) == len(rows):
            items.append(html.Li(t("seg_missing_all", lang, level=word, why=t("seg_why_income", lang))))
        elif absent:
            items.append(html.Li(t("seg_missing", lang, level=word, years=", ".join(map(str, absent)),
                                   why=t("seg_why_income", lang))))
    return html.Ul(items, className="mb-1")


def table(indices, changes, municipality, lang):
    mine = indices[indices["municipality"] == municipality].sort_values(["level", "index", "year"])
    if mine.empty:
        return html.P("—")
    three = lambda v: formatting.number(v, 3, lang)
    rows = []
    for r in mine.itertuples():
        rows.append(html.Tr([html.Td(label(r.index, lang)), html.Td(t(f"level_{r.level}", lang).split(" ")[0]),
                             html.Td(r.year), html.Td(three(r.statistic), className="num"),
                             html.Td(f"{three(r.ci_low)} – {three(r.ci_high)}", className="num"),
                             html.Td(f"{r.n_areas}/{r.n_areas_total}",
                                     title=t("seg_left_out", lang, n=r.n_areas_total - r.n_areas, total=r.n_areas_total)
                                     if r.n_areas < r.n_areas_total else None)]))
    header = html.Thead(html.Tr([html.Th(t(k, lang), scope="col") for k in
                                 ("seg_index", "seg_col_level", "col_year", "seg_col_value", "seg_col_interval",
                                  "seg_col_areas")]))
    change_rows = changes[changes["municipality"] == municipality]
    note = ([html.P(t("seg_change", lang, first=c.from_year, last=c.to_year, diff=formatting.number(c.difference, 3, lang, sign=True),
                      p=formatting.number(c.p_value, 3, lang))) for c in change_rows.itertuples()]
            or [html.P(t("seg_no_change", lang), className="text-muted")])
    return [html.Table([html.Caption(t("seg_table_caption", lang)), header, html.Tbody(rows)], className="table table-sm")] \
        + note


def register(app, ctx):
    store, memo = ctx.store, ctx.memo
    dash.register_page(__name__, path=PATH, name="Segregatie", title="Wijkdashboard — Segregatie", layout=layout)
    cities = store.municipalities
    n = len(cities)
    ctx.rules.add(ids.SEG_INDEX, "value", one_of(catalogue()))

    @app.callback(Output(ids.SEG_EXPLANATION, "children"), Input(ids.SEG_INDEX, "value"), State(ids.LANG, "data"))
    def explain(index_id, lang):
        return [html.Strong(label(index_id, lang) + ". "), explanation(index_id, lang)]

    @app.callback([Output(ids.seg(part, i), prop) for part, prop in (("chart", "figure"), ("missing", "children"),
                                                                      ("table", "children")) for i in range(n)],
                  Input(ids.SEG_INDEX, "value"), State(ids.LANG, "data"))
    def draw(index_id, lang):
        return payload(index_id, lang)

    @memo.memoize
    def payload(index_id, lang):
        summary = store.report["segregation"]
        charts = [chart(store.segregation, c, index_id, lang).to_plotly_json() for c in cities]
        missing_ = [missing(summary, c, lang) for c in cities]
        tables = [table(store.segregation, store.segregation_changes, c, lang) for c in cities]
        return charts + missing_ + tables

    shell.url_writer(app, NAME, [(component, prop) for _, component, prop in URL])
