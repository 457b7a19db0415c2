"""The choropleth: one Choroplethmap trace on an offline base style, classes from mapclassify.

The geometry goes to the browser in the full figure once per (city, level, boundary year); a year,
indicator, class or language change sends a Patch of the per-area arrays only."""

import math

import mapclassify
import numpy as np
import plotly.graph_objects as go
from dash import Patch

from .. import ATTRIBUTION
from ..indicators import format_value
from ..provenance import product
from .i18n import t

MISSING = "#d9d9d9"  # light grey reads as "no data", never as the lowest class
OUTLINE = "#4d4d4d"
CLASS_METHODS = ("jenks", "quantiles")


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


def arrays(frame, indicator, year, lang, method, target_year):
    """Everything about the map that changes with a slider step: class per area, the shown value per
    area (customdata), one hover template and the colours. Names and codes travel once, as `text`."""
    values = frame["value"].to_numpy(dtype=float)
    classes, bins = classify(values, method)
    n = max(len(bins), 1)
    palette = indicator.palette
    colours = palette[-n:] if n < len(palette) else palette
    # z = -1 for missing, 0..n-1 for the classes; a stepped scale gives each its own flat colour.
    scale = [[0.0, MISSING], [0.5 / n, MISSING]]
    for i, colour in enumerate(colours):
        scale += [[(i + 0.5) / n, colour], [min((i + 1.5) / n, 1.0), colour]]
    unit = indicator.unit
    shown, statuses, sources = [], set(), set()
    for row in frame.itertuples():
        if row.status in ("published", "interpolated"):
            shown.append(f"{format_value(row.value, indicator, lang)} {unit}")
            statuses.add((row.status, row.boundary_year))
            sources.update((row.source or "").split(";"))
        else:
            shown.append(status_text(row.status, lang, year, None, target_year))
    status_line = "; ".join(sorted({status_text(st, lang, year, int(by) if by == by and by else None, target_year)
                                    for st, by in statuses}))
    source_line = "; ".join(sorted({product(s, lang) for s in sources if s})) or "—"
    template = (f"%{{text}}<br>{indicator.label(lang)} {year}: <b>%{{customdata}}</b>"
                f"<br>{status_line}<br>{t('source', lang)}: {source_line}<extra></extra>")
    z = np.where(np.isnan(classes), -1, classes).astype(int)
    lower = [float(np.nanmin(values))] + bins[:-1] if bins else []
    return {"z": z.tolist(), "customdata": shown, "hovertemplate": template, "colorscale": scale, "zmax": n - 1,
            "legend": list(zip(colours, lower, bins)),
            "missing": int((~frame["status"].isin(["published", "interpolated"])).sum())}


def full_figure(geojson, frame, data, key, lang):
    trace = go.Choroplethmap(
        geojson=geojson, locations=frame["code"].tolist(), z=data["z"], zmin=-1, zmax=data["zmax"],
        colorscale=data["colorscale"], showscale=False, marker_line_width=0.7, marker_line_color=OUTLINE,
        text=[f"<b>{name or code}</b> · {code}" for code, name in zip(frame["code"], frame["name"])],
        customdata=data["customdata"], hovertemplate=data["hovertemplate"],
    )
    fig = go.Figure(trace)
    (west, south, east, north) = _bounds(geojson)
    fig.update_layout(
        map=dict(style="white-bg", center=dict(lon=(west + east) / 2, lat=(south + north) / 2),
                 zoom=_zoom(west, east, south, north)),
        margin=dict(l=0, r=0, t=0, b=0), uirevision=key, meta={"key": key},
        hoverlabel=dict(font_size=15, bgcolor="white"),
        annotations=[dict(text=t("attribution", lang), x=0.005, y=0.005, xref="paper", yref="paper",
                          showarrow=False, font=dict(size=13, color="#222"), bgcolor="rgba(255,255,255,0.85)")],
    )
    return fig


def patch(data, lang):
    """Only what a slider step changes: the arrays, never the geometry or the names."""
    p = Patch()
    for key in ("z", "customdata", "hovertemplate", "colorscale", "zmax"):
        p["data"][0][key] = data[key]
    p["layout"]["annotations"][0]["text"] = t("attribution", lang)
    return p


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


def _zoom(west, east, south, north):
    """A zoom that fits the city in a map about 800 × 560 px (MapLibre: 512 px per world at zoom 0)."""
    lon_zoom = math.log2(800 / 512 * 360 / max(east - west, 1e-6))
    lat_span = max(north - south, 1e-6) / math.cos(math.radians((north + south) / 2))
    lat_zoom = math.log2(560 / 512 * 360 / lat_span)
    return round(min(lon_zoom, lat_zoom) - 0.15, 2)


def legend_items(data, indicator, lang):
    return [(colour, f"{format_value(lo, indicator, lang)} – {format_value(hi, indicator, lang)}")
            for colour, lo, hi in data["legend"]]
