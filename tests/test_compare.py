"""The Vergelijk view's numbers: members, rings and weighted aggregates, checked against the layers
and the raw boundaries directly."""

import io

import pandas as pd
import pytest
from shapely.geometry import shape

from wijkdashboard.app.aggregate import Comparison
from wijkdashboard.app.components import study_area
from wijkdashboard.core import cases
from wijkdashboard.core.indicators import catalogue


@pytest.fixture(scope="module")
def comparison(store):
    return Comparison(store)


@pytest.fixture(scope="module")
def harmonised(built):
    return built["statistics_harmonised"]


def area(area_id):
    return next(a for a in cases.load()["areas"] if a["id"] == area_id)


def test_the_ring_is_every_buurt_sharing_an_edge(comparison, raw_features):
    features = {f["properties"]["statcode"]: shape(f["geometry"])
                for f in raw_features("boundaries/cbs_buurt_2022_gegeneraliseerd_rd.geojson")}
    core = features["BU05183488"]
    expected = sorted(code for code, geom in features.items()
                      if code != "BU05183488" and geom.intersection(core.boundary).length > 1.0)
    codes, ring = comparison.members(area("gasseltestraat"), "buurt")
    assert codes == ["BU05183488"] and ring == expected


def test_counts_are_summed(comparison, harmonised):
    table = comparison.table(area("gasseltestraat"), "buurt", "households").set_index("year")
    _, ring = comparison.members(area("gasseltestraat"), "buurt")
    rows = harmonised[(harmonised["year"] == 2019) & (harmonised["variable"] == "households")].set_index("code")
    assert table.loc[2019, "area"] == rows.loc["BU05183488", "value"]
    assert table.loc[2019, "ring"] == pytest.approx(rows.loc[ring, "value"].sum())


@pytest.mark.parametrize("area_id", ["selwerderwijk_noord", "gasseltestraat"])
def test_shares_are_weighted_by_dwellings(comparison, harmonised, area_id):
    table = comparison.table(area(area_id), "wijk", "pct_owner_occupied").set_index("year")
    _, ring = comparison.members(area(area_id), "wijk")
    year = harmonised[(harmonised["year"] == 2022) & (harmonised["level"] == "wijk")].set_index(["variable", "code"])
    share, dwellings = year.loc["pct_owner_occupied"].loc[ring, "value"], year.loc["dwellings"].loc[ring, "value"]
    weighted = (share * dwellings).sum() / dwellings.sum()
    assert table.loc[2022, "ring"] == pytest.approx(weighted, abs=0.01)
    assert abs(weighted - share.mean()) > 0.1, "the weighting makes a difference here"


def test_the_city_is_the_municipal_figure(comparison, raw_dir):
    raw = pd.read_csv(raw_dir / "stats/kwb2022_85318NED_wijk_gemeente_from_tmap_NLD_dist_NLD_muni.csv").set_index("code")
    table = comparison.table(area("nieuw_engeland"), "wijk", "pct_owner_occupied").set_index("year")
    assert table.loc[2022, "city"] == raw.loc["GM0599", "dwelling_ownership"]
    assert table.loc[2022, "city_source"] == "gemeente"


def test_waterbed_compares_the_change_of_area_and_ring(comparison):
    table = comparison.table(area("gasseltestraat"), "wijk", "inhabitants")
    result = comparison.waterbed(table)
    both = table.dropna(subset=["area", "ring"])
    assert (result["from"], result["to"]) == (both["year"].iloc[0], both["year"].iloc[-1])
    assert result["difference"] == pytest.approx((both["area"].iloc[-1] - both["area"].iloc[0])
                                                 - (both["ring"].iloc[-1] - both["ring"].iloc[0]), abs=0.01)


def test_the_csv_holds_the_three_tables(comparison):
    areas = cases.load()["areas"]
    tables = [comparison.table(a, "wijk", "pct_owner_occupied") for a in areas]
    text = study_area.csv_text(tables, areas, catalogue()["pct_owner_occupied"], "nl")
    frame = pd.read_csv(io.StringIO(text))  # every line is data: the attribution is a column of its own
    assert list(frame["onderzoeksgebied"].unique()) == [a["name"] for a in areas]
    first = frame[frame["onderzoeksgebied"] == areas[0]["name"]].reset_index(drop=True)
    pd.testing.assert_series_equal(first["gebied − stad"], tables[0]["area_minus_city"].astype(float), check_names=False)
    assert (frame["naamsvermelding"] == "Bron: CBS, Kadaster (CC BY 4.0)").all()
    assert set(frame["stad: hoe"]) <= {"cijfer van de gemeente (CBS)", "gewogen samengeteld uit alle gebieden"} | {
        v for v in frame["stad: hoe"] if v.startswith("deels")}


def test_vergelijk_shows_every_value_kaart_shows_for_the_study_areas(comparison, store):
    """Walk the study areas × levels × indicators × years: the area's figure in Vergelijk is Kaart's
    figure for the same area and year (a single area needs no base to weigh it by)."""
    from wijkdashboard.app import urlstate
    from wijkdashboard.layers import PRESENT
    walked = 0
    for a in cases.areas():
        for level in ("buurt", "wijk"):
            codes, _ = comparison.members(a, level)
            for indicator in urlstate.compare_indicators(store, level):
                table = comparison.table(a, level, indicator).set_index("year")
                for year in store.years(a["municipality"], level, indicator, "fixed"):
                    kaart = store.values(a["municipality"], level, indicator, year, "fixed").set_index("code")
                    row = kaart.loc[codes[0]]
                    if len(codes) == 1 and row["status"] in PRESENT:
                        assert table.loc[year, "area"] == pytest.approx(row["value"]), (a["id"], level, indicator, year)
                        walked += 1
    assert walked > 300


def test_morgenstond_west_2023_figures_are_in_vergelijk(comparison):
    table = comparison.table(area("gasseltestraat"), "buurt", "mean_woz").set_index("year")
    assert table.loc[2023, "area"] == 289 and table.loc[2023, "area_status"] == "published"


def test_the_waterbed_box_says_what_the_reader_needs(comparison, store):
    """Hoogvliet-Noord's ring is Hoogvliet-Zuid alone (its other neighbours are port areas, left out and
    named); changes carry their unit; a change within CBS's rounding says so; the intervention year
    stands against the first data year."""
    a = area("nieuw_engeland")
    ring = comparison.ring_of(a, "buurt")
    assert ring["members"] == ["BU05991699"] and ring["shares"] == {"BU05991699": 1.0}
    assert len(ring["left_out"]) == 3 and all(n < 50 for n in ring["left_out_dwellings"].values())
    table = comparison.table(a, "buurt", "pct_owner_occupied")
    result = comparison.waterbed(table, 2014, 2018)
    names = {c: store.name("buurt", 2022, c) for c in ring["members"] + ring["left_out"]}
    box = study_area.waterbed_box(result, catalogue()["pct_owner_occupied"], "nl", ring, names, 1996)
    from wijkdashboard.app.firstpaint.prerender import page_html
    text = page_html(box)
    assert "procentpunt" in text and "Hoogvliet Zuid (BU05991699) 100 %" in text
    assert "Niet in de ring" in text and "BU05992196" in text
    assert "uiterlijk 1996 af" in text and "beginnen in 2014" in text
    assert result["ring"] == table.set_index("year").loc[2018, "ring"] - table.set_index("year").loc[2014, "ring"]
    if abs(result["area"]) <= 2:
        assert "binnen de afronding" in text
    woz = study_area.waterbed_box(comparison.waterbed(comparison.table(a, "buurt", "mean_woz"), 2014, 2018),
                                  catalogue()["mean_woz"], "nl", ring, names, 1996)
    assert "€ 11.000" in page_html(woz)  # 142 → 153 (× € 1 000)
