"""What every page shares: the header with the navigation and the language and presentation switches,
the notice for links that could not be shown as asked, and the footer with the attribution and the
statements (accessibility, privacy). Embedded in a municipality's site (embed=1) a page has no header of
ours: the host has its own."""

import json
from html import escape
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, clientside_callback, dcc, html
from flask import g

from ..core.formatting import attribution
from . import ids
from .components import markup
from .i18n import t

PAGES = (("kaart", "/", "nav_map"), ("vergelijk", "/vergelijk", "nav_compare"),
         ("segregatie", "/segregatie", "nav_segregation"), ("verhaal", "/verhaal", "nav_story"), ("over", "/over", "nav_about"))
# Linked from every page's footer (pages/toegankelijkheid, pages/privacy).
STATEMENTS = (("toegankelijkheid", "/toegankelijkheid", "nav_accessibility"), ("privacy", "/privacy", "nav_privacy"))


def href(page, lang, present=False, embed=False):
    path = dict((p, h) for p, h, _ in PAGES + STATEMENTS)[page]
    query = [f"lang={lang}"] + (["present=1"] if present else []) + (["embed=1"] if embed else [])
    return f"{path}?{'&'.join(query)}"


def header(page, lang, present):
    # The static parts as markup (components/markup.py): plain links, the current page marked here.
    links = "".join(
        f'<li><a href="{escape(href(p, lang, present))}" id="nav-{p}" class="btn '
        f'{"btn-primary" if p == page else "btn-outline-primary"}"{" aria-current=page" if p == page else ""}>'
        f'{escape(t(key, lang))}</a></li>' for p, _, key in PAGES)
    nav = markup.raw(None, f'<ul class="nav-list">{links}</ul>', html.Nav, **{"aria-label": t("nav_label", lang)})
    brand = markup.raw(None, f'<a class="visually-hidden-focusable" href="#main" id="skip-link">{escape(t("skip_to_main", lang))}</a>'
                             f'<p class="app-title mb-0">{escape(t("title", lang))}</p>'
                             f'<p class="mb-0 tagline">{escape(t("tagline", lang))}</p>', className="brand")
    other = "en" if lang == "nl" else "nl"
    switches = html.Div([
        # A projector's switch: not offered on a phone.
        html.Button(t("presentation_exit" if present else "presentation", lang), id=ids.PRESENTATION,
                    className="btn btn-outline-dark presentation-switch", n_clicks=0,
                    **{"aria-pressed": "true" if present else "false"}),
        # The other language's name in that language; on a phone its two-letter code, the name kept for
        # screen readers (the accessible name holds the visible text: WCAG 2.5.3).
        html.Button([html.Span(other.upper() + " ", className="d-md-none", **{"aria-hidden": "true"}),
                     html.Span(t("language_switch", lang), className="lang-name", lang=other)],
                    id=ids.LANG_TOGGLE, className="btn btn-outline-dark", n_clicks=0,
                    title=t("language_switch_label", lang)),
    ], className="switches")
    return html.Header([brand, nav, switches], className="app-header")


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


def footer(lang, embed):
    """The source line and the statements, on every page (embedded too: the frame is our server's)."""
    links = "".join(f'<li><a href="{escape(href(p, lang, embed=embed))}">{escape(t(key, lang))}</a></li>'
                    for p, _, key in STATEMENTS)
    return markup.raw(None, f'<p class="mb-1">{escape(attribution(lang))}</p>'
                            f'<ul class="footer-links">{links}</ul>', html.Footer, className="app-footer small my-3")


def frame(page, lang, present, problems, content, url_keys, query=None, embed=False):
    """The page: header, notice, its content as <main>, footer; and the writer that keeps the page's
    state in the address bar (assets/wijk.js). query: the state the page was drawn in, {key: value},
    written to the address bar as the page appears (a page whose writer does not run as it opens).
    embed: inside a municipality's site — no header of ours, and the page tells its host its height
    (assets/wijk.js)."""
    g.page_lang = lang
    writer = f"{ids.URL_WRITER}-{page}"
    extra = {} if query is None else {"data-query": address_query(query, lang, present, embed)}
    return html.Div([
        dcc.Store(id=ids.LANG, data=lang),
        dcc.Store(id=ids.PRESENT, data=present),
        dcc.Store(id=writer, data=json.dumps(url_keys)),
        None if embed else header(page, lang, present),
        html.Div(notice(problems, lang), id=ids.NOTICE, role="status"),
        html.Main(content, id="main", tabIndex="-1"),
        footer(lang, embed),
    ], className=f"page page-{page}" + (" presentation" if present else "") + (" embedded" if embed else ""),
        lang=lang, **extra)


def address_query(values, lang, present, embed=False):
    """The query string assets/wijk.js: writeUrl would write for these values."""
    out = []
    for key, value in values.items():
        if value is None or value is False or value == "" or value == []:
            continue
        out.append((key, "1" if value is True else ",".join(value) if isinstance(value, list) else str(value)))
    out.append(("lang", lang))
    if present:
        out.append(("present", "1"))
    if embed:
        out.append(("embed", "1"))
    return urlencode(out)


def url_writer(app, page, inputs, as_page_opens=True):
    """Keep the page's state in the address bar as it changes, without a reload or a request. A page
    that gives frame its query has it written as it appears, without this callback (as_page_opens=False):
    a callback as the page opens costs a throttled phone a pass over every component."""
    clientside_callback(
        ClientsideFunction(namespace="wijk", function_name="writeUrl"),
        Output(f"{ids.URL_WRITER}-{page}", "id"),
        [Input(component, prop) for component, prop in inputs], State(f"{ids.URL_WRITER}-{page}", "data"),
        prevent_initial_call=not as_page_opens)


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
