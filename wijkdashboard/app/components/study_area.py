"""The pieces of a study-area column of the Vergelijk page: where it is (a small map with its ring),
which CBS areas stand for it and why, its series against its ring and city, the table, the waterbed
box, and what the 1998 study found. Each is given its data."""


import math
from html import escape

import numpy as np
import pandas as pd
from dash import html

from ...core import cases, formatting
from ...core.formatting import attribution
from ..i18n import csv_headers, t
from ..provenance import how
from .choropleth import path_d, projected
from .svg_chart import time_chart
from .scroll import scroll_box

COLOURS = {"area": "#08519c", "ring": "#d95f02", "city": "#525252"}
DASHES = {"area": "solid", "ring": "dash", "city": "dot"}
MAP_COLOURS = ["#f0f0f0", "#fdae6b", "#08519c"]  # other, ring, study area
X_RANGE = (1993.5, 2025.5)
MAP_WIDTH = 400

DASH_SVG = {"area": "", "ring": "7 4", "city": "2 3"}


def small_map(areas, geojson, codes, ring, lang):
    """The city's areas around the study area as SVG: the study area dark, its ring orange, the rest
    grey; each area's name and code as its tooltip. areas: code, name, geometry (EPSG:4326)."""
    focus = areas[areas["code"].isin(codes + ring)]
    west, south, east, north = focus.total_bounds
    pad_x, pad_y = (east - west) * 0.35, (north - south) * 0.35
    nearby = areas.cx[west - pad_x:east + pad_x, south - pad_y:north + pad_y]
    rings = projected(geojson, nearby["code"])
    points = [r for rs in rings.values() for r in rs]
    if not points:
        return ""
    xy = np.vstack(points)
    (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
    scale = MAP_WIDTH / max(x1 - x0, 1e-9)
    height = max(1, math.ceil((y1 - y0) * scale))
    order = sorted(zip(nearby["code"], nearby["name"]), key=lambda item: (item[0] in codes, item[0] in ring))
    paths = []
    for code, name in order:
        colour = MAP_COLOURS[2] if code in codes else MAP_COLOURS[1] if code in ring else MAP_COLOURS[0]
        d = path_d(rings[code], x0, y1, scale)
        if d:
            paths.append(f'<path d="{d}" fill="{colour}"><title>{escape(str(name or code))} ({escape(code)})</title></path>')
    label = t("small_map_label", lang)
    return (f'<svg viewBox="-2 -2 {MAP_WIDTH + 4} {height + 4}" class="small-map" role="img" aria-label="{escape(label)}" '
            f'preserveAspectRatio="xMidYMid meet"><g stroke="#4d4d4d" stroke-width="0.8" fill-rule="evenodd">'
            f'{"".join(paths)}</g></svg><p class="map-credit-line">{escape(attribution(lang))}</p>')


def chart(table, area_name, city_name, indicator, lang, y_range=None, present=False):
    """The area against its ring and city over the policy waves (svg_chart): the markup."""
    study = cases.study()
    names = {"area": area_name, "ring": t("role_ring", lang), "city": city_name}
    # A city's count dwarfs an area's: for counts the city stays in the table, not in the chart.
    roles = ("area", "ring") if indicator.kind == "count" else ("area", "ring", "city")
    series = [{"name": names[role], "colour": COLOURS[role], "dash": DASH_SVG[role], "width": 3 if role == "area" else 2,
               "points": list(zip(table["year"], table[role]))} for role in roles]
    events = [(study["intervention_completed_by"], t("marker_intervention", lang), "left"),
              (study["survey_year"], t("marker_survey", lang), "right")]
    return time_chart(series, f"{indicator.label(lang)} ({indicator.unit_in(lang)})", indicator.unit_in(lang), lang,
                      X_RANGE, y_range, events, present, decimals=formatting.decimals_for(indicator.kind))


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
