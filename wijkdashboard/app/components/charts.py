"""What every time chart shares: the policy waves as shaded bands behind the lines, labelled above the
plot in lanes so no label covers a line or another label; font sizes for a desk and for a projector."""

import plotly.graph_objects as go

from ...core.waves import all_waves, lanes
from ..i18n import t

WAVE_FILL = ["rgba(31,119,180,0.08)", "rgba(255,127,14,0.10)"]
PLOT_PX = 320  # the narrowest plot width the labels are laid out for (the side panel)


def sizes(present=False):
    """Font sizes (px): readable at a desk; from the back of a room in presentation mode (≥ 18)."""
    if present:
        return {"base": 18, "tick": 18, "note": 18, "title": 22, "height": 1.35}
    return {"base": 14, "tick": 13, "note": 12, "title": 15, "height": 1.0}


def separators(lang):
    """plotly's decimal and thousands marks for the page's language: 3.455 and 29,7 in Dutch."""
    return ",." if lang == "nl" else ".,"


def add_wave_bands(fig, lang, x_range, labels=True, font_size=12):
    """Shade each policy wave within x_range, alternating two light fills; label them above the plot,
    each in the first lane where it fits. Returns the pixels the labels need above the plot."""
    first, last = x_range
    shown = [w for w in all_waves() if (w.end or last) >= first and w.start <= last]
    span = max(last - first, 1)

    def label_years(wave):
        return (len(wave.short(lang)) * font_size * 0.6 + 10) * span / PLOT_PX
    placed = lanes(shown, last, label_years if labels else None, since=first)
    line = font_size + 6
    for i, (wave, lane) in enumerate(placed):
        fig.add_vrect(x0=max(wave.start, first), x1=min(wave.end or last, last), fillcolor=WAVE_FILL[i % 2],
                      line_width=0, layer="below")
        if labels:
            at_end = max(wave.start, first) + label_years(wave) > last  # written to end at the axis' end
            fig.add_annotation(x=last if at_end else max(wave.start, first), xanchor="right" if at_end else "left",
                               y=1, yref="paper", yanchor="bottom",
                               yshift=2 + lane * line, text=wave.short(lang), showarrow=False,
                               font=dict(size=font_size, color="#333"))
    lanes_used = max((lane for _, lane in placed), default=-1) + 1
    return lanes_used * line + 4 if labels else 0


def gaps(years):
    """[(last year with data, next year with data)] wherever years without data lie between them."""
    years = sorted({int(y) for y in years if y is not None})
    return [(a, b) for a, b in zip(years, years[1:]) if b - a > 1]


def gap_years(found, lang):
    """'2019–2023', or '2019', for each gap; joined."""
    spans = [f"{a + 1}–{b - 1}" if b - a > 2 else str(a + 1) for a, b in found]
    return ", ".join(spans)


def add_series(fig, x, y, name, line, marker=None, mode="lines+markers", **trace):
    """A line over the years that does not run through years without data: it breaks there, a thin
    dotted line bridges the gap (the eye can follow; it is no measurement) and the gap says so."""
    points = sorted((int(a), b) for a, b in zip(x, y) if a is not None and b is not None and b == b)
    xs, ys, bridge_x, bridge_y = [], [], [], []
    for year, value in points:
        if xs and xs[-1] is not None and year - xs[-1] > 1:
            bridge_x += [xs[-1], year, None]
            bridge_y += [ys[-1], value, None]
            xs.append(None), ys.append(None)
            xs.append(year), ys.append(value)
            continue
        xs.append(year), ys.append(value)
    fig.add_trace(go.Scatter(x=xs, y=ys, name=name, mode=mode, connectgaps=False, line=line,
                             marker=marker or {}, **trace))
    if bridge_x:
        fig.add_trace(go.Scatter(x=bridge_x, y=bridge_y, mode="lines", showlegend=False, hoverinfo="skip",
                                 line=dict(color=line.get("color"), width=1, dash="dot")))
    return gaps([p[0] for p in points])


def mark_gaps(fig, found, lang, font_size=12):
    """'geen cijfers' over each gap, at the top of the plot (below the wave labels)."""
    for a, b in found:
        fig.add_annotation(x=(a + b) / 2, y=0.98, yref="paper", yanchor="top", showarrow=False,
                           text=t("gap_short", lang), font=dict(size=font_size, color="#555"))
