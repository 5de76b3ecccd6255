"""A session no planned exercise claims (a Saturday squat on a Monday plan)
is listed with its week in every output, and a load that builds on it says
so. Hand arithmetic with Epley, %1RM = 1 / (1 + n/30), n = reps + 10 - RPE;
loads round to the nearest the default plates make (2.5 kg, 5 lb)."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

import pytest
from test_training import REG, athlete, log, rules, series, slot

from engine import extra_text
from engine.explain import render_text
from engine.exporters.common import remarks
from engine.pipeline import plan_rules
from engine.testing import invoke

# Monday: squat on the `rpe` policy, 3 x 5 from RPE 7, +0.5 an exposure.
SQUAT = slot("squat", '{ policy = "rpe", step = 0.5 }', day='"mon"',
             prescription="{ sets = [3, 3], reps = [5, 5], rpe = [7, 9] }")
CASES = {
    # kg: max 140; week 1, 5 @ 7 (n = 8, 0.7895): 110.5 -> 110, logged as planned (e1RM 110 x 38/30 =
    # 139.33). Saturday's extra 115 x 5 @ 7 is 115 x 38/30 = 145.67. Week 2, 5 @ 7.5 (n = 7.5, 0.8):
    # 145.67 x 0.8 = 116.53 -> 117.5 (from Monday alone 139.33 x 0.8 = 111.47 -> 112.5).
    "kg": (140, 110, 115, 117.5),
    # lb: max 315: 248.68 -> 250 (e1RM 316.67); Saturday 260 x 38/30 = 329.33; week 2: 329.33 x 0.8 = 263.47
    # -> 265 (from Monday alone 316.67 x 0.8 = 253.33 -> 255).
    "lb": (315, 250, 260, 265),
}


def _files(tmp_path: Path, units: str) -> tuple[Path, Path, Path]:
    top, planned, extra, _ = CASES[units]
    r = rules(tmp_path, SQUAT, weeks=2, units=units)
    a = athlete(tmp_path, f"[maxes]\nsquat = {top}\n", units=units)
    rows = (f"2027-01-03,hip-thrust,,8,{planned},{units},8\n"  # the Sunday before week 1: in no week
            + "".join(f"2027-01-04,squat,,5,{planned},{units},{rpe}\n" for rpe in (7, 7.5, 8))
            + "".join(f"2027-01-09,squat,,5,{extra},{units},{rpe}\n" for rpe in (7, 7.5, 8))
            + f"2027-01-10,hip-thrust,,8,{planned},{units},8\n")  # a lift the program does not plan
    return r, a, log(tmp_path, rows)


@pytest.mark.parametrize("units", ["kg", "lb"])
def test_an_extra_session_is_listed_with_its_week_and_named_where_a_load_builds_on_it(tmp_path, units):
    _, planned, extra, week2 = CASES[units]
    r, a, lg = _files(tmp_path, units)
    plan = plan_rules(r, REG, athlete=a, logs=[lg]).plan
    saturday, sunday = plan.weeks[0].extra
    assert (saturday.date, saturday.choice.key, [(p.reps, p.load, p.rpe) for p in saturday.sets]) == \
        (_dt.date(2027, 1, 9), "squat/high-bar", [(5, extra, 7), (5, extra, 7.5), (5, extra, 8)])
    assert (sunday.date, sunday.choice.key, sunday.implements) == (_dt.date(2027, 1, 10), "hip-thrust/barbell", 1)
    assert plan.weeks[1].extra == ()  # and the Sunday before week 1 is in no week
    assert extra_text(saturday, units) == \
        f"Sat 2027-01-09 (not planned): High-bar back squat 5, 5, 5 x {extra} {units} @ 7, 7.5, 8"
    mon1, mon2 = series(plan, "squat")
    assert mon1.sets[0].load == planned and mon1.performed[0].date == _dt.date(2027, 1, 4)
    assert mon2.sets[0].load == week2
    assert mon2.basis.note == "the e1RM is from the extra session of Sat 2027-01-09"
    assert remarks(mon2, units) == ("load from the latest e1RM at this effort; the e1RM is from the extra session "
                                    "of Sat 2027-01-09")  # the note column of text and Markdown
    assert f"logged 2027-01-09 (an extra session, not planned): 5 x {extra} {units} (RPE 7)" in render_text(plan)


def test_every_output_lists_it_and_batch_writes_the_same_bytes(tmp_path):
    r, a, lg = _files(tmp_path, "kg")
    line = "extra: Sat 2027-01-09 (not planned): High-bar back squat 5, 5, 5 x 115 kg @ 7, 7.5, 8"
    team = tmp_path / "team"
    team.mkdir()
    (team / "log.csv").write_text(lg.read_text())
    (team / "a.toml").write_text(a.read_text().replace('[athlete]', 'logs = ["log.csv"]\n[athlete]'))
    outputs = {}
    for fmt, ext in (("text", ".txt"), ("markdown", ".md"), ("json", ".json")):
        run = invoke(["run", str(r), "--athlete", str(team / "a.toml"), "-f", fmt])
        assert run.exit_code == 0, run.stderr
        batch = invoke(["batch", str(r), str(team), "-o", str(tmp_path / fmt), "-f", fmt])
        assert batch.exit_code == 0, batch.stderr
        assert (tmp_path / fmt / f"a{ext}").read_text() == run.stdout
        outputs[fmt] = run.stdout
    week1 = outputs["text"].split("Week 2")[0]
    assert f"  {line}\n" in week1 and "2027-01-03" not in outputs["text"]
    assert f"- {line}\n" in outputs["markdown"].split("## Week 2")[0]
    week = json.loads(outputs["json"])["weeks"][0]
    assert [(e["date"], e["id"], e["variant"], e["name"], e["variant_name"], e["implements"]) for e in week["extra"]] \
        == [("2027-01-09", "squat", "high-bar", "Back squat", "High-bar back squat", 1),
            ("2027-01-10", "hip-thrust", "barbell", "Hip thrust", "Barbell hip thrust", 1)]
    assert [(p["reps"], p["load"], p["rpe"], p["form"]) for p in week["extra"][0]["performed"]] == \
        [(5, 115, 7, "squat/high-bar"), (5, 115, 7.5, "squat/high-bar"), (5, 115, 8, "squat/high-bar")]


def test_a_first_exposure_that_builds_on_an_extra_session_names_it(tmp_path):
    # Friday's squat (double, 4-6 @ 7-8), first planned on Friday 8 January; the log has an extra session
    # on Tuesday the 5th (3 x 6 x 100 kg @ 8) and Friday's own (the same). Friday builds on Tuesday as
    # its last time: every set reached 6, the top of the range, at RPE 8: add 2.5 kg -> 102.5 x 4.
    r = rules(tmp_path, slot("squat", '"double"'), weeks=1, units="kg", days='["fri"]')
    a = athlete(tmp_path, "", units="kg")
    rows = "2027-01-05,squat,,6,100,kg,8\n" * 3 + "2027-01-08,squat,,6,100,kg,8\n" * 3
    plan = plan_rules(r, REG, athlete=a, logs=[log(tmp_path, rows)]).plan
    (fri,) = series(plan, "squat")
    assert (fri.target.reps, fri.sets[0].load) == (4, 102.5)
    assert fri.target.note == ("all sets reached 6 reps at or below RPE 8: add 2.5 kg; "
                               "last time was the extra session of Tue 2027-01-05")
    assert fri.performed[0].date == _dt.date(2027, 1, 8)
    assert [s.date for s in plan.weeks[0].extra] == [_dt.date(2027, 1, 5)]


@pytest.mark.parametrize(("units", "load"), [("kg", 100), ("lb", 225)])
@pytest.mark.parametrize(("extra_sets", "week2"), [
    (3, (9, "fewest reps last time: 8: aim for 9 reps at the same load; last time was the extra session of "
            "Sat 2027-01-09")),
    (2, (7, "fewest reps last time: 6: aim for 7 reps at the same load")),  # fewer sets than asked: e1RM only
    (-3, (7, "fewest reps last time: 6: aim for 7 reps at the same load")),  # a lighter day: e1RM only
])
def test_an_extra_session_with_the_sets_asked_is_the_last_session_of_a_double_progression(tmp_path, units, load,
                                                                                        extra_sets, week2):
    # 3 x 6-10 @ RPE 7-8, Monday: 6, 6, 6 @ 7, 7.5, 8 at the load, then Saturday, not planned, 8, 8, 8 (or
    # 8, 8) at it. Monday of week 2 builds on Saturday's reps when Saturday had the 3 sets asked.
    r = rules(tmp_path, slot("squat", '"double"', day='"mon"',
                             prescription="{ sets = [3, 3], reps = [6, 10], rpe = [7, 8] }"), weeks=2, units=units)
    a = athlete(tmp_path, f"[maxes]\nsquat = {{ load = {load}, reps = 7, rpe = 8 }}\n", units=units)
    rows = "".join(f"2027-01-04,squat,,6,{load},{units},{rpe}\n" for rpe in (7, 7.5, 8))
    light = load * 0.8 if extra_sets < 0 else load  # (-3: three sets at 80% of the load, 8, 8, 8 @ 5, 5.5, 6)
    rows += "".join(f"2027-01-09,squat,,8,{light:g},{units},{rpe - 2 * (extra_sets < 0)}\n"
                    for rpe in (7, 7.5, 8)[:abs(extra_sets)])
    mon1, mon2 = series(plan_rules(r, REG, athlete=a, logs=[log(tmp_path, rows)]).plan, "squat")
    assert (mon1.target.reps, mon1.sets[0].load) == (6, load)
    assert (mon2.target.reps, mon2.sets[0].load, mon2.target.note) == (week2[0], load, week2[1])


@pytest.mark.parametrize(("units", "load", "light"), [("kg", 137.5, 110), ("lb", 300, 240)])
def test_a_lighter_extra_session_is_a_light_day_whose_e1rm_alone_counts(tmp_path, units, load, light):
    # Linear 3 x 5 @ 7-8: Monday as printed, then Saturday 80% of it at 5, 5.5, 6: next Monday is what Monday
    # alone gives (a light day does not reset the line to its load).
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 2.5, reps = 5 }', day='"mon"',
                             prescription="{ sets = [3, 3], reps = [5, 5], rpe = [7, 8] }"), weeks=2, units=units)
    a = athlete(tmp_path, f"[maxes]\nsquat = {{ load = {load}, reps = 5, rpe = 7 }}\n", units=units)
    monday = "".join(f"2027-01-04,squat,,5,{load},{units},{rpe}\n" for rpe in (7, 7.5, 8))
    alone = series(plan_rules(r, REG, athlete=a, logs=[log(tmp_path, monday)]).plan, "squat")[1]
    rows = monday + "".join(f"2027-01-09,squat,,5,{light},{units},{rpe}\n" for rpe in (5, 5.5, 6))
    mon1, mon2 = series(plan_rules(r, REG, athlete=a, logs=[log(tmp_path, rows)]).plan, "squat")
    assert mon1.sets[0].load == load
    assert (mon2.sets[0].load, mon2.target.reps) == (alone.sets[0].load, alone.target.reps)
    assert alone.sets[0].load >= load


def test_kg_a_make_up_session_early_in_a_done_week_leaves_its_later_day_as_handed_out(tmp_path):
    # RDL on Thursdays, double progression 6-10: week 1 planned at 62.5 (60 x 8 @ 8 = e1RM 80, 6 at RPE 7 are
    # 80 / 1.3 = 61.5), done 6, 6, 6 @ 7, 7.5, 8 at 60 kg; week 2's Thursday missed;
    # week 3 a make-up on Monday (7, 7, 7, an extra session), then Thursday 7, 7, 7 as Sunday's sheet said:
    # "3 x 7". Done, that Thursday reads 3 x 7 as handed out (it read 3 x 8, built on Monday's make-up); week
    # 4 is 3 x 8. (Planned as of Monday evening, Monday's session is Thursday's, done early: 3 x 7 too.)
    r = rules(tmp_path, slot("romanian-deadlift", '{ policy = "double", increment = 2.5 }', "secondary",
                             day='"thu"', prescription="{ sets = 3, reps = [6, 10], rpe = [7, 8] }"),
              weeks=4, units="kg", days='["mon", "thu"]', split="full-body")
    a = athlete(tmp_path, "[maxes]\nromanian-deadlift = { load = 60, reps = 8, rpe = 8 }\n", units="kg")
    rows = "".join(f"2027-01-{day:02d},romanian-deadlift,,{reps},60,kg,{rpe}\n"
                   for day, reps in ((7, 6), (18, 7), (21, 7)) for rpe in (7, 7.5, 8))
    lg = log(tmp_path, rows)
    done = series(plan_rules(r, REG, athlete=a, logs=[lg]).plan, "romanian-deadlift")
    assert [(e.target.sets, e.target.reps, e.sets[0].load) for e in done] == [(3, 6, 62.5), (3, 7, 60.0),
                                                                              (3, 7, 60.0), (3, 8, 60.0)]
    assert done[2].target.note == "not in the log last time: same target again"
    monday = series(plan_rules(r, REG, athlete=a, logs=[lg], as_of=_dt.date(2027, 1, 18)).plan, "romanian-deadlift")
    assert (monday[2].target.reps, monday[2].performed[0].date) == (7, _dt.date(2027, 1, 18))


def test_rpe_policy_starts_its_climb_at_the_bottom_after_a_session_before_the_program(tmp_path):
    # A squat session the week before the program (110 kg x 5 @ 7, 7.5, 8: e1RM 110 x 38/30 = 139.33 by its
    # first set) gives week 1's e1RM, not a step of the climb: week 1 is 5 @ 7 (139.33 x 30/38 = 110), week 2
    # 5 @ 7.5 (x 0.8 = 111.47: 112.5). It started at 7.5 (112.5 kg), as if week 1 were the second exposure.
    r = rules(tmp_path, SQUAT, weeks=2, units="kg")
    a = athlete(tmp_path, "[maxes]\nsquat = 140\n", units="kg")
    lg = log(tmp_path, "".join(f"2026-12-28,squat,,5,110,kg,{rpe}\n" for rpe in (7, 7.5, 8)))
    exs = series(plan_rules(r, REG, athlete=a, logs=[lg]).plan, "squat")
    assert [(e.target.rpe, e.sets[0].load) for e in exs] == [((7.0, 7.0), 110.0), ((7.5, 7.5), 112.5)]
