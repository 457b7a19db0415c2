"""Debian's Chromium, headless, driven through its ChromeDriver (selenium)."""

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--window-size=1500,1100"]
IGNORED_CONSOLE = ("GPU stall", "WebGL", "GL Driver", "swiftshader", "favicon.ico")
# The map as the live page shows it (assets/map.js), per area in the order of the map's values: its code,
# what the hover says (the value with its unit, or why there is none; how it came about) and its fill;
# the key of the geometry drawn. null until the map is drawn.
MAP_STATE = """var box = document.querySelector('#react-entry-point #map'); var svg = box && box.querySelector('svg');
if (!svg) { return null; }
var paths = Array.prototype.slice.call(svg.querySelectorAll('path[data-i]'));
paths.sort(function (a, b) { return a.getAttribute('data-i') - b.getAttribute('data-i'); });
function each(name) { return paths.map(function (p) { return p.getAttribute(name); }); }
return {key: box.getAttribute('data-key'), codes: each('data-code'), shown: each('data-shown'), notes: each('data-note'),
        fills: each('fill'), heading: svg.getAttribute('data-heading')};"""


def start_browser(download_dir=None, extra_flags=()):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in [*CHROMIUM_FLAGS, *extra_flags]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if download_dir:
        options.add_experimental_option("prefs", {"download.default_directory": str(download_dir),
                                                  "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    if download_dir:
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)})
    return driver


def console_errors(driver):
    return [e for e in driver.get_log("browser")
            if e["level"] == "SEVERE" and not any(s in e["message"] for s in IGNORED_CONSOLE)]


def click(driver, element):
    """Scroll the element to the middle of the screen and click it once the page around it has stopped
    moving (charts and tables filled in by callbacks push it down while they arrive)."""
    import time
    for _ in range(20):
        before = element.rect
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        time.sleep(0.3)
        if element.rect == before:
            break
    element.click()


def emulate_screen(driver, width, height, phone=False):
    """The page as a screen of width × height CSS pixels sees it (a phone: touch and mobile viewport)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": phone})


def reset_screen(driver):
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
