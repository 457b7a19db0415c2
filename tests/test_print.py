"""Printing a view gives one A4 landscape page (the README says so): Chromium's own PDF, pages counted."""

import base64
import re

import pytest
from selenium.webdriver.support.ui import WebDriverWait

A4_LANDSCAPE = {"landscape": True, "paperWidth": 11.69, "paperHeight": 8.27, "printBackground": True,
                "preferCSSPageSize": True}


def printed_pages(browser, url):
    browser.get(url)
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(
        "return !!document.querySelector('#react-entry-point main') && !document.getElementById('prerender');"))
    WebDriverWait(browser, 30).until(lambda d: d.execute_script(
        "return document.querySelectorAll('#react-entry-point main svg, #react-entry-point main .js-plotly-plot').length > 0"))
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", A4_LANDSCAPE)["data"])
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("path", [
    "/?city=rotterdam&level=buurt&indicator=pct_social_rent&year=2014",
    "/?city=rotterdam&level=buurt&indicator=pct_owner_occupied&year=2018&area=BU05991692",  # an area chosen
    "/?city=rotterdam&level=buurt&indicator=pct_owner_occupied&mode=change&from=2014&year=2018&present=1",
    "/?city=groningen&level=wijk&indicator=inhabitants&year=2024&lang=en",
    "/vergelijk",
    "/vergelijk?lang=en&present=1",
])
def test_a_view_prints_on_one_a4_landscape_page(server, browser, path):
    browser.set_window_size(1280, 900)
    assert printed_pages(browser, server + path) == 1
