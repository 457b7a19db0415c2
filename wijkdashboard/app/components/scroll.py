"""A wide table on a narrow screen: it scrolls inside its own box, which a keyboard can reach and a
screen reader names, while the page itself never scrolls sideways."""

from dash import html


def scroll_box(table, label):
    return html.Div(table, className="table-scroll", tabIndex="0", role="region", **{"aria-label": label})
