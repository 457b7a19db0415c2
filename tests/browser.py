"""Helpers for the browser tests: the real app in its own process, driven by Debian's Chromium."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from wijkdashboard import settings

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--window-size=1500,1100"]
IGNORED_CONSOLE = ("GPU stall", "WebGL", "GL Driver", "swiftshader", "favicon.ico")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(args=("app.py",), **env):
    """The app (or gunicorn, with other args) on a free port of 127.0.0.1, once /health answers."""
    port = free_port()
    env = dict(os.environ, HOST="127.0.0.1", PORT=str(port), **env)
    process = subprocess.Popen([sys.executable, *args], cwd=settings.PROJECT_DIR, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(url + "/health", timeout=1)
            return process, url
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read())
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the app did not start")


def start_browser(download_dir=None):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if download_dir:
        options.add_experimental_option("prefs", {"download.default_directory": str(download_dir),
                                                  "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    if download_dir:
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)})
    return driver


def console_errors(driver):
    return [e for e in driver.get_log("browser")
            if e["level"] == "SEVERE" and not any(s in e["message"] for s in IGNORED_CONSOLE)]
