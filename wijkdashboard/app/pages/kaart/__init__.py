"""Kaart: a city's buurten, wijken or CBS's squares coloured by an indicator — its value in a year or its
change since another — the year slider over the policy waves, the chosen area over the years, any areas
side by side, and the map's data as a table (and CSV).

A package, one job per module: options (the controls' choices and the title), view (what is drawn, the
whole view as one payload), table, search (an area typed in the box), layout (the first view) and
callbacks (one request per change of view; year steps in the browser)."""

from .callbacks import register
from .layout import layout
from .options import NAME, PATH

__all__ = ["NAME", "PATH", "layout", "register"]
