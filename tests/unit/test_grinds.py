"""A grind inside a rep range (engine.autoregulation, engine.progression):
every set asked, all at the target's reps but the last, one rep short. The
last set of a grind is meant to be hard, so double progression asks the
same target again at the same load, as the grind rule does for a fixed
target, rather than aiming for the fewer reps of the last set. A grind
rated on its last set alone says nothing of the sets as a whole.

Hand arithmetic: Epley, e1RM = load x (1 + n/30), n = reps + 10 - RPE.
"""

from __future__ import annotations

import pytest
from test_training import athlete, log, plan, rules, series, slot


def rdl(tmp_path, units: str, load: float, logged: tuple[tuple[int, str], ...], reps: int = 7,
        then: tuple[tuple[int, str], ...] = ()):
    """3 x (`reps` - 1)-(`reps` + 3) @ RPE 7-8 double progression at `load` (a max of `reps` @ 8 there:
    `reps` - 1 @ 7): week 1 done at the range's bottom @ 7, so week 2 asks `reps` (inside the range), done
    `logged`; the three weeks."""
    r = rules(tmp_path, slot("romanian-deadlift", '"double"', "secondary",
                             prescription=f"{{ sets = 3, reps = [{reps - 1}, {reps + 3}], rpe = [7, 8] }}"),
              weeks=4, units=units)
    plates = "[20, 10, 5, 2.5, 1.25]" if units == "kg" else "[45, 25, 10, 5, 2.5]"
    bar = 20 if units == "kg" else 45
    a = athlete(tmp_path, f"[equipment]\nbar = {bar}\nplates = {plates}\n"
                          f"[maxes]\nromanian-deadlift = {{ load = {load:g}, reps = {reps}, rpe = 8 }}\n", units)
    first = "".join(f"2027-01-04,romanian-deadlift,,{reps - 1},{load:g},{units},7\n" for _ in range(3))
    rows = "".join(f"2027-01-11,romanian-deadlift,,{n},{load:g},{units},{rpe}\n" for n, rpe in logged)
    rows += "".join(f"2027-01-18,romanian-deadlift,,{n},{load:g},{units},{rpe}\n" for n, rpe in then)
    return series(plan(tmp_path, r, a, (log(tmp_path, first + rows),)), "romanian-deadlift")


@pytest.mark.parametrize(("units", "load"), [("kg", 122.5), ("lb", 270)])
def test_a_grind_rated_over_the_target_asks_the_same_target_again(tmp_path, units, load):
    # 3 x 7 done 7, 7, 6 @ 7.5, 8, 9: a median of 8 on a 7-8 target, the last set one rep short. Before, the
    # hardest set over the target made double progression aim for the 6 of the last set.
    _, w2, w3, _ = rdl(tmp_path, units, load, ((7, "7.5"), (7, "8"), (6, "9")))
    assert (w2.target.reps, w2.sets[0].load) == (7, load)
    assert (w3.target.sets, w3.target.reps, w3.sets[0].load) == (3, 7, load)
    assert w3.target.note == "the last set was one rep short (7, 7, 6): aim for 7 reps again at the same load"


@pytest.mark.parametrize(("units", "load"), [("kg", 77.5), ("lb", 170)])
def test_a_grind_rated_on_its_last_set_alone_is_not_too_hard(tmp_path, units, load):
    # 3 x 10 done 10, 10, 9 @ -, -, 9: the unrated sets are of other reps, so not read; the 9 on the grind's
    # own set is no median of the session. Before, it was "too hard: RPE 9, 1 over the target's 8" and the
    # target dropped to 3 x 8.
    _, w2, w3, _ = rdl(tmp_path, units, load, ((10, ""), (10, ""), (9, "9")), reps=10)
    assert (w2.target.reps, w2.sets[0].load) == (10, load)
    assert (w3.target.reps, w3.sets[0].load) == (10, load)
    assert w3.target.note == "the last set was one rep short (10, 10, 9): aim for 10 reps again at the same load"


@pytest.mark.parametrize(("units", "load"), [("kg", 122.5), ("lb", 270)])
def test_a_second_grind_in_a_row_aims_for_the_last_set_s_reps(tmp_path, units, load):
    # The same grind again on the repeat: the target is more than is there today, so 3 x 6 at the same load
    # (as before this rule), not 3 x 7 a third time.
    grind = ((7, "7.5"), (7, "8"), (6, "9"))
    w4 = rdl(tmp_path, units, load, grind, then=grind)[3]
    assert (w4.target.reps, w4.sets[0].load) == (6, load)
    assert w4.target.note == "the last set was one rep short again (7, 7, 6): aim for 6 reps at the same load"


def test_a_grind_within_the_target_gains_its_rep_as_before_and_a_session_rated_too_hard_is_still_cut(tmp_path):
    # 7, 7, 6 @ 7, 7.5, 8: within the target, so "fewest reps last time: 6: aim for 7" (the same 7).
    w3 = rdl(tmp_path, "kg", 122.5, ((7, "7"), (7, "7.5"), (6, "8")))[2]
    assert (w3.target.reps, w3.sets[0].load) == (7, 122.5)
    assert w3.target.note == "fewest reps last time: 6: aim for 7 reps at the same load"
    # 7, 7, 6 @ 8.5, 9, 10: a median of 9, a point over 8: too hard, whatever the last set's shape.
    w3 = rdl(tmp_path, "kg", 122.5, ((7, "8.5"), (7, "9"), (6, "10")))[2]
    # The weakest set, 6 @ 10, is an e1RM of 122.5 x (1 + 6/30) = 147; 6 at RPE 8 is 147 / (1 + 8/30) = 116.05,
    # 115 kg on 2.5 kg steps: the last set's reps, at a lighter load.
    assert w3.target.note.startswith("too hard: median RPE 9 last time, 1 over the target's 8")
    assert (w3.target.reps, w3.sets[0].load) == (6, 115.0)


@pytest.mark.parametrize(("units", "load"), [("kg", 122.5), ("lb", 270)])
def test_a_grind_rated_over_the_target_but_not_too_hard_is_judged_as_one_rated_on_its_last_set(tmp_path, units,
                                                                                             load):
    # 7, 7, 6 @ 8, 8.5, 9 (the ramp up to 9) and @ -, -, 9: a median of 8.5 is over the 7-8 target but under
    # the 9 that is too hard, so both ask 3 x 7 again (before, the full rating dropped to 6 reps).
    for logged in (((7, "8"), (7, "8.5"), (6, "9")), ((7, ""), (7, ""), (6, "9"))):
        w3 = rdl(tmp_path, units, load, logged)[2]
        assert (w3.target.reps, w3.sets[0].load) == (7, load)
        assert w3.target.note == "the last set was one rep short (7, 7, 6): aim for 7 reps again at the same load"


def test_two_sets_short_are_no_grind(tmp_path):
    # 7, 6, 6 @ 7.5, 8.5, 9: over the target, and not a grind: the fewer reps of the weakest set, as before.
    w3 = rdl(tmp_path, "lb", 270, ((7, "7.5"), (6, "8.5"), (6, "9")))[2]
    assert (w3.target.reps, w3.sets[0].load) == (6, 270)
    assert w3.target.note == "effort was above target: aim for 6 reps at the same load"


def after_deload(tmp_path, logged: tuple[tuple[int, float], ...]) -> list:
    """3 x 6-10 @ RPE 7-8 double progression at 122.5 kg, week 1 done `logged`, week 2 a deload: the 3 weeks."""
    r = rules(tmp_path, slot("romanian-deadlift", '"double"', "secondary",
                             prescription="{ sets = 3, reps = [6, 10], rpe = [7, 8] }"), weeks=3, units="kg",
              extra="[deload]\nevery = 2\n")
    a = athlete(tmp_path, "[equipment]\nbar = 20\nplates = [20, 10, 5, 2.5, 1.25]\n"
                          "[maxes]\nromanian-deadlift = { load = 122.5, reps = 7, rpe = 8 }\n", "kg")
    rows = "".join(f"2027-01-04,romanian-deadlift,,{n},122.5,kg,{rpe}\n" for n, rpe in logged)
    return series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "romanian-deadlift")


def test_after_a_deload_the_reps_to_beat_are_named_by_the_last_working_session(tmp_path):
    # Week 1 done 8, 8, 7 @ 7, 7.5, 8: week 3 aims for 8 reps, and says the 7 it builds on is from week 1, not
    # "last time" (the deload).
    w1, w2, w3 = after_deload(tmp_path, ((8, 7), (8, 7.5), (7, 8)))
    assert w2.deload and (w3.target.reps, w3.sets[0].load) == (8, 122.5)
    assert w3.target.note == "fewest reps in the last working session (2027-01-04): 7: aim for 8 reps at the same load"


@pytest.mark.parametrize("units", ["kg", "lb"])
def test_a_grind_rated_at_failure_on_its_last_set_alone_is_as_too_hard_as_the_full_rating(tmp_path, units):
    # 7, 7, 6 @ -, -, 10 reads 9, 9.5, 10 by the ramp from the last set, as @ 9, 9.5, 10: a median of 9.5, too
    # hard; both are cut alike, and the note says how the unrated sets were read.
    load = 122.5 if units == "kg" else 270
    full = rdl(tmp_path, units, load, ((7, "9"), (7, "9.5"), (6, "10")))[2]
    alone = rdl(tmp_path, units, load, ((7, ""), (7, ""), (6, "10")))[2]
    assert (alone.target.reps, alone.sets[0].load) == (full.target.reps, full.sets[0].load)
    assert alone.sets[0].load < load
    assert alone.target.note.startswith("too hard: median RPE 9.5 (logged -, -, 10: unrated sets of the grind read by "
                                        "the ramp from its last) last time")


def test_after_a_deload_autoregulation_names_the_last_working_session_too(tmp_path):
    # Week 1 too easy (8, 8, 8 @ 4, 4.5, 5 on 7-8), week 2 a deload: week 3's note reads that session by its date.
    w3 = after_deload(tmp_path, ((8, 4), (8, 4.5), (8, 5)))[2]
    assert "too easy: every set at RPE 5 or less in the last working session (2027-01-04), well under" \
        in w3.target.note
    assert " last time" not in w3.target.note


def test_a_session_before_the_program_is_no_deload():
    # A form seeded from a session logged before week 1 has week 0, and never had a deload (0 too): its notes
    # say "last time", not "the last working session".
    from engine.model import Target, TrainingState

    seeded = TrainingState("squat/high-bar", Target(3, 5, (7.0, 8.0)), 0, 0, status="logged")
    assert not seeded.after_deload
    assert TrainingState("squat/high-bar", Target(3, 5, (7.0, 8.0)), 4, 3, deloaded=4).after_deload
