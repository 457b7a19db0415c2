"""The map's data as a table: the text alternative of the map (names left, numbers right, every column
visible; a header sorts, assets/wijk.js). Made from the same compact values the map is painted with, so
the table and the hover cannot disagree; assets/kaart.js makes the same markup on a year step."""

from dash import html

from ....core import formatting
from ...components.scroll import scroll_box


def rows_of(frame, names):
    """[{name, code, value, status, source}] from a year's compact values and its map's [[code, name]]."""
    rows = []
    for (code, name), v, s, n in zip(names, frame["v"], frame["s"], frame["n"]):
        status, source = frame["note_parts"][n] if n >= 0 else (frame["reasons"][s], "")
        rows.append({"name": name, "code": code, "value": v, "status": status, "source": source})
    return rows


def map_table(rows, frame, texts, year, lang):
    """texts: the payload's words of the table (view.View.table_texts)."""
    caption = texts["caption"].replace("{year}", str(year))
    columns = [("name", texts["name"], "text"), ("code", texts["code"], "text"), ("value", texts["value"], "number"),
               ("status", texts["status"], "text"), ("source", texts["source"], "text")]
    head = html.Thead(html.Tr([html.Th(html.Button(label, className="sort", type="button", **{"data-kind": kind}),
                                       scope="col", className="num" if kind == "number" else None,
                                       **({"aria-sort": "ascending"} if key == "name" else {}))
                               for key, label, kind in columns]))
    body = []
    for r in sorted(rows, key=lambda r: str(r["name"]).lower()):
        value = (formatting.number(r["value"], frame["decimals"], lang, sign=bool(frame.get("signed")))
                 if r["value"] is not None else texts["no_data"])
        body.append(html.Tr([
            html.Th(r["name"], scope="row", **{"data-column": "name"}), html.Td(r["code"], **{"data-column": "code"}),
            html.Td(value, className="num", **{"data-column": "value",
                                                "data-value": "" if r["value"] is None else repr(r["value"])}),
            html.Td(r["status"], **{"data-column": "status"}),
            html.Td(r["source"], className="small", **{"data-column": "source"})]))
    return scroll_box(html.Table([html.Caption(caption), head, html.Tbody(body)],
                                 className="table table-sm sortable map-table"), caption)


def grid_note(texts, n, lang):
    return html.P(texts["grid_note"].replace("{n}", formatting.number(n, 0, lang)), className="grid-table-note")

