"""On a municipal site, in real Chromium: the Den Haag theme's tokens reach the page's computed styles;
the page embedded in a host page on another origin (the README's own snippet) tells the host its height
and keeps its links inside the frame; the statements are linked from every page; the map moves and zooms
with named buttons, by keyboard too; focus is never hidden; "Mijn buurt" finds the buurt of the browser's
location (read from the raw CBS boundaries, not the layers), and says so when there is none."""

import re
import subprocess
import sys
import time

import pytest
from pyproj import Transformer
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from wijkdashboard import settings
from wijkdashboard.app import shell
from wijkdashboard.tools.browser import MAP_STATE, click
from wijkdashboard.tools.serve import free_port, start_server, stop

README = settings.PROJECT_DIR / "README.md"
LIVE = "#react-entry-point "


def live(browser, selector):
    return browser.find_element(By.CSS_SELECTOR, LIVE + selector)


def wait_for_page(browser, selector="#main h1"):
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, LIVE + selector))
    WebDriverWait(browser, 30).until(lambda d: not d.find_elements(By.ID, "prerender"))
    time.sleep(0.5)


@pytest.fixture(scope="module")
def host():
    """A plain host page on a second local origin (another port), serving the README's snippet."""
    folder = settings.CACHE_DIR / "host-page"
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    yield folder, f"http://127.0.0.1:{port}"
    process.terminate()


@pytest.fixture(scope="module")
def denhaag(built_dir, tmp_path_factory, host):
    """The dashboard as Den Haag would run it: its theme, its site allowed to frame it, its contact."""
    process, url = start_server(WIJKDASHBOARD_LAYERS=str(built_dir), WIJKDASHBOARD_THEME="denhaag",
                                WIJKDASHBOARD_FRAME_ANCESTORS=f"'self' {host[1]}",
                                WIJKDASHBOARD_CONTACT_EMAIL="digitaal@denhaag.example",
                                WIJKDASHBOARD_CACHE_DIR=str(tmp_path_factory.mktemp("denhaag-cache")))
    yield url
    stop(process)


STYLE = """var button = document.querySelector('#react-entry-point .nav-list .btn-primary');
var link = document.querySelector('#react-entry-point footer a');
var probe = document.createElement('div');
probe.style.background = 'var(--utrecht-button-primary-action-background-color)';
probe.style.color = 'var(--utrecht-link-color)';
document.body.appendChild(probe);
var out = {body: document.body.className, font: getComputedStyle(document.body).fontFamily,
           button: getComputedStyle(button).backgroundColor, link: getComputedStyle(link).color,
           token_button: getComputedStyle(probe).backgroundColor, token_link: getComputedStyle(probe).color,
           map: Array.prototype.map.call(document.querySelectorAll('#react-entry-point .legend .swatch'),
                                          function (s) { return getComputedStyle(s).backgroundColor; })};
probe.remove();
return out;"""


def test_the_den_haag_theme_reaches_the_computed_styles(server, denhaag, browser):
    looks = {}
    for name, url in (("neutral", server), ("denhaag", denhaag)):
        browser.get(url + "/?city=den-haag&level=wijk&indicator=inhabitants&year=2024")
        wait_for_page(browser, ".legend .swatch")
        looks[name] = browser.execute_script(STYLE)
    neutral, haag = looks["neutral"], looks["denhaag"]
    assert neutral["body"] == "wijkdashboard-theme" and haag["body"] == "wijkdashboard-theme denhaag-theme"
    assert "TheSans" in haag["font"] and "TheSans" not in neutral["font"]
    # the page's own button and link take the theme's tokens ...
    assert haag["button"] == haag["token_button"] != neutral["button"] == neutral["token_button"]
    assert haag["link"] == haag["token_link"] != neutral["link"]
    # ... the map keeps its colour-blind-safe classes
    assert haag["map"] == neutral["map"] and len(set(haag["map"])) >= 3


def snippet(dashboard):
    """The host's lines from the README, pointed at this dashboard."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- host snippet -->\s*```html\n(.*?)```", text, re.S).group(1)
    return block.replace("https://wijkdashboard.gemeente.nl", dashboard)


def test_embedded_in_a_host_page_the_dashboard_tells_its_height_and_keeps_links_inside(denhaag, host, browser):
    folder, origin = host
    (folder / "host.html").write_text(
        "<!doctype html><html lang=nl><head><meta charset=utf-8><title>Gemeente</title></head><body>"
        "<header><h1>Gemeente Den Haag</h1></header><script>window.heights = [];"
        "window.addEventListener('message', function (e) { if (e.data && e.data.type === 'wijkdashboard:height') "
        "window.heights.push(e.data.height); });</script>"
        + snippet(denhaag).replace("/?embed=1&lang=nl", "/?embed=1&lang=nl&city=den-haag&level=wijk&indicator=inhabitants&year=2024")
        + "</body></html>", encoding="utf-8")
    browser.get(origin + "/host.html")
    WebDriverWait(browser, 40).until(lambda d: d.execute_script("return window.heights.length") > 0)
    time.sleep(2)
    frame = browser.find_element(By.ID, "wijkdashboard")
    first = browser.execute_script("return window.heights[window.heights.length - 1]")
    assert first > 500 and abs(frame.size["height"] - first) <= 1  # the snippet set the frame's height
    browser.switch_to.frame(frame)
    try:
        wait_for_page(browser, ".legend")
        assert not browser.find_elements(By.CSS_SELECTOR, LIVE + ".app-header")  # the host has its own
        assert live(browser, "footer").text.startswith("Bron: CBS, Kadaster")
        assert live(browser, "#map svg") and live(browser, "#indicator")
        click(browser, live(browser, "#table-toggle"))
        WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, LIVE + "table.map-table"))
        browser.switch_to.default_content()
        WebDriverWait(browser, 20).until(
            lambda d: d.execute_script("return window.heights[window.heights.length - 1]") > first + 200)
        browser.switch_to.frame(frame)
        WebDriverWait(browser, 10).until(lambda d: "table=1" in d.execute_script("return location.search"))
        assert "embed=1" in browser.execute_script("return location.search")  # the deep link keeps the frame's form
        # a link to another page opens it inside the frame, embedded
        click(browser, live(browser, ".sources-link a"))
        WebDriverWait(browser, 30).until(lambda d: d.execute_script("return location.pathname") == "/over")
        wait_for_page(browser)
        assert "embed=1" in browser.execute_script("return location.search")
        assert not browser.find_elements(By.CSS_SELECTOR, LIVE + ".app-header")
    finally:
        browser.switch_to.default_content()


def test_not_framed_by_sites_it_was_not_given(server, host, browser):
    folder, origin = host
    (folder / "other.html").write_text(snippet(server), encoding="utf-8")
    browser.get(origin + "/other.html")
    time.sleep(3)
    browser.switch_to.frame(browser.find_element(By.ID, "wijkdashboard"))
    try:
        assert not browser.find_elements(By.CSS_SELECTOR, ".page")  # the browser refused: frame-ancestors 'self'
    finally:
        browser.switch_to.default_content()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_links_the_statements_and_they_name_wcag(server, browser, lang):
    for page, _, _ in shell.PAGES + shell.STATEMENTS:
        browser.get(server + shell.href(page, lang))
        wait_for_page(browser)
        links = {a.get_attribute("href").replace(server, "") for a in browser.find_elements(By.CSS_SELECTOR, LIVE + "footer a")}
        assert links == {f"/toegankelijkheid?lang={lang}", f"/privacy?lang={lang}"}, page
    click(browser, live(browser, "footer a[href^='/toegankelijkheid']"))
    wait_for_page(browser)
    heading = live(browser, "#main h1").text
    assert heading == ("Toegankelijkheidsverklaring" if lang == "nl" else "Accessibility statement")
    text = live(browser, "#main").text
    assert "WCAG 2.1" in text and "WCAG 2.2" in text and "EN 301 549" in text


def test_the_contact_setting_reaches_the_statement(denhaag, browser):
    browser.get(denhaag + "/toegankelijkheid?lang=en")
    wait_for_page(browser)
    assert live(browser, "#contact + p + ul a").get_attribute("href") == "mailto:digitaal@denhaag.example"


def view_box(browser):
    return [float(v) for v in browser.execute_script(
        "return document.querySelector('#react-entry-point #map svg').getAttribute('viewBox')").split()]


def test_the_map_moves_and_zooms_with_named_buttons_by_keyboard(server, browser):
    browser.get(server + "/?city=groningen&level=buurt&indicator=inhabitants&year=2024")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(MAP_STATE) is not None)
    wait_for_page(browser)
    names = {b.get_attribute("data-zoom"): b.accessible_name for b in
             browser.find_elements(By.CSS_SELECTOR, LIVE + "[data-zoom]") if b.is_displayed()}
    assert names == {"in": "Inzoomen", "out": "Uitzoomen", "home": "Terug naar het beginbeeld", "up": "Kaart naar boven schuiven (noord)",
                     "down": "Kaart naar beneden schuiven (zuid)", "left": "Kaart naar links schuiven (west)",
                     "right": "Kaart naar rechts schuiven (oost)"}
    start = view_box(browser)
    click(browser, live(browser, "[data-zoom=in]"))
    zoomed = view_box(browser)
    assert zoomed[2] < start[2]
    live(browser, "[data-zoom=right]").send_keys(Keys.ENTER)  # the keyboard: a button like any other
    moved = view_box(browser)
    assert moved[0] > zoomed[0] and moved[1] == zoomed[1] and moved[2] == zoomed[2]
    live(browser, "[data-zoom=up]").send_keys(Keys.SPACE)
    assert view_box(browser)[1] < moved[1]
    live(browser, "[data-zoom=home]").send_keys(Keys.ENTER)
    assert view_box(browser) == start


FOCUS_SEEN = """var e = document.activeElement;
if (!e || e === document.body) { return null; }
var r = e.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) { return [e.id || e.className || e.outerHTML.slice(0, 80), 'off screen']; }
var top = document.elementFromPoint(x, y);
return (top === e || e.contains(top) || (top && top.contains(e)) || (top && top.tagName === 'LABEL' && top.control === e))
  ? true : [e.id || e.className || e.tagName, top && (top.id || top.className || top.tagName)];"""


@pytest.mark.parametrize("path", ["/?city=rotterdam&level=buurt&area=BU05991692", "/verhaal?story=nieuw-engeland&step=4",
                                  "/segregatie", "/?embed=1&city=den-haag"])
def test_focus_is_never_hidden(server, browser, path):
    """WCAG 2.4.11: each control the Tab key reaches is on screen and not covered by anything."""
    browser.get(server + path)
    wait_for_page(browser)
    hidden = []
    for _ in range(45):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        for _ in range(10):  # the page scrolls the focus into view smoothly (Bootstrap's scroll-behavior)
            time.sleep(0.1)
            seen = browser.execute_script(FOCUS_SEEN)
            if seen in (True, None):
                break
        else:
            hidden.append(seen)
    assert hidden == []


def hoogvliet_noord(raw_features):
    """A point inside Hoogvliet-Noord (BU05991692), from CBS's own 2022 buurt boundaries (RD New)."""
    from shapely.geometry import shape
    feature = next(f for f in raw_features("boundaries/cbs_buurt_2022_gegeneraliseerd_rd.geojson")
                   if f["properties"]["statcode"] == "BU05991692")
    point = shape(feature["geometry"]).representative_point()
    lon, lat = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True).transform(point.x, point.y)
    return lat, lon


def my_area(browser, server, where, lang="nl"):
    origin = server
    if where is None:
        browser.execute_cdp_cmd("Browser.setPermission", {"origin": origin, "permission": {"name": "geolocation"},
                                                          "setting": "denied"})
    else:
        browser.execute_cdp_cmd("Browser.grantPermissions", {"origin": origin, "permissions": ["geolocation"]})
        browser.execute_cdp_cmd("Emulation.setGeolocationOverride", {"latitude": where[0], "longitude": where[1],
                                                                     "accuracy": 20})
    browser.get(server + f"/?city=den-haag&level=wijk&indicator=inhabitants&year=2024&lang={lang}")
    wait_for_page(browser, ".legend")
    asked = browser.execute_script("return document.getElementById('area-message') && "
                                   "document.querySelector('#react-entry-point #area-message').textContent")
    assert not asked  # nothing is asked before the button is pressed
    click(browser, live(browser, "#my-area"))


def test_my_neighbourhood_selects_the_buurt_where_the_browser_is(server, browser, raw_features):
    try:
        my_area(browser, server, hoogvliet_noord(raw_features))
        WebDriverWait(browser, 30).until(lambda d: "area=BU05991692" in d.execute_script("return location.search"))
        WebDriverWait(browser, 30).until(lambda d: d.find_elements(
            By.CSS_SELECTOR, LIVE + "#map path.chosen[data-code=BU05991692]"))
        assert "city=rotterdam" in browser.execute_script("return location.search")
        assert live(browser, "#city").get_attribute("value") == "rotterdam"
        assert live(browser, "#area-message").text == "Uw buurt: Hoogvliet Noord (Rotterdam)."
        # outside every city: said so, in English too
        my_area(browser, server, (52.3676, 4.9041), "en")  # Amsterdam's Dam
        WebDriverWait(browser, 30).until(lambda d: live(d, "#area-message").text)
        assert live(browser, "#area-message").text.startswith("Your location is not in any of this dashboard's municipalities")
        # refused: a message, and the name box to type in
        my_area(browser, server, None)
        WebDriverWait(browser, 30).until(lambda d: live(d, "#area-message").text)
        assert live(browser, "#area-message").text.startswith("De browser gaf geen toestemming")
        assert browser.switch_to.active_element.get_attribute("id") == "area"
    finally:
        browser.execute_cdp_cmd("Browser.resetPermissions", {})
        browser.execute_cdp_cmd("Emulation.clearGeolocationOverride", {})
