"""The app's layout as the browser first asks for it: with the page its address names already inside.

Dash Pages would send an empty page container and fill it by a callback once the browser has asked
again: a round trip, and the page rendered in a second pass after the shell (on a throttled phone each
pass costs hundreds of milliseconds). The layout request names the page in its Referer (same origin);
without one, the container is sent empty and Dash Pages' router fills it as before. The location's
path and query are set to the page's own, so the router sees no change and does not render it again."""

from urllib.parse import parse_qsl, urlparse

import dash
from dash import dcc, html
from flask import request

# Dash Pages' own ids (dash.page_container): its router and title callbacks are bound to them.
LOCATION, CONTENT, STORE, DUMMY = "_pages_location", "_pages_content", "_pages_store", "_pages_dummy"


NOT_FOUND = "not_found_404"  # the module name Dash Pages looks for


def page_for(path):
    """The page an address shows: its own, or the page for addresses the site does not have."""
    pages = dash.page_registry.values()
    return next((p for p in pages if p["path"] == path), None) or next(
        (p for p in pages if p["module"].split(".")[-1] == NOT_FOUND), None)


def is_page(path):
    """Whether the address is one of the site's pages (the 404 page's own path is not)."""
    return any(p["path"] == path and p["module"].split(".")[-1] != NOT_FOUND for p in dash.page_registry.values())


def layout():
    url = urlparse(request.referrer or "")
    page = page_for(url.path) if url.netloc == request.host else None
    if page is None or not callable(page["layout"]):
        return html.Div([dash.page_container], className="app")
    query = {}
    for key, value in parse_qsl(url.query):
        query.setdefault(key, value)  # the first of a repeated key, as request.args has it
    content = page["layout"](**query)
    title = page["title"]() if callable(page["title"]) else page["title"]
    return html.Div([html.Div([
        dcc.Location(id=LOCATION, refresh="callback-nav", pathname=url.path, search=f"?{url.query}" if url.query else ""),
        html.Div(content, id=CONTENT, disable_n_clicks=True),
        dcc.Store(id=STORE, data={"title": title}),
        html.Div(id=DUMMY, disable_n_clicks=True),
    ])], className="app")
