"""A small HTTP client as CBS and PDOK need it: retries with exponential backoff on connection resets
(also in the middle of a body), timeouts, 429 and 5xx; one clear error for what retrying cannot mend.

Every request has an overall deadline (a server dribbling a byte every 20 s passes any socket
timeout); redirects and next-page links are followed only within the host they started from, over
http(s) (never file:// or another host a response names); every URL fetched is kept in `fetched` for
the manifest."""

import time
from urllib.parse import urljoin, urlparse

import requests
import urllib3

RETRY_STATUS = {429, 500, 502, 503, 504}
REDIRECTS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
CHUNK = 1 << 16


class FetchError(Exception):
    """One line for the user: what was asked and what went wrong. transient: retries did not mend it
    (resets, timeouts, 5xx), where another service might."""

    def __init__(self, message, transient=False):
        super().__init__(message)
        self.transient = transient


class Transient(Exception):
    """A failure a retry may mend."""


def same_service(url, origin, what=""):
    """url, checked to be http(s) on origin's host; FetchError otherwise."""
    target, start = urlparse(url), urlparse(origin)
    if target.scheme not in ("http", "https") or target.netloc != start.netloc:
        raise FetchError(f"{what or origin}: refused to follow a link to {url[:120]} (not {start.scheme}://{start.netloc})")
    return url


class Client:
    def __init__(self, retries=5, backoff=1.0, timeout=60, deadline=300, sleep=time.sleep):
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "wijkdashboard-fetch (open source; CBS open data)"
        self.retries, self.backoff, self.timeout, self.deadline, self.sleep = retries, backoff, timeout, deadline, sleep
        self.requests = 0
        self.fetched = []  # every URL answered 200, in order

    def get_json(self, url, params=None, what=""):
        response = self.get(url, params, what)
        try:
            return response.json()
        except ValueError:
            raise FetchError(f"{what or url}: the answer is not JSON ({response.text[:80]!r})") from None

    def get(self, url, params=None, what=""):
        """The response of a GET (its body read whole), retried on resets, timeouts, a body cut off,
        429 and 5xx; FetchError otherwise."""
        same_service(url, url, what)
        delay = self.backoff
        for attempt in range(self.retries + 1):
            try:
                return self._once(url, params, what)
            except Transient as problem:
                if attempt == self.retries:
                    raise FetchError(f"{what or url}: {problem}, {self.retries + 1} attempts", transient=True) from None
                wait = getattr(problem, "retry_after", None)
                self.sleep(max(delay, wait or 0))
                delay *= 2

    def _once(self, url, params, what):
        started = time.monotonic()
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            self.requests += 1
            try:
                response = self.session.get(current, params=params, timeout=self.timeout, stream=True,
                                            allow_redirects=False)
            except requests.exceptions.ConnectionError as exc:
                if _offline(exc):
                    raise FetchError(f"{what or url}: no network (cannot resolve or reach {_host(url)})") from None
                raise Transient(f"connection failed ({type(exc).__name__})") from None
            except requests.exceptions.Timeout:
                raise Transient("timed out") from None
            if response.status_code in REDIRECTS and response.headers.get("Location"):
                response.close()
                current = same_service(urljoin(current, response.headers["Location"]), url, what)
                params = None  # the new location carries its own query
                continue
            break
        else:
            raise FetchError(f"{what or url}: more than {MAX_REDIRECTS} redirects")
        if response.status_code == 404:
            raise FetchError(f"{what or url}: not found (404) at {response.url}")
        if response.status_code in RETRY_STATUS:
            response.close()
            problem = Transient(f"HTTP {response.status_code}")
            wait = response.headers.get("Retry-After")
            problem.retry_after = float(wait) if wait and wait.isdigit() else None
            raise problem
        if response.status_code != 200:
            raise FetchError(f"{what or url}: HTTP {response.status_code} from {response.url}")
        body = bytearray()
        try:
            # read1: whatever has arrived (decoded), so the deadline is checked however slowly bytes come
            while chunk := response.raw.read1(CHUNK, decode_content=True):
                body += chunk
                if time.monotonic() - started > self.deadline:
                    response.close()
                    raise Transient(f"no complete answer within {self.deadline:.0f} s")
        except urllib3.exceptions.TimeoutError:
            raise Transient("timed out mid-answer") from None
        except (urllib3.exceptions.ProtocolError, urllib3.exceptions.DecodeError, OSError) as exc:
            raise Transient(f"connection dropped mid-answer ({type(exc).__name__})") from None
        if time.monotonic() - started > self.deadline:
            raise Transient(f"no complete answer within {self.deadline:.0f} s")
        response._content = bytes(body)  # read whole: .json() and .text work as without stream=True
        self.fetched.append(response.url)
        return response


def _host(url):
    return url.split("/")[2] if "//" in url else url


def _offline(exc):
    text = str(exc)
    return any(s in text for s in ("Name or service not known", "Temporary failure in name resolution",
                                   "nodename nor servname", "getaddrinfo failed", "Network is unreachable",
                                   "No address associated"))
