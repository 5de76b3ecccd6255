"""A held increase (owed until the equipment's next step) after a session
whose rated top set is far under the target goes as far as a session too
easy would: the heaviest set lifted, then the too-easy rule's allowance
over it (`max_increments` increments, at least one step of the
equipment), while the session there is foreseen at or under the target's
top. Arithmetic in the comments (Epley on reps in reserve: r reps at RPE x
are r + 10 - x to failure, e1RM = load x (1 + RTF/30))."""

from __future__ import annotations

import pytest
from test_training import athlete, log, plan, rules, series, slot

RX = "{ sets = [3, 3], reps = [5, 5], rpe = [7, 8] }"


def squat_after(tmp_path, rows: str, *, units: str, increment: float, gear: str, extra: str = "") -> list:
    r = rules(tmp_path, slot("squat", f'{{ policy = "linear", increment = {increment:g}{extra} }}', prescription=RX),
              units=units, weeks=2)
    a = athlete(tmp_path, gear, units=units)
    return series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")


FINE_KG = "[equipment]\nbar = 20\nplates = [25, 20, 15, 10, 5, 2.5, 1.25]\n[maxes]\nsquat = { load = 90, reps = 5 }\n"
COARSE_LB = "[equipment]\nbar = 45\nplates = [45, 25, 10]\n[maxes]\nsquat = { load = 185, reps = 5 }\n"


def test_a_top_set_far_under_the_target_climbs_past_it_as_a_session_too_easy_does_kg(tmp_path):
    # +1 kg a week on 2.5 kg steps; 90, 90 unrated, then 100 x 5 @ 3: e1RM 100 x (1 + 12/30) = 140. 100 x 5 is
    # about RPE 3 there, at or under 7 - 2 (the too-easy line): up to 2 x 1 kg over it, at least a step: 102.5,
    # 140 / 102.5 = 1.366, RTF 10.98, RPE 4.0. The same session rated throughout gets 102.5 by the too-easy rule.
    rows = "2027-01-04,squat,,5,90,kg,\n" * 2 + "2027-01-04,squat,,5,100,kg,3\n"
    nxt = squat_after(tmp_path, rows, units="kg", increment=1, gear=FINE_KG)[1]
    assert (nxt.sets[0].load, nxt.target.reps, nxt.sets[0].rpe) == (102.5, 5, 4.0)
    assert nxt.target.note.endswith("take the step, +12.5 kg (the heaviest set of 5 lifted, 100 kg, is about RPE 3: "
                                    "up to 2 kg over it, as a session too easy adds, at least one step)")
    rated = "".join(f"2027-01-04,squat,,5,100,kg,{rpe}\n" for rpe in (3, 3, 3))
    assert squat_after(tmp_path, rated, units="kg", increment=1, gear=FINE_KG)[1].sets[0].load == 102.5


def test_the_allowance_is_the_equipments_step_when_that_is_more_lb(tmp_path):
    # +2.5 lb a week on 10 lb steps (45 lb bar, 45/25/10 plates); 185, 185 unrated, then 225 x 5 @ 3: e1RM
    # 225 x 1.4 = 315. Up to 2 x 2.5 = 5 lb over 225, at least the next step: 235, 315 / 235 = 1.340, RTF
    # 10.21, RPE 4.8.
    rows = "2027-01-04,squat,,5,185,lb,\n" * 2 + "2027-01-04,squat,,5,225,lb,3\n"
    nxt = squat_after(tmp_path, rows, units="lb", increment=2.5, gear=COARSE_LB)[1]
    assert (nxt.sets[0].load, nxt.target.reps, nxt.sets[0].rpe) == (235.0, 5, 5.0)
    assert "+50 lb (the heaviest set of 5 lifted, 225 lb, is about RPE 3: up to 5 lb over it" in nxt.target.note


@pytest.mark.parametrize(("top_rpe", "load", "why"), [
    # 100 x 5 @ 6 (e1RM 126.67): under the target, not by the too-easy line's 2 points: one step over the set,
    # as the session rated throughout at 100 takes: 102.5 x 5 at 126.67 / 102.5 = 1.236, RTF 7.07, RPE 7.9.
    (6, 102.5, "one step over it, as after a session at that load"),
    (5.5, 102.5, "one step over it, as after a session at that load"),
    # @ 5 (e1RM 130), exactly on that line: the allowance, 102.5 x 5 at 130 / 102.5 = 1.268, RTF 8.05, RPE 7.
    (5, 102.5, "up to 2 kg over it, as a session too easy adds, at least one step"),
    # @ 7 (e1RM 123.33): on target at the set lifted: no further.
    (7, 100.0, None),
])
def test_a_set_lifted_under_the_target_takes_one_step_over_it_as_the_session_rated_throughout_kg(
        tmp_path, top_rpe, load, why):
    rows = "2027-01-04,squat,,5,90,kg,\n" * 2 + f"2027-01-04,squat,,5,100,kg,{top_rpe}\n"
    nxt = squat_after(tmp_path, rows, units="kg", increment=1, gear=FINE_KG)[1]
    assert nxt.sets[0].load == load
    assert why is None or nxt.target.note.endswith(why + ")")
    rated = f"2027-01-04,squat,,5,100,kg,{top_rpe}\n" * 3
    assert squat_after(tmp_path, rated, units="kg", increment=1, gear=FINE_KG)[1].sets[0].load == load


def test_without_the_too_easy_rule_the_climb_goes_one_step_over_the_set_lifted_lb(tmp_path):
    # 225 lb x 5 @ 3 over 185s (e1RM 315), +2.5 lb a week on 10 lb steps, no too-easy rule: one step over
    # the set, 235 (RPE 4.8), as the session rated throughout at 225 would take.
    rows = "2027-01-04,squat,,5,185,lb,\n" * 2 + "2027-01-04,squat,,5,225,lb,3\n"
    nxt = squat_after(tmp_path, rows, units="lb", increment=2.5, gear=COARSE_LB,
                      extra=", autoregulation = { undershoot = false }")[1]
    assert nxt.sets[0].load == 235.0
    assert nxt.target.note.endswith("one step over it, as after a session at that load)")


COARSE_KG = "[equipment]\nbar = 20\nplates = [20, 10, 5]\n[maxes]\nsquat = { load = 70, reps = 8, rpe = 8 }\n"


def squats_after(tmp_path, rows: str) -> list:
    r = rules(tmp_path, slot("squat", '{ policy = "double", increment = 2.5 }',
                             prescription="{ sets = [3, 3], reps = [4, 6], rpe = [7, 8] }"), units="kg", weeks=3)
    a = athlete(tmp_path, COARSE_KG, units="kg")
    return series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")


def test_double_at_the_top_of_its_range_takes_the_held_step_when_it_is_not_too_hard_kg(tmp_path):
    # 70 x 8 @ 7, 7.5, 8 on 4-6 @ 7-8, 10 kg steps: the step is due, +2.5 kg cannot be made. e1RMs 95.67,
    # 94.5, 93.33: 80 x 4 is about RPE 8.1, 8.6, 9.0 (RTF 5.88, 5.44, 5.0), a median half a point over 8 and
    # not too hard (8 + 1): 80 x 4 now, printed at RPE 8.5, not weeks of 70 x 8 on a 4-6 range.
    rows = "".join(f"2027-01-04,squat,,8,70,kg,{rpe}\n" for rpe in (7, 7.5, 8))
    nxt = squats_after(tmp_path, rows)[1]
    assert (nxt.target.reps, nxt.sets[0].load, nxt.sets[0].rpe) == (4, 80.0, 8.5)
    assert nxt.target.note.endswith("2.5 kg owed until the next step (80 kg), but 80 kg is about RPE 8.5 for 4 reps "
                                    "by the last session's rated sets (e1RM 93.33-95.67 kg), a little over the "
                                    "target's 7-8: take the step, +10 kg")


@pytest.mark.parametrize("rows", [
    # too hard there: 70 x 8 @ 8, 8.5, 9 (e1RMs 93.33, 92.17, 91): 80 x 4 is 9.0, 9.4, 9.9
    "".join(f"2027-01-04,squat,,8,70,kg,{rpe}\n" for rpe in (8, 8.5, 9)),
    # not at the top of the range: 70 x 5 @ 5, 5, 5.5 (e1RMs 93.33, 93.33, 92.17): 80 x 4 about 9.0, the policy
    # adds a rep, not load
    "".join(f"2027-01-04,squat,,5,70,kg,{rpe}\n" for rpe in (5, 5, 5.5)),
])
def test_double_keeps_the_load_when_its_step_is_too_hard_or_not_yet_due_kg(tmp_path, rows):
    assert squats_after(tmp_path, rows)[1].sets[0].load == 70.0


@pytest.mark.parametrize(("reps", "load"), [
    # 100 x 8 @ 8 on 3 x 5 (e1RM 133.33) builds on 105 (the top of the reps at the bottom of the RPE): 105 x 5
    # is about RPE 6.9 there, on the target within rounding: 3 x 5 at 105 while 1 kg is owed toward 107.5, not
    # a rep meanwhile read from the 100 kg session (RPE 5 for the 5 asked) on top of the load it already moved.
    (8, 105.0),
    # 100 x 7 @ 8 (e1RM 130) builds on 102.5: 102.5 x 5 is about RPE 6.95.
    (7, 102.5),
])
def test_a_load_built_on_extra_reps_gets_no_rep_meanwhile_for_the_same_reps_kg(tmp_path, reps, load):
    rows = f"2027-01-04,squat,,{reps},100,kg,8\n" * 3
    nxt = squat_after(tmp_path, rows, units="kg", increment=1, gear=FINE_KG)[1]
    assert (nxt.sets[0].load, nxt.target.reps, nxt.target.sets) == (load, 5, 3)
    assert nxt.target.note.endswith("repeat 3 x 5")


def test_a_rep_meanwhile_is_for_the_load_printed_not_a_heavier_one_the_athlete_took_lb(tmp_path):
    # +5 lb a week: 95 x 5 @ 7, 7.5, 8 makes 100 too hard (about 9, 9.5, 10): 3 x 6 at 95 meanwhile. The
    # athlete takes 100 x 5 @ 6, 6.5, 7 instead, the program's reps on target: the next week adds 5 lb to it,
    # 105 x 5 (about 7.9 by 100 x (1 + 9/30) = 130, 30 x (130/105 - 1) = 7.14 RTF), not 3 x 6 at 100
    # "not every set made 6 reps".
    gear = "[equipment]\nbar = 45\nplates = [45, 25, 10, 5, 2.5]\n[maxes]\nsquat = { load = 95, reps = 5, rpe = 8 }\n"
    rows = "".join(f"2027-01-04,squat,,5,95,lb,{rpe}\n" for rpe in (7, 7.5, 8)) \
        + "".join(f"2027-01-11,squat,,5,100,lb,{rpe}\n" for rpe in (6, 6.5, 7))
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 5 }', prescription=RX), units="lb", weeks=3)
    w1, w2, w3 = series(plan(tmp_path, r, athlete(tmp_path, gear, units="lb"), (log(tmp_path, rows),)), "squat")
    assert (w2.target.reps, w2.sets[0].load) == (6, 95.0)
    assert (w3.target.reps, w3.sets[0].load) == (5, 105.0)


def test_a_fixed_rep_step_after_a_session_as_far_under_as_too_easy_is_taken_when_not_too_hard_kg(tmp_path):
    # +1 kg a week on 10 kg steps: 100 x 8 @ 8 on 3 x 5 (e1RM 133.33) makes 100 x 5 about RPE 5, as far under
    # 7 as a session too easy; 110 x 5 is about RPE 8.6 (30 x (133.33/110 - 1) = 6.36 RTF), a little over 8
    # and not too hard: 110 x 5, printed at RPE 8.5, not a week of 3 x 5 at 100. 100 x 7 @ 8 (e1RM 130: 100
    # x 5 about RPE 6) is not as far under, and keeps its reps at 100.
    gear = "[equipment]\nbar = 20\nplates = [20, 10, 5]\n[maxes]\nsquat = { load = 100, reps = 5, rpe = 8 }\n"
    for reps, load, shown in ((8, 110.0, 5), (7, 100.0, 7)):
        nxt = squat_after(tmp_path, f"2027-01-04,squat,,{reps},100,kg,8\n" * 3, units="kg", increment=1, gear=gear)[1]
        assert (nxt.sets[0].load, nxt.target.reps) == (load, shown)
    assert nxt.sets[0].rpe == 7.0
    first = squat_after(tmp_path, "2027-01-04,squat,,8,100,kg,8\n" * 3, units="kg", increment=1, gear=gear)[1]
    assert first.sets[0].rpe == 8.5 and "a little over the target's 7-8" in first.target.note


FIVES_RX = "{ sets = [5, 5], reps = [5, 5], rpe = [6, 7] }"


def fives(tmp_path, gear: str, *, units: str, increment: float) -> list:
    r = rules(tmp_path, slot("squat", f'{{ policy = "linear", increment = {increment:g} }}',
                             prescription=FIVES_RX), units=units, weeks=3)
    return series(plan(tmp_path, r, athlete(tmp_path, gear, units=units)), "squat")


@pytest.mark.parametrize(("units", "increment", "gear", "loads"), [
    # 185 lb x 8 @ 8: e1RM 185 x (1 + 10/30) = 246.67. 5 x 5 @ 6-7 wants 246.67 / (1 + 9/30) = 189.74 at
    # RPE 6; 10 lb steps make 185 (RTF 30 x (246.67/185 - 1) = 10: RPE 5) or 195 (RPE 7.05): the nearest, 185.
    # The plan takes its sets as done at 5, 5, 5.5, 5.5, 6, a median of 5.5, under 6: with +5 lb owed toward 195,
    # a rep at 185 meanwhile (6 reps: RPE 6), as a log of week 1 at those ratings gets, then 195 x 5.
    ("lb", 5, "[equipment]\nbar = 45\nplates = [45, 25, 10, 5]\n[maxes]\nsquat = { load = 185, reps = 8, rpe = 8 }\n",
     [(185.0, 5), (185.0, 6), (195.0, 5)]),
    # 1RM 133 kg: 5 x 5 at RPE 6 wants 133 / 1.3 = 102.31; 5 kg steps make 100 (RTF 30 x (1.33 - 1) = 9.9: RPE
    # 5.1, a median of 5.6) or 105 (RPE 7.0, a median of 7.5, not too hard): 100, then 100 x 6 (RPE 6.1) while
    # 2.5 kg is owed toward 105, then 105 x 5.
    ("kg", 2.5, "[equipment]\nbar = 20\nplates = [20, 10, 5, 2.5]\n[maxes]\nsquat = 133\n",
     [(100.0, 5), (100.0, 6), (105.0, 5)]),
])
def test_a_planned_week_under_the_target_gets_a_rep_meanwhile_as_its_log_would(tmp_path, units, increment, gear,
                                                                                loads):
    weeks = fives(tmp_path, gear, units=units, increment=increment)
    assert [(w.sets[0].load, w.target.reps) for w in weeks] == loads
    assert ("starts at about RPE 5 by the e1RM" in weeks[1].target.note
            and weeks[1].target.note.endswith(f"a median of 5.5, under the target's 6: a rep at {loads[0][0]:g} "
                                               f"{units} meanwhile: 5 x 6"))


def test_a_planned_week_rounded_down_within_rounding_repeats_while_the_step_is_owed_kg(tmp_path):
    # 95 kg x 8 @ 8: e1RM 126.67, wanted 97.44 at RPE 6; 2.5 kg steps make 97.5 (RTF 30 x (126.67/97.5 - 1) =
    # 8.97: RPE 6.03), on target: +1 kg owed toward 100 is a plain repeat, no rep.
    gear = "[equipment]\nbar = 20\nplates = [20, 10, 5, 2.5, 1.25]\n[maxes]\nsquat = { load = 95, reps = 8, rpe = 8 }\n"
    weeks = fives(tmp_path, gear, units="kg", increment=1)
    assert [(w.sets[0].load, w.target.reps) for w in weeks][:2] == [(97.5, 5), (97.5, 5)]
    assert "meanwhile" not in weeks[1].target.note


def test_a_cut_after_a_rep_built_meanwhile_goes_back_to_the_programs_reps_kg(tmp_path):
    # 5 x 5 @ 7-8, +1 kg a week on 10 kg steps: 100 x 5 @ 5, 5.5, 6, 6, 6.5 is under the target and 110 too big:
    # 5 x 6 at 100 meanwhile. Done 6, 6, 5, 4, 4 @ 8.5, 9, 10, 10, 10: cut from the weakest set (100 x (1 + 4/30)
    # = 113.33): 5 at RPE 8 are 91.9, 90 kg, about RPE 7.2 (RTF 7.78), on target: 5 x 5 at 90, not 5 x 6 (the
    # rep was for a step owed, and nothing is owed after a failure; review 87 M4).
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 1 }',
                             prescription="{ sets = 5, reps = 5, rpe = [7, 8] }"), weeks=3, units="kg")
    a = athlete(tmp_path, "[equipment]\nbar = 20\nplates = [20, 10, 5]\n[maxes]\n"
                          "squat = { load = 100, reps = 5, rpe = 7.5 }\n", units="kg")
    rows = "".join(f"2027-01-04,squat,,5,100,kg,{x}\n" for x in (5, 5.5, 6, 6, 6.5)) + "".join(
        f"2027-01-11,squat,,{reps},100,kg,{x}\n" for reps, x in ((6, 8.5), (6, 9), (5, 10), (4, 10), (4, 10)))
    w1, w2, w3 = series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")
    assert [(w.sets[0].load, w.target.reps) for w in (w1, w2, w3)] == [(100.0, 5), (100.0, 6), (90.0, 5)]
    assert w3.target.note.endswith("(e1RM 113.33 kg): 5 at RPE 8 is 81% of it")
