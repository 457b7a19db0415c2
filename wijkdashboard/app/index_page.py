"""The HTML page the browser gets first, before any script has run: in the visitor's language (html
lang, title, description, the loading line), so a link with ?lang=en never shows Dutch first; and
without scripts no page here needs."""

import html
import re

from flask import g, has_request_context, request

from . import urlstate
from .i18n import t
from .initial_layout import page_for
from .prerender import page_html

# Dash's table bundle (the tables here are plain HTML) and Babel's polyfill for browsers before 2017
# (every browser Dash 4 supports has what it fills in; on a throttled phone it costs ~1.7 s of CPU).
UNUSED_SCRIPT = re.compile(r'<script src="[^"]*/(?:dash_table/bundle|deps/polyfill@)[^"]*"></script>\n?')


def language_of_request():
    return urlstate.common(request.args.to_dict())[0] if has_request_context() else "nl"


def localise_index(app):
    """Wrap app.interpolate_index: every page is served in the language its link asks for."""
    interpolate = app.interpolate_index

    @app.server.before_request
    def page_language():
        g.page_lang = language_of_request()  # for the page titles (shell.page_title)

    def localised(**parts):
        lang = language_of_request()
        parts["scripts"] = UNUSED_SCRIPT.sub("", parts["scripts"])
        parts["app_entry"] = first_view() + parts["app_entry"].replace("Loading...", t("loading", lang))
        page = interpolate(**parts)
        page = page.replace("<html>", f'<html lang="{lang}">', 1)
        return page.replace('<meta name="description" content="">',
                            f'<meta name="description" content="{html.escape(t("tagline", lang))}">', 1)
    app.interpolate_index = localised


def first_view():
    """The requested page drawn as plain HTML (prerender.py), shown until the live page has rendered.
    Inert: nothing in it can be clicked or focused, and screen readers wait for the live page."""
    page = page_for(request.path)
    if page is None or not callable(page["layout"]):
        return ""
    tree = page["layout"](**request.args.to_dict())
    return f'<div id="prerender" inert aria-hidden="true"><div class="app">{page_html(tree)}</div></div>'
