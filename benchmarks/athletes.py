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

from engine.pipeline import export, load_rules, plan_loaded  # noqa: E402
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
        read = time.perf_counter() - t0
        # One athlete at a time, each phase timed on its own: keeping every
        # plan alive until a later phase would make the garbage collector
        # walk them all, which a real batch never does.
        plan_s = json_s = text_s = 0.0
        size = text = 0
        for path in athletes:
            t1 = time.perf_counter()
            plan = plan_loaded(loaded, registry, athlete=path).plan
            t2 = time.perf_counter()
            size += len(export(plan, registry, "json", {}))
            t3 = time.perf_counter()
            text += len(export(plan, registry, "text", {}))
            t4 = time.perf_counter()
            plan_s, json_s, text_s = plan_s + t2 - t1, json_s + t3 - t2, text_s + t4 - t3
    print(f"{n} athletes x {weeks} weeks, with logs (glute-day), one process")
    print(f"  rule file read once:                          {1000 * read:8.1f} ms")
    print(f"  plan (profile + log + evaluate), per athlete:  {1000 * plan_s / n:8.2f} ms")
    print(f"  JSON export (indent 2), per athlete:           {1000 * json_s / n:8.2f} ms ({size / 1e6:.1f} MB)")
    print(f"  text export, per athlete:                      {1000 * text_s / n:8.2f} ms ({text / 1e6:.1f} MB)")
    print(f"  throughput, planning only:  {n / plan_s:7.0f} athlete-plans/s")
    print(f"  throughput, plan + JSON:    {n / (plan_s + json_s):7.0f} athlete-plans/s")
    print(f"  throughput, plan + text:    {n / (plan_s + text_s):7.0f} athlete-plans/s")

if __name__ == "__main__":
    main()
