"""Start-up of `engine run rules/glute-day.toml` against its import floor.

Prints medians, and ratios to the floor (`python -c "import click, pluggy,
tomllib, json"`) and to a bare `python -c pass`, all measured side by side in
one run: the cases take turns, so machine noise hits them alike. Run it with
the project installed: `python benchmarks/startup.py [--runs 20]`.

Every case runs the `engine` command with a fresh, empty cache folder
(`XDG_CACHE_HOME`), as a new user or a CI job meets it, except the "kept
cache" cases, which share one folder for the whole run (the engine keeps no
cache; they show that no case depends on one):

- "unchanged": the rule file is the same every run;
- "edited": a copy of the rule file with the program's name and a comment
  changed before every run (a coach editing and re-running, the everyday
  loop);
- "plugins": the installed plugins are found by their entry points (those
  that declare their components, as the three in plugins/ do, are loaded
  only by a run that uses one); without it, the entry points are still read
  but none is loaded (`ENGINE_PLUGINS=""`), as in an environment with no
  plugin installed;
- "csv export": `-f csv`, a run that loads the csv plugin when it needs it;
- "athlete and log": the everyday run, with `--athlete athletes/sam.toml
  --log athletes/logs/sam-strong.csv` (loads from the athlete's maxes and
  equipment, progression from what the log says was lifted).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "glute-day.toml"
ATHLETE = ["--athlete", str(ROOT / "athletes" / "sam.toml"),
           "--log", str(ROOT / "athletes" / "logs" / "sam-strong.csv")]

Case = tuple[list[str], dict[str, str], Callable[[], None]]


def _engine_command() -> list[str]:
    """The console script coaches run, next to this Python (else `-m engine`)."""
    script = Path(sys.executable).with_name("engine")
    return [str(script)] if script.exists() else [sys.executable, "-m", "engine"]


def _cases(work: Path) -> dict[str, Case]:
    py = sys.executable
    base = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/")}
    kept = work / "kept-cache"
    kept.mkdir()
    edited = work / "glute-day.toml"
    original = RULES.read_text("utf-8")
    name = 'name = "Glute and hamstring day"'
    assert name in original, "the edit below changes the program's name"
    counter = iter(range(10**9))

    def nothing() -> None:
        pass

    def edit() -> None:
        # A real edit: the data changes (a changed comment alone would leave
        # the parsed document, and anything keyed by it, as it was).
        n = next(counter)
        edited.write_text(original.replace(name, f'name = "Glute and hamstring day {n}"') + f"# edit {n}\n",
                          "utf-8")

    def env(plugins: bool, cache: Path | None) -> dict[str, str]:
        found = {**base, "XDG_CACHE_HOME": str(cache or work / "empty")}
        return found if plugins else {**found, "ENGINE_PLUGINS": ""}

    engine = _engine_command()
    floor_env = {**base, "XDG_CACHE_HOME": str(work / "empty")}
    cases: dict[str, Case] = {
        "python -c pass": ([py, "-c", "pass"], floor_env, nothing),
        "import floor (click, pluggy, tomllib, json)": (
            [py, "-c", "import click, pluggy, tomllib, json"], floor_env, nothing),
    }
    for plugins in (False, True):
        suffix = ", plugins" if plugins else ""
        cases[f"run, unchanged{suffix}"] = ([*engine, "run", str(RULES)], env(plugins, None), nothing)
        cases[f"run, edited{suffix}"] = ([*engine, "run", str(edited)], env(plugins, None), edit)
        cases[f"run, unchanged, kept cache{suffix}"] = ([*engine, "run", str(RULES)], env(plugins, kept), nothing)
        cases[f"run, edited, kept cache{suffix}"] = ([*engine, "run", str(edited)], env(plugins, kept), edit)
        cases[f"run, athlete and log{suffix}"] = ([*engine, "run", str(RULES), *ATHLETE], env(plugins, None), nothing)
        cases[f"run, edited, athlete and log{suffix}"] = ([*engine, "run", str(edited), *ATHLETE], env(plugins, None),
                                                          edit)
    cases["run, edited, csv export, plugins"] = ([*engine, "run", str(edited), "-f", "csv"], env(True, None), edit)
    return cases


def _fresh_empty(work: Path) -> None:
    """An empty cache folder for the next run (whatever the last one left)."""
    shutil.rmtree(work / "empty", ignore_errors=True)
    (work / "empty").mkdir()


def _time(case: Case, work: Path) -> float:
    cmd, env, prepare = case
    prepare()
    _fresh_empty(work)
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    # Bytecode for the installed engine (`-P`: not a checkout in the current
    # folder), even where PYTHONDONTWRITEBYTECODE=1 would leave every run
    # compiling its sources.
    package = subprocess.run([sys.executable, "-P", "-c", "import engine, os; print(os.path.dirname(engine.__file__))"],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True)
    with tempfile.TemporaryDirectory(prefix="engine-bench-") as tmp:
        work = Path(tmp)
        cases = _cases(work)
        for case in cases.values():  # warm the OS file cache (and the kept cache folder)
            _time(case, work)
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(runs):
            for name, case in cases.items():
                times[name].append(_time(case, work))
    results = {name: statistics.median(t) for name, t in times.items()}
    floor = results["import floor (click, pluggy, tomllib, json)"]
    bare = results["python -c pass"]
    print(f"median of {runs} runs each, interleaved; empty cache folder unless 'kept cache'")
    for name, secs in results.items():
        print(f"{name:44s} {secs * 1000:7.1f} ms  {secs / floor:5.2f}x floor  {secs / bare:5.2f}x bare")


if __name__ == "__main__":
    main()
