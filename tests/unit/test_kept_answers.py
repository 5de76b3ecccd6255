"""What planning keeps instead of working out again (a plain number's
reading, a form with nothing to estimate from, how an implement makes a
load, what a form is loaded with) gives the answer it would work out."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.catalog import builtin_exercises
from engine.gear import Implement, kind_of
from engine.history import History
from engine.loading import Loader
from engine.loads import DEFAULT_GEAR, epley
from engine.logmodel import Log, LoggedSet
from engine.lognumbers import Ambiguous, read_number, readings
from engine.model import Athlete, Choice, Max, Stack
from engine.model.base import replace

EXERCISES = {e.id: e for e in builtin_exercises()}


@given(st.integers(0, 10**9), st.sampled_from(["", "0", "5", "25", "0000", "12345"]),
       st.sampled_from([None, ".", ","]))
def test_a_plain_number_reads_as_every_reading_agrees(whole, fraction, decimal):
    text = f"{whole}.{fraction}" if fraction else str(whole)
    found = readings(text)
    assert len(found) == 1
    assert read_number(text, decimal, 0, 1e12) == next(iter(found.values()))


@pytest.mark.parametrize("text", ["1.500", "12.000"])
def test_three_digits_after_a_point_still_need_the_files_mark(text):
    with pytest.raises(Ambiguous):
        read_number(text, None, 0, 1e6)
    assert read_number(text, ".", 0, 1e6) == float(text)


def loader(maxes=(), sets=()):
    person = Athlete("A", "kg", bodyweight=80, gear=DEFAULT_GEAR["kg"], maxes={m.exercise: m for m in maxes})
    history = History(Log(tuple(sets)), EXERCISES, "kg") if sets else None
    return Loader(person, epley, "epley", "kg", dict(EXERCISES), history)


def form(key):
    ex_id, _, variant = key.partition("/")
    ex = EXERCISES[ex_id]
    return Choice(ex, ex.variant(variant) if variant else None)


def test_a_form_with_nothing_to_go_by_has_no_estimate_on_any_day():
    found = loader()
    for day in (None, _dt.date(2026, 1, 5), _dt.date(2030, 1, 5)):
        assert found.estimate(form("deadlift/trap-bar"), 8.0, day) is None


def test_another_forms_max_or_session_still_gives_an_estimate():
    by_max = loader(maxes=[Max("deadlift", 200.0)]).estimate(form("deadlift/trap-bar"), 8.0, None)
    assert by_max is not None and by_max.e1rm == pytest.approx(200.0 * 1.06)
    logged = LoggedSet(_dt.date(2026, 1, 5), "deadlift", "conventional", 5, 150.0, "kg", 8.0, "working", 1, "l.csv", 2,
                       "deadlift")
    by_log = loader(sets=[logged]).estimate(form("deadlift/trap-bar"), 8.0, _dt.date(2026, 1, 12))
    assert by_log is not None and "form ratio" in by_log.source
    assert loader(sets=[logged]).estimate(form("deadlift/trap-bar"), 8.0, _dt.date(2026, 1, 5)) is None  # not yet


@pytest.mark.parametrize("imp", [
    Implement("barbell", "kg", bar=20.0, plates=(1.25, 2.5, 5.0, 10.0, 20.0)),
    Implement("assist", "kg", stack=Stack(5.0, 5.0, 60.0)),
    Implement("dumbbells", "kg", count=2, sizes=(0.0, 10.0, 12.5), bare=True),
    Implement("carried", "kg", stack=Stack(1.0), bare=True, worn="weighted vest"),
])
@pytest.mark.parametrize("load", [0.0, -0.0, 0, 60.0, 60, -15.0, 12.5])
def test_how_a_load_is_made_is_the_same_asked_again(imp, load):
    fresh = Implement(imp.kind, imp.units, imp.count, imp.bar, imp.plates, imp.sizes, imp.stack, imp.bare, imp.worn)
    first = imp.how(load)
    assert imp.how(load) == first == fresh._how(load)
    assert imp == fresh and hash(imp) == hash(fresh)  # what it keeps is no part of its value


@pytest.mark.parametrize("key", ["squat/high-bar", "split-squat/bodyweight", "step-up/weighted-vest",
                                 "deadlift/trap-bar", "hip-thrust"])
def test_what_a_form_is_loaded_with_is_kept_apart_from_its_value(key):
    choice = form(key)
    kind = kind_of(choice)
    assert kind_of(choice) == kind == kind_of(form(key))
    assert choice == form(key) and hash(choice) == hash(form(key))
    other = replace(choice, variant=None)  # a copy works its own out
    assert kind_of(other) == kind_of(Choice(choice.exercise))


def test_what_the_log_shows_done_after_its_last_session_is_every_row_and_a_copy_each_time():
    rows = [LoggedSet(_dt.date(2026, 1, d), ex, variant, 5, 100.0, "kg", 8.0, "working", 1, "l.csv", d, ex)
            for d, ex, variant in ((5, "deadlift", "sumo"), (7, "squat", None), (9, "deadlift", "conventional"))]
    history = History(Log(tuple(rows)), EXERCISES, "kg")
    later = history.last_done(_dt.date(2026, 2, 1))
    assert later == history.last_done(None) == {
        "deadlift": _dt.date(2026, 1, 9), "deadlift/sumo": _dt.date(2026, 1, 5),
        "deadlift/conventional": _dt.date(2026, 1, 9), "squat": _dt.date(2026, 1, 7),
        "squat/high-bar": _dt.date(2026, 1, 7)}
    later.clear()  # a selector given it cannot change the next week's
    assert history.last_done(_dt.date(2026, 3, 1))["squat"] == _dt.date(2026, 1, 7)
    assert history.last_done(_dt.date(2026, 1, 9)) == {
        "deadlift": _dt.date(2026, 1, 5), "deadlift/sumo": _dt.date(2026, 1, 5),
        "squat": _dt.date(2026, 1, 7), "squat/high-bar": _dt.date(2026, 1, 7)}


def test_every_week_after_the_log_plans_the_form_it_shows_and_says_why(tmp_path):
    from engine.pipeline import plan_rules
    from engine.testing import make_registry

    root = Path(__file__).resolve().parents[2]
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,variant,reps,load,units,rpe\n2026-12-08,deadlift,sumo,5,140,kg,8\n")
    profile = tmp_path / "a.toml"
    profile.write_text('logs = ["log.csv"]\n[athlete]\nname = "A"\nunits = "kg"\n[maxes]\nsquat = 120\n')
    plan = plan_rules(root / "rules" / "glute-day.toml", make_registry(), athlete=profile).plan
    pulled = [(w.number, ex.choice.key) for w in plan.weeks for d in w.days for ex in d.exercises
              if ex.choice.exercise.id == "deadlift"]
    assert len(pulled) >= 3 and all(key == "deadlift/sumo" for _, key in pulled)
    said = [t for t in plan.selections if "deadlift/conventional -> deadlift/sumo" in t.why]
    assert sorted(t.week for t in said) == sorted(week for week, _ in pulled)
