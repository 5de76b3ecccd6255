"""A target kept at the equipment's heaviest is labelled, every week it is
kept, with the effort its reps take there (engine.foresee), and says the
heaviest once (engine.topout.said_once). Checked by hand: the test athlete
weighs 180 (kg or lb), and a split squat moves bodyweight and both
dumbbells."""

from __future__ import annotations

import pytest
from test_training import athlete, plan, rules, series, slot

from engine.exporters.common import remarks

RPE = '{ policy = "rpe", step = 0.5 }'


@pytest.mark.parametrize(("units", "bells", "top", "e1", "felt"), [
    # 30 kg a hand x 8 @ 8: (180 + 60) x (1 + 10/30) = 320; at the 20s, 220 / 320 leaves 13.6 reps, 8 are RPE 4.4.
    ("kg", "[10, 12.5, 15, 17.5, 20]", 30, "320 kg", 4.5),
    # 65 lb x 8 @ 8: 310 x 4/3 = 413.33; at the 45s, 270 / 413.33 leaves 15.9 reps, 8 are RPE 2.1.
    ("lb", "[20, 25, 30, 35, 40, 45]", 65, "413.33 lb", 2.0),
])
def test_a_load_kept_at_the_heaviest_prints_the_effort_it_takes_every_week(tmp_path, units, bells, top, e1, felt):
    r = rules(tmp_path, slot("split-squat", RPE, "tertiary", prescription="{ sets = 3, reps = 8, rpe = [7, 8] }"),
              weeks=3, units=units)
    a = athlete(tmp_path, f'[equipment]\navailable = ["dumbbells"]\ndumbbells = {bells}\n'
                          f"[maxes]\nsplit-squat = {{ load = {top}, reps = 8, rpe = 8 }}\n", units=units)
    exs = series(plan(tmp_path, r, a), "split-squat")
    heaviest = float(bells.strip("[]").split(", ")[-1])
    assert [(e.sets[0].load, e.sets[0].rpe) for e in exs] == [(heaviest, felt)] * 3  # it printed RPE 7 from week 2
    for e in exs[1:]:
        said = remarks(e, units)
        assert said.endswith(f"keep 3 x 8; slow the tempo or choose a harder exercise (about RPE {felt:g} by the "
                             f"e1RM {e1})")
        assert said.count("heaviest the equipment makes") == 1  # said once (the load's caveat said it again)
