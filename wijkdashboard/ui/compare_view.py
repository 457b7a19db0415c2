"""The Vergelijk view: the three study areas side by side — where they are, what was done, what the
1998 study found, and what the figures show since for the area, its ring and its city."""

import io

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from .. import cases, vocabulary
from ..indicators import format_value
from ..waves import all_waves
from .i18n import t
from .map_view import fit_zoom

COLOURS = {"area": "#08519c", "ring": "#d95f02", "city": "#525252"}
DASHES = {"area": "solid", "ring": "dash", "city": "dot"}
MAP_COLOURS = ["#f0f0f0", "#fdae6b", "#08519c"]  # other, ring, study area
X_RANGE = (1993.5, 2025.5)


def skeleton():
    areas = cases.load()["areas"]
    controls = dbc.Row([
        dbc.Col([dbc.Label(t("indicator"), id="label-compare-indicator", html_for="compare-indicator", className="fw-semibold"),
                 dcc.Dropdown(id="compare-indicator", clearable=False)], md=4),
        dbc.Col([dbc.Label(t("compare_level"), id="label-compare-level", html_for="compare-level", className="fw-semibold"),
                 dbc.RadioItems(id="compare-level", value="wijk", options=level_options())], md=3),
        dbc.Col([dbc.Label(t("axis"), id="label-axis", html_for="axis", className="fw-semibold"),
                 dbc.RadioItems(id="axis", value="same", options=axis_options())], md=3),
        dbc.Col([html.Button(t("download_csv"), id="compare-csv-button", className="btn btn-outline-primary mb-2 w-100"),
                 dcc.Download(id="compare-csv")], md=2, className="d-flex align-items-end"),
    ], className="g-3 mb-3 controls")
    columns = [dbc.Col(html.Section([
        html.H2(area["name"], className="h3 mb-0"),
        html.P(id=f"compare-where-{i}", className="text-muted mb-2"),
        dcc.Graph(id=f"compare-map-{i}", className="compare-map", config={"displayModeBar": False}),
        html.Div(id=f"compare-codes-{i}", className="small mb-2"),
        dcc.Graph(id=f"compare-chart-{i}", className="compare-chart", config={"displayModeBar": False}),
        html.Button(t("download_png"), id=f"compare-png-{i}", className="btn btn-sm btn-outline-secondary mb-2",
                    **{"data-area": area["id"]}),
        html.Div(id=f"compare-table-{i}", className="compare-table"),
        html.Div(id=f"compare-waterbed-{i}", className="waterbed mb-3"),
        html.Div(id=f"compare-facts-{i}", className="facts small"),
    ], className="compare-column", **{"aria-labelledby": f"compare-title-{i}"}), lg=4, md=12)
        for i, area in enumerate(areas)]
    return html.Div([
        html.H2(t("compare_heading"), id="compare-heading", className="h3"),
        html.P(t("compare_intro"), id="compare-intro", className="lead"),
        controls,
        html.P(id="compare-source", className="small text-muted"),
        dbc.Row(columns, className="g-4"),
    ], id="compare-view", style={"display": "none"})


def level_options(lang="nl"):
    return [{"label": t("compare_level_buurt", lang), "value": "buurt"},
            {"label": t("compare_level_wijk", lang), "value": "wijk"}]


def axis_options(lang="nl"):
    return [{"label": t("axis_same", lang), "value": "same"}, {"label": t("axis_own", lang), "value": "own"}]


def small_map(store, comparison, area, level):
    """The city's areas around the study area: the study area dark, its ring orange, the rest grey."""
    year = store.target_years[level]
    codes, ring = comparison.members(area, level)
    areas = store.areas(area["municipality"], level, year)
    focus = areas[areas["code"].isin(codes + ring)]
    west, south, east, north = focus.total_bounds
    pad_x, pad_y = (east - west) * 0.35, (north - south) * 0.35
    nearby = areas.cx[west - pad_x:east + pad_x, south - pad_y:north + pad_y]
    z = [2 if c in codes else 1 if c in ring else 0 for c in nearby["code"]]
    geojson = store.geojson(area["municipality"], level, year)
    geojson = {"type": "FeatureCollection", "features": [f for f in geojson["features"] if f["id"] in set(nearby["code"])]}
    trace = go.Choroplethmap(
        geojson=geojson, locations=nearby["code"].tolist(), z=z, zmin=0, zmax=2, showscale=False,
        colorscale=[[0, MAP_COLOURS[0]], [0.33, MAP_COLOURS[0]], [0.34, MAP_COLOURS[1]], [0.66, MAP_COLOURS[1]],
                    [0.67, MAP_COLOURS[2]], [1, MAP_COLOURS[2]]],
        marker_line_width=0.8, marker_line_color="#4d4d4d",
        text=[f"{n or c} ({c})" for c, n in zip(nearby["code"], nearby["name"])], hovertemplate="%{text}<extra></extra>")
    fig = go.Figure(trace)
    fig.update_layout(map=dict(style="white-bg", center=dict(lon=(west + east) / 2, lat=(south + north) / 2),
                               zoom=fit_zoom(west - pad_x, east + pad_x, south - pad_y, north + pad_y) - 0.8),
                      margin=dict(l=0, r=0, t=0, b=0), height=260,
                      annotations=[dict(text="Bron: CBS, Kadaster", x=0.01, y=0.01, xref="paper", yref="paper",
                                        showarrow=False, font=dict(size=11), bgcolor="rgba(255,255,255,0.8)")])
    return fig


def chart(table, area, indicator, lang, y_range=None):
    city_name = vocabulary.municipality_names()[area["municipality"]]["name_nl" if lang == "nl" else "name_en"]
    fig = go.Figure()
    for i, wave in enumerate(w for w in all_waves() if (w.end or 2025) >= X_RANGE[0]):
        fig.add_vrect(x0=max(wave.start, X_RANGE[0]), x1=min(wave.end or X_RANGE[1], X_RANGE[1]),
                      fillcolor=["rgba(31,119,180,0.07)", "rgba(255,127,14,0.09)"][i % 2], line_width=0, layer="below")
    study = cases.load()["study"]
    for x, key in ((study["intervention_completed_by"], "marker_intervention"), (study["survey_year"], "marker_survey")):
        fig.add_vline(x=x, line_dash="dot", line_color="#333", annotation_text=t(key, lang),
                      annotation_position="top right" if key == "marker_intervention" else "bottom right",
                      annotation_font_size=11)
    names = {"area": area["name"], "ring": t("role_ring", lang), "city": city_name}
    # A city's count dwarfs an area's: for counts the city stays in the table, not in the chart.
    roles = ("area", "ring") if indicator.variable.kind == "count" else ("area", "ring", "city")
    for role in roles:
        shown = table.dropna(subset=[role])
        fig.add_trace(go.Scatter(x=shown["year"], y=shown[role], name=names[role], mode="lines+markers",
                                 line=dict(color=COLOURS[role], dash=DASHES[role], width=3 if role == "area" else 2),
                                 marker=dict(size=9 if role == "area" else 7)))
    fig.update_layout(height=300, margin=dict(l=50, r=10, t=30, b=40), plot_bgcolor="white",
                      legend=dict(orientation="h", y=-0.2), font=dict(size=13),
                      xaxis=dict(range=list(X_RANGE), dtick=5),
                      yaxis=dict(title=indicator.unit, range=y_range, rangemode="tozero"))
    return fig


def table_component(table, indicator, lang):
    def cell(value, status):
        if value is None or value != value:
            return html.Td(t("no_data", lang), className="text-muted", title=reason(status, lang))
        text = format_value(value, indicator, lang)
        if status and str(status).startswith("partial"):
            text += f" ({t('partial', lang, n=status.split(' ')[1])})"
        return html.Td(text, className="num")

    def diff(value):
        return html.Td("—" if value is None or value != value else
                       ("+" if value > 0 else "") + format_value(value, indicator, lang), className="num")

    header = html.Thead(html.Tr([html.Th(t(k, lang), scope="col") for k in
                                 ("col_year", "role_area", "role_ring", "role_city", "col_area_minus_city", "col_ring_minus_city")]))
    rows = [html.Tr([html.Th(int(r["year"]), scope="row"), cell(r["area"], r["area_status"]), cell(r["ring"], r["ring_status"]),
                     cell(r["city"], r["city_status"]), diff(r["area_minus_city"]), diff(r["ring_minus_city"])])
            for r in table.to_dict("records")]
    return html.Table([html.Caption(f"{indicator.label(lang)} ({indicator.unit})"), header, html.Tbody(rows)],
                      className="table table-sm")


def reason(status, lang):
    if status == "no_base":
        return t("no_base", lang)
    key = {"suppressed": "status_suppressed", "not_covered": "status_not_covered"}.get(status, "status_not_published")
    return t(key, lang, year="") if key == "status_not_covered" else t(key, lang)


def waterbed_box(result, indicator, lang):
    children = [html.H3(t("waterbed_heading", lang), className="h6 mb-1")]
    if result is None:
        children.append(html.P(t("waterbed_none", lang), className="mb-1"))
    else:
        sign = lambda v: ("+" if v > 0 else "") + format_value(v, indicator, lang)
        children.append(html.P(t("waterbed_text", lang, first=result["from"], last=result["to"], d_area=sign(result["area"]),
                                 d_ring=sign(result["ring"]), diff=sign(result["difference"]),
                                 direction=t("waterbed_opposite" if result["opposite"] else "waterbed_same", lang)),
                               className="mb-1"))
    children.append(html.P(t("waterbed_note", lang), className="small text-muted mb-0"))
    return children


def codes_block(store, comparison, area, level, lang):
    codes, ring = comparison.members(area, level)
    year = store.target_years[level]
    named = lambda cs: ", ".join(f"{store.name(level, year, c) or c} ({c})" for c in cs)
    spans = [html.Li([html.Strong(t("codes_span", lang, first=s["from_year"], last=s["to_year"] or "",
                                    codes=", ".join(s["codes"]))), " — ", s["why_nl" if lang == "nl" else "why_en"]])
             for s in area["cbs_areas"]]
    return [html.P([html.Strong(f"{t('codes_used', lang)} ({year}): "), named(codes)], className="mb-1"),
            html.P(t("codes_ring", lang, codes=named(ring)), className="mb-1"), html.Ul(spans, className="mb-0")]


def facts_block(area, lang):
    f = area["facts"]
    cite = lambda source: html.Span(f" [{source}]", className="text-muted", title=t("study_citation", lang, lines=source))
    rows = [(t("fact_households", lang), f"{f['households_1998']['value']}", f["households_1998"]["source"]),
            (t("fact_responses", lang), f"{f['survey_responses']['value']} ({f['survey_responses']['response_rate_pct']}%)",
             f["survey_responses"]["source"])]
    for key, label in (("intervention", "fact_intervention"), ("motive", "fact_motive"), ("outcome_1998", "fact_outcome"),
                       ("after", "fact_after")):
        rows.append((t(label, lang), f[key][lang], f[key]["source"]))
    return [html.H3(t("facts_heading", lang), className="h6"),
            html.Dl([item for label, value, source in rows for item in (html.Dt(label), html.Dd([value, cite(source)]))],
                    className="mb-0")]


def csv_text(tables, areas, indicator, lang):
    frames = []
    for area, table in zip(areas, tables):
        frame = table.copy()
        frame.insert(0, "study_area", area["name"])
        frame.insert(1, "indicator", indicator.id)
        frame.insert(2, "unit", indicator.unit)
        frames.append(frame)
    out = io.StringIO()
    pd.concat(frames).to_csv(out, index=False)
    return out.getvalue() + "# Bron: CBS, Kadaster (CC BY 4.0)\n"
