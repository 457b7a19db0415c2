"""The Vergelijk view in headless Chromium: three areas, one indicator for all, CSV, presentation."""

import time

import pandas as pd
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from wijkdashboard.core import cases
from wijkdashboard.tools.browser import MAP_STATE, console_errors

# The series as the server drew them (svg_chart.py: one group per line, its points in data-points).
SERIES = ("var gs = document.querySelectorAll('#react-entry-point {box} svg g.series');"
          "return gs.length ? Array.prototype.map.call(gs, function (g) {{"
          "var p = JSON.parse(g.getAttribute('data-points'));"
          "return [g.getAttribute('data-name'), p.map(function (q) {{ return q[0]; }}), p.map(function (q) {{ return q[1]; }})]; }}) : null;")
CHART = SERIES.replace("{box}", "#compare-chart-{i}")


def charts(browser):
    drawn = [browser.execute_script(CHART.format(i=i)) for i in range(3)]
    return [[(name, ys) for name, _, ys in series] if series else series for series in drawn]


def open_compare(browser, url):
    browser.get(url)
    WebDriverWait(browser, 30).until(lambda d: all(c and len(c) >= 1 for c in charts(d)))
    time.sleep(0.5)


def test_the_view_shows_the_three_areas_with_their_codes(server, browser):
    browser.get(server + "/")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(MAP_STATE))
    browser.find_element(By.ID, "nav-vergelijk").click()
    WebDriverWait(browser, 30).until(lambda d: all(c and len(c) >= 1 for c in charts(d)))
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
    csv = pd.read_csv(next(downloads.glob("*.csv")))
    for i, area in enumerate(cases.areas()):
        rows = browser.find_elements(By.CSS_SELECTOR, f"#compare-table-{i} tbody tr")
        mine = csv[csv["onderzoeksgebied"] == area["name"]].reset_index(drop=True)
        assert len(rows) == len(mine)
        for row, (_, expected) in zip(rows, mine.iterrows()):
            cells = [c.text for c in row.find_elements(By.CSS_SELECTOR, "th, td")]
            assert int(cells[0]) == expected["jaar"]
            for text, column in zip(cells[1:4], ("gebied", "ring", "stad")):
                if pd.isna(expected[column]):
                    assert text == "geen gegevens"
                else:
                    number = float(text.split(" (")[0].replace(".", "").replace(",", "."))
                    assert number == pytest.approx(expected[column], abs=0.051)


def test_presentation_mode_toggles_and_is_in_the_link(server, browser):
    # Read through the page's own JS: the page is rendered again, so an element found a moment ago may be gone.
    page = lambda d: d.execute_script("var p = document.querySelector('.page'); return p ? p.className : '';")
    controls_shown = lambda d: d.execute_script(
        "var c = document.querySelector('#main .controls'); return !!(c && c.offsetParent);")
    open_compare(browser, server + "/vergelijk")
    assert controls_shown(browser)
    browser.find_element(By.ID, "presentation").click()
    WebDriverWait(browser, 10).until(lambda d: "presentation" in page(d) and "present=1" in d.current_url)
    WebDriverWait(browser, 20).until(lambda d: all(c and len(c) >= 1 for c in charts(d)))
    assert not controls_shown(browser)
    assert browser.execute_script("return document.getElementById('presentation').getAttribute('aria-pressed')") == "true"
    # the charts are drawn again for the projector: fonts of 18 and more, titled with indicator and unit
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(
        "var g = document.querySelector('#react-entry-point #compare-chart-0 svg.time-chart');"
        "return !!(g && +g.getAttribute('font-size') >= 18);"))
    title = browser.find_element(By.CSS_SELECTOR, "#react-entry-point #compare-chart-0 figcaption").text
    assert "(%)" in title
    browser.find_element(By.ID, "presentation").click()
    WebDriverWait(browser, 10).until(lambda d: "presentation" not in page(d) and "present=1" not in d.current_url)
    WebDriverWait(browser, 10).until(controls_shown)


# The index as drawn (svg_chart.py): its points, and the upper end of each interval (as the error bar's
# length above the point, what the chart shows).
SEG_CHART = ("var g = document.querySelector('#react-entry-point #seg-chart-{code} svg g.series'); if (!g) {{ return null; }}"
             "var p = JSON.parse(g.getAttribute('data-points'));"
             "var hi = Array.prototype.map.call(g.querySelectorAll('path.interval'), function (e) {{ return +e.getAttribute('data-high'); }});"
             "return [[g.getAttribute('data-name'), p.map(function (q) {{ return q[0]; }}), p.map(function (q) {{ return q[1]; }}),"
             "p.map(function (q, i) {{ return hi[i] - q[1]; }})]];")
CITIES = {"GM0014": "groningen", "GM0518": "den-haag", "GM0599": "rotterdam"}


def test_the_segregation_view_shows_three_cities_with_intervals_and_missing_years(server, browser, built):
    stored = built["segregation"]
    index = "dissim_low_vs_high"
    for level in ("wijk", "buurt"):
        browser.get(server + f"/segregatie?index={index}&level={level}&cities=" + ",".join(CITIES.values()))
        WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.ID, "seg-column-GM0599"))
        for code in CITIES:
            expected = stored[(stored["municipality"] == code) & (stored["index"] == index)
                              & (stored["level"] == level)].sort_values("year")
            column = browser.find_element(By.ID, f"seg-column-{code}").text
            if expected.empty:  # Groningen and Den Haag buurten: no income distribution in any file
                assert "Geen buurtcijfers voor " in column and "geen inkomensverdeling" in column or "niet het aantal inwoners" in column
                continue
            WebDriverWait(browser, 20).until(lambda d: d.execute_script(SEG_CHART.format(code=code)))
            (name, years, values, errors), = browser.execute_script(SEG_CHART.format(code=code))
            assert _numbers(years) == list(expected["year"])
            assert _numbers(values) == pytest.approx(list(expected["statistic"]))
            assert _numbers(errors) == pytest.approx(list(expected["ci_high"] - expected["statistic"]))
            if level == "buurt":  # Rotterdam: the 2018 download was made before CBS published income
                assert "Geen buurtcijfers voor 2018" in column
    assert "lage tegenover hoge" in browser.find_element(By.ID, "seg-explanation").text
    assert f"index={index}" in browser.current_url
    assert "modifiable areal unit" in browser.find_element(By.ID, "seg-maup").text
    assert console_errors(browser) == []


def _numbers(values):
    """Plotly may hand typed arrays back as {'bdata': …, 'dtype': …} with the plain values beside them."""
    if isinstance(values, dict):
        values = values["_inputArray"]
        if isinstance(values, dict):  # a typed array serialised as {"0": …, "1": …}
            values = [values[str(k)] for k in range(len(values)) if str(k) in values]
    return [float(v) for v in values]
