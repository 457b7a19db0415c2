"""The real server under load: gunicorn with 2 workers, 100 simulated users for 10 s, every request
answered 200 (or 204 for a callback with nothing to update)."""

import tempfile

import pytest

from wijkdashboard.tools import load
from wijkdashboard.tools.serve import start_server, stop

pytestmark = pytest.mark.load


def test_a_hundred_users_get_only_successful_answers():
    with tempfile.TemporaryDirectory() as cache_dir:
        process, url = start_server(("-m", "gunicorn", "app:server", "-c", "gunicorn.conf.py"),
                                    WEB_CONCURRENCY="2", WIJKDASHBOARD_CACHE_DIR=cache_dir)
        try:
            results, _ = load.run(url, users=100, seconds=10)
        finally:
            stop(process)
    failures = [(kind, status) for kind, _, status in results if not load.ok(kind, status)]
    assert failures == []
    assert sum(1 for kind, _, _ in results if kind == "callback") > 300


def test_every_worker_serves_the_pages_scripts_from_its_first_request():
    """Dash registers its script paths when it renders a page: a gunicorn worker that has not rendered
    one yet once answered 404 for React and the component bundles (a blank page, at random)."""
    import re
    import urllib.error
    from concurrent.futures import ThreadPoolExecutor
    import urllib.request
    with tempfile.TemporaryDirectory() as cache_dir:
        process, url = start_server(("-m", "gunicorn", "app:server", "-c", "gunicorn.conf.py"),
                                    WEB_CONCURRENCY="2", WIJKDASHBOARD_CACHE_DIR=cache_dir)
        try:
            page = urllib.request.urlopen(url + "/", timeout=10).read().decode()
            scripts = re.findall(r'<script src="([^"]+)"', page)
            assert len(scripts) >= 8
            def status(src):
                try:
                    return urllib.request.urlopen(url + src, timeout=10).status
                except urllib.error.HTTPError as error:
                    return error.code, src
            # many at once, as a browser asks: both workers answer some
            with ThreadPoolExecutor(16) as pool:
                statuses = list(pool.map(status, scripts * 10))
        finally:
            stop(process)
    assert set(statuses) == {200}
