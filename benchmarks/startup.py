"""Cold start of `engine run rules/glute-day.toml` against its import floor.

Prints medians and ratios measured side by side in one run; run it with the
project installed: `python benchmarks/startup.py [--runs 20]`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                       env={"ENGINE_DISABLE_PLUGIN_AUTOLOAD": "1", "PATH": ""})
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    py = sys.executable
    cases = {
        "python -c pass": [py, "-c", "pass"],
        "import floor (click, pluggy, tomllib, json)": [py, "-c", "import click, pluggy, tomllib, json"],
        "engine run rules/glute-day.toml": [py, "-m", "engine", "run", "rules/glute-day.toml"],
        "engine validate rules/glute-day.toml": [py, "-m", "engine", "validate", "rules/glute-day.toml"],
    }
    results = {name: median_seconds(cmd, runs) for name, cmd in cases.items()}
    floor = results["import floor (click, pluggy, tomllib, json)"]
    bare = results["python -c pass"]
    for name, secs in results.items():
        print(f"{name:45s} {secs * 1000:7.1f} ms  {secs / floor:5.2f}x floor  {secs / bare:5.2f}x bare")


if __name__ == "__main__":
    main()
