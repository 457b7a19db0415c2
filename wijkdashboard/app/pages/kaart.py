"""Kaart: a city's buurten or wijken coloured by an indicator, the year slider over the policy waves,
the chosen area over the years, any areas side by side, and the map's data as a table (and CSV).

One title line says what is on screen (city · indicator · year · policy wave): on a projector it is
the slide's title. On a phone the controls fold into a Filters panel so the map is above the fold.

The map is SVG from the server, in the page as it arrives. A year step answers with compact values
only (the browser writes them into the paths it holds); a new geometry (city, level, boundary year)
answers with the SVG."""

import json
import re
from html import escape

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import (ClientsideFunction, Input, Output, State, callback_context, clientside_callback, dcc, html,
                  no_update)

from ...core import codes as area_codes, formatting
from ...core.codes import CELL_PATTERN, GRID_RESOLUTION, MAP_LEVELS, is_grid
from ...core.indicators import breaks_of, catalogue
from ...core.provenance import product
from ...core.waves import waves_in
from ...layers import PRESENT
from .. import ids, provenance, shell, urlstate
from ..components import area_compare, area_panel, choropleth, grid_map, markup, timeline
from ..components.scroll import scroll_box
from ..context import current
from ..i18n import csv_headers, t
from ..store import BOUNDS, CLASS_METHODS, FIXED, PUBLISHED
from ..validation import boolean, count, one_of, text, year as year_rule, year_from_text, year_text

NAME, PATH = "kaart", "/"
URL = [("city", ids.CITY, "value"), ("level", ids.LEVEL, "value"), ("indicator", ids.INDICATOR, "value"),
       ("year", ids.YEAR, "value"), ("bounds", ids.BOUNDS, "value"), ("classes", ids.CLASSES, "value"),
       ("table", ids.TABLE_TOGGLE, "value"), ("area", ids.SELECTED_AREA, "data"), ("compare", ids.COMPARE_AREAS, "data")]
DEFAULT = {"level": "wijk", "indicator": "inhabitants"}


def indicator_options(store, city, level, bounds, lang):
    """Indicators with data here, the featured ones starred."""
    items = catalogue()
    return [{"label": ("★ " if items[i].featured else "") + items[i].label(lang), "value": i}
            for i in store.indicators(city, level, bounds)]


def city_options(store, lang):
    slugs = {code: s for s, code in urlstate.city_slugs(store).items()}
    return sorted(({"label": urlstate.city_name(store, c, lang), "value": slugs[c]} for c in store.municipalities),
                  key=lambda o: o["label"])


def level_options(lang, grid_levels=()):
    """Wijk and buurt; CBS's squares where the city has them."""
    return [{"label": t(f"level_{level}", lang), "value": level} for level in ("wijk", "buurt", *grid_levels)]


def bounds_options(target_year, lang):
    return [{"label": t("bounds_fixed", lang, year=target_year), "value": FIXED},
            {"label": t("bounds_published", lang), "value": PUBLISHED}]


def class_options(lang):
    return [{"label": t("classes_jenks", lang), "value": "jenks"},
            {"label": t("classes_quantiles", lang), "value": "quantiles"}]


def labelled(key, control, html_for, lang, columns):
    """columns: the grid's classes, on the control itself (a wrapper per control costs render time)."""
    return html.Div([dbc.Label(t(key, lang), html_for=html_for, className="fw-semibold mb-1"), control],
                    className=f"control {columns}")


def radios(component_id, key, options, value, lang, columns, box_id=None, hidden=False):
    """Radio buttons as one group: a fieldset named by its legend, one tab stop, arrows move."""
    return html.Fieldset([html.Legend(t(key, lang), className="fw-semibold mb-1 fs-6"),
                          dbc.RadioItems(id=component_id, options=options, value=value, inline=True)],
                         className=f"control {columns}", hidden=hidden, **({"id": box_id} if box_id else {}))


def view_title(store, city, indicator_id, year, lang):
    """'Rotterdam · Aandeel corporatiewoningen · 2014 · Herstructurering, Krachtwijken'."""
    parts = [urlstate.city_name(store, city, lang)]
    if indicator_id:
        parts.append(catalogue()[indicator_id].label(lang))
    if year is not None:
        parts.append(str(year))
        waves = [w.short(lang) for w in waves_in(year)]
        if waves:
            parts.append(", ".join(waves))
    return " · ".join(parts)


def play_state(years, lang):
    """(disabled, why): ▶ plays only where there are two years or more."""
    if len(years) >= 2:
        return False, ""
    if not years:
        return True, t("play_none", lang)
    return True, t("play_one", lang, year=years[0])


def first_view(parts, state, lang, present):
    """Everything the callbacks would draw as the page opens, drawn here instead."""
    city, level, indicator_id, year, bounds = (state[k] for k in ("city", "level", "indicator", "year", "bounds"))
    drawable = parts.drawable(city, level, indicator_id, year, bounds)
    view = {"shapes": None, "values": None, "key": None, "label": "", "legend": None, "table": None, "message": None}
    if drawable:
        view["shapes"], view["values"], view["key"] = parts.map_state(city, level, indicator_id, year, bounds,
                                                                      state["classes"], lang, selected=state["area"])
        view["label"] = view["values"]["label"]
        view["legend"] = parts.legend(city, level, indicator_id, year, bounds, state["classes"], lang)
        if state["table"]:
            view["table"] = parts.table(city, level, indicator_id, year, bounds, lang)
    elif not indicator_id:
        view["message"] = parts.nothing_here(city, level, lang)
    view["area_options"], view["area"] = parts.area_choices(city, level, year, bounds, state["area"])
    view["area_panel"] = parts.area_details(state["area"], indicator_id, city, level, year, bounds, lang, present)
    view["comparison"] = parts.comparison(",".join(state["compare"]) or None, indicator_id, lang, present)
    return view


def layout(**query):
    ctx = current()
    store = ctx.store
    lang, present = urlstate.common(query)
    opening = ctx.opening
    if not set(query) - set(urlstate.COMMON):
        # No view asked for: open on one that shows change, at its first year, ▶ ready.
        query = {**query, **{k: opening[k] for k in ("level", "indicator", "year")},
                 "city": urlstate.slug(urlstate.city_name(store, opening["city"]))}
    state, problems = urlstate.kaart(query, store, {**DEFAULT, "city": opening["city"]})
    slug = {code: s for s, code in urlstate.city_slugs(store).items()}[state["city"]]
    years = store.years(state["city"], state["level"], state["indicator"], state["bounds"]) if state["indicator"] else []
    no_play, why = play_state(years, lang)
    view = first_view(ctx.parts[NAME], state, lang, present)
    controls = html.Div(html.Div([
        # Native selects: on a phone the system's own picker, and no search index built as the page opens.
        labelled("city", dbc.Select(id=ids.CITY, options=city_options(store, lang), value=slug), ids.CITY, lang,
                 "col-12 col-md-3 col-lg-2"),
        radios(ids.LEVEL, "level", level_options(lang, store.grid_levels(state["city"])), state["level"], lang,
               "col-12 col-md-3 col-lg-2"),
        labelled("indicator", dbc.Select(
            id=ids.INDICATOR, value=state["indicator"],
            options=indicator_options(store, state["city"], state["level"], state["bounds"], lang)), ids.INDICATOR, lang,
            "col-12 col-md-6 col-lg-4"),
        # A square is its own geometry: the choice of boundaries does not apply to the grid.
        radios(ids.BOUNDS, "bounds", bounds_options(store.target_years.get(state["level"]), lang), state["bounds"], lang,
               "col-12 col-md-6 col-lg-2", box_id=ids.BOUNDS_BOX, hidden=is_grid(state["level"])),
        radios(ids.CLASSES, "classes", class_options(lang), state["classes"], lang, "col-12 col-md-6 col-lg-2"),
    ], className="row g-2"), id=ids.FILTERS, className="controls filters")
    slider_row = html.Div([
        html.Div([
            html.Button(t("play", lang), id=ids.PLAY, className="btn btn-primary me-3 play-button", n_clicks=0,
                        disabled=no_play, title=why or None, **{"aria-pressed": "false", "aria-describedby": ids.PLAY_NOTE}),
            html.Label(t("year", lang), htmlFor=ids.YEAR, className="fw-semibold me-2", id="year-label"),
            html.Span(state["year"], id=ids.YEAR_READOUT, className="year-readout", **{"aria-live": "polite"}),
            html.Span(why, id=ids.PLAY_NOTE, className="small text-muted ms-3 play-note"),
            html.Span(timeline.gap_before(state["year"], years, lang), id=ids.YEAR_GAP, className="small ms-3 year-gap-note",
                      **{"aria-live": "polite"}),
        ], className="d-flex align-items-center flex-wrap mb-1"),
        html.Div([dbc.Input(id=ids.YEAR, class_name="year-range", **timeline.slider(state["year"])),
                  markup.block(ids.YEAR_MARKS, timeline.marks(years, lang))], className="year-slider", id="year-slider-wrap",
                 **{"data-label": t("year", lang), "data-valuetext": json.dumps(timeline.value_texts(lang))}),
        markup.block(ids.WAVE_BANDS, timeline.bands(lang)),
        dcc.Interval(id=ids.PLAY_INTERVAL, interval=1800, disabled=True),
    ], className="timeline")
    map_column = html.Div([
        html.Div(view["message"], id=ids.MAP_MESSAGE),
        html.Div(id=ids.MAP_REGION, role="region", className="map-region", **{"aria-label": view["label"]}, children=[
            # The SVG from the server is written in by assets/map.js; wheel zooms, a drag pans, a double
            # click goes back to the whole city. The hover's text is for the mouse: the table says all.
            # The first map comes with the page as markup (drawn before any script runs); map.js redraws.
            html.Div(id=ids.MAP, className="map", disable_n_clicks=True,
                     **({markup.ATTRIBUTE: view["shapes"]["svg"], "data-key": view["key"]} if view["shapes"] else {}),
                     # A grid map's squares for the hover (grid_map.hover_data): not in the first HTML's copy.
                     **({"data-grid": json.dumps({**view["shapes"]["grid"], **view["values"]}, separators=(",", ":"))}
                        if view["shapes"] and view["shapes"].get("grid") else {})),
            html.Div(id=ids.MAP_TIP, className="map-tip", hidden=True, **{"aria-hidden": "true"}),
            html.Span(formatting.attribution(lang), className="map-credit"),
        ]),
    ])
    table_section = html.Section([
        html.Div([
            dbc.Switch(id=ids.TABLE_TOGGLE, label=t("table_toggle", lang), value=state["table"], className="mb-0"),
            html.Button(t("download_map_csv", lang), id=ids.TABLE_CSV_BUTTON, className="btn btn-outline-primary btn-sm"),
            dcc.Download(id=ids.TABLE_CSV),
        ], className="d-flex flex-wrap align-items-center gap-3 mb-2"),
        html.Div(view["table"], id=ids.TABLE_WRAP, style={"display": "block" if view["table"] else "none"}),
    ], className="table-section mt-3", **{"aria-label": t("table_toggle", lang)})
    side = html.Div([
        markup.block(ids.LEGEND, view["legend"], className="legend-box mb-3", **{"aria-live": "polite"}),
        html.Div([dbc.Label(t("area", lang), html_for=ids.AREA, className="fw-semibold mb-1"),
                  # A native list to type in or pick from: a dropdown widget indexes every option for its
                  # search as it mounts (a city's few hundred buurten cost a throttled phone ~0.1 s).
                  dbc.Input(id=ids.AREA, type="text", list=ids.AREA_CHOICES, value=view["area"], debounce=300,
                            placeholder=t("area_placeholder", lang), autocomplete="off"),
                  markup.raw(ids.AREA_CHOICES_BOX, view["area_options"])], className="mb-2 area-picker"),
        html.Div(view["area_panel"], id=ids.AREA_PANEL, className="mb-3 area-panel"),
        html.Section(view["comparison"], id=ids.COMPARE_BOX, className="mb-3 compare-box"),
        markup.block(ids.WAVE_PANEL, timeline.wave_panel(state["year"], lang), className="wave-panel"),
    ], className="side")
    content = [
        dcc.Store(id=ids.YEAR_LAST, data=state["year"]), dcc.Store(id=ids.YEARS, data=years),
        dcc.Store(id=ids.SELECTED_AREA, data=state["area"] or ""),
        # The first map is in the page (ids.MAP's markup): its Stores start empty and carry changes only.
        dcc.Store(id=ids.MAP_SHAPES), dcc.Store(id=ids.MAP_VALUES),
        dcc.Store(id=ids.MAP_KEY, data=view["key"]),
        dcc.Store(id=ids.COMPARE_AREAS, data=",".join(state["compare"])),
        html.Div([
            html.H1(view_title(store, state["city"], state["indicator"], state["year"], lang), id=ids.VIEW_TITLE,
                    className="view-title"),
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
             "compare": state["compare"]}
    return shell.frame(NAME, lang, present, problems, content, [key for key, _, _ in URL], query)


class Parts:
    """What the first render and the callbacks both draw, so the page arrives whole: no callback runs
    as it opens (each would cost a round trip and a re-render of the page on a phone)."""

    def __init__(self, ctx):
        self.store, self.opening = ctx.store, ctx.opening
        self.slugs = urlstate.city_slugs(ctx.store)
        self.slugs_by_code = {code: s for s, code in self.slugs.items()}
        self.arrays = ctx.memo.memoize(self._arrays)
        # The first view is drawn twice (the first HTML, then the layout request): the SVG once.
        self.shapes = ctx.memo.memoize(self._shapes)
        self.grid_shapes = ctx.memo.memoize(self._grid_shapes)
        self.grid_values = ctx.memo.memoize(self._grid_values)

    def _arrays(self, city, level, indicator_id, year, bounds, classes, lang):
        frame = self.store.values(city, level, indicator_id, year, bounds)
        return choropleth.arrays(frame, catalogue()[indicator_id], year, lang,
                                 self.store.classes(city, level, indicator_id, bounds, classes),
                                 self.store.target_years.get(level))

    def drawable(self, city, level, indicator_id, year, bounds):
        return bool(indicator_id) and year is not None and year in self.store.years(city, level, indicator_id, bounds)

    def map_state(self, city, level, indicator_id, year, bounds, classes, lang, current_key=None, selected=None):
        """(shapes or None when the browser holds them, values, key): the map's two Stores and its key."""
        store = self.store
        indicator = catalogue()[indicator_id]
        if is_grid(level):
            return self.grid_state(city, level, indicator_id, year, classes, lang, current_key, selected)
        boundary_year = store.boundary_year(city, level, year, bounds)
        key = f"{city}|{level}|{boundary_year}"
        data = self.arrays(city, level, indicator_id, year, bounds, classes, lang)
        label = t("map_label", lang, city=urlstate.city_name(store, city, lang), indicator=indicator.label(lang),
                  year=year)
        values = choropleth.wire(data, key, label, year)
        if current_key == key:
            return None, values, key
        return self.shapes(city, level, indicator_id, year, bounds, classes, lang, selected, key, label), values, key

    def grid_state(self, city, level, indicator_id, year, classes, lang, current_key=None, selected=None):
        """The grid's map, like an area map: the squares' places go once per (city, grid, year) with the
        SVG; a change of indicator, classes or language sends the class paths and the squares' values."""
        indicator = catalogue()[indicator_id]
        key = f"{city}|{level}|{year}"
        label = t("map_label", lang, city=urlstate.city_name(self.store, city, lang), indicator=indicator.label(lang),
                  year=year)
        values = {**self.grid_values(city, level, indicator_id, year, classes, lang), "key": key, "label": label,
                  "year": year, "heading": f"{indicator.label(lang)} {year}"}
        if current_key == key:
            return None, values, key
        return self.grid_shapes(city, level, indicator_id, year, classes, lang, selected, key, label), values, key

    def _grid_values(self, city, level, indicator_id, year, classes, lang):
        frame = self.store.values(city, level, indicator_id, year, FIXED)
        return grid_map.values(frame, self.arrays(city, level, indicator_id, year, FIXED, classes, lang), level, year, lang)

    def _grid_shapes(self, city, level, indicator_id, year, classes, lang, selected, key, label):
        store = self.store
        frame = store.values(city, level, indicator_id, year, FIXED)
        data = self.arrays(city, level, indicator_id, year, FIXED, classes, lang)
        names = {code: store.name("buurt", int(by), code) for code, by in
                 frame[["buurt", "buurt_year"]].dropna().drop_duplicates().itertuples(index=False)}
        cells = self.grid_values(city, level, indicator_id, year, classes, lang)["cells"]
        return {"key": key, "svg": grid_map.svg(frame, data, level, label, store.outlines(city), selected, cells),
                "grid": grid_map.places(frame, level, names)}

    def _shapes(self, city, level, indicator_id, year, bounds, classes, lang, selected, key, label):
        store = self.store
        frame = store.values(city, level, indicator_id, year, bounds)
        data = self.arrays(city, level, indicator_id, year, bounds, classes, lang)
        return choropleth.shapes(store.geojson(city, level, store.boundary_year(city, level, year, bounds)), frame,
                                 data, key, label, lang, selected)

    def nothing_here(self, city, level, lang):
        """No figures for this city at this level: said in a reader's words, with the nearest view that
        has figures one click away."""
        store = self.store
        name = urlstate.city_name(store, city, lang)
        level_word = t(f"level_{level}", lang).split(" ")[0].lower()
        other = "wijk" if level == "buurt" else "buurt"
        if store.indicators(city, other):
            target = {"city": self.slugs_by_code[city], "level": other}
            offer = t("nearest_level", lang, city=name, level=t(f"level_{other}", lang).split(" ")[0].lower())
        else:
            view = self.opening
            target = {"city": self.slugs_by_code[view["city"]], "level": view["level"], "indicator": view["indicator"]}
            offer = t("nearest_view", lang, city=urlstate.city_name(store, view["city"], lang))
        query = "&".join(f"{k}={v}" for k, v in target.items())
        return dbc.Alert([html.P(t("no_indicators", lang, city=name, level=level_word), className="mb-1"),
                          dcc.Link(offer, href=f"/?{query}&lang={lang}", className="alert-link")],
                         color="warning", className="nothing-here")

    def legend(self, city, level, indicator_id, year, bounds, classes, lang):
        store = self.store
        indicator = catalogue()[indicator_id]
        frame = store.values(city, level, indicator_id, year, bounds)
        data = self.arrays(city, level, indicator_id, year, bounds, classes, lang)
        boundary_year = store.boundary_year(city, level, year, bounds)
        items = [html.Li([html.Span(className="swatch", style={"background": colour}), label])
                 for colour, label in choropleth.legend_items(data, indicator, lang)]
        items.append(html.Li([html.Span(className="swatch swatch-missing", style={"background": choropleth.MISSING}),
                              t("legend_missing", lang, n=data["missing"])]))
        breaks = [html.P(note, className="small series-break")
                  for _, note in definition_breaks(store, city, level, indicator.id, lang, bounds)]
        if is_grid(level):
            return self.grid_legend(frame, data, indicator, items, level, year, lang)
        references = [html.P(note, className="small mb-1 reference-note")
                      for note in provenance.reference_notes(frame.assign(year=year), indicator.id, lang)]
        return [html.H2(f"{indicator.label(lang)} ({indicator.unit_in(lang)})", className="h5 legend-title"),
                html.Ul(items, className="legend"), *breaks, *references, class_years(data, lang),
                html.P(t(f"direction_{indicator.direction}", lang), className="small mb-1 legend-detail"),
                html.P(indicator.definition(lang), className="small mb-1 legend-detail"),
                html.P([t("year_and_bounds", lang, year=year, bounds=boundary_year), " ",
                        f"{t('source', lang)}: {'; '.join(sources_of(frame, lang)) or '—'}; Kadaster — CC BY 4.0. ",
                        dcc.Link(t("sources_and_method", lang), href=f"/over?lang={lang}#indicator-{indicator.id}")],
                       className="small text-muted legend-detail")]

    def grid_legend(self, frame, data, indicator, items, level, year, lang):
        buurt_years = sorted({int(y) for y in frame["buurt_year"].dropna()})
        rounding = {"count": "grid_rounding_count", "share": "grid_rounding_share"}.get(indicator.kind)
        if indicator.id == "pct_social_rent":
            rounding = "grid_rounding_derived"
        grid_name = t("grid_product", lang, year=year, size=GRID_RESOLUTION[level])
        return [html.H2(f"{indicator.label(lang)} ({indicator.unit_in(lang)})", className="h5 legend-title"),
                html.Ul(items, className="legend"), class_years(data, lang),
                html.P(f"{t(rounding, lang)}." if rounding else "", className="small mb-1 legend-detail"),
                html.P(t("grid_legend_note", lang, year=", ".join(map(str, buurt_years)) or "—"),
                       className="small mb-1 legend-detail"),
                html.P(indicator.definition(lang), className="small mb-1 legend-detail"),
                html.P([f"{t('source', lang)}: CBS {grid_name}; Kadaster — CC BY 4.0. ",
                        dcc.Link(t("sources_and_method", lang), href=f"/over?lang={lang}#indicator-{indicator.id}")],
                       className="small text-muted legend-detail")]

    def table_rows(self, city, level, indicator_id, year, bounds, lang):
        frame = self.store.values(city, level, indicator_id, year, bounds)
        if is_grid(level):
            source = f"CBS {t('grid_product', lang, year=year, size=GRID_RESOLUTION[level])}"
            return [{**row, "source": source} for row in grid_map.cell_rows(frame, catalogue()[indicator_id], lang)]
        target = self.store.target_years.get(level)
        return [{"name": r.name or r.code, "code": r.code, "value": float(r.value) if r.status in PRESENT else None,
                 "status": choropleth.status_text(r.status, lang, year, _year(r.boundary_year), target),
                 "source": provenance.sources(r.table, r.release, r.source, lang)}
                for r in frame.itertuples()]

    def table(self, city, level, indicator_id, year, bounds, lang):
        indicator = catalogue()[indicator_id]
        if is_grid(level):  # thousands of squares: the CSV holds them, the screen says so
            n = len(self.store.cells(city, level, year))
            return html.P(t("grid_table_note", lang, n=formatting.number(n, 0, lang)), className="grid-table-note")
        rows = self.table_rows(city, level, indicator_id, year, bounds, lang)
        caption = t("table_caption", lang, indicator=indicator.label(lang), unit=indicator.unit_in(lang), year=year)
        return map_table(rows, indicator, caption, lang)

    def _areas(self, city, level, year, bounds):
        return self.store.areas(city, level, self.store.boundary_year(city, level, year, bounds)).sort_values("name")

    def area_choices(self, city, level, year, bounds, selected):
        """The area box is the keyboard's way to pick an area; it mirrors the selection. (The list of
        'Name (code)' as a datalist's markup, the chosen area's entry.)"""
        if year is None:
            return "", ""
        if is_grid(level):  # a square is typed by its code; thousands are no list to pick from
            return "", selected if selected and CELL_PATTERN.match(selected) else ""
        labels = {r.code: f"{r.name or r.code} ({r.code})" for r in self._areas(city, level, year, bounds).itertuples()}
        options = "".join(f'<option value="{escape(label)}"></option>' for label in labels.values())
        return f'<datalist id="{ids.AREA_CHOICES}">{options}</datalist>', labels.get(selected, "")

    def area_code(self, text_value, city, level, year, bounds):
        """The code in a 'Name (code)' entry, if it is one of the areas shown; None otherwise. On the grid,
        a square's code as typed (E0974N4514)."""
        if is_grid(level):
            typed = (text_value or "").strip().upper()
            cells = self.store.cells(city, level, year) if year is not None else None
            return typed if CELL_PATTERN.match(typed) and cells is not None and typed in set(cells["cell"]) else None
        match = re.search(r"\(([A-Z]{2}\d{4}[0-9A-Z]{0,6})\)\s*$", text_value or "")
        if not match or year is None:
            return None
        return match.group(1) if match.group(1) in set(self._areas(city, level, year, bounds)["code"]) else None

    def area_details(self, code, indicator_id, city, level, year, bounds, lang, present):
        store = self.store
        if is_grid(level):
            return self.cell_details(code, indicator_id, city, level, year, lang)
        if code and indicator_id and year is not None and bounds != FIXED:
            code = store.to_fixed_code(city, level, store.boundary_year(city, level, year, bounds), code)
        if not code or not indicator_id or year is None:
            return html.P(t("area_help", lang), className="text-muted")
        target = store.target_years[level]
        if code not in set(store.areas(city, level, target)["code"]):
            return html.P(t("area_help", lang), className="text-muted")
        area, city_series = store.series(city, level, indicator_id, code)
        add = html.Button(t("compare_add", lang), id=ids.COMPARE_ADD, n_clicks=0,
                          className="btn btn-sm btn-outline-primary text-nowrap", **{"data-code": code})
        return area_panel.panel(store.name(level, target, code) or code, code, catalogue()[indicator_id], area,
                                city_series, urlstate.city_name(store, city, lang), target,
                                store.code_history(level, code, target), lang, ids.AREA_SERIES,
                                definition_breaks(store, city, level, indicator_id, lang), bool(present), add)

    def cell_details(self, code, indicator_id, city, level, year, lang):
        """The chosen square: every figure it has that year (with CBS's rounding or why there is none),
        its corner and the buurt its centre lies in, one click from that buurt's map."""
        store = self.store
        cells = store.cells(city, level, year) if year is not None else None
        if not code or cells is None or code not in set(cells["cell"]):
            return html.P(t("grid_panel_help", lang), className="text-muted")
        cell = cells[cells["cell"] == code].iloc[0]
        size = GRID_RESOLUTION[level]
        rows = []
        for indicator_id_ in store.indicators(city, level):
            frame = store.frame(FIXED, city, level, indicator_id_)
            mine = frame[(frame["cell"] == code) & (frame["year"] == int(year))]
            if mine.empty:
                continue
            r, item = mine.iloc[0], catalogue()[indicator_id_]
            shown = (f"{formatting.value(r['value'], item, lang)} {item.unit_in(lang)}" if r["status"] in PRESENT
                     else grid_map.status_text(r["status"], lang))
            rows.append(html.Tr([html.Th(item.label(lang), scope="row"), html.Td(shown, className="num")],
                                className="table-active" if indicator_id_ == indicator_id else None))
        buurt = cell["buurt"] if isinstance(cell["buurt"], str) else None
        if buurt:
            name = store.name("buurt", int(cell["buurt_year"]), buurt) or buurt
            where = [t("grid_panel_buurt", lang, name=name, code=buurt, year=int(cell["buurt_year"])), " ",
                     dcc.Link(t("grid_open_buurt", lang, name=name), href="/" + urlstate.to_search(
                         {"city": self.slugs_by_code[city], "level": "buurt", "area": buurt, "lang": lang}))]
        else:
            where = [t("grid_panel_no_buurt", lang)]
        return html.Div([
            html.H2(t("grid_panel_heading", lang, code=code, size=size), className="h5 mb-1"),
            html.P(where, className="small mb-1"),
            html.P(t("grid_corner", lang, x=formatting.number(cell["x"], 0, lang), y=formatting.number(cell["y"], 0, lang)),
                   className="small text-muted mb-1"),
            html.Table([html.Caption(t("grid_values_caption", lang, year=year)), html.Tbody(rows)],
                       className="table table-sm small grid-cell-table"),
            html.P(f"{t('source', lang)}: CBS {t('grid_product', lang, year=year, size=size)}. "
                   f"{t('grid_rounding_count', lang)}; {t('grid_rounding_share', lang).lower()}.",
                   className="small text-muted"),
        ])

    def buurt_of_cell(self, city, cell, year):
        """The buurt a square's centre lies in (of the grid's latest year if the year has no squares)."""
        for level in self.store.grid_levels(city):
            years = self.store.years(city, level, "inhabitants") or []
            for y in ([year] if year in years else []) + years[::-1]:
                cells = self.store.cells(city, level, y)
                hit = cells[cells["cell"] == cell]
                if len(hit) and isinstance(hit.iloc[0]["buurt"], str):
                    return hit.iloc[0]["buurt"]
        return None

    def compared(self, chosen, indicator_id, lang):
        """(code, label, municipality name, level, series frame) per chosen area, in order."""
        store = self.store
        out = []
        for code in urlstate.area_codes(chosen):
            if not urlstate.known_area(store, code):
                continue
            city, level = area_codes.municipality_of(code), area_codes.level_of(code)
            name = store.name(level, store.target_years[level], code) or code
            city_name = urlstate.city_name(store, city, lang)
            series, _ = store.series(city, level, indicator_id, code)
            level_word = t(f"level_{level}", lang).split(" ")[0].lower()
            out.append((code, f"{name} ({city_name}, {level_word})", city_name, level, series))
        return out

    def comparison(self, chosen, indicator_id, lang, present):
        rows = self.compared(chosen, indicator_id, lang) if indicator_id else []
        heading = html.H2(t("compare_areas_heading", lang, n=len(rows)), className="h5")
        if not rows:
            return [heading, html.P(t("compare_areas_help", lang), className="small text-muted")]
        indicator = catalogue()[indicator_id]
        series = [(label, frame) for _, label, _, _, frame in rows]
        table = area_compare.series_table(series)
        return [
            heading,
            dbc.Checklist(id=ids.COMPARE_CHOSEN, value=[code for code, *_ in rows],
                          options=[{"label": label, "value": code} for code, label, *_ in rows], className="mb-2"),
            dcc.Graph(figure=area_compare.figure(series, indicator, lang, bool(present)), config={"displayModeBar": False},
                      className="compare-areas-chart"),
            area_compare.table_component(table, [label for label, _ in series], indicator, lang),
            html.Button(t("download_csv", lang), id=ids.COMPARE_AREAS_CSV_BUTTON, n_clicks=0,
                        className="btn btn-sm btn-outline-primary"),
            dcc.Download(id=ids.COMPARE_AREAS_CSV),
        ]


def register(app, ctx):
    store = ctx.store
    parts = ctx.parts[NAME] = Parts(ctx)
    dash.register_page(__name__, path=PATH, name="Kaart", title=shell.page_title(None), layout=layout)
    slugs = parts.slugs
    indicators = list(catalogue())
    rules = ctx.rules
    for component, prop, rule in [
        (ids.CITY, "value", one_of(slugs)), (ids.LEVEL, "value", one_of(MAP_LEVELS)),
        (ids.INDICATOR, "value", one_of(indicators, optional=True)), (ids.BOUNDS, "value", one_of(BOUNDS)),
        (ids.CLASSES, "value", one_of(CLASS_METHODS)),
        (ids.YEAR_LAST, "data", year_rule()), (ids.YEARS, "data", years_rule),
        (ids.LANG, "data", one_of(urlstate.LANGS)), (ids.PRESENT, "data", boolean()),
        (ids.TABLE_TOGGLE, "value", boolean()),
        (ids.MAP_KEY, "data", text(100)),
        (ids.AREA, "value", text(200)), (ids.SELECTED_AREA, "data", text(12)),
        (ids.PLAY, "n_clicks", count()), (ids.PLAY_INTERVAL, "n_intervals", count()),
        (ids.PLAY_INTERVAL, "disabled", boolean()), (ids.TABLE_CSV_BUTTON, "n_clicks", count()),
        (ids.COMPARE_AREAS, "data", text(200)), (ids.COMPARE_ADD, "n_clicks", count()),
        (ids.COMPARE_CHOSEN, "value", codes_rule), (ids.COMPARE_AREAS_CSV_BUTTON, "n_clicks", count()),
    ]:
        rules.add(component, prop, rule)
    # The year input sends text; every callback gets the year as a number.
    rules.add(ids.YEAR, "value", year_text(), coerce=year_from_text)

    def city_code(slug):
        return slugs[slug]

    @app.callback(Output(ids.INDICATOR, "options"), Output(ids.INDICATOR, "value"), Output(ids.LEVEL_NOTICE, "children"),
                  Input(ids.CITY, "value"), Input(ids.LEVEL, "value"), Input(ids.BOUNDS, "value"),
                  State(ids.INDICATOR, "value"), State(ids.LANG, "data"), prevent_initial_call=True)
    def indicator_choices(slug, level, bounds, current_indicator, lang):
        """The indicators this city has at this level; where the chosen one is not among them, the
        switch to another is said, not done silently."""
        city = city_code(slug)
        options = indicator_options(store, city, level, bounds, lang)
        available = [o["value"] for o in options]
        if current_indicator in available:
            return options, no_update, None
        chosen = urlstate.default_indicator(available, DEFAULT["indicator"])
        if not current_indicator or not chosen:
            return options, chosen, None
        level_word = t(f"level_{level}", lang).split(" ")[0].lower()
        notice = dbc.Alert(t("indicator_replaced", lang, indicator=catalogue()[current_indicator].label(lang),
                             level=level_word, city=urlstate.city_name(store, city, lang),
                             shown=catalogue()[chosen].label(lang)), color="info", dismissable=True, className="py-2")
        return options, chosen, notice

    @app.callback(Output(ids.YEARS, "data"), Output(ids.YEAR_MARKS, markup.ATTRIBUTE),
                  Output(ids.YEAR, "value"), Output(ids.PLAY, "disabled"), Output(ids.PLAY, "title"),
                  Output(ids.PLAY_NOTE, "children"),
                  Input(ids.CITY, "value"), Input(ids.LEVEL, "value"), Input(ids.INDICATOR, "value"),
                  Input(ids.BOUNDS, "value"), State(ids.YEAR, "value"), State(ids.LANG, "data"), prevent_initial_call=True)
    def year_choices(slug, level, indicator_id, bounds, year, lang):
        years = store.years(city_code(slug), level, indicator_id, bounds) if indicator_id else []
        disabled, why = play_state(years, lang)
        return (years, markup.html_of(timeline.marks(years, lang)),
                no_update if year in years else (years[-1] if years else None), disabled, why or None, why)

    @app.callback(Output(ids.YEAR, "value", allow_duplicate=True), Output(ids.YEAR_LAST, "data"),
                  Input(ids.YEAR, "value"), State(ids.YEARS, "data"), State(ids.YEAR_LAST, "data"),
                  prevent_initial_call=True)
    def snap_to_data_year(value, years, last):
        """The slider runs on the calendar (so the waves line up) but only data years can be chosen: an
        arrow key steps to the next data year that way, a drag lands on the nearest one."""
        years = sorted(years or [])
        if value is None or not years or value in years:
            return no_update, value
        if last is not None and abs(value - last) == 1:
            ahead = [y for y in years if (y > last if value > last else y < last)]
            target = (min(ahead) if value > last else max(ahead)) if ahead else last
        else:
            target = min(years, key=lambda y: (abs(y - value), -y))
        return target, target

    @app.callback(Output(ids.VIEW_TITLE, "children"),
                  Input(ids.CITY, "value"), Input(ids.INDICATOR, "value"), Input(ids.YEAR, "value"),
                  State(ids.YEARS, "data"), State(ids.LANG, "data"), prevent_initial_call=True)
    def title(slug, indicator_id, year, years, lang):
        if year is not None and years and year not in years:
            return no_update  # between data years: the snap follows
        return view_title(store, city_code(slug), indicator_id, year, lang)

    @app.callback(Output(ids.MAP_SHAPES, "data"), Output(ids.MAP_VALUES, "data"), Output(ids.MAP_KEY, "data"),
                  Output(ids.MAP_MESSAGE, "children"),
                  Input(ids.CITY, "value"), Input(ids.LEVEL, "value"), Input(ids.INDICATOR, "value"),
                  Input(ids.YEAR, "value"), Input(ids.BOUNDS, "value"), Input(ids.CLASSES, "value"),
                  State(ids.LANG, "data"), State(ids.MAP_KEY, "data"), State(ids.SELECTED_AREA, "data"),
                  prevent_initial_call=True)
    def draw_map(slug, level, indicator_id, year, bounds, classes, lang, current_key, selected):
        """A new geometry sends the SVG; any other change only the compact values."""
        city = city_code(slug)
        if not indicator_id:
            return {"key": None, "svg": ""}, None, None, parts.nothing_here(city, level, lang)
        if not parts.drawable(city, level, indicator_id, year, bounds):
            return no_update, no_update, no_update, no_update  # between data years: the snap follows
        shapes, values, key = parts.map_state(city, level, indicator_id, year, bounds, classes, lang, current_key,
                                              selected)
        # The key of the geometry the browser holds travels as a small Store, not as the whole SVG.
        return (no_update if shapes is None else shapes), values, key, None

    clientside_callback(
        ClientsideFunction(namespace="wijk", function_name="drawMap"),
        Output(ids.MAP_REGION, "aria-label"), Output(ids.YEAR_READOUT, "children"),
        Input(ids.MAP_SHAPES, "data"), Input(ids.MAP_VALUES, "data"), Input(ids.SELECTED_AREA, "data"),
        prevent_initial_call=True)

    clientside_callback(
        ClientsideFunction(namespace="wijk", function_name="toggleFilters"),
        Output(ids.FILTERS_TOGGLE, "aria-expanded"), Input(ids.FILTERS_TOGGLE, "n_clicks"), prevent_initial_call=True)

    @app.callback(Output(ids.LEGEND, markup.ATTRIBUTE),
                  Input(ids.CITY, "value"), Input(ids.LEVEL, "value"), Input(ids.INDICATOR, "value"),
                  Input(ids.YEAR, "value"), Input(ids.BOUNDS, "value"), Input(ids.CLASSES, "value"),
                  State(ids.LANG, "data"), prevent_initial_call=True)
    def draw_legend(slug, level, indicator_id, year, bounds, classes, lang):
        city = city_code(slug)
        if not indicator_id:
            return ""
        if not parts.drawable(city, level, indicator_id, year, bounds):
            return no_update
        return markup.html_of(parts.legend(city, level, indicator_id, year, bounds, classes, lang))

    @app.callback(Output(ids.TABLE_WRAP, "style"), Output(ids.TABLE_WRAP, "children"),
                  Input(ids.TABLE_TOGGLE, "value"), Input(ids.CITY, "value"), Input(ids.LEVEL, "value"),
                  Input(ids.INDICATOR, "value"), Input(ids.YEAR, "value"), Input(ids.BOUNDS, "value"),
                  State(ids.LANG, "data"), prevent_initial_call=True)
    def table(show, slug, level, indicator_id, year, bounds, lang):
        city = city_code(slug)
        if not show or not indicator_id or year is None:
            return {"display": "none"}, None
        if not parts.drawable(city, level, indicator_id, year, bounds):
            return no_update, no_update
        return {"display": "block"}, parts.table(city, level, indicator_id, year, bounds, lang)

    @app.callback(Output(ids.TABLE_CSV, "data"), Input(ids.TABLE_CSV_BUTTON, "n_clicks"),
                  State(ids.CITY, "value"), State(ids.LEVEL, "value"), State(ids.INDICATOR, "value"),
                  State(ids.YEAR, "value"), State(ids.BOUNDS, "value"), State(ids.LANG, "data"), prevent_initial_call=True)
    def download(n, slug, level, indicator_id, year, bounds, lang):
        city = city_code(slug)
        if not n or not parts.drawable(city, level, indicator_id, year, bounds):
            return no_update
        indicator = catalogue()[indicator_id]
        frame = pd.DataFrame(parts.table_rows(city, level, indicator_id, year, bounds, lang))
        frame.insert(2, "year", year)
        frame.insert(3, "indicator", indicator_id)
        frame.insert(4, "unit", indicator.unit_in(lang))
        return dcc.send_string(formatting.attributed_csv(frame, lang, csv_headers(frame.columns, lang)),
                               f"wijkdashboard_{slug}_{level}_{indicator_id}_{year}.csv")

    @app.callback(Output(ids.WAVE_PANEL, markup.ATTRIBUTE), Output(ids.YEAR_GAP, "children"), Input(ids.YEAR, "value"),
                  State(ids.YEARS, "data"), State(ids.LANG, "data"), prevent_initial_call=True)
    def waves(year, years, lang):
        if year is not None and years and year not in years:
            return no_update, no_update
        return markup.html_of(timeline.wave_panel(year, lang)), timeline.gap_before(year, years, lang)

    @app.callback(Output(ids.AREA_CHOICES_BOX, markup.ATTRIBUTE), Output(ids.AREA, "value"),
                  Input(ids.CITY, "value"), Input(ids.LEVEL, "value"), Input(ids.YEAR, "value"),
                  Input(ids.BOUNDS, "value"), Input(ids.SELECTED_AREA, "data"), prevent_initial_call=True)
    def area_choices(slug, level, year, bounds, selected):
        return parts.area_choices(city_code(slug), level, year, bounds, selected)

    @app.callback(Output(ids.SELECTED_AREA, "data", allow_duplicate=True), Input(ids.LEVEL, "value"),
                  State(ids.SELECTED_AREA, "data"), State(ids.CITY, "value"), State(ids.YEAR, "value"),
                  prevent_initial_call=True)
    def area_at_level(level, selected, slug, year):
        """From buurt to wijk the chosen buurt's wijk stays chosen (its code says which); from a square
        to the buurt map, the buurt its centre lies in; an area means nothing on the grid."""
        if not selected:
            return no_update
        if CELL_PATTERN.match(selected) and not is_grid(level):
            buurt = parts.buurt_of_cell(city_code(slug), selected, year)
            return (area_codes.wijk_of(buurt) if level == "wijk" else buurt) if buurt else ""
        if is_grid(level) and not CELL_PATTERN.match(selected):
            return ""
        if level == "wijk" and selected.startswith("BU"):
            return area_codes.wijk_of(selected)
        return no_update

    @app.callback(Output(ids.LEVEL, "options"), Output(ids.LEVEL, "value", allow_duplicate=True),
                  Input(ids.CITY, "value"), State(ids.LEVEL, "value"), State(ids.LANG, "data"),
                  prevent_initial_call=True)
    def levels_of_city(slug, level, lang):
        """CBS's squares are offered where the city has them; a grid level the new city lacks becomes buurt."""
        grid_levels = store.grid_levels(city_code(slug))
        return level_options(lang, grid_levels), (no_update if not is_grid(level) or level in grid_levels else "buurt")

    @app.callback(Output(ids.BOUNDS_BOX, "hidden"), Input(ids.LEVEL, "value"), prevent_initial_call=True)
    def bounds_apply(level):
        return is_grid(level)

    @app.callback(Output(ids.SELECTED_AREA, "data", allow_duplicate=True), Input(ids.AREA, "value"),
                  State(ids.SELECTED_AREA, "data"), State(ids.CITY, "value"), State(ids.LEVEL, "value"),
                  State(ids.YEAR, "value"), State(ids.BOUNDS, "value"), prevent_initial_call=True)
    def choose_area(value, selected, slug, level, year, bounds):
        """A typed or picked 'Name (code)' chooses that area; text that names none yet changes nothing."""
        code = parts.area_code(value, city_code(slug), level, year, bounds)
        return no_update if code is None or code == selected else code

    @app.callback(Output(ids.AREA_PANEL, "children"),
                  Input(ids.SELECTED_AREA, "data"), Input(ids.INDICATOR, "value"),
                  State(ids.CITY, "value"), State(ids.LEVEL, "value"), State(ids.YEAR, "value"),
                  State(ids.BOUNDS, "value"), State(ids.LANG, "data"), State(ids.PRESENT, "data"),
                  prevent_initial_call=True)
    def area_details(code, indicator_id, slug, level, year, bounds, lang, present):
        return parts.area_details(code, indicator_id, city_code(slug), level, year, bounds, lang, present)

    @app.callback(Output(ids.COMPARE_AREAS, "data"), Input(ids.COMPARE_ADD, "n_clicks"),
                  State(ids.SELECTED_AREA, "data"), State(ids.CITY, "value"), State(ids.LEVEL, "value"),
                  State(ids.YEAR, "value"), State(ids.BOUNDS, "value"), State(ids.COMPARE_AREAS, "data"),
                  prevent_initial_call=True)
    def add_to_comparison(n, code, slug, level, year, bounds, chosen):
        if not n or not code or year is None:
            return no_update
        city = city_code(slug)
        if bounds != FIXED:
            code = store.to_fixed_code(city, level, store.boundary_year(city, level, year, bounds), code)
        codes_ = urlstate.area_codes(chosen)
        if not code or code in codes_ or len(codes_) >= urlstate.MAX_COMPARED:
            return no_update
        return ",".join(codes_ + [code])

    @app.callback(Output(ids.COMPARE_AREAS, "data", allow_duplicate=True), Input(ids.COMPARE_CHOSEN, "value"),
                  State(ids.COMPARE_AREAS, "data"), prevent_initial_call=True)
    def remove_from_comparison(kept, chosen):
        """Unticking an area takes it out of the comparison."""
        if kept is None:
            return no_update
        codes_ = [c for c in urlstate.area_codes(chosen) if c in kept]
        return ",".join(codes_) or None

    @app.callback(Output(ids.COMPARE_BOX, "children"), Input(ids.COMPARE_AREAS, "data"), Input(ids.INDICATOR, "value"),
                  State(ids.LANG, "data"), State(ids.PRESENT, "data"), prevent_initial_call=True)
    def comparison(chosen, indicator_id, lang, present):
        return parts.comparison(chosen, indicator_id, lang, present)

    @app.callback(Output(ids.COMPARE_AREAS_CSV, "data"), Input(ids.COMPARE_AREAS_CSV_BUTTON, "n_clicks"),
                  State(ids.COMPARE_AREAS, "data"), State(ids.INDICATOR, "value"), State(ids.LANG, "data"),
                  prevent_initial_call=True)
    def download_comparison(n, chosen, indicator_id, lang):
        if not n or not indicator_id:
            return no_update
        rows = [(code, label.split(" (")[0], city, level, frame)
                for code, label, city, level, frame in parts.compared(chosen, indicator_id, lang)]
        return dcc.send_string(area_compare.csv_text(rows, catalogue()[indicator_id], lang, store.target_years),
                               f"wijkdashboard_gebieden_{indicator_id}.csv")

    @app.callback(Output(ids.PLAY_INTERVAL, "disabled"), Output(ids.PLAY, "children"), Output(ids.PLAY, "aria-pressed"),
                  Input(ids.PLAY, "n_clicks"), State(ids.PLAY_INTERVAL, "disabled"), State(ids.LANG, "data"),
                  prevent_initial_call=True)
    def play_pause(_, disabled, lang):
        disabled = not disabled if callback_context.triggered_id == ids.PLAY else disabled
        return disabled, t("play" if disabled else "pause", lang), "false" if disabled else "true"

    @app.callback(Output(ids.YEAR, "value", allow_duplicate=True), Input(ids.PLAY_INTERVAL, "n_intervals"),
                  State(ids.YEARS, "data"), State(ids.YEAR, "value"), prevent_initial_call=True)
    def advance(_, years, year):
        years = sorted(years or [])
        if not years:
            return no_update
        later = [y for y in years if year is None or y > year]
        return later[0] if later else years[0]

    shell.url_writer(app, NAME, [(component, prop) for _, component, prop in URL], as_page_opens=False)


def sources_of(frame, lang):
    present = frame[frame["status"].isin(PRESENT)]
    return sorted({product(table, release, lang, source) for table, release, source in
                   zip(present["table"], present["release"], present["source"])
                   for table, release, source in provenance.split(table, release, source)})


def map_table(rows, indicator, caption, lang):
    """The map's data as a table (the text alternative of the map): names left, numbers right, every
    column visible; a header button sorts (assets/wijk.js, in the browser)."""
    columns = [("name", t("table_name", lang), "text"), ("code", t("table_code", lang), "text"),
               ("value", f"{t('table_value', lang)} ({indicator.unit_in(lang)})", "number"),
               ("status", t("table_status", lang), "text"), ("source", t("table_source", lang), "text")]
    head = html.Thead(html.Tr([html.Th(html.Button(label, className="sort", type="button", **{"data-kind": kind}),
                                       scope="col", className="num" if kind == "number" else None,
                                       **({"aria-sort": "ascending"} if key == "name" else {}))
                               for key, label, kind in columns]))
    body = []
    for r in sorted(rows, key=lambda r: str(r["name"]).lower()):
        value = formatting.value(r["value"], indicator, lang) if r["value"] is not None else t("no_data", lang)
        body.append(html.Tr([
            html.Th(r["name"], scope="row", **{"data-column": "name"}), html.Td(r["code"], **{"data-column": "code"}),
            html.Td(value, className="num", **{"data-column": "value",
                                                "data-value": "" if r["value"] is None else repr(r["value"])}),
            html.Td(r["status"], **{"data-column": "status"}),
            html.Td(r["source"], className="small", **{"data-column": "source"})]))
    return scroll_box(html.Table([html.Caption(caption), head, html.Tbody(body)], id=ids.TABLE,
                                 className="table table-sm sortable map-table"), caption)


def codes_rule(value):
    """The ticked areas of the comparison: a short list of area codes."""
    return value is None or (isinstance(value, list) and len(value) <= 20
                             and all(isinstance(c, str) and len(c) <= 12 for c in value))


def class_years(data, lang):
    first, last = data["class_years"]
    if first is None or first == last:
        return None
    return html.P(t("classes_span", lang, first=first, last=last), className="small mb-1")


def definition_breaks(store, city, level, indicator_id, lang, bounds=FIXED):
    """[(first year of the new definition, note)] where CBS changed how it publishes this indicator and
    the other side of the change has data here too."""
    out = []
    for change in breaks_of(indicator_id):
        other = change.other(indicator_id)
        after_years = store.years(city, level, change.after, bounds)
        if other in catalogue() and after_years and store.years(city, level, other, bounds):
            out.append((after_years[0], t("series_break", lang, year=after_years[0], note=change.note(lang),
                                          other=catalogue()[other].label(lang))))
    return out


def years_rule(value):
    """The data years of the view: a list of years."""
    return value is None or (isinstance(value, list) and len(value) <= 200 and all(year_rule(optional=False)(y) for y in value))


def _year(value):
    return None if pd.isna(value) else int(value)
