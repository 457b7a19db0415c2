"""The real app (or gunicorn) in its own process on a free port of 127.0.0.1."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from .. import settings


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(args=("app.py",), **env):
    """(process, url) once /health answers. args: what python runs (app.py, or -m gunicorn …)."""
    port = free_port()
    env = dict(os.environ, HOST="127.0.0.1", PORT=str(port), **env)
    # The server's log goes to a file, not a pipe: nobody reads a pipe while the tests run, and once its
    # 64 KB buffer was full (a few hundred request lines) the server blocked on its next log line.
    log = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen([sys.executable, *args], cwd=settings.PROJECT_DIR, env=env,
                               stdout=subprocess.DEVNULL, stderr=log, text=True)
    process.log = log
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/health", timeout=1)
            return process, url
        except OSError:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(log.read())
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the app did not start")


def stop(process):
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
    if getattr(process, "log", None):
        process.log.close()
