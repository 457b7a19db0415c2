"""What a municipal site needs besides the views: the statements (accessibility, privacy) with the
municipality's own settings, no cookie from any route, and the themes (a token stylesheet plus its class).
The browser side of these (computed styles, embedding, the footer on every page) is in
tests/test_browser_embed.py."""

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from wijkdashboard import settings
from wijkdashboard.app import shell
from wijkdashboard.app.theme import ThemeError, chosen
from wijkdashboard.tools.serve import free_port


@pytest.fixture(scope="module")
def client(app):
    client = app.server.test_client()
    client.get("/")
    return client


def text_of(page):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_accessibility_statement_names_the_standards_status_tests_and_date(client, lang):
    response = client.get(f"/toegankelijkheid?lang={lang}")
    assert response.status_code == 200
    page = text_of(response.get_data(as_text=True))
    for words in ("EN 301 549", "WCAG 2.1", "WCAG 2.2", "axe-core 4.14.1", "Lighthouse 12.2.3", "2026", "Status C"):
        assert words in page, words
    assert ("Toegankelijkheidsverklaring" if lang == "nl" else "Accessibility statement") in page
    assert ("nog niet ingevuld" if lang == "nl" else "not filled in") in page  # no contact set: said plainly


def test_the_statements_show_the_municipalitys_settings(client, monkeypatch):
    monkeypatch.setattr(settings, "PUBLISHER", "Gemeente Proefstad")
    monkeypatch.setattr(settings, "CONTACT_EMAIL", "toegankelijkheid@proefstad.nl")
    monkeypatch.setattr(settings, "ACCESSIBILITY_STATUS", "B")
    monkeypatch.setattr(settings, "ACCESSIBILITY_AUDIT_URL", "https://proefstad.nl/audit.pdf")
    monkeypatch.setattr(settings, "LOG_DAYS", 14)
    page = client.get("/toegankelijkheid").get_data(as_text=True)
    assert 'href="mailto:toegankelijkheid@proefstad.nl"' in page and "Gemeente Proefstad wil" in page
    assert "Status B: voldoet gedeeltelijk" in text_of(page) and 'href="https://proefstad.nl/audit.pdf"' in page
    privacy = text_of(client.get("/privacy?lang=en").get_data(as_text=True))
    assert "no cookies" in privacy and "after 14 days" in privacy and "Contact Gemeente Proefstad" in privacy


def test_no_route_sets_a_cookie(server, client):
    """Every route the real server has — each page in both languages and embedded, a page it does not
    have, the assets, Dash's own routes, a callback — answers without Set-Cookie."""
    page = client.get("/").get_data(as_text=True)
    script = re.findall(r'src="(/_dash-component-suites/[^"]+)"', page)[0]
    pages = [f"{path}?lang={lang}{extra}" for _, path, _ in shell.PAGES + shell.STATEMENTS
             for lang in ("nl", "en") for extra in ("", "&embed=1", "&present=1")]
    asked = {"/": pages, "/<path:path>": pages[1:] + ["/niet-bestaand"], "/health": ["/health"],
             "/robots.txt": ["/robots.txt"], "/theme.css": ["/theme.css"],
             "/assets/<path:filename>": ["/assets/style.css", "/assets/favicon.ico"],
             "/_dash-layout": ["/_dash-layout"], "/_dash-dependencies": ["/_dash-dependencies"],
             "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>": [script],
             "/_favicon.ico": ["/_favicon.ico"], "/_reload-hash": ["/_reload-hash"],
             "/static/<path:filename>": ["/static/nothing.css"], "/_dash-update-component": []}
    rules = {rule.rule for rule in client.application.url_map.iter_rules()}
    assert rules <= set(asked), f"a route this test does not ask: {rules - set(asked)}"
    for path in [p for paths in asked.values() for p in paths]:
        try:
            with urllib.request.urlopen(server + path) as response:
                headers = response.headers
        except urllib.error.HTTPError as answer:  # a 404 (a page or file not there) has headers too
            assert answer.code == 404 and path in ("/niet-bestaand", "/static/nothing.css", "/_reload-hash"), path
            headers = answer.headers
        assert headers.get("Set-Cookie") is None, path
    deps = json.loads(client.get("/_dash-dependencies").data)
    year_step = next(d for d in deps if d["output"].startswith("..view.data"))
    body = json.dumps({"output": year_step["output"], "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1].split("@")[0]}
                                                                   for o in year_step["output"].strip(".").split("...")],
                       "inputs": [{"id": i["id"], "property": i["property"], "value": None} for i in year_step["inputs"]],
                       "state": [{"id": s["id"], "property": s["property"], "value": None} for s in year_step["state"]],
                       "changedPropIds": []}).encode()
    request = urllib.request.Request(server + "/_dash-update-component", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            assert response.headers.get("Set-Cookie") is None
    except urllib.error.HTTPError as refused:  # a callback refused by validation: still no cookie
        assert refused.headers.get("Set-Cookie") is None


def test_a_theme_is_its_token_file_and_its_class(tmp_path):
    denhaag = chosen("denhaag", "")
    assert denhaag.body_class == "wijkdashboard-theme denhaag-theme"
    assert ".denhaag-theme {" in denhaag.css and "--utrecht-link-color: var(--denhaag-color-blue-3)" in denhaag.css
    assert denhaag.css.index(".wijkdashboard-theme") < denhaag.css.index(".denhaag-theme")  # neutral first, filled over
    own = tmp_path / "proefstad.css"
    own.write_text(".proefstad-theme { --utrecht-link-color: #6a1b9a; }")
    theme = chosen("proefstad", str(own))
    assert theme.body_class == "wijkdashboard-theme proefstad-theme" and theme.css.endswith(own.read_text())
    assert theme.href != chosen("wijkdashboard", "").href  # a changed file is a new address
    with pytest.raises(ThemeError, match="no such theme"):
        chosen("rotterdam", "")
    with pytest.raises(ThemeError, match="no such file"):
        chosen("rotterdam", str(tmp_path / "missing.css"))


def test_the_den_haag_tokens_are_vendored_with_their_licence():
    folder = settings.PROJECT_DIR / "assets" / "themes" / "denhaag"
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in (folder / "LICENSE.md").read_text()
    tokens = (folder / "tokens.css").read_text()
    assert "@gemeente-denhaag/design-tokens-components@" in tokens and "EUPL-1.2" in tokens
    used = set(re.findall(r"var\((--utrecht-[a-z0-9-]+)", (settings.PROJECT_DIR / "assets" / "style.css").read_text()))
    declared = set(re.findall(r"(--[a-z0-9-]+):", tokens))
    neutral = set(re.findall(r"(--[a-z0-9-]+):", (folder.parent / "wijkdashboard" / "tokens.css").read_text()))
    assert used <= neutral, f"tokens the CSS reads that the neutral theme lacks: {used - neutral}"
    assert {"--utrecht-link-color", "--utrecht-button-primary-action-background-color",
            "--utrecht-focus-outline-color", "--utrecht-document-font-family"} <= declared


def test_an_unknown_theme_stops_the_start_in_one_line():
    env = {"WIJKDASHBOARD_THEME": "rotterdam", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "wijkdashboard.cli", "serve", "--dev", "--port", str(free_port())],
                            capture_output=True, text=True, timeout=120, env=env, cwd=settings.PROJECT_DIR)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: WIJKDASHBOARD_THEME='rotterdam': no such theme (shipped: denhaag, wijkdashboard); a municipality's own "
        "theme also needs WIJKDASHBOARD_THEME_CSS=<its token file>"]
