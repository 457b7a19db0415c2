"""A small HTTP client as CBS and PDOK need it: retries with exponential backoff on connection resets,
timeouts, 429 and 5xx; one clear error for what retrying cannot mend."""

import time

import requests

RETRY_STATUS = {429, 500, 502, 503, 504}


class FetchError(Exception):
    """One line for the user: what was asked and what went wrong."""


class Client:
    def __init__(self, retries=5, backoff=1.0, timeout=60, sleep=time.sleep):
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "wijkdashboard-fetch (open source; CBS open data)"
        self.retries, self.backoff, self.timeout, self.sleep = retries, backoff, timeout, sleep
        self.requests = 0

    def get_json(self, url, params=None, what=""):
        response = self.get(url, params, what)
        try:
            return response.json()
        except ValueError:
            raise FetchError(f"{what or url}: the answer is not JSON ({response.text[:80]!r})") from None

    def get(self, url, params=None, what=""):
        """The response of a GET, retried on resets, timeouts, 429 and 5xx; FetchError otherwise."""
        delay = self.backoff
        for attempt in range(self.retries + 1):
            self.requests += 1
            try:
                response = self.session.get(url, params=params, timeout=self.timeout)
            except requests.exceptions.ConnectionError as exc:
                if _offline(exc):
                    raise FetchError(f"{what or url}: no network (cannot resolve or reach {_host(url)})") from None
                problem = f"connection failed ({type(exc).__name__})"
            except requests.exceptions.Timeout:
                problem = "timed out"
            else:
                if response.status_code == 200:
                    return response
                if response.status_code == 404:
                    raise FetchError(f"{what or url}: not found (404) at {response.url}")
                if response.status_code not in RETRY_STATUS:
                    raise FetchError(f"{what or url}: HTTP {response.status_code} from {response.url}")
                problem = f"HTTP {response.status_code}"
                wait = response.headers.get("Retry-After")
                if wait and wait.isdigit():
                    delay = max(delay, float(wait))
            if attempt == self.retries:
                raise FetchError(f"{what or url}: {problem}, {self.retries + 1} attempts")
            self.sleep(delay)
            delay *= 2


def _host(url):
    return url.split("/")[2] if "//" in url else url


def _offline(exc):
    text = str(exc)
    return any(s in text for s in ("Name or service not known", "Temporary failure in name resolution",
                                   "nodename nor servname", "getaddrinfo failed", "Network is unreachable",
                                   "No address associated"))
