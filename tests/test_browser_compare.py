"""The Vergelijk view in headless Chromium: three areas, one indicator for all, CSV, presentation."""

import time

import pandas as pd
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from wijkdashboard.core import cases
from wijkdashboard.tools.browser import console_errors

CHART = "var g = document.querySelector('#compare-chart-{i} .js-plotly-plot'); return g && g.data ? g.data.map(function(t){{return [t.name, t.y];}}) : null;"


def charts(browser):
    return [browser.execute_script(CHART.format(i=i)) for i in range(3)]


def open_compare(browser, url):
    browser.get(url)
    WebDriverWait(browser, 30).until(lambda d: all(c and len(c) >= 2 for c in charts(d)))
    time.sleep(0.5)


def test_the_view_shows_the_three_areas_with_their_codes(server, browser):
    browser.get(server + "/")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(
        "var g = document.querySelector('#map .js-plotly-plot'); return g && g.data && g.data.length > 0;"))
    browser.find_element(By.ID, "nav-vergelijk").click()
    WebDriverWait(browser, 30).until(lambda d: all(c and len(c) >= 2 for c in charts(d)))
    assert "/vergelijk?" in browser.current_url and "indicator=" in browser.current_url
    WebDriverWait(browser, 5).until(lambda d: d.find_element(By.ID, "nav-vergelijk").get_attribute("aria-current") == "page")
    text = browser.find_element(By.ID, "main").text
    for area in cases.areas():
        assert area["name"] in text
        for span in area["cbs_areas"]:
            for code in span["codes"]:
                assert code in text
    assert "582" in text and "862" in text and "829" in text  # households in 1998, from case_studies.yaml
    assert console_errors(browser) == []


def test_changing_the_indicator_changes_all_three_charts(server, browser):
    open_compare(browser, server + "/vergelijk?level=wijk&indicator=pct_owner_occupied")
    before = charts(browser)
    browser.find_element(By.ID, "compare-indicator").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[role=option]"))
    option = next(o for o in browser.find_elements(By.CSS_SELECTOR, "[role=option]") if o.text == "★ Inwoners")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", option)
    browser.execute_script("arguments[0].click();", option)
    WebDriverWait(browser, 30).until(lambda d: "indicator=inhabitants" in d.current_url)
    WebDriverWait(browser, 30).until(lambda d: all(a != b for a, b in zip(charts(d), before)))
    after = charts(browser)
    for old, new in zip(before, after):
        assert old != new
    assert "Inwoners" in browser.find_element(By.ID, "compare-table-0").text


def test_the_csv_equals_the_tables(server, browser, downloads):
    open_compare(browser, server + "/vergelijk?level=wijk&indicator=inhabitants")
    browser.find_element(By.ID, "compare-csv-button").click()
    WebDriverWait(browser, 30).until(lambda d: list(downloads.glob("*.csv")))
    time.sleep(0.5)
    csv = pd.read_csv(next(downloads.glob("*.csv")), comment="#")
    for i, area in enumerate(cases.areas()):
        rows = browser.find_elements(By.CSS_SELECTOR, f"#compare-table-{i} tbody tr")
        mine = csv[csv["study_area"] == area["name"]].reset_index(drop=True)
        assert len(rows) == len(mine)
        for row, (_, expected) in zip(rows, mine.iterrows()):
            cells = [c.text for c in row.find_elements(By.CSS_SELECTOR, "th, td")]
            assert int(cells[0]) == expected["year"]
            for text, column in zip(cells[1:4], ("area", "ring", "city")):
                if pd.isna(expected[column]):
                    assert text == "geen gegevens"
                else:
                    number = float(text.split(" (")[0].replace(".", "").replace(",", "."))
                    assert number == pytest.approx(expected[column], abs=0.051)


def test_presentation_mode_toggles_and_is_in_the_link(server, browser):
    open_compare(browser, server + "/vergelijk")
    controls = browser.find_element(By.CSS_SELECTOR, "#main .controls")
    assert controls.is_displayed()
    button = browser.find_element(By.ID, "presentation")
    button.click()
    page = lambda d: d.find_element(By.CSS_SELECTOR, ".page").get_attribute("class")
    WebDriverWait(browser, 10).until(lambda d: "presentation" in page(d))
    assert not controls.is_displayed()
    assert button.get_attribute("aria-pressed") == "true"
    WebDriverWait(browser, 5).until(lambda d: "present=1" in d.current_url)
    button.click()
    WebDriverWait(browser, 10).until(lambda d: "presentation" not in page(d))
    assert controls.is_displayed()
    WebDriverWait(browser, 5).until(lambda d: "present=1" not in d.current_url)


SEG_CHART = ("var g = document.querySelector('#seg-chart-{i} .js-plotly-plot'); return g && g.data ? "
             "g.data.map(function(t){{return [t.name, t.x, t.y, t.error_y && t.error_y.array];}}) : null;")


def test_the_segregation_view_shows_three_cities_with_intervals_and_missing_years(server, browser, built):
    stored = built["segregation"]
    browser.get(server + "/segregatie?index=dissim_low_vs_high")
    WebDriverWait(browser, 30).until(lambda d: all(d.execute_script(SEG_CHART.format(i=i)) for i in range(3)))
    time.sleep(0.5)
    for i, city in enumerate(("GM0014", "GM0518", "GM0599")):
        traces = {t[0]: t for t in browser.execute_script(SEG_CHART.format(i=i))}
        wijk = traces["Wijk"]
        expected = stored[(stored["municipality"] == city) & (stored["index"] == "dissim_low_vs_high")
                          & (stored["level"] == "wijk")].sort_values("year")
        assert _numbers(wijk[1]) == list(expected["year"])
        assert _numbers(wijk[2]) == pytest.approx(list(expected["statistic"]))
        assert _numbers(wijk[3]) == pytest.approx(list(expected["ci_high"] - expected["statistic"]))
        missing = browser.find_element(By.ID, f"seg-missing-{i}").text
        buurt = stored[(stored["municipality"] == city) & (stored["level"] == "buurt")]
        if buurt.empty:  # Groningen and Den Haag: no income distribution per buurt in any file
            assert "Geen buurtcijfers" in missing and "2017" in missing
        else:  # Rotterdam: 2014-2017 have one, the 2018 download was made before CBS published income
            assert "Geen buurtcijfers voor 2018" in missing
            assert _numbers(traces["Buurt"][1]) == sorted(buurt.query("index == 'dissim_low_vs_high'")["year"])
    assert "Groningen" in browser.find_element(By.ID, "seg-city-0").text
    assert "lage tegenover hoge" in browser.find_element(By.ID, "seg-explanation").text
    assert "index=dissim_low_vs_high" in browser.current_url
    assert "modifiable areal unit" in browser.find_element(By.ID, "seg-maup").text
    assert console_errors(browser) == []


def _numbers(values):
    """Plotly may hand typed arrays back as {'bdata': …, 'dtype': …} with the plain values beside them."""
    if isinstance(values, dict):
        values = values["_inputArray"]
        if isinstance(values, dict):  # a typed array serialised as {"0": …, "1": …}
            values = [values[str(k)] for k in range(len(values)) if str(k) in values]
    return [float(v) for v in values]
