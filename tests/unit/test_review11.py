"""A coach's eleventh review, checked by hand: a load the equipment cannot
make light enough (an empty bar over the athlete's e1RM), said in the note
and as a warning; the weeks after hold rather than build on it.

Epley: %1RM = 1 / (1 + n/30), n = reps + 10 - RPE.
"""

from __future__ import annotations

import pytest
from test_training import REG, athlete, rules, series, slot

from engine.pipeline import plan_rules

CASES = [
    # kg: squat 15 x 5 @ 8: 15 x (1 + 7/30) = 18.5 kg; the 20 kg bar is 108.1% of it: past failure.
    ("kg", 20, "{ load = 15, reps = 5, rpe = 8 }", "20 kg", "108.1% of the e1RM 18.5 kg"),
    # lb: 30 x 5 @ 8: 30 x (1 + 7/30) = 37 lb; the 45 lb bar is 121.6% of it.
    ("lb", 45, "{ load = 30, reps = 5, rpe = 8 }", "45 lb", "121.6% of the e1RM 37 lb"),
]


@pytest.mark.parametrize(("units", "bar", "best", "load", "share"), CASES)
def test_an_empty_bar_over_the_e1rm_is_said_and_warned_and_held(tmp_path, units, bar, best, load, share):
    r = rules(tmp_path, slot("squat", '"linear"'), weeks=3, units=units)
    a = athlete(tmp_path, f'[equipment]\navailable = ["barbell", "plates", "rack"]\nbar = {bar}\n'
                          f"plates = [20, 10, 5, 2.5]\n[maxes]\nsquat = {best}\n", units=units)
    outcome = plan_rules(r, REG, athlete=a)
    weeks = series(outcome.plan, "squat")
    assert [w.sets[0].load for w in weeks] == [bar] * 3
    assert weeks[0].target.note == (f"{load}, the lightest the equipment makes, is {share}: past failure even for "
                                    "1 rep: choose a lighter implement or an easier form")
    # the weeks after do not read the impossible week as done (no e1RM jump) nor build reps on it
    first = (weeks[0].target.sets, weeks[0].target.reps)  # the catalog's 3 x 4 for a linear squat
    assert [(w.target.sets, w.target.reps) for w in weeks[1:]] == [first] * 2
    assert all(f"by the e1RM {share.split('e1RM ')[1]}" in w.target.note for w in weeks[1:])
    assert all(w.target.note.endswith(f"keep 3 x 4 at {load}; choose a lighter implement or an easier form")
               for w in weeks[1:])
    warned = [w for w in outcome.warnings if "lighter implement" in w.message]
    assert len(warned) == 1
    assert warned[0].message == (f"week 1: squat/high-bar is too heavy for A even at the lightest load the equipment "
                                 f"makes ({load}): even 1 rep is over the target at RPE 7-8; choose a lighter "
                                 "implement or an easier form")


def test_a_bar_within_reach_is_not_warned_about(tmp_path):
    # 20 x 5 @ 8: 24.67 kg; the 20 kg bar is 81.1% of it: 5 reps at RTF 30 x (24.67/20 - 1) = 7 are RPE 8.
    r = rules(tmp_path, slot("squat", '"linear"'), weeks=2, units="kg")
    a = athlete(tmp_path, '[equipment]\navailable = ["barbell", "plates", "rack"]\nbar = 20\n'
                          "plates = [20, 10, 5, 2.5]\n[maxes]\nsquat = { load = 20, reps = 5, rpe = 8 }\n", units="kg")
    outcome = plan_rules(r, REG, athlete=a)
    assert not [w for w in outcome.warnings if "lighter implement" in w.message]
    assert "lighter implement" not in series(outcome.plan, "squat")[0].target.note
