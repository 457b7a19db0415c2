"""Segregatie's controls: the address keys, the choices of index, level and cities."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from ....core.indices import catalogue, label
from ... import ids, urlstate
from ...i18n import t

NAME, PATH = "segregatie", "/segregatie"
URL = [("index", ids.SEG_INDEX, "value"), ("level", ids.SEG_LEVEL, "value"), ("cities", ids.SEG_CITIES, "value")]
CHECKLIST_UP_TO = 12  # cities; more (a national build) get a searchable list


def index_options(lang):
    return [{"label": label(key, lang), "value": key} for key in catalogue()]


def level_options(lang):
    return [{"label": t("level_buurt", lang), "value": "buurt"}, {"label": t("level_wijk", lang), "value": "wijk"}]


def city_picker(store, chosen, lang):
    """Tick boxes for a handful of cities (each named by itself); a searchable list for many."""
    options = urlstate.city_options(store, lang)
    if len(options) <= CHECKLIST_UP_TO:
        return html.Fieldset([html.Legend(t("seg_cities", lang), className="fw-semibold fs-6 mb-1"),
                              dbc.Checklist(id=ids.SEG_CITIES, value=chosen, options=options, inline=True)],
                             className="control")
    return html.Div([dbc.Label(t("seg_cities", lang), html_for=ids.SEG_CITIES, className="fw-semibold"),
                     dcc.Dropdown(id=ids.SEG_CITIES, value=chosen, options=options, multi=True, clearable=False)])