"""Rules -> Plan: day placement, dates, per-set effort, determinism."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.errors import WARNING, EngineError
from engine.evaluate import evaluate
from engine.model import PlannedSet, Target
from engine.pipeline import load_rules, plan_rules
from engine.plannedsets import planned_sets
from engine.schedule import CATEGORY_WEIGHT, gap, is_heavy
from engine.testing import make_registry

REG = make_registry()

WEEK = dt.timedelta(days=7)


def rules_text(*, split="full-body", days='["mon", "wed", "fri"]', weeks=4, start="", slots=None) -> str:
    slots = slots if slots is not None else [
        ("main", "primary", 1, '{ selector = "rotate", from = ["squat", "deadlift"] }', None),
        ("hinge", "secondary", 2, '{ selector = "ordered", from = ["hip-thrust", "romanian-deadlift"] }', None),
        ("extra", "tertiary", 2, '{ selector = "rotate", tags = ["hamstrings"] }', None),
    ]
    out = ["version = 1", "[program]", 'name = "T"', f'split = "{split}"', f"days = {days}",
           f"weeks = {weeks}"]
    if start:
        out.append(f"start = {start}")
    for name, cat, count, select, day in slots:
        out += ["[[slot]]", f'name = "{name}"', f'category = "{cat}"', f"count = {count}", f"select = {select}",
                'progression = "double"']
        if day:
            out.append(f'day = "{day}"')
    return "\n".join(out) + "\n"


def rules_of(tmp_path: Path, text: str):
    path = tmp_path / "rules.toml"
    path.write_text(text)
    return load_rules(path, REG).rules


def plan_of(tmp_path: Path, text: str, start=None):
    return evaluate(rules_of(tmp_path, text), REG, start=start)


def load_per_day(week) -> dict[str, int]:
    return {d.name: sum(CATEGORY_WEIGHT[e.category] for e in d.exercises) for d in week.days}


# -- placement -----------------------------------------------------------------------


def test_body_part_puts_everything_on_one_day(rules_dir):
    plan = plan_rules(rules_dir / "glute-day.toml", REG).plan
    assert len(plan.weeks) == 8
    for week in plan.weeks:
        [day] = week.days
        assert day.name == "mon"
        assert [e.category for e in day.exercises] == ["primary", "secondary", "secondary", "tertiary", "tertiary"]


def test_full_body_spreads_and_balances_the_week(tmp_path):
    plan = plan_of(tmp_path, rules_text())
    for week in plan.weeks:
        assert [d.name for d in week.days] == ["mon", "wed", "fri"]
        # 1 primary (3) + 2 secondary (2 each) + 2 tertiary (1 each) = 9 over three days.
        assert load_per_day(week) == {"mon": 3, "wed": 3, "fri": 3}
        assert [e.category for e in week.days[0].exercises] == ["primary"]
        # Heaviest first: the two secondaries go to different days.
        assert [len([e for e in d.exercises if e.category == "secondary"]) for d in week.days] == [0, 1, 1]


def test_each_day_lists_heavier_categories_first(tmp_path):
    plan = plan_of(tmp_path, rules_text(days='["tue", "fri"]'))
    order = {"primary": 0, "secondary": 1, "tertiary": 2}
    for week in plan.weeks:
        for day in week.days:
            cats = [order[e.category] for e in day.exercises]
            assert cats == sorted(cats)


def test_pinned_day_is_respected(rules_dir):
    plan = plan_rules(rules_dir / "full-body.toml", REG).plan
    for week in plan.weeks:
        mains = [(d.name, e.exercise.id) for d in week.days for e in d.exercises if e.slot == "main lift"]
        assert len(mains) == 1 and mains[0][0] == "mon"


def test_pinned_day_counts_towards_balance(tmp_path):
    slots = [
        ("a", "secondary", 1, '{ selector = "ordered", from = ["hip-thrust"] }', "fri"),
        ("b", "secondary", 1, '{ selector = "ordered", from = ["romanian-deadlift"] }', None),
    ]
    plan = plan_of(tmp_path, rules_text(days='["mon", "fri"]', slots=slots))
    for week in plan.weeks:
        placed = {d.name: [e.exercise.id for e in d.exercises] for d in week.days}
        assert placed == {"mon": ["romanian-deadlift"], "fri": ["hip-thrust"]}


def test_more_days_than_exercises_leaves_rest_days(tmp_path):
    slots = [("main", "primary", 1, '{ selector = "ordered", from = ["squat"] }', None)]
    plan = plan_of(tmp_path, rules_text(slots=slots))
    assert [len(d.exercises) for d in plan.weeks[0].days] == [1, 0, 0]


def test_evaluation_is_deterministic(tmp_path, rules_dir):
    rules = rules_of(tmp_path, rules_text())
    assert evaluate(rules, REG) == evaluate(rules, REG)
    a = plan_rules(rules_dir / "low-back-friendly.toml", make_registry()).plan
    b = plan_rules(rules_dir / "low-back-friendly.toml", make_registry()).plan
    assert a == b


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    days=st.lists(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]), min_size=2, max_size=5,
                  unique=True),
    counts=st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(0, 4)),
)
def test_full_body_balance_property(tmp_path_factory, days, counts):
    p, s, t = counts
    slots = []
    if p:
        slots.append(("p", "primary", p, '{ selector = "ordered" }', None))
    if s:
        slots.append(("s", "secondary", s, '{ selector = "ordered" }', None))
    if t:
        slots.append(("t", "tertiary", t, '{ selector = "rotate" }', None))
    if not slots:
        return
    text = rules_text(days="[" + ", ".join(f'"{d}"' for d in days) + "]", weeks=2, slots=slots)
    plan = plan_of(tmp_path_factory.mktemp("bal"), text)
    spaced = all(gap(a, b) >= 2 for i, a in enumerate(days) for b in days[i + 1:])
    for week in plan.weeks:
        assert sum(len(d.exercises) for d in week.days) == p + s + t
        # Heavy squats and hinges on different days are always 48 hours apart
        # (they share a day rather than train on consecutive days).
        heavy = [(d.name, e.exercise.id) for d in week.days for e in d.exercises if is_heavy(e.category, e.choice)]
        assert all(a == b or gap(a, b) >= 2 for i, (a, _) in enumerate(heavy) for b, _ in heavy[i + 1:])
        if not spaced:
            continue
        loads = load_per_day(week)
        # Greedy heaviest-first: no day ends more than one primary's weight above another.
        assert max(loads.values()) - min(loads.values()) <= CATEGORY_WEIGHT["primary"]
        # An empty day only while another day holds a single exercise at most... never two on one
        # day while another day is empty.
        if any(not d.exercises for d in week.days):
            assert all(len(d.exercises) <= 1 for d in week.days)


def test_heavy_hinges_and_squats_sit_48_hours_apart(tmp_path):
    # Monday, Tuesday and Thursday: the deadlift goes Monday, the Romanian
    # deadlift Thursday (not Tuesday, 24 h later), the hip thrust Tuesday.
    slots = [("main", "primary", 1, '{ selector = "ordered", from = ["deadlift"] }', None),
             ("hinge", "secondary", 2, '{ selector = "ordered", from = ["romanian-deadlift", "hip-thrust"] }', None)]
    plan = plan_of(tmp_path, rules_text(days='["mon", "tue", "thu"]', weeks=1, slots=slots))
    placed = {d.name: [e.exercise.id for e in d.exercises] for d in plan.weeks[0].days}
    assert placed == {"mon": ["deadlift"], "tue": ["hip-thrust"], "thu": ["romanian-deadlift"]}


def test_heavy_lifts_pinned_a_day_apart_are_reported(tmp_path):
    slots = [("main", "primary", 1, '{ selector = "ordered", from = ["deadlift"] }', "mon"),
             ("hinge", "secondary", 1, '{ selector = "ordered", from = ["romanian-deadlift"] }', "tue")]
    path = tmp_path / "rules.toml"
    path.write_text(rules_text(days='["mon", "tue"]', weeks=2, slots=slots))
    outcome = plan_rules(path, REG)
    spacing = [w.message for w in outcome.warnings if "48 hours" in w.message]
    assert spacing == ["weeks 1-2: deadlift (mon) and romanian-deadlift (tue) are 1 day apart; heavy squats "
                       "and hinges need 48 hours between them (move a slot's day, or pick days 2 apart)"]


# -- dates ------------------------------------------------------------------------------------


def test_no_start_no_dates(tmp_path):
    plan = plan_of(tmp_path, rules_text())
    assert all(d.date is None for w in plan.weeks for d in w.days)
    assert plan.program.start is None


def test_week_one_starts_on_the_start_date(rules_dir):
    plan = plan_rules(rules_dir / "glute-day.toml", REG).plan
    start = dt.date(2026, 12, 7)
    assert [w.days[0].date for w in plan.weeks] == [start + i * WEEK for i in range(8)]


def test_start_on_a_wednesday_with_mon_wed_fri(tmp_path):
    start = dt.date(2026, 12, 9)
    assert start.strftime("%a") == "Wed"
    plan = plan_of(tmp_path, rules_text(start="2026-12-09", weeks=3))
    for week in plan.weeks:
        window_start = start + (week.number - 1) * WEEK
        dates = [d.date for d in week.days]
        assert all(window_start <= x < window_start + WEEK for x in dates), dates
        assert dates == sorted(dates)
        assert [x.strftime("%a").lower() for x in dates] == [d.name for d in week.days]
    first = plan.weeks[0]
    assert [(d.name, d.date) for d in first.days] == [
        ("wed", dt.date(2026, 12, 9)), ("fri", dt.date(2026, 12, 11)), ("mon", dt.date(2026, 12, 14))]


def test_start_override(tmp_path):
    rules = rules_of(tmp_path, rules_text(start="2026-12-07", weeks=2))
    plan = evaluate(rules, REG, start=dt.date(2027, 1, 4))
    assert plan.program.start == dt.date(2027, 1, 4)
    assert plan.weeks[0].days[0].date == dt.date(2027, 1, 4)
    assert plan.weeks[1].days[0].date == dt.date(2027, 1, 11)
    # The rules themselves are untouched.
    assert rules.program.start == dt.date(2026, 12, 7)


def test_start_override_through_plan_rules(rules_dir):
    plan = plan_rules(rules_dir / "glute-day.toml", REG, start=dt.date(2027, 3, 1)).plan
    assert plan.weeks[0].days[0].date == dt.date(2027, 3, 1)


def test_start_on_a_sunday_single_training_day(tmp_path):
    slots = [("main", "primary", 1, '{ selector = "ordered", from = ["squat"] }', None)]
    plan = plan_of(tmp_path, rules_text(split="body-part", days='["sat"]', start="2026-12-06", slots=slots))
    assert [w.days[0].date for w in plan.weeks] == [dt.date(2026, 12, 12) + i * WEEK for i in range(4)]


# -- sets ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("sets, rpe, expected", [
    (3, (7.0, 8.0), [7.0, 7.5, 8.0]),
    (2, (7.0, 8.0), [7.0, 8.0]),
    (1, (7.0, 8.0), [7.0]),
    (4, (7.0, 8.0), [7.0, 7.5, 7.5, 8.0]),
    (4, (8.0, 9.0), [8.0, 8.5, 8.5, 9.0]),
    (3, (7.5, 7.5), [7.5, 7.5, 7.5]),
    (2, None, [None, None]),
])
def test_per_set_rpe_ramp(sets, rpe, expected):
    got = planned_sets(Target(sets=sets, reps=5, rpe=rpe))
    assert [s.rpe for s in got] == expected
    assert {s.reps for s in got} == {5}


def test_planned_sets_carry_the_load():
    assert planned_sets(Target(sets=2, reps=5, rpe=None, load=100.0)) == (
        PlannedSet(5, None, 100.0), PlannedSet(5, None, 100.0))
    assert planned_sets(Target(sets=0, reps=5)) == ()


def test_sets_in_the_plan_follow_the_prescription(rules_dir):
    plan = plan_rules(rules_dir / "glute-day.toml", REG).plan
    day = plan.weeks[0].days[0]
    curl = [e for e in plan.weeks[0].days[0].exercises if e.exercise.id == "hamstring-curl"][0]
    assert [s.rpe for s in curl.sets] == [8.0, 9.0]
    squat = day.exercises[0]
    assert [(s.reps, s.rpe, s.load) for s in squat.sets] == [(4, 7.0, None), (4, 7.5, None), (4, 8.0, None)]


def test_slot_prescription_patch_applies(rules_dir):
    plan = plan_rules(rules_dir / "low-back-friendly.toml", REG).plan
    thrust = [e for d in plan.weeks[0].days for e in d.exercises if e.slot == "main lift"][0]
    assert thrust.prescription.sets == (4, 4) and thrust.prescription.rest == (120, 180)
    assert len(thrust.sets) == 4 and thrust.target.reps == 6
    pump = [e for d in plan.weeks[0].days for e in d.exercises if e.slot == "accessories"]
    assert all(e.prescription.rpe == (7.0, 8.0) and e.prescription.reps == (12, 20) for e in pump)


# -- plan checks ----------------------------------------------------------------------------------


def test_same_exercise_twice_on_one_day_is_a_warning_at_the_later_slot(tmp_path):
    slots = [
        ("a", "primary", 1, '{ selector = "ordered", from = ["squat"] }', "mon"),
        ("b", "primary", 1, '{ selector = "ordered", from = ["squat"] }', "mon"),
    ]
    path = tmp_path / "rules.toml"
    path.write_text(rules_text(days='["mon", "thu"]', weeks=2, slots=slots))
    outcome = plan_rules(path, REG)
    warnings = [w for w in outcome.warnings if w.severity == WARNING]
    # one warning for all the weeks it happens in, at slot b's selection
    assert [(w.message, w.path) for w in warnings] == [(
        "weeks 1-2: squat is planned 2 times on mon (slots: a, b); give one of them other exercises if that is "
        "not meant", ("slot", 1, "select"))]


def test_same_exercise_on_two_days_is_a_training_frequency_not_a_warning(tmp_path):
    slots = [
        ("a", "primary", 1, '{ selector = "ordered", from = ["squat"] }', "mon"),
        ("b", "primary", 1, '{ selector = "ordered", from = ["squat"] }', "thu"),
    ]
    path = tmp_path / "rules.toml"
    path.write_text(rules_text(days='["mon", "thu"]', weeks=2, slots=slots))
    assert [w.message for w in plan_rules(path, REG).warnings if "planned" in w.message] == []


def test_weekly_composition_is_checked_on_the_evaluated_plan(tmp_path):
    from engine.model import Composition, replace

    rules = rules_of(tmp_path, rules_text(weeks=1))
    plan = evaluate(rules, REG)
    bad = replace(plan, composition=Composition(exercises=(6, 6), per_category={"tertiary": (3, 3)}))
    found = REG.check_plan(bad)
    assert [(p.path, p.message) for p in found] == [
        (("week", "tertiary"), "week 1 has 2 tertiary exercises (step-up, split-squat); "
                               "the rule file asks for exactly 3"),
        (("week", "exercises"), "week 1 has 5 exercises; the rule file asks for exactly 6"),
    ]


def test_plan_shape(rules_dir):
    plan = plan_rules(rules_dir / "full-body.toml", REG).plan
    assert [w.number for w in plan.weeks] == list(range(1, 9))
    assert plan.source == str(rules_dir / "full-body.toml")
    assert [n.id for n in plan.notes] == ["rep-model", "pain", "effort"]


def test_invalid_plan_raises_with_every_problem(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(rules_text().replace("weeks = 4", "weeks = 0"))
    with pytest.raises(EngineError) as info:
        plan_rules(path, REG)
    assert info.value.problems[0].path == ("program", "weeks")
