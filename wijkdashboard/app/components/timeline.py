"""The year slider with the policy waves as stacked, labelled bands on the same calendar scale, and
the panel that explains the waves of the selected year with their sources."""

from dash import html

from ...core.waves import all_waves, cite, lanes, waves_in
from ..i18n import t

AXIS = (1985, 2025)  # the era of the data and of the policies it can speak to


def _position(year):
    first, last = AXIS
    return 100 * (min(max(year, first), last) - first) / (last - first)


def slider(years, value):
    marks = {y: {"label": str(y)} for y in years}
    return dict(min=AXIS[0], max=AXIS[1], step=1, marks=marks, value=value, included=False)


def bands(lang):
    """Absolutely positioned bands in percent of the axis: the same scale as the slider above."""
    children = []
    visible = [w for w in all_waves() if (w.end or AXIS[1]) >= AXIS[0]]
    placed = lanes(visible, AXIS[1])
    for wave, lane in placed:
        left, right = _position(wave.start), _position(wave.end or AXIS[1])
        years = f"{wave.start}–{wave.end or ''}"
        children.append(html.Div(
            html.Span(wave.short(lang), className="wave-band-label"),
            className=f"wave-band wave-{wave.id}", title=f"{wave.name(lang)} ({years})",
            style={"left": f"{left}%", "width": f"{max(right - left, 1.5)}%", "top": f"{lane * 1.45}rem"},
        ))
    ticks = [html.Span(str(y), className="wave-tick", style={"left": f"{_position(y)}%"})
             for y in range(AXIS[0], AXIS[1] + 1, 5)]
    height = (max(lane for _, lane in placed) + 1) * 1.45 + 1.3
    return html.Div(children + ticks, className="wave-bands", style={"height": f"{height}rem"},
                    role="img", **{"aria-label": t("timeline_label", lang)})


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
