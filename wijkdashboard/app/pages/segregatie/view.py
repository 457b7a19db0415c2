"""What Segregatie draws for a city: the index over the years with its intervals, the tests of change in
words, what is missing and why, the table and the scale profile."""

from dash import html

from ....core import formatting
from ....core.indices import explanation, label
from ... import ids, urlstate
from ...components import markup, scale_chart
from ...components.scroll import scroll_box
from ...components.svg_chart import time_chart
from ...i18n import t

X_RANGE = (1994.5, 2025.5)
COLOUR = "#08519c"


def changed(c):
    """A change beyond the uncertainty: the 95% interval of the difference (the same areas resampled in
    both years) leaves out 0. PySAL's random-label test (its p is shown too) treats the two years as
    independent samples of areas and so rarely sees a change in the same areas over time."""
    return c.ci_low > 0 or c.ci_high < 0


def explain(index_id, lang):
    return [html.Strong(label(index_id, lang) + ". "), explanation(index_id, lang)]


def changes_of(changes, municipality, level, index_id, span="step"):
    mine = changes[(changes["municipality"] == municipality) & (changes["level"] == level) & (changes["index"] == index_id)
                   & (changes["span"] == span)]
    return mine.sort_values("from_year")


def change_words(c, lang):
    """'2014→2015: niet te onderscheiden van geen verandering bij dit aantal gebieden (−0,004; 95%-interval
    −0,030 tot +0,021; p = 0,62)'. Not significant is no evidence of no change: said as such."""
    key = "seg_change_none" if not changed(c) else ("seg_change_up" if c.difference > 0 else "seg_change_down")
    number = lambda v: formatting.number(v, 3, lang, sign=True)
    text = t(key, lang, first=c.from_year, last=c.to_year, diff=number(c.difference), low=number(c.ci_low),
             high=number(c.ci_high), p=formatting.number(c.p_value, 2, lang))
    return (t("seg_period", lang) + " " + text) if c.span == "period" else text


def chart(rows, changes, lang, title, present=False):
    """The index over the years with its 95% intervals (svg_chart); only significant changes are marked
    on the chart (one-year steps would crowd it with "n.s."): the list under it says every test."""
    by_year = rows.set_index("year")
    notes = []
    for c in changes.itertuples():
        if c.from_year in by_year.index and c.to_year in by_year.index and changed(c):
            notes.append(((c.from_year + c.to_year) / 2,
                          max(by_year.loc[c.from_year, "ci_high"], by_year.loc[c.to_year, "ci_high"]),
                          formatting.number(c.difference, 3, lang, sign=True)))
    series = [{"name": title, "colour": COLOUR, "width": 2, "points": list(zip(rows["year"], rows["statistic"])),
               "intervals": {int(r.year): (r.ci_low, r.ci_high) for r in rows.itertuples()}}]
    top = max([0.5] + rows["ci_high"].tolist())
    return time_chart(series, title, t("seg_axis", lang), lang, X_RANGE, (0, min(1.0, top * 1.2)), (), present,
                      decimals=3, notes=notes, css="time-chart index-chart", legend=False)


def missing(summary, municipality, level, lang):
    """Which years of this level have no index, and why — per year, from what that year's files hold."""
    rows = [r for r in summary if r["municipality"] == municipality and r["level"] == level]
    word = t(f"level_{level}", lang).split(" ")[0].lower()
    if not rows:
        return html.P(t("seg_missing_all", lang, level=word, why=t("seg_why_no_income", lang, level=word)), className="mb-1")
    absent = [r for r in rows if not r["indices"]]
    reasons = {}
    for r in absent:
        reasons.setdefault(r.get("why_not") or "no_income", []).append(str(r["year"]))
    if not reasons:
        return None
    return html.Div([html.P(t("seg_missing", lang, level=word, years=", ".join(years), why=t(f"seg_why_{why}", lang, level=word)),
                            className="mb-1") for why, years in reasons.items()])


def table(indices, municipality, level, lang):
    mine = indices[(indices["municipality"] == municipality) & (indices["level"] == level)].sort_values(["index", "year"])
    if mine.empty:
        return None
    three = lambda v: formatting.number(v, 3, lang)
    rows = [html.Tr([html.Td(label(r.index, lang)), html.Td(r.year), html.Td(three(r.statistic), className="num"),
                     html.Td(f"{three(r.ci_low)} – {three(r.ci_high)}", className="num"),
                     html.Td(f"{r.n_areas}/{r.n_areas_total}",
                             title=t("seg_left_out", lang, n=r.n_areas_total - r.n_areas, total=r.n_areas_total)
                             if r.n_areas < r.n_areas_total else None)])
            for r in mine.itertuples()]
    header = html.Thead(html.Tr([html.Th(t(k, lang), scope="col") for k in
                                 ("seg_index", "col_year", "seg_col_value", "seg_col_interval", "seg_col_areas")]))
    return html.Details([html.Summary(t("seg_table_caption", lang)),
                         scroll_box(html.Table([header, html.Tbody(rows)], className="table table-sm"),
                                    t("seg_table_caption", lang))])


def column(store, city, level, index_id, lang, present=False):
    name = urlstate.city_name(store, city, lang)
    indices = store.segregation
    rows = indices[(indices["municipality"] == city) & (indices["level"] == level) & (indices["index"] == index_id)] \
        .sort_values("year")
    changes = changes_of(store.segregation_changes, city, level, index_id)
    period = changes_of(store.segregation_changes, city, level, index_id, "period")
    title = f"{name} · {t(f'level_{level}', lang).split(' ')[0].lower()}"
    if len(rows) >= 2 and changes.empty:
        words = [html.Li(t("seg_no_test", lang))]
    else:
        words = [html.Li(html.Strong(change_words(c, lang))) for c in period.itertuples()] + \
            [html.Li(change_words(c, lang)) for c in changes.itertuples()] or [html.Li(t("seg_no_change", lang))]
    return html.Section([
        html.H2(name, className="h4"),
        markup.raw(ids.seg("chart", city), chart(rows, changes, lang, title, present)) if len(rows) else None,
        html.Ul(words, className="small mb-1 seg-changes"),
        html.P(t("seg_test_note", lang), className="small text-muted mb-1") if len(changes) else None,
        missing(store.report["segregation"], city, level, lang),
        table(indices, city, level, lang),
        scale_chart.section(store.scale_profile[store.scale_profile["municipality"] == city], name, lang,
                            ids.seg("scale", city), present),
    ], className="compare-column", id=ids.seg("column", city))