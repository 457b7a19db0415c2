"""What Kaart shows, drawn once for the first HTML and for the callbacks alike: the view of a city, level,
indicator, kind of boundaries, classes and mode — every data year of it at once.

A view is sent whole (`payload`): per data year the map's compact values, its legend, title and what it
says of years without figures; the table's names; the geometry the browser does not hold yet. The
browser then steps through the years without asking again (assets/kaart.js), so ▶ plays on a shaky
connection too, and a change of indicator, level or city is one request."""

import re
from html import escape

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from ....core import codes as area_codes
from ....core import formatting
from ....core.codes import CELL_PATTERN, GRID_RESOLUTION, is_grid
from ....core.indicators import catalogue
from ....core.provenance import product
from ....layers import PRESENT
from ... import ids, provenance, urlstate
from ...components import area_compare, area_panel, change, choropleth, grid_map, markup, timeline
from ...i18n import t
from ...store import FIXED
from .options import definition_breaks, play_state, view_title


def sources_of(frame, lang):
    present = frame[frame["status"].isin(PRESENT)]
    return sorted({product(table, release, lang, source) for table, release, source in
                   zip(present["table"], present["release"], present["source"])
                   for table, release, source in provenance.split(table, release, source)})


class View:
    """The drawing functions of Kaart, shared by its layout and its callbacks (memoised in the cache all
    workers share: the arguments are checked values, see validation.py)."""

    def __init__(self, ctx):
        self.store, self.opening = ctx.store, ctx.opening
        self.slugs = urlstate.city_slugs(ctx.store)
        self.slugs_by_code = {code: s for s, code in self.slugs.items()}
        self.arrays = ctx.memo.memoize(self._arrays)
        self.frames = ctx.memo.memoize(self._frames)
        self.shapes = ctx.memo.memoize(self._shapes)
        self.grid_values = ctx.memo.memoize(self._grid_values)

    # -- the years and the geometry of a view ---------------------------------------------------------

    def years(self, city, level, indicator_id, bounds, mode="value", first=None):
        """The data years the slider offers: every year with a figure, or in change mode the years after
        the first one (the change of each since `first`)."""
        years = self.store.years(city, level, indicator_id, bounds) if indicator_id else []
        if mode == "change":
            return [y for y in years if first is not None and y > first]
        return years

    def change_firsts(self, city, level, indicator_id):
        """The years a change can start from: every data year but the last, on fixed boundaries."""
        years = self.store.years(city, level, indicator_id, FIXED) if indicator_id and not is_grid(level) else []
        return years[:-1]

    def key(self, city, level, year, bounds):
        """The geometry a year is drawn on: its city, level and map (a grid: the squares of its year)."""
        if is_grid(level):
            return f"{city}|{level}|{year}"
        return f"{city}|{level}|{self.store.boundary_year(city, level, year, bounds)}"

    # -- the compact values of one year ----------------------------------------------------------------

    def _arrays(self, city, level, indicator_id, year, bounds, classes, lang):
        frame = self.store.values(city, level, indicator_id, year, bounds)
        return choropleth.arrays(frame, catalogue()[indicator_id], year, lang,
                                 self.store.classes(city, level, indicator_id, bounds, classes),
                                 self.store.target_years.get(level))

    def _grid_values(self, city, level, indicator_id, year, classes, lang):
        frame = self.store.values(city, level, indicator_id, year, FIXED)
        return grid_map.values(frame, self.arrays(city, level, indicator_id, year, FIXED, classes, lang), level, year, lang)

    def drawable(self, city, level, indicator_id, year, bounds):
        return bool(indicator_id) and year is not None and year in self.store.years(city, level, indicator_id, bounds)

    def _frames(self, city, level, indicator_id, bounds, classes, mode, first, lang):
        """{year: what the browser draws for that year} for every data year of the view."""
        store = self.store
        indicator = catalogue()[indicator_id]
        years = self.years(city, level, indicator_id, bounds, mode, first)
        name = urlstate.city_name(store, city, lang)
        out = {}
        if mode == "change":
            changes, largest, step = self._changes(city, level, indicator_id, first, years)
        all_years = years if mode != "change" else [first, *years]
        for year in years:
            key = self.key(city, level, year, bounds)
            label = t("map_label", lang, city=name, indicator=indicator.label(lang),
                      year=f"{first} → {year}" if mode == "change" else year)
            if mode == "change":
                data = change.arrays(changes[year], indicator, first, year, lang, step, largest,
                                     store.target_years.get(level))
                legend = self.change_legend(data, indicator, first, year, lang)
                wire = {k: data[k] for k in choropleth.WIRE_KEYS}
                wire["signed"] = True
            elif is_grid(level):
                data = self.arrays(city, level, indicator_id, year, FIXED, classes, lang)
                wire = {**self.grid_values(city, level, indicator_id, year, classes, lang),
                        "heading": f"{indicator.label(lang)} {year}"}
                legend = self.legend(city, level, indicator_id, year, bounds, classes, lang)
            else:
                data = self.arrays(city, level, indicator_id, year, bounds, classes, lang)
                wire = {k: data[k] for k in choropleth.WIRE_KEYS}
                legend = self.legend(city, level, indicator_id, year, bounds, classes, lang)
            out[str(year)] = {**wire, "key": key, "label": label, "year": year,
                              "title": view_title(store, city, indicator_id, year, lang,
                                                  first if mode == "change" else None),
                              "legend": markup.html_of(legend), "gap": timeline.gap_before(year, all_years, lang)}
        return out

    def _changes(self, city, level, indicator_id, first, years):
        """Per later year the change since `first`, the largest change of them all, CBS's rounding step."""
        store = self.store
        base = store.values(city, level, indicator_id, first, FIXED)
        changes = {y: change.frame(base, store.values(city, level, indicator_id, y, FIXED)) for y in years}
        largest = change.bound([c["change"] for c in changes.values()])
        published = pd.concat([base["value"]] + [store.values(city, level, indicator_id, y, FIXED)["value"] for y in years])
        return changes, largest, change.rounding_step(published)

    # -- geometry --------------------------------------------------------------------------------------

    def _shapes(self, city, level, indicator_id, year, bounds, classes, mode, first, lang, selected):
        """The geometry of a year's map, as the map's Store holds it ({key, svg} and, for squares, their
        places), filled with that year's colours."""
        store = self.store
        key = self.key(city, level, year, bounds)
        frame = self.frames(city, level, indicator_id, bounds, classes, mode, first, lang)[str(year)]
        label = frame["label"]
        values = store.values(city, level, indicator_id, year, FIXED if is_grid(level) else bounds)
        if is_grid(level):
            data = self.arrays(city, level, indicator_id, year, FIXED, classes, lang)
            names = {code: store.name("buurt", int(by), code) for code, by in
                     values[["buurt", "buurt_year"]].dropna().drop_duplicates().itertuples(index=False)}
            return {"key": key, "svg": grid_map.svg(values, data, level, label, store.outlines(city), selected,
                                                     frame["cells"]),
                    "grid": grid_map.places(values, level, names)}
        boundary_year = store.boundary_year(city, level, year, bounds)
        return choropleth.shapes(store.geojson(city, level, boundary_year), values, frame, key, label, lang, selected,
                                 store.home_bounds(city))

    def names(self, city, level, year, bounds):
        """[[code, name], …] of a map's areas (the table's names and the area box's list)."""
        if is_grid(level):
            return []
        areas = self.store.areas(city, level, self.store.boundary_year(city, level, year, bounds))
        return [[c, n or c] for c, n in zip(areas["code"], areas["name"])]

    # -- the payload of a view -------------------------------------------------------------------------

    def payload(self, state, lang, held_key=None):
        """Everything the browser needs to show every year of a view: the frames, the geometry it does not
        hold, the names per map, the year marks, ▶'s state, the table's words."""
        city, level, indicator_id, bounds = (state[k] for k in ("city", "level", "indicator", "bounds"))
        mode, first, year = state["mode"], state["from"], state["year"]
        years = self.years(city, level, indicator_id, bounds, mode, first)
        no_play, why = play_state(years, lang)
        out = {"years": years, "year": year, "frames": {}, "names": {}, "shapes": None, "key": None,
               "marks": markup.html_of(timeline.marks(years, lang)), "play": [no_play, why],
               "mode": mode, "first": first, "grid": is_grid(level), "texts": self.table_texts(state, lang)}
        if not years or year not in years:
            return out
        frames = self.frames(city, level, indicator_id, bounds, state["classes"], mode, first, lang)
        out["frames"] = frames
        for y in years:
            key = frames[str(y)]["key"]
            if key not in out["names"]:
                out["names"][key] = self.names(city, level, y, bounds)
        out["key"] = frames[str(year)]["key"]
        if held_key != out["key"]:
            out["shapes"] = self.shapes(city, level, indicator_id, year, bounds, state["classes"], mode, first, lang,
                                        state["area"])
        return out

    def table_texts(self, state, lang):
        indicator = catalogue().get(state["indicator"]) if state["indicator"] else None
        value_unit = (change.unit(indicator, lang) if state["mode"] == "change" else indicator.unit_in(lang)) \
            if indicator else ""
        return {"name": t("table_name", lang), "code": t("table_code", lang),
                "value": f"{t('table_value', lang)} ({value_unit})", "status": t("table_status", lang),
                "source": t("table_source", lang), "no_data": t("no_data", lang),
                "caption": t("table_caption", lang, indicator=indicator.label(lang) if indicator else "",
                             unit=value_unit, year="{year}"),
                "grid_note": t("grid_table_note", lang, n="{n}")}

    # -- the legend ------------------------------------------------------------------------------------

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
        if is_grid(level):
            return self.grid_legend(frame, data, indicator, items, level, year, lang)
        breaks = [html.P(note, className="small series-break")
                  for _, note in definition_breaks(store, city, level, indicator.id, lang, bounds)]
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

    def change_legend(self, data, indicator, first, year, lang):
        items = [html.Li([html.Span(className="swatch", style={"background": colour}), label])
                 for colour, label in reversed(data["legend_items"])]
        items.append(html.Li([html.Span(className="swatch swatch-missing", style={"background": choropleth.MISSING}),
                              t("legend_missing", lang, n=data["missing"])]))
        return [html.H2(f"{indicator.label(lang)}: {first} → {year} ({change.unit(indicator, lang)})",
                        className="h5 legend-title"),
                html.Ul(items, className="legend legend-change"),
                html.P(t("change_legend_note", lang, year=self.store.target_years.get("buurt"), first=first),
                       className="small mb-1 legend-detail"),
                html.P(indicator.definition(lang), className="small mb-1 legend-detail"),
                html.P([dcc.Link(t("sources_and_method", lang), href=f"/over?lang={lang}#indicator-{indicator.id}")],
                       className="small text-muted legend-detail")]

    def grid_legend(self, frame, data, indicator, items, level, year, lang):
        buurt_years = sorted({int(y) for y in frame["buurt_year"].dropna()})
        rounding = {"count": "grid_rounding_count", "share": "grid_rounding_share"}.get(indicator.kind)
        if indicator.id == "pct_social_rent":
            rounding = "grid_rounding_derived"
        grid_name = t("grid_product", lang, year=year, size=GRID_RESOLUTION[level])
        text = t(rounding, lang) if rounding else ""
        return [html.H2(f"{indicator.label(lang)} ({indicator.unit_in(lang)})", className="h5 legend-title"),
                html.Ul(items, className="legend"), class_years(data, lang),
                html.P(f"{text[:1].upper()}{text[1:]}." if text else "", className="small mb-1 legend-detail"),
                html.P(t("grid_legend_note", lang, year=", ".join(map(str, buurt_years)) or "—"),
                       className="small mb-1 legend-detail"),
                html.P(indicator.definition(lang), className="small mb-1 legend-detail"),
                html.P([f"{t('source', lang)}: CBS {grid_name}; Kadaster — CC BY 4.0. ",
                        dcc.Link(t("sources_and_method", lang), href=f"/over?lang={lang}#indicator-{indicator.id}")],
                       className="small text-muted legend-detail")]

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

    # -- the table's CSV -------------------------------------------------------------------------------

    def table_rows(self, city, level, indicator_id, year, bounds, lang, mode="value", first=None):
        """The map's data as rows: what the table shows and the CSV holds (how each value came about and
        its sources, worded as the hover words them)."""
        frame = self.store.values(city, level, indicator_id, year, bounds)
        if is_grid(level):
            source = f"CBS {t('grid_product', lang, year=year, size=GRID_RESOLUTION[level])}"
            return [{**row, "source": source} for row in grid_map.cell_rows(frame, catalogue()[indicator_id], lang)]
        if mode == "change":
            frame = self.frames(city, level, indicator_id, FIXED, "jenks", mode, first, lang)[str(year)]
            rows = []
            for (code, name), v, s, n in zip(self.names(city, level, year, FIXED), frame["v"], frame["s"], frame["n"]):
                rows.append({"name": name, "code": code, "value": v,
                             "status": frame["notes"][n].split(" · ")[1] if n >= 0 else frame["reasons"][s],
                             "source": frame["notes"][n].split(": ", 2)[-1] if n >= 0 else ""})
            return rows
        target = self.store.target_years.get(level)
        return [{"name": r.name or r.code, "code": r.code, "value": float(r.value) if r.status in PRESENT else None,
                 "status": provenance.how(r.status, lang, year, _year(r.boundary_year), target),
                 "source": provenance.sources(r.table, r.release, r.source, lang)}
                for r in frame.itertuples()]

    # -- the area box and the chosen area --------------------------------------------------------------

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

    # -- any areas side by side ------------------------------------------------------------------------

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
            markup.raw(None, area_compare.figure(series, indicator, lang, bool(present)), className="compare-areas-chart"),
            area_compare.table_component(table, [label for label, _ in series], indicator, lang),
            html.Button(t("download_csv", lang), id=ids.COMPARE_AREAS_CSV_BUTTON, n_clicks=0,
                        className="btn btn-sm btn-outline-primary"),
            dcc.Download(id=ids.COMPARE_AREAS_CSV),
        ]


def class_years(data, lang):
    first, last = data["class_years"]
    if first is None or first == last:
        return None
    return html.P(t("classes_span", lang, first=first, last=last), className="small mb-1")


def _year(value):
    return None if pd.isna(value) else int(value)
