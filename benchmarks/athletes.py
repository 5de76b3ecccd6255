"""Plan many athletes with logs, in process: `python benchmarks/athletes.py [N] [WEEKS]`.

Generates N athlete profiles (each with a two-session Strong-style log) in
a temporary directory, reads the rule file once, then plans and exports
every athlete as JSON. Prints athlete-plans per second and the split
between reading profiles and logs, evaluating and exporting.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.api import export, load_rules, plan_loaded  # noqa: E402
from engine.plugins import build_registry  # noqa: E402

LOG_HEADER = "date,exercise,reps,load,units,rpe\n"


def make_athletes(folder: Path, n: int) -> list[Path]:
    rng = random.Random(7)
    paths = []
    for i in range(n):
        squat = 185 + 5 * rng.randrange(40)
        thrust = 135 + 5 * rng.randrange(40)
        log = folder / f"a{i:05d}.csv"
        rows = []
        for date, ex, load in (("2026-12-07", "squat", squat - 60), ("2026-12-07", "hip-thrust", thrust - 40),
                               ("2026-12-14", "deadlift", squat), ("2026-12-14", "hip-thrust", thrust - 40)):
            for _ in range(3):
                rows.append(f"{date},{ex},{rng.choice([4, 5, 6])},{load},lb,{rng.choice([7, 7.5, 8, 8.5])}\n")
        log.write_text(LOG_HEADER + "".join(rows))
        profile = folder / f"a{i:05d}.toml"
        profile.write_text(
            f'logs = ["{log.name}"]\n[athlete]\nname = "Athlete {i}"\nunits = "lb"\nbodyweight = {150 + i % 60}\n'
            f'[maxes]\nsquat = {squat}\nhip-thrust = {{ load = {thrust}, reps = 8, rpe = 8 }}\n'
            f'romanian-deadlift = {squat - 100}\nhamstring-curl = 90\n')
        paths.append(profile)
    return paths


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    weeks = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rules_path = folder / "rules.toml"
        rules_path.write_text((ROOT / "rules" / "glute-day.toml").read_text().replace("weeks = 8", f"weeks = {weeks}"))
        athletes = make_athletes(folder, n)
        registry = build_registry(load_entry_points=False)
        t0 = time.perf_counter()
        loaded = load_rules(rules_path, registry)
        t1 = time.perf_counter()
        plans = [plan_loaded(loaded, registry, athlete=path).plan for path in athletes]
        t2 = time.perf_counter()
        size = sum(len(export(plan, registry, "json", {})) for plan in plans)
        t3 = time.perf_counter()
        text = sum(len(export(plan, registry, "text", {})) for plan in plans)
        t4 = time.perf_counter()
    print(f"{n} athletes x {weeks} weeks, with logs (glute-day), one process")
    print(f"  rule file read once:                          {1000 * (t1 - t0):8.1f} ms")
    print(f"  plan (profile + log + evaluate), per athlete:  {1000 * (t2 - t1) / n:8.2f} ms")
    print(f"  JSON export (indent 2), per athlete:           {1000 * (t3 - t2) / n:8.2f} ms ({size / 1e6:.1f} MB)")
    print(f"  text export, per athlete:                      {1000 * (t4 - t3) / n:8.2f} ms ({text / 1e6:.1f} MB)")
    print(f"  throughput, planning only:  {n / (t2 - t1):7.0f} athlete-plans/s")
    print(f"  throughput, plan + JSON:    {n / (t3 - t1):7.0f} athlete-plans/s")
    print(f"  throughput, plan + text:    {n / (t2 - t1 + t4 - t3):7.0f} athlete-plans/s")


if __name__ == "__main__":
    main()
