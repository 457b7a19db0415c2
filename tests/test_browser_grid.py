"""CBS's 100 m squares on the real page: chosen as a level, read from the map's hover, a square chosen
by a click, its values and buurt in the panel."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from wijkdashboard.core import formatting
from wijkdashboard.core.indicators import catalogue
from wijkdashboard.tools.browser import MAP_STATE, console_errors

# The offset, from the map's centre, of a square's centre on screen (its place in the SVG's frame).
SQUARE_ON_SCREEN = """var svg = document.querySelector('#react-entry-point #map svg.grid-svg');
var x = +arguments[0] / 100 - svg.getAttribute('data-x0'), y = svg.getAttribute('data-top') - arguments[1] / 100;
var step = +svg.getAttribute('data-step'), p = svg.createSVGPoint();
p.x = x + step / 2; p.y = y - step / 2;
var s = p.matrixTransform(svg.getScreenCTM()), r = svg.getBoundingClientRect();
return [s.x - (r.left + r.width / 2), s.y - (r.top + r.height / 2)];"""


def hover(browser, x, y):
    svg = browser.find_element(By.CSS_SELECTOR, "#react-entry-point #map svg.grid-svg")
    dx, dy = browser.execute_script(SQUARE_ON_SCREEN, int(x), int(y))
    ActionChains(browser).move_to_element_with_offset(svg, int(round(dx)), int(round(dy))).perform()
    tip = browser.find_element(By.CSS_SELECTOR, "#react-entry-point .map-tip")
    WebDriverWait(browser, 5).until(lambda d: tip.is_displayed() and tip.text)
    return svg, dx, dy, tip.text


@pytest.mark.parametrize("lang", ["nl"])
def test_choosing_the_100m_grid_shows_the_values_of_its_squares(server, browser, store, lang):
    browser.set_window_size(1500, 1100)
    browser.get(server + "/?city=rotterdam&level=buurt&indicator=pct_owner_occupied&year=2024")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(MAP_STATE) is not None)
    label = browser.find_element(By.CSS_SELECTOR, "#react-entry-point #level input[value=vk100]")
    browser.execute_script("arguments[0].click();", label)
    WebDriverWait(browser, 30).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#react-entry-point #map svg.grid-svg"))
    WebDriverWait(browser, 10).until(lambda d: "level=vk100" in d.current_url)
    assert not browser.find_element(By.ID, "bounds-box").is_displayed(), "boundaries do not apply to squares"
    frame = store.values("GM0599", "vk100", "pct_owner_occupied", 2024, "fixed")
    item = catalogue()["pct_owner_occupied"]
    # A square with a value: the hover gives its id, its buurt, the value with its unit and CBS's rounding.
    with_value = frame[frame["status"] == "published"].iloc[len(frame) // 3]
    svg, dx, dy, text = hover(browser, with_value["x"], with_value["y"])
    assert with_value["code"] in text
    assert f"{formatting.value(with_value['value'], item, 'nl')} %" in text
    assert with_value["buurt"] in text and "op 10 procentpunt" in text
    # A square CBS gives no figure for: grey, and the hover says why, never 0.
    blank = frame[frame["status"] == "suppressed"].iloc[0]
    _, _, _, text = hover(browser, blank["x"], blank["y"])
    assert blank["code"] in text and "geen cijfer" in text
    # A click chooses the square: its figures and its buurt in the panel, and in the link.
    ActionChains(browser).move_to_element_with_offset(svg, int(round(dx)), int(round(dy))).click().perform()
    panel = browser.find_element(By.ID, "area-panel")
    WebDriverWait(browser, 20).until(EC.text_to_be_present_in_element((By.ID, "area-panel"), with_value["code"]))
    assert with_value["buurt"] in panel.text and "Inwoners" in panel.text
    WebDriverWait(browser, 10).until(lambda d: f"area={with_value['code']}" in d.current_url)
    assert browser.find_elements(By.CSS_SELECTOR, "#react-entry-point #map rect.chosen-cell")
    # Another indicator: the squares are recoloured and the hover reads the new values (the places stay).
    from selenium.webdriver.support.ui import Select
    Select(browser.find_element(By.CSS_SELECTOR, "#react-entry-point #indicator")).select_by_value("inhabitants")
    WebDriverWait(browser, 20).until(lambda d: "Inwoners" in d.find_element(
        By.CSS_SELECTOR, "#react-entry-point #map svg").get_attribute("data-heading"))
    inhabitants = store.values("GM0599", "vk100", "inhabitants", 2024, "fixed").set_index("code")
    _, _, _, text = hover(browser, with_value["x"], with_value["y"])
    expected = formatting.value(inhabitants.loc[with_value["code"], "value"], catalogue()["inhabitants"], "nl")
    assert f"Inwoners 2024: {expected} inwoners" in text, text
    assert console_errors(browser) == []
