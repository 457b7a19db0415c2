"""The build command: reproducible, atomic, and one clear line for every kind of bad input."""

import json
import os
import shutil
import subprocess
import sys
import time

import geopandas as gpd
import pandas as pd
import pytest
from geopandas.testing import assert_geodataframe_equal
from pandas.testing import assert_frame_equal

from wijkdashboard import settings
from wijkdashboard.layers import read_layers
from wijkdashboard.layers.io import POINTER, current
from wijkdashboard.layers.schema import LAYERS, REPORT, SUMMARY

pytestmark = pytest.mark.build


def run_build(raw, out):
    return subprocess.run([sys.executable, "-m", "wijkdashboard.builder", "--raw", str(raw), "--out", str(out)],
                          capture_output=True, text=True, cwd=settings.PROJECT_DIR, timeout=300)


def test_rebuild_equals_the_committed_layers(built):
    committed = read_layers(settings.LAYERS_DIR)
    assert built.version == committed.version, "the committed layers are the build of the raw files, byte for byte"
    for name in LAYERS:
        left, right = built[name], committed[name]
        if isinstance(left, gpd.GeoDataFrame):
            assert_geodataframe_equal(left, right)
        else:
            pd.testing.assert_frame_equal(left, right, obj=name)
    assert built["report"] == committed["report"]


def test_cli_builds_prints_its_report_and_is_fast(tmp_path, raw_dir):
    started = time.perf_counter()
    result = run_build(raw_dir, tmp_path / "layers")
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    assert "Checks:" in result.stdout and "Bron: CBS, Kadaster" in result.stdout
    version, folder = current(tmp_path / "layers")
    assert sorted(p.name for p in (tmp_path / "layers").iterdir()) == sorted([POINTER, "HISTORY", "README.md", version])
    assert sorted(p.name for p in folder.iterdir()) == sorted([layer.file for layer in LAYERS.values()] + [REPORT, SUMMARY])
    assert elapsed < 60  # the 20 s target is measured by bench/build_time.py; this only catches a hang


def copy_raw(raw_dir, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(raw_dir, raw)
    for path in raw.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    return raw


def previous_layers(tmp_path):
    out = tmp_path / "layers"
    out.mkdir()
    (out / "marker.txt").write_text("previous build")
    return out


def assert_failed_cleanly(result, out, *words):
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for word in words:
        assert word in lines[0]
    assert sorted(p.name for p in out.iterdir()) == ["marker.txt"], "previous layers untouched, nothing half-written"


def test_missing_folder(tmp_path):
    out = previous_layers(tmp_path)
    result = run_build(tmp_path / "nowhere", out)
    assert_failed_cleanly(result, out, "nowhere", "folder not found")


def test_corrupt_geojson(tmp_path, raw_dir):
    raw = copy_raw(raw_dir, tmp_path)
    broken = raw / "boundaries/cbs_buurt_2014_gegeneraliseerd_rd.geojson"
    broken.write_text(broken.read_text()[:5000])
    out = previous_layers(tmp_path)
    assert_failed_cleanly(run_build(raw, out), out, "cbs_buurt_2014_gegeneraliseerd_rd.geojson", "not a readable map file")


def test_unknown_crs(tmp_path, raw_dir):
    raw = copy_raw(raw_dir, tmp_path)
    path = raw / "boundaries/cbs_buurt_2009_gegeneraliseerd_rd.geojson"
    data = json.loads(path.read_text())
    data["crs"]["properties"]["name"] = "urn:ogc:def:crs:EPSG::999999"
    path.write_text(json.dumps(data))
    out = previous_layers(tmp_path)
    assert_failed_cleanly(run_build(raw, out), out, "cbs_buurt_2009_gegeneraliseerd_rd.geojson", "coordinate reference system")


def test_coordinates_that_do_not_fit_the_declared_crs(tmp_path, raw_dir):
    raw = copy_raw(raw_dir, tmp_path)
    path = raw / "boundaries/cbs_buurt_2009_gegeneraliseerd_rd.geojson"
    data = json.loads(path.read_text())
    del data["crs"]  # RD coordinates without a crs member read as WGS84 degrees
    path.write_text(json.dumps(data))
    out = previous_layers(tmp_path)
    assert_failed_cleanly(run_build(raw, out), out, "cbs_buurt_2009_gegeneraliseerd_rd.geojson", "do not lie in the Netherlands")


def test_file_without_a_code_column(tmp_path, raw_dir):
    raw = copy_raw(raw_dir, tmp_path)
    table = raw / "stats/kwb2024_85984NED_wijk_gemeente_subset.csv"
    table.write_text(table.read_text().replace("WijkenEnBuurten", "Gebied", 1))
    out = previous_layers(tmp_path)
    assert_failed_cleanly(run_build(raw, out), out, "kwb2024_85984NED_wijk_gemeente_subset.csv", "no column with CBS area codes")


def kwb_rows(raw):
    """Kerncijfers rows in kwb-YYYY naming, made from the real 2019 StatLine rows."""
    source = pd.read_csv(raw / "stats/kwb2019_84583NED_GM0518_wijk_buurt_population_subset_from_DHZW.csv",
                         sep=";", dtype=str, encoding="utf-8-sig")
    return pd.DataFrame({"gwb_code_10": source["WijkenEnBuurten"].str.strip(),
                         "recs": source["SoortRegio_2"].str.strip(),
                         "a_inw": source["AantalInwoners_5"].str.strip(),
                         "a_hh": source["HuishoudensTotaal_28"].str.strip()})


def write_kwb_csv(raw):
    kwb_rows(raw).to_csv(raw / "stats/kwb-2019.csv", sep=";", index=False)
    return "stats/kwb-2019.csv", 2019, ["kwb"], ["households", "inhabitants"]


def write_kwb_xlsx(raw):
    kwb_rows(raw).to_excel(raw / "stats/kwb-2019.xlsx", index=False)
    return "stats/kwb-2019.xlsx", 2019, ["kwb"], ["households", "inhabitants"]


def write_wijkenbuurten_gpkg(raw):
    """The 2017 Groningen buurten as a GeoPackage with the new (2023+) CBS column names."""
    frame = gpd.read_file(raw / "boundaries_with_stats/cbs_wijkbuurtkaart2017_buurt_GM0014_wgs84.geojson")
    frame = frame.rename(columns={"BU_CODE": "buurtcode", "BU_NAAM": "buurtnaam", "AANT_INW": "aantal_inwoners",
                                  "AANTAL_HH": "aantal_huishoudens"})[["buurtcode", "buurtnaam", "aantal_inwoners",
                                                                       "aantal_huishoudens", "geometry"]]
    frame.to_crs(28992).to_file(raw / "boundaries_with_stats/wijkenbuurten_2017_GM0014.gpkg", driver="GPKG")
    return "boundaries_with_stats/wijkenbuurten_2017_GM0014.gpkg", 2017, ["wbk_new"], ["households", "inhabitants"]


@pytest.mark.parametrize("write", [write_kwb_csv, write_kwb_xlsx, write_wijkenbuurten_gpkg])
def test_a_new_file_of_a_known_format_is_picked_up(tmp_path, raw_dir, write):
    """A file of a known CBS format, made from real rows, joins the build without code changes and
    agrees with the file it was made from."""
    raw = copy_raw(raw_dir, tmp_path)
    name, year, conventions, variables = write(raw)
    out = tmp_path / "layers"
    result = run_build(raw, out)
    assert result.returncode == 0, result.stderr
    report = read_layers(out, ()).report
    entry = next(i for i in report["inputs"] if i["file"] == name)
    assert (entry["year"], entry["conventions"], entry["variables"]) == (year, conventions, variables)
    assert entry["rows_kept"] > 100
    involved = [c for c in report["conflicts"] if name in [c["kept"]["source"]] + [o["source"] for o in c["set_aside"]]]
    assert involved == [], "a file made from CBS's own rows agrees with them"


def test_a_shifted_map_stops_the_build(tmp_path, raw_dir):
    """Den Haag's 2009 buurten moved 5 km east: still RD-looking numbers, but not where Den Haag is."""
    raw = copy_raw(raw_dir, tmp_path)
    path = raw / "boundaries/cbs_buurt_2009_gegeneraliseerd_rd.geojson"
    data = json.loads(path.read_text())

    def shift(coords):
        return [shift(c) for c in coords] if isinstance(coords[0], list) else [coords[0] + 5000, coords[1]]
    for feature in data["features"]:
        if feature["properties"]["statcode"].startswith("BU0518"):
            feature["geometry"]["coordinates"] = shift(feature["geometry"]["coordinates"])
    path.write_text(json.dumps(data))
    out = previous_layers(tmp_path)
    assert_failed_cleanly(run_build(raw, out), out, "cbs_buurt_2009_gegeneraliseerd_rd.geojson",
                          "does not line up with GM0518")


@pytest.mark.parametrize("metres", [500, 1000])
def test_a_map_shifted_by_half_a_kilometre_or_one_stops_the_build(tmp_path, raw_dir, metres):
    """Rotterdam's 2014 buurten moved north: 81–97 % of the city's outline still overlaps the other maps,
    but every buurt lies hundreds of metres from where the other maps put the same buurt (which would
    change its figures on the fixed boundaries by a median of 58 %)."""
    raw = copy_raw(raw_dir, tmp_path)
    path = raw / "boundaries/cbs_buurt_2014_gegeneraliseerd_rd.geojson"
    data = json.loads(path.read_text())

    def shift(coords):
        return [shift(c) for c in coords] if isinstance(coords[0], list) else [coords[0], coords[1] + metres]
    for feature in data["features"]:
        if feature["properties"]["statcode"].startswith("BU0599"):
            feature["geometry"]["coordinates"] = shift(feature["geometry"]["coordinates"])
    path.write_text(json.dumps(data))
    out = previous_layers(tmp_path)
    assert_failed_cleanly(run_build(raw, out), out, "cbs_buurt_2014_gegeneraliseerd_rd.geojson",
                          "does not line up with GM0599", "lie a median", "m from their place there")


def test_real_boundary_revisions_pass_the_place_check(built):
    """Groningen's 2017 redivision and merger, Rotterdam's Kop van Zuid recode: the real raw folder passes."""
    rows = [r for r in built.report["checks"] if r["check"] == "the same places lie in the same place"]
    assert len(rows) >= 15 and all(r["status"] == "pass" for r in rows)


def test_a_scaled_map_stops_the_build(tmp_path, raw_dir):
    raw = copy_raw(raw_dir, tmp_path)
    path = raw / "boundaries/cbs_buurt_2014_gegeneraliseerd_rd.geojson"
    data = json.loads(path.read_text())

    centre = (92_000, 436_000)  # Rotterdam

    def scale(coords):
        return [scale(c) for c in coords] if isinstance(coords[0], list) else [
            centre[0] + (coords[0] - centre[0]) * 1.3, centre[1] + (coords[1] - centre[1]) * 1.3]
    for feature in data["features"]:
        if feature["properties"]["statcode"].startswith("BU0599"):
            feature["geometry"]["coordinates"] = scale(feature["geometry"]["coordinates"])
    path.write_text(json.dumps(data))
    out = previous_layers(tmp_path)
    assert_failed_cleanly(run_build(raw, out), out, "cbs_buurt_2014_gegeneraliseerd_rd.geojson", "does not line up")


EXPORT_2016 = "stats/kwb2016_83487NED_statline-export_gemeente_wijk_buurt_GM0599_from_Vergewijk.csv"


def test_utf16_is_named_as_such(tmp_path, raw_dir):
    raw = copy_raw(raw_dir, tmp_path)
    path = raw / EXPORT_2016
    path.write_bytes(path.read_text(encoding="utf-8-sig").encode("utf-16"))
    out = previous_layers(tmp_path)
    assert_failed_cleanly(run_build(raw, out), out, "kwb2016_83487NED", "UTF-16")


def test_a_bom_followed_by_cp1252_bytes_is_named_as_such(tmp_path, raw_dir):
    raw = copy_raw(raw_dir, tmp_path)
    path = raw / EXPORT_2016
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8-sig").encode("cp1252"))
    out = previous_layers(tmp_path)
    assert_failed_cleanly(run_build(raw, out), out, "kwb2016_83487NED", "byte-order mark", "cp1252")


def test_a_file_far_larger_than_any_cbs_table_is_refused_unread(tmp_path, raw_dir):
    raw = copy_raw(raw_dir, tmp_path)
    with open(raw / "stats/kwb2019_huge.csv", "wb") as handle:
        handle.truncate(3 * 2**20)  # sparse: 3 MB of nothing, refused by size before any byte is read
    out = previous_layers(tmp_path)
    result = subprocess.run([sys.executable, "-m", "wijkdashboard.builder", "--raw", str(raw), "--out", str(out)],
                            capture_output=True, text=True, cwd=settings.PROJECT_DIR, timeout=300,
                            env={**os.environ, "WIJKDASHBOARD_MAX_TABLE_MB": "2"})
    assert_failed_cleanly(result, out, "kwb2019_huge.csv", "far larger than any CBS table", "refused unread")


def test_an_orphan_code_is_listed_not_drawn_or_summed(tmp_path, raw_dir, built):
    """A buurt row whose code is on no map of any year (as a buurt created after the newest map)."""
    raw = copy_raw(raw_dir, tmp_path)
    path = raw / EXPORT_2016
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    row = next(i for i, line in enumerate(lines) if ";BU05991692;" in line)
    lines.insert(row + 1, lines[row].replace("BU05991692", "BU05991697").replace("Hoogvliet-Noord", "Nieuwbouw"))
    path.write_bytes(("\ufeff" + "\r\n".join(lines)).encode("utf-8"))
    out = tmp_path / "layers"
    result = run_build(raw, out)
    assert result.returncode == 0, result.stderr
    assert "BU05991697" in result.stdout
    layers = read_layers(out)
    orphan = [o for o in layers["report"]["orphans"] if o["code"] == "BU05991697"]
    assert orphan and orphan[0]["year"] == 2016 and orphan[0]["boundary_year"] == 2014
    stats = layers["statistics"]
    assert stats.query("code == 'BU05991697' and variable == 'inhabitants'")["boundary_year"].isna().all()
    assert not layers["statistics_harmonised"]["code"].eq("BU05991697").any()
    wijk_sum = layers["statistics_harmonised"].query("level == 'buurt' and year == 2016 and variable == 'inhabitants' "
                                                     "and code.str.startswith('BU059916')")
    original = built["statistics_harmonised"].query(
        "level == 'buurt' and year == 2016 and variable == 'inhabitants' and code.str.startswith('BU059916')")
    assert len(wijk_sum) == 2 and wijk_sum["value"].sum() == original["value"].sum(), \
        "the orphan's inhabitants are added nowhere"
    derived = stats.query("year == 2016 and level == 'buurt' and variable == 'lq_low_income'")
    assert not derived["code"].eq("BU05991697").any()
    assert_frame_equal(derived.reset_index(drop=True), built["statistics"].query(
        "year == 2016 and level == 'buurt' and variable == 'lq_low_income'").reset_index(drop=True))


def relabelled_export(raw, source, year, table):
    """A real StatLine download saved as if for another year and table: the same shape, another year."""
    text = (raw / source).read_text(encoding="utf-8-sig").replace(";2016;", f";{year};")
    text = text.replace("Kerncijfers wijken en buurten 2016", f"Kerncijfers wijken en buurten {year}")
    name = f"stats/kwb{year}_{table}_statline-export_GM0599.csv"
    (raw / name).write_text("\ufeff" + text, encoding="utf-8")
    return name, year, ["cbs_label"], None


def write_old_export_2013(raw):
    return relabelled_export(raw, EXPORT_2016, 2013, "82339NED")


def write_new_export_2025(raw):
    """The 2024 new-style export as if for 2025 (86165NED)."""
    source = next((raw / "stats").glob("kwb2024_85984NED_statline-export_*"))
    name = "stats/kwb2025_86165NED_statline-export_population.csv"
    (raw / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return name, 2025, ["cbs_label", "odata"], ["age_0_14", "age_15_24", "age_25_44", "age_45_64", "age_65_plus",
                                               "inhabitants", "men", "origin_europe", "origin_netherlands",
                                               "origin_outside_europe", "women"]


def write_odata_with_dataproperties(raw):
    """An OData TypedDataSet of 85984NED with its DataProperties beside it (as `fetch` leaves them)."""
    source = pd.read_csv(raw / "stats/kwb2024_85984NED_wijk_gemeente_subset.csv", dtype=str)
    folder = raw / "cbs/85984NED"
    folder.mkdir(parents=True)
    source.rename(columns={"WijkenEnBuurten": "WijkenEnBuurten"}).to_csv(folder / "85984NED_TypedDataSet.csv", index=False)
    shutil.copy(raw_dir_fixture() / "85984NED_odata3_DataProperties.json", folder / "85984NED_DataProperties.json")
    (raw / "stats/kwb2024_85984NED_wijk_gemeente_subset.csv").unlink()
    return "cbs/85984NED/85984NED_TypedDataSet.csv", 2024, ["cbs_label", "odata"], [
        "area_land_ha", "area_total_ha", "area_water_ha", "dwellings", "inhabitants", "men", "population_density", "women"]


def raw_dir_fixture():
    return settings.RAW_DIR.parent / "fixtures" / "cbs"


@pytest.mark.parametrize("write", [write_old_export_2013, write_new_export_2025, write_odata_with_dataproperties])
def test_a_new_file_of_each_cbs_shape_is_picked_up(tmp_path, raw_dir, write):
    raw = copy_raw(raw_dir, tmp_path)
    name, year, conventions, variables = write(raw)
    out = tmp_path / "layers"
    result = run_build(raw, out)
    assert result.returncode == 0, result.stderr
    report = read_layers(out, ()).report
    entry = next(i for i in report["inputs"] if i["file"] == name)
    assert entry["year"] == year and set(entry["conventions"]) == set(conventions)
    if variables is not None:
        assert entry["variables"] == variables
    else:
        assert {"pct_owner_occupied", "pct_social_rent", "mean_woz", "pct_persons_low_income"} <= set(entry["variables"])
    layers = read_layers(out)
    assert layers["statistics"].query("year == @year")["status"].eq("published").sum() > 100


BUURT_2024 = "stats/kwb2024_85984NED_wijkbuurtkaart2024v2_buurt_Rijnmond_incl_GM0599_from_NPRZ-app.parquet"
WIJK_2024 = "stats/kwb2024_85984NED_wijkbuurtkaart2024v2_wijk_ZuidHolland_incl_GM0518_GM0599_from_NPRZ-app.parquet"
VK500 = "grid/cbs_vk500_2024_v1_Rijnmond_incl_GM0599_from_NPRZ-app.parquet"


def test_a_wijkbuurtkaart_geopackage_and_a_vierkant_geopackage_are_read(tmp_path, raw_dir):
    """CBS's WijkBuurtkaart_YYYY_vN.gpkg holds its layers buurten and wijken with the attributes; a
    cbs_vk500_YYYY_vN.gpkg the squares. Both made here from the real raw files, as CBS lays them out."""
    raw = tmp_path / "raw"
    (raw / "boundaries").mkdir(parents=True)
    shutil.copy(raw_dir / "boundaries/cbs_buurt_2022_gegeneraliseerd_rd.geojson", raw / "boundaries")
    outlines = gpd.read_file(raw_dir / "boundaries/cbs_buurt_2022_gegeneraliseerd_rd.geojson")
    outlines = outlines[outlines["statcode"].str.startswith("BU0599")].set_crs(28992, allow_override=True)
    attributes = pd.read_parquet(raw_dir / BUURT_2024)
    buurten = outlines[["statcode", "geometry"]].merge(attributes, left_on="statcode", right_on="buurtcode") \
        .drop(columns="statcode")
    gpkg = raw / "WijkBuurtkaart_2024_v2.gpkg"
    buurten.to_file(gpkg, layer="buurten", driver="GPKG")
    wijk_attributes = pd.read_parquet(raw_dir / WIJK_2024)
    wijken = buurten.dissolve("wijkcode")[["geometry"]].reset_index().merge(wijk_attributes, on="wijkcode")
    wijken.to_file(gpkg, layer="wijken", driver="GPKG")
    cells = pd.read_parquet(raw_dir / VK500)
    x = cells["crs28992res500m"].str[1:5].astype(int) * 100
    y = cells["crs28992res500m"].str[6:10].astype(int) * 100
    squares = gpd.GeoDataFrame(cells, geometry=gpd.GeoSeries.from_xy(x + 250, y + 250).buffer(250, cap_style="square"),
                               crs=28992)
    squares.to_file(raw / "cbs_vk500_2024_v1.gpkg", layer="vierkant_500m", driver="GPKG")

    result = run_build(raw, tmp_path / "layers")
    assert result.returncode == 0, result.stderr
    built = read_layers(tmp_path / "layers")
    inputs = built.report["inputs"]
    assert {(i["file"], i.get("shape")) for i in inputs if i["file"].endswith(".gpkg")} >= {
        ("WijkBuurtkaart_2024_v2.gpkg", "map"), ("cbs_vk500_2024_v1.gpkg", "CBS vierkantstatistieken")}
    stats = built["statistics"]
    mine = stats[(stats["source"] == "WijkBuurtkaart_2024_v2.gpkg#buurten") & (stats["variable"] == "pct_social_rent")]
    raw_values = attributes.set_index("buurtcode")["perc_huurwoningen_in_bezit_woningcorporaties"]
    assert len(mine) == 91
    for row in mine.itertuples():
        if raw_values[row.code] == -99997:
            assert row.status == "suppressed" and row.value != row.value
        else:
            assert row.status == "published" and row.value == raw_values[row.code]
    assert (stats["source"] == "WijkBuurtkaart_2024_v2.gpkg#wijken").any()
    squares_layer = built["grid"]
    assert squares_layer.loc[squares_layer["level"] == "vk500", "cell"].nunique() == 494


def test_overlapping_outlines_stop_the_build_naming_the_file(tmp_path, raw_dir):
    """Someone's simplified buurt outlines, each simplified on its own, overlap their neighbours: the one
    line names the file, the fault and an example pair."""
    raw = copy_raw(raw_dir, tmp_path)
    source = json.loads((raw_dir / "boundaries/cbs_buurt_2022_gegeneraliseerd_rd.geojson").read_text(encoding="utf-8"))
    import shapely
    from shapely.geometry import mapping, shape
    features = []
    for feature in source["features"]:
        if feature["properties"]["statcode"].startswith("BU0599"):
            grown = shapely.buffer(shape(feature["geometry"]), 60)
            features.append({**feature, "geometry": mapping(grown)})
    (raw / "boundaries" / "rotterdam_buurten_2024_simplified.geojson").write_text(
        json.dumps({**source, "features": features}), encoding="utf-8")
    out = previous_layers(tmp_path)
    result = run_build(raw, out)
    assert_failed_cleanly(result, out, "rotterdam_buurten_2024_simplified.geojson", "overlap", "e.g. BU0599")
