"""Privacy statement: what the dashboard does with its visitors' data — no cookies, no tracking, no
third-party requests; the location of "Mijn buurt" only when asked and never kept; what the server logs
and for how long."""

import dash
from dash import html

from .... import settings
from ... import shell, urlstate
from .contact import contact_block, publisher
from ...i18n import translator

NAME, PATH = "privacy", "/privacy"

TEXT = {
    "heading": ("Privacyverklaring", "Privacy statement"),
    "intro": ("Het wijkdashboard toont openbare statistiek van CBS en Kadaster. Om het te gebruiken hoeft u niets over "
              "uzelf te vertellen, en het dashboard houdt niets over u bij.",
              "The neighbourhood dashboard shows public statistics from CBS and Kadaster. You need not tell it anything "
              "about yourself to use it, and it keeps nothing about you."),
    "cookies_h": ("Geen cookies, geen volgen", "No cookies, no tracking"),
    "cookies": ("Het dashboard plaatst geen cookies en bewaart niets in uw browser (geen localStorage). Er is geen "
                "statistiek- of advertentiedienst, geen pixel en geen profiel.",
                "The dashboard sets no cookies and stores nothing in your browser (no localStorage). There is no "
                "analytics or advertising service, no pixel and no profile."),
    "third_h": ("Geen verzoeken aan anderen", "No requests to others"),
    "third": ("Alles wat de pagina laadt — scripts, stijlen, lettertypes, kaarten — komt van deze server. Er gaat "
              "geen verzoek naar een andere partij (ook geen kaartachtergrond of lettertypedienst).",
              "Everything the page loads — scripts, styles, fonts, maps — comes from this server. No request goes to "
              "anyone else (no map background or font service either)."),
    "location_h": ("Uw locatie (‘Mijn buurt’)", "Your location ('My neighbourhood')"),
    "location": ("Alleen als u op ‘Mijn buurt’ drukt, vraagt de browser u om uw locatie. Geeft u die, dan stuurt de "
                 "pagina de coördinaten één keer naar deze server, die er de buurt bij zoekt in de kaartlagen die hij al "
                 "heeft. De coördinaten worden niet bewaard en niet gelogd, en gaan naar niemand anders.",
                 "Only when you press 'My neighbourhood' does the browser ask you for your location. If you give it, "
                 "the page sends the coordinates once to this server, which looks up the neighbourhood in the map "
                 "layers it already has. The coordinates are not kept, not logged, and go to no one else."),
    "logs_h": ("Wat de server vastlegt", "What the server records"),
    "logs": ("De server schrijft standaard alleen foutmeldingen weg, zonder IP-adres. Zet de beheerder het "
             "toegangslog aan, dan staan daarin per verzoek het IP-adres, het tijdstip, het opgevraagde adres, de "
             "status en het type browser; dat log wordt na {days} dagen verwijderd. Het gedeelde geheugen van de "
             "server (de cache) bevat alleen berekende kaarten en cijfers, geen gegevens over bezoekers.",
             "By default the server writes only error messages, without IP addresses. If its operator turns the access "
             "log on, it holds for each request the IP address, the time, the address asked for, the status and the "
             "kind of browser; that log is deleted after {days} days. The server's shared memory (the cache) holds only "
             "computed maps and figures, nothing about visitors."),
    "contact_intro": ("Vragen over privacy? Neem contact op met {publisher}.",
                      "Questions about privacy? Contact {publisher}."),
}
tx = translator(TEXT)


def layout(**query):
    lang, present = urlstate.common(query)
    embed = urlstate.embedded(query)
    content = [html.H1(tx("heading", lang), className="h3"), html.P(tx("intro", lang), className="lead")]
    for key in ("cookies", "third", "location", "logs"):
        content.append(html.Section([html.H2(tx(f"{key}_h", lang), className="h4"),
                                     html.P(tx(key, lang, days=settings.LOG_DAYS))]))
    content.append(contact_block(lang, tx("contact_intro", lang, publisher=publisher(lang))))
    return shell.frame(NAME, lang, present, [], html.Div(content, className="container-narrow statement"), [],
                       embed=embed)


def register(app, ctx):
    dash.register_page(__name__, path=PATH, name=NAME, title=shell.page_title("nav_privacy"), layout=layout)
