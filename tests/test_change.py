"""Change over time, in the real page: Rotterdam's buurten 2014–2018 on the map and the slider, ▶ that
plays them, the Segregatie chart with four years and intervals, and Nieuw Engeland against its ring."""

import csv
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from wijkdashboard.app.aggregate import Comparison
from wijkdashboard.core import cases, formatting
from wijkdashboard.core.indicators import catalogue
from wijkdashboard.tools.browser import MAP_STATE, console_errors
EXPORTS = {2014: "kwb2014_82931NED", 2015: "kwb2015_83220NED", 2016: "kwb2016_83487NED", 2017: "kwb2017_83765NED",
           2018: "kwb2018_84286NED"}


def shown_values(browser):
    drawn = browser.execute_script(MAP_STATE)
    return dict(zip(drawn["codes"], drawn["shown"]))


def open_map(browser, url, year):
    browser.get(url)
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(MAP_STATE) is not None)
    WebDriverWait(browser, 30).until(EC.text_to_be_present_in_element((By.ID, "year-readout"), str(year)))
    time.sleep(0.5)


def raw_column(raw_dir, year, label, unit):
    """{code: cell} of one column of Rotterdam's StatLine download, read with the csv module."""
    path = raw_dir / f"stats/{EXPORTS[year]}_statline-export_gemeente_wijk_buurt_GM0599_from_Vergewijk.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    labels = [" ".join(c.replace("\xa0", " ").strip("|").split()) for c in rows[3]]
    column = next(i for i, (lab, u) in enumerate(zip(labels, rows[4])) if lab == label and u == unit)
    code = labels.index("Codering")
    return {r[code]: r[column] for r in rows[5:] if r and r[code].startswith("BU")}


def test_the_slider_moves_rotterdams_buurten_through_2014_2018_as_cbs_published_them(server, browser, raw_dir):
    """Each year's map on that year's own boundaries shows the raw file's % corporation dwellings."""
    open_map(browser, server + "/?city=rotterdam&level=buurt&indicator=pct_social_rent&bounds=published&year=2014", 2014)
    browser.execute_script("arguments[0].focus();", browser.find_element(By.ID, "year"))
    seen = {}
    for year in (2014, 2015, 2016, 2017, 2018):
        if year > 2014:
            ActionChains(browser).send_keys(Keys.ARROW_RIGHT).perform()
            WebDriverWait(browser, 20).until(EC.text_to_be_present_in_element((By.ID, "year-readout"), str(year)))
            time.sleep(0.8)
        shown = shown_values(browser)
        raw = raw_column(raw_dir, year, "In bezit woningcorporatie", "%")
        for code in ("BU05990110", "BU05991692", "BU05991699", "BU05991017", "BU05990451", "BU05990660"):
            expected = ("geen gegevens" if raw[code] == "." else
                        f"{formatting.number(float(raw[code].replace(',', '.')), 1, 'nl')} %")
            assert shown[code].startswith(expected), (year, code, shown[code], raw[code])
        seen[year] = shown
    assert seen[2014] != seen[2018], "the map changes with the year"
    assert "year=2018" in browser.current_url
    assert console_errors(browser) == []


def test_play_runs_through_the_five_years(server, browser):
    open_map(browser, server + "/?city=rotterdam&level=buurt&indicator=pct_owner_occupied&year=2014", 2014)
    browser.find_element(By.ID, "play").click()
    years = []
    deadline = time.time() + 20
    while time.time() < deadline and len(set(years)) < 5:
        years.append(browser.find_element(By.ID, "year-readout").text)
        time.sleep(0.3)
    assert set(years) >= {"2014", "2015", "2016", "2017", "2018"}
    assert browser.find_element(By.ID, "play").get_attribute("aria-pressed") == "true"
    browser.find_element(By.ID, "play").click()


def test_the_start_page_opens_on_a_view_that_shows_change(server, browser, store):
    browser.get(server + "/")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(MAP_STATE) is not None)
    WebDriverWait(browser, 10).until(lambda d: "indicator=" in d.current_url)
    opening = store.opening_view()
    assert len(store.years(opening["city"], opening["level"], opening["indicator"])) >= 4
    assert f"indicator={opening['indicator']}" in browser.current_url and f"year={opening['year']}" in browser.current_url
    assert browser.find_element(By.ID, "play").is_enabled()


SEG = ("var g = document.querySelector('#react-entry-point #seg-chart-GM0599 svg g.series'); if (!g) { return null; }"
       "var p = JSON.parse(g.getAttribute('data-points'));"
       "var hi = Array.prototype.map.call(g.querySelectorAll('path.interval'), function (e) { return +e.getAttribute('data-high'); });"
       "return [[p.map(function (q) { return q[0]; }), p.map(function (q) { return q[1]; }),"
       "p.map(function (q, i) { return hi[i] - q[1]; })]];")


def numbers(values):
    if isinstance(values, dict):
        values = values.get("_inputArray", values)
        if isinstance(values, dict):
            values = [values[str(k)] for k in range(len(values)) if str(k) in values]
    return [None if v is None else float(v) for v in values]  # None: where a line breaks over years without data


def test_the_segregation_chart_of_rotterdams_buurten_has_four_years_with_intervals(server, browser, built):
    browser.get(server + "/segregatie?cities=rotterdam&level=buurt&index=dissim_low_vs_rest")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(SEG))
    x, y, errors = browser.execute_script(SEG)[0]
    stored = built["segregation"].query("municipality == 'GM0599' and level == 'buurt' and index == 'dissim_low_vs_rest'")
    assert numbers(x) == [2014, 2015, 2016, 2017]
    assert numbers(y) == pytest.approx(list(stored.sort_values("year")["statistic"]))
    assert all(e > 0 for e in numbers(errors))
    words = browser.find_element(By.CSS_SELECTOR, ".seg-changes").text
    for first, last in ((2014, 2015), (2015, 2016), (2016, 2017)):
        assert f"{first}→{last}" in words
    assert "p = " in words and "95%-interval" in words
    assert "Hele periode: 2014→2017" in words  # the period as a whole, next to its steps
    assert "niet te onderscheiden van geen verandering" in words or "gedaald" in words
    assert console_errors(browser) == []


def test_nieuw_engeland_against_its_ring_and_city_2014_2018_with_the_waterbed_from_the_same_values(
        server, browser, store):
    browser.get(server + "/vergelijk?level=buurt&indicator=pct_owner_occupied&from=2014&to=2018")
    from .test_browser_compare import SERIES
    chart = SERIES.replace("{box}", "#compare-chart-1").replace("{{", "{").replace("}}", "}")
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(chart) and len(d.execute_script(chart)) == 3)
    area = next(a for a in cases.areas() if a["id"] == "nieuw_engeland")
    table = Comparison(store).table(area, "buurt", "pct_owner_occupied").set_index("year")
    traces = {name: (numbers(x), numbers(y)) for name, x, y in browser.execute_script(chart)}
    for role, name in (("area", "Nieuw Engeland"), ("ring", "Ring (aangrenzend)"), ("city", "Rotterdam")):
        xs, ys = traces[name]
        assert {2014, 2015, 2016, 2017, 2018} <= set(int(v) for v in xs if v is not None), role
        for year, value in ((x, y) for x, y in zip(xs, ys) if x is not None):
            assert value == pytest.approx(table.loc[int(year), role]), (role, year)
    # The waterbed box, recomputed from the harmonised layer: dwelling-weighted shares of area and ring.
    codes, ring = Comparison(store).members(area, "buurt")
    frame = store.frame("fixed", "GM0599", "buurt", "pct_owner_occupied").set_index(["year", "code"])["value"]
    dwellings = store.frame("fixed", "GM0599", "buurt", "dwellings").set_index(["year", "code"])["value"]

    def weighted(year, members):
        shares, weights = frame.loc[year].reindex(members), dwellings.loc[year].reindex(members)
        present = shares.notna() & weights.notna()
        return (shares[present] * weights[present]).sum() / weights[present].sum()
    change_area = weighted(2018, codes) - weighted(2014, codes)
    change_ring = weighted(2018, ring) - weighted(2014, ring)
    text = browser.find_element(By.ID, "compare-waterbed-1").text
    expected = formatting.number(round(change_area - change_ring, 2), 1, "nl", sign=True)
    assert "Van 2014 tot 2018" in text and f"verschil in verandering {expected}" in text, text
    assert "geen oorzakelijk verband" in text
    years = browser.find_element(By.ID, "compare-years-0").text
    assert "Geen cijfers voor 2014, 2015, 2016, 2017, 2018" in years and "Groningen" in years


def test_an_indicator_whose_definition_changed_says_so(server, browser):
    open_map(browser, server + "/?city=rotterdam&level=buurt&indicator=nonwestern_background&year=2018"
                              "&area=BU05991692", 2018)
    WebDriverWait(browser, 20).until(EC.text_to_be_present_in_element((By.ID, "legend"), "Reeksbreuk"))
    assert "vanaf 2024" in browser.find_element(By.ID, "legend").text.lower()
    WebDriverWait(browser, 20).until(EC.text_to_be_present_in_element((By.ID, "area-panel"), "Reeksbreuk"))
    label = catalogue()["origin_outside_europe"].label("nl")
    assert label in browser.find_element(By.ID, "area-panel").text
