"""A rebuild with one changed raw value, served again with the same cache folder: the map, the legend,
the table and the area panel all show the new value (the cache keys carry the layers' version)."""

import csv
import io
import shutil
from xml.etree import ElementTree

import pytest

from wijkdashboard.tools.dashclient import DashClient, HTTPTransport
from wijkdashboard.tools.serve import start_server, stop

pytestmark = pytest.mark.build

EXPORT = "stats/kwb2016_83487NED_statline-export_gemeente_wijk_buurt_GM0599_from_Vergewijk.csv"
CODE = "BU05991692"  # Hoogvliet-Noord


def set_inhabitants(raw, value):
    """Write `value` as Hoogvliet-Noord's 2016 inhabitants, in the file's own format."""
    path = raw / EXPORT
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    column = [c.strip("|") for c in rows[3]].index("Aantal inwoners")
    for row in rows:
        if len(row) > 3 and row[3] == CODE:
            row[column] = str(value)
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))


def shown(layers, cache):
    process, url = start_server(WIJKDASHBOARD_LAYERS=str(layers), WIJKDASHBOARD_CACHE_DIR=str(cache))
    try:
        client = DashClient(HTTPTransport(url))
        values = {"city.value": "rotterdam", "level.value": "buurt", "indicator.value": "inhabitants",
                  "year.value": 2016, "bounds.value": "published", "classes.value": "jenks", "lang.data": "en",
                  "map-key.data": None, "table-toggle.value": True, "selected-area.data": CODE}
        out = {}
        status, response = client.call("view.data", {**values, "mode.value": "value"})
        assert status == 200
        view = response["view"]["data"]
        frame = view["frames"]["2016"]
        i = [code for code, _ in view["names"][frame["key"]]].index(CODE)
        svg = ElementTree.fromstring(view["shapes"]["svg"])
        out["map"] = next(p.get("data-shown") for p in svg.iter("path")
                          if p.get("data-code") == CODE)
        out["legend"] = frame["legend"]
        out["table"] = frame["v"][i]  # the table is made from the same values (kaart/table.py, kaart.js)
        status, response = client.call("area-panel.children", {**values, "bounds.value": "fixed"})
        out["panel"] = str(response["area-panel"]["children"])
        return out
    finally:
        stop(process)


def test_a_changed_value_shows_everywhere_after_a_rebuild(raw_dir, tmp_path):
    from wijkdashboard.builder import build
    raw, layers, cache = tmp_path / "raw", tmp_path / "layers", tmp_path / "cache"
    shutil.copytree(raw_dir, raw)
    build(raw, layers, progress=False)
    before = shown(layers, cache)
    set_inhabitants(raw, 98765)
    build(raw, layers, progress=False)
    after = shown(layers, cache)
    assert before["map"] != after["map"] and after["map"].startswith("98,765 ")
    assert after["table"] == 98765 and before["table"] != 98765
    assert "98,765" in after["legend"] and "98,765" not in before["legend"]
    assert "98,765" in after["panel"] and "98,765" not in before["panel"]


def test_a_rebuild_under_a_running_app_leaves_what_it_reads(tmp_path):
    """The app reads a city's rows from its own version when the city is first opened: two rebuilds
    later that version must still be there (layers/io.py keeps the newest KEEP_VERSIONS)."""
    from wijkdashboard import settings
    from wijkdashboard.layers.io import KEEP_VERSIONS, current, read_layers, write_atomic

    layers = tmp_path / "layers"
    version, folder = current(settings.LAYERS_DIR)
    layers.mkdir()
    shutil.copytree(folder, layers / version)
    (layers / "CURRENT").write_text(version + "\n")
    process, url = start_server(WIJKDASHBOARD_LAYERS=str(layers), WIJKDASHBOARD_CACHE_DIR=str(tmp_path / "cache"),
                                WIJKDASHBOARD_DEFAULT_CITY="GM0599")
    try:
        built = read_layers(layers)
        for n in range(KEEP_VERSIONS - 1):  # rebuilds with other content: each a new version
            write_atomic(layers, dict(built.frames), {**built.report, "rebuild": n})
        assert current(layers)[0] != version and (layers / version).is_dir()
        client = DashClient(HTTPTransport(url))
        for city in ("groningen", "den-haag"):  # not opened before the rebuilds
            values = {"city.value": city, "level.value": "wijk", "indicator.value": "inhabitants", "year.value": 2024,
                      "bounds.value": "fixed", "classes.value": "jenks", "lang.data": "nl", "map-key.data": None,
                      "mode.value": "value", "selected-area.data": ""}
            status, response = client.call("view.data", values, "indicator.value")
            assert status == 200 and response["view"]["data"]["frames"], city
        write_atomic(layers, dict(built.frames), {**built.report, "rebuild": "last"})
        assert not (layers / version).exists(), "older versions than the kept ones are removed"
        assert len([p for p in layers.iterdir() if p.name.startswith("v-")]) == KEEP_VERSIONS
    finally:
        stop(process)
