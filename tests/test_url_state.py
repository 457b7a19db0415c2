"""The link holds the view: parse and write are each other's inverse; bad values fall back, named."""

import pytest

from wijkdashboard.store import LayerStore
from wijkdashboard.ui import state


@pytest.fixture(scope="module")
def store():
    return LayerStore()


def test_an_empty_link_opens_the_default(store):
    s, problems = state.parse("", store)
    assert problems == []
    assert (s["city"], s["level"], s["indicator"], s["year"], s["lang"]) == ("GM0014", "wijk", "inhabitants", 2024, "nl")


def test_write_then_read_gives_the_same_view(store):
    wanted = {"lang": "en", "city": "GM0518", "level": "buurt", "indicator": "households", "year": 2019,
              "bounds": "published", "classes": "quantiles", "table": True, "area": "BU05183488"}
    s, problems = state.parse(state.to_search(wanted), store)
    assert problems == []
    assert {k: s[k] for k in wanted} == wanted


@pytest.mark.parametrize("query,problem", [
    ("city=atlantis", "city=atlantis"), ("level=straat", "level=straat"), ("year=1850", "year=1850"),
    ("year=abc", "year=abc"), ("indicator=%3Cscript%3E", "indicator=<script>"), ("area=BU99999999", "area=BU99999999"),
    ("lang=fr", "lang=fr"), ("bounds=x", "bounds=x"), ("view=elders", "view=elders"), ("foo=1", "foo=…"),
])
def test_bad_values_fall_back_and_are_named(store, query, problem):
    s, problems = state.parse("?" + query, store)
    assert problem in problems
    default, _ = state.parse("", store)
    assert s["city"] in ("GM0014", "GM0518", "GM0599") and s["indicator"] and s["year"]


def test_huge_values_are_cut_short(store):
    s, problems = state.parse("?city=" + "x" * 100000, store)
    assert len(problems[0]) < 80 and s["city"] == "GM0014"


def test_an_indicator_a_city_lacks_at_a_level_falls_back_with_a_notice(store):
    """Groningen has no tenure split per buurt in any year; Rotterdam has it for 2014-2018."""
    s, problems = state.parse("?city=groningen&level=buurt&indicator=pct_social_rent", store)
    assert s["indicator"] != "pct_social_rent" and "indicator=pct_social_rent" in problems
    s, problems = state.parse("?city=rotterdam&level=buurt&indicator=pct_social_rent", store)
    assert problems == [] and s["indicator"] == "pct_social_rent" and s["year"] == 2018
