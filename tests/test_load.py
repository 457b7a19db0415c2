"""The load script's short run: gunicorn with 2 workers, 100 simulated users for about 10 s.
Fails on any error (and on the latency and memory targets)."""

import subprocess
import sys

from wijkdashboard import settings


def test_short_load_run_has_no_errors():
    result = subprocess.run([sys.executable, "bench/load.py", "--users", "100", "--seconds", "10",
                             "--fail-on", "errors"],
                            cwd=settings.PROJECT_DIR, capture_output=True, text=True, timeout=240)
    print(result.stdout)
    assert "errors: 0" in result.stdout, result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
