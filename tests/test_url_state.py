"""The link holds the view: what the browser writes, the page reads back; bad values fall back, named."""

from urllib.parse import parse_qs

import pytest

from wijkdashboard.app import urlstate

DEFAULT = {"city": "GM0014", "level": "wijk", "indicator": "inhabitants"}


def query(text):
    return {k: v[-1] for k, v in parse_qs(text.lstrip("?"), keep_blank_values=True).items()}


def kaart(text, store):
    return urlstate.kaart(query(text), store, DEFAULT)


def test_an_empty_link_opens_the_default(store):
    s, problems = kaart("", store)
    assert problems == []
    assert (s["city"], s["level"], s["indicator"], s["year"]) == ("GM0014", "wijk", "inhabitants", 2024)
    assert urlstate.common({}) == ("nl", False)


def test_write_then_read_gives_the_same_view(store):
    wanted = {"city": "den-haag", "level": "buurt", "indicator": "households", "year": 2019, "bounds": "published",
              "classes": "quantiles", "table": True, "area": "BU05183488", "compare": [], "mode": "value", "from": None}
    s, problems = kaart(urlstate.to_search(wanted), store)
    assert problems == []
    assert {**s, "city": "den-haag"} == wanted and s["city"] == "GM0518"


def test_a_city_is_named_by_its_slug_or_its_code(store):
    assert kaart("city=rotterdam", store)[0]["city"] == kaart("city=gm0599", store)[0]["city"] == "GM0599"
    assert urlstate.slug("'s-Gravenhage") == "s-gravenhage" and urlstate.slug("Den Haag") == "den-haag"


@pytest.mark.parametrize("text,problem", [
    ("city=atlantis", "city=atlantis"), ("level=straat", "level=straat"), ("year=1850", "year=1850"),
    ("year=abc", "year=abc"), ("indicator=%3Cscript%3E", "indicator=<script>"), ("area=BU99999999", "area=BU99999999"),
    ("lang=fr", "lang=fr"), ("bounds=x", "bounds=x"), ("foo=1", "foo=…"),
])
def test_bad_values_fall_back_and_are_named(store, text, problem):
    s, problems = kaart(text, store)
    assert problem in problems
    assert s["city"] in store.municipalities and s["indicator"] and s["year"]


def test_huge_values_are_cut_short(store):
    s, problems = kaart("city=" + "x" * 10_000, store)
    assert all(len(p) < 200 for p in problems)


def test_an_indicator_a_city_lacks_at_a_level_falls_back_with_a_notice(store):
    """Groningen has no tenure split per buurt in any year; Rotterdam has it for 2014-2018 and 2024."""
    s, problems = kaart("city=groningen&level=buurt&indicator=pct_social_rent", store)
    assert s["indicator"] != "pct_social_rent" and "indicator=pct_social_rent" in problems
    s, problems = kaart("city=rotterdam&level=buurt&indicator=pct_social_rent", store)
    assert problems == [] and s["indicator"] == "pct_social_rent" and s["year"] == 2024


def test_the_other_pages_read_their_own_state(store):
    s, problems = urlstate.vergelijk(query("level=buurt&indicator=households&axis=own"), store,
                                     {"compare_indicator": "pct_owner_occupied"})
    years = urlstate.case_years(store, "buurt", "households")
    assert problems == [] and s == {"level": "buurt", "indicator": "households", "axis": "own",
                                    "from": years[0], "to": years[-1]}
    s, problems = urlstate.vergelijk(query(f"level=buurt&indicator=households&from={years[-1]}&to=1850"),
                                     store, {"compare_indicator": "pct_owner_occupied"})
    assert s["from"] == years[-1] and problems == ["to=1850"]
    s, problems = urlstate.segregatie(query("index=isolation_low&city=x"), store, {})
    assert s["index"] == "isolation_low" and problems == ["city=x"]
    s, problems = urlstate.segregatie(query("index=isolation_low&citty=x"), store, {})
    assert problems == ["citty=…"], "a key no page knows is named"
    assert "index=bogus" in urlstate.segregatie(query("index=bogus"), store, {})[1]


def test_one_vocabulary_of_the_address_on_every_page(store):
    """A Kaart link edited to another page keeps what applies there, with no notice."""
    kaart_link = "city=rotterdam&level=buurt&indicator=pct_owner_occupied&year=2016&area=BU05991692&table=1"
    s, problems = urlstate.segregatie(query(kaart_link), store, {})
    assert problems == [] and s["cities"] == ["rotterdam"] and s["level"] == "buurt"
    s, problems = urlstate.vergelijk(query(kaart_link), store, {"compare_indicator": "pct_social_rent"})
    assert problems == [] and (s["level"], s["indicator"]) == ("buurt", "pct_owner_occupied")
    assert urlstate.over(query(kaart_link), store, {})[1] == []
    s, problems = kaart("cities=den-haag,rotterdam&index=isolation_low&axis=own", store)
    assert problems == [] and s["city"] == "GM0518"


def test_the_address_the_page_writes_reads_back_as_the_same_view(store):
    """shell.address_query is what assets/wijk.js writeUrl writes (the page's data-query)."""
    from wijkdashboard.app import shell
    wanted = {"city": "rotterdam", "level": "buurt", "indicator": "pct_owner_occupied", "year": 2018,
              "bounds": "fixed", "classes": "jenks", "table": False, "area": "BU05991692", "compare": [],
              "mode": "change", "from": 2014}
    text = shell.address_query(wanted, "en", True)
    s, problems = kaart(text, store)
    assert problems == [] and urlstate.common(query(text)) == ("en", True)
    assert {**s, "city": "rotterdam"} == wanted
