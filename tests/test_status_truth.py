"""A status says what happened, and only that: a value CBS published for an area whose ground did not
change is shown as published on the fixed boundaries too, with the same value; a value is called withheld
by CBS only where CBS withheld that very value."""

import pandas as pd


def same_ground(crosswalk, share=0.9):
    """(level, from_year, to_year, code) of areas that kept code and ground (≥ 90 % both ways)."""
    same = crosswalk[(crosswalk["from_code"] == crosswalk["to_code"]) & (crosswalk["share_of_from"] >= share)
                     & (crosswalk["share_of_to"] >= share)]
    return set(zip(same["level"], same["from_year"], same["to_year"], same["from_code"]))


def comparable(built):
    """Every area × variable × year whose fixed-boundary value comes from the same ground as published."""
    stats, fixed = built["statistics"], built["statistics_harmonised"]
    published = stats[stats["boundary_year"].notna() & stats["level"].isin(["buurt", "wijk"])
                      & (stats["status"] != "derived")]
    targets = built.report["harmonised"]["target_years"]
    ground = same_ground(built["crosswalk"])
    published = published.assign(target=published["level"].map(targets))
    keep = [(lv, int(by), int(t), c) in ground or int(by) == int(t) for lv, by, t, c in
            zip(published["level"], published["boundary_year"], published["target"], published["code"])]
    published = published[keep]
    merged = published.merge(fixed, on=["level", "year", "code", "variable"], suffixes=("", "_fixed"))
    return published, merged


def test_every_value_of_unchanged_ground_keeps_its_published_status_and_value(built):
    published, merged = comparable(built)
    assert len(merged) == len(published), "every such value is on the fixed boundaries"
    status_wrong = merged[merged["status"] != merged["status_fixed"]]
    assert status_wrong.empty, (f"{len(status_wrong)} of {len(merged)} statuses differ, e.g. "
                                f"{status_wrong[['code', 'year', 'variable', 'status', 'status_fixed']].head(5).to_dict('records')}")
    present = merged[merged["status"].isin(["published", "provisional"])]
    assert (present["value"] == present["value_fixed"]).all()
    assert len(merged) > 20_000


def test_heijplaat_and_dorp_2014_as_published(built):
    fixed = built["statistics_harmonised"].set_index(["code", "year", "variable"])
    for code, value in (("BU05991593", 74.0), ("BU05991702", 54.0)):
        row = fixed.loc[(code, 2014, "pct_social_rent")]
        assert row["status"] == "published" and row["value"] == value


def test_withheld_only_where_cbs_withheld_that_value(built):
    """On the fixed boundaries 'suppressed' means: the area is a published area's ground and CBS withheld
    its value. A value that cannot be carried over for other reasons says so (not_carried)."""
    fixed = built["statistics_harmonised"]
    suppressed = fixed[fixed["status"] == "suppressed"]
    stats = built["statistics"].set_index(["level", "year", "code", "variable"])["status"]
    origin = [stats.get((r.level, r.year, r.code, r.variable)) for r in suppressed.itertuples()]
    assert all(o == "suppressed" for o in origin), pd.Series(origin).value_counts(dropna=False).to_dict()
