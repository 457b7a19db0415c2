"""Over as one static block of markup."""

from dash import html

from ....core import formatting
from ....core.indices import catalogue as index_catalogue
from ....core.waves import documents
from ... import shell, urlstate
from ...components import markup
from ...context import current
from ...i18n import t
from .tables import files_table, glossary, indicator_table, reference_table
from .text import NAME, tx


def layout(**query):
    ctx = current()
    lang, present = urlstate.common(query)
    embed = urlstate.embedded(query)
    _, problems = urlstate.over(query, ctx.store, {})
    content = [
        html.H1(tx("heading", lang), className="h3"),
        html.P(tx("intro", lang), className="lead"),
        html.P([html.Strong(formatting.attribution(lang)), ". ", tx("licence", lang)]),
        html.Nav(html.Ul([html.Li(html.A(tx(key, lang), href=f"#{anchor}")) for key, anchor in (
            ("indicators", "indicators"), ("files", "files"), ("reference", "reference"), ("method", "method"),
            ("indices", "indices"),
            ("glossary", "glossary"), ("documents", "documents"))]), **{"aria-label": tx("heading", lang)}),
        html.Section([html.H2(tx("indicators", lang), id="indicators", className="h4"),
                      indicator_table(ctx.store, lang)]),
        html.Section([html.H2(tx("files", lang), id="files", className="h4"), html.P(tx("files_intro", lang)),
                      files_table(ctx.store.report, lang)]),
        html.Section([html.H2(tx("reference", lang), id="reference", className="h4"), html.P(tx("reference_intro", lang)),
                      reference_table(ctx.store, lang)]),
        html.Section([html.H2(tx("method", lang), id="method", className="h4"),
                      html.Ul([html.Li(item) for item in tx("method_items", lang)])]),
        html.Section([html.H2(tx("indices", lang), id="indices", className="h4"), html.P(tx("indices_intro", lang)),
                      html.Dl([part for key, row in index_catalogue().items() for part in (
                          html.Dt(row[f"label_{lang}"], id=f"index-{key}"), html.Dd(row[f"explanation_{lang}"]))]),
                      html.P(t("seg_maup", lang))]),
        html.Section([html.H2(tx("glossary", lang), id="glossary", className="h4"), html.P(tx("glossary_intro", lang)),
                      html.Dl([part for row in glossary() for part in (
                          html.Dt(row[f"term_{lang}"]),
                          html.Dd([row[f"definition_{lang}"], html.Span(f" [{row['source']}]", className="text-muted")]))])]),
        html.Section([html.H2(tx("documents", lang), id="documents", className="h4"), html.P(tx("documents_intro", lang)),
                      html.Ul([html.Li([html.Strong(f"{doc_id}: "), f"{d['author']} ({d['year']}), ", html.Em(d["title"])])
                               for doc_id, d in documents().items()])]),
        html.P(html.A(t("nav_map", lang), href=f"/?lang={lang}")),
    ]
    # All of it static: one HTML string, not thousands of components for Dash to render (on a throttled
    # phone that cost half a second of blocked main thread); ids kept, they are the page's anchors.
    return shell.frame(NAME, lang, present, problems, markup.block(None, content, keep_ids=True, className="over"), [], embed=embed)