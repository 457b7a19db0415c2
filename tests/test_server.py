"""Serving for real: headers, health, compression, and no 5xx for any crafted request."""

import json

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

import app as dashboard

client = dashboard.server.test_client()
DEPENDENCIES = json.loads(client.get("/_dash-dependencies").data)
SERVER_CALLBACKS = [d for d in DEPENDENCIES if not d.get("clientside_function")]
FROM_URL = next(d for d in SERVER_CALLBACKS if any(i["id"] == "url" for i in d["inputs"]))
MAP = next(d for d in SERVER_CALLBACKS if d["output"].startswith("..map.figure"))


def call(dep, values, state=None):
    payload = {"output": dep["output"],
               "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in dep["output"].strip(".").split("...")],
               "inputs": [dict(i, value=v) for i, v in zip(dep["inputs"], values)],
               "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"],
               "state": [dict(s, value=v) for s, v in zip(dep.get("state", []), state or [])]}
    return client.post("/_dash-update-component", json=payload)


def test_health():
    response = client.get("/health")
    assert response.status_code == 200 and response.json["status"] == "ok" and response.json["layers"]


def test_security_headers():
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
    assert "unsafe-eval" not in csp and "http" not in csp, "no third-party origins"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_frame_ancestors_is_configurable(monkeypatch):
    monkeypatch.setenv("WIJKDASHBOARD_FRAME_ANCESTORS", "https://www.gemeente.nl")
    from wijkdashboard.server import content_security_policy
    assert "frame-ancestors https://www.gemeente.nl" in content_security_policy(dashboard.app)


def test_static_assets_are_cached_and_compressed():
    page = client.get("/").get_data(as_text=True)
    script = next(part.split('"')[0] for part in page.split('src="')[1:] if "dash_renderer" in part or "dash-renderer" in part)
    response = client.get(script, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert client.get("/", headers={"Accept-Encoding": "gzip"}).headers.get("Content-Encoding") == "gzip"


def test_the_page_names_no_other_host():
    for path in ("/", "/_dash-layout"):
        body = client.get(path).get_data(as_text=True)
        assert "https://" not in body and "http://" not in body, path


@pytest.mark.parametrize("body,status", [
    ("not json", 400), ("[]", 400), ('{"output": 1, "inputs": []}', 400),
    ('{"output": "..nothing.children..", "inputs": []}', 400),
    ('{"output": "%s", "inputs": [1, 2]}' % MAP["output"], 400),
    ('{"output": "%s", "inputs": "x" }' % MAP["output"], 400),
])
def test_malformed_callback_requests_get_a_4xx(body, status):
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == status
    assert "Traceback" not in response.get_data(as_text=True)


def test_huge_requests_are_refused():
    response = client.post("/_dash-update-component", data="x" * 400_000, content_type="application/json")
    assert response.status_code == 413


def test_wrong_types_and_unknown_values_in_a_real_callback():
    for values in (["GM9999", "wijk", "inhabitants", 2024, "fixed", "jenks", "nl"],
                   [{"a": 1}, ["x"], None, "abc", 5, None, 7],
                   ["GM0014", "wijk", "inhabitants", "2024; DROP TABLE", "fixed", "jenks", "nl"],
                   ["GM0014", "wijk", "x" * 10_000, 2024, "fixed", "jenks", "nl"]):
        response = call(MAP, values, [None])
        assert response.status_code < 500, values


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_link_opens_a_page(search):
    assert client.get("/?" + search).status_code == 200
    response = call(FROM_URL, ["?" + search])
    assert response.status_code < 500


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
                           lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
                           max_leaves=10)


@hsettings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SERVER_CALLBACKS), st.data())
def test_any_values_in_any_callback_never_give_a_5xx(dep, data):
    values = [data.draw(json_values) for _ in dep["inputs"]]
    state = [data.draw(json_values) for _ in dep.get("state", [])]
    response = call(dep, values, state)
    assert response.status_code < 500, (dep["output"], values, state)


@hsettings(max_examples=60, deadline=None)
@given(json_values)
def test_any_json_body_never_gives_a_5xx(body):
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code < 500
