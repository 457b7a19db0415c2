"""The HTML page the browser gets first, before any script has run: in the visitor's language (html
lang, title, description, the loading line), so a link with ?lang=en never shows Dutch first; the
page's first view drawn in it (prerender.py); and without scripts no page here needs.

The app's scripts are loaded after that first view has been painted, not as the page is parsed: parsed
in the page, a phone painted nothing until it had run them all (a second and more of its CPU), and the
first view would have been drawn for nothing."""

import html
import re

from flask import g, has_request_context, request

from .. import urlstate
from ..i18n import t
from .initial_layout import page_for
from .prerender import page_html

# Dash's table bundle (the tables here are plain HTML) and Babel's polyfill for browsers before 2017
# (every browser Dash 4 supports has what it fills in; on a throttled phone it costs ~1.7 s of CPU).
UNUSED_SCRIPT = re.compile(r'<script src="[^"]*/(?:dash_table/bundle|deps/polyfill@)[^"]*"></script>\n?')
SCRIPT = re.compile(r'(<script src="[^"]+"></script>)\n?')
# Dash's own start line (new DashRenderer()), run once the scripts are in; written into the page by Dash
# and allowed by the Content-Security-Policy by its hash. The scripts wait in a <template>: inert there
# (neither fetched nor run), and still where Dash checks that its renderer is on the page.
LOADER = """(function () {
  var started = false;
  function start() {
    if (started) { return; }
    started = true;
    var waiting = document.getElementById("wijk-scripts").content.querySelectorAll("script[src]"), last = null;
    Array.prototype.forEach.call(waiting, function (inert) {
      var script = document.createElement("script");
      script.src = inert.getAttribute("src");
      script.async = false;  // fetched together, run in this order
      document.body.appendChild(script);
      last = script;
    });
    function run() { window.renderer = new DashRenderer(); }
    if (last) { last.addEventListener("load", run); } else { run(); }
  }
  requestAnimationFrame(function () { setTimeout(start, 0); });  // after the first paint
  setTimeout(start, 300);  // a tab in the background paints no frames
})();"""


def language_of_request():
    return urlstate.common(request.args.to_dict())[0] if has_request_context() else "nl"


def localise_index(app, theme):
    """Wrap app.interpolate_index: every page is served in the language its link asks for, in the
    theme (its token stylesheet after the app's CSS, its class on <body>: app/theme.py)."""
    interpolate = app.interpolate_index
    app.renderer = LOADER

    @app.server.before_request
    def page_language():
        g.page_lang = language_of_request()  # for the page titles (shell.page_title)

    def localised(**parts):
        lang = language_of_request()
        scripts = UNUSED_SCRIPT.sub("", parts["scripts"])
        waiting = "".join(SCRIPT.findall(scripts))
        parts["scripts"] = SCRIPT.sub("", scripts) + f'<template id="wijk-scripts">{waiting}</template>'
        parts["app_entry"] = first_view() + parts["app_entry"].replace("Loading...", t("loading", lang))
        parts["css"] += f'\n<link rel="stylesheet" href="{theme.href}">'
        page = interpolate(**parts)
        page = page.replace("<html>", f'<html lang="{lang}">', 1).replace("<body>", f'<body class="{theme.body_class}">', 1)
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
