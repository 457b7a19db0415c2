"""Lighthouse (npm lighthouse@12.2.3, pinned: 13 needs Node 22) against the gunicorn server, in
Debian's headless Chromium: the start page as a throttled phone (Lighthouse's mobile default) and as
a desktop. Prints the four category scores and the first load's compressed bytes per form factor.

One Lighthouse run varies by several points with the machine's load (its total blocking time is the
CPU time it observed, times four), so each form factor is run --runs times (default 5) and the run
with the median performance score is reported, as Lighthouse's own documentation advises; every
run's score is printed too.

Targets (issue 13): mobile performance >= 90, accessibility 100, best practices 100; first load
<= 1 MB compressed. Exit status 1 when one is missed.

    python bench/lighthouse.py [--path /?lang=en] [--runs 5]
    python bench/lighthouse.py --path / --path /vergelijk --path /segregatie --path /over --form mobile
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from wijkdashboard.tools.serve import start_server, stop  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
VERSION = "12.2.3"
NODE_DIR = PROJECT / ".cache" / "node"
CLI = NODE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
               "--disable-component-update --disable-sync"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.90, "accessibility": 1.0, "best-practices": 1.0}
MAX_FIRST_LOAD = 1_000_000


def ensure_lighthouse():
    package = NODE_DIR / "node_modules" / "lighthouse" / "package.json"
    if package.exists() and json.loads(package.read_text())["version"] == VERSION:
        return
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(NODE_DIR), "--no-save", "--no-audit", "--no-fund",
                    f"lighthouse@{VERSION}"], check=True)


def run(url, desktop):
    with tempfile.TemporaryDirectory() as out:
        report = Path(out) / "report.json"
        command = ["node", str(CLI), url, "--output=json", f"--output-path={report}", "--quiet",
                   f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)]
        if desktop:
            command.append("--preset=desktop")
        subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
        return json.loads(report.read_text())


def warm_up(url, path):
    """Each worker answers the page and its layout once before Lighthouse measures: a visitor meets a
    running server, not one reading its layers for the first time (server time would count as paint)."""
    for _ in range(4):
        for part in (path, "/_dash-layout"):
            request = urllib.request.Request(url + part, headers={"Referer": url + path})
            urllib.request.urlopen(request, timeout=30).read()


def summary(result):
    scores = {c: result["categories"][c]["score"] for c in CATEGORIES}
    weight = result["audits"]["total-byte-weight"]["numericValue"]
    metrics = {k: result["audits"][k]["numericValue"] for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index")}
    failing = sorted(a["id"] for a in result["audits"].values()
                     if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary")
    return scores, weight, metrics, failing


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--path", action="append", help="a page to audit, repeatable (default: the start page)")
    parser.add_argument("--runs", type=int, default=5, help="runs per form factor; the median is reported")
    parser.add_argument("--form", choices=("mobile", "desktop", "both"), default="both")
    args = parser.parse_args()
    forms = ("mobile", "desktop") if args.form == "both" else (args.form,)
    ok = True
    for path in args.path or ["/"]:
        ok &= audit(path, args.runs, forms)
    return 0 if ok else 1


def audit(path, runs_per_form, forms):
    """Audit one page; print its scores; whether it met the targets."""
    ensure_lighthouse()
    with tempfile.TemporaryDirectory() as cache_dir:
        process, url = start_server(("-m", "gunicorn", "app:server", "-c", "gunicorn.conf.py"),
                                    WEB_CONCURRENCY="2", WIJKDASHBOARD_CACHE_DIR=cache_dir)
        try:
            warm_up(url, path)
            results, every = {}, {}
            for form in forms:
                runs = sorted((summary(run(url + path, form == "desktop")) for _ in range(runs_per_form)),
                              key=lambda r: r[0]["performance"])
                results[form] = runs[len(runs) // 2]
                every[form] = [round(r[0]["performance"] * 100) for r in runs]
        finally:
            stop(process)
    ok = True
    for form, (scores, weight, metrics, failing) in results.items():
        print(f"{path} {form} (median of performance {every[form]}): "
              + ", ".join(f"{c} {round(s * 100)}" for c, s in scores.items())
              + f"; first load {weight / 1e6:.2f} MB; "
              + ", ".join(f"{k} {v / 1000:.1f} s" if k != "total-blocking-time" else f"{k} {v:.0f} ms"
                          for k, v in metrics.items()))
        if failing:
            print(f"  failing audits: {', '.join(failing)}")
        ok &= weight <= MAX_FIRST_LOAD
        if form == "mobile":
            ok &= all(scores[c] >= target for c, target in TARGETS.items())
    print(f"{path}: " + ("targets met" if ok else "TARGETS MISSED (mobile performance >= 90, accessibility 100, "
                                                  "best practices 100, first load <= 1 MB)"))
    return ok


if __name__ == "__main__":
    sys.exit(main())
