"""A block of static content (no ids, no inputs) sent as one HTML string instead of a tree of Dash
components: on a throttled phone each component Dash renders costs time on every store update, and the
wave bands, the waves' texts and the legend are dozens of them. assets/wijk.js writes the string into
the block; the first HTML (prerender.py) holds it already. The string is made from the same component
tree by prerender.page_html, which escapes every text."""

from dash import html

from ..firstpaint.prerender import page_html

ATTRIBUTE = "data-markup"


def block(component_id, content, tag=html.Div, keep_ids=False, **props):
    """An element (a Div unless tag says otherwise) holding content (components, drawn once as HTML;
    keep_ids: their ids kept, for anchors)."""
    return raw(component_id, page_html(content, keep_ids), tag, **props)


def raw(component_id, markup, tag=html.Div, **props):
    """An element holding markup made (and escaped) by the caller."""
    if component_id is not None:
        props["id"] = component_id
    return tag(**props, **{ATTRIBUTE: markup})


def html_of(content):
    """What a callback returns for a block's ATTRIBUTE."""
    return page_html(content)
