"""Simulated users against the real server: each opens the map, changes indicator and city (a year
step asks the server nothing) and now and then opens the Vergelijk page, through Dash's real callback endpoint, with think time.
Every request's status is recorded exactly: 200 (and 204 for a callback with nothing to update)."""

import random
import sys
import threading
import time

from .dashclient import DashClient, HTTPTransport

CITIES = {"groningen": (2017, 2022, 2024), "den-haag": (2017, 2019, 2022, 2024), "rotterdam": (2017, 2022, 2024)}


class User(threading.Thread):
    def __init__(self, url, deadline, results, think, seed):
        super().__init__(daemon=True)
        self.url, self.deadline, self.results, self.think = url, deadline, results, think
        self.rng = random.Random(seed)

    def timed(self, kind, action):
        started = time.perf_counter()
        try:
            status, response = action()
        except OSError as exc:
            status, response = f"connection: {exc.__class__.__name__}", {}
        self.results.append((kind, (time.perf_counter() - started) * 1000, status))
        return response

    def run(self):
        try:
            self.session()
        except Exception as exc:  # a crashed user is an error, not a silent gap in the figures
            self.results.append(("crash", 0.0, repr(exc)))
            print(f"user crashed: {exc!r}", file=sys.stderr)

    def session(self):
        time.sleep(self.rng.uniform(0, self.think))  # users arrive over the first seconds
        transport = HTTPTransport(self.url)
        for path in ("/", "/_dash-layout"):
            self.timed("page", lambda p=path: transport("GET", p))
        client = self.timed("page", lambda: (200, DashClient(transport)))
        route = lambda path, search: client.call("_pages_content.children", {
            "_pages_location.pathname": path, "_pages_location.search": search})
        self.timed("page", lambda: route("/", "?lang=nl"))
        indicators = ("inhabitants", "households", "pct_owner_occupied", "dwellings")
        while time.time() < self.deadline:
            city = self.rng.choice(list(CITIES))
            key = None
            # A change of view is one request with every year of it; the slider then moves in the browser.
            for indicator in self.rng.sample(indicators, 2):
                values = {"city.value": city, "level.value": "wijk", "indicator.value": indicator,
                          "year.value": CITIES[city][-1], "bounds.value": "fixed", "classes.value": "jenks",
                          "lang.data": "nl", "map-key.data": key, "mode.value": "value", "selected-area.data": ""}
                response = self.timed("callback", lambda: client.call("view.data", values, "indicator.value"))
                key = ((response.get("view") or {}).get("data") or {}).get("key", key)
                time.sleep(self.rng.uniform(0.2, self.think))
                if time.time() >= self.deadline:
                    return
            if self.rng.random() < 0.3:  # a visit to the Vergelijk page
                self.timed("page", lambda: route("/vergelijk", "?lang=nl"))
                # The page opens drawn whole (no callback); a change of indicator is one request.
                self.timed("callback", lambda: client.call("compare-chart-0.data-markup", {
                    "compare-indicator.value": self.rng.choice(("pct_owner_occupied", "inhabitants")),
                    "compare-level.value": "wijk", "axis.value": "same", "period-from.value": 2017,
                    "period-to.value": 2024, "lang.data": "nl", "present.data": False}))
                time.sleep(self.rng.uniform(0.2, self.think))


def run(url, users, seconds, think=1.0, during=None):
    """[(kind, ms, status)] of every request; `during()` is called once while the users are busy. url:
    one server, or a list of them (instances behind one cache): the users are spread over them in turn,
    as a round-robin load balancer would."""
    results = []
    deadline = time.time() + seconds
    urls = [url] if isinstance(url, str) else list(url)
    crowd = [User(urls[seed % len(urls)], deadline, results, think, seed) for seed in range(users)]
    for user in crowd:
        user.start()
    measured = None
    if during is not None:
        time.sleep(min(5.0, seconds / 2))
        measured = during()
    for user in crowd:
        user.join(timeout=seconds + 60)
    return results, measured


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else float("nan")


def ok(kind, status):
    return status == 200 or (status == 204 and kind == "callback")
