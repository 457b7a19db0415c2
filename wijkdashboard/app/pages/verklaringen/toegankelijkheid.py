"""Toegankelijkheidsverklaring / Accessibility statement, after the Dutch model (digitoegankelijk.nl):
the legal standard (EN 301 549, i.e. WCAG 2.1 AA, through the Besluit digitale toegankelijkheid
overheid), the level the dashboard meets by its own tests (WCAG 2.2 AA), the status category, how it was
tested, the known limitations, the date and how to reach the publisher."""

import dash
from dash import html

from .... import settings
from ... import shell, urlstate
from .contact import contact_block, publisher
from ...i18n import translator

NAME, PATH = "toegankelijkheid", "/toegankelijkheid"
# When the project's own checks below were last run on this version (the municipality's audit, if any,
# has its own date and report: WIJKDASHBOARD_ACCESSIBILITY_AUDIT_URL).
CHECKED = ("5 december 2026", "5 December 2026")
AXE, LIGHTHOUSE = "4.14.1", "12.2.3"  # scripts/ensure-axe.sh, bench/lighthouse.py
STATUS = {
    "A": ("voldoet volledig", "fully compliant"),
    "B": ("voldoet gedeeltelijk", "partially compliant"),
    "C": ("eerste maatregelen genomen", "first measures taken"),
    "D": ("aanpak vastgesteld", "approach decided"),
    "E": ("voldoet niet", "not compliant"),
}

TEXT = {
    "heading": ("Toegankelijkheidsverklaring", "Accessibility statement"),
    "intro": ("{publisher} wil dat iedereen het wijkdashboard kan gebruiken: met toetsenbord of muis, met een "
              "schermlezer of vergroting, op een telefoon of op een projector.",
              "{publisher} wants everyone to be able to use the neighbourhood dashboard: by keyboard or mouse, with a "
              "screen reader or magnification, on a phone or on a projector."),
    "standard_h": ("Welke norm", "Which standard"),
    "standard": ("Overheidswebsites moeten voldoen aan de Europese norm EN 301 549, dat wil zeggen aan de WCAG 2.1 "
                 "op niveau AA (Besluit digitale toegankelijkheid overheid). Het wijkdashboard wordt getest tegen de "
                 "nieuwere WCAG 2.2 op niveau AA, die daar bovenop onder meer eisen stelt aan de grootte van "
                 "klikdoelen (2.5.8), focus die niet achter vaste delen verdwijnt (2.4.11) en bediening zonder "
                 "slepen (2.5.7).",
                 "Government websites must meet the European standard EN 301 549, that is WCAG 2.1 at level AA "
                 "(the Dutch Besluit digitale toegankelijkheid overheid). The neighbourhood dashboard is tested "
                 "against the newer WCAG 2.2 at level AA, which adds among others a minimum target size (2.5.8), "
                 "focus not hidden behind fixed parts (2.4.11) and operation without dragging (2.5.7)."),
    "status_h": ("Status", "Status"),
    "status": ("Status {letter}: {name}.", "Status {letter}: {name}."),
    "status_c": ("Een onafhankelijk onderzoek naar de toegankelijkheid van dit dashboard (een audit) is nog niet "
                 "gedaan; daarom is de status niet hoger dan C, hoewel de eigen tests hieronder niets vinden. Na een "
                 "audit vult de uitgever hier de uitkomst in.",
                 "An independent investigation of this dashboard's accessibility (an audit) has not been done yet; "
                 "so the status is no higher than C, although the project's own tests below find nothing. After an "
                 "audit the publisher fills in its outcome here."),
    "audit": ("Het rapport van het onderzoek: ", "The audit report: "),
    "tested_h": ("Hoe het getest is", "How it was tested"),
    "tested_axe": ("Automatisch bij elke wijziging: axe-core {axe} met de regels voor WCAG 2.0, 2.1 en 2.2 op niveau A "
                   "en AA, in een echte browser (Chromium) op elke pagina — Kaart, Vergelijk, Segregatie, Verhaal, Over en "
                   "deze verklaringen — in het Nederlands en het Engels: geen ernstige of kritieke bevinding.",
                   "Automatically with every change: axe-core {axe} with the rules for WCAG 2.0, 2.1 and 2.2 at levels A "
                   "and AA, in a real browser (Chromium) on every page — Map, Compare, Segregation, Story, About and "
                   "these statements — in Dutch and English: no serious or critical finding."),
    "tested_lighthouse": ("Lighthouse {lighthouse}: toegankelijkheidsscore 100 op elke pagina.",
                          "Lighthouse {lighthouse}: accessibility score 100 on every page."),
    "tested_keyboard": ("Toetsenbord: elke knop, keuze en kaartbediening is met het toetsenbord te bereiken en te "
                        "gebruiken; de kaart zoomt en schuift met knoppen (geen slepen nodig); de focus is altijd zichtbaar. "
                        "Dit wordt in de browser getest.",
                        "Keyboard: every button, choice and map control can be reached and used by keyboard; the map "
                        "zooms and moves with buttons (no dragging needed); focus is always visible. This is tested in the browser."),
    "tested_reader": ("Schermlezer: namen, rollen en live-meldingen (jaar, gekozen gebied, verhaalstap) zijn gecontroleerd "
                      "in de toegankelijkheidsboom van Chromium. Elke kaart heeft een tabel met dezelfde cijfers.",
                      "Screen reader: names, roles and live announcements (year, chosen area, story step) are checked in "
                      "Chromium's accessibility tree. Every map has a table with the same figures."),
    "tested_sizes": ("Weergave: op 360 × 640 pixels (telefoon), 1280 × 720 (projector) en met 200 % tekstvergroting.",
                     "Display: at 360 × 640 pixels (phone), 1280 × 720 (projector) and with text enlarged to 200 %."),
    "limits_h": ("Bekende beperkingen", "Known limitations"),
    "limit_reader": ("Met hulpmiddelen als NVDA, JAWS en VoiceOver is nog niet door hun gebruikers getest. Wie daarbij "
                     "iets tegenkomt: laat het ons weten.",
                     "Assistive technologies such as NVDA, JAWS and VoiceOver have not yet been tested by their users. "
                     "If you run into something, please tell us."),
    "limit_map": ("De kaart zelf is een beeld: wie haar niet ziet, vindt dezelfde cijfers in de tabel onder de kaart "
                  "(‘Tabel tonen’) en als CSV-download.",
                  "The map itself is an image: who cannot see it finds the same figures in the table beneath it "
                  "('Show table') and as a CSV download."),
    "limit_hover": ("De informatie die verschijnt als de muis over een gebied gaat, staat ook in de tabel en in het paneel "
                    "van het gekozen gebied.",
                    "The information shown when the mouse rests on an area is also in the table and in the chosen area's panel."),
    "limit_font": ("In een gemeentelijke huisstijl kan het lettertype van de gemeente ontbreken (het wordt niet "
                   "meegeleverd); dan toont het dashboard een systeemletter.",
                   "In a municipal house style the municipality's typeface may be missing (it is not shipped); the "
                   "dashboard then shows a system font."),
    "date_h": ("Datum", "Date"),
    "date": ("Deze verklaring is opgesteld op {date}; de tests hierboven zijn op die datum het laatst uitgevoerd.",
             "This statement was drawn up on {date}; the tests above were last run on that date."),
    "contact_intro": ("Werkt iets niet voor u, of heeft u een vraag over de toegankelijkheid? Neem contact op met "
                      "{publisher}. U krijgt binnen vijf werkdagen antwoord.",
                      "Does something not work for you, or do you have a question about accessibility? Contact "
                      "{publisher}. You will get an answer within five working days."),
}
tx = translator(TEXT)


def layout(**query):
    lang, present = urlstate.common(query)
    embed = urlstate.embedded(query)
    letter = settings.ACCESSIBILITY_STATUS if settings.ACCESSIBILITY_STATUS in STATUS else "C"
    name = STATUS[letter][0 if lang == "nl" else 1]
    who = publisher(lang)
    status = [html.P(html.Strong(tx("status", lang, letter=letter, name=name)))]
    if letter == "C" and not settings.ACCESSIBILITY_AUDIT_URL:
        status.append(html.P(tx("status_c", lang)))
    if settings.ACCESSIBILITY_AUDIT_URL:
        status.append(html.P([tx("audit", lang), html.A(settings.ACCESSIBILITY_AUDIT_URL, href=settings.ACCESSIBILITY_AUDIT_URL)]))
    content = [
        html.H1(tx("heading", lang), className="h3"),
        html.P(tx("intro", lang, publisher=who[0].upper() + who[1:]), className="lead"),
        html.Section([html.H2(tx("standard_h", lang), className="h4"), html.P(tx("standard", lang))]),
        html.Section([html.H2(tx("status_h", lang), className="h4"), *status]),
        html.Section([html.H2(tx("tested_h", lang), className="h4"), html.Ul([
            html.Li(tx("tested_axe", lang, axe=AXE)), html.Li(tx("tested_lighthouse", lang, lighthouse=LIGHTHOUSE)),
            html.Li(tx("tested_keyboard", lang)), html.Li(tx("tested_reader", lang)), html.Li(tx("tested_sizes", lang))])]),
        html.Section([html.H2(tx("limits_h", lang), className="h4"), html.Ul([
            html.Li(tx(key, lang)) for key in ("limit_reader", "limit_map", "limit_hover", "limit_font")])]),
        html.Section([html.H2(tx("date_h", lang), className="h4"),
                      html.P(tx("date", lang, date=CHECKED[0 if lang == "nl" else 1]))]),
        contact_block(lang, tx("contact_intro", lang, publisher=who)),
    ]
    return shell.frame(NAME, lang, present, [], html.Div(content, className="container-narrow statement"), [],
                       embed=embed)


def register(app, ctx):
    dash.register_page(__name__, path=PATH, name=NAME, title=shell.page_title("nav_accessibility"), layout=layout)
