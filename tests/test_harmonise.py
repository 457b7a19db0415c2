"""Statistics carried onto the common boundary year: counts by area, shares and means by their base."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from wijkdashboard.builder.crosswalk import build_crosswalk
from wijkdashboard.builder.geometry import finish
from wijkdashboard.builder.harmonise import harmonise


def toy_layers():
    """Two source buurten (2019) merged into one target buurt (2022): 100 households at 10% social
    rent... no: at 10% one-person households, and 300 at 50%."""
    rows = [("BU09990101", 2019, box(0, 0, 100, 100)), ("BU09990102", 2019, box(100, 0, 200, 100)),
            ("BU09990101", 2022, box(0, 0, 200, 100))]
    areas = gpd.GeoDataFrame({"level": "buurt", "year": [r[1] for r in rows], "code": [r[0] for r in rows],
                              "name": ["a", "b", "ab"], "derived": None, "source": "toy"},
                             geometry=[r[2] for r in rows], crs=28992)
    areas = finish(areas)
    stats = pd.DataFrame([
        ("BU09990101", "households", 100.0), ("BU09990102", "households", 300.0),
        ("BU09990101", "pct_one_person_households", 10.0), ("BU09990102", "pct_one_person_households", 50.0),
        ("BU09990101", "mean_household_size", 3.0), ("BU09990102", "mean_household_size", 1.0),
    ], columns=["code", "variable", "value"])
    stats = stats.assign(level="buurt", municipality="GM0999", year=2019, status="published", missing_code="",
                         source="toy", source_column="toy", table="", release="", boundary_year=2019)
    return areas, stats


def test_shares_and_means_are_weighted_by_their_base_not_by_area():
    areas, stats = toy_layers()
    out, _ = harmonise(stats, areas, build_crosswalk(areas, levels=("buurt",)), ["GM0999"])
    values = out.query("year == 2019").set_index("variable")
    assert values.loc["households", "value"] == 400
    # (100 × 10% + 300 × 50%) / 400 = 40%, where a plain mean of the two percentages would give 30%.
    assert values.loc["pct_one_person_households", "value"] == pytest.approx(40.0)
    assert values.loc["mean_household_size", "value"] == pytest.approx((100 * 3 + 300 * 1) / 400)
    assert set(values["status"]) == {"interpolated"}
    assert values.loc["pct_one_person_households", "method"] == "weighted by households"


def test_a_suppressed_source_makes_the_target_missing_not_zero():
    """Half the merged buurt's ground had no published figure: the merged buurt has none either, and it
    says why in its own words — CBS did not withhold the merged buurt's value, it never made one."""
    areas, stats = toy_layers()
    stats.loc[stats["code"].eq("BU09990102") & stats["variable"].eq("households"), ["value", "status"]] = [np.nan, "suppressed"]
    out, _ = harmonise(stats, areas, build_crosswalk(areas, levels=("buurt",)), ["GM0999"])
    row = out.query("variable == 'households'").iloc[0]
    assert np.isnan(row["value"]) and row["status"] == "not_carried"


@pytest.mark.parametrize("name", ["Haren-Centrum", "Glimmen Dorp", "Noordlaren Dorp"])
def test_haren_has_no_groningen_2017_values(built, raw_features, name):
    """Haren joined Groningen in 2019: the 2017 Groningen statistics say nothing about it."""
    code = next(f["properties"]["statcode"] for f in raw_features("boundaries/cbs_buurt_2022_gegeneraliseerd_rd.geojson")
                if f["properties"]["statnaam"] == name)
    h = built["statistics_harmonised"]
    rows = h[(h["year"] == 2017) & (h["code"] == code)]
    assert len(rows) and (rows["status"] == "not_covered").all() and rows["value"].isna().all()


def test_interpolation_keeps_the_city_total(built):
    stats = built["statistics"].query("year == 2017 and level == 'buurt' and variable == 'inhabitants'")
    h = built["statistics_harmonised"].query("year == 2017 and level == 'buurt' and variable == 'inhabitants'")
    assert h["value"].sum() == pytest.approx(stats["value"].sum(), rel=0.01)
    assert (h["status"].isin(["interpolated", "published", "not_covered", "suppressed", "not_published",
                              "not_carried"])).all()


def test_a_stable_buurt_keeps_its_value(built, raw_dir):
    raw = pd.read_csv(raw_dir / "stats/kwb2019_84583NED_GM0518_wijk_buurt_population_subset_from_DHZW.csv",
                      sep=";", dtype=str, encoding="utf-8-sig")
    raw["WijkenEnBuurten"] = raw["WijkenEnBuurten"].str.strip()
    inhabitants = float(raw.set_index("WijkenEnBuurten").loc["BU05183488", "AantalInwoners_5"])
    h = built["statistics_harmonised"].query("year == 2019 and code == 'BU05183488' and variable == 'inhabitants'").iloc[0]
    # Same code and ground on the maps of 2019 and 2022: the value as CBS published it, called so.
    assert h["target_year"] == 2022 and h["status"] == "published" and h["value"] == inhabitants
    assert h["method"] == "same area as on the map of 2019"


def test_values_of_the_target_year_pass_through_unchanged(built):
    s = built["statistics"].query("year == 2024 and level == 'wijk' and status != 'derived'")
    s = s[s["boundary_year"].notna()].set_index(["code", "variable"])["value"]
    h = built["statistics_harmonised"].query("year == 2024 and level == 'wijk' and status != 'derived'") \
        .set_index(["code", "variable"])
    assert (h["method"] == "as published").all()
    pd.testing.assert_series_equal(h["value"].sort_index(), s.sort_index(), check_names=False)


def test_an_area_that_kept_its_code_and_ground_keeps_its_value(built):
    """Different generalisations of one wijk must not leak people into the empty port next door."""
    c = built["crosswalk"]
    same = c[(c["level"] == "wijk") & (c["from_year"] == 2022) & (c["to_year"] == 2024) & (c["from_code"] == c["to_code"])
             & (c["share_of_from"] >= 0.6) & (c["share_of_to"] >= 0.6)]["from_code"]
    assert len(same) >= 80  # of the 85 wijken, whose codes did not change between 2022 and 2024
    published = built["statistics"].query("year == 2022 and level == 'wijk' and variable == 'inhabitants'").set_index("code")
    carried = built["statistics_harmonised"].query("year == 2022 and level == 'wijk' and variable == 'inhabitants'").set_index("code")
    for code in same:
        if published.loc[code, "status"] == "published":
            assert carried.loc[code, "value"] == published.loc[code, "value"], code
    assert carried.loc["WK059921", "value"] == published.loc["WK059921", "value"]  # Waalhaven-Eemhaven, a port
