"""The real app (or gunicorn) in its own process on a free port of 127.0.0.1."""

import os
import socket
import subprocess
import sys
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
    process = subprocess.Popen([sys.executable, *args], cwd=settings.PROJECT_DIR, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/health", timeout=1)
            return process, url
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read())
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the app did not start")


def stop(process):
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
