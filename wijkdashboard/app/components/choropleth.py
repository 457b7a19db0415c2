"""The choropleth: the city's areas as SVG paths drawn by the server, classes as the build computed them.

Plain SVG, not a plotly map: the map uses no tiles, so MapLibre would add nothing but a dependency on
WebGL, which virtual desktops without a GPU (common in municipal offices) and some projector laptops
lack; and plotly.js (0.46 MB compressed, ~1 s of a throttled phone's CPU) would be loaded for one map.
SVG markup from the server draws everywhere, before any script has run (the page's first paint holds
it: index_page), prints as vectors and is a few kilobytes. A city has at most a few hundred buurten.

The geometry goes to the browser once per (city, level, boundary year); a year, indicator, class or
language change sends only compact per-area values (`wire`), which assets/map.js writes into the paths
the browser already holds (fills, the hover's text, the chosen area's outline)."""

import html
import math

import numpy as np
import pandas as pd

from ...core import formatting
from ...core.provenance import product
from ..provenance import how, sources
from ...layers import PRESENT
from ..i18n import t

MISSING = "#d9d9d9"  # light grey reads as "no data", never as the lowest class
OUTLINE = "#4d4d4d"
STATUS_CODES = {"suppressed": "s", "not_published": "n", "not_covered": "c", "not_carried": "x"}


def class_index(values, breaks):
    """Class per value (NaN where missing): the first class whose upper bound it does not exceed, as
    mapclassify assigns them."""
    out = np.full(len(values), np.nan)
    present = ~np.isnan(values)
    if breaks:
        out[present] = np.minimum(np.searchsorted(np.asarray(breaks), values[present], side="left"), len(breaks) - 1)
    return out


def status_text(status, lang, year, boundary_year=None, target_year=None):
    return how(status, lang, year, boundary_year, target_year)


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
    # z = -1 for missing, 0..n-1 for the classes: the class's colour in `colours`.
    decimals = formatting.decimals_for(indicator.kind)
    rounded = np.round(values, decimals)
    v = [(int(x) if decimals == 0 else float(x)) if ok else None for x, ok in zip(rounded.tolist(), present.tolist())]
    status = frame["status"].to_numpy(dtype=object)
    letters = np.full(len(frame), "p", dtype="<U1")
    absent = np.flatnonzero(~present)
    letters[absent] = [STATUS_CODES.get(x, "n") for x in status[absent]]
    codes = "".join(letters.tolist())
    # Per area, how its value came about: one short note (a few distinct texts, indexed per area). The
    # areas share a handful of (status, map, table, release, file) combinations: each is worded once.
    columns = ("status", "boundary_year", "table", "release", "source")
    combined = np.zeros(len(frame), dtype=np.int64)
    for column in columns:  # one integer per combination, from each column's own codes (vectorised)
        per_column, uniques = pd.factorize(frame[column], use_na_sentinel=False)
        combined = combined * (len(uniques) + 1) + per_column
    found, first, combination = np.unique(combined[present], return_index=True, return_inverse=True)
    rows = np.flatnonzero(present)[first]
    notes, parts = [], []
    for st, by, table, release, source in frame.iloc[rows][list(columns)].itertuples(index=False):
        by = None if by is None or pd.isna(by) else int(by)
        parts.append([status_text(st, lang, year, by, target_year), sources(table, release, source, lang)])
        notes.append(f"{parts[-1][0]} · {t('source', lang)}: "
                     f"{product(_first(table), _first(release), lang, _first(source))}")
    # The same text from two combinations (two files of one table) is one note.
    unique = list(dict.fromkeys(notes))
    remap = np.array([unique.index(n) for n in notes] or [0])
    note_index = np.full(len(frame), -1)
    note_index[present] = remap[np.asarray(combination, dtype=int)] if present.any() else []
    note_index = note_index.tolist()
    # The table's status and source columns per note (the hover names a value's first file, the table all).
    note_parts = [parts[notes.index(n)] for n in unique]
    notes = unique
    z = np.where(np.isnan(index), -1, index).astype(int)
    bounds = [lower] + breaks[:-1] if breaks else []
    return {"z": z.tolist(), "v": v, "s": codes, "n": note_index, "notes": notes, "note_parts": note_parts,
            "unit": indicator.unit_in(lang),
            "decimals": decimals,
            "reasons": {code: status_text(st, lang, year) for st, code in STATUS_CODES.items() if code in codes},
            "locale": formatting.LOCALES[lang].replace("_", "-"),
            "heading": f"{indicator.label(lang)} {year}", "colours": list(colours),
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
            out.append([f"{formatting.number(v, data['decimals'], lang, sign=bool(data.get('signed')))} {data['unit']}",
                        data["notes"][note]])
    return out


WIRE_KEYS = ("z", "v", "s", "n", "notes", "note_parts", "unit", "decimals", "reasons", "locale", "heading", "colours")


def wire(data, key, label, year):
    """The part of `arrays` a slider step sends (the legend is drawn on the server)."""
    out = {k: data[k] for k in WIRE_KEYS}
    out.update(key=key, label=label, year=year)
    return out


def fill(data, i):
    z = data["z"][i]
    return MISSING if z < 0 else data["colours"][z]


WIDTH = 1000  # the SVG's own units across; it scales to its box
PAD = 0.015  # of the extent, on each side


def _mercator(lon, lat):
    return np.radians(lon), np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))


def _rings(geometry):
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def projected(geojson, codes):
    """code -> its rings in Web Mercator (x, y arrays), for the codes asked."""
    shapes = {f["id"]: _rings(f["geometry"]) for f in geojson["features"]}
    return {code: [np.column_stack(_mercator(*np.asarray(r, dtype=float)[:, :2].T)) for r in shapes.get(code, [])
                   if len(r) >= 3] for code in codes}


def path_d(rings, x0, y1, scale):
    """An SVG path's d for projected rings, in pixels from the top left (x0, y1) of the drawing."""
    return "".join("M" + "L".join(f"{(x - x0) * scale:.1f},{(y1 - y) * scale:.1f}" for x, y in ring) + "Z"
                   for ring in rings)


def svg(geojson, frame, data, label, lang, selected=None, home=None):
    """The map as SVG markup for an HTML page (no namespace needed, none named): one path per area in the frame's order (data-i: its place in the compact
    values), filled by its class, with what the hover says (data-shown: the value or why there is none;
    data-note: how it came about); the chosen area outlined and drawn last so its line is on top. Web
    Mercator, as every web map: at a city's scale shapes are as on paper. home (lon0, lat0, lon1, lat1):
    the part the map opens on (store.home_bounds); the whole stays one click away (data-full)."""
    rings = projected(geojson, frame["code"])
    points = [r for rs in rings.values() for r in rs]
    if not points:
        return ""
    xy = np.vstack(points)
    (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
    pad = max(x1 - x0, y1 - y0) * PAD
    x0, x1, y0, y1 = x0 - pad, x1 + pad, y0 - pad, y1 + pad
    scale = WIDTH / (x1 - x0)
    height = math.ceil((y1 - y0) * scale)
    paths = []
    shown = shown_values(data, lang)
    for i, (code, name) in enumerate(zip(frame["code"], frame["name"])):
        d = path_d(rings[code], x0, y1, scale)
        if not d:
            continue
        chosen = ' class="chosen"' if code == selected else ""
        paths.append((code == selected, f'<path d="{d}" fill="{fill(data, i)}" data-i="{i}" data-code="{html.escape(code)}" '
                                         f'data-name="{html.escape(str(name or code))}" '
                                         f'data-shown="{html.escape(shown[i][0])}" data-note="{html.escape(shown[i][1])}"'
                                         f'{chosen}/>'))
    body = "".join(p for _, p in sorted(paths, key=lambda item: item[0]))  # the chosen one last: on top
    box, full = f"0 0 {WIDTH} {height}", ""
    if home is not None:
        (hx0, hx1), (hy0, hy1) = _mercator(np.array(home[0::2]), np.array(home[1::2]))
        if rings.get(selected):  # an area chosen outside it (a link to the Maasvlakte) is in the frame too
            chosen = np.vstack(rings[selected])
            hx0, hy0 = min(hx0, chosen[:, 0].min()), min(hy0, chosen[:, 1].min())
            hx1, hy1 = max(hx1, chosen[:, 0].max()), max(hy1, chosen[:, 1].max())
        pad = max(hx1 - hx0, hy1 - hy0) * PAD
        left, top = (hx0 - pad - x0) * scale, (y1 - hy1 - pad) * scale
        box = (f"{max(left, 0):.1f} {max(top, 0):.1f} {min((hx1 - hx0 + 2 * pad) * scale, WIDTH):.1f} "
               f"{min((hy1 - hy0 + 2 * pad) * scale, height):.1f}")
        full = f' data-full="0 0 {WIDTH} {height}"'
    return (f'<svg viewBox="{box}"{full} class="map-svg" role="img" '
            f'aria-label="{html.escape(label)}" data-heading="{html.escape(data["heading"])}" preserveAspectRatio="xMidYMid meet">'
            f'<g class="areas" fill-rule="evenodd">{body}</g></svg>')


def shapes(geojson, frame, data, key, label, lang, selected=None, home=None):
    """What the map's geometry Store holds: the markup and the key of the geometry it draws."""
    return {"key": key, "svg": svg(geojson, frame, data, label, lang, selected, home)}

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
