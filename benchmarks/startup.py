"""Cold start of `engine run rules/glute-day.toml` against its import floor.

Prints medians and ratios measured side by side in one run (the cases take
turns, so machine noise hits them alike); run it with the project installed:
`python benchmarks/startup.py [--runs 20]`.

- "cached": the normal case, a rule file that was valid before (the verdict
  cache skips jsonschema);
- "no cache": ENGINE_NO_CACHE=1, every run validates with jsonschema;
- "plugins": installed plugins are loaded from their entry points.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    py = sys.executable
    cache = tempfile.mkdtemp(prefix="engine-bench-cache-")
    base = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/"), "ENGINE_CACHE_DIR": cache}
    quiet = {**base, "ENGINE_DISABLE_PLUGIN_AUTOLOAD": "1"}
    run = [py, "-m", "engine", "run", "rules/glute-day.toml"]
    cases = {
        "python -c pass": ([py, "-c", "pass"], quiet),
        "import floor (click, pluggy, tomllib, json)": ([py, "-c", "import click, pluggy, tomllib, json"], quiet),
        "engine run rules/glute-day.toml (cached)": (run, quiet),
        "engine run ... (cached, plugins)": (run, base),
        "engine run ... (no cache)": (run, {**quiet, "ENGINE_NO_CACHE": "1"}),
        "engine validate rules/glute-day.toml (cached)": ([py, "-m", "engine", "validate", "rules/glute-day.toml"], quiet),
    }
    # Bytecode for the engine that `-m engine` finds from ROOT, even where
    # PYTHONDONTWRITEBYTECODE=1 would leave every run compiling its sources.
    package = subprocess.run([py, "-c", "import engine, os; print(os.path.dirname(engine.__file__))"], cwd=ROOT,
                             env=quiet, capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([py, "-m", "compileall", "-q", package], check=True)
    for cmd, env in cases.values():  # warm the verdict cache and the OS file cache
        subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (cmd, env) in cases.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - t0)
    results = {name: statistics.median(t) for name, t in times.items()}
    floor = results["import floor (click, pluggy, tomllib, json)"]
    bare = results["python -c pass"]
    print(f"median of {runs} runs each, interleaved")
    for name, secs in results.items():
        print(f"{name:47s} {secs * 1000:7.1f} ms  {secs / floor:5.2f}x floor  {secs / bare:5.2f}x bare")


if __name__ == "__main__":
    main()
