"""The real page in headless Chromium: load, slider, deep links, table, language."""

import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from wijkdashboard.core import formatting
from wijkdashboard.core.indicators import catalogue
from wijkdashboard.tools.browser import MAP_STATE, click, console_errors


def open_page(browser, url, expect_year=None):
    browser.get(url)
    wait = WebDriverWait(browser, 30)
    wait.until(lambda d: d.execute_script(MAP_STATE) is not None)
    if expect_year:
        wait.until(EC.text_to_be_present_in_element((By.ID, "year-readout"), str(expect_year)))
    time.sleep(0.5)
    return browser.execute_script(MAP_STATE)


def values_by_code(drawn):
    """The value the hover shows for each area, read back from the map in the browser."""
    return dict(zip(drawn["codes"], drawn["shown"]))


def expected_by_code(store, city, level, indicator, year, bounds, lang="nl"):
    frame = store.values(city, level, indicator, year, bounds)
    item = catalogue()[indicator]
    missing = "geen gegevens" if lang == "nl" else "no data"
    return {r.code: (f"{formatting.value(r.value, item, lang)} {item.unit_in(lang)}" if r.status in ("published", "interpolated")
                     else missing) for r in frame.itertuples()}


def without_reasons(shown):
    """Missing values carry their reason after a colon; compare the part before it."""
    return {code: text.split(":")[0] for code, text in shown.items()}


def test_page_loads_without_console_errors(server, browser, store):
    """The start page opens on the build's opening view (a view that changes over the years)."""
    opening = store.opening_view(None)
    trace = open_page(browser, server + "/", opening["year"])
    frame = store.values(opening["city"], opening["level"], opening["indicator"], opening["year"], "fixed")
    assert sorted(trace["codes"]) == sorted(frame["code"])
    WebDriverWait(browser, 10).until(lambda d: f"indicator={opening['indicator']}" in d.current_url)
    assert f"year={opening['year']}" in browser.current_url and f"level={opening['level']}" in browser.current_url
    assert console_errors(browser) == []
    assert "Bron: CBS, Kadaster" in browser.find_element(By.ID, "map-region").text


def test_moving_the_year_changes_the_map_and_the_waves(server, browser, store):
    trace = open_page(browser, server + "/?city=groningen&level=wijk&indicator=inhabitants&year=2024", 2024)
    assert without_reasons(values_by_code(trace)) == expected_by_code(store, "GM0014", "wijk", "inhabitants", 2024, "fixed")
    waves_2024 = browser.find_element(By.ID, "wave-panel").text
    # the SVG the page came with, marked: a year step must keep it (the geometry is sent once)
    browser.execute_script("document.querySelector('#react-entry-point #map svg').wijkMark = 'first';")
    thumb = browser.find_element(By.ID, "year")
    browser.execute_script("arguments[0].focus();", thumb)
    for expected in (2022, 2017):
        ActionChains(browser).send_keys(Keys.ARROW_LEFT).perform()
        WebDriverWait(browser, 20).until(EC.text_to_be_present_in_element((By.ID, "year-readout"), str(expected)))
        time.sleep(0.8)
        trace = browser.execute_script(MAP_STATE)
        assert without_reasons(values_by_code(trace)) == expected_by_code(store, "GM0014", "wijk", "inhabitants", expected, "fixed")
    assert "year=2017" in browser.current_url
    waves_2017 = browser.find_element(By.ID, "wave-panel").text
    assert "40 krachtwijken" in waves_2017 and "40 krachtwijken" not in waves_2024
    assert "Decentralisaties" in waves_2017 and "Bronnen" in waves_2017
    assert browser.execute_script("return document.querySelector('#react-entry-point #map svg').wijkMark") == "first", \
        "a year step keeps the geometry (sent once)"
    assert console_errors(browser) == []


def test_a_deep_link_restores_the_view(server, browser, store):
    url = (server + "/?lang=en&city=den-haag&level=buurt&indicator=households&year=2019"
           "&bounds=published&classes=quantiles&area=BU05183488")
    trace = open_page(browser, url, 2019)
    assert len(trace["codes"]) == len(store.areas("GM0518", "buurt", 2019))
    assert without_reasons(values_by_code(trace)) == expected_by_code(store, "GM0518", "buurt", "households", 2019, "published", "en")
    assert browser.find_element(By.CSS_SELECTOR, "label[for=city]").text == "City"
    assert "The Hague" in browser.find_element(By.ID, "city").text
    assert browser.find_element(By.CSS_SELECTOR, "#level input[value=buurt]").is_selected()
    assert browser.find_element(By.CSS_SELECTOR, "#bounds input[value=published]").is_selected()
    assert browser.find_element(By.CSS_SELECTOR, "#classes input[value=quantiles]").is_selected()
    WebDriverWait(browser, 20).until(EC.text_to_be_present_in_element((By.ID, "area-panel"), "Morgenstond"))
    assert "BU05183488" in browser.find_element(By.ID, "area-panel").text
    assert browser.execute_script("return document.documentElement.lang") == "en"


def test_bad_link_values_fall_back_with_a_notice(server, browser):
    trace = open_page(browser, server + "/?city=atlantis&indicator=%3Cscript%3E&year=1850&level=buurt")
    notice = browser.find_element(By.ID, "notice").text
    assert "city=atlantis" in notice and "year=1850" in notice
    assert len(trace["codes"]) > 0
    assert console_errors(browser) == []


def test_the_table_shows_the_same_values_as_the_map(server, browser, store):
    trace = open_page(browser, server + "/?city=rotterdam&level=wijk&indicator=pct_owner_occupied&year=2022&table=1", 2022)
    cells = lambda column: browser.find_elements(By.CSS_SELECTOR, f"#table-wrap .map-table tbody [data-column={column}]")
    WebDriverWait(browser, 20).until(lambda d: len(cells("code")) > 0)
    codes = [c.text for c in cells("code")]
    values = [(c.get_attribute("data-value"), c.text) for c in cells("value")]
    table = dict(zip(codes, values))
    shown = values_by_code(trace)
    assert set(table) == set(shown)
    frame = store.values("GM0599", "wijk", "pct_owner_occupied", 2022, "fixed").set_index("code")
    for code, (value, text) in table.items():
        if frame.loc[code, "status"] in ("published", "interpolated"):
            assert float(value) == pytest.approx(frame.loc[code, "value"])
            assert text.replace(",", ".").split(" ")[0] == f"{frame.loc[code, 'value']:.1f}"
            assert shown[code].replace(",", ".").split(" ")[0] == f"{frame.loc[code, 'value']:.1f}"
        else:
            assert value == "" and text == "geen gegevens" and shown[code].startswith("geen gegevens")
    # names left in the text font, numbers right; every column visible without scrolling sideways
    name_cell = browser.find_element(By.CSS_SELECTOR, "#table-wrap .map-table tbody [data-column=name]")
    assert name_cell.value_of_css_property("text-align") in ("left", "start")
    assert cells("value")[0].value_of_css_property("text-align") == "right"
    assert "mono" not in name_cell.value_of_css_property("font-family").lower()
    source = browser.find_element(By.CSS_SELECTOR, "#table-wrap .map-table thead th:last-child")
    assert source.rect["x"] + source.rect["width"] <= browser.execute_script("return window.innerWidth")
    assert source.is_displayed()
    # sortable: a click on the value header sorts the column, and says so
    header = browser.find_element(By.CSS_SELECTOR, "#table-wrap .map-table thead th:nth-child(3)")
    click(browser, header.find_element(By.CSS_SELECTOR, "button.sort"))
    numbers = [float(c.get_attribute("data-value")) for c in cells("value") if c.get_attribute("data-value")]
    assert numbers == sorted(numbers) and header.get_attribute("aria-sort") == "ascending"
    click(browser, header.find_element(By.CSS_SELECTOR, "button.sort"))
    numbers = [float(c.get_attribute("data-value")) for c in cells("value") if c.get_attribute("data-value")]
    assert numbers == sorted(numbers, reverse=True) and header.get_attribute("aria-sort") == "descending"


def test_the_language_toggle_changes_the_labels(server, browser):
    open_page(browser, server + "/?lang=nl&city=rotterdam&level=buurt&indicator=pct_social_rent&year=2016", 2016)
    assert browser.find_element(By.CSS_SELECTOR, "label[for=indicator]").text == "Indicator"
    assert browser.find_element(By.CSS_SELECTOR, "label[for=city]").text == "Stad"
    browser.find_element(By.ID, "lang-toggle").click()
    WebDriverWait(browser, 20).until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "label[for=city]"), "City"))
    WebDriverWait(browser, 20).until(EC.text_to_be_present_in_element((By.ID, "year-readout"), "2016"))
    assert browser.find_element(By.ID, "year-label").text == "Year"
    assert "Policy in" in browser.find_element(By.ID, "wave-panel").text
    assert "lang=en" in browser.current_url and "year=2016" in browser.current_url, "the state survives the switch"
    assert browser.execute_script("return document.documentElement.lang") == "en"
    WebDriverWait(browser, 20).until(lambda d: "Source" in " ".join(d.execute_script(MAP_STATE)["notes"]))
    assert "Bron" not in " ".join(browser.execute_script(MAP_STATE)["notes"])


INSIDE = """var svg = document.querySelector('#react-entry-point #map svg'), box = svg.getBoundingClientRect();
return Array.prototype.map.call(svg.querySelectorAll('path[data-code]'), function (p) {
  var r = p.getBoundingClientRect();
  return [p.getAttribute('data-code'), r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1
          && r.bottom <= box.bottom + 1];
});"""


def test_rotterdam_opens_on_where_people_live_and_the_port_is_one_click_away(server, browser, store):
    open_page(browser, server + "/?city=rotterdam&level=wijk&indicator=inhabitants&year=2024", 2024)
    inside = dict(browser.execute_script(INSIDE))
    people = store.values("GM0599", "wijk", "inhabitants", 2024).set_index("name")["value"]
    code = store.values("GM0599", "wijk", "inhabitants", 2024).set_index("name")["code"]
    assert people["Botlek-Europoort-Maasvlakte"] < 100 and not inside[code["Botlek-Europoort-Maasvlakte"]]
    for name in ("Hoogvliet", "Rotterdam Centrum", "Prins Alexander", "IJsselmonde", "Pernis"):  # the city, Nieuw Engeland's too
        assert inside[code[name]], name
    attribute = lambda name: browser.execute_script(
        "return document.querySelector('#react-entry-point #map svg').getAttribute(arguments[0]);", name)
    opening = attribute("viewBox")
    click(browser, browser.find_element(By.CSS_SELECTOR, "#react-entry-point [data-zoom=in]"))
    width = lambda: float(attribute("viewBox").split()[2])
    assert width() < float(opening.split()[2])
    click(browser, browser.find_element(By.CSS_SELECTOR, "#react-entry-point [data-zoom=full]"))
    assert attribute("viewBox") == attribute("data-full")
    assert all(dict(browser.execute_script(INSIDE)).values())
    click(browser, browser.find_element(By.CSS_SELECTOR, "#react-entry-point [data-zoom=home]"))
    assert attribute("viewBox") == opening
    # Den Haag has no port to leave out: it opens whole, without the button
    open_page(browser, server + "/?city=den-haag&level=wijk&indicator=inhabitants&year=2024", 2024)
    assert all(dict(browser.execute_script(INSIDE)).values())
    assert not browser.find_element(By.CSS_SELECTOR, "#react-entry-point [data-zoom=full]").is_displayed()
