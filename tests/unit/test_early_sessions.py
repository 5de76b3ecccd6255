"""A session logged before its day (Friday's session dated Thursday) is
that day's, and the day is done; an exposure's target comes only from
sessions before its own session, never from that session or from one the
week gives to a later exposure. Hand arithmetic with Epley, %1RM =
1 / (1 + n/30), n = reps + 10 - RPE; loads round to the nearest the
default plates make (2.5 kg, 5 lb)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest
from test_training import REG, athlete, log, rules, series, slot

from engine.pipeline import plan_rules
from engine.testing import invoke

# Mon: squat (double); Fri: deadlift (rpe, 3 x 4 @ 7 climbing 0.5 an exposure) and hamstring curl (double).
SLOTS = (slot("squat", '"double"', day='"mon"')
         + slot("deadlift", '{ policy = "rpe", step = 0.5 }', day='"fri"',
                prescription="{ sets = [3, 3], reps = [4, 4], rpe = [7, 9] }")
         + slot("hamstring-curl", '"double"', "tertiary", day='"fri"'))


def _plan(tmp_path: Path, units: str, rows: str, as_of: _dt.date | None = None):
    r = rules(tmp_path, SLOTS, weeks=2, units=units, days='["mon", "fri"]', split="full-body")
    maxes = {"kg": "squat = 140\ndeadlift = 200\nhamstring-curl = { load = 40, reps = 12, rpe = 8 }\n",
             "lb": "squat = 315\ndeadlift = 405\nhamstring-curl = { load = 90, reps = 12, rpe = 8 }\n"}[units]
    a = athlete(tmp_path, "[maxes]\n" + maxes, units=units)
    return plan_rules(r, REG, athlete=a, logs=[log(tmp_path, rows)], as_of=as_of).plan


def _rows(date: str, units: str, deadlift: float, curl: float | None) -> str:
    monday = f"2027-01-04,squat,,6,{100 if units == 'kg' else 225},{units},8\n" * 3
    pulls = "".join(f"{date},deadlift,,4,{deadlift:g},{units},{rpe}\n" for rpe in (7, 7.5, 8))
    curls = "".join(f"{date},hamstring-curl,,11,{curl:g},{units},{rpe}\n" for rpe in (8, 8.5)) if curl else ""
    return monday + pulls + curls


@pytest.mark.parametrize("units, planned, lifted, next_load, curl", [
    # kg: 200 x 0.8108 (4 @ 7: n = 7) = 162.16 -> 162.5 planned; 165 lifted. From the session itself it
    # would be 165 x (1 + 7/30) = 203.5 x 0.8108 = 165.0 -> 165. Week 2, 4 @ 7.5 (n = 6.5, 0.8219):
    # 203.5 x 0.8219 = 167.26 -> 167.5.
    ("kg", 162.5, 165, 167.5, 40),
    # lb: 405 x 0.8108 = 328.38 -> 330 planned; 335 lifted (own session: 335 x 37/30 = 413.17 x 0.8108
    # = 335.0 -> 335). Week 2: 413.17 x 0.8219 = 339.59 -> 340.
    ("lb", 330, 335, 340, 90),
])
def test_friday_logged_on_thursday_keeps_the_target_it_was_given(tmp_path, units, planned, lifted, next_load,
                                                                 curl):
    early = _plan(tmp_path, units, _rows("2027-01-07", units, lifted, curl))
    right = _plan(tmp_path, units, _rows("2027-01-08", units, lifted, curl))
    fri = early.weeks[0].days[1]
    pull, hams = fri.exercises
    assert fri.done and early.weeks[0].done  # the log's last date is Thursday: Friday is done by its session
    assert pull.sets[0].load == planned and pull.target.rpe == (7, 7)
    assert [(p.reps, p.load, p.rpe) for p in pull.performed] == [(4, lifted, 7), (4, lifted, 7.5), (4, lifted, 8)]
    # every lift of the session is read alike: the curl too is done, and week 2 builds on it
    assert [p.reps for p in hams.performed] == [11, 11] and not hams.missed
    pull2, hams2 = early.weeks[1].days[1].exercises
    assert (pull2.sets[0].load, pull2.target.rpe) == (next_load, (7.5, 7.5))
    assert hams2.target.note == "fewest reps last time: 11: aim for 12 reps at the same load"
    # the same plan as with the right date, and as with --as-of the Sunday after
    sunday = _plan(tmp_path, units, _rows("2027-01-07", units, lifted, curl), _dt.date(2027, 1, 10))
    for other in (right, sunday):
        assert _shown(other) == _shown(early)


def _shown(plan) -> list:
    """What the sheet shows of Friday's lifts, but the date the sets were logged on."""
    return [(e.target, e.sets, [(p.reps, p.load, p.rpe) for p in e.performed], e.missed)
            for e in series(plan, "deadlift") + series(plan, "hamstring-curl")]


def test_the_day_s_exercises_without_a_session_are_missed(tmp_path):
    # Thursday has the deadlift only: Friday is done, its curl was not logged.
    plan = _plan(tmp_path, "kg", _rows("2027-01-07", "kg", 165, None))
    pull, hams = plan.weeks[0].days[1].exercises
    assert plan.weeks[0].days[1].done and pull.performed and (hams.missed, hams.performed) == (True, ())
    assert series(plan, "hamstring-curl")[1].target.note == "not in the log last time: same target again"


def test_a_session_given_to_a_later_exposure_is_not_evidence_for_an_earlier_one(tmp_path):
    # Squat heavy on Wednesday (rpe, 3 x 5 @ 7) and light on Friday (double, 8-10 @ 6-7), max 180 kg.
    # Logged: Tuesday 3 x 10 x 100 @ 6 (the light day's, by its reps) and Wednesday 3 x 5 x 140 @ 8.
    # Wednesday: 180 x 0.7895 (5 @ 7: n = 8) = 142.1 -> 142.5; from Tuesday's session, which is Friday's,
    # it would be 100 x (1 + 14/30) = 146.67 x 0.7895 = 115.8 -> 115.
    # Friday: its session is Tuesday's, so nothing after Monday counts: 180 x 0.7143 (8 @ 6: n = 12)
    # = 128.57 -> 127.5 (Wednesday's e1RM, 140 x (1 + 7/30) = 172.67, would give 123.33 -> 122.5).
    light = ("[prescriptions.light]\nsets = 3\nreps = [8, 10]\nrpe = [6, 7]\n"
             + slot("squat", '{ policy = "rpe", step = 0.5 }', day='"wed"',
                    prescription="{ sets = [3, 3], reps = [5, 5], rpe = [7, 9] }").replace('name = "squat"',
                                                                                          'name = "heavy"')
             + slot("squat", '"double"', day='"fri"', prescription='"light"').replace('name = "squat"',
                                                                                      'name = "light"'))
    r = rules(tmp_path, light, weeks=1, units="kg", days='["wed", "fri"]', split="full-body")
    a = athlete(tmp_path, "[maxes]\nsquat = 180\n", units="kg")
    rows = "2027-01-05,squat,,10,100,kg,6\n" * 3 + "2027-01-06,squat,,5,140,kg,8\n" * 3
    wed, fri = series(plan_rules(r, REG, athlete=a, logs=[log(tmp_path, rows)]).plan, "squat")
    assert (wed.sets[0].load, wed.performed[0].load) == (142.5, 140)
    assert (fri.sets[0].load, fri.performed[0].load, fri.missed) == (127.5, 100, False)


def test_a_late_session_still_builds_on_what_came_before_its_day(tmp_path):
    # Monday's squat trained on Tuesday (as documented: the nearest exposure of its form): Monday is
    # prescribed from before Monday, as planned, and is done with Tuesday's sets.
    rows = "2027-01-05,squat,,6,100,kg,8\n" * 3
    plan = _plan(tmp_path, "kg", rows)
    mon = plan.weeks[0].days[0]
    assert mon.done and mon.exercises[0].performed[0].date == _dt.date(2027, 1, 5)
    assert not plan.weeks[0].days[1].done  # nothing of Friday's yet


def test_the_command_line_prints_the_given_load(tmp_path):
    r = rules(tmp_path, SLOTS, weeks=2, units="kg", days='["mon", "fri"]', split="full-body")
    a = athlete(tmp_path, "[maxes]\nsquat = 140\ndeadlift = 200\nhamstring-curl = { load = 40, reps = 12, rpe = 8 }\n",
                units="kg")
    lg = log(tmp_path, _rows("2027-01-07", "kg", 165, 40))
    result = invoke(["run", str(r), "--athlete", str(a), "--log", str(lg)])
    assert result.exit_code == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if "Conventional deadlift" in x)
    assert "162.5 kg" in line and "done Thu 2027-01-07: 4, 4, 4 x 165 kg @ 7, 7.5, 8" in line
    assert "Week 1 (done)" in result.stdout


def test_the_sheet_says_the_day_a_session_was_logged_on_when_it_is_not_the_day_planned(tmp_path):
    # Monday's squat logged on Tuesday: its row says so, with the sets; a session on its own day does not.
    from test_training import REG, athlete, log, rules, slot

    from engine.pipeline import export, plan_rules

    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 2.5, reps = 5 }'), weeks=2, units="kg")
    a = athlete(tmp_path, "[maxes]\nsquat = 100\n", units="kg")
    lg = log(tmp_path, "2027-01-05,squat,,5,80,kg,7.5\n" * 3 + "2027-01-11,squat,,5,82.5,kg,8\n" * 3)
    outcome = plan_rules(r, REG, athlete=a, logs=[lg])
    for fmt in ("text", "markdown"):
        text = export(outcome.plan, REG, fmt, {}, outcome.sources)
        assert "done Tue 2027-01-05: 5, 5, 5 x 80 kg @ 7.5, 7.5, 7.5" in text
        assert "done 5, 5, 5 x 82.5 kg @ 8, 8, 8" in text
