"""`python app.py` serves the wijkdashboard on http://127.0.0.1:8050 (HOST and PORT change that).
`server` is the WSGI app for a production server."""

import os

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, dcc, html

from wijkdashboard import ATTRIBUTION, vocabulary
from wijkdashboard.store import LayerStore
from wijkdashboard.ui import map_view

store = LayerStore()
# Bootstrap's CSS is served from assets/vendor: no CDN, no third-party requests.
app = Dash(__name__, title="Wijkdashboard", serve_locally=True)
server = app.server

CITY_NAMES = {code: row["name_nl"] for code, row in vocabulary.municipality_names().items()}
LEVELS = {"buurt": "Buurt", "wijk": "Wijk"}


def controls():
    return dbc.Row([
        dbc.Col([dbc.Label("Stad", html_for="city"),
                 dcc.Dropdown(id="city", options=[{"label": CITY_NAMES[c], "value": c} for c in store.municipalities],
                              value="GM0014", clearable=False)], md=3),
        dbc.Col([dbc.Label("Niveau", html_for="level"),
                 dbc.RadioItems(id="level", options=[{"label": v, "value": k} for k, v in LEVELS.items()],
                                value="wijk", inline=True)], md=2),
        dbc.Col([dbc.Label("Indicator", html_for="variable"),
                 dcc.Dropdown(id="variable", clearable=False)], md=4),
        dbc.Col([dbc.Label("Jaar", html_for="year"), dcc.Slider(id="year", step=None, included=False)], md=3),
    ], className="g-3 mb-2")


app.layout = dbc.Container([
    html.H1("Wijkdashboard", className="h3 mt-3"),
    html.P("Hoe het wijkenbeleid de buurten van Groningen, Den Haag en Rotterdam veranderde — op echte CBS-cijfers.",
           className="lead"),
    controls(),
    dbc.Row([
        dbc.Col(dcc.Graph(id="map", style={"height": "70vh"}, config={"displaylogo": False}), md=9),
        dbc.Col(html.Div(id="legend", **{"aria-live": "polite"}), md=3),
    ]),
    html.Footer(ATTRIBUTION, className="text-muted small my-3"),
], fluid=True)


@app.callback(Output("variable", "options"), Output("variable", "value"),
              Input("city", "value"), Input("level", "value"), Input("variable", "value"))
def choose_variable(city, level, current):
    available = store.variables(city, level)
    options = [{"label": vocabulary.variables()[v].label_nl, "value": v} for v in available]
    if not available:
        return [], None
    value = current if current in available else ("inhabitants" if "inhabitants" in available else available[0])
    return options, value


@app.callback(Output("year", "marks"), Output("year", "min"), Output("year", "max"), Output("year", "value"),
              Input("city", "value"), Input("level", "value"), Input("variable", "value"), Input("year", "value"))
def choose_year(city, level, variable, current):
    years = store.years(city, level, variable) if variable else []
    if not years:
        return {}, 0, 0, None
    marks = {y: str(y) for y in years}
    value = current if current in years else years[-1]
    return marks, years[0], years[-1], value


@app.callback(Output("map", "figure"), Output("legend", "children"),
              Input("city", "value"), Input("level", "value"), Input("variable", "value"), Input("year", "value"))
def draw(city, level, variable, year):
    if not variable or year is None:
        notice = (f"Voor {CITY_NAMES[city]} zijn in de huidige CBS-bestanden geen cijfers op {level}niveau. "
                  "Kies het niveau wijk, of voeg de Kerncijfers wijken en buurten toe en bouw de lagen opnieuw.")
        return {"data": [], "layout": {"xaxis": {"visible": False}, "yaxis": {"visible": False}}}, dbc.Alert(notice, color="warning")
    boundary_year = store.boundary_year(city, level, year)
    frame = store.values(city, level, variable, year)
    fig, bins, colours = map_view.figure(store.geojson(city, level, boundary_year), frame, variable, year)
    var = vocabulary.variables()[variable]
    lower = [frame["value"].min()] + bins[:-1]
    items = [html.Li([html.Span(className="swatch", style={"background": c}),
                      f"{map_view.format_value(lo, var)} – {map_view.format_value(hi, var)}"])
             for c, lo, hi in zip(colours, lower, bins)]
    missing = int((frame["status"] != "published").sum())
    items.append(html.Li([html.Span(className="swatch", style={"background": map_view.MISSING}),
                          f"geen gegevens ({missing})"]))
    sources = sorted(frame["source"].dropna().unique())
    legend = [html.H2(f"{var.label_nl} ({var.unit})", className="h5"), html.Ul(items, className="legend"),
              html.P(var.definition_nl, className="small"),
              html.P([f"Jaar {year}, grenzen van {boundary_year}. Bron: CBS, Kadaster — ", html.Code(", ".join(sources))],
                     className="small text-muted")]
    return fig, legend


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8050")), debug=False)
