"""WCAG 2.2 AA in real Chromium with axe-core (Deque's rules, pinned in scripts/ensure-axe.sh): no
serious or critical violation on any view, in Dutch and English, with the table open, in presentation
mode, embedded, and on the statements. And English complete: no Dutch catalogue text on an English page."""

import json
import re
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from wijkdashboard import settings
from wijkdashboard.app import i18n
from wijkdashboard.app.pages.over import text as over_text
from wijkdashboard.app.pages.verklaringen import contact, privacy, toegankelijkheid
from wijkdashboard.app.stories.model import load_all
from wijkdashboard.core.indicators import variables

AXE = settings.PROJECT_DIR / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"
# axe's tags: every rule of WCAG 2.0, 2.1 and 2.2 at levels A and AA (the statement names these).
WCAG22AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
VIEWS = {
    "kaart": "/?city=rotterdam&level=buurt&indicator=pct_social_rent&year=2016&area=BU05991692&compare=BU05991692,WK001401",
    "kaart-table": "/?city=den-haag&level=wijk&indicator=pct_owner_occupied&year=2022&table=1",
    "kaart-presentation": "/?city=rotterdam&level=buurt&indicator=pct_social_rent&year=2016&present=1",
    "vergelijk": "/vergelijk",
    "vergelijk-presentation": "/vergelijk?present=1",
    "segregatie": "/segregatie?cities=groningen,den-haag,rotterdam&level=buurt",
    "over": "/over",
    "verhaal": "/verhaal",
    "verhaal-step": "/verhaal?story=nieuw-engeland&step=3",
    "verhaal-notes": "/verhaal?story=morgenstond-west&step=7&notes=1",
    "kaart-embedded": "/?city=den-haag&level=buurt&embed=1",
    "toegankelijkheid": "/toegankelijkheid",
    "privacy": "/privacy",
}


def open_view(browser, server, path, lang):
    browser.get(server + path + ("&" if "?" in path else "?") + f"lang={lang}")
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#main h1"))
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(
        "return !document.querySelector('[data-dash-is-loading=true]')"))
    time.sleep(3)  # charts and tables filled in by the page's callbacks


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_no_serious_or_critical_wcag_violation(server, browser, view, lang):
    assert AXE.exists(), "axe-core is missing: scripts/ensure-axe.sh installs it (make test runs it)"
    open_view(browser, server, VIEWS[view], lang)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    violations = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(function (r) {"
        "  done(r.violations.map(function (v) { return {id: v.id, impact: v.impact,"
        "    nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })}; })); });", WCAG22AA)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, indent=1)


def dutch_fragments():
    """Pieces of the Dutch catalogue text (between placeholders, 8 characters or more) that no English
    text of the catalogues uses as well (a Dutch term an English sentence quotes is not a miss)."""
    pairs = list(i18n.TEXT.values()) + list(over_text.TEXT.values())
    pairs += [pair for page in (contact, privacy, toegankelijkheid) for pair in page.TEXT.values()]
    pairs += [(v.label_nl, v.label_en) for v in variables().values()]
    pairs += [(v.definition_nl, v.definition_en) for v in variables().values()]
    for story in load_all().values():
        pairs += [(story.title["nl"], story.title["en"]), (story.summary["nl"], story.summary["en"])]
        pairs += [(step[field]["nl"], step[field]["en"]) for step in map(vars, story.steps)
                  for field in ("title", "text", "notes") if step[field]]
    english = " ".join(json.dumps(en, ensure_ascii=False) for _, en in pairs)
    out = set()
    for nl, en in pairs:
        for text in (nl if isinstance(nl, list) else [nl]):
            for piece in re.split(r"\{[^}]*\}", str(text)):
                piece = piece.strip(" .,:;·—–-()'‘’\"")
                if len(piece) >= 8 and piece not in english:
                    out.add(piece)
    return out


def test_english_pages_hold_no_dutch_catalogue_text(server, browser):
    fragments = dutch_fragments()
    assert len(fragments) > 200  # the catalogues were read
    found = {}
    for view, path in VIEWS.items():
        open_view(browser, server, path, "en")
        shown = browser.execute_script(
            "var body = document.body.cloneNode(true);"  # file names (<code>) are names, not text
            "body.querySelectorAll('code').forEach(function (c) { c.remove(); });"
            "document.body.appendChild(body); body.style.position = 'absolute';"
            "var parts = [document.title, body.innerText]; body.remove();"
            "document.querySelectorAll('[title], [aria-label], [placeholder], [aria-valuetext], [data-shown], [data-note],"
            " [data-heading]').forEach(function (e) {"  # the map's hover texts (place names are names)
            "  ['title', 'aria-label', 'placeholder', 'aria-valuetext', 'data-shown', 'data-note', 'data-heading'"
            "  ].forEach(function (a) {"
            "    if (e.getAttribute(a)) parts.push(e.getAttribute(a)); }); });"
            "document.querySelectorAll('#react-entry-point svg title, #react-entry-point svg text').forEach(function (e) {"
            "  parts.push(e.textContent); });"  # the charts' tooltips and labels (svg_chart.py)
            "return parts.join('\\n');")
        missed = sorted(f for f in fragments if f in shown)
        if missed:
            found[view] = missed
    assert found == {}
