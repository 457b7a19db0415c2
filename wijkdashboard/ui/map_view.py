"""The choropleth: one Choroplethmap trace on an offline base style, classes from mapclassify."""

import mapclassify
import numpy as np
import plotly.graph_objects as go

from .. import ATTRIBUTION, vocabulary

# Colour-blind-safe sequential blues (ColorBrewer Blues, 5 classes); missing values in a light grey
# that reads as "no data", never as the lowest class.
PALETTE = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
MISSING = "#d9d9d9"
STATUS_TEXT = {
    "suppressed": ("geen gegevens: door CBS afgeschermd", "no data: withheld by CBS"),
    "not_published": ("geen gegevens: niet gepubliceerd voor dit jaar", "no data: not published for this year"),
}


def classify(values, k=5):
    """Class index per area (NaN for missing) and the class upper bounds, Fisher-Jenks."""
    present = values[~np.isnan(values)]
    if len(np.unique(present)) < 2:
        return np.where(np.isnan(values), np.nan, 0), [float(present.max())] if len(present) else []
    k = min(k, len(np.unique(present)))
    scheme = mapclassify.FisherJenks(present, k=k)
    classes = np.full(len(values), np.nan)
    classes[~np.isnan(values)] = scheme.yb
    return classes, [float(b) for b in scheme.bins]


def figure(geojson, frame, variable, year, lang="nl"):
    var = vocabulary.variables()[variable]
    values = frame["value"].to_numpy(dtype=float)
    classes, bins = classify(values)
    n = max(len(bins), 1)
    colours = PALETTE[-n:] if n < len(PALETTE) else PALETTE
    # z = -1 for missing, 0..n-1 for the classes; a stepped scale gives each its own flat colour.
    scale = [[0.0, MISSING], [0.5 / n, MISSING]]
    for i, colour in enumerate(colours):
        scale += [[(i + 0.5) / n, colour], [min((i + 1.5) / n, 1.0), colour]]
    z = np.where(np.isnan(classes), -1, classes)
    label = var.label_nl if lang == "nl" else var.label_en
    hover = []
    for row in frame.itertuples():
        shown = (f"{format_value(row.value, var)} {var.unit}" if row.status == "published"
                 else STATUS_TEXT[row.status][0 if lang == "nl" else 1])
        hover.append(f"<b>{row.name or row.code}</b> ({row.code})<br>{label} {year}: {shown}"
                     f"<br>{'Bron' if lang == 'nl' else 'Source'}: {row.source or '—'}")
    trace = go.Choroplethmap(
        geojson=geojson, locations=frame["code"], z=z, zmin=-1, zmax=n - 1, colorscale=scale,
        showscale=False, marker_line_width=0.6, marker_line_color="#4d4d4d",
        text=hover, hovertemplate="%{text}<extra></extra>",
    )
    fig = go.Figure(trace)
    lon, lat = _centre(geojson)
    fig.update_layout(
        map=dict(style="white-bg", center=dict(lon=lon, lat=lat), zoom=10.3),
        margin=dict(l=0, r=0, t=0, b=0), uirevision="keep-zoom",
        annotations=[dict(text=ATTRIBUTION, x=0.005, y=0.005, xref="paper", yref="paper", showarrow=False,
                          font=dict(size=12, color="#333"), bgcolor="rgba(255,255,255,0.8)")],
    )
    return fig, bins, colours


def format_value(value, var):
    """Counts as whole numbers, everything else with one decimal; a thin space groups thousands."""
    text = f"{value:,.0f}" if var.kind == "count" else f"{value:,.1f}"
    return text.replace(",", "\u202f")


def _centre(geojson):
    xs, ys = [], []
    for feature in geojson["features"]:
        coords = np.array([c for poly in _polygons(feature["geometry"]) for c in poly[0]])
        xs += [coords[:, 0].min(), coords[:, 0].max()]
        ys += [coords[:, 1].min(), coords[:, 1].max()]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def _polygons(geometry):
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
