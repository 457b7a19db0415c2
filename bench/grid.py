"""What the map of CBS's squares costs: the bytes of its first view over the wire, and the server time of
a change of indicator. Starts the real app (python app.py) on a free port with an empty cache, and speaks
HTTP and Dash's callback protocol to it.

    .venv/bin/python bench/grid.py [--city rotterdam]

Targets: the grid's first view (the page and its layout request, as sent compressed) <= 150 KB; a change
of indicator <= 30 ms server time p95, cold (each view computed, not served from the cache) and warm.
"""

import argparse
import http.client
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
from wijkdashboard import settings  # noqa: E402
from wijkdashboard.app.store import LayerStore  # noqa: E402
from wijkdashboard.app.urlstate import city_slugs  # noqa: E402
from wijkdashboard.core.codes import GRID_LEVELS  # noqa: E402
from wijkdashboard.tools.dashclient import DashClient, HTTPTransport  # noqa: E402
from wijkdashboard.tools.serve import start_server, stop  # noqa: E402

TARGET_KB, TARGET_MS = 150, 30


def wire_bytes(url, path, referer=None):
    """(bytes as sent, compressed as a browser asks for them; the status)."""
    host, port = url.replace("http://", "").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    headers = {"Accept-Encoding": "gzip, br"}
    if referer:
        headers["Referer"] = referer
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return len(body), response.status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--city", default="rotterdam")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    store = LayerStore(settings.LAYERS_DIR)
    city = city_slugs(store)[args.city]
    levels = [level for level in GRID_LEVELS if level in store.grid_levels(city)]
    if not levels:
        sys.exit(f"{args.city}: no squares in the layers")
    process, url = start_server(WIJKDASHBOARD_CACHE_DIR=tempfile.mkdtemp(prefix="bench-grid-"))
    try:
        client = DashClient(HTTPTransport(url))
        fails = []
        for level in levels:
            indicators = store.indicators(city, level)
            year = store.years(city, level, indicators[0])[-1]
            query = f"/?city={args.city}&level={level}&indicator={indicators[0]}&year={year}"
            page, s1 = wire_bytes(url, query)
            layout, s2 = wire_bytes(url, "/_dash-layout", referer=url + query)
            total = (page + layout) / 1024
            print(f"{level}: first view {total:.1f} KB over the wire (page {page / 1024:.1f} KB + layout "
                  f"{layout / 1024:.1f} KB; statuses {s1}, {s2}); {len(store.cells(city, level, year))} squares")
            if total > TARGET_KB:
                fails.append(f"{level} first view {total:.0f} KB > {TARGET_KB}")
            key = None  # the geometry the browser holds, after the first view
            status, response = client.call("view.data", {
                "city.value": args.city, "level.value": level, "indicator.value": indicators[0], "year.value": year,
                "bounds.value": "fixed", "classes.value": "jenks", "lang.data": "nl", "map-key.data": None,
                "selected-area.data": "", "mode.value": "value"}, "level.value")
            key = response["view"]["data"]["key"]
            for label in ("cold", "warm"):
                times, sizes = [], []
                for _ in range(1 if label == "cold" else args.rounds):
                    for indicator in indicators:
                        values = {"city.value": args.city, "level.value": level, "indicator.value": indicator,
                                  "year.value": year, "bounds.value": "fixed", "classes.value": "jenks",
                                  "lang.data": "nl", "map-key.data": key, "selected-area.data": "",
                                  "mode.value": "value"}
                        started = time.perf_counter()
                        status, response = client.call("view.data", values, "indicator.value")
                        times.append((time.perf_counter() - started) * 1000)
                        if status != 200:
                            fails.append(f"{level} {indicator}: status {status}")
                        sizes.append(len(str(response)))
                p95 = sorted(times)[int(0.95 * (len(times) - 1))]
                print(f"  change of indicator, {label}: p95 {p95:.1f} ms, median {statistics.median(times):.1f} ms "
                      f"over {len(times)} ({len(indicators)} indicators); answer ~{statistics.median(sizes) / 1024:.0f} KB "
                      "uncompressed (the class paths and the squares' values)")
                if p95 > TARGET_MS:
                    fails.append(f"{level} {label} p95 {p95:.0f} ms > {TARGET_MS}")
    finally:
        stop(process)
    print("targets met" if not fails else "targets missed: " + "; ".join(fails))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
