"""Rules -> Plan. A pure function: no I/O, no clock, no global state.

Selectors and progression policies come from the registry; a fault inside
one is raised as `PluginError` naming the plugin.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from typing import Any

from engine.catalog import prescription_from_data
from engine.components import ProgressionContext, SelectionContext
from engine.errors import PluginError
from engine.model import (
    CATEGORIES,
    WEEKDAYS,
    Choice,
    Day,
    Exercise,
    Plan,
    PlannedExercise,
    PlannedSet,
    Rules,
    SlotRule,
    Target,
    Week,
)
from engine.plugins import Registry

CATEGORY_WEIGHT = {"primary": 3, "secondary": 2, "tertiary": 1}


def evaluate(rules: Rules, registry: Registry, *, start: _dt.date | None = None) -> Plan:
    """Build the week-by-week plan. `start` overrides the rule file's start date."""
    program = rules.program if start is None else replace(rules.program, start=start)
    history: dict[int, list[tuple[Choice, ...]]] = {s.index: [] for s in rules.slots}
    targets: dict[tuple[int, str], Target] = {}
    exposures: dict[tuple[int, str], int] = {}
    weeks = []
    for week in range(1, program.weeks + 1):
        items: list[tuple[SlotRule, PlannedExercise]] = []
        for slot in rules.slots:
            picks = _select(slot, week, rules, registry, history[slot.index])
            history[slot.index].append(picks)
            for choice in picks:
                key = (slot.index, choice.key)
                exposures[key] = exposures.get(key, 0) + 1
                planned = _prescribe(slot, choice, week, exposures[key], targets, rules, registry)
                targets[key] = planned.target
                items.append((slot, planned))
        weeks.append(Week(week, _days(program, week, items)))
    return Plan(
        program=program,
        weeks=tuple(weeks),
        notes=rules.notes,
        composition=rules.composition,
        source=rules.file,
    )


def _select(slot: SlotRule, week: int, rules: Rules, registry: Registry,
            history: list[tuple[Choice, ...]]) -> tuple[Choice, ...]:
    reg = registry.selectors[slot.selector]
    ctx = SelectionContext(
        slot=slot.name, slot_index=slot.index, category=slot.category, count=slot.count,
        candidates=slot.candidates, week=week, weeks=rules.program.weeks,
        options=slot.options, seed=rules.program.seed, program=rules.program,
        history=tuple(history),
    )
    try:
        picked = reg.component.select(ctx)
        return tuple(_as_choice(item, rules.exercises) for item in picked)
    except PluginError:
        raise
    except Exception as exc:  # noqa: BLE001 - a plugin's fault names the plugin
        raise PluginError(reg.plugin, f"selector {slot.selector!r}", f"{type(exc).__name__}: {exc}") from exc


def _as_choice(item: Any, exercises: Any) -> Choice:
    if isinstance(item, Exercise):
        item = Choice(item, item.variants[0] if item.variants else None)
    if not isinstance(item, Choice):
        raise TypeError(f"a selector must return Choice or Exercise objects, got {type(item).__name__}")
    if item.exercise.id not in exercises:
        raise ValueError(f"selected exercise {item.exercise.id!r} is not in the catalog")
    return item


def _prescribe(slot: SlotRule, choice: Choice, week: int, exposure: int,
               targets: dict[tuple[int, str], Target], rules: Rules, registry: Registry) -> PlannedExercise:
    rx = prescription_from_data(slot.prescription, choice.exercise.prescription)
    rule = slot.progression
    reg = registry.progressions[rule.policy]
    ctx = ProgressionContext(
        prescription=rx, options=rule.options, units=rules.program.units,
        exercise=choice.exercise, week=week, exposure=exposure,
    )
    previous = targets.get((slot.index, choice.key))
    try:
        target = reg.component.start(ctx) if previous is None else reg.component.advance(ctx, previous)
        if not isinstance(target, Target):
            raise TypeError(f"expected a Target, got {type(target).__name__}")
    except Exception as exc:  # noqa: BLE001 - a plugin's fault names the plugin
        raise PluginError(reg.plugin, f"progression {rule.policy!r}", f"{type(exc).__name__}: {exc}") from exc
    return PlannedExercise(
        slot=slot.name, choice=choice, category=slot.category, prescription=rx,
        progression=rule.name, target=target, sets=planned_sets(target), notes=slot.notes,
    )


def planned_sets(target: Target) -> tuple[PlannedSet, ...]:
    """Spread effort across the sets from the bottom to the top of the RPE
    range (fatigue makes later sets at the same load feel harder)."""
    n = max(target.sets, 0)
    out = []
    for i in range(n):
        rpe = None
        if target.rpe is not None:
            lo, hi = target.rpe
            # Half points are what athletes rate; never leave the range.
            rpe = lo if n == 1 else min(max(round((lo + (hi - lo) * i / (n - 1)) * 2) / 2, lo), hi)
        out.append(PlannedSet(target.reps, rpe, target.load))
    return tuple(out)


def _days(program: Any, week: int, items: list[tuple[SlotRule, PlannedExercise]]) -> tuple[Day, ...]:
    """Place the week's exercises on training days: pinned ones first, then
    heaviest first onto the least-loaded day (ties go to the earlier day)."""
    days = list(program.days)
    placed: dict[str, list[tuple[SlotRule, PlannedExercise]]] = {d: [] for d in days}
    load = {d: 0 for d in days}
    if program.split == "body-part" or len(days) == 1:
        placed[days[0]] = list(items)
    else:
        free = []
        for slot, item in items:
            if slot.day:
                placed[slot.day].append((slot, item))
                load[slot.day] += CATEGORY_WEIGHT[item.category]
            else:
                free.append((slot, item))
        free.sort(key=lambda si: -CATEGORY_WEIGHT[si[1].category])  # stable: slot order kept
        for slot, item in free:
            day = min(days, key=lambda d: (load[d], len(placed[d]), days.index(d)))
            placed[day].append((slot, item))
            load[day] += CATEGORY_WEIGHT[item.category]
    out = []
    for d in _day_order(program, days):
        ordered = sorted(placed[d], key=lambda si: (CATEGORIES.index(si[1].category), si[0].index))
        out.append(Day(d, _date(program, week, d), tuple(item for _, item in ordered)))
    return tuple(out)


def _day_order(program: Any, days: list[str]) -> list[str]:
    if program.start is None:
        return days
    return sorted(days, key=lambda d: _offset(program.start, d))


def _offset(start: _dt.date, day: str) -> int:
    return (WEEKDAYS.index(day) - start.weekday()) % 7


def _date(program: Any, week: int, day: str) -> _dt.date | None:
    """Week 1 begins on the start date; each day falls within its week."""
    if program.start is None:
        return None
    return program.start + _dt.timedelta(days=7 * (week - 1) + _offset(program.start, day))
