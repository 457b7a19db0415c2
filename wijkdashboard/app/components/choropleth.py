"""The choropleth: one SVG `choropleth` trace on a hidden geo subplot, classes as the build computed them.

SVG, not the WebGL `choroplethmap`: the map uses no tiles, so MapLibre adds nothing but a dependency on
WebGL, which virtual desktops without a GPU (common in municipal offices) and some projector laptops
lack; SVG draws everywhere, prints as vectors and needs the smaller plotly bundle. A city has at most a
few hundred buurten, which SVG draws without effort.

The geometry goes to the browser in the full figure once per (city, level, boundary year); a year,
indicator, class or language change sends only compact per-area values (`wire`), which
assets/map.js writes into the figure the browser already holds."""


import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ...core import formatting
from ...core.provenance import product
from ...layers import PRESENT
from ..i18n import t

MISSING = "#d9d9d9"  # light grey reads as "no data", never as the lowest class
OUTLINE = "#4d4d4d"
STATUS_CODES = {"suppressed": "s", "not_published": "n", "not_covered": "c"}


def class_index(values, breaks):
    """Class per value (NaN where missing): the first class whose upper bound it does not exceed, as
    mapclassify assigns them."""
    out = np.full(len(values), np.nan)
    present = ~np.isnan(values)
    if breaks:
        out[present] = np.minimum(np.searchsorted(np.asarray(breaks), values[present], side="left"), len(breaks) - 1)
    return out


def status_text(status, lang, year, boundary_year=None, target_year=None):
    if status == "interpolated":
        return t("status_interpolated", lang, from_year=boundary_year, to_year=target_year)
    if status == "not_covered":
        return t("status_not_covered", lang, year=year)
    return t(f"status_{status}", lang)


def arrays(frame, indicator, year, lang, classes, target_year):
    """Everything about the map that changes with a slider step, compact: class per area (z), the value
    per area (v, null where missing) with a one-letter status (s), a note per area (how the value came
    about: published, carried over from which boundaries), the colours and the legend."""
    values = frame["value"].to_numpy(dtype=float)
    present = frame["status"].isin(PRESENT).to_numpy()
    values = np.where(present, values, np.nan)
    lower, breaks, first_year, last_year = classes
    index = class_index(values, breaks)
    n = max(len(breaks), 1)
    palette = indicator.palette
    colours = palette[-n:] if n < len(palette) else palette
    # z = -1 for missing, 0..n-1 for the classes; a stepped scale gives each its own flat colour.
    scale = [[0.0, MISSING], [0.5 / n, MISSING]]
    for i, colour in enumerate(colours):
        scale += [[round((i + 0.5) / n, 4), colour], [round(min((i + 1.5) / n, 1.0), 4), colour]]
    decimals = formatting.decimals_for(indicator.kind)
    v = [round(float(x), decimals) if ok else None for x, ok in zip(values, present)]
    if decimals == 0:
        v = [int(x) if x is not None else None for x in v]
    codes = "".join("p" if ok else STATUS_CODES.get(st, "n") for ok, st in zip(present, frame["status"]))
    # Per area, how its value came about: one short note (a few distinct texts, indexed per area).
    notes, note_index = [], []
    for ok, st, by, table, release, source in zip(present, frame["status"], frame["boundary_year"], frame["table"],
                                                  frame["release"], frame["source"]):
        if not ok:
            note_index.append(-1)
            continue
        by = None if pd.isna(by) else int(by)
        text = f"{status_text(st, lang, year, by, target_year)} · {t('source', lang)}: " \
               f"{product(_first(table), _first(release), lang, _first(source))}"
        if text not in notes:
            notes.append(text)
        note_index.append(notes.index(text))
    z = np.where(np.isnan(index), -1, index).astype(int)
    bounds = [lower] + breaks[:-1] if breaks else []
    return {"z": z.tolist(), "v": v, "s": codes, "n": note_index, "notes": notes, "unit": indicator.unit_in(lang),
            "decimals": decimals,
            "reasons": {code: status_text(st, lang, year) for st, code in STATUS_CODES.items() if code in codes},
            "locale": formatting.LOCALES[lang].replace("_", "-"),
            "hovertemplate": f"%{{text}}<br>{indicator.label(lang)} {year}: <b>%{{customdata[0]}}</b>"
                             f"<br>%{{customdata[1]}}<extra></extra>",
            "colorscale": scale, "zmax": n - 1, "attribution": formatting.attribution(lang),
            "legend": [(colour, lo, hi) for colour, lo, hi in zip(colours, bounds, breaks)],
            "class_years": (first_year, last_year),
            "missing": int((~present).sum())}


def _first(joined):
    """A harmonised value may name several files; the hover names the first, the table all."""
    return joined.split(";")[0] if isinstance(joined, str) and joined else ""


def shown_values(data, lang):
    """The hover's [value, note] per area, as assets/map.js makes them in the browser."""
    out = []
    for v, code, note in zip(data["v"], data["s"], data["n"]):
        if v is None:
            out.append([data["reasons"][code], ""])
        else:
            out.append([f"{formatting.number(v, data['decimals'], lang)} {data['unit']}", data["notes"][note]])
    return out


WIRE_KEYS = ("z", "v", "s", "n", "notes", "unit", "decimals", "reasons", "locale", "hovertemplate", "colorscale",
             "zmax", "attribution")


def wire(data, key, label, year):
    """The part of `arrays` a slider step sends (the legend is drawn on the server)."""
    out = {k: data[k] for k in WIRE_KEYS}
    out.update(key=key, label=label, year=year)
    return out


def full_figure(geojson, frame, data, key, lang):
    trace = go.Choropleth(
        geojson=geojson, featureidkey="id", locations=frame["code"].tolist(), z=data["z"], zmin=-1,
        zmax=data["zmax"], colorscale=data["colorscale"], showscale=False, marker_line_width=0.7,
        marker_line_color=OUTLINE,
        text=[f"<b>{name or code}</b> · {code}" for code, name in zip(frame["code"], frame["name"])],
        customdata=shown_values(data, lang), hovertemplate=data["hovertemplate"],
    )
    fig = go.Figure(trace)
    fig.update_layout(
        geo=geo_frame(geojson), margin=dict(l=0, r=0, t=0, b=0), uirevision=key, meta={"key": key}, dragmode="pan",
        paper_bgcolor="rgba(0,0,0,0)", hoverlabel=dict(font_size=15, bgcolor="white"),
        annotations=[dict(text=formatting.attribution(lang), x=0.005, y=0.005, xref="paper", yref="paper",
                          showarrow=False, font=dict(size=13, color="#222"), bgcolor="rgba(255,255,255,0.85)")],
    )
    return fig


def outline(figure, selected):
    """The chosen area drawn with a thick dark line (assets/wijk.js: highlight does the same in the
    browser when the choice changes)."""
    trace = figure.data[0]
    codes = list(trace.locations)
    trace.marker.line.width = [4 if c == selected else 0.7 for c in codes]
    trace.marker.line.color = ["#111111" if c == selected else OUTLINE for c in codes]


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
# The plot config of every map: plotly's geo subplot asks for a base topology even when it draws none;
# it gets an empty one from the site itself (no request to cdn.plot.ly).
MAP_CONFIG = {"topojsonURL": "/assets/topojson/", "displayModeBar": False}


def legend_items(data, indicator, lang):
    """(colour, text) per class. Where rounding would show a class as 'x – x', the range is shown with
    more decimals; a class of one value shows that value once."""
    decimals = formatting.decimals_for(indicator.kind)
    items = []
    for colour, lo, hi in data["legend"]:
        shown = decimals
        while shown < decimals + 3 and lo != hi and formatting.number(lo, shown, lang) == formatting.number(hi, shown, lang):
            shown += 1
        if lo == hi or formatting.number(lo, shown, lang) == formatting.number(hi, shown, lang):
            items.append((colour, formatting.number(hi, shown, lang)))
        else:
            items.append((colour, f"{formatting.number(lo, shown, lang)} – {formatting.number(hi, shown, lang)}"))
    return items
