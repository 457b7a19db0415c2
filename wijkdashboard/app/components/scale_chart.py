"""The scale profile: how unevenly corporation-owned and other dwellings are spread, on 100 m squares,
500 m squares, buurten and wijken — one chart (the index against the scale, a line per year), the reading
in plain words, and what was left out. Given the rows of the scale_profile layer; reads nothing itself."""

from dash import html

from ...core import formatting
from ..i18n import t
from .markup import raw
from .scroll import scroll_box
from .svg_chart import category_chart

SCALES = ("vk100", "vk500", "buurt", "wijk")
LATEST, EARLIER = "#08519c", "#9ecae1"


def scale_label(scale, lang):
    return t(f"scale_{scale}", lang)


def figure(rows, lang, present=False):
    """The chart's markup (svg_chart.category_chart): a line per year, the latest darkest."""
    years = sorted(rows["year"].unique())
    series = []
    for year in years:
        mine = rows[rows["year"] == year].set_index("scale")
        points = [(SCALES.index(sc), r.statistic, r.ci_low, r.ci_high) for sc, r in mine.iterrows()
                  if sc in SCALES and r.statistic == r.statistic]
        latest = year == years[-1]
        series.append({"name": str(year), "colour": LATEST if latest else EARLIER, "width": 3 if latest else 1.5,
                       "points": sorted(points)})
    return category_chart([scale_label(sc, lang) for sc in SCALES], series, t("scale_chart_title", lang),
                          t("scale_axis_x", lang), t("scale_axis_y", lang), lang, (0, 1), present)


def reading(rows, city_name, lang):
    """'In 2024, 55 % of … would have to move on 100 m squares; 39 % on 500 m …; between wijken 13 %.'"""
    years = [y for y, g in rows.groupby("year") if g["statistic"].notna().sum() >= 2]
    if not years:
        return None
    year = max(years)
    mine = rows[rows["year"] == year].set_index("scale")
    shown = [s for s in SCALES if s in mine.index]
    parts = [t("scale_reading_part", lang, share=formatting.number(100 * mine.loc[s, "statistic"], 0, lang),
               between=t(f"scale_between_{s}", lang)) for s in shown]
    listed = ", ".join(parts[:-1]) + f" {t('scale_and', lang)} " + parts[-1] if len(parts) > 1 else parts[0]
    text = t("scale_reading", lang, year=year, city=city_name, parts=listed)
    values = [mine.loc[s, "statistic"] for s in shown]
    if len(values) >= 2 and all(a > b for a, b in zip(values, values[1:])):
        text += " " + t("scale_finer", lang)
    return text


def left_out(rows, lang):
    """Per scale of the latest year: how many units and dwellings are left out, and why."""
    year = rows["year"].max()
    items = []
    for r in rows[rows["year"] == year].itertuples():
        units = t(f"scale_units_{'squares' if r.scale.startswith('vk') else 'areas'}", lang)
        text = t("scale_left_out", lang, scale=scale_label(r.scale, lang), used=formatting.number(r.n_units, 0, lang),
                 total=formatting.number(r.n_units_total, 0, lang), units=units,
                 dwellings=formatting.number(r.dwellings, 0, lang),
                 out=formatting.number(r.dwellings_left_out, 0, lang))
        if r.units_without_dwellings:
            text += " " + t("scale_unknown_dwellings", lang, n=formatting.number(r.units_without_dwellings, 0, lang),
                            units=units)
        items.append(html.Li(text))
    return html.Ul(items, className="small mb-1")


def table(rows, lang):
    three = lambda v: formatting.number(v, 3, lang) if v == v else "—"
    body = [html.Tr([html.Td(r.year), html.Td(scale_label(r.scale, lang)), html.Td(three(r.statistic), className="num"),
                     html.Td(f"{three(r.ci_low)} – {three(r.ci_high)}" if r.ci_low == r.ci_low else t("scale_no_ci", lang),
                             className="num"),
                     html.Td(f"{formatting.number(r.n_units, 0, lang)}/{formatting.number(r.n_units_total, 0, lang)}",
                             className="num")])
            for r in rows.sort_values(["year", "scale"]).itertuples()]
    header = html.Thead(html.Tr([html.Th(t(k, lang), scope="col") for k in
                                 ("col_year", "scale_col_scale", "seg_col_value", "seg_col_interval", "scale_col_units")]))
    caption = t("scale_table_caption", lang)
    return html.Details([html.Summary(caption), scroll_box(html.Table([header, html.Tbody(body)],
                                                                      className="table table-sm"), caption)])


def section(rows, city_name, lang, graph_id, present=False):
    """The profile of one city, or a sentence saying why there is none."""
    heading = html.H3(t("scale_heading", lang), className="h5 mt-3")
    if rows.empty:
        return html.Div([heading, html.P(t("scale_none", lang, city=city_name), className="small")])
    return html.Div([
        heading,
        html.P(reading(rows, city_name, lang), className="scale-reading"),
        raw(graph_id, figure(rows, lang, present), className="scale-chart"),
        left_out(rows, lang),
        html.P(t("scale_method", lang), className="small text-muted"),
        table(rows, lang),
    ], className="scale-profile")
