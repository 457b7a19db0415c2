"""What a story's step shows beside its text, drawn by the server as SVG (the same drawings as Kaart,
Vergelijk and Segregatie, so a step shows what those pages show): the map of a city in one or more
years (▶ plays them in the browser: the fills of every year travel with the step, a few bytes per area),
a study area against its ring and city over the years, a segregation index over the years, the scale
profile, or the policy waves with what the layers hold for them."""

import html
import json

from ....core import cases, formatting
from ....core.indicators import catalogue
from ....core.waves import all_waves
from ... import urlstate
from ...components import scale_chart, study_area
from ...components.choropleth import MISSING
from ...components.svg_chart import time_chart
from ...i18n import t
from ...store import FIXED, PUBLISHED
from ..segregatie.view import changes_of, chart as index_chart
from ...stories.numbers import case_area

CLASSES = "jenks"
WAVES_RANGE = (1944.5, 2029.5)  # room after the last wave for its label
CITY_COLOURS = ("#08519c", "#d95f02", "#525252", "#1b9e77", "#7570b3")


class Visuals:
    def __init__(self, ctx, kaart_view):
        self.store, self.comparison, self.kaart = ctx.store, ctx.comparison, kaart_view
        self.slugs = urlstate.city_slugs(ctx.store)

    def draw(self, view, lang):
        """A step's view as markup. Charts are drawn at their ordinary size: the step's wide column scales
        them up (their text 18 px or more at 1280×720)."""
        return getattr(self, f"_{view['kind']}")(view, lang)

    # -- a city's map, one year or several ------------------------------------------------------------

    def map_years(self, view):
        city, level, indicator = self.slugs[view["city"]], view.get("level", "buurt"), view["indicator"]
        years = self.store.years(city, level, indicator, FIXED)
        asked = years if view.get("years") == "all" else view.get("years", [view.get("year", "last")])
        return [years[0] if y == "first" else years[-1] if y == "last" else y for y in asked]

    def _map(self, view, lang):
        city, level, indicator_id = self.slugs[view["city"]], view.get("level", "buurt"), view["indicator"]
        years = self.map_years(view)
        frames = self.kaart.frames(city, level, indicator_id, FIXED, CLASSES, "value", None, lang)
        selected = self.area_code(view.get("area"), level)
        shapes = self.kaart.shapes(city, level, indicator_id, years[0], FIXED, CLASSES, "value", None, lang, selected)
        # Per year what changes: the class of each area, the colours, the legend, the map's name.
        plays = {str(y): {"z": frames[str(y)]["z"], "colours": frames[str(y)]["colours"],
                          "legend": frames[str(y)]["legend"], "label": frames[str(y)]["label"]} for y in years}
        first = frames[str(years[0])]
        player = ""
        if len(years) > 1:
            player = (f'<div class="story-player"><button type="button" class="btn btn-outline-dark story-play" '
                      f'data-pause="{html.escape(t("story_pause", lang))}"><span aria-hidden="true">▶ </span>'
                      f'{html.escape(t("story_play", lang))}</button>'
                      f'<ol class="story-years">' + "".join(
                          f'<li><button type="button" class="btn btn-sm story-year{" active" if i == 0 else ""}" '
                          f'data-year="{y}" aria-pressed="{"true" if i == 0 else "false"}">{y}</button></li>'
                          for i, y in enumerate(years)) + "</ol></div>")
        markup = (f'<div class="story-map" data-plays="{html.escape(json.dumps(plays, separators=(",", ":")))}" '
                  f'data-missing="{html.escape(MISSING)}">'
                  f'<p class="story-map-title">{html.escape(first["label"])}</p>{shapes["svg"]}'
                  f'<div class="story-legend">{first["legend"]}</div>{player}</div>')
        return markup

    def area_code(self, area, level):
        if not area:
            return None
        case = case_area(area)
        if case is None:
            return area
        found = cases.codes_for(case, self.store.target_years[level])
        return found[0] if found and level == "buurt" else None

    # -- a study area, its ring and its city ----------------------------------------------------------

    def _place(self, view, lang):
        """Where a study area is: its CBS area dark, the ring around it orange, with the study's facts."""
        area, level = case_area(view["area"]), view.get("level", "buurt")
        codes, ring = self.comparison.members(area, level)
        year = self.store.target_years[level]
        city = area["municipality"]
        small = study_area.small_map(self.store.areas(city, level, year), self.store.geojson(city, level, year),
                                     codes, ring, lang)
        names = ", ".join(f"{self.store.name(level, year, c) or c} ({c})" for c in codes)
        return (f'<div class="story-place">{small}<p class="story-place-note"><span class="swatch swatch-area"></span> '
                f'{html.escape(t("story_place_area", lang, names=names))} '
                f'<span class="swatch swatch-ring"></span> {html.escape(t("story_place_ring", lang))}</p></div>')

    def _study(self, view, lang):
        """The study area against its ring and its city over the years, the policy waves behind them."""
        area, level = case_area(view["area"]), view.get("level", "buurt")
        indicator = catalogue()[view["indicator"]]
        table = self.comparison.table(area, level, indicator.id)
        city_name = urlstate.city_name(self.store, area["municipality"], lang)
        return study_area.chart(table, area["name"], city_name, indicator, lang)

    # -- a segregation index over the years -----------------------------------------------------------

    def _index(self, view, lang):
        level, index_id = view.get("level", "buurt"), view["index"]
        charts = []
        for slug in view["cities"]:
            city = self.slugs[slug]
            rows = self.store.segregation
            rows = rows[(rows["municipality"] == city) & (rows["level"] == level) & (rows["index"] == index_id)] \
                .sort_values("year")
            changes = changes_of(self.store.segregation_changes, city, level, index_id)
            title = f"{urlstate.city_name(self.store, city, lang)} · {t(f'level_{level}', lang).split(' ')[0].lower()}"
            charts.append(index_chart(rows, changes, lang, title) if len(rows)
                          else f'<p>{html.escape(t("story_no_index", lang))}</p>')
        return f'<div class="story-charts n{len(charts)}">{"".join(charts)}</div>'

    # -- the scale profile ----------------------------------------------------------------------------

    def _scale(self, view, lang):
        city = self.slugs[view["city"]]
        rows = self.store.scale_profile[self.store.scale_profile["municipality"] == city]
        return scale_chart.figure(rows, lang)

    # -- the waves, and what the layers hold for each -------------------------------------------------

    def _waves(self, view, lang):
        """The cities' own figures of the share of corporation dwellings across all the waves: where the
        line is, the layers have figures; where it is not, a wave cannot be seen in them (yet)."""
        indicator = catalogue()["pct_social_rent"]
        series = []
        for i, city in enumerate(self.store.municipalities[:len(CITY_COLOURS)]):
            published = self.store.frame(PUBLISHED, city, "gemeente", indicator.id)
            years = sorted(set(self.store.years(city, "buurt", indicator.id, FIXED)) |
                           set(self.store.years(city, "wijk", indicator.id, FIXED)) |
                           (set(int(y) for y in published["year"]) if published is not None else set()))
            points = []
            for year in years:
                value, _, _ = self.comparison.city_value(city, "wijk", indicator, year)
                if value is not None:
                    points.append((year, value))
            series.append({"name": urlstate.city_name(self.store, city, lang), "colour": CITY_COLOURS[i], "dash": "",
                           "width": 3, "points": points})
        wave = next((w for w in all_waves() if w.id == view.get("wave")), None)
        events = [(wave.start, "", "left", "#000")] if wave else []  # the band itself carries its name
        if wave and wave.end:
            events.append((wave.end, "", "right", "#000"))
        return time_chart(series, f"{indicator.label(lang)} ({indicator.unit_in(lang)})", indicator.unit_in(lang), lang,
                          WAVES_RANGE, (0, 100), events, False, decimals=formatting.decimals_for(indicator.kind),
                          tick_every=10)
