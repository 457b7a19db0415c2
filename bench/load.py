"""Load: gunicorn with 2 workers on 127.0.0.1, N simulated users for S seconds (see
wijkdashboard/tools/load.py). Prints requests/s, latency percentiles, errors and each worker's memory
after warm-up.

    .venv/bin/python bench/load.py                    # 100 users, 60 s, one instance, a cache folder
    .venv/bin/python bench/load.py --instances 2 --redis --users 200
                                                      # two instances behind one Redis (redis-server)

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
from wijkdashboard.tools.serve import free_port, start_server, stop  # noqa: E402


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
    parser.add_argument("--instances", type=int, default=1, help="gunicorn instances, users spread over them")
    parser.add_argument("--redis", action="store_true", help="one redis-server as the shared cache of all instances")
    args = parser.parse_args()
    redis_server = None
    with tempfile.TemporaryDirectory() as cache_dir:
        env = {"WEB_CONCURRENCY": "2", "WIJKDASHBOARD_CACHE_DIR": cache_dir}
        if args.redis:
            port = free_port()
            redis_server = subprocess.Popen(["redis-server", "--port", str(port), "--save", "", "--appendonly", "no",
                                             "--dir", cache_dir, "--maxmemory", "256mb",
                                             "--maxmemory-policy", "allkeys-lru"], stdout=subprocess.DEVNULL)
            time.sleep(0.5)
            env["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
        servers = [start_server(("-m", "gunicorn", "app:server", "-c", "gunicorn.conf.py"), **env)
                   for _ in range(args.instances)]
        try:
            started = time.time()
            results, memory = load.run([url for _, url in servers], args.users, args.seconds, args.think,
                                       during=lambda: [m for process, _ in servers for m in worker_memory(process.pid)])
            elapsed = time.time() - started
        finally:
            for process, _ in servers:
                stop(process)
            if redis_server:
                redis_server.terminate()
    callbacks = [ms for kind, ms, _ in results if kind == "callback"]
    pages = [ms for kind, ms, _ in results if kind == "page"]
    errors = [(kind, status) for kind, _, status in results if not load.ok(kind, status)]
    cache = "one Redis" if args.redis else "a cache folder"
    print(f"{args.users} users, {elapsed:.0f} s, {args.instances} gunicorn instance(s) × 2 workers × 4 threads "
          f"on 127.0.0.1, {cache}")
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
