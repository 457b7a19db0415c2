"""What the year slider costs: the one answer a change of view gets (every year of the shown indicator,
its legends and table rows) and the requests a year step and ▶ make in a real browser (none).
Starts the real app on a free port.

    .venv/bin/python bench/slider.py [--rounds 20]

Targets: a view's answer p95 <= 100 ms server time; a year step and five ▶ frames: no request at all
(at most one of <= 4 KB each would do). The gzipped bytes per area-year are printed for reference: they
include the fixed part (names, legends, table labels), so they fall as a view has more years.
"""

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
from wijkdashboard import settings  # noqa: E402
from wijkdashboard.app.store import LayerStore  # noqa: E402
from wijkdashboard.app.urlstate import city_slugs  # noqa: E402
from wijkdashboard.tools.dashclient import DashClient, HTTPTransport  # noqa: E402
from wijkdashboard.tools.serve import start_server, stop  # noqa: E402

TARGET_MS = 100
REQUESTS = ("return performance.getEntriesByType('resource').filter(function(e){"
            "return e.name.indexOf('_dash-update-component') >= 0;}).map(function(e){return e.transferSize;});")


def view_answer(client, slug, level, indicator, rounds):
    """The answer to a change of indicator: bytes (raw, gzipped), area-years it carries, server time."""
    values = {"city.value": slug, "level.value": level, "indicator.value": indicator, "year.value": None,
              "bounds.value": "fixed", "classes.value": "jenks", "lang.data": "nl", "map-key.data": None,
              "mode.value": "value", "selected-area.data": ""}
    status, response = client.call("view.data", values, "indicator.value")
    assert status == 200, status
    view = response["view"]["data"]
    values["map-key.data"] = view["key"]  # the browser holds the shapes after the first view
    dep = client.find("view.data")
    times, body = [], b""
    for _ in range(rounds):
        started = time.perf_counter()
        status, body = client.transport("POST", "/_dash-update-component",
                                        client.body(dep, values, "indicator.value"))
        times.append((time.perf_counter() - started) * 1000)
        assert status == 200, status
    frames = json.loads(body)["response"]["view"]["data"]["frames"]
    area_years = sum(len(f["v"]) for f in frames.values())
    times.sort()
    return {"bytes": len(body), "gz": len(gzip.compress(body)), "years": len(frames), "area_years": area_years,
            "p95": times[int(0.95 * (len(times) - 1))], "median": statistics.median(times)}


def browser_steps(url):
    """Requests a year step (arrow key) and five ▶ frames make in headless Chromium."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    from wijkdashboard.tools.browser import MAP_STATE, start_browser
    driver = start_browser()
    try:
        driver.get(url + "/?city=rotterdam&level=buurt&indicator=pct_owner_occupied&year=2014")
        WebDriverWait(driver, 60).until(lambda d: (d.execute_script(MAP_STATE) or {}).get("shown"))
        time.sleep(2)  # the page's own start-up requests finish
        driver.execute_script("performance.clearResourceTimings();")
        slider = driver.find_element("id", "year")
        driver.execute_script("arguments[0].focus();", slider)
        ActionChains(driver).send_keys(Keys.RIGHT).perform()
        time.sleep(1.5)
        step = driver.execute_script(REQUESTS)
        driver.execute_script("performance.clearResourceTimings();")
        driver.find_element("id", "play").click()
        time.sleep(6)  # five frames at ~1 s each
        driver.find_element("id", "play").click()
        play = driver.execute_script(REQUESTS)
        return step, play
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    process, url = start_server()
    fails = []
    try:
        client = DashClient(HTTPTransport(url))
        store = LayerStore(settings.LAYERS_DIR)
        print(f"{'city':10} {'level':6} {'indicator':20} {'years':>5} {'answer':>10} {'gzip':>9} {'B/area-yr':>9}"
              f" {'median':>8} {'p95':>8}")
        for slug, city in city_slugs(store).items():
            for level in ("buurt", "wijk"):
                for indicator in store.indicators(city, level)[:3]:
                    r = view_answer(client, slug, level, indicator, args.rounds)
                    per = r["gz"] / max(r["area_years"], 1)
                    print(f"{slug:10} {level:6} {indicator:20} {r['years']:5} {r['bytes'] / 1024:7.1f} KB"
                          f" {r['gz'] / 1024:6.1f} KB {per:9.1f} {r['median']:6.1f}ms {r['p95']:6.1f}ms")
                    if r["p95"] > TARGET_MS:
                        fails.append(f"{slug} {level} {indicator} p95 {r['p95']:.0f} ms")
        try:
            step, play = browser_steps(url)
            print(f"in Chromium: a year step made {len(step)} requests ({sum(step)} B); five ▶ frames made "
                  f"{len(play)} requests ({sum(play)} B)")
            if len(step) > 1 or len(play) > 5 or sum(step) > 4096:
                fails.append("browser steps")
        except Exception as exc:  # no Chromium here: the server figures above still stand
            print(f"in Chromium: not measured ({type(exc).__name__}: {exc})")
    finally:
        stop(process)
    print("targets met" if not fails else "TARGETS MISSED: " + "; ".join(fails))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
