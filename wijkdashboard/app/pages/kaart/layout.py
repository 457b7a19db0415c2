"""Kaart's layout: the first view whole (drawn from the same payload the callbacks send), the controls,
and the Stores the browser steps through the years with."""

import json

import dash_bootstrap_components as dbc
from dash import dcc, html

from ....core import formatting
from ....core.codes import is_grid
from ... import ids, shell, urlstate
from ...components import markup, timeline
from ...context import current
from ...i18n import t
from .options import (
    DEFAULT,
    NAME,
    bounds_options,
    class_options,
    indicator_options,
    labelled,
    level_options,
    mode_options,
    radios,
    view_title,
    year_options,
)
from .table import grid_note, map_table, rows_of

URL = [("city", ids.CITY, "value"), ("level", ids.LEVEL, "value"), ("indicator", ids.INDICATOR, "value"),
       ("year", ids.YEAR, "value"), ("bounds", ids.BOUNDS, "value"), ("classes", ids.CLASSES, "value"),
       ("table", ids.TABLE_TOGGLE, "value"), ("area", ids.SELECTED_AREA, "data"), ("compare", ids.COMPARE_AREAS, "data"),
       ("mode", ids.MODE, "value"), ("from", ids.CHANGE_FROM, "value")]


def state_of(query):
    """The page's state from its link (urlstate.kaart), the build's opening view where it names none."""
    ctx = current()
    store = ctx.store
    opening = ctx.opening
    if not set(query) - set(urlstate.COMMON):
        # No view asked for: open on one that shows change, at its first year, ▶ ready.
        query = {**query, **{k: opening[k] for k in ("level", "indicator", "year")},
                 "city": urlstate.slug(urlstate.city_name(store, opening["city"]))}
    return urlstate.kaart(query, store, {**DEFAULT, "city": opening["city"]})


def layout(**query):
    ctx = current()
    store, view = ctx.store, ctx.parts[NAME]
    lang, present = urlstate.common(query)
    embed = urlstate.embedded(query)
    state, problems = state_of(query)
    slug = view.slugs_by_code[state["city"]]
    payload = view.payload(state, lang)
    frame = payload["frames"].get(str(state["year"])) if state["year"] is not None else None
    shapes = payload["shapes"] or {}
    grid, change = is_grid(state["level"]), state["mode"] == "change"
    message = view.nothing_here(state["city"], state["level"], lang) if not state["indicator"] else None
    area_options, area_label = view.area_choices(state["city"], state["level"], state["year"], state["bounds"],
                                                 state["area"])
    firsts = view.change_firsts(state["city"], state["level"], state["indicator"])
    waves = timeline.wave_panels(lang)
    # On a wide screen the small choices share what the indicator leaves (col-lg: hidden ones take
    # nothing), so the controls stay one row above the map at 1280 px whichever are shown.
    controls = html.Div(html.Div([
        # Native selects: on a phone the system's own picker, and no search index built as the page opens.
        labelled("city", dbc.Select(id=ids.CITY, options=urlstate.city_options(store, lang), value=slug), ids.CITY, lang,
                 "col-12 col-md-3 col-lg"),
        radios(ids.LEVEL, "level", level_options(lang, store.grid_levels(state["city"])), state["level"], lang,
               "col-12 col-md-3 col-lg"),
        labelled("indicator", dbc.Select(
            id=ids.INDICATOR, value=state["indicator"],
            options=indicator_options(store, state["city"], state["level"], state["bounds"], lang)), ids.INDICATOR, lang,
            "col-12 col-md-6 col-lg-3"),
        radios(ids.MODE, "mode", mode_options(lang), state["mode"], lang, "col-6 col-md-3 col-lg",
               box_id=ids.MODE_BOX, hidden=grid),
        labelled("change_from", dbc.Select(id=ids.CHANGE_FROM, options=year_options(firsts),
                                           value=str(state["from"]) if state["from"] is not None else None),
                 ids.CHANGE_FROM, lang, "col-6 col-md-2 col-lg", box_id=ids.CHANGE_BOX, hidden=not change),
        # A square is its own geometry and a change compares an area with itself: the choice of
        # boundaries applies to neither.
        radios(ids.BOUNDS, "bounds", bounds_options(store.target_years.get(state["level"]), lang), state["bounds"], lang,
               "col-12 col-md-6 col-lg", box_id=ids.BOUNDS_BOX, hidden=grid or change),
        radios(ids.CLASSES, "classes", class_options(lang), state["classes"], lang, "col-12 col-md-6 col-lg",
               box_id=ids.CLASSES_BOX, hidden=change),
    ], className="row g-2"), id=ids.FILTERS, className="controls filters")
    no_play, why = payload["play"]
    slider_row = html.Div([
        html.Div([
            html.Button(t("play", lang), id=ids.PLAY, className="btn btn-primary me-3 play-button", n_clicks=0,
                        disabled=no_play, title=why or None, **{"aria-pressed": "false", "aria-describedby": ids.PLAY_NOTE,
                                                                "data-play": t("play", lang), "data-pause": t("pause", lang)}),
            html.Label(t("year", lang), htmlFor=ids.YEAR, className="fw-semibold me-2", id="year-label"),
            html.Span(f"{state['from']} → {state['year']}" if change else state["year"], id=ids.YEAR_READOUT,
                      className="year-readout", **{"aria-live": "polite"}),
            html.Span(why, id=ids.PLAY_NOTE, className="small text-muted ms-3 play-note"),
            html.Span(frame["gap"] if frame else "", id=ids.YEAR_GAP, className="small ms-3 year-gap-note",
                      **{"aria-live": "polite"}),
        ], className="d-flex align-items-center flex-wrap mb-1"),
        html.Div([dbc.Input(id=ids.YEAR, class_name="year-range", **timeline.slider(state["year"])),
                  markup.raw(ids.YEAR_MARKS, payload["marks"])], className="year-slider", id="year-slider-wrap",
                 **{"data-label": t("year", lang), "data-valuetext": json.dumps(timeline.value_texts(lang))}),
        markup.block(ids.WAVE_BANDS, timeline.bands(lang)),
        dcc.Interval(id=ids.PLAY_INTERVAL, interval=1800, disabled=True),
    ], className="timeline")
    map_column = html.Div([
        html.Div(message, id=ids.MAP_MESSAGE),
        html.Div(id=ids.MAP_REGION, role="region", className="map-region",
                 **{"aria-label": frame["label"] if frame else ""}, children=[
            # The SVG from the server, in the page as it arrives (drawn before any script runs); a year
            # step paints it from the payload (assets/kaart.js, map.js); wheel zooms, a drag pans, a
            # double click or ⌂ goes back to the opening frame. The hover is for the mouse: the table says all.
            html.Div(id=ids.MAP, className="map", disable_n_clicks=True,
                     **({markup.ATTRIBUTE: shapes["svg"], "data-key": shapes["key"]} if shapes else {}),
                     # A grid map's squares for the hover (grid_map): not in the first HTML's copy.
                     **({"data-grid": json.dumps({**shapes["grid"], **frame}, separators=(",", ":"))}
                        if shapes.get("grid") else {})),
            html.Div(id=ids.MAP_TIP, className="map-tip", hidden=True, **{"aria-hidden": "true"}),
            markup.raw(ids.AREA_BADGE, "", className="area-badge", **{"aria-live": "polite"}),
            markup.block(None, zoom_buttons(lang), className="map-zoom", role="group",
                         **{"aria-label": t("zoom_group", lang)}),
            html.Span(formatting.attribution(lang), className="map-credit"),
        ]),
    ])
    table = None
    if state["table"] and frame:
        table = (grid_note(payload["texts"], len(store.cells(state["city"], state["level"], state["year"])), lang)
                 if grid else map_table(rows_of(frame, payload["names"][frame["key"]]), frame, payload["texts"],
                                        state["year"], lang))
    table_section = html.Section([
        html.Div([
            dbc.Switch(id=ids.TABLE_TOGGLE, label=t("table_toggle", lang), value=state["table"], className="mb-0"),
            html.Button(t("download_map_csv", lang), id=ids.TABLE_CSV_BUTTON, className="btn btn-outline-primary btn-sm"),
            dcc.Download(id=ids.TABLE_CSV),
        ], className="d-flex flex-wrap align-items-center gap-3 mb-2"),
        markup.block(ids.TABLE_WRAP, table),
    ], className="table-section mt-3", **{"aria-label": t("table_toggle", lang)})
    side = html.Div([
        markup.raw(ids.LEGEND, frame["legend"] if frame else "", className="legend-box mb-3", **{"aria-live": "polite"}),
        html.Div([dbc.Label(t("area", lang), html_for=ids.AREA, className="fw-semibold mb-1"),
                  # A native list to type in or pick from; what is typed is also looked up in every city
                  # (a name, a study area's name, a square's code).
                  dbc.Input(id=ids.AREA, type="text", list=ids.AREA_CHOICES, value=area_label, debounce=300,
                            placeholder=t("area_placeholder", lang), autocomplete="off"),
                  markup.raw(ids.AREA_CHOICES_BOX, area_options),
                  # The browser is asked for the location only when this is pressed (assets/kaart.js).
                  html.Button(t("my_area", lang), id=ids.MY_AREA, type="button", className="btn btn-outline-primary mt-2 my-area",
                              **{"data-asking": t("my_area_asking", lang)}),
                  dcc.Store(id=ids.MY_POSITION),
                  html.Div(id=ids.AREA_MESSAGE, role="status", className="small")], className="mb-2 area-picker"),
        html.Div(view.area_details(state["area"], state["indicator"], state["city"], state["level"], state["year"],
                                   state["bounds"], lang, present), id=ids.AREA_PANEL, className="mb-3 area-panel"),
        html.Section(view.comparison(",".join(state["compare"]) or None, state["indicator"], lang, present),
                     id=ids.COMPARE_BOX, className="mb-3 compare-box"),
        markup.raw(ids.WAVE_PANEL, waves["panels"][waves["years"].get(str(state["year"]), 0)] if state["year"] else "",
                   className="wave-panel", **{"data-waves": json.dumps(waves, separators=(",", ":"))}),
    ], className="side")
    content = [
        # The whole view for the browser (every year of it): a year step needs no request.
        dcc.Store(id=ids.VIEW, data=payload),
        dcc.Store(id=ids.SELECTED_AREA, data=state["area"] or ""),
        dcc.Store(id=ids.MAP_SHAPES), dcc.Store(id=ids.GEOMETRY_REQUEST),
        dcc.Store(id=ids.MAP_KEY, data=payload["key"]),
        dcc.Store(id=ids.COMPARE_AREAS, data=",".join(state["compare"])),
        html.Div([
            html.H1(frame["title"] if frame else view_title(store, state["city"], state["indicator"], None, lang),
                    id=ids.VIEW_TITLE, className="view-title"),
            html.Button(t("filters", lang), id=ids.FILTERS_TOGGLE, className="btn btn-outline-primary filters-toggle",
                        n_clicks=0, **{"aria-expanded": "false", "aria-controls": ids.FILTERS}),
        ], className="view-head"),
        controls,
        html.Div(id=ids.LEVEL_NOTICE, role="status"),
        dbc.Row([dbc.Col([map_column, slider_row], lg=8), dbc.Col(side, lg=4)], className="g-3 mt-0"),
        table_section,
        markup.block(None, dcc.Link(t("sources_and_method", lang), href=f"/over?lang={lang}"), html.P,
                     className="small mt-2 sources-link"),
    ]
    query = {"city": slug, "level": state["level"], "indicator": state["indicator"], "year": state["year"],
             "bounds": state["bounds"], "classes": state["classes"], "table": state["table"], "area": state["area"],
             "compare": state["compare"], "mode": state["mode"] if change else None,
             "from": state["from"] if change else None}
    return shell.frame(NAME, lang, present, problems, content, [key for key, _, _ in URL], query, embed=embed)


def zoom_buttons(lang):
    """+, −, the opening frame and the whole municipality (hidden where they are the same), and four
    arrows that move the view: the map without dragging, pinching or a wheel (WCAG 2.5.7), for a
    keyboard and a projector's remote. assets/map.js acts on data-zoom."""
    def button(how, symbol, key, extra=""):
        return html.Button(symbol, type="button", className=f"btn btn-light map-zoom-button{extra}", title=t(key, lang),
                           **{"data-zoom": how, "aria-label": t(key, lang)})
    return [button(how, symbol, key) for how, symbol, key in (("in", "+", "zoom_in"), ("out", "−", "zoom_out"),
                                                              ("home", "⌂", "zoom_home"))] + [
        html.Button(t("zoom_full", lang), type="button", className="btn btn-light map-zoom-button map-zoom-full",
                    **{"data-zoom": "full"}),
        html.Div([button(how, symbol, f"move_{how}", f" map-move-{how}") for how, symbol in
                  (("up", "↑"), ("left", "←"), ("down", "↓"), ("right", "→"))], className="map-move")]
