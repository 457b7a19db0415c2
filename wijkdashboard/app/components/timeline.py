"""The year slider with the policy waves as stacked, labelled bands on the same calendar scale, and
the panel that explains the waves of the selected year with their sources."""

from functools import cache

from dash import html

from ...core.waves import all_waves, cite, lanes, waves_in
from ..i18n import t
from .charts import gap_years, gaps

AXIS = (1985, 2025)  # the era of the data and of the policies it can speak to


def _position(year):
    first, last = AXIS
    return 100 * (min(max(year, first), last) - first) / (last - first)


def slider(value):
    """The year as a native range input on the calendar (so the waves line up under it; data years only
    are chosen: see kaart.snap_to_data_year). Native: the browser's own keyboard and touch handling and
    no widget to load and render (Dash's slider cost a throttled phone ~0.15 s of blocked input). A
    quarter second's rest before the value is sent, so a drag across the years sends one year."""
    return dict(type="range", min=AXIS[0], max=AXIS[1], step=1, value=value, debounce=250)


def marks(years, lang="nl"):
    """The data years under the track, on its scale: a dot for every one, the year written for those
    `labelled` keeps apart; a hatched stretch where years without figures lie between two data years."""
    shown = labelled(years)
    spans = [html.Span(t("gap_short", lang) if b - a >= 5 else "", className="year-gap",
                       title=t("gap_note", lang, years=gap_years([(a, b)], lang)),
                       style={"left": f"{_position(a)}%", "width": f"{_position(b) - _position(a)}%"})
             for a, b in gaps(years)]
    return html.Div(spans + [html.Span(str(y) if y in shown else "", className="year-mark" + (" labelled" if y in shown else ""),
                                       style={"left": f"{_position(y)}%"}) for y in years], className="year-marks")


def gap_before(year, years, lang):
    """Said when the year follows years without figures (▶ jumps them): '2018 → 2024: geen cijfers voor 2019–2023'."""
    earlier = [y for y in years or [] if y < (year or 0)]
    if year is None or year not in (years or []) or not earlier or year - max(earlier) <= 1:
        return ""
    return t("gap_jump", lang, first=max(earlier), last=year, years=gap_years([(max(earlier), year)], lang))


def value_texts(lang):
    """{year: the waves of that year} for the slider's value text: '2014 — Herstructurering, Krachtwijken'."""
    return {str(y): ", ".join(w.short(lang) for w in waves_in(y)) for y in range(AXIS[0], AXIS[1] + 1)}


MARK_GAP = 3  # years between two labelled marks: closer labels overlap on a 40-year track


def labelled(years):
    """The data years that get a label under the track: the first, the last, and those in between that
    keep MARK_GAP years from their labelled neighbours. Every year keeps its dot and the big readout."""
    if not years:
        return set()
    out = [years[0]]
    for y in years[1:-1]:
        if y - out[-1] >= MARK_GAP and years[-1] - y >= MARK_GAP:
            out.append(y)
    return set(out + years[-1:])


# The bands are drawn twice, for a wide and a narrow track (CSS shows one): a label needs more years
# of a phone's axis than of a projector's, and lanes are reserved until a label's end, so no label is
# cut off or written over another.
TRACKS = (("wide", 600, 7.0), ("narrow", 300, 6.0))  # name, track width px (at least), px per character


def bands(lang):
    """Absolutely positioned bands in percent of the axis: the same scale as the slider above."""
    visible = [w for w in all_waves() if (w.end or AXIS[1]) >= AXIS[0]]
    span = AXIS[1] - AXIS[0]
    out = []
    for name, width, per_char in TRACKS:
        def label_years(wave):
            return (len(wave.short(lang)) * per_char + 12) * span / width
        placed = lanes(visible, AXIS[1], label_years, since=AXIS[0])
        children = []
        for wave, lane in placed:
            left, right = _position(wave.start), _position(wave.end or AXIS[1])
            years = f"{wave.start}–{wave.end or ''}"
            # A label that would run past the axis' end is written to end there (its lane is kept free).
            at_end = max(wave.start, AXIS[0]) + label_years(wave) > AXIS[1]
            children.append(html.Div(
                html.Span(wave.short(lang), className="wave-band-label"),
                className=f"wave-band wave-{wave.id}" + (" wave-band-end" if at_end else ""),
                title=f"{wave.name(lang)} ({years})",
                style={"left": f"{left}%", "width": f"{max(right - left, 1.5)}%", "top": f"{lane * 1.45}rem"},
            ))
        ticks = [html.Span(str(y), className="wave-tick", style={"left": f"{_position(y)}%"})
                 for y in range(AXIS[0], AXIS[1] + 1, 5)]
        height = (max(lane for _, lane in placed) + 1) * 1.45 + 1.3
        out.append(html.Div(children + ticks, className=f"wave-bands wave-bands-{name}",
                            style={"height": f"{height}rem"}))
    return html.Div(out, role="img", **{"aria-label": t("timeline_label", lang)})


def wave_panel(year, lang):
    if year is None:
        return []
    current = waves_in(year)
    if not current:
        return [html.H2(t("waves_heading", lang, year=year), className="h5"), html.P(t("waves_none", lang, year=year))]
    items = []
    for wave in current:
        items.append(html.Div([
            html.H3(f"{wave.name(lang)} ({wave.start}–{wave.end or ''})", className="h6 mb-1"),
            html.P(wave.description(lang), className="mb-1"),
            html.Details([html.Summary(t("wave_sources", lang)),
                          html.Ul([html.Li(cite(s, lang)) for s in wave.sources], className="small")]),
        ], className="wave-item mb-3", **{"data-wave": wave.id}))
    return [html.H2(t("waves_heading", lang, year=year), className="h5")] + items


@cache
def wave_panels(lang):
    """Every year's wave panel for the browser to show as the slider moves (assets/kaart.js): the distinct
    panels once, and per year of the axis which one — a few kilobytes, sent with the page."""
    from .markup import html_of
    panels, years = [], {}
    for year in range(AXIS[0], AXIS[1] + 1):
        text = html_of(wave_panel(year, lang))
        if text not in panels:
            panels.append(text)
        years[str(year)] = panels.index(text)
    return {"panels": panels, "years": years}
