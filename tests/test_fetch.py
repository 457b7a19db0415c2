"""`python -m wijkdashboard.fetch` against a local server that answers as CBS and PDOK do: paging,
retries, padding, nulls, the cache, resuming, offline, renamed keys — then the build reads the result
and the app shows that municipality."""

import csv
import json
import os
import subprocess
import sys

import pytest

from wijkdashboard import settings

from .fake_services import FakeServices

pytestmark = pytest.mark.build
CSV = "cbs/85984NED/kwb2024_85984NED_odata_GM0599.csv"


@pytest.fixture
def services():
    with FakeServices() as fake:
        yield fake


def fetch(services, raw, *args, env=None):
    return subprocess.run([sys.executable, "-m", "wijkdashboard.fetch", "--raw", str(raw), "--quiet", *args],
                          capture_output=True, text=True, cwd=settings.PROJECT_DIR, timeout=300,
                          env={**os.environ, **services.env(), **(env or {})})


def typed_requests(services):
    return [p for p in services.state.requests if p.endswith("/TypedDataSet")]


def read_csv(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_statistics_arrive_paged_padded_stripped_and_null_kept_as_missing(services, tmp_path):
    result = fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics")
    assert result.returncode == 0, result.stderr
    rows = read_csv(tmp_path / CSV)
    rotterdam = [r for r in services.state.rows if r["WijkenEnBuurten"].startswith(("GM0599", "WK0599", "BU0599"))]
    assert len(rows) == len(rotterdam) == 113
    assert len(typed_requests(services)) == 3, "three pages of 40 joined by odata.nextLink"
    assert {r["WijkenEnBuurten"] for r in rows} == {r["WijkenEnBuurten"].strip() for r in rotterdam}
    assert all(r["SoortRegio_2"] in ("Gemeente", "Wijk", "Buurt") for r in rows), "padding stripped"
    empty = next(r for r in rows if r["WijkenEnBuurten"] == "WK059922")
    assert empty["Bevolkingsdichtheid_34"] == ".", "null is CBS's '.': missing, never 0"
    assert (tmp_path / "cbs/85984NED/85984NED_DataProperties.json").exists()
    manifest = json.loads((tmp_path / "manifest.json").read_text())["files"]
    assert manifest[CSV]["rows"] == 113 and manifest[CSV]["modified"] == "2025-03-27T02:00:00"
    assert manifest[CSV]["url"].endswith("/odata/85984NED/TypedDataSet")


def test_resets_and_server_errors_are_retried(services, tmp_path):
    services.state.faults += [("TypedDataSet", "reset"), ("TypedDataSet", 500), ("TypedDataSet", 429)]
    result = fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics")
    assert result.returncode == 0, result.stderr
    assert len(read_csv(tmp_path / CSV)) == 113
    assert len(typed_requests(services)) == 3 + 3


def test_a_second_run_downloads_only_what_changed(services, tmp_path):
    assert fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics").returncode == 0
    before = (tmp_path / CSV).stat().st_mtime_ns
    services.state.requests.clear()
    result = fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics")
    assert result.returncode == 0
    assert services.state.requests == ["/odata/85984NED/TableInfos"], "TableInfos.Modified unchanged: no rows asked"
    assert (tmp_path / CSV).stat().st_mtime_ns == before
    services.state.table_infos = [dict(services.state.table_infos[0], Modified="2025-09-01T02:00:00")]
    services.state.requests.clear()
    assert fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics").returncode == 0
    assert len(typed_requests(services)) == 3, "a new release is fetched again"


def test_an_interrupted_run_resumes_where_it_stopped(services, tmp_path):
    # The second page fails for good (no retries left): nothing finished is written, the state is kept.
    calls = {"n": 0}
    original = services.state.fault

    def fail_second_page(path):
        result = original(path)
        if path.endswith("/TypedDataSet"):
            calls["n"] += 1
            if calls["n"] == 2:
                return 503
        return result
    services.state.fault = fail_second_page
    result = fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics",
                   "--retries", "0", "--odata", "v3")  # v3 only: otherwise v4 would step in (tested below)
    assert result.returncode == 2 and result.stderr.startswith("error: 85984NED TypedDataSet GM0599: HTTP 503")
    assert not (tmp_path / CSV).exists(), "no half download looking like a finished file"
    assert len(result.stderr.strip().splitlines()) == 1
    services.state.fault = original
    services.state.requests.clear()
    result = fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics")
    assert result.returncode == 0, result.stderr
    assert len(typed_requests(services)) == 2, "pages 2 and 3 only: page 1 was kept"
    assert len(read_csv(tmp_path / CSV)) == 113
    assert not list((tmp_path / ".fetch").glob("*")), "the resume state is cleared once done"


def test_offline_is_one_line_and_exit_non_zero(services, tmp_path):
    result = fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2024",
                   env={"WIJKDASHBOARD_CBS_ODATA_URL": "http://cbs.invalid/odata"})
    assert result.returncode == 2
    assert result.stderr.strip() == "error: 85984NED TableInfos: no network (cannot resolve or reach cbs.invalid)"
    assert not list(tmp_path.rglob("*.csv"))


def test_a_table_that_does_not_exist_is_named(services, tmp_path):
    services.state.tables = set()
    result = fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics")
    assert result.returncode == 2 and "85984NED TableInfos: not found (404)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_renamed_key_is_caught_and_nothing_is_written(services, tmp_path):
    services.state.rows = [dict(r, AantalInwoners_6=r.pop("AantalInwoners_5")) for r in services.state.rows]
    result = fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics")
    assert result.returncode == 2
    assert result.stderr.strip() == ("error: 85984NED: key AantalInwoners_6 is not in the table's DataProperties "
                                     "(renamed or new): nothing written")
    assert not (tmp_path / CSV).exists()


def test_two_keys_for_one_variable_are_caught(services, tmp_path):
    duplicate = dict(next(p for p in services.state.properties if p.get("Key") == "Koopwoningen_47"),
                     ID=999, Key="Koopwoningen_199")
    services.state.properties = services.state.properties + [duplicate]
    result = fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics")
    assert result.returncode == 2
    assert "85984NED: keys Koopwoningen_47 and Koopwoningen_199 both map to pct_owner_occupied" in result.stderr


def test_boundaries_from_the_ogc_api_and_the_wfs(services, tmp_path):
    result = fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2019,2022", "--only", "boundaries")
    assert result.returncode == 0, result.stderr
    buurten = json.loads((tmp_path / "pdok/wijkenbuurten_2022_buurten_GM0599.geojson").read_text())
    raw = [f for f in json.loads((settings.RAW_DIR / "boundaries/cbs_buurt_2022_gegeneraliseerd_rd.geojson")
                                 .read_text())["features"] if f["properties"]["statcode"].startswith("BU0599")]
    assert len(buurten["features"]) == len(raw) == 91
    assert buurten["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::28992"
    assert set(buurten["features"][0]["properties"]) == {"buurtcode", "buurtnaam", "gemeentecode"}, \
        "geometry and identity only: the statistics come from OData"
    ogc = [p for p in services.state.requests if p.endswith("wijken-en-buurten-2022/ogc/v1/collections/buurten/items")]
    assert len(ogc) == 2, "two pages joined by the next link"
    wfs = json.loads((tmp_path / "pdok/cbs_buurt_2019_gegeneraliseerd_GM0599.geojson").read_text())
    assert len(wfs["features"]) == 92 and all(f["properties"]["statcode"].startswith("BU0599") for f in wfs["features"])


def test_the_build_reads_the_fetched_files_and_the_app_shows_the_municipality(services, tmp_path):
    raw = tmp_path / "raw"
    assert fetch(services, raw, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics").returncode == 0
    assert fetch(services, raw, "--gemeente", "GM0599", "--years", "2022", "--only", "boundaries").returncode == 0
    layers = tmp_path / "layers"
    built = subprocess.run([sys.executable, "-m", "wijkdashboard.builder", "--raw", str(raw), "--out", str(layers)],
                           capture_output=True, text=True, cwd=settings.PROJECT_DIR, timeout=300)
    assert built.returncode == 0, built.stderr
    from wijkdashboard.layers import read_layers
    result = read_layers(layers)
    entry = next(i for i in result.report["inputs"] if i["file"] == CSV)
    assert entry["release"] == "2025-03-27" and "inhabitants" in entry["variables"]
    assert "origin_outside_europe" in entry["variables"]
    stats = result["statistics"]
    hoogvliet = stats.query("code == 'BU05991692' and variable == 'inhabitants'").iloc[0]
    expected = next(r["AantalInwoners_5"] for r in services.state.rows if r["WijkenEnBuurten"].startswith("BU05991692"))
    assert hoogvliet["value"] == expected and hoogvliet["release"] == "2025-03-27"
    assert stats.query("code == 'WK059922' and variable == 'population_density'")["status"].iloc[0] == "suppressed"
    from wijkdashboard.app import create_app
    from wijkdashboard.tools.dashclient import DashClient, FlaskTransport
    app = create_app(layers)
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    dash = DashClient(FlaskTransport(client))
    status, response = dash.call("_pages_content.children", {"_pages_location.pathname": "/",
                                                              "_pages_location.search": "?lang=nl"})
    assert status == 200 and "Rotterdam" in json.dumps(response)
    status, response = dash.call("view.data", {"city.value": "rotterdam", "level.value": "buurt",
                                          "indicator.value": "inhabitants", "year.value": 2024, "bounds.value": "fixed",
                                          "classes.value": "jenks", "lang.data": "nl", "map-key.data": None,
                                          "mode.value": "value"})
    display = result["boundaries_display"].query("level == 'buurt' and year == 2022 and not water_only")
    assert status == 200 and response["view"]["data"]["shapes"]["svg"].count("<path ") == len(display) > 80


def test_a_body_cut_off_halfway_is_fetched_again(services, tmp_path):
    services.state.faults += [("TypedDataSet", "cut"), ("DataProperties", "cut")]
    result = fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and len(read_csv(tmp_path / CSV)) == 113
    assert len(typed_requests(services)) == 3 + 1


def test_a_dribbling_server_is_given_up_on_at_the_deadline_and_asked_again(services, tmp_path):
    import time
    services.state.faults += [("TypedDataSet", "dribble")]
    started = time.perf_counter()
    result = fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics",
                   "--deadline", "2")
    assert result.returncode == 0, result.stderr
    assert time.perf_counter() - started < 30 and len(read_csv(tmp_path / CSV)) == 113


@pytest.mark.parametrize("fault, where", [
    ("redirect:http://elsewhere.invalid/odata/85984NED/TableInfos", "TableInfos"),
    ("redirect:file:///etc/passwd", "TableInfos"),
    ("foreign-next", "TypedDataSet"),
])
def test_links_are_followed_only_within_the_service(services, tmp_path, fault, where):
    services.state.faults += [(where, fault)]
    result = fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics")
    assert result.returncode == 2 and "refused to follow a link" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / CSV).exists()


def test_the_manifest_records_every_url_fetched(services, tmp_path):
    assert fetch(services, tmp_path, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics").returncode == 0
    entry = json.loads((tmp_path / "manifest.json").read_text())["files"][CSV]
    assert len(entry["urls"]) == len(typed_requests(services)) == 3
    assert all(u.startswith(services.url + "/odata/85984NED/TypedDataSet") for u in entry["urls"])
    assert "startswith" in entry["urls"][0] and "%24skip=80" in entry["urls"][-1]


def statistics_of(services, raw, tmp_path, name):
    assert fetch(services, raw, "--gemeente", "GM0599", "--years", "2022", "--only", "boundaries").returncode == 0
    layers = tmp_path / name
    built = subprocess.run([sys.executable, "-m", "wijkdashboard.builder", "--raw", str(raw), "--out", str(layers), "--quiet"],
                           capture_output=True, text=True, cwd=settings.PROJECT_DIR, timeout=300)
    assert built.returncode == 0, built.stderr
    from wijkdashboard.layers import read_layers
    stats = read_layers(layers)["statistics"]
    return stats[["code", "year", "variable", "value", "status"]].sort_values(["code", "year", "variable"]).reset_index(drop=True)


def test_when_odata_v3_keeps_failing_v4_brings_the_same_figures(services, tmp_path):
    from pandas.testing import assert_frame_equal
    v3 = tmp_path / "v3"
    assert fetch(services, v3, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics").returncode == 0
    services.state.v3_down = True
    v4 = tmp_path / "v4"
    result = fetch(services, v4, "--gemeente", "GM0599", "--years", "2024", "--only", "statistics", "--retries", "1")
    assert result.returncode == 0, result.stderr
    manifest = json.loads((v4 / "manifest.json").read_text())["files"][CSV]
    assert manifest["service"] == "odata4" and manifest["rows"] == 113
    assert all(u.startswith(services.url + "/v4/85984NED/") for u in manifest["urls"])
    rows = read_csv(v4 / CSV)
    empty = next(r for r in rows if r["WijkenEnBuurten"] == "WK059922")
    assert "." in empty.values(), "a value CBS withheld is '.', never 0"
    assert_frame_equal(statistics_of(services, v3, tmp_path, "layers3"), statistics_of(services, v4, tmp_path, "layers4"))
