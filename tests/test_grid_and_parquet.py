"""The 2024 Wijk- en buurtkaart attributes (Parquet) and CBS's 100 m / 500 m squares, against the raw
files read by their own means (pyarrow, json, shapely): values, missing codes, the squares rebuilt from
their ids, their place by centre, and the scale profile recomputed from scratch."""


import numpy as np
import pyarrow.parquet as pq
import pytest
import shapely

from wijkdashboard.builder import grid

BUURT_2024 = "stats/kwb2024_85984NED_wijkbuurtkaart2024v2_buurt_Rijnmond_incl_GM0599_from_NPRZ-app.parquet"
WIJK_2024 = "stats/kwb2024_85984NED_wijkbuurtkaart2024v2_wijk_ZuidHolland_incl_GM0518_GM0599_from_NPRZ-app.parquet"
VK100 = "grid/cbs_vk100_2024_v1_Rijnmond_incl_GM0599_from_NPRZ-app.parquet"
VK500 = "grid/cbs_vk500_2024_v1_Rijnmond_incl_GM0599_from_NPRZ-app.parquet"
SECRET = -99997  # CBS: geheim
COLUMNS = {"woningvoorraad": "dwellings", "percentage_koopwoningen": "pct_owner_occupied",
           "perc_huurwoningen_in_bezit_woningcorporaties": "pct_social_rent", "gemiddelde_woningwaarde": "mean_woz",
           "aantal_inwoners": "inhabitants"}


def raw_rows(raw_dir, relative, code_column, prefixes):
    table = pq.read_table(raw_dir / relative).to_pylist()
    return [r for r in table if r[code_column].startswith(prefixes)]


def layer_values(built, year):
    stats = built["statistics"]
    stats = stats[stats["year"] == year]
    return {(r.code, r.variable): (r.value, r.status, r.missing_code) for r in stats.itertuples()}


@pytest.mark.parametrize("relative, code_column, prefixes", [
    (BUURT_2024, "buurtcode", ("BU0599",)), (WIJK_2024, "wijkcode", ("WK0599", "WK0518"))])
def test_2024_tenure_and_woz_equal_the_raw_parquet(built, raw_dir, relative, code_column, prefixes):
    values = layer_values(built, 2024)
    rows = raw_rows(raw_dir, relative, code_column, prefixes)
    assert len(rows) == {BUURT_2024: 91, WIJK_2024: 65}[relative]
    secret = 0
    for row in rows:
        for column, variable in COLUMNS.items():
            value, status, missing = values[(row[code_column], variable)]
            if row[column] == SECRET:
                secret += 1
                assert status == "suppressed" and np.isnan(value) and missing == str(SECRET), (row[code_column], column)
            else:
                assert status == "published" and value == pytest.approx(row[column]), (row[code_column], column)
    assert secret > 0, "the files carry CBS's code for secret values: they must stay missing, never a number"


def test_hoogvliet_noord_2024_sits_on_the_2022_map_and_its_series_grows(built, raw_dir):
    stats = built["statistics"]
    row = stats[(stats["code"] == "BU05991692") & (stats["variable"] == "pct_owner_occupied")].sort_values("year")
    assert list(row["year"]) == [2014, 2015, 2016, 2017, 2018, 2024]
    assert row.set_index("year").loc[2024, "boundary_year"] == 2022
    raw = next(r for r in raw_rows(raw_dir, BUURT_2024, "buurtcode", ("BU0599",)) if r["buurtcode"] == "BU05991692")
    assert row.set_index("year").loc[2024, "value"] == raw["percentage_koopwoningen"]


def test_a_regional_file_is_read_whole_and_municipalities_without_a_map_are_reported(built, raw_dir, store):
    stats = built["statistics"]
    others = {r["gemeentecode"] for r in pq.read_table(raw_dir / BUURT_2024).to_pylist()} - {"GM0599"}
    assert len(others) == 11
    kept = set(stats.loc[stats["municipality"].isin(others), "municipality"])
    assert kept == others, "every municipality of the file is kept in the statistics"
    assert stats.loc[stats["municipality"].isin(others), "boundary_year"].isna().all()
    reported = {r["municipality"] for r in built.report["without_maps"]}
    assert others <= reported
    assert not others & set(store.municipalities), "nothing is drawn without a map"


def test_a_square_is_rebuilt_from_its_id(built, raw_dir):
    layer = built["grid"]
    cell = layer[(layer["cell"] == "E0937N4390") & (layer["level"] == "vk100")].iloc[0]
    assert (cell["x"], cell["y"], cell["resolution"]) == (93_700, 439_000, 100)
    square = grid.squares([cell["x"]], [cell["y"]], 100)[0]
    assert square.bounds == (93_700.0, 439_000.0, 93_800.0, 439_100.0) and square.area == 10_000
    for relative, resolution in ((VK100, 100), (VK500, 500)):
        column = f"crs28992res{resolution}m"
        raw = pq.read_table(raw_dir / relative).to_pylist()
        mine = layer[layer["resolution"] == resolution].set_index(["cell", "variable"])
        checked = blank = 0
        for row in raw[::7]:
            key = (row[column], "dwellings")
            if key not in mine.index:
                continue  # its centre lies on no map in the raw folder
            value, status = mine.loc[key, "value"], mine.loc[key, "status"]
            if row["aantal_woningen"] is None or row["aantal_woningen"] != row["aantal_woningen"]:
                blank += 1
                assert status == "suppressed" and np.isnan(value) and mine.loc[key, "missing_code"] == "(leeg)"
            else:
                assert status == "published" and value == row["aantal_woningen"]
                assert mine.loc[key, "rounding"] == "5"
            checked += 1
        assert checked > 50 and blank > 0


def rotterdam_buurten(raw_features):
    return [(f["properties"]["statcode"], shapely.geometry.shape(f["geometry"]))
            for f in raw_features("boundaries/cbs_buurt_2022_gegeneraliseerd_rd.geojson")
            if f["properties"]["statcode"].startswith("BU0599")]


def test_squares_lie_in_the_buurt_that_holds_their_centre(built, raw_dir, raw_features):
    buurten = rotterdam_buurten(raw_features)
    tree = shapely.STRtree([g for _, g in buurten])
    raw = pq.read_table(raw_dir / VK100).column("crs28992res100m").to_pylist()
    expected = {}
    for cell in raw:
        x, y = int(cell[1:5]) * 100 + 50, int(cell[6:10]) * 100 + 50
        hit = tree.query(shapely.Point(x, y), predicate="within")
        if len(hit):
            expected[cell] = buurten[hit[0]][0]
    layer = built["grid"]
    placed = layer[layer["level"] == "vk100"].drop_duplicates("cell").set_index("cell")["buurt"].to_dict()
    assert placed == expected
    assert len(placed) == 6437  # as SOURCES.md counts them, by centre


def dissimilarity(corp, total):
    corp, other = np.asarray(corp, float), np.asarray(total, float) - np.asarray(corp, float)
    return 0.5 * np.abs(corp / corp.sum() - other / other.sum()).sum()


def test_the_scale_profile_recomputed_from_the_raw_files(built, raw_dir, raw_features):
    profile = built["scale_profile"]
    rotterdam = profile[(profile["municipality"] == "GM0599") & (profile["year"] == 2024)].set_index("scale")
    assert list(rotterdam.index) == ["vk100", "vk500", "buurt", "wijk"]
    union = shapely.union_all([g for _, g in rotterdam_buurten(raw_features)])
    for relative, resolution in ((VK100, 100), (VK500, 500)):
        rows = pq.read_table(raw_dir / relative).to_pylist()
        column = f"crs28992res{resolution}m"
        inside = [r for r in rows if union.contains(shapely.Point(int(r[column][1:5]) * 100 + resolution / 2,
                                                                  int(r[column][6:10]) * 100 + resolution / 2))]
        known = [r for r in inside if r["aantal_woningen"] == r["aantal_woningen"] and r["aantal_woningen"] is not None]
        used = [r for r in known if r["aantal_huurwoningen_in_bezit_woningcorporaties"] is not None
                and r["aantal_huurwoningen_in_bezit_woningcorporaties"] == r["aantal_huurwoningen_in_bezit_woningcorporaties"]]
        row = rotterdam.loc[f"vk{resolution}"]
        assert row["n_units"] == len(used) and row["n_units_total"] == len(inside)
        assert row["units_without_dwellings"] == len(inside) - len(known)
        assert row["dwellings_left_out"] == sum(r["aantal_woningen"] for r in known) - sum(r["aantal_woningen"] for r in used)
        assert row["statistic"] == pytest.approx(dissimilarity(
            [r["aantal_huurwoningen_in_bezit_woningcorporaties"] for r in used], [r["aantal_woningen"] for r in used]),
            abs=1e-6)
        assert row["ci_low"] < row["statistic"] < row["ci_high"]
    buurten = [r for r in raw_rows(raw_dir, BUURT_2024, "buurtcode", ("BU0599",))
               if r["perc_huurwoningen_in_bezit_woningcorporaties"] != SECRET]
    expected = dissimilarity([r["perc_huurwoningen_in_bezit_woningcorporaties"] * r["woningvoorraad"] / 100 for r in buurten],
                             [r["woningvoorraad"] for r in buurten])
    assert rotterdam.loc["buurt", "statistic"] == pytest.approx(expected, abs=1e-6)
    assert rotterdam.loc["buurt", "n_units"] == len(buurten)
    # The finer the scale, the more uneven: what the 1999 study's question turns on.
    assert list(rotterdam["statistic"]) == sorted(rotterdam["statistic"], reverse=True)


def test_every_chart_line_breaks_where_years_have_no_figures(store):
    from wijkdashboard.app.components import area_panel
    from wijkdashboard.core.indicators import catalogue
    area, city = store.series("GM0599", "buurt", "pct_owner_occupied", "BU05991692")
    import json
    from xml.etree import ElementTree
    markup = area_panel.figure("Hoogvliet Noord", catalogue()["pct_owner_occupied"], area, city, "Rotterdam", "nl")
    svg = ElementTree.fromstring(markup[markup.index("<svg"):markup.index("</svg>") + 6])
    group = next(g for g in svg.iter("g") if g.get("data-name") == "Hoogvliet Noord")
    assert [y for y, _ in json.loads(group.get("data-points"))] == [2014, 2015, 2016, 2017, 2018, 2024]
    lines = [p for p in group.iter("polyline")]
    assert len(lines) == 1 and len(lines[0].get("points").split()) == 5, "no line through 2019–2023"
    bridge = [b for b in group.iter("line") if b.get("stroke-dasharray") == "1 3"]
    assert len(bridge) == 1, "a thin dotted bridge over the gap, no measurement"
    assert any(t.text == "geen cijfers" for t in svg.iter("text"))
