"""The page for an address the dashboard does not have: the site's own header and footer, in the
visitor's language, with the way on (every page). Dash Pages finds it by its module name; the server
answers it with status 404 (hardening.py), so a link checker and a search engine see what a person does."""

import dash
from dash import html

from .. import shell, urlstate
from ..i18n import t, translator

NAME, PATH = "niet-gevonden", "/404"

TEXT = {
    "heading": ("Deze pagina bestaat niet", "This page does not exist"),
    "body": ("Het adres dat u opende hoort niet bij het wijkdashboard. Misschien is de link verouderd of "
             "verkeerd overgenomen. Hier vindt u alle onderdelen:",
             "The address you opened is not part of the neighbourhood dashboard. The link may be out of date "
             "or copied incompletely. These are all its parts:"),
}


tx = translator(TEXT)


def layout(**query):
    lang, present = urlstate.common(query)
    embed = urlstate.embedded(query)
    ways = html.Ul([html.Li(html.A(t(key, lang), href=shell.href(page, lang, present, embed)))
                    for page, _, key in shell.PAGES], className="not-found-ways")
    content = [html.H1(tx("heading", lang), className="h3"), html.P(tx("body", lang)), ways]
    return shell.frame(NAME, lang, present, [], html.Div(content, className="container-narrow"), [], embed=embed)


def register(app, ctx):
    dash.register_page(__name__, path=PATH, name="404", title=shell.page_title(None), layout=layout)
