"""The crosswalk between boundary years, checked with an independent overlay of the raw files."""

import pytest
import shapely
from shapely.geometry import shape

FILES = {y: f"boundaries/cbs_buurt_{y}_gegeneraliseerd_rd.geojson" for y in (2014, 2019)}


def independent_shares(raw_features):
    later = [shape(f["geometry"]) for f in raw_features(FILES[2019]) if f["properties"]["gmCode"] == "GM0014"]
    union = shapely.union_all(later)
    return {f["properties"]["statcode"]: shape(f["geometry"]).intersection(union).area / shape(f["geometry"]).area
            for f in raw_features(FILES[2014]) if f["properties"]["gmCode_derived"] == "GM0014"}


def test_every_2014_groningen_buurt_lies_at_least_97_percent_inside_2019(built, raw_features):
    shares = independent_shares(raw_features)
    assert len(shares) == 70
    assert min(shares.values()) >= 0.97
    crosswalk = built["crosswalk"].query("level == 'buurt' and from_year == 2014 and to_year == 2019")
    layer = crosswalk[crosswalk["from_code"].isin(shares)].groupby("from_code")["share_of_from"].sum()
    for code, share in shares.items():
        assert layer[code] == pytest.approx(share, abs=1e-4)


def test_report_lists_each_buurt_below_99_percent_with_its_share(built, raw_features):
    shares = independent_shares(raw_features)
    listed = {row["code"]: row["share_inside"] for row in built["report"]["crosswalk"]["buurten_below_99_percent"]
              if row["municipality"] == "GM0014" and row["from_year"] == 2014 and row["to_year"] == 2019}
    expected = {code: share for code, share in shares.items() if share < 0.99}
    assert set(listed) == set(expected)
    for code, share in expected.items():
        assert listed[code] == pytest.approx(share, abs=1e-4)


def test_crosswalk_follows_selwerd_through_the_2017_redivision(built):
    crosswalk = built["crosswalk"].query("level == 'buurt' and from_year == 2014 and to_year == 2017 "
                                         "and from_code == 'BU00140202'")
    main = crosswalk.sort_values("share_of_from").iloc[-1]
    assert main["to_code"] == "BU00141000" and main["share_of_from"] > 0.9
    names = built["boundaries"].query("level == 'buurt' and code == 'BU00140202'").set_index("year")["name"]
    assert names[2014] == "Selwerd" and names[2017] != "Selwerd"


def test_shares_are_consistent_with_areas(built):
    c = built["crosswalk"]
    assert (c["overlap_m2"] >= 1).all()
    assert c["share_of_from"].between(0, 1 + 1e-6).all() and c["share_of_to"].between(0, 1 + 1e-6).all()
    assert c.groupby(["level", "from_year", "to_year", "from_code"])["share_of_from"].sum().max() <= 1 + 1e-4
