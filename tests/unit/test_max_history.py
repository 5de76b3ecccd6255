"""A profile keeps a history of tested maxes per form: each exposure uses
the latest tested on or before its day (an undated one, the oldest, when
none is dated by then), and a newer one starts the form afresh.

Effort model: %1RM = 1 / (1 + (reps + 10 - RPE) / 30), so a set's e1RM is
load x (1 + (reps + 10 - RPE) / 30). The block starts on Monday 4 January
2027 with one squat exposure a week; the first exposure is prescribed at
the bottom of the RPE range, 5 reps at RPE 7: 1 / (1 + 8/30) = 30/38."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_training import REG, athlete, log, rules, series, slot

from engine.errors import EngineError
from engine.pipeline import export, plan_rules
from engine.testing import invoke

LINEAR = '{ policy = "linear", increment = 2.5, reps = 5 }'


def squats(tmp_path: Path, maxes: str, units: str = "kg", weeks: int = 6, logs: tuple[Path, ...] = (),
           increment: float = 2.5) -> list:
    r = rules(tmp_path, slot("squat", f'{{ policy = "linear", increment = {increment}, reps = 5 }}'),
              weeks=weeks, units=units)
    a = athlete(tmp_path, f"[maxes]\n{maxes}\n", units=units)
    return series(plan_rules(r, REG, athlete=a, logs=list(logs)).plan, "squat")


# 140 x 3 at RPE 8 (5 reps to failure), tested 28 December: e1RM 140 x (1 + 5/30) = 163.33 kg.
# 145 x 1 at RPE 9 (2 reps to failure), tested 3 February: e1RM 145 x (1 + 2/30) = 154.67 kg.
FIRST = "{ load = 140, reps = 3, rpe = 8, date = 2026-12-28 }"
RETEST = "{ load = 145, reps = 1, rpe = 9, date = 2027-02-03 }"


def test_weeks_before_a_retest_use_the_starting_max_and_the_retest_week_starts_afresh(tmp_path):
    exs = squats(tmp_path, f"squat = [{FIRST}, {RETEST}]")
    # week 1: 163.33 x 30/38 = 128.95 -> 130 kg; then +2.5 a week to 140 kg in week 5 (1 February)
    assert [ex.target.load for ex in exs[:5]] == [130.0, 132.5, 135.0, 137.5, 140.0]
    assert "tested 2026-12-28" in exs[0].basis.source
    # week 6 (8 February) is the first exposure on or after 3 February: 154.67 x 30/38 = 122.11 -> 122.5 kg
    assert exs[5].target.load == 122.5
    assert exs[5].target.note.startswith("a newer max in the profile: start from it")
    assert "squat 145 kg (1 rep at RPE 9, tested 2027-02-03)" in exs[5].basis.source
    assert not any("after this exposure" in (ex.basis.note or "") for ex in exs)


def test_the_weeks_before_the_retest_match_the_starting_max_alone(tmp_path):
    alone = [ex.target.load for ex in squats(tmp_path, f"squat = {FIRST}")]
    both = [ex.target.load for ex in squats(tmp_path, f"squat = [{RETEST}, {FIRST}]")]  # any order
    assert both[:5] == alone[:5]
    # the retest alone (today's single dated max) leaves the weeks before it without a load
    only_retest = squats(tmp_path, f"squat = {RETEST}")
    assert [ex.target.load for ex in only_retest[:5]] == [None] * 5
    assert only_retest[0].basis.note.startswith("the max in the profile is dated 2027-02-03, after this exposure")


def test_an_undated_entry_stands_until_the_first_dated_one(tmp_path):
    # undated 150 x 1 at RPE 10: e1RM 150; 150 x 30/38 = 118.42 -> 117.5 kg (118.42 is 0.92 over, 1.58 under 120)
    exs = squats(tmp_path, f"squat = [{RETEST}, {{ load = 150 }}]")
    assert [ex.target.load for ex in exs[:5]] == [117.5, 120.0, 122.5, 125.0, 127.5]
    assert exs[5].target.load == 122.5 and exs[5].target.note.startswith("a newer max in the profile")


def test_in_pounds(tmp_path):
    # 300 x 5 at RPE 8 (7 to failure), 28 December: e1RM 300 x (1 + 7/30) = 370 lb; 370 x 30/38 = 292.11 -> 290
    # (a 45 lb bar and pairs of plates move in 5 lb steps); +5 lb a week.
    # 330 x 1 at RPE 9, tested 20 January: 330 x (1 + 2/30) = 352 lb; 352 x 30/38 = 277.89 -> 280 lb from the
    # week of 25 January, the first exposure on or after 20 January.
    exs = squats(tmp_path, "squat = [{ load = 300, reps = 5, rpe = 8, date = 2026-12-28 }, "
                           "{ load = 330, reps = 1, rpe = 9, date = 2027-01-20 }]", units="lb", weeks=5, increment=5)
    assert [ex.target.load for ex in exs] == [290.0, 295.0, 300.0, 280.0, 285.0]
    assert exs[3].target.note.startswith("a newer max in the profile: start from it")


def test_a_retest_far_from_the_last_session_is_named_with_both_numbers(tmp_path):
    # Week 1 (4 January) logged: 3 x 5 x 105 kg at RPE 8: e1RM 105 x (1 + 7/30) = 129.5 kg. The retest of
    # 6 January, 145 x 1 at RPE 9, puts it at 154.67 kg: 19% over 129.5, so week 2 names both numbers.
    rows = "2027-01-04,squat,,5,105,kg,8\n" * 3
    exs = squats(tmp_path, f"squat = [{FIRST}, {{ load = 145, reps = 1, rpe = 9, date = 2027-01-06 }}]",
                 weeks=3, logs=(log(tmp_path, rows),))
    assert exs[1].target.note.startswith("a newer max in the profile (e1RM 154.67 kg, 19% over the last "
                                         "session's 129.5): start from it; check the max")


# -- the undated-max warning concerns only an undated entry --------------------------------------------------

# Log: 4 January, 3 x 4 x 80 kg at RPE 7-8 (best: 80 x (1 + 7/30) = 98.67 kg); 18 January, 3 x 3 x 90 at RPE 8
# (90 x (1 + 5/30) = 105 kg).
ROWS = ("2027-01-04,squat,,4,80,kg,7\n2027-01-04,squat,,4,80,kg,7.5\n2027-01-04,squat,,4,80,kg,8\n"
        "2027-01-18,squat,,3,90,kg,8\n2027-01-18,squat,,3,90,kg,8\n2027-01-18,squat,,3,90,kg,8\n")


def warned(tmp_path, maxes: str) -> list:
    r = rules(tmp_path, slot("squat", '"double"'), weeks=5, units="kg")
    a = athlete(tmp_path, f"[maxes]\n{maxes}\n", units="kg")
    outcome = plan_rules(r, REG, athlete=a, logs=[log(tmp_path, ROWS)])
    return [w for w in outcome.warnings if w.path and w.path[0] == "maxes"]


def test_an_undated_entry_far_above_the_log_is_warned_about_at_that_entry(tmp_path):
    # the undated 112 stands until the test of 25 January: the last exposure it stands for, 18 January, builds on
    # the session before it, 4 January (98.67 kg), and 112 is 13.5% over that
    found = warned(tmp_path, "squat = [{ load = 100, date = 2027-01-25 }, { load = 112 }]")
    assert [w.path for w in found] == [("maxes", "squat", 1)]
    assert found[0].message.startswith("this max (no date) puts squat's e1RM at 112 kg; the log's session of "
                                       f"2027-01-04 ({tmp_path / 'log.csv'}:2) puts it at 98.67 kg")
    assert "until the test of 2027-01-25" in found[0].message


def test_an_undated_entry_a_dated_test_replaces_before_the_log_is_not_warned_about(tmp_path):
    # the test of 11 January takes over before any exposure after the 4 January session: nothing to say
    assert warned(tmp_path, "squat = [{ load = 112 }, { load = 100, date = 2027-01-11 }]") == []
    # and dated entries are never the subject of that warning, however far above the log
    assert warned(tmp_path, "squat = [{ load = 150, date = 2027-01-01 }, { load = 160, date = 2027-01-02 }]") == []


# -- bad histories are located errors ------------------------------------------------------------------------

LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<path>\$\S*): (?P<msg>.+)$")


def errors_of(tmp_path, body: str) -> dict[str, tuple[int, int, str]]:
    r = rules(tmp_path, slot("squat", LINEAR), weeks=2, units="kg")
    a = athlete(tmp_path, body, units="kg")
    result = invoke(["run", str(r), "--athlete", str(a)])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    found = [LINE.match(x) for x in result.stderr.strip().splitlines()[:-1]]
    assert all(found), result.stderr
    return {m["path"]: (int(m["line"]), int(m["col"]), m["msg"]) for m in found if m}


def test_two_tests_on_one_day_are_an_error_at_the_second_date(tmp_path):
    line = f"squat = [{FIRST}, {{ load = 145, reps = 1, rpe = 9, date = 2026-12-28 }}]"
    found = errors_of(tmp_path, f"[maxes]\n{line}\n")
    # the profile: [athlete], name, units, bodyweight, [maxes], then this line (6)
    col = line.rindex("2026-12-28") + 1
    assert found["$.maxes.squat[1].date"] == (6, col, "squat[0] is dated 2026-12-28 too: keep one test of squat "
                                                      "per day")


def test_a_second_undated_entry_is_an_error_at_that_entry(tmp_path):
    line = f"squat = [{{ load = 150 }}, {RETEST}, {{ load = 152 }}]"
    found = errors_of(tmp_path, f"[maxes]\n{line}\n")
    line_no, col, message = found["$.maxes.squat[2]"]
    assert (line_no, col) == (6, line.index("{ load = 152 }") + 1)
    assert message.startswith("a second max of squat with no date (squat[0] has none): only one test may go undated")


def test_each_entry_is_checked_and_located_on_its_own_line(tmp_path):
    body = ("[maxes]\nsquat = [\n  { load = 150 },\n  { load = 0, date = 2027-01-01 },\n"
            "  { load = 160, date = \"2027-02-30\" },\n]\n")
    found = errors_of(tmp_path, body)
    assert found["$.maxes.squat[1].load"][:2] == (8, 12)
    assert found["$.maxes.squat[2].date"][:2] == (9, 24)
    found = errors_of(tmp_path, "[maxes]\nsquat = [\n  { load = 150 },\n  { load = 155, when = 2027-01-02 },\n]\n")
    assert found["$.maxes.squat[1].when"][:2] == (8, 17)  # at the key


def test_an_empty_history_or_a_bare_number_in_one_is_a_schema_error(tmp_path):
    found = errors_of(tmp_path, "[maxes]\nsquat = []\n")
    assert found["$.maxes.squat"][2] == "has 0 entries; at least 1 are needed"
    found = errors_of(tmp_path, "[maxes]\nsquat = [150, { load = 150 }]\n")
    assert found["$.maxes.squat[0]"][2] == "expected a table, got 150"


def test_the_library_raises_the_same_problems(tmp_path):
    r = rules(tmp_path, slot("squat", LINEAR), weeks=2, units="kg")
    a = athlete(tmp_path, "[maxes]\nsquat = [{ load = 150 }, { load = 152 }]\n", units="kg")
    try:
        plan_rules(r, REG, athlete=a)
    except EngineError as exc:
        assert [p.path for p in exc.problems] == [("maxes", "squat", 1)]
    else:
        raise AssertionError("no error")


# -- a one-entry history is the single max -------------------------------------------------------------------

MAXES = st.fixed_dictionaries({
    "load": st.integers(20, 300).map(lambda x: x / 2),
    "reps": st.integers(1, 12),
    "rpe": st.integers(12, 20).map(lambda x: x / 2),
}, optional={"date": st.dates(dt.date(2026, 6, 1), dt.date(2027, 6, 1)).map(str)})


@settings(max_examples=25, deadline=None)
@given(spec=MAXES, units=st.sampled_from(["kg", "lb"]), bare=st.booleans())
def test_a_one_entry_history_plans_exactly_as_the_single_max(spec, units, bare):
    # a bare number is a table of its load alone; either way, the same max as a one-entry array
    table = "{ " + ", ".join(f"{k} = {v}" for k, v in (spec.items() if not bare else [("load", spec["load"])])) + " }"
    single = f"{spec['load']}" if bare else table
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        r = rules(tmp, slot("squat", LINEAR) + slot("deadlift", '"double"'), weeks=4, units=units)
        texts = []
        for maxes in (f"squat = {single}\ndeadlift = {table}", f"squat = [{table}]\ndeadlift = [{table}]"):
            a = athlete(tmp, f"[maxes]\n{maxes}\n", units=units)
            outcome = plan_rules(r, REG, athlete=a)
            texts.append([export(outcome.plan, REG, fmt, {}) for fmt in ("text", "json", "markdown")])
        assert texts[0] == texts[1]


# -- every bad history is reported, each at its entry ----------------------------------------------------------

DAYS = st.sampled_from([None, "2026-12-28", "2027-01-11", "2027-02-03"])


@settings(max_examples=40, deadline=None)
@given(days=st.lists(DAYS, min_size=1, max_size=6))
def test_each_repeated_date_and_each_extra_undated_entry_is_an_error_at_it(days):
    entries = ", ".join("{ load = %d%s }" % (100 + i, f", date = {d}" if d else "") for i, d in enumerate(days))
    expected, seen, undated = [], set(), False
    for i, d in enumerate(days):
        if d is None and undated:
            expected.append(("maxes", "squat", i))
        elif d is not None and d in seen:
            expected.append(("maxes", "squat", i, "date"))
        undated, seen = undated or d is None, seen | ({d} if d else set())
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        r = rules(tmp, slot("squat", LINEAR), weeks=2, units="kg")
        a = athlete(tmp, f"[maxes]\nsquat = [{entries}]\n", units="kg")
        try:
            plan_rules(r, REG, athlete=a)
        except EngineError as exc:
            assert [p.path for p in exc.problems] == expected
            assert all(p.line == 6 and p.column > 9 for p in exc.problems)
        else:
            assert expected == []
