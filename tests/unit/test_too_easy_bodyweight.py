"""A too-easy session of a form with no load to add still says it was read."""

from __future__ import annotations

from test_training import athlete, log, plan, rules, series, slot


def test_a_too_easy_bodyweight_session_says_more_reps_are_the_way_up(tmp_path):
    # hip extension with bodyweight alone, 2 x 10-15 @ RPE 7-8 planned; logged 14, 14 at RPE 5, 5: two
    # or more under the target's bottom (7), too easy; no load to add, so the policy's reps (15) are the progress
    r = rules(tmp_path, slot("hip-extension", '"double"', "tertiary", pick="hip-extension/bodyweight",
                             prescription="{ sets = 2, reps = [10, 15], rpe = [7, 8] }"), weeks=2)
    a = athlete(tmp_path, "")
    nxt = series(plan(tmp_path, r, a, (log(tmp_path, "2027-01-04,hip-extension,bodyweight,14,,lb,5\n" * 2),)),
                 "hip-extension")[1]
    assert nxt.target.reps == 15
    assert nxt.target.note.endswith("with no load to add, more reps are the way up"), nxt.target.note
