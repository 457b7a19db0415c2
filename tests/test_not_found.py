"""An address the dashboard does not have: status 404 from the real server, and the site's own page
(its header, the visitor's language, the way to every page), not Dash's bare '404 - Page not found'."""

import urllib.error
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def status(url):
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.parametrize("path, expected", [
    ("/", 200), ("/vergelijk", 200), ("/segregatie", 200), ("/over", 200), ("/health", 200), ("/robots.txt", 200),
    ("/?city=rotterdam&year=1800", 200),  # a page with a bad value: the page, with a notice
    ("/nonsense", 404), ("/404", 404), ("/vergelijk/extra", 404), ("/over.html", 404), ("/assets/nope.css", 404),
    ("/_dash-component-suites/dash/nope.js", 404),
])
def test_exact_statuses(server, path, expected):
    code, body = status(server + path)
    assert code == expected
    assert '="None"' not in body, "an attribute not set is left out, not written as None"


def test_an_unknown_address_gets_the_sites_own_page_in_its_language(server, browser):
    code, page = status(server + "/verkeerd-adres")
    assert code == 404 and "Deze pagina bestaat niet" in page and 'lang="nl"' in page
    code, page = status(server + "/wrong?lang=en")
    assert code == 404 and "This page does not exist" in page and 'lang="en"' in page
    browser.get(server + "/wrong?lang=en")
    wait = WebDriverWait(browser, 20)
    wait.until(lambda d: "This page does not exist" in d.find_element(By.CSS_SELECTOR, "#react-entry-point main").text)
    links = {a.text: a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#react-entry-point main a")}
    assert set(links) == {"Map", "Compare", "Segregation", "Story", "About"}
    assert browser.find_element(By.CSS_SELECTOR, "#react-entry-point nav[aria-label]").is_displayed()
    browser.find_element(By.CSS_SELECTOR, "#react-entry-point main a[href^='/vergelijk']").click()
    wait.until(lambda d: d.current_url.split("?")[0].endswith("/vergelijk"))
