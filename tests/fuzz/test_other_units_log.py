"""A log in the other units, as apps write it (to two decimals), plans as
the same sessions logged in the athlete's own units (engine.snap): 176.37 lb
is the 80 kg bar, not 80.0002 kg, "not a load the equipment makes", which
took another path (3 x 7 the ratings foresee too hard, where the kg log
gets 3 x 6). Generated: sessions of made loads (barbell plates, dumbbells
a hand) for a kg and an lb athlete, each log also written in the other
units."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.loads import KG_PER_LB
from engine.testing import invoke

ROOT = Path(__file__).resolve().parents[2]
# athlete -> (units, {exercise: loads the equipment makes})
MADE = {
    "alex.toml": ("kg", {"squat": [60 + 1.25 * 2 * k for k in range(30)],
                         "romanian-deadlift": [50 + 2.5 * k for k in range(20)],
                         "step-up": [4, 6, 8, 10, 12.5, 15, 17.5, 20]}),
    "sam.toml": ("lb", {"squat": [135 + 5 * k for k in range(30)],
                        "romanian-deadlift": [135 + 5 * k for k in range(20)],
                        "step-up": [5 * k for k in range(1, 20)]}),
}
DOUBT = r"; the session of [0-9-]+ is in doubt: see the warning at LOG:[0-9]+"
SESSION = st.tuples(st.integers(0, 19), st.integers(5, 10), st.sampled_from([7, 7.5, 8, 8.5, 9]))


def _rows(days: list[tuple[str, str, float, int, float]], units: str, other: bool) -> str:
    out = ["date,exercise,reps,load,units,rpe"]
    for date, exercise, load, reps, rpe in days:
        typed = round(load / KG_PER_LB if units == "kg" else load * KG_PER_LB, 2) if other else load
        written = ("lb" if units == "kg" else "kg") if other else units
        out += [f"{date},{exercise},{reps},{typed},{written},{rpe + 0.5 * i}" for i in range(3)]
    return "\n".join(out) + "\n"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(who=st.sampled_from(sorted(MADE)), sessions=st.lists(SESSION, min_size=3, max_size=3))
def test_a_log_in_the_other_units_plans_as_the_same_log_in_the_athlete_s(tmp_path, who, sessions):
    units, made = MADE[who]
    days = [(date, exercise, made[exercise][k % len(made[exercise])], reps, rpe - 0.5)
            for date, (exercise, (k, reps, rpe)) in zip(("2026-12-07", "2026-12-14", "2026-12-21"),
                                                          zip(("squat", "romanian-deadlift", "step-up"), sessions,
                                                              strict=True), strict=True)]
    outputs = []
    for other in (False, True):
        log = tmp_path / f"log-{other}.csv"
        log.write_text(_rows(days, units, other), "utf-8")
        result = invoke(["run", str(ROOT / "rules" / "glute-day.toml"), "--athlete", str(ROOT / "athletes" / who),
                         "--log", str(log), "-f", "json"])
        assert result.exit_code == 0, result.output
        # (a number typed that is the plan's in the other units is a slip the log in those units cannot make:
        # its warning, and the note on the sheet built on it, are the typed number's, not the plan's)
        outputs.append(re.sub(DOUBT, "", result.stdout.replace(str(log), "LOG")))
    assert outputs[0] == outputs[1]
