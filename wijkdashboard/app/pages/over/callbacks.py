"""Over registers its page; it has no callbacks (all static)."""

import dash

from ... import shell
from .layout import layout
from .text import PATH


def register(app, ctx):
    dash.register_page(__package__, path=PATH, name="Over", title=shell.page_title("nav_about"), layout=layout)