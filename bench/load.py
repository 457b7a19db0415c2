"""Load: gunicorn with 2 workers on 127.0.0.1, N simulated users for S seconds (see
wijkdashboard/tools/load.py). Prints requests/s, latency percentiles, errors and each worker's memory
after warm-up.

    .venv/bin/python bench/load.py                    # 100 users, 60 s

Targets: 0 errors, callback p95 <= 200 ms, <= 300 MB per worker (PSS). Exit status 1 when missed.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
from wijkdashboard.tools import load  # noqa: E402
from wijkdashboard.tools.serve import start_server, stop  # noqa: E402


def worker_memory(master_pid):
    """(pid, RSS, PSS) in MB per worker: PSS shares the preloaded pages fairly between the processes."""
    children = subprocess.run(["ps", "--ppid", str(master_pid), "-o", "pid="], capture_output=True,
                              text=True).stdout.split()
    out = []
    for pid in children:
        rss = pss = 0
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) / 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) / 1024
        out.append((int(pid), rss, pss))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0, help="maximum think time between actions (s)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache_dir:
        process, url = start_server(("-m", "gunicorn", "app:server", "-c", "gunicorn.conf.py"),
                                    WEB_CONCURRENCY="2", WIJKDASHBOARD_CACHE_DIR=cache_dir)
        try:
            started = time.time()
            results, memory = load.run(url, args.users, args.seconds, args.think,
                                       during=lambda: worker_memory(process.pid))
            elapsed = time.time() - started
        finally:
            stop(process)
    callbacks = [ms for kind, ms, _ in results if kind == "callback"]
    pages = [ms for kind, ms, _ in results if kind == "page"]
    errors = [(kind, status) for kind, _, status in results if not load.ok(kind, status)]
    print(f"{args.users} users, {elapsed:.0f} s, gunicorn 2 workers × 4 threads on 127.0.0.1")
    print(f"requests: {len(results)} ({len(results) / elapsed:.0f}/s), errors: {len(errors)} {sorted(set(errors))[:5]}")
    print(f"callbacks: {len(callbacks)}, p50 {load.percentile(callbacks, 50):.0f} ms, "
          f"p95 {load.percentile(callbacks, 95):.0f} ms, p99 {load.percentile(callbacks, 99):.0f} ms")
    print(f"page requests: {len(pages)}, p50 {load.percentile(pages, 50):.0f} ms, p95 {load.percentile(pages, 95):.0f} ms")
    for pid, rss, pss in memory or []:
        print(f"worker {pid}: RSS {rss:.0f} MB, PSS {pss:.0f} MB")
    print("(the layers and libraries are loaded before the fork and shared: PSS splits those shared pages "
          "fairly and is what a worker really adds; RSS counts them in every worker)")
    ok = not errors and callbacks and load.percentile(callbacks, 95) <= 200 and all(p <= 300 for _, _, p in memory or [])
    print("targets met" if ok else "TARGETS MISSED (0 errors, callback p95 <= 200 ms, <= 300 MB per worker)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
