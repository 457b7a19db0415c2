"""What every page shares: the header with the navigation and the language and presentation switches,
the notice for links that could not be shown as asked, and the footer with the attribution."""

import json

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, clientside_callback, dcc, html
from flask import g

from ..core.formatting import attribution
from . import ids
from .i18n import t

PAGES = (("kaart", "/", "nav_map"), ("vergelijk", "/vergelijk", "nav_compare"),
         ("segregatie", "/segregatie", "nav_segregation"), ("over", "/over", "nav_about"))


def href(page, lang, present=False):
    path = dict((p, h) for p, h, _ in PAGES)[page]
    query = [f"lang={lang}"] + (["present=1"] if present else [])
    return f"{path}?{'&'.join(query)}"


def header(page, lang, present):
    nav = html.Nav(html.Ul([
        # aria-current is set in the browser (dcc.Link takes no aria attributes): assets/wijk.js
        html.Li(dcc.Link(t(key, lang), href=href(p, lang, present), id=f"nav-{p}",
                         className="btn " + ("btn-primary" if p == page else "btn-outline-primary")))
        for p, _, key in PAGES], className="nav-list"), **{"aria-label": t("nav_label", lang)})
    other = "en" if lang == "nl" else "nl"
    switches = html.Div([
        # A projector's switch: not offered on a phone.
        html.Button(t("presentation_exit" if present else "presentation", lang), id=ids.PRESENTATION,
                    className="btn btn-outline-dark presentation-switch", n_clicks=0,
                    **{"aria-pressed": "true" if present else "false"}),
        # The other language's name in that language; on a phone its two-letter code, the name kept for
        # screen readers (the accessible name holds the visible text: WCAG 2.5.3).
        html.Button([html.Span(other.upper() + " ", className="d-sm-none"),
                     html.Span(t("language_switch", lang), className="lang-name", lang=other)],
                    id=ids.LANG_TOGGLE, className="btn btn-outline-dark", n_clicks=0,
                    title=t("language_switch_label", lang)),
    ], className="switches")
    return html.Header([
        html.A(t("skip_to_main", lang), href="#main", className="visually-hidden-focusable", id="skip-link"),
        html.Div([html.P(t("title", lang), className="app-title mb-0"),
                  html.P(t("tagline", lang), className="mb-0 tagline")], className="brand"),
        nav, switches,
    ], className="app-header")


def notice(problems, lang):
    if not problems:
        return None
    return dbc.Alert(t("url_notice", lang, problems=", ".join(problems)), color="warning", dismissable=True,
                     className="py-2")


def page_title(nav_key):
    """The browser tab's title in the page's language. Dash Pages asks for it right after the layout,
    in the same request, without the query: the layout leaves the language in flask.g (frame)."""
    def title(**_):
        lang = g.get("page_lang", "nl")
        return "Wijkdashboard" + (f" — {t(nav_key, lang)}" if nav_key else "")
    return title


def frame(page, lang, present, problems, content, url_keys):
    """The page: header, notice, its content as <main>, footer; and the writer that keeps the page's
    state in the address bar (assets/wijk.js)."""
    g.page_lang = lang
    writer = f"{ids.URL_WRITER}-{page}"
    return html.Div([
        dcc.Store(id=ids.LANG, data=lang),
        dcc.Store(id=ids.PRESENT, data=present),
        dcc.Store(id=writer, data=json.dumps(url_keys)),
        header(page, lang, present),
        html.Div(notice(problems, lang), id=ids.NOTICE, role="status"),
        html.Main(content, id="main", tabIndex="-1"),
        html.Footer(html.Span(attribution(lang)), className="text-muted small my-3"),
    ], className=f"page page-{page}" + (" presentation" if present else ""), lang=lang)


def url_writer(app, page, inputs):
    """Keep the page's state in the address bar as it changes, without a reload or a request."""
    clientside_callback(
        ClientsideFunction(namespace="wijk", function_name="writeUrl"),
        Output(f"{ids.URL_WRITER}-{page}", "id"),
        [Input(component, prop) for component, prop in inputs], State(f"{ids.URL_WRITER}-{page}", "data"),
        prevent_initial_call=False)


def register(app):
    """The switches every page has: language and presentation mode (for a projector); each renders the
    page again, its state kept."""
    clientside_callback(
        ClientsideFunction(namespace="wijk", function_name="switchLanguage"),
        Output(ids.PAGES_LOCATION, "search"),
        Input(ids.LANG_TOGGLE, "n_clicks"), State(ids.LANG, "data"), prevent_initial_call=True)
    # Presentation mode renders the page again from its link (with present=1), so charts are drawn with
    # projector-sized fonts by the server, not patched in the browser.
    clientside_callback(
        ClientsideFunction(namespace="wijk", function_name="presentation"),
        Output(ids.PAGES_LOCATION, "search", allow_duplicate=True),
        Input(ids.PRESENTATION, "n_clicks"), State(ids.PRESENT, "data"), prevent_initial_call=True)
    clientside_callback(
        ClientsideFunction(namespace="wijk", function_name="documentLanguage"),
        Output(ids.LANG, "id"), Input(ids.LANG, "data"))
