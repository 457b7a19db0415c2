"""A killed build leaves nothing behind: SIGKILL the build (as an OOM killer or a cron timeout does) while
its helper processes work, and they are gone within seconds, every time."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wijkdashboard import settings

pytestmark = pytest.mark.build


def children(pid):
    """The processes whose parent is pid (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="on one core the build runs no helpers")
def test_killing_the_build_kills_its_helpers(tmp_path, raw_dir):
    for attempt in range(3):
        build = subprocess.Popen([sys.executable, "-m", "wijkdashboard.builder", "--raw", str(raw_dir), "--out",
                                  str(tmp_path / f"layers{attempt}"), "--quiet"], cwd=settings.PROJECT_DIR,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        helpers = []
        while time.time() < deadline and not helpers:
            helpers = children(build.pid)
            time.sleep(0.1)
        assert helpers, "the build started helper processes"
        time.sleep(1.5 * attempt)  # killed at different moments: warming up, reading, computing
        build.send_signal(signal.SIGKILL)
        build.wait(10)
        deadline = time.time() + 10
        while time.time() < deadline and any(alive(pid) for pid in helpers):
            time.sleep(0.1)
        assert not any(alive(pid) for pid in helpers), f"helpers {helpers} outlived the killed build"
