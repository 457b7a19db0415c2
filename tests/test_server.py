"""Serving for real: headers, health, compression, and crafted requests answered with exact statuses —
400 for what validation refuses before any callback runs, 404 for files that do not exist."""

import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from wijkdashboard.app.hardening import content_security_policy


@pytest.fixture(scope="module")
def client(app):
    client = app.server.test_client()
    client.get("/")
    return client


@pytest.fixture(scope="module")
def server_callbacks(client):
    deps = json.loads(client.get("/_dash-dependencies").data)
    return [d for d in deps if not d.get("clientside_function")]


def test_security_headers(client):
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
    assert "unsafe-eval" not in csp and "http" not in csp, "no third-party origins"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_frame_ancestors_is_configurable(app, monkeypatch):
    from wijkdashboard import settings
    monkeypatch.setattr(settings, "FRAME_ANCESTORS", "https://www.gemeente.nl")
    assert "frame-ancestors https://www.gemeente.nl" in content_security_policy(app)


def test_static_assets_are_cached_and_compressed(client):
    page = client.get("/").get_data(as_text=True)
    script = next(part.split('"')[0] for part in page.split('src="')[1:] if "dash_renderer" in part or "dash-renderer" in part)
    response = client.get(script, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert client.get("/", headers={"Accept-Encoding": "gzip"}).headers.get("Content-Encoding") == "gzip"


def test_the_page_names_no_other_host(client):
    for path in ("/", "/vergelijk", "/_dash-layout"):
        body = client.get(path).get_data(as_text=True)
        urls = re.findall(r"https?://[^\"'\s<>]+", body)
        assert all(url.startswith("http://localhost/") for url in urls), (path, urls)  # its own address only


@pytest.mark.parametrize("path", ["/_dash-component-suites/nothing/here.js",
                                  "/_dash-component-suites/dash/../../etc/passwd",
                                  "/_dash-component-suites/dash/deps/nope.v1_0_0m1.min.js"])
def test_unknown_component_files_are_404(client, path):
    assert client.get(path).status_code == 404


def test_malformed_callback_requests_get_a_400(client, server_callbacks):
    map_output = next(d["output"] for d in server_callbacks if d["output"].startswith("..view.data"))
    for body in ("not json", "[]", '{"output": 1, "inputs": []}', '{"output": "..nothing.children..", "inputs": []}',
                 '{"output": "%s", "inputs": [1, 2]}' % map_output, '{"output": "%s", "inputs": "x"}' % map_output,
                 '{"output": "%s", "inputs": []}' % map_output):
        response = client.post("/_dash-update-component", data=body, content_type="application/json")
        assert response.status_code == 400, body
        assert "Traceback" not in response.get_data(as_text=True)


def test_huge_requests_are_refused(client):
    response = client.post("/_dash-update-component", data="x" * 400_000, content_type="application/json")
    assert response.status_code == 413


@pytest.mark.parametrize("changes", [
    {"city.value": "GM9999"}, {"city.value": {"a": 1}}, {"level.value": ["x"]}, {"year.value": "2024; DROP TABLE"},
    {"indicator.value": "x" * 10_000}, {"classes.value": "hacked"}, {"lang.data": "fr"}, {"year.value": True},
    {"bounds.value": None},
])
def test_values_outside_their_allowed_set_are_refused_before_the_callback(dash_client, changes):
    values = {"city.value": "groningen", "level.value": "wijk", "indicator.value": "inhabitants", "year.value": 2024,
              "bounds.value": "fixed", "classes.value": "jenks", "lang.data": "nl", "map-key.data": None,
              "mode.value": "value"}
    assert dash_client.call("view.data", {**values, **changes})[0] == 400


def test_every_input_of_every_callback_has_a_rule(app, server_callbacks):
    rules = app.server.extensions["wijkdashboard"].rules
    for dep in server_callbacks:
        for item in dep["inputs"] + dep.get("state", []):
            assert rules.covers(item["id"], item["property"]), (dep["output"], item)


def test_crafted_values_never_reach_a_cache_key(app, dash_client, tmp_path):
    """300 requests with values outside the allowed sets: all refused, not one cache file written."""
    cache_dir = os.environ["WIJKDASHBOARD_CACHE_DIR"]
    before = set(os.listdir(cache_dir))
    values = {"city.value": "groningen", "level.value": "wijk", "indicator.value": "inhabitants", "year.value": 2024,
              "bounds.value": "fixed", "lang.data": "nl", "map-key.data": None}
    statuses = {dash_client.call("view.data", {**values, "classes.value": f"x{i}", "lang.data": f"l{i}"})[0]
                for i in range(300)}
    assert statuses == {400}
    assert set(os.listdir(cache_dir)) == before


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(search=st.text(max_size=300))
def test_any_link_opens_a_page(client, dash_client, search):
    assert client.get("/?" + search).status_code == 200
    status, response = dash_client.call("_pages_content.children", {"_pages_location.pathname": "/",
                                                                     "_pages_location.search": "?" + search})
    assert status == 200 and response["_pages_content"]["children"]


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
                           lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
                           max_leaves=10)


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_values_in_any_callback_get_an_answer_never_a_crash(dash_client, server_callbacks, data):
    dep = data.draw(st.sampled_from(server_callbacks))
    values = {f"{i['id']}.{i['property']}": data.draw(json_values) for i in dep["inputs"] + dep.get("state", [])}
    status, _ = dash_client.call(dep["output"].strip(".").split("...")[0].split("@")[0], values)
    assert status in (200, 204, 400), (dep["output"], values)


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=json_values)
def test_any_json_body_gets_a_400(client, body):
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 400


def router_body(**changes):
    body = {"output": "..._pages_content.children..._pages_store.data...".strip("."),
            "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": "/"},
                       {"id": "_pages_location", "property": "search", "value": ""}],
            "changedPropIds": ["_pages_location.pathname"], "state": []}
    body["output"] = ".." + body["output"] + ".."
    body.update(changes)
    return body


def location(path="/", search=""):
    return [{"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search}]


CRAFTED = {
    "empty router path": router_body(inputs=location("")),
    "relative router path": router_body(inputs=location("vergelijk")),
    "outputs a string": router_body(outputs="x"),
    "outputs of strings": router_body(outputs=["x", "y"]),
    "outputs of another callback": router_body(outputs=[{"id": "a", "property": "b"}, {"id": "c", "property": "d"}]),
    "outputs left out": {k: v for k, v in router_body().items() if k != "outputs"},
    "changedPropIds a string": router_body(changedPropIds="_pages_location.pathname"),
    "changedPropIds numbers": router_body(changedPropIds=[1, 2]),
    "changedPropIds of no input": router_body(changedPropIds=["year.value"]),
    "deeply nested value": router_body(inputs=location("/", [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]])),
    "deeply nested state": router_body(state=[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]),
    "an id that is an object": router_body(inputs=[{"id": {"type": "x"}, "property": "pathname", "value": "/"},
                                                   location()[1]]),
}


def test_the_router_body_itself_is_answered(client):
    assert client.post("/_dash-update-component", json=router_body()).status_code == 200


@pytest.mark.parametrize("shape", sorted(CRAFTED))
def test_a_crafted_callback_body_gets_a_400(client, shape):
    assert client.post("/_dash-update-component", json=CRAFTED[shape]).status_code == 400
