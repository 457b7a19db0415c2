"""The chosen area: its values over the years (waves behind the line), its city beside it, and how its
boundaries relate to those of other years. Given the data; reads nothing itself.

The series marks what a reader must know to trust a change: a value rebuilt from parts of other areas
(hollow marker), a change of the map between two points, a change of the municipality's territory
(the city line breaks), and a change in how CBS defines the indicator (a line with a note)."""

from dash import html

from ...core import formatting
from ...layers import PRESENT
from ..i18n import t
from ..provenance import how, reference_notes
from .charts import gap_years, gaps
from .markup import raw
from .svg_chart import time_chart

TERRITORY_CHANGE = 0.10  # a merger, not land reclaimed or a map drawn in more detail


def figure(name, indicator, area, city, city_name, lang, definition_breaks=(), present=False, target_year=None):
    """The area's series against its city (svg_chart): the markup."""
    years = sorted(set(area["year"]).union(city["year"])) or [2024]
    x_range = (min(years) - 1, max(years) + 1)
    shown = area[area["status"].isin(PRESENT)]
    # The markers say how each value came about (filled: as published; hollow: rebuilt from other areas).
    series = [{"name": name, "colour": "#08519c", "width": 3, "points": list(zip(shown["year"], shown["value"])),
               "hollow": {int(y) for y, same in zip(shown["year"], shown["same_place"]) if not same},
               "tips": {int(y): how(st, lang, int(y), int(by), target_year)
                        for st, y, by in zip(shown["status"], shown["year"], shown["boundary_year"])}}]
    events = []
    rows = shown[["year", "boundary_year", "same_place"]].itertuples(index=False)
    following = shown[["year", "boundary_year", "same_place"]].iloc[1:].itertuples(index=False)
    for (y0, b0, s0), (y1, b1, s1) in zip(rows, following):
        if b0 != b1 and not (s0 and s1):
            events.append(((y0 + y1) / 2, t("map_changed", lang), "right", "#555"))
    city_shown = city[city["status"] == "published"]
    if indicator.kind != "count" and len(city_shown):
        breaks = set()
        for i, r in enumerate(city_shown.itertuples()):
            if i and abs(r.territory_change) > TERRITORY_CHANGE:  # the municipality changed: no line across
                breaks.add(int(r.year))
                events.append((r.year - 0.5, t("territory_changed", lang, change=f"{r.territory_change:+.0%}"), "right",
                               "#636363"))
        series.append({"name": t("area_series_city", lang, city=city_name), "colour": "#636363", "dash": "7 4",
                       "width": 2, "points": list(zip(city_shown["year"], city_shown["value"])), "breaks": breaks})
    for year, _ in definition_breaks:
        events.append((year - 0.5, t("definition_changed", lang), "right", "#b30000"))
    step = 2 if x_range[1] - x_range[0] < 16 else 5
    return time_chart(series, f"{indicator.label(lang)} ({indicator.unit_in(lang)})", indicator.unit_in(lang), lang,
                      x_range, None, events, present, decimals=formatting.decimals_for(indicator.kind), tick_every=step)


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
        raw(graph_id, fig, className="area-chart"),
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
