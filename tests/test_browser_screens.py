"""Every user, every screen, in real Chromium: the alderman's projector (presentation mode at 1280×720
and 1920×1080), the citizen's phone (360×640, 390×844), the planner's comparison of any areas, the
map without WebGL, the year slider by keyboard."""

import csv
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from wijkdashboard.core.indicators import catalogue
from wijkdashboard.core.waves import waves_in
from wijkdashboard.tools.browser import MAP_STATE, click, console_errors, emulate_screen, reset_screen, start_browser

# Elements that stick out of the screen sideways (a table or a chart scrolls inside its own box).
OUTSIDE = """var out = [];
document.querySelectorAll('body *').forEach(function (e) {
  if (e.closest('.table-scroll') || e.closest('svg') || e.closest('.js-plotly-plot')) return;
  var r = e.getBoundingClientRect();
  if (r.width > 0 && getComputedStyle(e).visibility !== 'hidden' && (r.right > innerWidth + 1 || r.left < -1))
    out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.left) + '–' + Math.round(r.right));
});
return out.concat(document.documentElement.scrollWidth > innerWidth ? ['the page scrolls sideways'] : []);"""
VIEW = "/?city=rotterdam&level=buurt&indicator=pct_social_rent&year=2016"


@pytest.fixture
def screen(browser):
    yield lambda width, height, phone=False: emulate_screen(browser, width, height, phone)
    reset_screen(browser)


def wait_for_map(browser, year=None):
    wait = WebDriverWait(browser, 30)
    wait.until(lambda d: (d.execute_script(MAP_STATE) or {}).get("codes"))
    wait.until(lambda d: not d.find_elements(By.ID, "prerender"))  # the live page is the one shown
    if year:
        wait.until(lambda d: str(year) in d.find_element(By.ID, "year-readout").text)


@pytest.mark.parametrize("width,height", [(1280, 720), (1920, 1080)])
def test_presentation_mode_fits_the_projector(server, browser, screen, width, height):
    screen(width, height)
    browser.get(server + VIEW + "&present=1")
    wait_for_map(browser, 2016)
    title = browser.find_element(By.ID, "view-title")
    waves = [w.short("nl") for w in waves_in(2016)]
    for part in ("Rotterdam", catalogue()["pct_social_rent"].label("nl"), "2016", ", ".join(waves)):
        assert part in title.text
    assert float(title.value_of_css_property("font-size").rstrip("px")) >= 28
    assert browser.find_element(By.ID, "play").is_displayed()
    bands = browser.find_element(By.CSS_SELECTOR, ".wave-bands-wide")
    assert bands.is_displayed() and "Krachtwijken" in bands.text
    assert browser.find_element(By.ID, "legend").is_displayed()
    assert not browser.find_element(By.ID, "filters").is_displayed()
    # nothing below the fold: the page is exactly the screen, the map and the timeline within it
    assert browser.execute_script("return document.documentElement.scrollHeight") <= height
    for element in ("map", "play", "year-readout"):
        rect = browser.find_element(By.ID, element).rect
        assert rect["y"] >= 0 and rect["y"] + rect["height"] <= height, element
    map_box = browser.find_element(By.ID, "map").rect
    assert map_box["height"] >= 0.4 * height  # the map takes the screen, not a corner of it
    assert console_errors(browser) == []


@pytest.mark.parametrize("width,height", [(360, 640), (390, 844)])
def test_on_a_phone_the_map_is_above_the_fold_and_the_controls_fold_away(server, browser, screen, width, height):
    screen(width, height, phone=True)
    browser.get(server + VIEW + "&lang=en")
    wait_for_map(browser, 2016)
    map_box = browser.find_element(By.ID, "map").rect
    assert map_box["y"] + map_box["height"] <= height and map_box["height"] >= 250
    filters, toggle = browser.find_element(By.ID, "filters"), browser.find_element(By.ID, "filters-toggle")
    assert not filters.is_displayed() and toggle.text == "Filters"
    toggle.click()
    WebDriverWait(browser, 5).until(lambda d: filters.is_displayed())
    assert toggle.get_attribute("aria-expanded") == "true"
    language = browser.find_element(By.ID, "lang-toggle")
    assert language.is_displayed() and language.rect["x"] + language.rect["width"] <= width
    for target in (language, toggle, browser.find_element(By.ID, "play")):
        assert target.rect["height"] >= 44 and target.rect["width"] >= 44  # a finger's tap target
    assert browser.execute_script(OUTSIDE) == []
    assert console_errors(browser) == []


@pytest.mark.parametrize("path", ["/?table=1", "/vergelijk", "/segregatie?cities=groningen,den-haag,rotterdam", "/over"])
def test_no_view_scrolls_sideways_at_360_px(server, browser, screen, path):
    screen(360, 640, phone=True)
    browser.get(server + path + ("&" if "?" in path else "?") + "lang=en")
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#main h1"))
    time.sleep(4)  # the page's callbacks fill in charts and tables
    assert browser.execute_script(OUTSIDE) == []


@pytest.mark.parametrize("width", [360, 576, 640, 767, 768, 1280])
def test_every_header_button_says_what_it_does_at_every_width(server, browser, screen, width):
    """The language button was empty between 576 and 767 px (and at 200 % zoom on a 1280 px screen)."""
    screen(width, 800, phone=width < 768)
    browser.get(server + "/?lang=nl")
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#react-entry-point #lang-toggle"))
    shown = """var out = []; arguments[0].querySelectorAll('*').forEach(function (e) {
      var r = e.getBoundingClientRect(); if (r.width > 4 && r.height > 4 && e.children.length === 0) out.push(e.textContent.trim());
    }); var r = arguments[0].getBoundingClientRect(); if (!arguments[0].children.length && r.width > 4) out.push(arguments[0].textContent.trim());
    return out.filter(Boolean);"""
    for button in browser.find_elements(By.CSS_SELECTOR, "#react-entry-point .app-header .btn"):
        if button.is_displayed():
            assert browser.execute_script(shown, button), button.get_attribute("outerHTML")
    language = browser.find_element(By.CSS_SELECTOR, "#react-entry-point #lang-toggle")
    assert browser.execute_script(shown, language) == (["English"] if width >= 768 else ["EN"])


def test_the_map_draws_without_webgl(server, downloads):
    """The map is SVG from the server: it needs no WebGL, which council desktops often lack."""
    driver = start_browser(extra_flags=["--disable-webgl", "--disable-3d-apis"])
    try:
        driver.get(server + VIEW)
        assert driver.execute_script("var c = document.createElement('canvas');"
                                     "return !!(c.getContext('webgl') || c.getContext('webgl2'));") is False
        wait_for_map(driver, 2016)
        drawn = driver.execute_script(MAP_STATE)
        paths = driver.find_elements(By.CSS_SELECTOR, "#map svg path[data-code]")
        assert len(paths) == len(drawn["codes"]) > 50 and all(p.rect["width"] > 0 for p in paths[:20])
        assert console_errors(driver) == []
    finally:
        driver.quit()


def test_the_year_slider_works_by_keyboard(server, browser, store):
    browser.get(server + VIEW)
    wait_for_map(browser, 2016)
    thumb = browser.find_element(By.ID, "year")
    assert browser.execute_script("return arguments[0].labels[0].textContent", thumb) == "Jaar"
    WebDriverWait(browser, 5).until(
        lambda d: thumb.get_attribute("aria-valuetext") == "2016 — " + ", ".join(w.short("nl") for w in waves_in(2016)))
    thumb.send_keys(Keys.ARROW_RIGHT)
    years = store.years("GM0599", "buurt", "pct_social_rent", "fixed")
    following = years[years.index(2016) + 1]
    WebDriverWait(browser, 15).until(lambda d: str(following) in d.find_element(By.ID, "year-readout").text)
    WebDriverWait(browser, 5).until(lambda d: f"year={following}" in d.current_url)
    WebDriverWait(browser, 5).until(lambda d: thumb.get_attribute("aria-valuetext").startswith(str(following)))


def test_any_areas_side_by_side_with_the_link_and_csv(server, browser, store, downloads):
    """A wijk of Groningen and a buurt of Rotterdam, picked on the map's page, in one chart and table."""
    browser.get(server + "/?city=groningen&level=wijk&indicator=pct_owner_occupied&year=2022&area=WK001401")
    wait_for_map(browser, 2022)
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.ID, "compare-add"))
    click(browser, browser.find_element(By.ID, "compare-add"))
    WebDriverWait(browser, 10).until(lambda d: "compare=WK001401" in d.current_url)
    browser.get(server + "/?city=rotterdam&level=buurt&indicator=pct_owner_occupied&year=2016&area=BU05991692"
                         "&compare=WK001401")
    wait_for_map(browser, 2016)
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.ID, "compare-add"))
    click(browser, browser.find_element(By.ID, "compare-add"))
    WebDriverWait(browser, 10).until(lambda d: "compare=WK001401%2CBU05991692" in d.current_url
                                     or "compare=WK001401,BU05991692" in d.current_url)
    from .test_browser_compare import SERIES
    chart = SERIES.replace("{box}", "#compare-box").replace("{{", "{").replace("}}", "}")
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(chart) and len(d.execute_script(chart)) == 2)
    names = [trace[0] for trace in browser.execute_script(chart)]
    hoogvliet = store.name("buurt", store.target_years["buurt"], "BU05991692")
    assert names == ["Oud-Zuid (Groningen, wijk)", f"{hoogvliet} (Rotterdam, buurt)"]
    for path in downloads.glob("wijkdashboard_gebieden_*.csv"):
        path.unlink()
    click(browser, browser.find_element(By.ID, "compare-areas-csv-button"))
    WebDriverWait(browser, 20).until(lambda d: list(downloads.glob("wijkdashboard_gebieden_pct_owner_occupied.csv")))
    time.sleep(0.5)
    with open(downloads / "wijkdashboard_gebieden_pct_owner_occupied.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    from wijkdashboard.app.provenance import how
    for code, city, level in (("WK001401", "GM0014", "wijk"), ("BU05991692", "GM0599", "buurt")):
        series, _ = store.series(city, level, "pct_owner_occupied", code)
        mine = {int(r["jaar"]): r for r in rows if r["code"] == code}
        assert sorted(mine) == sorted(int(y) for y in series["year"])
        for r in series.itertuples():
            # how the value came about, worded as the map's hover and the area panel word it
            words = how(r.status, "nl", int(r.year), int(r.boundary_year), store.target_years[level])
            assert mine[int(r.year)]["hoe tot stand gekomen"] == words
            assert mine[int(r.year)]["naamsvermelding"] == "Bron: CBS, Kadaster (CC BY 4.0)"
            if r.status in ("published", "interpolated"):
                assert float(mine[int(r.year)]["waarde"]) == pytest.approx(r.value)
                assert mine[int(r.year)]["bron"].startswith("CBS ")
            else:
                assert mine[int(r.year)]["waarde"] == ""
    # unticking an area takes it out, link included
    oud_zuid = browser.find_element(By.XPATH, "//*[@id='compare-chosen']//label[starts-with(., 'Oud-Zuid')]")
    box = browser.find_element(By.ID, oud_zuid.get_attribute("for"))
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.send_keys(Keys.SPACE)
    WebDriverWait(browser, 10).until(lambda d: "WK001401" not in d.current_url)
    assert console_errors(browser) == []
