"""Every value a callback receives is checked against its allowed set before the callback runs: a
crafted or malformed request gets a 400 and never reaches a computation or a cache key. A callback
that then fails is a bug, and answers 500 with its traceback in the log."""

import math


class Rules:
    """(component id, property) -> predicate. Pages add the rules of their own components."""

    def __init__(self):
        self._rules = {}
        self._coercions = {}

    def add(self, component_id, prop, predicate, coerce=None):
        """coerce: applied to a value that fits, before the callback sees it (the request's parsed
        body is the one Dash reads), so every callback gets e.g. a year as a number."""
        self._rules[(component_id, prop)] = predicate
        if coerce:
            self._coercions[(component_id, prop)] = coerce

    def covers(self, component_id, prop):
        return (component_id, prop) in self._rules

    def check(self, items):
        """None if every {id, property, value} fits, else why not."""
        for item in items:
            key = (item.get("id"), item.get("property"))
            if not isinstance(key[0], str) or key not in self._rules:
                return f"unknown input {key[0]!r}.{key[1]!r}"
            try:
                ok = self._rules[key](item.get("value"))
            except Exception:  # a predicate meeting a value of the wrong type: not a fit
                ok = False
            if not ok:
                return f"value not allowed for {key[0]}.{key[1]}"
        for item in items:
            coerce = self._coercions.get((item.get("id"), item.get("property")))
            if coerce:
                item["value"] = coerce(item.get("value"))
        return None


def one_of(allowed, optional=False):
    allowed = set(allowed)
    return lambda v: (optional and v is None) or (isinstance(v, (str, int)) and not isinstance(v, bool) and v in allowed)


def text(max_length=2000, optional=True):
    return lambda v: (optional and v is None) or (isinstance(v, str) and len(v) <= max_length)


def count(optional=True):
    """n_clicks, n_intervals: a non-negative integer."""
    return lambda v: (optional and v is None) or (isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 10**9)


def boolean(optional=True):
    return lambda v: (optional and v is None) or isinstance(v, bool)


def year(optional=True):
    return lambda v: (optional and v is None) or (isinstance(v, (int, float)) and not isinstance(v, bool)
                                                  and math.isfinite(v) and 1900 <= v <= 2100 and v == int(v))


def year_text(optional=True):
    """A year, or a year as text (a range input's value is text: "2014")."""
    def fits(v):
        if isinstance(v, str):
            return v.strip().isdigit() and year(optional=False)(int(v))
        return year(optional)(v)
    return fits


def year_from_text(value):
    return int(value) if isinstance(value, str) else value


def anything_small(max_items=10000):
    """A value the browser holds and hands back unchanged (a figure's key, a store): any JSON, bounded."""
    def size(v, depth=0):
        if depth > 20:
            raise ValueError
        if isinstance(v, dict):
            return 1 + sum(size(x, depth + 1) for x in v.values())
        if isinstance(v, list):
            return 1 + sum(size(x, depth + 1) for x in v)
        return 1
    return lambda v: size(v) <= max_items
