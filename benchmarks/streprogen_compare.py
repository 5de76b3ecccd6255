"""The engine against streprogen building the same program.

`python benchmarks/streprogen_compare.py [--runs 15] [--streprogen-python PY]`

Both tools build benchmarks/two-day.toml's program (12 weeks, two days, six
exercises, loads for athletes/sam.toml) and render it as text:

- whole process: `engine run benchmarks/two-day.toml --athlete athletes/sam.toml`
  against `python benchmarks/streprogen_program.py`, interleaved, medians;
  the engine both as installed (loading any plugins in its environment)
  and with plugin autoloading off, as a plain `pip install engine` runs;
- in process: one build and render, mean of many, after a warm-up (the
  engine reads the rule file and the profile every time).

streprogen runs in its own virtual environment (`pip install streprogen`),
made in a temporary directory unless --streprogen-python names one; run
this script with the engine installed.
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
HERE = Path(__file__).resolve().parent
RULES = HERE / "two-day.toml"
ATHLETE = ROOT / "athletes" / "sam.toml"
STREPROGEN = HERE / "streprogen_program.py"


def streprogen_python(given: str | None) -> str:
    if given:
        return given
    env = Path(tempfile.mkdtemp(prefix="streprogen-venv-"))
    print(f"making streprogen's environment in {env} ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    py = str(env / "bin" / "python")
    subprocess.run([py, "-m", "pip", "install", "-q", "streprogen"], check=True)
    return py


def engine_in_process(n: int) -> float:
    from engine.pipeline import export, plan_rules
    from engine.plugins import build_registry

    registry = build_registry()

    def build() -> str:
        return export(plan_rules(RULES, registry, athlete=ATHLETE).plan, registry, "text", {})

    build()
    t0 = time.perf_counter()
    for _ in range(n):
        build()
    return (time.perf_counter() - t0) / n * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--streprogen-python", help="a Python that has streprogen installed")
    args = parser.parse_args()
    spy = streprogen_python(args.streprogen_python)
    version = subprocess.run([spy, "-c", "import importlib.metadata as m; print(m.version('streprogen'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/"),
           "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="engine-bench-cache-")}  # empty, as a new user has it
    engine = [sys.executable, "-m", "engine", "run", str(RULES), "--athlete", str(ATHLETE)]
    strep = f"streprogen {version} (whole process)"
    cases = {
        "engine run, no plugins": (engine, {**env, "ENGINE_DISABLE_PLUGIN_AUTOLOAD": "1"}),
        "engine run, installed plugins": (engine, env),
        strep: ([spy, str(STREPROGEN)], env),
    }
    # Bytecode for the engine that `-m engine` finds from ROOT (see startup.py).
    package = subprocess.run([sys.executable, "-c", "import engine, os; print(os.path.dirname(engine.__file__))"],
                             cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True)
    for cmd, cmd_env in cases.values():  # warm the OS file cache
        subprocess.run(cmd, cwd=ROOT, env=cmd_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, (cmd, cmd_env) in cases.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, env=cmd_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=True)
            times[name].append(time.perf_counter() - t0)
    whole = {name: statistics.median(t) * 1000 for name, t in times.items()}
    n = max(args.runs * 4, 20)
    engine_ms = engine_in_process(n)
    strep_ms = float(subprocess.run([spy, str(STREPROGEN), str(n)], capture_output=True, text=True,
                                    check=True).stdout.strip())
    s = whole[strep]
    print(f"12-week, two-day program ({RULES.relative_to(ROOT)}), rendered as text")
    print(f"whole process, median of {args.runs} interleaved runs:")
    for name, ms in whole.items():
        ratio = "" if name == strep else f"  {ms / s:.2f}x streprogen"
        print(f"  {name:36s} {ms:7.1f} ms{ratio}")
    print(f"in process, mean of {n} builds:")
    print(f"  {'engine (read, plan, render)':36s} {engine_ms:7.2f} ms")
    print(f"  {'streprogen (build, render)':36s} {strep_ms:7.2f} ms")
    print(f"  engine / streprogen: {engine_ms / strep_ms:.2f}x")


if __name__ == "__main__":
    main()
