"""Any areas side by side: the series of the chosen indicator for several areas — of any level and any
city — in one chart and one table, with a CSV. Given the series; reads nothing itself.

An area is named by its code on the fixed boundaries (BU… or WK…): the code says its level and its
municipality, so the selection fits in a link (?compare=BU05990110,WK001401)."""


import pandas as pd
from dash import html

from ...core import formatting
from ...layers import PRESENT
from ..i18n import csv_headers, t
from ..provenance import how, sources
from .scroll import scroll_box
from .svg_chart import time_chart

# Colour-blind-safe qualitative colours (Okabe–Ito), with a dash pattern each so print and grey also work.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8c6d31"]
DASHES = ["", "7 4", "2 3", "7 3 2 3", "12 4", "12 4 2 4", "", "7 4"]


def series_table(series):
    """series: [(label, frame with year, value, status)] -> one row per year, one column per area."""
    years = sorted({int(y) for _, frame in series for y in frame["year"]})
    table = pd.DataFrame({"year": years})
    for label, frame in series:
        present = frame[frame["status"].isin(PRESENT)].set_index("year")["value"]
        table[label] = [present.get(y) for y in years]
    return table


def figure(series, indicator, lang, present=False):
    """The areas' series in one chart (svg_chart): the markup."""
    years = sorted({int(y) for _, frame in series for y in frame["year"]}) or [2024]
    x_range = (min(years) - 1, max(years) + 1)
    lines = []
    for i, (label, frame) in enumerate(series):
        shown = frame[frame["status"].isin(PRESENT)]
        lines.append({"name": label, "colour": COLOURS[i % len(COLOURS)], "dash": DASHES[i % len(DASHES)], "width": 3,
                      "points": list(zip(shown["year"], shown["value"]))})
    return time_chart(lines, f"{indicator.label(lang)} ({indicator.unit_in(lang)})", indicator.unit_in(lang), lang,
                      x_range, None, (), present, decimals=formatting.decimals_for(indicator.kind),
                      tick_every=2 if x_range[1] - x_range[0] < 16 else 5)


def table_component(table, labels, indicator, lang):
    def cell(value):
        if value is None or value != value:
            return html.Td(t("no_data", lang), className="text-muted")
        return html.Td(formatting.value(value, indicator, lang), className="num")
    header = html.Thead(html.Tr([html.Th(t("col_year", lang), scope="col")]
                                + [html.Th(label, scope="col") for label in labels]))
    body = html.Tbody([html.Tr([html.Th(int(r["year"]), scope="row")] + [cell(r[label]) for label in labels])
                       for _, r in table.iterrows()])
    caption = f"{indicator.label(lang)} ({indicator.unit_in(lang)})"
    return scroll_box(html.Table([html.Caption(caption), header, body], className="table table-sm compare-areas-table"),
                      caption)


def csv_text(rows, indicator, lang, target_years):
    """rows: [(code, name, municipality name, level, frame)] -> CSV, one line per area and year, each with
    how its value came about and its source, worded as the map and the panel word them."""
    lines = []
    for code, name, city, level, frame in rows:
        for r in frame.itertuples():
            lines.append({"code": code, "name": name, "municipality": city, "level": level, "year": int(r.year),
                          "indicator": indicator.id, "unit": indicator.unit_in(lang),
                          "value": r.value if r.status in PRESENT else None,
                          "status": how(r.status, lang, int(r.year), _year(r.boundary_year), target_years.get(level)),
                          "source": sources(r.table, r.release, r.source, lang)})
    frame = pd.DataFrame(lines, columns=["code", "name", "municipality", "level", "year", "indicator", "unit",
                                         "value", "status", "source"])
    return formatting.attributed_csv(frame, lang, csv_headers(frame.columns, lang))


def _year(value):
    return None if pd.isna(value) else int(value)
