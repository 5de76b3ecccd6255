"""A coach's sixth review, checked by hand: bodyweight too heavy for even one
rep, a far too light heaviest dumbbell, and efforts under RPE 1.

Effort model (Epley on reps in reserve): a set of r reps at RPE x is
n = r + 10 - x reps to failure (RTF), and takes 1 / (1 + n/30) of the e1RM.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_topout_review5 import DOUBLE, PUSH_UP
from test_training import REG, rules, series, slot
from test_training_review4 import hip_extensions

from engine.pipeline import plan_rules


def push_up_plan(tmp_path: Path, units: str, bodyweight: int, best: str):
    """3 weeks of push-ups (2-3 x 6-15 @ RPE 7-8, double progression) for athlete "Vee"."""
    r = rules(tmp_path, PUSH_UP + slot("push-up", DOUBLE, "tertiary"), weeks=3, units=units)
    a = tmp_path / "vee.toml"
    a.write_text(f'[athlete]\nname = "Vee"\nunits = "{units}"\nbodyweight = {bodyweight}\n'
                 f"[equipment]\navailable = []\n[maxes]\npush-up = {best}\n")
    return plan_rules(r, REG, athlete=a)


# -- 1. bodyweight over the target for even one rep: 1 rep a set, the note, and a warning at the slot -----

@pytest.mark.parametrize(("units", "bw", "best", "note"), [
    # 1 @ 10 is a 1RM: e1RM 120 kg, bodyweight 100%. 1 rep at RPE 8.25 (the top of 7-8 and its quarter
    # point of rounding) is 1 + 1.75 = 2.75 RTF: 1 / (1 + 2.75/30) = 91.6% < 100%: over, even for 1 rep.
    ("kg", 120, "{ load = 0, reps = 1, rpe = 10 }",
     "bodyweight alone (120 kg) is 100.0% of the e1RM 120 kg: past failure (more than RPE 10) for 6 reps, "
     "and even 1 rep is over the target: choose an easier form"),
    # 2 @ 10 (2 RTF): e1RM 180 x (1 + 2/30) = 192 lb, bodyweight 180 / 192 = 93.75%. 1 rep at RPE 8.25 is
    # 91.6% < 93.75% (1 rep is 2 RTF there: RPE 1 + 10 - 2 = 9, over 8): over, even for 1 rep.
    ("lb", 180, "{ load = 0, reps = 2, rpe = 10 }",
     "bodyweight alone (180 lb) is 93.8% of the e1RM 192 lb: past failure (more than RPE 10) for 6 reps, "
     "and even 1 rep is over the target: choose an easier form"),
])
def test_bodyweight_over_the_target_even_for_one_rep_prescribes_one_rep_and_warns_at_the_slot(
        tmp_path, units, bw, best, note):
    outcome = push_up_plan(tmp_path, units, bw, best)
    week1 = series(outcome.plan, "push-up")[0]
    # the fewest reps at the target's sets (2), not 2 x 6 as if the range were doable
    assert (len(week1.sets), week1.target.reps, [s.reps for s in week1.sets]) == (2, 1, [1, 1])
    assert week1.target.note == note
    warned = [w for w in outcome.warnings if "choose an easier form" in w.message]
    assert [(w.file, w.path, w.severity) for w in warned] == [(str(tmp_path / "rules.toml"), ("slot", 0, "select"),
                                                                 "warning")]
    assert warned[0].message == ("week 1: push-up is too heavy for Vee with bodyweight alone: even 1 rep is over "
                                 "the target at RPE 7-8, so the plan gives 2 x 1; choose an easier form")


def test_bodyweight_within_reach_of_one_rep_is_not_warned_about(tmp_path):
    # 3 @ 10 (3 RTF): e1RM 180 x 1.1 = 198 lb, bodyweight 90.9%; 1 rep at RPE 8 (3 RTF) is 1 / 1.1 = 90.9%:
    # reachable, so the plan builds up from 1 rep with no warning.
    outcome = push_up_plan(tmp_path, "lb", 180, "{ load = 0, reps = 3, rpe = 10 }")
    assert series(outcome.plan, "push-up")[0].target.reps == 1
    assert not [w for w in outcome.warnings if "easier form" in w.message]


# -- 3. bodyweight far too light: reps in reserve where the RPE would be under 1 -----------------------

BENCH = '[equipment]\navailable = ["back-extension-bench"]\n[maxes]\nhip-extension = '


@pytest.mark.parametrize(("units", "best", "note"), [
    # 30 @ 7 (33 RTF): e1RM 68 x (1 + 33/30) = 142.8 kg, bodyweight 47.6%. 20 reps leave 33 - 20 = 13 in
    # reserve: RPE 20 + 10 - 33 = -3, which the old note clamped to "about RPE 1".
    ("kg", "{ load = 0, reps = 30, rpe = 7 }",
     "bodyweight alone (68 kg) is 47.6% of the e1RM 142.8 kg: about 13 reps short of failure even for 20 reps, "
     "the top of the range: 4 x 20"),
    # the same in lb: e1RM 180 x 2.1 = 378 lb, 47.6%, 13 in reserve at 20 reps
    ("lb", "{ load = 0, reps = 30, rpe = 7 }",
     "bodyweight alone (180 lb) is 47.6% of the e1RM 378 lb: about 13 reps short of failure even for 20 reps, "
     "the top of the range: 4 x 20"),
    # 26 @ 6.5 (29.5 RTF): e1RM 180 x (1 + 29.5/30) = 357 lb, 50.4%; 20 reps are RPE 0.5, 9.5 in reserve
    # (rounded to 10 reps: no half reps)
    ("lb", "{ load = 0, reps = 26, rpe = 6.5 }",
     "bodyweight alone (180 lb) is 50.4% of the e1RM 357 lb: about 10 reps short of failure even for 20 reps, "
     "the top of the range: 4 x 20"),
    # 26 @ 7 (29 RTF): e1RM 68 x (1 + 29/30) = 133.73 kg, 50.8%; 20 reps are RPE 20 + 10 - 29 = 1: kept as RPE
    ("kg", "{ load = 0, reps = 26, rpe = 7 }",
     "bodyweight alone (68 kg) is 50.8% of the e1RM 133.73 kg: about RPE 1 even for 20 reps, "
     "the top of the range: 4 x 20"),
])
def test_bodyweight_far_too_light_gives_reps_in_reserve_rather_than_an_rpe_under_1(tmp_path, units, best, note):
    week1 = hip_extensions(tmp_path, BENCH + best + "\n", units)[0]
    assert (len(week1.sets), week1.target.reps, week1.target.note) == (4, 20, note)


def test_reps_in_reserve_also_word_the_reps_asked_before_the_range_settles(tmp_path):
    # 20 @ 7 (23 RTF): e1RM 68 x (1 + 23/30) = 120.13 kg, bodyweight 56.6%. 10 reps leave 13 in reserve
    # (RPE 10 + 10 - 23 = -3); 20 reps are RPE 20 + 10 - 23 = 7, the bottom of 7-8: the plan starts at 20.
    week1 = hip_extensions(tmp_path, BENCH + "{ load = 0, reps = 20, rpe = 7 }\n", "kg")[0]
    assert (week1.target.reps, week1.target.note) == (20, (
        "bodyweight alone (68 kg) is 56.6% of the e1RM 120.13 kg: about 13 reps short of failure for 10 reps; "
        "20 reps reach RPE 7"))
