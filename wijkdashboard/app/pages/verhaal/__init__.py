"""Verhaal: stories for the council meeting — prepared steps, each a view with a short text whose numbers
come from the layers, one key or click per step, presenter notes, a printed handout.

A package, one job per module: options (the address), visuals (what a step shows), deck (a story as
markup), layout (the list or a story, drawn whole), callbacks (the page registered, the stories read and
checked against the layers as the app starts). The stories themselves are data (data/stories/*.yaml,
app/stories reads and fills them)."""

from .callbacks import register
from .layout import layout
from .options import NAME, PATH

__all__ = ["NAME", "PATH", "layout", "register"]
