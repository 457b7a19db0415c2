"""A cache all workers share for computed payloads: a folder by default, Redis if REDIS_URL is set.

Bounded: every key is built from values checked against their allowed sets (validation.py), the folder
holds at most MAX_ENTRIES entries, an entry larger than MAX_ENTRY_BYTES is not stored, and Redis
entries expire. Every key starts with the layers' content version and the code's, so neither a
rebuild nor an upgrade of the app serves stale figures."""

import hashlib
import os
import pickle

from flask_caching import Cache

from .. import settings

MAX_ENTRIES = int(os.environ.get("WIJKDASHBOARD_CACHE_ENTRIES", "2000"))
MAX_ENTRY_BYTES = int(os.environ.get("WIJKDASHBOARD_CACHE_ENTRY_KB", "512")) * 1024
REDIS_TTL_S = 7 * 24 * 3600


def make_cache(server):
    if os.environ.get("REDIS_URL"):
        config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": os.environ["REDIS_URL"],
                  "CACHE_DEFAULT_TIMEOUT": REDIS_TTL_S}
    else:
        config = {"CACHE_TYPE": "FileSystemCache", "CACHE_THRESHOLD": MAX_ENTRIES, "CACHE_DEFAULT_TIMEOUT": 0,
                  "CACHE_DIR": os.environ.get("WIJKDASHBOARD_CACHE_DIR", str(settings.CACHE_DIR))}
    return Cache(server, config=config)


def code_version():
    """A digest of what shapes a payload besides the layers: the package's code and its catalogues."""
    digest = hashlib.sha256()
    for path in sorted([*settings.PACKAGE_DIR.rglob("*.py"), *(settings.PROJECT_DIR / "data").glob("*.*")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class SharedMemo:
    """memoize(fn): results shared through the cache, keyed by the layers' version, the function and
    its (checked) arguments. The version is part of the key itself: Flask-Caching's folder cache
    ignores a key prefix."""

    def __init__(self, cache, version):
        self.cache, self.version = cache, f"{version}-{code_version()}"

    def memoize(self, function):
        name = f"{function.__module__}.{function.__qualname__}"

        def wrapper(*args):
            key = self.version + ":" + name + ":" + hashlib.sha256(repr(args).encode()).hexdigest()[:24]
            hit = self.cache.get(key)
            if hit is not None:
                return hit
            result = function(*args)
            if len(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)) <= MAX_ENTRY_BYTES:
                self.cache.set(key, result)
            return result

        wrapper.__wrapped__ = function
        return wrapper
