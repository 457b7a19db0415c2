"""A cache all workers share for computed payloads: a folder by default, Redis if REDIS_URL is set.

Bounded: every key is built from values checked against their allowed sets (validation.py), the folder
holds at most MAX_ENTRIES entries, an entry larger than MAX_ENTRY_BYTES is not stored, and Redis
entries expire (REDIS_TTL_S). Every key starts with the layers' content version and the code's, so
neither a rebuild nor an upgrade of the app serves stale figures.

A cache is a help, never a condition: when Redis cannot be reached (or refuses a write, full under
`noeviction`), the payload is computed as if there were no cache. The failure is logged once, and Redis
is left alone for PAUSE_S (no retry storm, each try waits at most TIMEOUT_S) before it is tried again."""

import hashlib
from pathlib import Path
import logging
import os
import pickle
import time

from flask_caching import Cache

from .. import settings

MAX_ENTRIES = int(os.environ.get("WIJKDASHBOARD_CACHE_ENTRIES", "2000"))
MAX_ENTRY_BYTES = int(os.environ.get("WIJKDASHBOARD_CACHE_ENTRY_KB", "512")) * 1024
REDIS_TTL_S = int(os.environ.get("WIJKDASHBOARD_REDIS_TTL_S", str(24 * 3600)))
TIMEOUT_S = 0.25  # a Redis that does not answer within this is treated as away
PAUSE_S = 5.0
log = logging.getLogger("wijkdashboard.cache")


def make_cache(server):
    if os.environ.get("REDIS_URL"):
        config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": os.environ["REDIS_URL"],
                  "CACHE_DEFAULT_TIMEOUT": REDIS_TTL_S, "CACHE_KEY_PREFIX": "wijkdashboard:",
                  "CACHE_OPTIONS": {"socket_timeout": TIMEOUT_S, "socket_connect_timeout": TIMEOUT_S}}
    else:
        config = {"CACHE_TYPE": "FileSystemCache", "CACHE_THRESHOLD": MAX_ENTRIES, "CACHE_DEFAULT_TIMEOUT": 0,
                  "CACHE_DIR": os.environ.get("WIJKDASHBOARD_CACHE_DIR", str(settings.CACHE_DIR))}
    return Cache(server, config=config)


def code_version():
    """A digest of what shapes a payload besides the layers: the package's code, its catalogues and the
    stories (shipped and a municipality's own)."""
    digest = hashlib.sha256()
    stories = [*Path(settings.STORIES_DIR).glob("*.yaml")] if settings.STORIES_DIR else []
    for path in sorted([*settings.PACKAGE_DIR.rglob("*.py"), *(settings.PROJECT_DIR / "data").rglob("*.*"), *stories]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class SharedMemo:
    """memoize(fn): results shared through the cache, keyed by the layers' version, the function and
    its (checked) arguments. The version is part of the key itself: Flask-Caching's folder cache
    ignores a key prefix."""

    def __init__(self, cache, version):
        self.cache, self.version = cache, f"{version}-{code_version()}"
        self.away_until = 0.0  # while Redis is away: the time to try it again
        self.away_since = None

    def state(self):
        return "away" if self.away_since is not None else "ok"

    def _use(self, action, *args):
        """The cache's answer, or None when it fails; a failure pauses the cache (logged once)."""
        if time.monotonic() < self.away_until:
            return None
        try:
            answer = action(*args)
        except Exception as error:  # noqa: BLE001 - any client error: the cache is a help, not a condition
            if self.away_since is None:
                self.away_since = time.time()
                log.warning("cache unavailable, serving without it (next try in %.0f s): %s", PAUSE_S,
                            f"{error.__class__.__name__}: {error}"[:200])
            self.away_until = time.monotonic() + PAUSE_S
            return None
        if self.away_since is not None:
            log.warning("cache available again after %.0f s", time.time() - self.away_since)
            self.away_since = None
        return answer

    def memoize(self, function):
        name = f"{function.__module__}.{function.__qualname__}"

        def wrapper(*args):
            key = self.version + ":" + name + ":" + hashlib.sha256(repr(args).encode()).hexdigest()[:24]
            hit = self._use(self.cache.get, key)
            if hit is not None:
                return hit
            result = function(*args)
            if len(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)) <= MAX_ENTRY_BYTES:
                self._use(self.cache.set, key, result)
            return result

        wrapper.__wrapped__ = function
        return wrapper
