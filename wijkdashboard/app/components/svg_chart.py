"""A time chart drawn by the server as SVG: the policy waves as bars in lanes above the plot and as faint
bands behind it, the series as lines that break where years have no figures (a thin dotted bridge, and
"geen cijfers" over the gap), markers with their value as a tooltip, dotted lines for events (the
intervention, the survey), and an HTML legend beneath.

Not plotly: the first HTML holds the chart, so it is on screen before any script runs; no 0.46 MB
bundle and its second of a phone's CPU; it prints as vectors and is a few kilobytes. The numbers are
in the table beside every chart (the accessible alternative); the chart is one image to a screen
reader, named by its title."""

import html
import json
import math

from ...core import formatting
from ...core.waves import all_waves, lanes
from ..i18n import t
from .charts import gaps

WIDTH = 420
LANE = 15  # px per wave lane above the plot
WAVE_FILL = ("#e7eef7", "#fdf0e4")


def nice_ticks(low, high, count=5):
    """Round tick values covering [low, high]."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks, value = [], first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks, step


def _esc(text):
    return html.escape(str(text), quote=True)


def time_chart(series, title, unit, lang, x_range=(1993.5, 2025.5), y_range=None, events=(), present=False,
               decimals=1, waves=True, notes=(), css="time-chart", legend=True, tick_every=5):
    """series: [{"name", "points": [(year, value)], "colour", "dash" (SVG dasharray or ""), "width",
    optionally "intervals": {year: (low, high)} drawn as error bars, "hollow": years drawn as open
    circles, "tips": {year: text} added to the tooltip, "breaks": years the line must not reach across
    (no bridge either)}]; events: [(year, label, side) or (year, label, side, colour)];
    y_range: (low, high) or None (from the data, from 0); notes: [(year, value, text)] written above
    that point. Returns the figure as HTML: the SVG and its legend."""
    font = 18 if present else 12
    height = 330 if present else 270
    x0, x1 = x_range
    shown_waves = [w for w in all_waves() if (w.end or x1) >= x0 and w.start <= x1] if waves else []
    plot_w = WIDTH - 58 - 10
    per_year = plot_w / (x1 - x0)
    label_years = lambda w: (len(w.short(lang)) * font * 0.58 + 8) / per_year
    placed = lanes(shown_waves, x1, label_years, since=x0) if shown_waves else []
    lane_count = max((lane for _, lane in placed), default=-1) + 1
    top = 6 + lane_count * (font + 4) + 6
    left, right, bottom = 58, WIDTH - 10, height - 26
    values = [v for s in series for _, v in s["points"] if v is not None and v == v]
    values += [v for s in series for pair in s.get("intervals", {}).values() for v in pair if v == v]
    if y_range is None:
        low, high = (min(0, min(values)), max(values) * 1.08 if values and max(values) > 0 else 1) if values else (0, 1)
    else:
        low, high = y_range
    ticks, step = nice_ticks(low, high)
    low, high = ticks[0], ticks[-1]

    def x(year):
        return left + (year - x0) * per_year

    def y(value):
        return bottom - (value - low) / (high - low) * (bottom - top)

    out = [f'<svg viewBox="0 0 {WIDTH} {height}" class="{css}" role="img" aria-label="{_esc(title)}" '
           f'font-size="{font}" preserveAspectRatio="xMidYMid meet">']
    for i, (wave, lane) in enumerate(placed):
        a, b = x(max(wave.start, x0)), x(min(wave.end or x1, x1))
        out.append(f'<rect x="{a:.1f}" y="{top}" width="{b - a:.1f}" height="{bottom - top}" fill="{WAVE_FILL[i % 2]}" '
                   f'opacity=".7"><title>{_esc(wave.name(lang))}</title></rect>')
        ly = 6 + lane * (font + 4)
        out.append(f'<g class="wave-label"><rect x="{a:.1f}" y="{ly}" width="{max(b - a, 2):.1f}" height="{font + 2}" '
                   f'rx="2" fill="{WAVE_FILL[i % 2]}" stroke="#9db4d0" stroke-width=".6"/>'
                   f'<text x="{a + 3:.1f}" y="{ly + font - 1}" fill="#1a1a1a">{_esc(wave.short(lang))}</text></g>')
    for tick in ticks:
        ty = y(tick)
        out.append(f'<line x1="{left}" x2="{right}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#ddd" stroke-width="1"/>'
                   f'<text x="{left - 6}" y="{ty + font * 0.35:.1f}" text-anchor="end" fill="#333">'
                   f'{_esc(formatting.number(tick, 0 if step >= 1 else 1, lang))}</text>')
    for year in range(math.ceil(x0 / tick_every) * tick_every, int(x1) + 1, tick_every):
        out.append(f'<line x1="{x(year):.1f}" x2="{x(year):.1f}" y1="{bottom}" y2="{bottom + 4}" stroke="#555"/>'
                   f'<text x="{x(year):.1f}" y="{bottom + font + 6}" text-anchor="middle" fill="#333">{year}</text>')
    out.append(f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="#555"/>')
    out.append(f'<text x="12" y="{(top + bottom) / 2:.1f}" transform="rotate(-90 12 {(top + bottom) / 2:.1f})" '
               f'text-anchor="middle" fill="#333">{_esc(unit)}</text>')
    # Event labels start at their line and stack upwards, so none runs into the axis or another.
    for i, (year, label, _, *colour) in enumerate(sorted(events, key=lambda e: -e[0])):
        ex = x(year)
        stroke = colour[0] if colour else "#333"
        out.append(f'<line x1="{ex:.1f}" x2="{ex:.1f}" y1="{top}" y2="{bottom}" stroke="{stroke}" stroke-dasharray="2 3"/>'
                   f'<text x="{ex + 4:.1f}" y="{bottom - 6 - i * (font + 2)}" fill="#333" font-size="{font - 1}">'
                   f'{_esc(label)}</text>')
    found = []  # the gaps of the first series that has any: one note per stretch, not one per line
    for s in series:
        points = sorted((int(a), float(b)) for a, b in s["points"] if b is not None and b == b)
        if not points:
            continue
        found = found or gaps([p[0] for p in points])
        data = json.dumps([[a, b] for a, b in points], separators=(",", ":"))
        out.append(f'<g class="series" data-name="{_esc(s["name"])}" data-points="{_esc(data)}">')
        runs, run = [], [points[0]]
        for prev, point in zip(points, points[1:]):
            if point[0] in s.get("breaks", ()):
                runs.append(run)
                run = []
            elif point[0] - prev[0] > 1:
                runs.append(run)
                out.append(f'<line x1="{x(prev[0]):.1f}" y1="{y(prev[1]):.1f}" x2="{x(point[0]):.1f}" y2="{y(point[1]):.1f}" '
                           f'stroke="{s["colour"]}" stroke-width="1" stroke-dasharray="1 3"/>')
                run = []
            run.append(point)
        runs.append(run)
        for run in runs:
            if len(run) > 1:
                d = " ".join(f"{x(a):.1f},{y(b):.1f}" for a, b in run)
                out.append(f'<polyline points="{d}" fill="none" stroke="{s["colour"]}" stroke-width="{s.get("width", 2)}" '
                           f'stroke-dasharray="{s.get("dash", "")}"/>')
        radius = 4.5 if s.get("width", 2) >= 3 else 3.5
        for year, (lo, hi) in sorted(s.get("intervals", {}).items()):
            if lo == lo and hi == hi:
                bx = x(int(year))
                out.append(f'<path d="M{bx - 4:.1f},{y(hi):.1f}H{bx + 4:.1f}M{bx:.1f},{y(hi):.1f}V{y(lo):.1f}'
                           f'M{bx - 4:.1f},{y(lo):.1f}H{bx + 4:.1f}" stroke="{s["colour"]}" stroke-width="2" fill="none" '
                           f'class="interval" data-year="{int(year)}" data-low="{lo}" data-high="{hi}"/>')
        for a, b in points:
            value = f"{formatting.number(b, decimals, lang)} {unit}"
            tip = s.get("tips", {}).get(a)
            fill = "#fff" if a in s.get("hollow", ()) else s["colour"]
            out.append(f'<circle cx="{x(a):.1f}" cy="{y(b):.1f}" r="{radius}" fill="{fill}" stroke="{s["colour"]}" '
                       f'stroke-width="2"><title>{_esc(s["name"])} {a}: {_esc(value)}{_esc(" · " + tip) if tip else ""}'
                       f'</title></circle>')
        out.append("</g>")
    for i, (year, value, text) in enumerate(sorted(notes)):  # staggered: neighbouring steps do not overlap
        out.append(f'<text x="{x(year):.1f}" y="{y(value) - 8 - (i % 2) * (font + 1):.1f}" text-anchor="middle" fill="#333" '
                   f'font-size="{font - 1}">{_esc(text)}</text>')
    for a, b in sorted(found):
        out.append(f'<text x="{x((a + b) / 2):.1f}" y="{top + font + 2}" text-anchor="middle" fill="#555" '
                   f'font-size="{font - 1}">{_esc(t("gap_short", lang))}</text>')
    out.append("</svg>")
    return _figure(title, out, [s for s in series if s["points"]] if legend else [])


def category_chart(categories, series, title, x_title, y_title, lang, y_range=(0, 1), present=False, decimals=3):
    """Values against categories (the scale profile: 100 m, 500 m, buurt, wijk), a line per series with
    its intervals. series: [{"name", "colour", "width", "points": [(category index, value, low, high)]}]."""
    font = 18 if present else 12
    height = 300 if present else 250
    left, right, top, bottom = 52, WIDTH - 12, 10, height - 3 * font - 16
    ticks, step = nice_ticks(*y_range)
    low, high = ticks[0], ticks[-1]
    slot = (right - left) / len(categories)

    def x(i):
        return left + slot * (i + 0.5)

    def y(v):
        return bottom - (v - low) / (high - low) * (bottom - top)

    out = [f'<svg viewBox="0 0 {WIDTH} {height}" class="category-chart" role="img" aria-label="{_esc(title)}" '
           f'font-size="{font}" preserveAspectRatio="xMidYMid meet">']
    for tick in ticks:
        out.append(f'<line x1="{left}" x2="{right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#ddd"/>'
                   f'<text x="{left - 6}" y="{y(tick) + font * 0.35:.1f}" text-anchor="end" fill="#333">'
                   f'{_esc(formatting.number(tick, 1, lang))}</text>')
    for i, name in enumerate(categories):  # a long name on two lines
        first, _, second = name.rpartition(" ") if len(name) > 8 and " " in name else (name, "", "")
        lines = f'<tspan x="{x(i):.1f}">{_esc(first)}</tspan>' + (
            f'<tspan x="{x(i):.1f}" dy="{font + 1}">{_esc(second)}</tspan>' if second else "")
        out.append(f'<text y="{bottom + font + 4}" text-anchor="middle" fill="#333">{lines}</text>')
    out.append(f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="#555"/>'
               f'<text x="{(left + right) / 2:.1f}" y="{height - 4}" text-anchor="middle" fill="#333">{_esc(x_title)}</text>'
               f'<text x="12" y="{(top + bottom) / 2:.1f}" transform="rotate(-90 12 {(top + bottom) / 2:.1f})" '
               f'text-anchor="middle" fill="#333">{_esc(y_title)}</text>')
    for s in series:
        points = [(i, v, lo, hi) for i, v, lo, hi in s["points"] if v == v]
        data = json.dumps([[categories[i], v] for i, v, _, _ in points], separators=(",", ":"))
        out.append(f'<g class="series" data-name="{_esc(s["name"])}" data-points="{_esc(data)}">')
        if len(points) > 1:
            out.append(f'<polyline points="{" ".join(f"{x(i):.1f},{y(v):.1f}" for i, v, _, _ in points)}" fill="none" '
                       f'stroke="{s["colour"]}" stroke-width="{s.get("width", 2)}"/>')
        for i, v, lo, hi in points:
            if lo == lo and hi == hi and lo is not None:
                out.append(f'<path d="M{x(i) - 4:.1f},{y(hi):.1f}H{x(i) + 4:.1f}M{x(i):.1f},{y(hi):.1f}V{y(lo):.1f}'
                           f'M{x(i) - 4:.1f},{y(lo):.1f}H{x(i) + 4:.1f}" stroke="{s["colour"]}" stroke-width="2" fill="none"/>')
            out.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="{5 if s.get("width", 2) >= 3 else 3.5}" '
                       f'fill="{s["colour"]}"><title>{_esc(s["name"])} · {_esc(categories[i])}: '
                       f'{_esc(formatting.number(v, decimals, lang))}</title></circle>')
        out.append("</g>")
    out.append("</svg>")
    return _figure(title, out, series)


def _figure(title, svg_parts, legend_series):
    """The chart as a figure: its title, the SVG, and a legend (a line sample and a name per series)."""
    legend = "".join(
        f'<li><svg width="28" height="10" aria-hidden="true"><line x1="0" x2="28" y1="5" y2="5" stroke="{s["colour"]}" '
        f'stroke-width="{s.get("width", 2)}" stroke-dasharray="{s.get("dash", "")}"/></svg>{_esc(s["name"])}</li>'
        for s in legend_series)
    return (f'<figure class="chart-figure"><figcaption class="chart-title">{_esc(title)}</figcaption>{"".join(svg_parts)}'
            + (f'<ul class="chart-legend">{legend}</ul>' if legend else "") + "</figure>")
