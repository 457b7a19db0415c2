"""A page's first view as plain HTML, in the page the browser gets first: readable (map included) as soon
as the HTML and the CSS are in, before any script has run. On a throttled phone Dash's scripts take
seconds to arrive and run; until the live page has rendered (assets/wijk.js: reveal) this copy is shown,
inert, and the live page is laid out hidden beneath it. Without scripts it stays: the page still reads.

The copy is made from the same component tree Dash renders (the page's layout), so the two agree. Ids
are left out (the live page has them); interactive components are drawn as what they show: a dropdown
as its chosen label, radio buttons as they are set, a chart or the slider as a box of its size."""

import contextvars
import html
import re

from dash.development.base_component import Component

SKIP = {"Store", "Interval", "Download", "Location", "Tooltip"}
ATTRIBUTES = {"className": "class", "htmlFor": "for", "html_for": "for", "tabIndex": "tabindex", "colSpan": "colspan",
              "rowSpan": "rowspan"}
PASSED = {"href", "title", "role", "scope", "lang", "hidden", "type", "for", "tabindex", "colspan", "rowspan", "class",
          "open", "alt", "src", "width", "height", "min", "max", "step", "value", "placeholder"}
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}
# Data only the live page's scripts read (a grid map's squares for its hover): the inert copy would carry
# it for nothing.
NOT_COPIED = {"data-grid", "data-waves"}


_KEEP_IDS = contextvars.ContextVar("keep_ids", default=False)


def page_html(component, keep_ids=False):
    """HTML for a component tree. keep_ids: for a static block of the live page whose ids are anchors
    (the Over page's sections); the inert first copy leaves ids to the live page."""
    token = _KEEP_IDS.set(keep_ids)
    try:
        return _render(component)
    finally:
        _KEEP_IDS.reset(token)


def _render(node):
    if node is None or node is False:
        return ""
    if isinstance(node, (list, tuple)):
        return "".join(_render(child) for child in node)
    if isinstance(node, Component):
        namespace, kind = node._namespace, node._type
        props = {k: v for k, v in node.to_plotly_json()["props"].items() if v is not None}
        if kind in SKIP:
            return ""
        if namespace == "dash_html_components":
            return _element(kind.lower(), props)
        drawer = DRAWERS.get((namespace, kind))
        if drawer is None:
            # Not silently nothing: a component this copy cannot draw would leave a hole in the first view.
            raise LookupError(f"prerender: no first-view drawing for {namespace}.{kind} (add one to DRAWERS, "
                              "or to SKIP if it shows nothing)")
        return drawer(props)
    return html.escape(str(node))


def _attributes(props):
    out = []
    for key, value in props.items():
        if key == "id" and _KEEP_IDS.get() and isinstance(value, str):
            out.append(f'id="{html.escape(value)}"')
            continue
        if key in ("children", "id", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "key", "loading_state") \
                or key in NOT_COPIED:
            continue
        if key == "style" and isinstance(value, dict):
            css = "; ".join(f"{_kebab(k)}: {v}" for k, v in value.items())
            out.append(f'style="{html.escape(css)}"')
            continue
        name = ATTRIBUTES.get(key, key)
        if value is None:  # not set (a link without a class): no attribute, not the word "None"
            continue
        if name in PASSED or name.startswith(("aria-", "data-")):
            if value is True:
                out.append(name)
            elif value is not False:
                out.append(f'{name}="{html.escape(str(value))}"')
    return (" " + " ".join(out)) if out else ""


def _kebab(name):
    return re.sub(r"([A-Z])", r"-\1", name).lower()


def _element(tag, props, children=None):
    if "data-markup" in props:  # a block of static content, already HTML (components/markup.py)
        inner = props.pop("data-markup")
        if not _KEEP_IDS.get():  # a block that keeps its ids for anchors: the inert copy must not repeat them
            inner = re.sub(r'\sid="[^"]*"', "", inner)
    else:
        inner = _render(props.get("children") if children is None else children)
    if tag in VOID:
        return f"<{tag}{_attributes(props)}>"
    return f"<{tag}{_attributes(props)}>{inner}</{tag}>"


def _classes(*names):
    return " ".join(n for n in names if n)


def _link(props):
    return _element("a", {"href": props.get("href"), "className": props.get("className"),
                          "children": props.get("children")})


def _box(props):
    """A chart or slider: an empty box of its size (its CSS class gives the size)."""
    return f'<div class="{html.escape(_classes(props.get("className"), "prerender-box"))}"></div>'


def _dropdown(props):
    value = props.get("value")
    label = next((o.get("label") for o in props.get("options") or [] if isinstance(o, dict) and o.get("value") == value),
                 None)
    shown = html.escape(str(label)) if label is not None else html.escape(str(props.get("placeholder") or ""))
    return f'<div class="prerender-dropdown">{shown}</div>'


def _input(props):
    attributes = {k: props.get(k) for k in ("type", "min", "max", "step", "value", "placeholder") if props.get(k) is not None}
    classes = _classes(props.get("className"), props.get("class_name"),
                       "form-range" if props.get("type") == "range" else None)
    return _element("input", {**attributes, "className": classes})


def _select(props):
    value = props.get("value")
    label = next((o.get("label") for o in props.get("options") or [] if o.get("value") == value), "")
    return f'<select class="form-select"><option selected>{html.escape(str(label))}</option></select>'


def _choices(kind, switch=False):
    def draw(props):
        chosen = props.get("value")
        chosen = chosen if isinstance(chosen, list) else [chosen]
        if kind == "switch":
            options = [{"label": props.get("label"), "value": True}]
            chosen = [bool(props.get("value"))]
        else:
            options = props.get("options") or []
        inline = " form-check-inline" if props.get("inline") else ""
        items = []
        for option in options:
            checked = " checked" if option.get("value") in chosen else ""
            items.append(f'<div class="form-check{inline}{" form-switch" if switch else ""}">'
                         f'<input class="form-check-input" type="{"radio" if kind == "radio" else "checkbox"}"'
                         f'{checked}><label class="form-check-label">{_render(option.get("label"))}'
                         f'</label></div>')
        return f'<div class="{html.escape(_classes(props.get("className")))}">{"".join(items)}</div>'
    return draw


def _row(props):
    return _element("div", {**props, "className": _classes("row", props.get("className"))})


def _col(props):
    sizes = [f"col-{props['xs']}" if props.get("xs") else "col"]
    sizes += [f"col-{bp}-{props[bp]}" for bp in ("sm", "md", "lg", "xl", "xxl") if props.get(bp)]
    return _element("div", {"className": _classes(*sizes, props.get("className")), "children": props.get("children")})


def _label(props):
    return _element("label", {"className": _classes("form-label", props.get("className")),
                              "children": props.get("children")})


def _alert(props):
    return _element("div", {"className": _classes("alert", f"alert-{props.get('color', 'primary')}",
                                                  props.get("className")), "role": "alert",
                            "children": props.get("children")})


DRAWERS = {
    ("dash_core_components", "Link"): _link,
    ("dash_core_components", "Graph"): _box,
    ("dash_core_components", "Slider"): _box,
    ("dash_core_components", "Dropdown"): _dropdown,
    ("dash_bootstrap_components", "Row"): _row,
    ("dash_bootstrap_components", "Col"): _col,
    ("dash_bootstrap_components", "Label"): _label,
    ("dash_bootstrap_components", "Alert"): _alert,
    ("dash_bootstrap_components", "Select"): _select,
    ("dash_core_components", "Input"): _input,
    ("dash_bootstrap_components", "Input"): _input,
    ("dash_bootstrap_components", "RadioItems"): _choices("radio"),
    ("dash_bootstrap_components", "Checklist"): _choices("checkbox"),
    ("dash_bootstrap_components", "Switch"): _choices("switch", switch=True),
}
