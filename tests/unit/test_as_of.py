"""`--as-of DATE`: days up to DATE are done, trained or not, so a plan
printed on Sunday already treats a skipped Thursday as missed, and logging
the next Monday does not rewrite the week the athlete was given."""

from __future__ import annotations

import datetime as _dt

from test_training import REG, athlete, log, rules, series, slot

from engine.pipeline import plan_rules
from engine.testing import invoke

# Mon/Thu, the squat on both days with one prescription: one line, trained twice a week.
DAYS = '["mon", "thu"]'
SLOTS = (slot("squat", '"double"', day='"mon"').replace('name = "squat"', 'name = "mon"')
         + slot("squat", '"double"', day='"thu"').replace('name = "squat"', 'name = "thu"'))
WEEK1_MON = "2027-01-04,squat,,6,225,lb,8\n" * 3  # Monday of week 1 done; Thursday (7 January) skipped
WEEK2_MON = "2027-01-11,squat,,6,225,lb,8\n" * 3


def plans(tmp_path, rows: str, as_of: _dt.date | None):
    r = rules(tmp_path, SLOTS, weeks=3, days=DAYS, split="full-body")
    a = athlete(tmp_path, "[maxes]\nsquat = { load = 315, date = 2026-12-28 }\n")
    return series(plan_rules(r, REG, athlete=a, logs=[log(tmp_path, rows)], as_of=as_of).plan, "squat")


def test_without_as_of_a_skipped_day_counts_as_missed_only_once_a_later_session_is_logged(tmp_path):
    before = plans(tmp_path, WEEK1_MON, None)
    assert not before[1].missed  # Thursday, 7 January: not known to be skipped yet
    after = plans(tmp_path, WEEK1_MON + WEEK2_MON, None)
    assert after[1].missed and after[2].target.note == "not in the log last time: same target again"


def test_as_of_marks_the_skipped_day_missed_and_the_sheet_of_that_sunday_stays_true(tmp_path):
    sunday = _dt.date(2027, 1, 10)
    printed = plans(tmp_path, WEEK1_MON, sunday)
    assert printed[1].missed  # Thursday, 7 January
    # week 2's Monday as printed that Sunday, and as planned again once it is logged: the same target
    # (without --as-of, the Sunday sheet said "add 5 lb" and the later plan "same target again")
    later = plans(tmp_path, WEEK1_MON + WEEK2_MON, None)
    monday = 2  # Mon 1, Thu 1, Mon 2, Thu 2
    assert printed[monday].target.note == "not in the log last time: same target again"
    assert (printed[monday].target, printed[monday].sets) == (later[monday].target, later[monday].sets)


def test_as_of_on_the_command_line_and_in_batch(tmp_path):
    r = rules(tmp_path, SLOTS, weeks=2, days=DAYS, split="full-body")
    lg = log(tmp_path, WEEK1_MON)
    team = tmp_path / "team"
    team.mkdir()
    (team / "log.csv").write_text(lg.read_text())
    (team / "a.toml").write_text('logs = ["log.csv"]\n[athlete]\nname = "A"\nunits = "lb"\n')
    run = invoke(["run", str(r), "--athlete", str(team / "a.toml"), "--as-of", "2027-01-10", "-f", "json"])
    assert run.exit_code == 0, run.stderr
    batch = invoke(["batch", str(r), str(team), "-o", str(tmp_path / "out"), "--as-of", "2027-01-10"])
    assert batch.exit_code == 0, batch.stderr
    assert (tmp_path / "out" / "a.json").read_text() == run.stdout
    assert '"missed": true' in run.stdout


def test_as_of_before_the_last_session_is_the_sheet_of_that_day(tmp_path):
    # Reprinting Sunday 10 January's sheet after week 2's Monday was logged: the plan is the one of that
    # Sunday (Monday of week 2 planned, not done), and a warning at the first set left out says so.
    sunday = _dt.date(2027, 1, 10)
    r = rules(tmp_path, SLOTS, weeks=3, days=DAYS, split="full-body")
    a = athlete(tmp_path, "[maxes]\nsquat = { load = 315, date = 2026-12-28 }\n")
    lg = log(tmp_path, WEEK1_MON + WEEK2_MON)
    outcome = plan_rules(r, REG, athlete=a, logs=[lg], as_of=sunday)
    reprinted = series(outcome.plan, "squat")
    printed = plans(tmp_path, WEEK1_MON, sunday)
    assert [(e.target, e.sets, e.performed, e.missed) for e in reprinted] == \
        [(e.target, e.sets, e.performed, e.missed) for e in printed]
    assert not reprinted[2].performed and not outcome.plan.weeks[1].days[0].done
    said = [w for w in outcome.warnings if "as of" in w.message]
    assert [(w.file, w.line, w.path, w.message) for w in said] == [(str(lg), 5, (3,), (
        "the plan is made as of 2027-01-10: what was logged after it (2027-01-11) is left out"))]


def test_what_reading_said_of_sets_left_out_goes_with_them(tmp_path):
    # Week 2's Monday has a set typed in kg among lb sets: the mixed-units warning stands in the full run, and
    # goes with the session when the sheet is planned as of the Sunday before it; week 1's own stays.
    mixed = "2027-01-04,squat,,6,225,lb,8\n" * 2 + "2027-01-04,squat,,6,102,kg,8\n"
    later = "2027-01-11,squat,,6,225,lb,8\n" * 2 + "2027-01-11,squat,,6,102,kg,8\n"
    r = rules(tmp_path, SLOTS, weeks=3, days=DAYS, split="full-body")
    a = athlete(tmp_path, "[maxes]\nsquat = { load = 315, date = 2026-12-28 }\n")
    lg = log(tmp_path, mixed + later)
    units = [[(w.line, w.message[:33]) for w in plan_rules(r, REG, athlete=a, logs=[lg], as_of=day).warnings
              if "check the units" in w.message] for day in (None, _dt.date(2027, 1, 10))]
    assert units == [[(4, "sets of squat on 2027-01-04 in kg"), (7, "sets of squat on 2027-01-11 in kg")],
                     [(4, "sets of squat on 2027-01-04 in kg")]]


def test_missed_weeks_after_a_session_before_the_program_name_its_date_not_a_week_0(tmp_path):
    r = rules(tmp_path, slot("squat", '"double"'), weeks=3)
    a = athlete(tmp_path, "[maxes]\nsquat = { load = 315, date = 2026-12-20 }\n")
    lg = log(tmp_path, "2026-12-28,squat,,6,225,lb,8\n" * 3)
    third = series(plan_rules(r, REG, athlete=a, logs=[lg], as_of=_dt.date(2027, 1, 17)).plan, "squat")[2]
    assert third.target.note == "not in the log since 2026-12-28, before the program: same target again"
