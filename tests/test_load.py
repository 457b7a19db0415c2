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
