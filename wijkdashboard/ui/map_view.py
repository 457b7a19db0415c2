"""The choropleth: one Choroplethmap trace on an offline base style, classes from mapclassify.

The geometry goes to the browser in the full figure once per (city, level, boundary year); a year,
indicator, class or language change sends a Patch of the per-area arrays only."""

import math

import mapclassify
import numpy as np
import plotly.graph_objects as go

from ..indicators import format_value
from ..provenance import product
from ..store import PRESENT
from .i18n import t

MISSING = "#d9d9d9"  # light grey reads as "no data", never as the lowest class
OUTLINE = "#4d4d4d"


def classify(values, method="jenks", k=5):
    """(class index per area with NaN for missing, upper bounds of the classes)."""
    present = values[~np.isnan(values)]
    distinct = np.unique(present)
    classes = np.full(len(values), np.nan)
    if len(distinct) == 0:
        return classes, []
    if len(distinct) == 1:
        classes[~np.isnan(values)] = 0
        return classes, [float(distinct[0])]
    k = min(k, len(distinct))
    scheme = (mapclassify.Quantiles(present, k=k) if method == "quantiles"
              else mapclassify.FisherJenks(present, k=k))
    classes[~np.isnan(values)] = scheme.yb
    return classes, [float(b) for b in scheme.bins]


def status_text(row_status, lang, year, boundary_year, target_year):
    if row_status == "published":
        return t("status_published", lang)
    if row_status == "interpolated":
        return t("status_interpolated", lang, from_year=boundary_year, to_year=target_year)
    if row_status == "not_covered":
        return t("status_not_covered", lang, year=year)
    return t(f"status_{row_status}", lang)


STATUS_CODES = {"suppressed": "s", "not_published": "n", "not_covered": "c"}


def arrays(frame, indicator, year, lang, method, target_year):
    """Everything about the map that changes with a slider step, compact: class per area (z), the value
    per area (v, null where missing) with a one-letter reason (s), one hover template and the colours.
    The browser formats the values (assets/map.js); names and codes travel once, with the geometry."""
    values = frame["value"].to_numpy(dtype=float)
    classes, bins = classify(values, method)
    n = max(len(bins), 1)
    palette = indicator.palette
    colours = palette[-n:] if n < len(palette) else palette
    # z = -1 for missing, 0..n-1 for the classes; a stepped scale gives each its own flat colour.
    scale = [[0.0, MISSING], [0.5 / n, MISSING]]
    for i, colour in enumerate(colours):
        scale += [[round((i + 0.5) / n, 4), colour], [round(min((i + 1.5) / n, 1.0), 4), colour]]
    decimals = {"count": 0, "index": 2}.get(indicator.variable.kind, 1)
    present = frame["status"].isin(PRESENT).to_numpy()
    v = [round(float(x), decimals) if ok else None for x, ok in zip(values, present)]
    if decimals == 0:
        v = [int(x) if x is not None else None for x in v]
    codes = "".join("p" if ok else STATUS_CODES.get(st, "n") for ok, st in zip(present, frame["status"]))
    statuses = {(st, by) for st, by, ok in zip(frame["status"], frame["boundary_year"], present) if ok}
    sources = {part for src, ok in zip(frame["source"], present) if ok and src for part in src.split(";")}
    status_line = "; ".join(sorted({status_text(st, lang, year, int(by) if by == by and by else None, target_year)
                                    for st, by in statuses}))
    source_line = "; ".join(sorted({product(s, lang) for s in sources})) or "—"
    template = (f"%{{text}}<br>{indicator.label(lang)} {year}: <b>%{{customdata}}</b>"
                f"<br>{status_line}<br>{t('source', lang)}: {source_line}<extra></extra>")
    z = np.where(np.isnan(classes), -1, classes).astype(int)
    lower = [float(np.nanmin(values))] + bins[:-1] if bins else []
    return {"z": z.tolist(), "v": v, "s": codes, "unit": indicator.unit, "decimals": decimals,
            "reasons": {code: status_text(st, lang, year, None, target_year) for st, code in STATUS_CODES.items()
                        if code in codes},
            "locale": "nl-NL" if lang == "nl" else "en-GB", "hovertemplate": template, "colorscale": scale,
            "zmax": n - 1, "attribution": t("attribution", lang),
            "legend": list(zip(colours, lower, bins)), "missing": int((~present).sum())}


def shown_values(data, indicator, lang):
    """The customdata strings, as assets/map.js makes them in the browser."""
    return [f"{format_value(v, indicator, lang)} {data['unit']}" if v is not None else data["reasons"][c]
            for v, c in zip(data["v"], data["s"])]


def wire(data, key, label, year):
    """The part of `arrays` a slider step sends (the legend is drawn on the server, in its own callback)."""
    out = {k: data[k] for k in ("z", "v", "s", "unit", "decimals", "reasons", "locale", "hovertemplate",
                                "colorscale", "zmax", "attribution")}
    out.update(key=key, label=label, year=year)
    return out


def full_figure(geojson, frame, data, key, indicator, lang):
    trace = go.Choroplethmap(
        geojson=geojson, locations=frame["code"].tolist(), z=data["z"], zmin=-1, zmax=data["zmax"],
        colorscale=data["colorscale"], showscale=False, marker_line_width=0.7, marker_line_color=OUTLINE,
        text=[f"<b>{name or code}</b> · {code}" for code, name in zip(frame["code"], frame["name"])],
        customdata=shown_values(data, indicator, lang), hovertemplate=data["hovertemplate"],
    )
    fig = go.Figure(trace)
    (west, south, east, north) = _bounds(geojson)
    fig.update_layout(
        map=dict(style="white-bg", center=dict(lon=(west + east) / 2, lat=(south + north) / 2),
                 zoom=fit_zoom(west, east, south, north)),
        margin=dict(l=0, r=0, t=0, b=0), uirevision=key,
        # bounds: assets/map.js fits the zoom to the map's real size once (phone or projector)
        meta={"key": key, "bounds": [west, south, east, north], "fitted": False},
        hoverlabel=dict(font_size=15, bgcolor="white"),
        annotations=[dict(text=t("attribution", lang), x=0.005, y=0.005, xref="paper", yref="paper",
                          showarrow=False, font=dict(size=13, color="#222"), bgcolor="rgba(255,255,255,0.85)")],
    )
    return fig


def _bounds(geojson):
    xs, ys = [], []
    for feature in geojson["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            ring = np.asarray(polygon[0])
            xs += [ring[:, 0].min(), ring[:, 0].max()]
            ys += [ring[:, 1].min(), ring[:, 1].max()]
    return min(xs), min(ys), max(xs), max(ys)


def fit_zoom(west, east, south, north):
    """A zoom that fits the city in a map about 800 × 560 px (MapLibre: 512 px per world at zoom 0)."""
    lon_zoom = math.log2(800 / 512 * 360 / max(east - west, 1e-6))
    lat_span = max(north - south, 1e-6) / math.cos(math.radians((north + south) / 2))
    lat_zoom = math.log2(560 / 512 * 360 / lat_span)
    return round(min(lon_zoom, lat_zoom) - 0.15, 2)


def legend_items(data, indicator, lang):
    return [(colour, f"{format_value(lo, indicator, lang)} – {format_value(hi, indicator, lang)}")
            for colour, lo, hi in data["legend"]]
