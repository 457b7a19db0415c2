"""The app side: `create_app(layers_dir)` builds the Dash app from explicit inputs (the layers folder,
the cache settings), in the manner of datasette's `serve`. Nothing heavy happens at import time, and
nothing here imports the build side, PySAL, tobler, numba or mapclassify."""

from dash import Dash
from flask import redirect, request

from .. import settings
from . import shell, theme as themes
from .firstpaint import initial_layout
from .cache import SharedMemo, make_cache
from .context import EXTENSION, AppContext
from .hardening import harden
from .firstpaint.index_page import localise_index
from .pages import PAGES
from .store import LayerStore

ASSETS = settings.PROJECT_DIR / "assets"
OLD_VIEWS = {"vergelijk": "/vergelijk", "segregatie": "/segregatie", "over": "/over"}


def create_app(layers_dir=None, default_city=None, theme=None, theme_css=None):
    """The dashboard on the layers in layers_dir (default: WIJKDASHBOARD_LAYERS or layers/), in a theme
    (default: WIJKDASHBOARD_THEME, WIJKDASHBOARD_THEME_CSS; app/theme.py)."""
    house = themes.chosen(theme, theme_css)  # a theme that cannot be served stops the start, in one line
    store = LayerStore(layers_dir or settings.LAYERS_DIR)
    # Bootstrap's CSS is served from assets/vendor: no CDN, no third-party requests. The themes' token
    # files are not loaded as assets: /theme.css serves the chosen one.
    app = Dash(__name__, title="Wijkdashboard", serve_locally=True, update_title=None, use_pages=True,
               pages_folder="", assets_folder=str(ASSETS), assets_path_ignore=["themes"],
               suppress_callback_exceptions=True)
    context = AppContext(store=store, memo=SharedMemo(make_cache(app.server), store.version))
    context.opening = store.opening_view(default_city or settings.DEFAULT_CITY)
    app.server.extensions[EXTENSION] = context
    for page in PAGES:
        page.register(app, context)
    shell.register(app)
    app.layout = initial_layout.layout
    _redirect_old_links(app.server)
    _dash_rules(context.rules)
    harden(app, context.rules, store.version, context.memo.state)
    themes.register(app.server, house)
    localise_index(app, house)
    _register_script_paths(app)
    return app


def _register_script_paths(app):
    """Dash learns which bundle files it may serve while it renders a page. Render one now, before
    gunicorn forks: a worker that had not rendered a page yet answered 404 for React and the component
    bundles, and the visitor got a blank page (tests/test_load.py)."""
    response = app.server.test_client().get("/")
    if response.status_code != 200:
        raise RuntimeError(f"the start page answers {response.status_code}")


def _redirect_old_links(server):
    """Links made before the views had their own paths (?view=vergelijk&…) still open their view."""
    @server.before_request
    def old_view():
        view = request.args.get("view")
        if request.path == "/" and view in OLD_VIEWS:
            query = request.query_string.decode().replace(f"view={view}", "").strip("&")
            return redirect(OLD_VIEWS[view] + (f"?{query}" if query else ""), code=301)
        return None


def _dash_rules(rules):
    """The inputs of Dash Pages' own router: the path and the query of the address bar."""
    from .validation import text
    # A path is '/' and more: Dash Pages' router fails on an empty or relative one (a crafted request).
    rules.add(shell.ids.PAGES_LOCATION, "pathname",
              lambda v: v is None or (isinstance(v, str) and v.startswith("/") and len(v) <= 300))
    rules.add(shell.ids.PAGES_LOCATION, "search", text(2000))
    for prop in ("hash", "href"):
        rules.add(shell.ids.PAGES_LOCATION, prop, text(3000))
