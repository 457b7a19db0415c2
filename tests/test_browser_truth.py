"""Issue 18 in the browser: a published value shown as published, the change map with its unit, an area
found from any city."""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from wijkdashboard.core import formatting
from wijkdashboard.core.indicators import catalogue
from wijkdashboard.tools.browser import MAP_STATE

from .test_browser import open_page, values_by_code


def test_heijplaat_shows_the_share_cbs_published_on_the_start_map(server, browser, store):
    opening = store.opening_view(None)
    shown = values_by_code(open_page(browser, server + "/", opening["year"]))
    frame = store.values(opening["city"], opening["level"], opening["indicator"], opening["year"], "fixed").set_index("code")
    item = catalogue()[opening["indicator"]]
    for code in ("BU05991593", "BU05991702"):  # Heijplaat and Dorp: CBS published them, same ground on every map
        assert frame.loc[code, "status"] == "published", code
        assert shown[code] == f"{formatting.value(frame.loc[code, 'value'], item, 'nl')} {item.unit_in('nl')}"
        assert "afgeschermd" not in shown[code]


def test_the_change_map_shows_hoogvliet_noords_owner_occupied_change_with_its_unit(server, browser, store):
    url = "/?city=rotterdam&level=buurt&indicator=pct_owner_occupied&mode=change&from=2014&year=2018"
    state = open_page(browser, server + url)
    assert state["heading"].endswith("2014 → 2018")
    shown = values_by_code(state)
    values = {year: store.values("GM0599", "buurt", "pct_owner_occupied", year, "fixed").set_index("code")
              for year in (2014, 2018)}
    code = "BU05991692"  # Hoogvliet Noord: Nieuw Engeland
    change = values[2018].loc[code, "value"] - values[2014].loc[code, "value"]
    assert change == change, "the layers hold both years for Hoogvliet Noord"
    item = catalogue()["pct_owner_occupied"]
    assert shown[code] == f"{formatting.value(change, item, 'nl', sign=True)} procentpunt"


def test_selwerd_typed_on_rotterdams_map_opens_groningens_selwerd(server, browser):
    open_page(browser, server + "/?city=rotterdam&level=buurt&indicator=inhabitants&year=2024", 2024)
    box = browser.find_element(By.ID, "area")
    box.clear()
    box.send_keys("Selwerd", Keys.ENTER)
    wait = WebDriverWait(browser, 20)
    wait.until(lambda d: "city=groningen" in d.current_url)
    wait.until(lambda d: "Selwerd" in d.find_element(By.ID, "area-panel").text)
    state = browser.execute_script(MAP_STATE)
    assert state and any(code.startswith(("BU0014", "WK0014")) for code in state["codes"])
    # nothing that matches is said, not silently ignored
    box = browser.find_element(By.ID, "area")
    box.clear()
    box.send_keys("Atlantis", Keys.ENTER)
    wait.until(lambda d: d.find_element(By.ID, "area-message").text.strip() != "")
