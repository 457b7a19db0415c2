"""Time the layer build from the raw CBS files and report the layer sizes. Target: under 20 s.

    .venv/bin/python bench/build_time.py [--raw DIR] [--runs 3]
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
from wijkdashboard import settings  # noqa: E402

TARGET_S = 20.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--raw", default=str(settings.RAW_DIR))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "layers"
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "wijkdashboard.builder", "--raw", args.raw, "--out", str(out),
                            "--quiet"], check=True, cwd=PROJECT)
            times.append(time.perf_counter() - started)
        sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir())}
    print(f"build (process start to layers written), {args.runs} runs: median {statistics.median(times):.2f} s, "
          f"max {max(times):.2f} s (target < {TARGET_S:.0f} s)")
    for name, size in sizes.items():
        print(f"  {name:32} {size / 1024:8.1f} KiB")
    print(f"  {'total':32} {sum(sizes.values()) / 1024:8.1f} KiB")
    return 0 if max(times) < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
