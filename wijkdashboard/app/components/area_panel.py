"""The chosen area: its values over the years (waves behind the line), its city beside it, and how its
boundaries relate to those of other years. Given the data; reads nothing itself.

The series marks what a reader must know to trust a change: a value rebuilt from parts of other areas
(hollow marker), a change of the map between two points, a change of the municipality's territory
(the city line breaks), and a change in how CBS defines the indicator (a line with a note)."""

import plotly.graph_objects as go
from dash import dcc, html

from ...core import formatting
from ...layers import PRESENT
from ..i18n import t
from ..provenance import how, reference_notes
from .charts import add_series, add_wave_bands, gap_years, gaps, mark_gaps, separators, sizes

TERRITORY_CHANGE = 0.10  # a merger, not land reclaimed or a map drawn in more detail


def figure(name, indicator, area, city, city_name, lang, definition_breaks=(), present=False, target_year=None):
    size = sizes(present)
    years = sorted(set(area["year"]).union(city["year"])) or [2024]
    x_range = (min(years) - 1, max(years) + 1)
    fig = go.Figure()
    top = add_wave_bands(fig, lang, x_range, font_size=size["note"])
    shown = area[area["status"].isin(PRESENT)]
    # The line breaks where years have no figures (a thin dotted bridge); the markers say how each value
    # came about (filled: as published; hollow: rebuilt from other areas).
    found = add_series(fig, shown["year"], shown["value"], name, dict(color="#08519c", width=3), mode="lines",
                       legendgroup="area", hoverinfo="skip")
    fig.add_trace(go.Scatter(
        x=shown["year"], y=shown["value"], mode="markers", name=name, showlegend=False, legendgroup="area",
        marker=dict(size=10, color=["#08519c" if same else "white" for same in shown["same_place"]],
                    line=dict(color="#08519c", width=2)),
        customdata=[how(st, lang, int(y), int(by), target_year)
                    for st, y, by in zip(shown["status"], shown["year"], shown["boundary_year"])],
        hovertemplate="%{x}: <b>%{y}</b><br>%{customdata}<extra></extra>"))
    mark_gaps(fig, found, lang, size["note"])
    for (y0, b0, s0), (y1, b1, s1) in zip(shown[["year", "boundary_year", "same_place"]].itertuples(index=False),
                                          shown[["year", "boundary_year", "same_place"]].iloc[1:].itertuples(index=False)):
        if b0 != b1 and not (s0 and s1):
            fig.add_vline(x=(y0 + y1) / 2, line_dash="dot", line_color="#555", line_width=1,
                          annotation_text=t("map_changed", lang), annotation_font_size=size["note"],
                          annotation_position="bottom")
    city_shown = city[city["status"] == "published"]
    if indicator.kind != "count" and len(city_shown):
        xs, ys = [], []
        for r in city_shown.itertuples():
            if xs and abs(r.territory_change) > TERRITORY_CHANGE:
                xs.append(None), ys.append(None)  # the municipality changed: no line across
                fig.add_vline(x=r.year - 0.5, line_dash="dash", line_color="#636363", line_width=1,
                              annotation_text=t("territory_changed", lang, change=f"{r.territory_change:+.0%}"),
                              annotation_font_size=size["note"], annotation_position="bottom left")
            elif xs and r.year - xs[-1] > 1:
                xs.append(None), ys.append(None)  # years without a figure: no line across
            xs.append(r.year), ys.append(r.value)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines+markers", connectgaps=False,
                                 name=t("area_series_city", lang, city=city_name),
                                 line=dict(color="#636363", dash="dash", width=2), marker=dict(size=7)))
    for year, _ in definition_breaks:
        fig.add_vline(x=year - 0.5, line_color="#b30000", line_width=2,
                      annotation_text=t("definition_changed", lang), annotation_font_size=size["note"],
                      annotation_position="bottom right")
    fig.update_layout(
        title=dict(text=f"{indicator.label(lang)} ({indicator.unit_in(lang)})", font=dict(size=size["title"]), x=0.01, y=0.99,
                   yanchor="top"),
        height=int(300 * size["height"]), margin=dict(l=70, r=10, t=top + 34, b=30),
        legend=dict(orientation="h", y=-0.15, yanchor="top"),
        xaxis=dict(range=list(x_range), dtick=2 if x_range[1] - x_range[0] < 16 else 5, tickfont=dict(size=size["tick"])),
        yaxis=dict(title=dict(text=indicator.unit_in(lang)), rangemode="tozero", tickfont=dict(size=size["tick"]),
                   automargin=True),
        plot_bgcolor="white", font=dict(size=size["base"]), separators=separators(lang))
    return fig


def panel(name, code, indicator, area, city, city_name, target_year, history_rows, lang, graph_id,
          definition_breaks=(), present=False, add_button=None):
    """area, city: frames from LayerStore.series; definition_breaks: [(first year of the new
    definition, note)]; add_button: the button that adds this area to the comparison."""
    fig = figure(name, indicator, area, city, city_name, lang, definition_breaks, present, target_year)
    rows = [html.Tr([html.Td(int(r.year)),
                     html.Td(formatting.value(r.value, indicator, lang) if r.status in PRESENT else t("no_data", lang)),
                     html.Td(how(r.status, lang, int(r.year), int(r.boundary_year), target_year)
                             if r.status in PRESENT else "", className="text-muted")])
            for r in area.itertuples()]
    notes = [html.P(note, className="small series-break") for _, note in definition_breaks]
    notes += [html.P(note, className="small reference-note") for note in reference_notes(area, indicator.id, lang)]
    found = gaps(area.loc[area["status"].isin(PRESENT), "year"])
    if found:
        notes.insert(0, html.P(t("gap_note", lang, years=gap_years(found, lang)), className="small series-gap"))
    return html.Div([
        html.Div([html.H2(t("area_heading", lang, name=name, code=code), className="h5 mb-0"), add_button],
                 className="d-flex justify-content-between align-items-start gap-2 mb-1"),
        dcc.Graph(id=graph_id, figure=fig, config={"displayModeBar": False}, className="area-chart"),
        html.P(t("series_note", lang, year=target_year), className="small text-muted"),
        *notes,
        html.Table([html.Caption(f"{indicator.label(lang)} ({indicator.unit_in(lang)})", className="visually-hidden"),
                    html.Tbody(rows)], className="table table-sm small"),
        html.Div([html.H3(t("area_history", lang), className="h6"), history(history_rows, lang)],
                 className="area-history"),
    ])


def history(rows, lang):
    if not rows:
        return html.P(t("area_history_none", lang), className="small")
    items = []
    for other_year, parts in rows:
        described = ", ".join(f"{name or c} ({c}, {share:.0%})" for c, name, share in parts[:4])
        items.append(html.Li(t("area_history_row", lang, year=other_year, codes=described)))
    return html.Ul(items, className="small code-history")
