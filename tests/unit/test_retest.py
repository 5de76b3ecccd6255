"""A max tested during the block starts the form afresh from it; one far
from what the last session showed is named with both numbers."""

from __future__ import annotations

from test_training import REG, athlete, log, rules, series, slot

from engine.pipeline import plan_rules

# Week 1 (4 January): 3 x 5 x 105 kg at RPE 8 (7 reps to failure): e1RM 105 x (1 + 7/30) = 129.5 kg.
ROWS = "2027-01-04,squat,,5,105,kg,8\n" * 3


def week2(tmp_path, max_line: str, name: str):
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 2.5, reps = 5 }'), weeks=3, units="kg")
    a = athlete(tmp_path, f"[maxes]\n{max_line}\n", units="kg", name=name)
    return series(plan_rules(r, REG, athlete=a, logs=[log(tmp_path, ROWS)]).plan, "squat")[1]


def test_a_retest_far_above_the_last_session_is_named_with_both_numbers(tmp_path):
    # 145 x 1 at RPE 9 (2 reps to failure), tested 6 January: 145 x (1 + 2/30) = 154.67 kg, 19% over 129.5
    ex = week2(tmp_path, "squat = { load = 145, reps = 1, rpe = 9, date = 2027-01-06 }", "a.toml")
    assert ex.target.note.startswith("a newer max in the profile (e1RM 154.67 kg, 19% over the last session's "
                                     "129.5): start from it; check the max")


def test_a_retest_a_little_off_starts_from_it_without_a_second_look(tmp_path):
    # 130 x 1 at RPE 9: 130 x (1 + 2/30) = 138.67 kg, 7.1% over 129.5: afresh from it, no check needed
    ex = week2(tmp_path, "squat = { load = 130, reps = 1, rpe = 9, date = 2027-01-06 }", "b.toml")
    assert ex.target.note.startswith("a newer max in the profile: start from it")


def test_a_retest_that_confirms_the_last_session_lets_the_progression_go_on(tmp_path):
    # 125 x 1 at RPE 9: 125 x (1 + 2/30) = 133.33 kg, 3% over 129.5: it confirms the progression under way,
    # which adds its 2.5 kg to the 105 lifted (107.5), not a restart from the max. The step itself is
    # foreseen from the session's own sets: 105 x 5 @ 8, 8, 8 is 7 reps to failure, so 107.5 is 6.14
    # (RPE 8.86 each, rated 9: a median a point over 8): 105 kg again, and the note says so.
    ex = week2(tmp_path, "squat = { load = 125, reps = 1, rpe = 9, date = 2027-01-06 }", "c.toml")
    assert ex.sets[0].load == 105.0
    assert ex.target.note == ("repeat 3 x 5 at 105 kg; not yet 107.5 kg (a newer max in the profile agrees with "
                              "the last session (e1RM 133.33 against 129.5 kg): the progression goes on; add 2.5 kg): "
                              "it would take the sets rated 8, 8, 8 last time to about RPE 9, 9, 9, too hard for the "
                              "program's RPE 7-8")
