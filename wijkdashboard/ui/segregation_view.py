"""The Segregatie view: each city's segregation indices over the years, with intervals, against the
policy waves; buurt and wijk apart; what is missing said plainly."""

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from .. import vocabulary
from ..segregation import catalogue
from ..waves import all_waves
from .i18n import t

X_RANGE = (1994.5, 2025.5)
LEVEL_STYLE = {"wijk": dict(color="#08519c", symbol="circle"), "buurt": dict(color="#d95f02", symbol="diamond")}


def skeleton():
    cities = sorted(vocabulary.municipality_names())
    return html.Div([
        html.H2(t("seg_heading"), id="seg-heading", className="h3"),
        html.P(t("seg_intro"), id="seg-intro", className="lead"),
        dbc.Row([dbc.Col([dbc.Label(t("seg_index"), id="label-seg-index", html_for="seg-index", className="fw-semibold"),
                          # Options from the start: Dash 4 drops a value that its options do not hold yet.
                          dcc.Dropdown(id="seg-index", value="dissim_low_vs_rest", options=index_options("nl"),
                                       clearable=False)], md=6)],
                className="controls mb-2"),
        html.Div(id="seg-explanation", className="waterbed mb-2"),
        html.P(t("seg_maup"), id="seg-maup", className="small text-muted"),
        dbc.Row([dbc.Col(html.Section([
            html.H2(id=f"seg-city-{i}", className="h4"),
            dcc.Graph(id=f"seg-chart-{i}", config={"displayModeBar": False}),
            html.Div(id=f"seg-missing-{i}", className="small mb-2"),
            html.Div(id=f"seg-table-{i}", className="compare-table small"),
        ], className="compare-column"), lg=4, md=12) for i, _ in enumerate(cities)], className="g-4"),
    ], id="segregation-view", style={"display": "none"})


def index_options(lang):
    return [{"label": row["label_nl" if lang == "nl" else "label_en"], "value": key} for key, row in catalogue().items()]


def explanation(index_id, lang):
    row = catalogue()[index_id]
    return [html.Strong(row["label_nl" if lang == "nl" else "label_en"] + ". "),
            row["explanation_nl" if lang == "nl" else "explanation_en"]]


def chart(indices, municipality, index_id, lang):
    fig = go.Figure()
    for i, wave in enumerate(w for w in all_waves() if (w.end or 2025) >= X_RANGE[0]):
        fig.add_vrect(x0=max(wave.start, X_RANGE[0]), x1=min(wave.end or X_RANGE[1], X_RANGE[1]),
                      fillcolor=["rgba(31,119,180,0.07)", "rgba(255,127,14,0.09)"][i % 2], line_width=0, layer="below",
                      annotation_text=wave.short(lang), annotation_position="top left" if i % 2 == 0 else "bottom left",
                      annotation_font_size=10)
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
        if rows and len(absent) == len(rows):
            items.append(html.Li(t("seg_missing_all", lang, level=word, why=t("seg_why_income", lang))))
        elif absent:
            items.append(html.Li(t("seg_missing", lang, level=word, years=", ".join(map(str, absent)),
                                   why=t("seg_why_income", lang))))
        elif not rows:
            items.append(html.Li(t("seg_missing_all", lang, level=word, why=t("seg_why_income", lang))))
    return html.Ul(items, className="mb-1")


def table(indices, changes, municipality, lang):
    mine = indices[indices["municipality"] == municipality].sort_values(["level", "index", "year"])
    if mine.empty:
        return html.P("—")
    labels = catalogue()
    decimal = (lambda v: f"{v:.3f}".replace(".", ",")) if lang == "nl" else (lambda v: f"{v:.3f}")
    rows = []
    for r in mine.itertuples():
        areas = f"{r.n_areas}/{r.n_areas_total}"
        rows.append(html.Tr([html.Td(labels[r.index]["label_nl" if lang == "nl" else "label_en"]),
                             html.Td(t(f"level_{r.level}", lang).split(" ")[0]), html.Td(r.year),
                             html.Td(decimal(r.statistic), className="num"),
                             html.Td(f"{decimal(r.ci_low)} – {decimal(r.ci_high)}", className="num"),
                             html.Td(areas, title=t("seg_left_out", lang, n=r.n_areas_total - r.n_areas,
                                                    total=r.n_areas_total) if r.n_areas < r.n_areas_total else None)]))
    header = html.Thead(html.Tr([html.Th(t(k, lang), scope="col") for k in
                                 ("seg_index", "seg_col_level", "col_year", "seg_col_value", "seg_col_interval", "seg_col_areas")]))
    change_rows = changes[changes["municipality"] == municipality]
    note = ([html.P(t("seg_change", lang, first=c.from_year, last=c.to_year, diff=decimal(c.difference),
                      p=decimal(c.p_value))) for c in change_rows.itertuples()]
            or [html.P(t("seg_no_change", lang), className="text-muted")])
    return [html.Table([html.Caption(t("seg_table_caption", lang)), header, html.Tbody(rows)], className="table table-sm")] + note
