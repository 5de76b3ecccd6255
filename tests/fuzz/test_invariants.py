"""Property tests: generated, valid rule files -> plans a coach can rely on.

A hypothesis strategy builds the TOML text of a valid rule file from random
choices (split and days, weeks, units, start date, slots with their
candidates, selectors, prescription overrides, pinned days, progressions and
a consistent [week] table) and keeps, next to the text, what the file means
(each slot's eligible candidates and effective prescriptions, computed from
the built-in catalog without the engine's resolver). Each test evaluates the
file with `engine.pipeline.plan_rules` and checks one group of invariants.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from engine.catalog import builtin_exercises
from engine.gear import kind_of
from engine.pipeline import export, plan_rules
from engine.schedule import gap, is_heavy
from engine.testing import make_registry

CATALOG = {ex.id: ex for ex in builtin_exercises()}
IDS = tuple(CATALOG)
ALL_TAGS = tuple(sorted({t for ex in CATALOG.values() for t in ex.tags}))
CATEGORIES = ("primary", "secondary", "tertiary")
WEIGHT = {"primary": 3, "secondary": 2, "tertiary": 1}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_INCREMENT = {"lb": 5.0, "kg": 2.5}
EPS = 1e-9

SETTINGS = settings(
    max_examples=int(os.environ.get("ENGINE_INVARIANT_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# A registry for the whole module (the compiled schema is cached on it); the
# determinism test builds fresh ones.
REGISTRY = make_registry()


# --------------------------------------------------------------- TOML text ---


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(value)


def toml_table(header: str, table: dict[str, Any]) -> list[str]:
    return [header, *(f"{k} = {toml_value(v)}" for k, v in table.items()), ""]


# ------------------------------------------------------------ what it means ---


@dataclass(frozen=True)
class Rx:
    sets: tuple[int, int]
    reps: tuple[int, int]
    rpe: tuple[float, float] | None
    per_side: bool
    rest: tuple[int, int] | None


def as_range(value: Any) -> tuple[Any, Any]:
    return (value[0], value[1]) if isinstance(value, list) else (value, value)


def effective_rx(ex_id: str, patch: dict[str, Any]) -> Rx:
    """The exercise's own prescription with the slot's override applied
    (each field set in the override replaces the whole field)."""
    base = CATALOG[ex_id].prescription
    rpe = base.rpe
    if "rpe" in patch:
        lo, hi = as_range(patch["rpe"])
        rpe = (float(lo), float(hi))
    elif "rir" in patch:
        lo, hi = as_range(patch["rir"])
        rpe = (10.0 - float(hi), 10.0 - float(lo))
    return Rx(
        sets=as_range(patch["sets"]) if "sets" in patch else base.sets,
        reps=as_range(patch["reps"]) if "reps" in patch else base.reps,
        rpe=rpe,
        per_side=patch.get("per_side", base.per_side),
        rest=as_range(patch["rest"]) if "rest" in patch else base.rest,
    )


@dataclass
class SlotSpec:
    index: int
    name: str  # the name the plan shows (unique across slots)
    category: str
    count: int
    selector: str
    options: dict[str, Any]  # selector options (variants, every, seed, avoid_repeats)
    eligible: list[str]  # candidate ids, in the order the selector sees them
    patch: dict[str, Any]  # the prescription override, as written
    policy: str
    policy_options: dict[str, Any]
    day: str | None
    table: dict[str, Any] = field(default_factory=dict)  # the [[slot]] as written

    def rx(self, ex_id: str) -> Rx:
        return effective_rx(ex_id, self.patch)

    @property
    def variants(self) -> bool:
        return bool(self.options.get("variants"))

    def pool_size(self) -> int:
        if self.variants:
            return sum(max(len(CATALOG[e].variants), 1) for e in self.eligible)
        return len(self.eligible)


@dataclass
class RuleFile:
    text: str
    split: str
    days: list[str]  # as written (random order)
    weeks: int
    units: str
    start: dt.date | None
    slots: list[SlotSpec]

    def slot(self, name: str) -> SlotSpec:
        return next(s for s in self.slots if s.name == name)


# --------------------------------------------------------------- generator ---

NAME_TEXT = st.text(
    alphabet=st.characters(categories=["L", "N", "P"], include_characters=" ", codec="utf-8"),
    min_size=1, max_size=30,
).filter(lambda s: s.strip())


def tenths(lo: int, hi: int) -> st.SearchStrategy[float | int]:
    """Numbers from lo/10 to hi/10 in steps of 0.1, written as ints when whole."""
    return st.integers(lo, hi).map(lambda t: t // 10 if t % 10 == 0 else t / 10)


def int_range(lo: int, hi: int) -> st.SearchStrategy[Any]:
    pair = st.tuples(st.integers(lo, hi), st.integers(lo, hi)).map(lambda p: [min(p), max(p)])
    return st.one_of(st.integers(lo, hi), pair)


def num_range(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    pair = st.tuples(strategy, strategy).map(lambda p: [min(p), max(p)])
    return st.one_of(strategy, pair)


@st.composite
def prescription_patches(draw) -> dict[str, Any]:
    patch: dict[str, Any] = {}
    if draw(st.booleans()):
        patch["sets"] = draw(int_range(1, 20))
    if draw(st.booleans()):
        patch["reps"] = draw(int_range(1, 100))
    effort = draw(st.sampled_from(["none", "rpe", "rir"]))
    if effort == "rpe":
        patch["rpe"] = draw(num_range(tenths(10, 100)))
    elif effort == "rir":
        patch["rir"] = draw(num_range(tenths(0, 90)))
    if draw(st.booleans()):
        patch["per_side"] = draw(st.booleans())
    if draw(st.booleans()):
        patch["rest"] = draw(int_range(0, 1800))
    return patch


def progression_options(draw, policy: str, rep_span: tuple[int, int] | None) -> dict[str, Any]:
    """Valid options for a policy. `reps` (linear, rpe) stays inside every
    candidate's rep range; `rep_span` is that common range, if any."""
    opts: dict[str, Any] = {}
    if policy in ("double", "linear") and draw(st.booleans()):
        opts["increment"] = draw(tenths(1, 1000))
    if draw(st.booleans()):
        opts["sets"] = draw(st.sampled_from(["low", "high"]))
    if policy == "double" and draw(st.booleans()):
        opts["rep_step"] = draw(st.integers(1, 10))
    if policy in ("linear", "rpe") and rep_span and draw(st.booleans()):
        opts["reps"] = draw(st.integers(*rep_span))
    if policy == "rpe" and draw(st.booleans()):
        opts["step"] = draw(st.integers(1, 6).map(lambda h: h // 2 if h % 2 == 0 else h / 2))
    return opts


@st.composite
def rule_files(draw) -> RuleFile:
    split = draw(st.sampled_from(["body-part", "full-body"]))
    if split == "body-part":
        days = [draw(st.sampled_from(WEEKDAYS))]
    else:
        days = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True))
    weeks = draw(st.integers(1, 30))
    units_written = draw(st.sampled_from([None, "kg", "lb"]))
    start = draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)))
    program, default = _program(draw, split, days, weeks, units_written, start)

    tables = Tables()
    n_slots = draw(st.integers(1, 6))
    categories = [draw(st.sampled_from(CATEGORIES)) for _ in range(n_slots)]
    slots = [_slot(draw, i, categories, split, days, default, tables) for i in range(n_slots)]
    week = _week(draw, slots)

    lines = ["#:schema ../schemas/rules.schema.json", "version = 1", ""]
    lines += toml_table("[program]", program)
    if week:
        lines += toml_table("[week]", week)
    for rx_name, patch in tables.prescriptions.items():
        lines += toml_table(f"[prescriptions.{rx_name}]", patch)
    for prog_name, spec in tables.progressions.items():
        lines += toml_table(f"[progressions.{prog_name}]", spec)
    for slot in slots:
        lines += toml_table("[[slot]]", slot.table)
    return RuleFile("\n".join(lines), split, days, weeks, units_written or "kg", start, slots)


@dataclass
class Tables:
    """The named prescriptions and progressions the slots refer to."""

    prescriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    progressions: dict[str, dict[str, Any]] = field(default_factory=dict)


def _program(draw, split: str, days: list[str], weeks: int, units_written: str | None,
             start: dt.date | None) -> tuple[dict[str, Any], tuple[str, dict[str, Any]]]:
    """The [program] table, and the default progression policy with its options."""
    program: dict[str, Any] = {"name": draw(NAME_TEXT)}
    if draw(st.booleans()) or split == "full-body":
        program["split"] = split
    program["days"] = days
    program["weeks"] = weeks
    if units_written:
        program["units"] = units_written
    if start is not None:
        program["start"] = start
    if draw(st.booleans()):
        program["seed"] = draw(st.integers(0, 2**32 - 1))
    if draw(st.booleans()):
        program["notes"] = draw(st.booleans())
    default_policy, default_options = "none", {}
    if draw(st.booleans()):
        default_policy = draw(st.sampled_from(["none", "double", "linear", "rpe"]))
        default_options = progression_options(draw, default_policy, None)
        program["progression"] = (
            {"policy": default_policy, **default_options} if default_options or draw(st.booleans())
            else default_policy)
    return program, (default_policy, default_options)


def _slot(draw, i: int, categories: list[str], split: str, days: list[str],
          default: tuple[str, dict[str, Any]], tables: Tables) -> SlotSpec:
    category = categories[i]
    table: dict[str, Any] = {}
    if categories.count(category) == 1 and draw(st.booleans()):
        name = category  # the default name
    else:
        name = f"slot {i}"
        table["name"] = name
    table["category"] = category

    select: dict[str, Any] = {"selector": draw(st.sampled_from(["ordered", "rotate", "random"]))}
    eligible = _candidates(draw, category, table, select)
    count = draw(st.integers(1, len(eligible)))
    if count > 1 or draw(st.booleans()):
        table["count"] = count
    _selector_options(draw, select)
    # without `select` a slot takes its category's exercises, ordered
    if select != {"selector": "ordered"} or draw(st.booleans()):
        table["select"] = select

    patch = _prescription(draw, i, table, tables)
    policy, options = _progression(draw, i, table, eligible, patch, default, tables)
    day = None
    if split == "full-body" and draw(st.booleans()):
        day = draw(st.sampled_from(days))
        table["day"] = day
    if draw(st.booleans()):
        table["notes"] = draw(NAME_TEXT)
    return SlotSpec(
        index=i, name=name, category=category, count=count, selector=select["selector"],
        options={k: v for k, v in select.items() if k not in ("selector", "from", "tags", "exclude_tags")},
        eligible=eligible, patch=patch, policy=policy, policy_options=options, day=day, table=table,
    )


def _candidates(draw, category: str, table: dict[str, Any], select: dict[str, Any]) -> list[str]:
    """A `from` list, or tags to keep and drop; the ids the slot may pick."""
    if draw(st.booleans()):
        order = draw(st.permutations(IDS))
        eligible = list(order[: draw(st.integers(1, len(IDS)))])
        select["from"] = eligible
        # A slot picking exercises the catalog files under another
        # category says it counts them as its own.
        if any(CATALOG[e].category != category for e in eligible) or draw(st.booleans()):
            table["override_category"] = True
        return eligible
    pool = [e for e in IDS if CATALOG[e].category == category]
    anchor = CATALOG[draw(st.sampled_from(pool))]
    need = draw(st.lists(st.sampled_from(anchor.tags), unique=True, max_size=3))
    others = [t for t in ALL_TAGS if t not in anchor.tags] + ["no-such-tag"]
    drop = draw(st.lists(st.sampled_from(others), unique=True, max_size=2))
    if need:
        select["tags"] = need
    if drop:
        select["exclude_tags"] = drop
    return [e for e in pool if set(need) <= set(CATALOG[e].tags) and not set(drop) & set(CATALOG[e].tags)]


def _selector_options(draw, select: dict[str, Any]) -> None:
    if draw(st.booleans()):
        select["variants"] = draw(st.booleans())
    if select["selector"] == "rotate" and draw(st.booleans()):
        select["every"] = draw(st.integers(1, 52))
    if select["selector"] == "random":
        if draw(st.booleans()):
            select["seed"] = draw(st.integers(0, 2**32 - 1))
        if draw(st.booleans()):
            select["avoid_repeats"] = draw(st.booleans())


def _prescription(draw, i: int, table: dict[str, Any], tables: Tables) -> dict[str, Any]:
    """No override, an inline one or a named one; returns the override."""
    how = draw(st.sampled_from(["none", "inline", "named"]))
    if how == "none":
        return {}
    patch = draw(prescription_patches())
    if how == "inline":
        table["prescription"] = patch
    else:
        tables.prescriptions[f"rx-{i}"] = patch
        table["prescription"] = f"rx-{i}"
    return patch


def _progression(draw, i: int, table: dict[str, Any], eligible: list[str], patch: dict[str, Any],
                 default: tuple[str, dict[str, Any]], tables: Tables) -> tuple[str, dict[str, Any]]:
    """The program's default, a bare policy, an inline table or a named one."""
    reps_lo = max(effective_rx(e, patch).reps[0] for e in eligible)
    reps_hi = min(effective_rx(e, patch).reps[1] for e in eligible)
    span = (reps_lo, reps_hi) if reps_lo <= reps_hi else None
    how = draw(st.sampled_from(["default", "policy", "inline", "named"]))
    if how == "default":
        return default
    policy = draw(st.sampled_from(["none", "double", "linear", "rpe"]))
    options = progression_options(draw, policy, span) if how != "policy" else {}
    if how == "policy":
        table["progression"] = policy
    elif how == "inline":
        table["progression"] = {"policy": policy, **options}
    else:
        tables.progressions[f"prog_{i}"] = {"policy": policy, **options}
        table["progression"] = f"prog_{i}"
    return policy, options


def _week(draw, slots: list[SlotSpec]) -> dict[str, Any]:
    """A [week] table the slots meet: exact counts or ranges around them."""
    week: dict[str, Any] = {}
    totals = {c: sum(s.count for s in slots if s.category == c) for c in CATEGORIES}
    totals["exercises"] = sum(s.count for s in slots)
    if draw(st.booleans()):
        for key in ("exercises", *CATEGORIES):
            n = totals[key]
            kind = draw(st.sampled_from(["omit", "exact", "range"]))
            if kind == "exact":
                week[key] = n
            elif kind == "range":
                week[key] = [draw(st.integers(0, n)), draw(st.integers(n, 50))]
    return week


def upgrades(form: Any, variants: tuple[Any, ...]) -> list[Any]:
    """A form and the forms its `harder` chain leads to."""
    out = [form]
    while form is not None and form.harder:
        form = next(v for v in variants if v.id == form.harder)
        out.append(form)
    return out


def plan_of(rf: RuleFile, tmp_path: Path, registry=REGISTRY):
    note(rf.text)
    path = tmp_path / "rules.toml"
    path.write_text(rf.text, encoding="utf-8")
    outcome = plan_rules(path, registry)
    assert outcome.plan is not None
    return outcome.plan


def items_by_slot(rf: RuleFile, week) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for day in week.days:
        for ex in day.exercises:
            out[ex.slot].append(ex)
    return out


def exposures(rf: RuleFile, plan) -> dict[tuple[Any, ...], list]:
    """Every training line's exposures in order: an exercise form under one
    prescription and progression, whichever slots train it."""
    seq: dict[tuple[Any, ...], list] = defaultdict(list)
    for week in plan.weeks:
        for day in week.days:
            for ex in day.exercises:
                slot = rf.slot(ex.slot)
                line = (ex.exercise.id, ex.variant.id if ex.variant else None, slot.rx(ex.exercise.id),
                        slot.policy, repr(sorted(slot.policy_options.items())))
                seq[(slot.index, *line)].append(ex)
    merged: dict[tuple[Any, ...], list] = defaultdict(list)
    first: dict[tuple[Any, ...], int] = {}
    for key, items in seq.items():
        first.setdefault(key[1:], key[0])
        merged[(first[key[1:]], *key[1:3])].extend(items)
    return {k: sorted(v, key=lambda ex: ex.state.exposures if ex.state else 0) for k, v in merged.items()}


# ------------------------------------------------------------------ tests ---


@SETTINGS
@given(rf=rule_files())
def test_weeks_days_and_dates(rf, tmp_path):
    plan = plan_of(rf, tmp_path)
    assert plan.program.weeks == rf.weeks
    assert [w.number for w in plan.weeks] == list(range(1, rf.weeks + 1))
    training_days = sorted(rf.days, key=WEEKDAYS.index)
    for week in plan.weeks:
        names = [d.name for d in week.days]
        assert sorted(names, key=WEEKDAYS.index) == training_days  # one Day per training day
        if rf.split == "body-part":
            assert len(week.days) == 1
        if rf.start is None:
            assert names == training_days  # weekday order
            assert all(d.date is None for d in week.days)
            continue
        first = rf.start + dt.timedelta(days=7 * (week.number - 1))
        for day in week.days:
            assert first <= day.date < first + dt.timedelta(days=7), (week.number, day)
            assert day.date.weekday() == WEEKDAYS.index(day.name), (week.number, day)
        dates = [d.date for d in week.days]
        assert dates == sorted(dates)


@SETTINGS
@given(rf=rule_files())
def test_every_slot_fills_its_count_from_its_candidates(rf, tmp_path):
    plan = plan_of(rf, tmp_path)
    previous: dict[str, set[str]] = {}
    for week in plan.weeks:
        by_slot = items_by_slot(rf, week)
        assert set(by_slot) == {s.name for s in rf.slots}
        for slot in rf.slots:
            items = by_slot[slot.name]
            assert len(items) == slot.count, (week.number, slot.name)
            for ex in items:
                assert ex.exercise.id in slot.eligible, (week.number, slot.name, ex.exercise.id)
                assert ex.category == slot.category
                variants = CATALOG[ex.exercise.id].variants
                if slot.variants:
                    assert ex.variant in variants
                else:
                    # the default form, or the harder form it moved to on topping out
                    assert ex.variant in upgrades(variants[0] if variants else None, variants)
            keys = [ex.choice.key for ex in items]
            assert len(set(keys)) == len(keys), (week.number, slot.name, keys)
            if slot.selector == "ordered":
                # the first `count` candidates (days may reorder them)
                assert sorted(ex.exercise.id for ex in items) == sorted(slot.eligible[: slot.count])
            if (slot.selector == "random" and slot.options.get("avoid_repeats", True)
                    and slot.name in previous and slot.pool_size() - slot.count >= slot.count):
                # "avoids last week's when it can"
                assert not previous[slot.name] & set(keys), (week.number, slot.name)
            previous[slot.name] = set(keys)


@SETTINGS
@given(rf=rule_files())
def test_no_exercise_twice_within_a_slot_in_a_week(rf, tmp_path):
    plan = plan_of(rf, tmp_path)
    for week in plan.weeks:
        for slot_name, items in items_by_slot(rf, week).items():
            ids = [ex.exercise.id for ex in items]
            assert len(set(ids)) == len(ids), (
                f"week {week.number}, slot {slot_name!r}: {[ex.choice.key for ex in items]}")


@SETTINGS
@given(rf=rule_files())
def test_pinned_slots_and_balanced_days(rf, tmp_path):
    plan = plan_of(rf, tmp_path)
    for week in plan.weeks:
        load, free_load, free_weights = _day_loads(rf, week)
        if rf.split != "full-body" or not free_weights:
            continue
        heavy = [d.name for d in week.days for ex in d.exercises if is_heavy(ex.category, ex.choice)]
        if not any(s.day for s in rf.slots):
            # heavy squats and hinges share a day or sit 48 hours apart
            assert all(a == b or gap(a, b) >= 2 for i, a in enumerate(heavy) for b in heavy[i + 1:]), heavy
        if any(gap(a, b) < 2 for i, a in enumerate(rf.days) for b in rf.days[i + 1:]):
            continue  # days too close for both spacing and balance: spacing wins
        biggest = max(free_weights)
        if not any(s.day for s in rf.slots):
            # nothing pinned: the days' loads differ by at most one item's weight
            assert max(free_load.values()) - min(free_load.values()) <= biggest, (week.number, free_load)
        # Pinned items count towards a day's load (they are placed first and
        # the rest go to the least-loaded day), so with pins the bound is: a
        # day that received unpinned work is at most one item heavier than
        # the lightest day.
        lightest = min(load.values())
        for name in free_load:
            if any(not _pinned(rf, ex) for d in week.days if d.name == name for ex in d.exercises):
                assert load[name] - lightest <= biggest, (week.number, load)


def _pinned(rf: RuleFile, ex: Any) -> bool:
    return rf.split == "full-body" and rf.slot(ex.slot).day is not None


def _day_loads(rf: RuleFile, week: Any) -> tuple[dict[str, int], dict[str, int], list[int]]:
    """Each day's load, its load from unpinned slots, and the weights of
    the unpinned items; pinned slots are checked to be on their day."""
    load = {d.name: 0 for d in week.days}
    free_load = {d.name: 0 for d in week.days}
    free_weights = []
    for day in week.days:
        for ex in day.exercises:
            load[day.name] += WEIGHT[ex.category]
            if _pinned(rf, ex):
                assert day.name == rf.slot(ex.slot).day, (week.number, ex.slot, day.name)
            else:
                free_load[day.name] += WEIGHT[ex.category]
                free_weights.append(WEIGHT[ex.category])
    return load, free_load, free_weights


@SETTINGS
@given(rf=rule_files())
def test_sets_and_reps_within_the_prescription(rf, tmp_path):
    plan = plan_of(rf, tmp_path)
    for week in plan.weeks:
        for day in week.days:
            for ex in day.exercises:
                slot = rf.slot(ex.slot)
                rx = slot.rx(ex.exercise.id)
                assert ex.prescription.sets == rx.sets
                assert ex.prescription.reps == rx.reps
                assert ex.prescription.per_side == rx.per_side
                assert ex.prescription.rest == rx.rest
                assert (ex.prescription.rpe is None) == (rx.rpe is None)
                if rx.rpe is not None:
                    assert ex.prescription.rpe == pytest.approx(rx.rpe)
                assert rx.sets[0] <= len(ex.sets) <= rx.sets[1]
                high = slot.policy_options.get("sets") == "high"
                if not (ex.state and ex.state.topped):  # a form that tops out may add a set
                    assert len(ex.sets) == (rx.sets[1] if high else rx.sets[0])
                for s in ex.sets:
                    assert rx.reps[0] <= s.reps <= rx.reps[1], (week.number, slot.name, s)


@SETTINGS
@given(rf=rule_files())
def test_set_rpe_within_the_range_and_never_easier(rf, tmp_path):
    plan = plan_of(rf, tmp_path)
    for week in plan.weeks:
        for day in week.days:
            for ex in day.exercises:
                rx = rf.slot(ex.slot).rx(ex.exercise.id)
                rpes = [s.rpe for s in ex.sets]
                if rx.rpe is None:
                    assert rpes == [None] * len(rpes)
                    continue
                lo, hi = rx.rpe
                for value in rpes:
                    assert lo - EPS <= value <= hi + EPS, (
                        f"week {week.number} {ex.slot}/{ex.choice.key}: set RPEs {rpes} outside "
                        f"RPE range {rx.rpe}")
                assert all(a <= b for a, b in zip(rpes, rpes[1:], strict=False)), rpes


@SETTINGS
@given(rf=rule_files())
def test_progressions(rf, tmp_path):
    plan = plan_of(rf, tmp_path)
    for (index, ex_id, _variant), seq in exposures(rf, plan).items():
        slot = rf.slots[index]
        loads = [ex.target.added_load for ex in seq]
        assert all(a <= b for a, b in zip(loads, loads[1:], strict=False)), loads  # never decreases
        assert all(len({s.reps for s in ex.sets}) <= 1 for ex in seq)
        assert all(s.reps == ex.target.reps for ex in seq for s in ex.sets)
        POLICY_CHECKS[slot.policy](rf, slot, slot.rx(ex_id), seq)


def _check_none(rf: RuleFile, slot: SlotSpec, rx: Rx, seq: list) -> None:
    first = seq[0]
    assert first.target.reps == rx.reps[0] and first.target.added_load == 0
    for ex in seq:
        assert ex.sets == first.sets
        assert (ex.target.reps, ex.target.rpe, ex.target.added_load) == (
            first.target.reps, first.target.rpe, first.target.added_load)


def _increment(rf: RuleFile, slot: SlotSpec) -> float:
    return float(slot.policy_options.get("increment", DEFAULT_INCREMENT[rf.units]))


def _check_double(rf: RuleFile, slot: SlotSpec, rx: Rx, seq: list) -> None:
    lo, hi = rx.reps
    step, inc = slot.policy_options.get("rep_step", 1), _increment(rf, slot)
    want_reps, want_load = lo, 0.0
    for k, ex in enumerate(seq):
        if k:
            if want_reps < hi:
                want_reps = min(want_reps + step, hi)
            elif kind_of(ex.choice) != "none":
                want_reps, want_load = lo, want_load + inc
            # a form that takes no load tops out: same reps, a set more or a note
        assert ex.target.reps == want_reps, (slot.name, [e.target.reps for e in seq])
        assert ex.target.added_load == pytest.approx(want_load), (slot.name, [e.target.added_load for e in seq])


def _check_linear(rf: RuleFile, slot: SlotSpec, rx: Rx, seq: list) -> None:
    want, inc = slot.policy_options.get("reps", rx.reps[0]), _increment(rf, slot)
    for k, ex in enumerate(seq):
        if kind_of(ex.choice) == "none":  # no load to add: reps, then sets, climb instead
            assert want <= ex.target.reps <= max(want, rx.reps[1])
        else:
            assert ex.target.reps == want
        steps = 0 if kind_of(ex.choice) == "none" else k
        assert ex.target.added_load == pytest.approx(steps * inc), (slot.name, [e.target.added_load for e in seq])


def _check_rpe(rf: RuleFile, slot: SlotSpec, rx: Rx, seq: list) -> None:
    want = slot.policy_options.get("reps", rx.reps[0])
    step = slot.policy_options.get("step", 0.5)
    effort = rx.rpe[0]
    for k, ex in enumerate(seq):
        if k:
            effort = effort + step if effort + step <= rx.rpe[1] + EPS else rx.rpe[0]
        assert ex.target.reps == want and ex.target.added_load == 0
        assert ex.target.rpe == pytest.approx((effort, effort))


POLICY_CHECKS = {"none": _check_none, "double": _check_double, "linear": _check_linear, "rpe": _check_rpe}


@SETTINGS
@given(rf=rule_files())
def test_exports_parse_and_are_deterministic(rf, tmp_path):
    outputs = []
    for _ in range(2):
        registry = make_registry()
        plan = plan_of(rf, tmp_path, registry)
        outputs.append({fmt: export(plan, registry, fmt, {}) for fmt in ("text", "json", "markdown")})
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0]["json"])
    assert [w["week"] for w in data["weeks"]] == list(range(1, rf.weeks + 1))
    assert data["program"]["start"] == (rf.start.isoformat() if rf.start else None)
    total = sum(s.count for s in rf.slots)
    for week in data["weeks"]:
        assert sum(len(d["exercises"]) for d in week["days"]) == total


# ------------------------------------------- the failures above, pinned down ---
# Concrete rule files for the engine bugs the properties found, so they fail
# the same way on every run.


def _plan_text(text: str, tmp_path: Path):
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return plan_rules(path, make_registry()).plan


PRIMARY_WITH_VARIANTS = """\
version = 1
[program]
name = "variants"
days = ["mon"]
weeks = 4
seed = 0
[[slot]]
category = "primary"
count = 2
select = {{ selector = "{selector}", variants = true }}
"""


@pytest.mark.parametrize("selector", ["rotate", "random"])
def test_variants_never_put_one_exercise_twice_in_a_slot(selector, tmp_path):
    # squat has 2 variants and deadlift 4. rotate walks the interleaved pool
    # (squat/high-bar, deadlift/conventional, squat/low-bar, deadlift/sumo,
    # deadlift/trap-bar, deadlift/rack-pull) two at a time, so week 3 is
    # trap-bar deadlift + rack pull; random (program seed 0) samples
    # deadlift/rack-pull + deadlift/sumo in week 2.
    plan = _plan_text(PRIMARY_WITH_VARIANTS.format(selector=selector), tmp_path)
    for week in plan.weeks:
        keys = [ex.choice.key for day in week.days for ex in day.exercises]
        ids = [key.split("/")[0] for key in keys]
        assert len(set(ids)) == len(ids), f"week {week.number}: {keys}"


RPE_OFF_THE_HALF_POINT_GRID = """\
version = 1
[program]
name = "effort"
days = ["mon"]
weeks = 1
[[slot]]
category = "primary"
select = { selector = "ordered", from = ["squat"] }
prescription = { sets = 3, rir = [2.2, 2.8] }
"""


def test_set_rpe_stays_inside_an_rpe_range_off_the_half_point_grid(tmp_path):
    # rir = [2.2, 2.8] is RPE 7.2-7.8; the three sets come out 7, 7.5, 8.
    plan = _plan_text(RPE_OFF_THE_HALF_POINT_GRID, tmp_path)
    (ex,) = plan.weeks[0].days[0].exercises
    lo, hi = ex.prescription.rpe
    assert (lo, hi) == pytest.approx((7.2, 7.8))
    rpes = [s.rpe for s in ex.sets]
    assert all(lo - EPS <= r <= hi + EPS for r in rpes), rpes
