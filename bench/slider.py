"""What a slider step costs: bytes on the wire and server time, against the full figure and the first
page load. Starts the real app on a free port and speaks Dash's callback protocol to it.

    .venv/bin/python bench/slider.py [--steps 60]

Targets (buurt level): a step at least 20x smaller than the full figure; p95 server time per step
<= 30 ms. Wijk rows are printed for reference: with 20-44 areas the fixed part of a step (hover
template, colours) weighs more.
"""

import argparse
import gzip
import json
import re
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


def first_page_in_browser(url):
    """Bytes the browser really fetched until the first map is drawn (lazy chunks such as plotly.js
    included), from the Resource Timing API of headless Chromium."""
    from selenium.webdriver.support.ui import WebDriverWait

    from wijkdashboard.tools.browser import start_browser
    driver = start_browser()
    try:
        driver.get(url + "/")
        WebDriverWait(driver, 60).until(lambda d: d.execute_script(
            "var g=document.querySelector('#map .js-plotly-plot'); return g && g.data && g.data.length > 0;"))
        entries = driver.execute_script(
            "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
            ".map(function(e){return [e.name, e.encodedBodySize || 0, e.decodedBodySize || 0];});")
    finally:
        driver.quit()
    return sum(e[1] for e in entries), len(entries)


def first_page_bytes(transport):
    get = lambda path: transport("GET", path)[1]
    html = get("/")
    total = [html]
    for src in re.findall(r'(?:src|href)="(/[^"]+\.(?:js|css)[^"]*)"', html.decode()):
        total.append(get(src))
    total += [get("/_dash-layout"), get("/_dash-dependencies")]
    raw = sum(len(b) for b in total)
    return raw, sum(len(gzip.compress(b)) for b in total)


def bench_city(client, store, city, level, steps):
    """Full figure once, then `steps` answers cycling through every (indicator, year) drawable on the
    same geometry: the server does for each exactly what a slider step makes it do."""
    combos = [(i, y) for i in store.indicators(city, level) for y in store.years(city, level, i)]
    if not combos:
        return None
    slug = {code: s for s, code in city_slugs(store).items()}[city]
    dep = client.find("map-shapes.data")

    def post(indicator, year, key):
        values = {"city.value": slug, "level.value": level, "indicator.value": indicator, "year.value": year,
                  "bounds.value": "fixed", "classes.value": "jenks", "lang.data": "nl", "map-key.data": key}
        body = client.body(dep, values, "year.value")
        status, data = client.transport("POST", "/_dash-update-component", body)
        if status != 200:
            raise RuntimeError(f"{status}: {data[:300]}")
        return data, len(json.dumps(body))

    full, _ = post(combos[0][0], combos[0][1], None)
    response = json.loads(full)["response"]
    assert "<path " in response["map-shapes"]["data"]["svg"]
    key = response["map-key"]["data"]  # what the browser sends back: the geometry key only
    sizes, times, uploads = [], [], []
    for n in range(steps):
        indicator, year = combos[n % len(combos)]
        started = time.perf_counter()
        step, upload = post(indicator, year, key)
        times.append((time.perf_counter() - started) * 1000)
        uploads.append(upload)
        sizes.append(len(step))
        response = json.loads(step)["response"]
        assert "map-shapes" not in response and "map-values" in response, "a step must not resend the geometry"
    times.sort()
    return {"full": len(full), "full_gz": len(gzip.compress(full)), "step": statistics.median(sizes),
            "step_gz": len(gzip.compress(step)), "median_ms": statistics.median(times),
            "p95_ms": times[int(0.95 * (len(times) - 1))], "steps": len(times), "combos": len(combos),
            "upload": statistics.median(uploads)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=60)
    args = parser.parse_args()
    process, url = start_server()
    ok = True
    try:
        transport = HTTPTransport(url)
        client = DashClient(transport)
        store = LayerStore(settings.LAYERS_DIR)
        raw, gz = first_page_bytes(transport)
        print(f"page shell (HTML, scripts, CSS, layout, dependencies): {raw / 1024:.0f} KiB, {gz / 1024:.0f} KiB gzipped")
        try:
            seen, requests = first_page_in_browser(url)
            print(f"first page load in Chromium until the map is drawn: {seen / 1024:.0f} KiB over {requests} requests"
                  " (compressed as served)")
        except Exception as exc:  # no Chromium here: the shell figure above still stands
            print(f"first page load in Chromium: not measured ({type(exc).__name__})")
        print(f"{'city':8} {'level':6} {'full figure':>14} {'slider step':>14} {'ratio':>6} {'median':>8} {'p95':>8}")
        for level in ("buurt", "wijk"):
            for city in store.municipalities:
                r = bench_city(client, store, city, level, args.steps)
                if r is None:
                    print(f"{city:8} {level:6} no statistics at this level in the present raw files")
                    continue
                ratio = r["full"] / r["step"]
                if level == "buurt":  # the targets are set for the buurt maps; wijk rows are for reference
                    ok &= ratio >= 20 and r["p95_ms"] <= 30
                print(f"{city:8} {level:6} {r['full'] / 1024:9.1f} KiB {r['step'] / 1024:9.1f} KiB {ratio:6.1f}"
                      f" {r['median_ms']:6.1f}ms {r['p95_ms']:6.1f}ms  (request {r['upload'] / 1024:.1f} KiB; "
                      f"{r['steps']} steps over {r['combos']} indicator-years)")
    finally:
        stop(process)
    print("targets met" if ok else "TARGETS MISSED (step >= 20x smaller than the full figure, p95 <= 30 ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
