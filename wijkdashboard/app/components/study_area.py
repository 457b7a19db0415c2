"""The pieces of a study-area column of the Vergelijk page: where it is (a small map with its ring),
which CBS areas stand for it and why, its series against its ring and city, the table, the waterbed
box, and what the 1998 study found. Each is given its data."""


import pandas as pd
import plotly.graph_objects as go
from dash import html

from ...core import cases, formatting
from ...core.formatting import attribution
from ..i18n import csv_headers, t
from ..provenance import how
from .charts import add_series, add_wave_bands, mark_gaps, separators, sizes
from .scroll import scroll_box

COLOURS = {"area": "#08519c", "ring": "#d95f02", "city": "#525252"}
DASHES = {"area": "solid", "ring": "dash", "city": "dot"}
MAP_COLOURS = ["#f0f0f0", "#fdae6b", "#08519c"]  # other, ring, study area
X_RANGE = (1993.5, 2025.5)

# The areas on nothing: no land, sea or borders of plotly's own.
GEO = dict(visible=False, projection_type="mercator", bgcolor="rgba(0,0,0,0)")
PAD = 0.02  # of the extent, on each side


def geo_frame(geojson):
    """The geo subplot framed on the areas' own extent. plotly's fitbounds leaves a city at under half
    the plot's width (it fits a world-scope frame); explicit axis ranges fill it."""
    lons, lats = [], []

    def walk(coords):
        if coords and isinstance(coords[0], (int, float)):
            lons.append(coords[0]), lats.append(coords[1])
        else:
            for c in coords:
                walk(c)
    for feature in geojson["features"]:
        walk(feature["geometry"]["coordinates"])
    if not lons:
        return dict(GEO, fitbounds="locations")
    (w, e), (s, n) = (min(lons), max(lons)), (min(lats), max(lats))
    dx, dy = (e - w) * PAD or 0.01, (n - s) * PAD or 0.01
    return dict(GEO, fitbounds=False, lonaxis=dict(range=[w - dx, e + dx]), lataxis=dict(range=[s - dy, n + dy]),
                center=dict(lon=(w + e) / 2, lat=(s + n) / 2))
# The plot config of the study-area maps: plotly's geo subplot asks for a base topology even when it draws none;
# it gets an empty one from the site itself (no request to cdn.plot.ly).
MAP_CONFIG = {"topojsonURL": "/assets/topojson/", "displayModeBar": False}



def small_map(areas, geojson, codes, ring, lang):
    """The city's areas around the study area: the study area dark, its ring orange, the rest grey.
    areas: the map's areas (code, name, geometry in EPSG:4326); geojson: their shapes."""
    focus = areas[areas["code"].isin(codes + ring)]
    west, south, east, north = focus.total_bounds
    pad_x, pad_y = (east - west) * 0.35, (north - south) * 0.35
    nearby = areas.cx[west - pad_x:east + pad_x, south - pad_y:north + pad_y]
    z = [2 if c in codes else 1 if c in ring else 0 for c in nearby["code"]]
    geojson = {"type": "FeatureCollection", "features": [f for f in geojson["features"] if f["id"] in set(nearby["code"])]}
    trace = go.Choropleth(
        geojson=geojson, featureidkey="id", locations=nearby["code"].tolist(), z=z, zmin=0, zmax=2, showscale=False,
        colorscale=[[0, MAP_COLOURS[0]], [0.33, MAP_COLOURS[0]], [0.34, MAP_COLOURS[1]], [0.66, MAP_COLOURS[1]],
                    [0.67, MAP_COLOURS[2]], [1, MAP_COLOURS[2]]],
        marker_line_width=0.8, marker_line_color="#4d4d4d",
        text=[f"{n or c} ({c})" for c, n in zip(nearby["code"], nearby["name"])], hovertemplate="%{text}<extra></extra>")
    fig = go.Figure(trace)
    fig.update_layout(geo=geo_frame(geojson), margin=dict(l=0, r=0, t=0, b=0), height=260, paper_bgcolor="rgba(0,0,0,0)",
                      annotations=[dict(text=attribution(lang), x=0.01, y=0.01, xref="paper", yref="paper",
                                        showarrow=False, font=dict(size=13), bgcolor="rgba(255,255,255,0.8)")])
    return fig


def chart(table, area_name, city_name, indicator, lang, y_range=None, present=False):
    size = sizes(present)
    fig = go.Figure()
    top = add_wave_bands(fig, lang, X_RANGE, font_size=size["note"])
    study = cases.study()
    for x, key in ((study["intervention_completed_by"], "marker_intervention"), (study["survey_year"], "marker_survey")):
        fig.add_vline(x=x, line_dash="dot", line_color="#333", annotation_text=t(key, lang),
                      annotation_position="bottom right" if key == "marker_intervention" else "bottom left",
                      annotation_font_size=size["note"])
    names = {"area": area_name, "ring": t("role_ring", lang), "city": city_name}
    # A city's count dwarfs an area's: for counts the city stays in the table, not in the chart.
    roles = ("area", "ring") if indicator.kind == "count" else ("area", "ring", "city")
    found = set()
    for role in roles:
        shown = table.dropna(subset=[role])
        found.update(add_series(fig, shown["year"], shown[role], names[role],
                                dict(color=COLOURS[role], dash=DASHES[role], width=3 if role == "area" else 2),
                                dict(size=9 if role == "area" else 7)))
    mark_gaps(fig, sorted(found), lang, size["note"])
    fig.update_layout(
        title=dict(text=f"{indicator.label(lang)} ({indicator.unit_in(lang)})", font=dict(size=size["title"]), x=0.01, y=0.99,
                   yanchor="top"),
        height=int(320 * size["height"]), margin=dict(l=70, r=10, t=top + 34, b=40), plot_bgcolor="white",
        legend=dict(orientation="h", y=-0.2), font=dict(size=size["base"]), separators=separators(lang),
        xaxis=dict(range=list(X_RANGE), dtick=5, tickfont=dict(size=size["tick"])),
        yaxis=dict(title=indicator.unit_in(lang), range=y_range, rangemode="tozero", tickfont=dict(size=size["tick"]),
                   automargin=True))
    return fig


def table_component(table, indicator, lang):
    def cell(value, status, how=None):
        if value is None or value != value:
            return html.Td(t("no_data", lang), className="text-muted", title=reason(status, lang))
        text = formatting.value(value, indicator, lang)
        if status and str(status).startswith("partial"):
            text += f" ({t('partial', lang, n=status.split(' ')[1])})"
        elif how and str(how).startswith("aggregated"):
            text += f" ({t('city_aggregated_short', lang)})"
        return html.Td(text, className="num")

    def diff(value):
        return html.Td("—" if value is None or value != value else formatting.value(value, indicator, lang, sign=True),
                       className="num")

    # An area's count minus the city's count says nothing: differences only for shares and averages.
    differences = indicator.kind != "count"
    keys = ("col_year", "role_area", "role_ring", "role_city") + \
        (("col_area_minus_city", "col_ring_minus_city") if differences else ())
    header = html.Thead(html.Tr([html.Th(t(k, lang), scope="col") for k in keys]))
    rows = [html.Tr([html.Th(int(r["year"]), scope="row"), cell(r["area"], r["area_status"]), cell(r["ring"], r["ring_status"]),
                     cell(r["city"], r["city_status"], r.get("city_source"))]
                    + ([diff(r["area_minus_city"]), diff(r["ring_minus_city"])] if differences else []))
            for r in table.to_dict("records")]
    caption = f"{indicator.label(lang)} ({indicator.unit_in(lang)})"
    return scroll_box(html.Table([html.Caption(caption), header, html.Tbody(rows)], className="table table-sm"), caption)


def reason(status, lang):
    if status == "no_base":
        return t("no_base", lang)
    if status in ("not_covered", "not_carried"):
        return t(f"status_{status}", lang, year="")
    key = {"suppressed": "status_suppressed"}.get(status, "status_not_published")
    return t(key, lang)


MISSING_ORDER = ("suppressed", "not_carried", "no_base", "not_covered", "not_published")


def years_block(table, city_name, level_word, lang, all_years=()):
    """Which years the study area has figures for, and why the others have none — read from the same
    table the chart and the waterbed box show, so no sentence can contradict them. all_years: the years
    any study area has; those its city's files lack altogether are named as such."""
    have = [int(y) for y in table.dropna(subset=["area"])["year"]]
    lines = [t("years_have", lang, years=", ".join(map(str, have))) if have else t("years_none", lang)]
    absent = [str(y) for y in all_years if int(y) not in set(table["year"].astype(int))]
    if absent:
        lines.append(t("years_absent", lang, years=", ".join(absent), level=level_word, city=city_name))
    missing = table[table["area"].isna()]
    for status in MISSING_ORDER:
        years = [str(int(y)) for y, st in zip(missing["year"], missing["area_status"])
                 if (st if st in MISSING_ORDER else "not_published") == status]
        if years:
            lines.append(t(f"years_{status}", lang, years=", ".join(years), level=level_word, city=city_name))
    return html.P(" ".join(lines), className="small years-note mb-2")


def change_text(value, indicator, lang):
    """A change in the reader's unit: percentage points for shares, euros for money, else the unit."""
    if indicator.kind == "share":
        return f"{formatting.number(value, 1, lang, sign=True)} {t('unit_points', lang)}"
    if indicator.unit == "× € 1 000":
        euros = formatting.number(abs(value) * 1000, 0, lang)
        return f"{'+' if value > 0 else '−' if value < 0 else ''}€ {euros}"
    return f"{formatting.value(value, indicator, lang, sign=True)} {indicator.unit_in(lang)}"


def waterbed_box(result, indicator, lang, ring=None, names=None, intervention=None):
    """Did the ring move the other way? In the reader's units, with what a change within CBS's rounding
    means, the ring's members (and who was left out), and when the intervention was against when the
    figures begin. ring: Comparison.ring_of; names: code -> name; intervention: the year it was done."""
    names = names or {}
    named = lambda c: f"{names.get(c) or c} ({c})"
    children = [html.H3(t("waterbed_heading", lang), className="h6 mb-1")]
    if result.get("none"):
        area_years = ", ".join(map(str, result["area_years"])) or "—"
        ring_years = ", ".join(map(str, result["ring_years"])) or "—"
        children.append(html.P(t("waterbed_none_years", lang, area=area_years, ring=ring_years), className="mb-1"))
    else:
        start, end = result["asked"]
        if start is not None and end is not None and (start, end) != (result["from"], result["to"]):
            children.append(html.P(t("waterbed_other_period", lang, first=start, last=end), className="small mb-1"))
        change = lambda v: change_text(v, indicator, lang)
        children.append(html.P(t("waterbed_text", lang, first=result["from"], last=result["to"], d_area=change(result["area"]),
                                 d_ring=change(result["ring"]), diff=change(result["difference"]),
                                 direction=t("waterbed_opposite" if result["opposite"] else "waterbed_same", lang)),
                               className="mb-1"))
        if result["within_rounding"]:
            who = " & ".join(t(f"role_{k}", lang).split(" ")[0].lower() for k in result["within_rounding"])
            children.append(html.P(t("waterbed_rounding", lang, who=who,
                                     step=formatting.number(2 * result["step"], 0 if result["step"] >= 1 else 1, lang),
                                     unit=t("unit_points", lang) if indicator.kind == "share" else indicator.unit_in(lang)),
                                   className="small mb-1 rounding-note"))
    if ring is not None:
        if ring["members"]:
            shares = ring.get("shares") or {}
            members = ", ".join(named(c) + (f" {formatting.number(100 * shares[c], 0, lang)} %" if c in shares else "")
                                for c in ring["members"])
            key = "waterbed_ring_shares" if shares else "waterbed_ring"
            children.append(html.P(t(key, lang, members=members, year=ring.get("year")), className="small mb-1"))
        else:
            children.append(html.P(t("waterbed_ring_empty", lang), className="small mb-1"))
        if ring["left_out"]:
            left = ", ".join(f"{named(c)}: {ring['left_out_dwellings'].get(c, 0)}" for c in ring["left_out"])
            children.append(html.P(t("waterbed_ring_left_out", lang, areas=left), className="small mb-1"))
    if intervention is not None and not result.get("none"):
        children.append(html.P(t("waterbed_timing", lang, done=intervention, first=result["years"][0]),
                               className="small mb-1"))
    children.append(html.P(t("waterbed_note", lang), className="small text-muted mb-0"))
    return children


def codes_block(area, codes, ring, names, year, lang):
    """Which CBS areas stand for the study area on the boundaries of `year`, its ring, and why.
    names: code -> name."""
    named = lambda cs: ", ".join(f"{names.get(c) or c} ({c})" for c in cs)
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
    """The three tables in one CSV: per study area and year its, its ring's and its city's value, how each
    came about in words, and the differences."""
    frames = []
    for area, table in zip(areas, tables):
        frame = table.copy()
        for role in ("area", "ring", "city"):
            frame[f"{role}_status"] = [aggregate_words(st, src if role == "city" else None, lang, int(y))
                                       for st, src, y in zip(frame[f"{role}_status"], frame["city_source"], frame["year"])]
        frame = frame.drop(columns=["city_source"])
        frame.insert(0, "study_area", area["name"])
        frame.insert(1, "indicator", indicator.id)
        frame.insert(2, "unit", indicator.unit_in(lang))
        frames.append(frame)
    frame = pd.concat(frames)
    return formatting.attributed_csv(frame, lang, csv_headers(frame.columns, lang))


def aggregate_words(status, city_source, lang, year):
    """An aggregate's status in words: weighted from all areas, from some, the municipality's own figure,
    or a single area's status as the map words it."""
    if status == "aggregated":
        return t("agg_aggregated", lang)
    if isinstance(status, str) and status.startswith("partial"):
        return t("agg_partial", lang, n=status.split(" ")[1])
    if status == "no_base":
        return t("no_base", lang)
    if status == "published" and city_source == "gemeente":
        return t("agg_city_published", lang)
    return how(status, lang, year) if isinstance(status, str) else ""
