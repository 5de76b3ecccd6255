"""Batch planning throughput: `python benchmarks/throughput.py [--full]`.

Athlete-plans per second (plan + JSON export, logs included) for several
batch sizes and block lengths, one process, and the speed-up of two
processes on the largest batch. Peak memory is the process's maximum
resident set. `--full` adds 10,000 athletes and 52-week blocks for the big
batches. Last, `engine batch` end to end (a new process, files on disk,
default JSON, outputs written durably) for 1,000 twelve-week athletes on
one and two processes.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from athletes import make_athletes  # noqa: E402
from engine import batch  # noqa: E402


def rules_file(folder: Path, weeks: int) -> Path:
    path = folder / f"rules-{weeks}.toml"
    path.write_text((ROOT / "rules" / "glute-day.toml").read_text().replace("weeks = 8", f"weeks = {weeks}"))
    return path


def measure(rules: Path, athletes: list[Path], jobs: int) -> float:
    job = batch.Job(str(rules), "json")
    batch._STATE.clear()
    t0 = time.perf_counter()
    # Results are consumed as they come, as `engine batch` does (it writes
    # each output and keeps none), so peak memory is the engine's own.
    failed = [r for r in batch.run(job, athletes, jobs=jobs) if not r.ok]
    elapsed = time.perf_counter() - t0
    assert not failed, failed[:1]
    return len(athletes) / elapsed


def main() -> None:
    full = "--full" in sys.argv
    sizes = [1, 10, 100, 1000] + ([10_000] if full else [])
    lengths = [4, 12, 52]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        everyone = make_athletes(folder, max(sizes))
        print("athlete-plans per second (plan with logs + JSON export), one process; peak RSS so far")
        print(f"{'athletes':>9} " + " ".join(f"{w:>4} wk" for w in lengths))
        for n in sizes:
            row = []
            for weeks in lengths:
                if weeks == 52 and n > 1000 and not full:
                    row.append("     -")
                    continue
                rate = measure(rules_file(folder, weeks), everyone[:n], 1)
                row.append(f"{rate:6.0f}")
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{n:>9} " + " ".join(row) + f"   {rss:.0f} MiB")
        n = min(max(sizes), 2000)
        rules = rules_file(folder, 12)
        one = measure(rules, everyone[:n], 1)
        two = measure(rules, everyone[:n], 2)
        print(f"\n{n} athletes x 12 weeks: 1 process {one:.0f}/s, 2 processes {two:.0f}/s, speed-up {two / one:.2f}x")
        end_to_end(folder, rules, everyone[:1000])


def end_to_end(folder: Path, rules: Path, athletes: list[Path]) -> None:
    """`engine batch RULES ATHLETES -o DIR` as a coach runs it, timed whole."""
    team = folder / "team"
    team.mkdir(exist_ok=True)
    for path in athletes:  # profiles and their logs, in one folder of their own
        for item in (path, path.with_suffix(".csv")):
            target = team / item.name
            if not target.exists():
                os.link(item, target)
    engine = [sys.executable, "-m", "engine"]
    # The engine of this source tree, as the in-process measurements use (not whichever is installed).
    env = {**os.environ, "ENGINE_PLUGINS": "",
           "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}
    rates = {}
    for jobs in (1, 2):
        out = folder / f"plans-{jobs}"
        t0 = time.perf_counter()
        done = subprocess.run([*engine, "batch", str(rules), str(team), "-o", str(out), "--jobs", str(jobs)],
                              capture_output=True, text=True, env=env)
        elapsed = time.perf_counter() - t0
        assert done.returncode == 0, done.stderr[-500:]
        rates[jobs] = len(athletes) / elapsed
    print(f"engine batch, {len(athletes)} athletes x 12 weeks, end to end: 1 process {rates[1]:.0f}/s, "
          f"2 processes {rates[2]:.0f}/s, speed-up {rates[2] / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
