"""Vergelijk's controls: the address keys and the choices of indicator, level, axis and period."""

from ....core.indicators import catalogue
from ... import ids
from ...i18n import t


def options_rule(value):
    """A dropdown's options as the browser hands them back (only read, never used in a computation)."""
    return isinstance(value, list) and len(value) <= 100
NAME, PATH = "vergelijk", "/vergelijk"
URL = [("level", ids.COMPARE_LEVEL, "value"), ("indicator", ids.COMPARE_INDICATOR, "value"), ("axis", ids.AXIS, "value"),
       ("from", ids.PERIOD_FROM, "value"), ("to", ids.PERIOD_TO, "value")]
DEFAULT = {"compare_indicator": "pct_social_rent"}


def year_options(years):
    return [{"label": str(y), "value": y} for y in years]


def indicator_options(ids_, lang):
    items = catalogue()
    return [{"label": ("★ " if items[i].featured else "") + items[i].label(lang), "value": i} for i in ids_]


def level_options(lang):
    return [{"label": t("compare_level_buurt", lang), "value": "buurt"},
            {"label": t("compare_level_wijk", lang), "value": "wijk"}]


def axis_options(lang):
    return [{"label": t("axis_same", lang), "value": "same"}, {"label": t("axis_own", lang), "value": "own"}]