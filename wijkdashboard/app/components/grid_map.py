"""The map of CBS's squares (100 m or 500 m): SVG drawn by the server, like the area map.

Thousands of squares are drawn as one path per class (a row's run of squares of one class is one
rectangle), not one element per square: 6,437 squares of Rotterdam come to a few dozen kilobytes and a
handful of elements, which a phone draws at once and a printer prints as vectors. The squares are drawn
in RD New (EPSG:28992), whose grid they are: a square stays a square. The municipality's wijken are
drawn over them as thin lines, for orientation.

The hover (assets/map.js) finds the square under the pointer from its position: the page holds each
square's place and buurt (`places`, sent once per grid and year) and its value and status (`values`,
sent with the class paths on a change of indicator) in compact blocks, not in thousands of DOM nodes."""

import html

import numpy as np
import pandas as pd

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
    if not len(i):
        return ""
    starts = np.flatnonzero(np.r_[True, (j[1:] != j[:-1]) | (i[1:] != i[:-1] + step)])
    ends = np.r_[starts[1:], len(i)] - 1
    widths = i[ends] - i[starts] + step
    return "".join(f"M{a} {b}h{w}v{step}h-{w}z" for a, b, w in zip(i[starts].tolist(), j[starts].tolist(),
                                                                       widths.tolist()))


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


def svg(frame, data, level, label, outlines=(), selected=None, cells=None):
    """The squares' map: class paths (`cells`, if already made), the wijk outlines, the chosen square
    outlined."""
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
            f'<g class="cells" shape-rendering="crispEdges">{cells or class_paths(frame, data, level)}</g>'
            f'<path class="grid-outline" d="{outline_path(outlines, x0, top)}"/>{chosen}</svg>')


def status_text(status, lang):
    """Why a square has no value, or how it has one, in the grid's own words."""
    if status in ("suppressed", "not_published"):
        return t(f"grid_status_{status}", lang)
    return t("status_derived" if status == "derived" else "status_published", lang)


def reasons(lang):
    """The hover's reason per one-letter status (choropleth.STATUS_CODES) for squares."""
    return {code: status_text(status, lang) for status, code in STATUS_CODES.items() if status in ("suppressed", "not_published")}


def places(frame, level, names):
    """What does not change with the indicator, sent once per (city, grid, year) like an area map's
    geometry: each square's place in the frame (i, j) and the buurt its centre lies in."""
    resolution = GRID_RESOLUTION[level]
    x0, top, _, _ = frame_of(frame, resolution)
    step = resolution // 100
    index, buurten = pd.factorize(frame["buurt"])  # -1: on no buurt
    xy = np.column_stack([frame["x"].to_numpy() // 100 - x0, top - frame["y"].to_numpy() // 100 - step]).ravel()
    return {"x0": x0, "top": top, "step": step, "c": xy.tolist(), "b": index.tolist(),
            "bn": [f"{names.get(b) or b} ({b})" for b in buurten]}


def values(frame, data, level, year, lang):
    """What a change of indicator (or class, or language) sends: the squares' class paths, and per square
    its value and status for the hover; the texts once."""
    resolution = GRID_RESOLUTION[level]
    rounding = {"5": t("grid_rounding_count", lang), "10": t("grid_rounding_share", lang),
                "derived": t("grid_rounding_derived", lang)}
    note = rounding.get(_first(frame.get("rounding")), "")
    return {"cells": class_paths(frame, data, level), "v": data["v"], "s": data["s"], "unit": data["unit"],
            "decimals": data["decimals"], "locale": data["locale"], "reasons": reasons(lang),
            "note": f"{note} · {t('source', lang)}: CBS {t('grid_product', lang, year=year, size=resolution)}",
            "cell": t("grid_cell", lang, size=resolution), "in": t("grid_in_buurt", lang)}


def _first(column):
    if column is None:
        return ""
    present = column.dropna()
    present = present[present != ""]
    return str(present.iloc[0]) if len(present) else ""


def cell_rows(frame, indicator, lang):
    """The table's and the CSV's rows for the squares: id, corner, buurt, value, status."""
    rows = []
    for r in frame.itertuples():
        present = r.status in ("published", "provisional", "derived")
        rows.append({"code": r.code, "x": int(r.x), "y": int(r.y), "buurt": r.buurt if isinstance(r.buurt, str) else "",
                     "value": float(r.value) if present else None, "status": status_text(r.status, lang)})
    return rows

