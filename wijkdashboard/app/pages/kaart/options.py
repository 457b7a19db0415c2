"""The Kaart page's controls and their choices: what each offers for a city, level and indicator, and the
title line that says what is on screen."""

import dash_bootstrap_components as dbc
from dash import html

from ....core.indicators import breaks_of, catalogue
from ....core.waves import waves_in
from ... import urlstate
from ...i18n import t
from ...store import FIXED, PUBLISHED

NAME, PATH = "kaart", "/"
DEFAULT = {"level": "wijk", "indicator": "inhabitants"}
MODES = ("value", "change")


def indicator_options(store, city, level, bounds, lang):
    """Indicators with data here, the featured ones starred."""
    items = catalogue()
    return [{"label": ("★ " if items[i].featured else "") + items[i].label(lang), "value": i}
            for i in store.indicators(city, level, bounds)]


def level_options(lang, grid_levels=()):
    """Wijk and buurt; CBS's squares where the city has them."""
    return [{"label": t(f"level_{level}", lang), "value": level} for level in ("wijk", "buurt", *grid_levels)]


def bounds_options(target_year, lang):
    return [{"label": t("bounds_fixed", lang, year=target_year), "value": FIXED},
            {"label": t("bounds_published", lang), "value": PUBLISHED}]


def class_options(lang):
    return [{"label": t("classes_jenks", lang), "value": "jenks"},
            {"label": t("classes_quantiles", lang), "value": "quantiles"}]


def mode_options(lang):
    return [{"label": t("mode_value", lang), "value": "value"}, {"label": t("mode_change", lang), "value": "change"}]


def year_options(years):
    return [{"label": str(y), "value": str(y)} for y in years]


def labelled(key, control, html_for, lang, columns, box_id=None, hidden=False):
    """columns: the grid's classes, on the control itself (a wrapper per control costs render time)."""
    return html.Div([dbc.Label(t(key, lang), html_for=html_for, className="fw-semibold mb-1"), control],
                    className=f"control {columns}", hidden=hidden, **({"id": box_id} if box_id else {}))


def radios(component_id, key, options, value, lang, columns, box_id=None, hidden=False):
    """Radio buttons as one group: a fieldset named by its legend, one tab stop, arrows move."""
    return html.Fieldset([html.Legend(t(key, lang), className="fw-semibold mb-1 fs-6"),
                          dbc.RadioItems(id=component_id, options=options, value=value, inline=True)],
                         className=f"control {columns}", hidden=hidden, **({"id": box_id} if box_id else {}))


def view_title(store, city, indicator_id, year, lang, first=None):
    """'Rotterdam · Aandeel corporatiewoningen · 2014 · Herstructurering, Krachtwijken'; a change map
    says its two years: '… · 2014 → 2018 · …'."""
    parts = [urlstate.city_name(store, city, lang)]
    if indicator_id:
        parts.append(catalogue()[indicator_id].label(lang))
    if year is not None:
        parts.append(f"{first} → {year}" if first is not None else str(year))
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
