"""One request per step, or none (issue 19): counted in Chromium with the Resource Timing API. A year
step and ▶'s frames are drawn from the values the browser holds; a change of indicator is one request
of a few kilobytes."""

import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from wijkdashboard.tools.browser import MAP_STATE

CALLS = ("return performance.getEntriesByType('resource').filter(function (e) {"
         "return e.name.indexOf('_dash-update-component') >= 0; }).map(function (e) { return e.encodedBodySize; });")
READOUT = "return document.querySelector('#react-entry-point #year-readout').textContent;"


def test_a_year_step_and_five_play_frames_ask_nothing_and_a_change_of_indicator_asks_once(server, browser):
    browser.get(server + "/?city=rotterdam&level=buurt&indicator=pct_owner_occupied&year=2014")
    wait = WebDriverWait(browser, 30)
    wait.until(lambda d: (d.execute_script(MAP_STATE) or {}).get("shown"))
    time.sleep(1.5)  # the page's own start-up requests, if any, are done
    browser.execute_script("performance.clearResourceTimings();")
    before = browser.execute_script(MAP_STATE)["shown"]
    slider = browser.find_element("id", "year")
    browser.execute_script("arguments[0].focus();", slider)
    ActionChains(browser).send_keys(Keys.RIGHT).perform()
    wait.until(lambda d: "2015" in d.execute_script(READOUT))
    assert browser.execute_script(MAP_STATE)["shown"] != before, "the map shows 2015's values"
    assert browser.execute_script(CALLS) == [], "a year step asks the server nothing"
    browser.find_element("id", "play").click()
    seen = set()
    deadline = time.time() + 15
    while len(seen) < 5 and time.time() < deadline:
        seen.add(browser.execute_script(READOUT).strip())
        time.sleep(0.2)
    browser.find_element("id", "play").click()
    assert len(seen) >= 5, seen
    assert browser.execute_script(CALLS) == [], "▶'s frames ask the server nothing"
    Select(browser.find_element("css selector", "#react-entry-point #indicator")).select_by_value("dwellings")
    wait.until(lambda d: "Woningvoorraad" in (d.execute_script(MAP_STATE) or {}).get("heading", "")
               or "oningen" in (d.execute_script(MAP_STATE) or {}).get("heading", ""))
    time.sleep(1)
    calls = browser.execute_script(CALLS)
    assert len(calls) == 1, calls
    assert calls[0] <= 12_000, f"one compressed answer with every year of the view: {calls[0]} bytes"
