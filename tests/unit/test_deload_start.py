"""Deload weeks and where a line stands around them (engine.deloads),
checked by hand: a deload week that would have been a line's first is not
an exposure at the load it lightens, the line starts the week after it
(before, that week added a step the athlete never earned: 78.5 kg where the
new max gives 76); a late deload with the next deload week next is put off
to it; a deload's load basis names where the load it lightens comes from."""

from __future__ import annotations

import datetime as dt

import pytest
from test_training import REG, athlete, log, plan, rules, series, slot

from engine.pipeline import plan_rules

DELOAD = "[deload]\nevery = 4\nsets = 0.5\nload = 0.9\n"
ROTATE = ('[[slot]]\nname = "main"\ncategory = "primary"\n'
          'select = { selector = "rotate", from = ["squat", "deadlift"], every = 3 }\n'
          'progression = { policy = "linear", increment = 5 }\n')
MAXES = "[maxes]\nsquat = { load = 225, reps = 5, rpe = 8 }\ndeadlift = { load = 315, reps = 5, rpe = 8 }\n"


def test_kg_a_newer_max_before_the_deload_starts_the_line_the_week_after_it(tmp_path):
    # Squat 3 x 5 @ 7-8, linear 2.5 kg, logged 68, 70, 72 kg in weeks 1-3; a retest dated Saturday of week 3, 85 x 3
    # @ 9: e1RM 85 x (1 + 4/30) = 96.33, 5 at RPE 7 = 96.33 / 1.2667 = 76.05: 76 kg on 0.25 kg plates. The week 4
    # deload is 0.9 x 76 = 68.4: 68.5 kg, and says the new max started it; week 5 is 76 kg (not 78.5), week 6 78.5.
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 2.5 }',
                             prescription="{ sets = 3, reps = 5, rpe = [7, 8] }"), units="kg", extra=DELOAD)
    a = athlete(tmp_path, "[equipment]\nplates = [20, 10, 5, 2.5, 1.25, 0.25]\n"
                          "[maxes]\nsquat = { load = 85, reps = 3, rpe = 9, date = 2027-01-23 }\n", units="kg")
    rows = "".join(f"2027-01-{day:02d},squat,,5,{load},kg,{rpe}\n"
                   for day, load in ((4, 68), (11, 70), (18, 72)) for rpe in (7, 7.5, 8))
    exs = series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")
    assert [e.sets[0].load for e in exs[3:]] == [68.5, 76.0, 78.5]
    assert exs[3].target.note.endswith("0.9 x 76 = 68.4 kg); a newer max in the profile: start from it")
    # the deload's load basis names where the load it lightens comes from (it had no source)
    assert exs[3].basis is not None and exs[3].basis.source.startswith(f"max in {a}: squat 85 kg (3 reps at RPE 9")
    assert exs[4].basis is not None and exs[4].basis.source.startswith("max in")


def test_lb_a_form_first_rotated_in_on_the_deload_week_starts_at_its_load_the_week_after(tmp_path):
    # Deadlift rotates in at week 4, the deload week: 315 x 5 @ 8 is an e1RM of 315 x (1 + 7/30) = 388.5, 4 at RPE 7
    # are 388.5 / (1 + 7/30) = 315. The deload is 0.9 x 315 = 283.5: 285 lb; week 5 starts at 315 (not 320), then 320.
    exs = series(plan(tmp_path, rules(tmp_path, ROTATE, extra=DELOAD), athlete(tmp_path, MAXES)), "deadlift")
    assert [(len(e.sets), e.sets[0].load) for e in exs] == [(2, 285.0), (3, 315.0), (3, 320.0)]
    assert [e.target.reps for e in exs] == [4, 4, 4]
    assert exs[1].target.note == ""


def test_lb_a_deload_first_after_a_session_before_the_program_builds_on_that_session_the_week_after(tmp_path):
    # Deadlift 305 x 4, 4, 4 @ 7, 7.5, 8 logged the week before the program; its first exposure is the week 4
    # deload, of that session's load as any deload is of the last session's: 0.9 x 305 = 274.5, 275 lb. Week 5
    # is one step over the session, 310 (it was 315: two steps, one of them the deload's).
    rows = "".join(f"2026-12-28,deadlift,,4,305,lb,{rpe}\n" for rpe in (7, 7.5, 8))
    exs = series(plan(tmp_path, rules(tmp_path, ROTATE, extra=DELOAD), athlete(tmp_path, MAXES),
                      (log(tmp_path, rows),)), "deadlift")
    assert [(len(e.sets), e.sets[0].load) for e in exs] == [(2, 275.0), (3, 310.0), (3, 315.0)]
    assert exs[1].target.note == "add 5 lb"


def test_kg_a_deload_after_a_logged_week_names_that_session_as_its_source(tmp_path):
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 2.5 }',
                             prescription="{ sets = 3, reps = 5, rpe = [7, 8] }"), units="kg", extra=DELOAD)
    a = athlete(tmp_path, "[maxes]\nsquat = { load = 100, reps = 5, rpe = 7 }\n", units="kg")
    lg = log(tmp_path, "".join(f"2027-01-{day:02d},squat,,5,{load},kg,{rpe}\n"
                               for day, load in ((4, 100), (11, 102.5), (18, 105)) for rpe in (7, 7.5, 8)))
    deload = series(plan(tmp_path, r, a, (lg,)), "squat")[3]
    assert deload.basis is not None and deload.basis.source == f"logged 2027-01-18 ({lg}:8)"
    assert (deload.sets[0].load, deload.basis.change) == (95.0, "deload: 0.9 x 105 kg")


def test_lb_a_late_deload_with_the_next_deload_week_next_is_put_off_to_it(tmp_path):
    # Squat and deadlift rotate every 3 weeks over 10, deload every 4. The squat is out in week 4 and back in
    # week 7: its deload for week 4 would come in week 7, with week 8 a deload week itself (two in a row, and
    # two working weeks of six). Put off to week 8: week 7 works on from week 3 (235 + 5 = 240), week 8 deloads
    # 240 (0.9 x 240 = 216: 215 lb), week 9 works again at 245. The deadlift back in week 10 has its deload for
    # week 8 then (the next deload week, 12, is not next).
    r = rules(tmp_path, ROTATE, weeks=10, extra=DELOAD)
    p = plan(tmp_path, r, athlete(tmp_path, MAXES))
    squat, deadlift = series(p, "squat"), series(p, "deadlift")
    assert [(len(e.sets), e.sets[0].load) for e in squat] == [(3, 225.0), (3, 230.0), (3, 235.0), (3, 240.0),
                                                               (2, 215.0), (3, 245.0)]
    assert [len(e.sets) for e in deadlift] == [2, 3, 3, 2]


def _squats(tmp_path, rows, top="{ load = 100, reps = 5, rpe = 7 }", as_of=None):
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 2.5 }',
                             prescription="{ sets = 3, reps = 5, rpe = [7, 8] }"), units="kg", extra=DELOAD)
    a = athlete(tmp_path, f"[maxes]\nsquat = {top}\n", units="kg")
    lg = log(tmp_path, rows)
    return series(plan_rules(r, REG, athlete=a, logs=[lg], as_of=as_of).plan, "squat"), lg


def test_kg_a_deload_after_a_missed_week_names_the_session_its_lighter_load_was_lifted_in(tmp_path):
    # 100 and 102.5 kg logged in weeks 1-2, week 3 (105) missed: the deload lightens 102.5, last lifted (0.9 x
    # 102.5 = 92.25: 92.5 kg), and its load basis names that session, not "not logged in week 3".
    rows = "".join(f"2027-01-{day:02d},squat,,5,{load},kg,{rpe}\n" for day, load in ((4, 100), (11, 102.5))
                   for rpe in (7, 7.5, 8))
    exs, lg = _squats(tmp_path, rows, as_of=dt.date(2027, 1, 24))
    assert exs[2].missed and exs[3].sets[0].load == 92.5
    assert exs[3].basis is not None and exs[3].basis.source == f"logged 2027-01-11 ({lg}:5)"


def test_kg_a_newer_max_that_agrees_with_the_log_is_said_once_the_week_after_the_deload(tmp_path):
    # 100, 102.5, 105 kg x 5 @ 7, 7.5, 8 in weeks 1-3 (the last, 105 x (1 + 8/30) = 133 by its first set); a max
    # dated that Saturday, 115 x 3 @ 9 (e1RM 130.33, 2% under): the progression goes on, 0.9 x 105 = 94.5: 95 kg
    # in week 4, 107.5 in week 5, said in week 5, not on the deload as well.
    rows = "".join(f"2027-01-{day:02d},squat,,5,{load},kg,{rpe}\n" for day, load in ((4, 100), (11, 102.5), (18, 105))
                   for rpe in (7, 7.5, 8))
    exs, _ = _squats(tmp_path, rows, "{ load = 115, reps = 3, rpe = 9, date = 2027-01-23 }")
    assert [e.sets[0].load for e in exs[3:5]] == [95.0, 107.5]
    assert "newer max" not in exs[3].target.note
    assert exs[4].target.note.startswith("a newer max in the profile agrees with the last session")


TWICE = "".join(f'[[slot]]\nname = "thrust {day}"\ncategory = "secondary"\nday = "{day}"\n'
                'select = { selector = "ordered", from = ["hip-thrust"] }\n'
                'progression = { policy = "double", increment = 5 }\n'
                'prescription = { sets = 3, reps = [6, 9], rpe = [7, 8] }\n' for day in ("mon", "thu"))


def _twice(tmp_path, units, body, rows=None):
    r = rules(tmp_path, TWICE, weeks=6, units=units, days='["mon", "thu"]', split="full-body",
              extra=DELOAD)
    return series(plan(tmp_path, r, athlete(tmp_path, body, units=units),
                       (log(tmp_path, rows),) if rows else ()), "hip-thrust")


def test_kg_a_line_trained_twice_in_the_deload_week_deloads_both_days(tmp_path):
    # Hip thrust Mon and Thu, 3 x 6-9 @ 7-8, double +5 kg: 100 x 8 @ 8 is an e1RM of 133.33, 6 at RPE 7 are 102.56:
    # 102.5 kg x 6, 7, 8, 9, then 107.5 x 6, 7 in week 3. Week 4 deloads both days to 0.9 x 107.5 = 96.75: 97.5 kg
    # x 7 (the reps of the week before), two sets; Thursday was 3 x 8 at 107.5, a working session in a deload week.
    exs = _twice(tmp_path, "kg", "[maxes]\nhip-thrust = { load = 100, reps = 8, rpe = 8 }\n")
    assert [(len(e.sets), e.target.reps, e.sets[0].load) for e in exs] == [
        (3, 6, 102.5), (3, 7, 102.5), (3, 8, 102.5), (3, 9, 102.5), (3, 6, 107.5), (3, 7, 107.5),
        (2, 7, 97.5), (2, 7, 97.5), (3, 8, 107.5), (3, 9, 107.5), (3, 6, 112.5), (3, 7, 112.5)]
    assert exs[7].target.note == exs[6].target.note == (
        "deload: 0.5 of the sets at 0.91 of the load (the nearest the equipment makes to 0.9 x 107.5 = 96.75 kg)")


def test_lb_a_deload_logged_on_monday_leaves_thursday_a_deload_of_the_working_load(tmp_path):
    # 225 x 8 @ 8: e1RM 300, 6 at RPE 7 are 230.77: 230 lb, logged as planned to 235 x 7 (week 3 Thursday). Monday of
    # week 4 is logged as the deload, 2 x 7 at 210 (0.9 x 235 = 211.5, on 5 lb steps); Thursday deloads 235 lb the
    # same way, not 210, and week 5 goes on from 235 x 7: 3 x 8.
    done = [(4, 230, 6), (7, 230, 7), (11, 230, 8), (14, 230, 9), (18, 235, 6), (21, 235, 7)]
    rows = "".join(f"2027-01-{day:02d},hip-thrust,,{reps},{load},lb,{rpe}\n"
                   for day, load, reps in done for rpe in (7, 7.5, 8))
    rows += "".join(f"2027-01-25,hip-thrust,,7,210,lb,{rpe}\n" for rpe in (5, 5))
    exs = _twice(tmp_path, "lb", "[maxes]\nhip-thrust = { load = 225, reps = 8, rpe = 8 }\n", rows)
    assert [(len(e.sets), e.target.reps, e.sets[0].load) for e in exs[6:9]] == [(2, 7, 210.0), (2, 7, 210.0),
                                                                                (3, 8, 235.0)]
    assert exs[7].target.note.startswith("deload: 0.5 of the sets at 0.89 of the load")


def test_lb_a_deload_monday_trained_through_still_leaves_thursday_a_deload(tmp_path):
    # Monday of week 4 logged at the working load, 235 x 7, 7, 7 (trained through: a normal session); Thursday is
    # still in the deload week: 2 x 7 at 0.9 x 235 = 211.5, 210 lb (it was a full working session).
    done = [(4, 230, 6), (7, 230, 7), (11, 230, 8), (14, 230, 9), (18, 235, 6), (21, 235, 7), (25, 235, 7)]
    rows = "".join(f"2027-01-{day:02d},hip-thrust,,{reps},{load},lb,{rpe}\n"
                   for day, load, reps in done for rpe in (7, 7.5, 8))
    exs = _twice(tmp_path, "lb", "[maxes]\nhip-thrust = { load = 225, reps = 8, rpe = 8 }\n", rows)
    assert "counts as a normal session" in exs[6].target.note
    assert [(len(e.sets), e.target.reps, e.sets[0].load) for e in exs[7:8]] == [(2, 7, 210.0)]


@pytest.mark.parametrize(("units", "top", "said", "load"), [
    # Dumbbell step-ups, bodyweight 180, 2 x 22 kg: 0.9 x 224 = 201.6 in all, less 180, / 2 = 10.8: 10 kg a hand.
    ("kg", 20, "deload: 0.9 x 224 kg (bodyweight 180 + 44) = 201.6 kg in all, less bodyweight 180, / 2", 10.0),
    # 2 x 50 lb: 0.9 x 280 = 252, less 180, / 2 = 36: 35 lb a hand.
    ("lb", 45, "deload: 0.9 x 280 lb (bodyweight 180 + 100) = 252 lb in all, less bodyweight 180, / 2", 35.0),
])
def test_a_deload_of_dumbbells_and_bodyweight_says_each_step_to_one_dumbbell(tmp_path, units, top, said, load):
    # `explain` went "0.9 x 224 kg -> 10.8 -> 10 kg each": the total, then one dumbbell's load, with no step between.
    r = rules(tmp_path, slot("step-up", '"double"', "tertiary"), weeks=2, units=units, extra="[deload]\nevery = 2\n")
    a = athlete(tmp_path, f"[maxes]\nstep-up = {{ load = {top}, reps = 10, rpe = 8 }}\n", units=units)
    deload = series(plan(tmp_path, r, a), "step-up")[1]
    assert (deload.basis.change, deload.sets[0].load) == (said, load)


@pytest.mark.parametrize(("units", "loads", "deload"), [
    ("kg", (100, 102.5, 105), 95.0),  # 0.9 x 105 = 94.5: 95 kg
    ("lb", (225, 230, 235), 210.0),  # 0.9 x 235 = 211.5: 210 lb
])
def test_a_deload_after_a_session_with_one_easy_set_keeps_the_floor(tmp_path, units, loads, deload):
    # Week 3 rated 4, 8, 8: its best set alone reads the session as RPE 4, but the two sets rated 8 say the
    # load was on target; the deload of it is labelled at its floor, RPE 5 (it was 4, under what it is).
    r = rules(tmp_path, slot("squat", f'{{ policy = "linear", increment = {loads[1] - loads[0]:g} }}',
                             prescription="{ sets = 3, reps = 5, rpe = [7, 8] }"), weeks=4, units=units,
              extra=DELOAD)
    a = athlete(tmp_path, f"[maxes]\nsquat = {{ load = {loads[0]}, reps = 5, rpe = 7 }}\n", units=units)
    rows = "".join(f"2027-01-{day:02d},squat,,5,{load:g},{units},{rpe}\n"
                   for day, load, rpes in ((4, loads[0], (7, 7.5, 8)), (11, loads[1], (7, 7.5, 8)),
                                           (18, loads[2], (4, 8, 8))) for rpe in rpes)
    exs = series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")
    assert (len(exs[3].sets), exs[3].sets[0].load, exs[3].target.rpe) == (2, deload, (5.0, 5.0))
