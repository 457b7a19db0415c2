"""Vergelijk: the three areas of the 1999 study side by side — where they are, what was done, what the
1998 study found, and what the figures show since for the area, its ring and its city.

The page as it opens is drawn whole by the server (maps and charts as SVG, study_area.py), so the first
HTML holds it and no callback runs as it opens; a change of indicator, level, axis or period is one
request that answers with the charts, tables and waterbed boxes of all three areas."""

from .callbacks import register
from .layout import layout
from .options import NAME, PATH

__all__ = ["NAME", "PATH", "layout", "register"]
