import json
import os
from pathlib import Path

import pytest

from wijkdashboard import settings
from wijkdashboard.build import build
from wijkdashboard.layers_io import read_layers

RAW = Path(os.environ.get("WIJKDASHBOARD_RAW", settings.RAW_DIR))


@pytest.fixture(scope="session")
def raw_dir():
    if not RAW.is_dir():
        pytest.fail(f"raw CBS files not found at {RAW}: set WIJKDASHBOARD_RAW")
    return RAW


@pytest.fixture(scope="session")
def built(tmp_path_factory, raw_dir):
    """The layers rebuilt from the raw files, in a temporary folder."""
    out = tmp_path_factory.mktemp("layers")
    build(raw_dir, out, progress=False)
    return read_layers(out)


@pytest.fixture(scope="session")
def raw_features(raw_dir):
    """Features of the raw GeoJSON files, read with the json module only (independent of the build)."""
    def load(relative):
        with open(raw_dir / relative, encoding="utf-8") as handle:
            return json.load(handle)["features"]
    return load


@pytest.fixture(scope="session")
def server():
    """The real app in its own process, shared by every browser test."""
    from .browser import start_server
    process, url = start_server()
    yield url
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="session")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def browser(downloads):
    from .browser import start_browser
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
