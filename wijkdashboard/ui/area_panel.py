"""The clicked area: its values over the years (waves behind the line), its city beside it, and how
its boundaries relate to those of other years."""

import plotly.graph_objects as go
from dash import dcc, html

from .. import vocabulary
from ..indicators import format_value
from ..store import PRESENT
from ..waves import all_waves
from .i18n import t

WAVE_FILL = ["rgba(31,119,180,0.08)", "rgba(255,127,14,0.10)"]


def panel(store, city, level, indicator, code, lang):
    if not code:
        return html.P(t("area_help", lang), className="text-muted")
    target = store.target_years[level]
    name = store.name(level, target, code) or code
    area, city_values = store.series(city, level, indicator.id, code)
    city_name = vocabulary.municipality_names()[city]["name_nl" if lang == "nl" else "name_en"]
    fig = go.Figure()
    years = sorted(set(area["year"]).union(city_values["year"])) or [target]
    first, last = min(years) - 1, max(years) + 1
    for i, wave in enumerate(w for w in all_waves() if (w.end or last) >= first and w.start <= last):
        fig.add_vrect(x0=max(wave.start, first), x1=min(wave.end or last, last), fillcolor=WAVE_FILL[i % 2],
                      line_width=0, layer="below", annotation_text=wave.short(lang),
                      annotation_position="top left" if i % 2 == 0 else "bottom left", annotation_font_size=10)
    shown = area[area["status"].isin(PRESENT)]
    fig.add_trace(go.Scatter(x=shown["year"], y=shown["value"], mode="lines+markers", name=name,
                             line=dict(color="#08519c", width=3), marker=dict(size=9)))
    city_shown = city_values[city_values["status"] == "published"]
    if indicator.variable.kind != "count" and len(city_shown):
        fig.add_trace(go.Scatter(x=city_shown["year"], y=city_shown["value"], mode="lines+markers",
                                 name=t("area_series_city", lang, city=city_name),
                                 line=dict(color="#636363", dash="dash", width=2), marker=dict(size=7)))
    fig.update_layout(height=260, margin=dict(l=40, r=10, t=30, b=30), legend=dict(orientation="h", y=-0.25),
                      xaxis=dict(range=[first, last], dtick=2), yaxis=dict(title=indicator.unit, rangemode="tozero"),
                      plot_bgcolor="white", font=dict(size=13))
    rows = [html.Tr([html.Td(int(r.year)), html.Td(format_value(r.value, indicator, lang)
                                                   if r.status in PRESENT else t("no_data", lang))])
            for r in area.itertuples()]
    return html.Div([
        html.H2(t("area_heading", lang, name=name, code=code), className="h5"),
        dcc.Graph(id="area-series", figure=fig, config={"displayModeBar": False}),
        html.P(t("series_note", lang, year=target), className="small text-muted"),
        html.Table([html.Tbody(rows)], className="table table-sm small"),
        html.H3(t("area_history", lang), className="h6"),
        history(store, level, code, target, lang),
    ])


def history(store, level, code, year, lang):
    rows = store.code_history(level, code, year)
    if not rows:
        return html.P(t("area_history_none", lang), className="small")
    items = []
    for other_year, parts in rows:
        described = ", ".join(f"{name or c} ({c}, {share:.0%})" for c, name, share in parts[:4])
        items.append(html.Li(t("area_history_row", lang, year=other_year, codes=described)))
    return html.Ul(items, className="small code-history")
