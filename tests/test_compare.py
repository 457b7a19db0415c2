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
    frame = pd.read_csv(io.StringIO(text), comment="#")
    assert list(frame["study_area"].unique()) == [a["name"] for a in areas]
    first = frame[frame["study_area"] == areas[0]["name"]].reset_index(drop=True)
    pd.testing.assert_series_equal(first["area_minus_city"], tables[0]["area_minus_city"].astype(float), check_names=False)
    assert "Bron: CBS, Kadaster" in text
