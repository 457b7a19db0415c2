"""The page: header, controls, map with legend and panels, and the timeline with the policy waves."""

import dash_bootstrap_components as dbc
from dash import dash_table, dcc, html

from .. import vocabulary
from ..indicators import catalogue
from ..store import FIXED, PUBLISHED
from . import compare_view, segregation_view, timeline
from .i18n import t

# (component id, i18n key): the static texts that switch with the language.
LABELS = [("label-city", "city"), ("label-level", "level"), ("label-indicator", "indicator"),
          ("label-bounds", "bounds"), ("label-classes", "classes"), ("label-year", "year"),
          ("label-area", "area"), ("tagline", "tagline"), ("skip-link", "skip_to_map"), ("nav-kaart", "nav_map"),
          ("nav-vergelijk", "nav_compare"), ("label-compare-indicator", "indicator"),
          ("label-compare-level", "compare_level"), ("label-axis", "axis"), ("compare-heading", "compare_heading"),
          ("compare-intro", "compare_intro"), ("compare-csv-button", "download_csv"), ("nav-segregatie", "nav_segregation"),
          ("seg-heading", "seg_heading"), ("seg-intro", "seg_intro"), ("seg-maup", "seg_maup"),
          ("label-seg-index", "seg_index")]


def indicator_options(ids, lang="nl"):
    """Dropdown options for indicators, the featured ones starred."""
    items = catalogue()
    return [{"label": ("★ " if items[i].featured else "") + items[i].label(lang), "value": i} for i in ids]


def city_options(lang="nl"):
    names = vocabulary.municipality_names()
    return [{"label": row["name_nl" if lang == "nl" else "name_en"], "value": code} for code, row in names.items()]


def level_options(lang="nl"):
    return [{"label": t("level_wijk", lang), "value": "wijk"}, {"label": t("level_buurt", lang), "value": "buurt"}]


def bounds_options(target_year, lang="nl"):
    return [{"label": t("bounds_fixed", lang, year=target_year), "value": FIXED},
            {"label": t("bounds_published", lang), "value": PUBLISHED}]


def class_options(lang="nl"):
    return [{"label": t("classes_jenks", lang), "value": "jenks"},
            {"label": t("classes_quantiles", lang), "value": "quantiles"}]


def labelled(label_id, key, control, html_for):
    return html.Div([dbc.Label(t(key), id=label_id, html_for=html_for, className="fw-semibold mb-1"), control],
                    className="control")


def build(store):
    target = store.target_years.get("wijk")
    controls = dbc.Row([
        dbc.Col(labelled("label-city", "city", dcc.Dropdown(id="city", options=city_options(), value="GM0014",
                                                            clearable=False, searchable=False), "city"), md=2, xs=6),
        dbc.Col(labelled("label-level", "level", dbc.RadioItems(id="level", options=level_options(), value="wijk",
                                                                inline=True), "level"), md=2, xs=6),
        dbc.Col(labelled("label-indicator", "indicator", dcc.Dropdown(id="indicator", clearable=False), "indicator"),
                md=4, xs=12),
        dbc.Col(labelled("label-bounds", "bounds", dbc.RadioItems(id="bounds", options=bounds_options(target),
                                                                  value=FIXED), "bounds"), md=2, xs=6),
        dbc.Col(labelled("label-classes", "classes", dbc.RadioItems(id="classes", options=class_options(),
                                                                    value="jenks"), "classes"), md=2, xs=6),
    ], className="g-3 mb-2 controls")

    slider_row = html.Div([
        html.Div([
            html.Button(t("play"), id="play", className="btn btn-outline-primary me-3 play-button", n_clicks=0,
                        **{"aria-pressed": "false"}),
            dbc.Label(t("year"), id="label-year", html_for="year", className="fw-semibold me-2 mb-0"),
            html.Span(id="year-readout", className="year-readout", **{"aria-live": "polite"}),
        ], className="d-flex align-items-center mb-1"),
        html.Div(dcc.Slider(id="year", **timeline.slider([], None)), className="year-slider"),
        html.Div(timeline.bands("nl"), id="wave-bands"),
        timeline.play_interval(),
    ], className="timeline")

    map_column = html.Div([
        html.Div(id="map-region", role="region", **{"aria-label": ""}, children=[
            # No mode bar: its icon links have no accessible names; zoom by wheel, pinch or double click.
            dcc.Graph(id="map", className="map", config={"displayModeBar": False, "scrollZoom": True}),
        ]),
        html.Div(id="table-wrap", className="mt-2", children=[
            html.P(id="table-caption", className="small"),
            dash_table.DataTable(id="map-table", sort_action="native", page_size=200,
                                 style_table={"maxHeight": "28rem", "overflowY": "auto"},
                                 style_cell={"fontFamily": "inherit", "fontSize": "0.95rem", "padding": "4px 8px"},
                                 style_header={"fontWeight": "600"}),
        ], style={"display": "none"}),
    ], id="main-map", tabIndex="-1")

    side = html.Div([
        html.Div(id="legend", className="legend-box mb-3", **{"aria-live": "polite"}),
        html.Div([dbc.Label(t("area"), id="label-area", html_for="area", className="fw-semibold mb-1"),
                  dcc.Dropdown(id="area", placeholder=t("area_placeholder"))], className="mb-2"),
        html.Div(id="area-panel", className="mb-3"),
        html.Div(id="wave-panel", className="wave-panel"),
    ])

    return dbc.Container([
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="lang", data="nl"),
        dcc.Store(id="year-last"),
        dcc.Store(id="selected-area"),
        dcc.Store(id="map-values"),
        dcc.Store(id="map-key"),
        html.A(t("skip_to_map"), id="skip-link", href="#main-map", className="visually-hidden-focusable"),
        html.Header(dbc.Row([
            dbc.Col([html.H1(t("title"), className="h2 mb-0"), html.P(t("tagline"), id="tagline", className="lead mb-0")]),
            dbc.Col(html.Nav([
                html.Button(t("nav_map"), id="nav-kaart", className="btn btn-primary me-2", n_clicks=0,
                            **{"aria-current": "page"}),
                html.Button(t("nav_compare"), id="nav-vergelijk", className="btn btn-outline-primary me-2", n_clicks=0),
                html.Button(t("nav_segregation"), id="nav-segregatie", className="btn btn-outline-primary", n_clicks=0),
            ], **{"aria-label": t("nav_label")}), width="auto"),
            dbc.Col([
                html.Button(t("presentation"), id="presentation", className="btn btn-outline-dark me-2", n_clicks=0,
                            **{"aria-pressed": "false"}),
                dbc.Switch(id="table-toggle", label=t("table_toggle"), value=False, className="me-3 d-inline-block"),
                html.Button(t("language_switch"), id="lang-toggle", className="btn btn-outline-secondary", n_clicks=0,
                            lang="en", **{"aria-label": t("language_switch_label")}),
            ], width="auto", className="d-flex align-items-center"),
        ], className="align-items-center my-2")),
        html.Div(id="notice", role="status"),
        dcc.Store(id="view", data="kaart"),
        html.Div([controls, dbc.Row([dbc.Col([map_column, slider_row], lg=8), dbc.Col(side, lg=4)], className="g-3 mt-1")],
                 id="map-view"),
        compare_view.skeleton(),
        segregation_view.skeleton(),
        html.Footer(html.Span(t("attribution"), id="footer-attribution"), className="text-muted small my-3"),
    ], fluid=True, className="app")
