"""Segregatie: income segregation indices over the years, with intervals, against the policy waves —
for the cities chosen side by side, at one level at a time (the level changes the number), with the
test of change between consecutive years in words and on the chart, and what is missing said plainly."""

from .callbacks import register
from .layout import layout
from .options import NAME, PATH

__all__ = ["NAME", "PATH", "layout", "register"]
