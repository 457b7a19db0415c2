"""The pages, each a package of its options, layout, view and callbacks (after dash-multi-page-app-demos:
a page is its layout and its callbacks, side by side)."""

from . import kaart, not_found_404, over, segregatie, verhaal, vergelijk
from .verklaringen import privacy, toegankelijkheid

PAGES = (kaart, vergelijk, segregatie, verhaal, over, toegankelijkheid, privacy, not_found_404)
