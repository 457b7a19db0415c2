"""The pages, each its layout and its callbacks in one file (dash-multi-page-app-demos)."""

from . import kaart, over, segregatie, vergelijk

PAGES = (kaart, vergelijk, segregatie, over)
