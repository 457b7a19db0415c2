"""Who publishes the dashboard and how to reach them: the municipality's settings, or said plainly that
they are not filled in yet."""

from dash import html

from .... import settings
from ...i18n import translator

TEXT = {
    "publisher_unknown": ("de organisatie die dit dashboard publiceert", "the organisation that publishes this dashboard"),
    "contact": ("Contact", "Contact"),
    "email": ("E-mail: ", "Email: "),
    "web": ("Contactformulier: ", "Contact form: "),
    "no_contact": ("De uitgever heeft zijn contactgegevens hier nog niet ingevuld.",
                   "The publisher has not filled in its contact details here yet."),
}
tx = translator(TEXT)


def publisher(lang):
    return settings.PUBLISHER or tx("publisher_unknown", lang)


def contact_block(lang, intro):
    """A heading, the page's reason to get in touch, and the publisher's address (or that there is none yet)."""
    ways = []
    if settings.CONTACT_EMAIL:
        ways.append(html.Li([tx("email", lang), html.A(settings.CONTACT_EMAIL, href=f"mailto:{settings.CONTACT_EMAIL}")]))
    if settings.CONTACT_URL:
        ways.append(html.Li([tx("web", lang), html.A(settings.CONTACT_URL, href=settings.CONTACT_URL)]))
    return html.Section([
        html.H2(tx("contact", lang), className="h4", id="contact"),
        html.P(intro),
        html.Ul(ways) if ways else html.P(tx("no_contact", lang), className="fw-semibold"),
    ])
