"""The map of CBS's squares (100 m or 500 m): SVG drawn by the server, like the area map.

Thousands of squares are drawn as one path per class (a row's run of squares of one class is one
rectangle), not one element per square: 6,437 squares of Rotterdam come to a few dozen kilobytes and a
handful of elements, which a phone draws at once and a printer prints as vectors. The squares are drawn
in RD New (EPSG:28992), whose grid they are: a square stays a square. The municipality's wijken are
drawn over them as thin lines, for orientation.

The hover (assets/map.js) finds the square under the pointer from its position: the page holds each
square's place, value, status and buurt in one compact block (`hover_data`), not in thousands of DOM
nodes."""

import html
import json

import numpy as np

from ...core.codes import GRID_RESOLUTION
from ..i18n import t
from .choropleth import MISSING, STATUS_CODES

PAD = 3  # hectometres of white around the squares (at least; a whole number of squares)


def frame_of(cells, resolution):
    """(x0, y_top, width, height) of the squares' extent in hectometres, on the grid's own lines: every
    square's place in the frame is a multiple of its side, so the hover finds it by division."""
    step = resolution // 100
    pad = -(-PAD // step) * step
    x = cells["x"].to_numpy() // 100
    y = cells["y"].to_numpy() // 100
    x0 = x.min() - pad
    top = y.max() + step + pad
    return int(x0), int(top), int(x.max() + step + pad - x0), int(top - (y.min() - pad))


def _runs(i, j, step):
    """Rectangles of horizontal runs: squares of one class next to each other in one row."""
    order = np.lexsort((i, j))
    i, j = i[order], j[order]
    out = []
    start = 0
    for k in range(1, len(i) + 1):
        if k == len(i) or j[k] != j[start] or i[k] != i[k - 1] + step:
            width = i[k - 1] - i[start] + step
            out.append(f"M{i[start]} {j[start]}h{width}v{step}h-{width}z")
            start = k
    return "".join(out)


def class_paths(frame, data, level):
    """One path per class (and one for the squares without a value), drawn in the legend's colours."""
    step = GRID_RESOLUTION[level] // 100
    x0, top, _, _ = frame_of(frame, GRID_RESOLUTION[level])
    i = frame["x"].to_numpy() // 100 - x0
    j = top - (frame["y"].to_numpy() // 100 + step)
    z = np.asarray(data["z"])
    paths = []
    for k in sorted(set(z.tolist())):
        mine = z == k
        colour = MISSING if k < 0 else data["colours"][k]
        paths.append(f'<path fill="{colour}" d="{_runs(i[mine], j[mine], step)}"/>')
    return "".join(paths)


def outline_path(outlines, x0, top):
    """The wijk outlines (RD New metres) as one path in the squares' frame."""
    parts = []
    for geometry in outlines:
        polygons = getattr(geometry, "geoms", [geometry])
        for polygon in polygons:
            for ring in [polygon.exterior, *polygon.interiors]:
                xy = np.asarray(ring.coords)[:, :2] / 100.0
                parts.append("M" + "L".join(f"{x - x0:.1f},{top - y:.1f}" for x, y in xy) + "Z")
    return "".join(parts)


def svg(frame, data, level, label, outlines=(), selected=None):
    """The squares' map: class paths, the wijk outlines, the chosen square outlined."""
    if frame.empty:
        return ""
    resolution = GRID_RESOLUTION[level]
    x0, top, width, height = frame_of(frame, resolution)
    step = resolution // 100
    chosen = ""
    if selected is not None and selected in set(frame["code"]):
        row = frame[frame["code"] == selected].iloc[0]
        chosen = (f'<rect class="chosen-cell" x="{row.x // 100 - x0}" y="{top - row.y // 100 - step}" '
                  f'width="{step}" height="{step}"/>')
    return (f'<svg viewBox="0 0 {width} {height}" class="map-svg grid-svg" role="img" aria-label="{html.escape(label)}" '
            f'data-heading="{html.escape(data["heading"])}" data-x0="{x0}" data-top="{top}" data-step="{step}" '
            f'preserveAspectRatio="xMidYMid meet">'
            f'<g class="cells" shape-rendering="crispEdges">{class_paths(frame, data, level)}</g>'
            f'<path class="grid-outline" d="{outline_path(outlines, x0, top)}"/>{chosen}</svg>')


def status_text(status, lang):
    """Why a square has no value, or how it has one, in the grid's own words."""
    if status in ("suppressed", "not_published"):
        return t(f"grid_status_{status}", lang)
    return t("status_derived" if status == "derived" else "status_published", lang)


def reasons(lang):
    """The hover's reason per one-letter status (choropleth.STATUS_CODES) for squares."""
    return {code: status_text(status, lang) for status, code in STATUS_CODES.items() if status != "not_covered"}


def hover_data(frame, data, level, year, names, lang):
    """What the hover and a click need per square, compact: its place in the frame (i, j), its value and
    status, its buurt; the texts once."""
    resolution = GRID_RESOLUTION[level]
    x0, top, _, _ = frame_of(frame, resolution)
    step = resolution // 100
    buurten = sorted({b for b in frame["buurt"] if isinstance(b, str)})
    index = {b: n for n, b in enumerate(buurten)}
    places = np.column_stack([frame["x"].to_numpy() // 100 - x0, top - frame["y"].to_numpy() // 100 - step]).ravel()
    rounding = {"5": t("grid_rounding_count", lang), "10": t("grid_rounding_share", lang),
                "derived": t("grid_rounding_derived", lang)}
    note = rounding.get(_first(frame.get("rounding")), "")
    return {"x0": x0, "top": top, "step": step, "res": resolution, "c": places.tolist(), "v": data["v"],
            "s": data["s"], "b": [index.get(b, -1) for b in frame["buurt"]],
            "bn": [f"{names.get(b) or b} ({b})" for b in buurten], "unit": data["unit"], "decimals": data["decimals"],
            "locale": data["locale"], "reasons": reasons(lang),
            "note": f"{note} · {t('source', lang)}: CBS {t('grid_product', lang, year=year, size=resolution)}",
            "cell": t("grid_cell", lang, size=resolution), "in": t("grid_in_buurt", lang)}


def _first(column):
    if column is None:
        return ""
    present = [v for v in column if isinstance(v, str) and v]
    return present[0] if present else ""


def hover_json(frame, data, level, year, names, lang):
    return json.dumps(hover_data(frame, data, level, year, names, lang), separators=(",", ":"))


def cell_rows(frame, indicator, lang):
    """The table's and the CSV's rows for the squares: id, corner, buurt, value, status."""
    rows = []
    for r in frame.itertuples():
        present = r.status in ("published", "provisional", "derived")
        rows.append({"code": r.code, "x": int(r.x), "y": int(r.y), "buurt": r.buurt if isinstance(r.buurt, str) else "",
                     "value": float(r.value) if present else None, "status": status_text(r.status, lang)})
    return rows

