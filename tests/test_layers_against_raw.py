"""The built layers checked against the raw CBS files, read independently with json and shapely."""

from collections import Counter

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

BUURT_FILES = {year: f"boundaries/cbs_buurt_{year}_gegeneraliseerd_rd.geojson"
               for year in (2004, 2009, 2014, 2019, 2022)}
SENTINELS = (-99999999, -99999997, -99997)


def municipality(props):
    return props.get("gmCode") or props.get("gmCode_derived")


@pytest.mark.parametrize("year", sorted(BUURT_FILES))
def test_buurt_counts_per_municipality_and_year(built, raw_features, year):
    raw = Counter(municipality(f["properties"]) for f in raw_features(BUURT_FILES[year]))
    boundaries = built["boundaries"]
    layer = Counter(boundaries.loc[(boundaries["level"] == "buurt") & (boundaries["year"] == year), "municipality"])
    assert layer == raw


def test_2017_groningen_buurten_and_wijken_from_the_wijk_en_buurtkaart(built, raw_features):
    raw = raw_features("boundaries_with_stats/cbs_wijkbuurtkaart2017_buurt_GM0014_wgs84.geojson")
    b = built["boundaries"]
    assert set(b.loc[(b["level"] == "buurt") & (b["year"] == 2017), "code"]) == {f["properties"]["BU_CODE"] for f in raw}
    wijken = {f["properties"]["WK_CODE"] for f in raw}
    assert set(b.loc[(b["level"] == "wijk") & (b["year"] == 2017), "code"]) == wijken


@pytest.mark.parametrize("year,code", [(2004, "BU00140000"), (2014, "BU05183488"), (2019, "BU00140000"),
                                       (2022, "BU05991692"), (2009, "BU05990117"), (2022, "BU05991017")])
def test_names_and_areas_of_sample_buurten(built, raw_features, year, code):
    feature = next(f for f in raw_features(BUURT_FILES[year]) if f["properties"]["statcode"] == code)
    row = built["boundaries"].query("level == 'buurt' and year == @year and code == @code").iloc[0]
    assert row["name"] == feature["properties"]["statnaam"]
    assert row["area_m2"] == pytest.approx(shape(feature["geometry"]).area, abs=0.1)


def test_codes_reused_with_a_new_meaning_stay_apart(built):
    b = built["boundaries"].query("level == 'buurt' and code == 'BU00140000'").set_index("year")["name"]
    assert b[2014] == "Stadscentrum" and b[2017] == "Binnenstad-Noord" and b[2022] == "Binnenstad-Noord"


def test_water_only_pseudo_buurten_are_flagged(built, raw_features):
    for year, relative in BUURT_FILES.items():
        blank = {f["properties"]["statcode"] for f in raw_features(relative) if not f["properties"]["statnaam"].strip()}
        b = built["boundaries"].query("level == 'buurt' and year == @year")
        assert set(b.loc[b["water_only"], "code"]) == blank


@pytest.mark.parametrize("name", ["Binnenstad-Noord", "Selwerd", "Paddepoel-Noord", "Lewenborg-Noord"])
def test_2017_groningen_population_and_households(built, raw_features, name):
    feature = next(f["properties"] for f in raw_features(
        "boundaries_with_stats/cbs_wijkbuurtkaart2017_buurt_GM0014_wgs84.geojson") if f["properties"]["BU_NAAM"] == name)
    stats = built["statistics"].query("year == 2017 and code == @feature['BU_CODE']").set_index("variable")
    assert stats.loc["inhabitants", "value"] == feature["AANT_INW"]
    assert stats.loc["households", "value"] == feature["AANTAL_HH"]
    assert stats.loc["inhabitants", "status"] == "published"
    # The later CBS release (the 2025 OData extract of 83765NED) is kept where it has the buurt; it agrees.
    assert stats.loc["inhabitants", "source_column"] in ("AANT_INW", "AantalInwoners_5: Aantal inwoners [aantal]")


def test_no_sentinel_is_ever_stored_as_a_number(built):
    for layer in ("statistics", "statistics_harmonised"):
        values = built[layer]["value"].dropna()
        assert not values.isin(SENTINELS).any()
        # Median household wealth is the one CBS statistic here that can be negative (debts).
        assert (built[layer].query("variable != 'median_household_wealth'")["value"].dropna() > -1).all()


def test_sentinels_in_the_raw_2017_buurten_become_suppressed_missing_values(built, raw_features):
    from wijkdashboard.core.vocabulary import rule_for
    raw = raw_features("boundaries_with_stats/cbs_wijkbuurtkaart2017_buurt_GM0014_wgs84.geojson")
    stats = built["statistics"].query("year == 2017 and level == 'buurt'").set_index(["code", "source_column"])
    checked = 0
    for feature in raw:
        props = feature["properties"]
        for column, value in props.items():
            rule = rule_for(column)
            if value in SENTINELS and rule and not rule.variable.startswith("@"):
                row = stats.loc[(props["BU_CODE"], column)]
                assert np.isnan(row["value"]) and row["status"] == "suppressed" and float(row["missing_code"]) == value
                checked += 1
    assert checked > 0


def test_statline_dots_become_suppressed_missing_values(built, raw_dir):
    raw = pd.read_csv(raw_dir / "stats/kwb2019_84583NED_GM0518_wijk_buurt_population_subset_from_DHZW.csv",
                      sep=";", dtype=str, encoding="utf-8-sig")
    raw["WijkenEnBuurten"] = raw["WijkenEnBuurten"].str.strip()
    dots = raw[raw["GemiddeldeHuishoudensgrootte_32"].str.strip() == "."]["WijkenEnBuurten"]
    assert len(dots)
    stats = built["statistics"].query("year == 2019 and variable == 'mean_household_size'").set_index("code")
    for code in dots:
        assert np.isnan(stats.loc[code, "value"]) and stats.loc[code, "status"] == "suppressed"
    present = raw[raw["GemiddeldeHuishoudensgrootte_32"].str.strip() != "."].iloc[0]
    assert stats.loc[present["WijkenEnBuurten"], "value"] == float(present["GemiddeldeHuishoudensgrootte_32"])


def test_renamed_columns_of_redistributors_map_to_cbs_variables(built, raw_dir):
    raw = pd.read_csv(raw_dir / "stats/kwb2022_85318NED_wijk_gemeente_from_tmap_NLD_dist_NLD_muni.csv")
    row = raw[raw["code"] == "WK051834"].iloc[0]
    stats = built["statistics"].query("year == 2022 and code == 'WK051834'").set_index("variable")["value"]
    assert stats["pct_owner_occupied"] == row["dwelling_ownership"]
    assert stats["mean_woz"] == row["dwelling_value"]
    assert stats["pct_persons_low_income"] == row["income_low"]
    na = raw[raw["income_low"].isna() & raw["code"].str.startswith("WK")]["code"]
    layer = built["statistics"].query("year == 2022 and variable == 'pct_persons_low_income'").set_index("code")
    assert all(np.isnan(layer.loc[c, "value"]) and layer.loc[c, "status"] != "published" for c in na)


def test_crs_validity_and_display_geometry(built):
    b, d = built["boundaries"], built["boundaries_display"]
    assert b.crs.to_epsg() == 28992 and d.crs.to_epsg() == 4326
    assert b.geometry.is_valid.all() and d.geometry.is_valid.all()
    assert len(b) == len(d)
    coords = shapely.get_coordinates(d.geometry.to_numpy())
    assert np.allclose(coords * 1e5, np.round(coords * 1e5), atol=1e-6), "display coordinates rounded to 1e-5°"
    assert shapely.get_num_coordinates(d.geometry.to_numpy()).sum() < shapely.get_num_coordinates(b.geometry.to_numpy()).sum()


def test_display_neighbours_keep_a_shared_edge(built):
    d = built["boundaries_display"].query("level == 'buurt' and year == 2017").to_crs(28992)
    union = shapely.union_all(d.geometry.to_numpy())
    holes = sum(shapely.Polygon(r).area for p in getattr(union, "geoms", [union]) for r in p.interiors)
    assert holes < 1e4, "coverage simplification must not open gaps between neighbours"
    pieces = d.geometry.area.sum()
    assert pieces == pytest.approx(union.area, rel=1e-4), "nor overlaps"


def test_buurten_of_one_year_do_not_overlap(built):
    b = built["boundaries"].query("level == 'buurt'")
    for year, group in b.groupby("year"):
        union = shapely.union_all(group.geometry.to_numpy())
        assert group.geometry.area.sum() == pytest.approx(union.area, rel=1e-5), year


def test_unique_codes_per_level_and_year(built):
    assert not built["boundaries"].duplicated(["level", "year", "code"]).any()
    assert not built["statistics"].duplicated(["code", "year", "variable"]).any()


def test_wijken_nest_in_their_buurten(built):
    b = built["boundaries"]
    for year in (2014, 2022):
        buurten = b.query("level == 'buurt' and year == @year")
        wijken = b.query("level == 'wijk' and year == @year").set_index("code")
        for code, group in buurten.groupby("wijk"):
            assert wijken.loc[code, "area_m2"] == pytest.approx(group["area_m2"].sum(), rel=1e-4)
