"""The chosen area: its values over the years (waves behind the line), its city beside it, and how its
boundaries relate to those of other years. Given the data; reads nothing itself."""

import plotly.graph_objects as go
from dash import dcc, html

from ...core import formatting
from ...layers import PRESENT
from ..i18n import t
from .charts import add_wave_bands


def panel(name, code, indicator, area, city, city_name, target_year, history_rows, lang, graph_id):
    """area, city: frames with year, value, status (fixed boundaries; the city as CBS published it)."""
    years = sorted(set(area["year"]).union(city["year"])) or [target_year]
    x_range = (min(years) - 1, max(years) + 1)
    fig = add_wave_bands(go.Figure(), lang, x_range, font_size=11)
    shown = area[area["status"].isin(PRESENT)]
    fig.add_trace(go.Scatter(x=shown["year"], y=shown["value"], mode="lines+markers", name=name,
                             line=dict(color="#08519c", width=3), marker=dict(size=9)))
    city_shown = city[city["status"] == "published"]
    if indicator.kind != "count" and len(city_shown):
        fig.add_trace(go.Scatter(x=city_shown["year"], y=city_shown["value"], mode="lines+markers",
                                 name=t("area_series_city", lang, city=city_name),
                                 line=dict(color="#636363", dash="dash", width=2), marker=dict(size=7)))
    fig.update_layout(height=260, margin=dict(l=40, r=10, t=30, b=30), legend=dict(orientation="h", y=-0.25),
                      xaxis=dict(range=list(x_range), dtick=2), yaxis=dict(title=indicator.unit, rangemode="tozero"),
                      plot_bgcolor="white", font=dict(size=13))
    rows = [html.Tr([html.Td(int(r.year)), html.Td(formatting.value(r.value, indicator, lang)
                                                   if r.status in PRESENT else t("no_data", lang))])
            for r in area.itertuples()]
    return html.Div([
        html.H2(t("area_heading", lang, name=name, code=code), className="h5"),
        dcc.Graph(id=graph_id, figure=fig, config={"displayModeBar": False}),
        html.P(t("series_note", lang, year=target_year), className="small text-muted"),
        html.Table([html.Tbody(rows)], className="table table-sm small"),
        html.H3(t("area_history", lang), className="h6"),
        history(history_rows, lang),
    ])


def history(rows, lang):
    if not rows:
        return html.P(t("area_history_none", lang), className="small")
    items = []
    for other_year, parts in rows:
        described = ", ".join(f"{name or c} ({c}, {share:.0%})" for c, name, share in parts[:4])
        items.append(html.Li(t("area_history_row", lang, year=other_year, codes=described)))
    return html.Ul(items, className="small code-history")
