"""Over's tables: indicators with their tables and years, the raw files, the reference periods."""

from functools import cache

from dash import html

from ....core.data import read_csv
from ....core.indicators import catalogue
from ....core.provenance import product
from ....core.reference import periods, reference, theme_of
from ...components.scroll import scroll_box
from .text import tx


@cache
def glossary():
    return read_csv("glossary.csv")


def kind_text(indicator, lang):
    variable = indicator.variable
    base = catalogue()[variable.weight].label(lang).lower() if variable.weight in catalogue() else variable.weight
    return tx(f"kind_{variable.kind}", lang, base=base)


def indicator_table(store, lang):
    coverage = coverage_of(store)
    header = html.Thead(html.Tr([html.Th(tx(k, lang), scope="col") for k in
                                 ("col_indicator", "col_definition", "col_unit", "col_kind", "col_tables")]))
    rows = []
    for indicator in catalogue().values():
        tables = coverage.get(indicator.id, [])
        rows.append(html.Tr([
            html.Th(indicator.label(lang), scope="row", id=f"indicator-{indicator.id}"),
            html.Td(indicator.definition(lang)), html.Td(indicator.unit_in(lang)), html.Td(kind_text(indicator, lang)),
            html.Td("; ".join(f"{product(table, '', lang)}: {years}" for table, years in tables)
                    if tables else tx("no_years", lang)),
        ]))
    return scroll_box(html.Table([header, html.Tbody(rows)], className="table table-sm small over-table"),
                      tx("indicators", lang))


def coverage_of(store):
    """variable -> [(table, 'years')] where the layers hold a value, from the statistics as published."""
    out = {}
    for variable, group in store.coverage.groupby("variable"):
        out[variable] = [(table, ", ".join(str(y) for y in sorted(years["year"].unique())))
                         for table, years in group.groupby("table")]
    return out


def reference_table(store, lang):
    """Per CBS table in the layers with income or WOZ figures: what its metadata say of their year."""
    rows = []
    tables = store.coverage[store.coverage["variable"].map(lambda v: theme_of(v) is not None)]
    for table in sorted(set(tables["table"])):
        themes = sorted({theme_of(v) for v in tables.loc[tables["table"] == table, "variable"]})
        for theme in themes:
            variable = "mean_woz" if theme == "woz" else "mean_income_per_inhabitant"
            text, established = reference(table, variable, lang)
            row = periods().get((table.upper(), theme)) or periods().get(("*", theme))
            rows.append(html.Tr([html.Td(product(table, "", lang)), html.Td(tx(f"theme_{theme}", lang)),
                                 html.Td(text), html.Td(row[f"source_{lang}"], className="small")]))
    header = html.Thead(html.Tr([html.Th(tx(k, lang), scope="col")
                                 for k in ("col_table", "col_theme", "col_reference", "col_basis")]))
    return scroll_box(html.Table([header, html.Tbody(rows)], className="table table-sm small over-table"),
                      tx("reference", lang))


def files_table(report, lang):
    header = html.Thead(html.Tr([html.Th(tx(k, lang), scope="col") for k in
                                 ("col_file", "col_product", "col_rows", "col_variables")]))
    rows = [html.Tr([html.Td(html.Code(entry["file"])), html.Td(product(entry.get("table", ""), entry.get("release", ""),
                                                                         lang, entry["file"])),
                     html.Td(entry["rows_kept"], className="num"), html.Td(len(entry["variables"]), className="num")])
            for entry in report["inputs"]]
    return scroll_box(html.Table([header, html.Tbody(rows)], className="table table-sm small over-table"),
                      tx("files", lang))