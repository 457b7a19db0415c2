"""The pages, each its layout and its callbacks in one file (dash-multi-page-app-demos)."""

from . import kaart, not_found_404, over, segregatie, vergelijk

PAGES = (kaart, vergelijk, segregatie, over, not_found_404)
