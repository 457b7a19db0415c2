import json
import os
from pathlib import Path

import pytest

from wijkdashboard import settings
from wijkdashboard.builder import build
from wijkdashboard.layers import read_layers

RAW = Path(os.environ.get("WIJKDASHBOARD_RAW", settings.RAW_DIR))


def pytest_collection_modifyitems(items):
    """Tests that use Chromium are marked `browser` wherever they live."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def raw_dir():
    if not RAW.is_dir():
        pytest.fail(f"raw CBS files not found at {RAW}: set WIJKDASHBOARD_RAW")
    return RAW


@pytest.fixture(scope="session")
def built_dir(tmp_path_factory, raw_dir):
    """The layers rebuilt from the raw files, in a temporary folder."""
    out = tmp_path_factory.mktemp("layers")
    build(raw_dir, out, progress=False)
    return out


@pytest.fixture(scope="session")
def built(built_dir):
    return read_layers(built_dir)


@pytest.fixture(scope="session")
def app(built_dir, tmp_path_factory):
    """The app on the freshly built layers, with a cache folder of its own."""
    os.environ["WIJKDASHBOARD_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    from wijkdashboard.app import create_app
    return create_app(built_dir)


@pytest.fixture(scope="session")
def store(app):
    from wijkdashboard.app.context import EXTENSION
    return app.server.extensions[EXTENSION].store


@pytest.fixture(scope="session")
def dash_client(app):
    from wijkdashboard.tools.dashclient import DashClient, FlaskTransport
    client = app.server.test_client()
    client.get("/")  # the first request registers Dash Pages' router
    return DashClient(FlaskTransport(client))


@pytest.fixture(scope="session")
def raw_features(raw_dir):
    """Features of the raw GeoJSON files, read with the json module only (independent of the build)."""
    def load(relative):
        with open(raw_dir / relative, encoding="utf-8") as handle:
            return json.load(handle)["features"]
    return load


@pytest.fixture(scope="session")
def server(built_dir, tmp_path_factory):
    """The real app (python app.py, on the freshly built layers) in its own process, shared by every
    browser test."""
    from wijkdashboard.tools.serve import start_server, stop
    process, url = start_server(WIJKDASHBOARD_LAYERS=str(built_dir),
                                WIJKDASHBOARD_CACHE_DIR=str(tmp_path_factory.mktemp("server-cache")))
    yield url
    stop(process)


@pytest.fixture(scope="session")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def browser(downloads):
    from wijkdashboard.tools.browser import start_browser
    driver = start_browser(downloads)
    yield driver
    driver.quit()


@pytest.fixture(autouse=True)
def fresh_console(request):
    """The browser is shared: drain its console so a test sees only the messages of its own pages
    (a page left mid-request by the previous test may log an aborted load)."""
    if "browser" in request.fixturenames:
        driver = request.getfixturevalue("browser")
        driver.get("about:blank")
        driver.get_log("browser")
    yield
