"""What a log says that the athlete's profile shows cannot have been
lifted, each an error at the set's load cell: help not less than
bodyweight (`engine.assist`), and a barbell load under the profile's bar;
and sets dated after today, a warning (`after_today`), as is a profile's
max dated after today (`maxes_after_today`).

A barbell load is the bar and its plates. 20 lb logged for a squat where
the profile's bar is 45 lb is a slip (a plate per side written for the
whole load, or the other units): read as lifted, it would take the next
squat down to the empty bar. A load in the other units a little under
the bar (the 20 kg bar, 44.09 lb, for a 45 lb one) is that bar.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable, Mapping

from engine.errors import WARNING, Problem
from engine.loads import convert
from engine.model import Athlete, Choice, Exercise, Gear

SAME_BAR = 0.03  # a share of the bar: a bar in the other units, or rounded, is the same bar


def against_profile(log: Any, exercises: Mapping[str, Exercise], person: Athlete) -> list[Problem]:
    """Every set of `log` the profile says cannot have been lifted so, and the warnings for help past the
    profile's machine."""
    from engine.assist import logged_help_problems

    found = logged_help_problems(log.sets, log.cells, exercises, person.bodyweight, person.units, person.source,
                                 {k: v.high for k, v in person.gear.stacks.items() if v.high}) \
        if person.bodyweight else []
    return found + under_bar(log.sets, log.cells, exercises, person)


def under_bar(sets: Iterable[Any], cells: Mapping[str, Any], exercises: Mapping[str, Exercise],
              person: Athlete) -> list[Problem]:
    """A barbell or trap-bar set logged lighter than the bar the profile has on its date (a warm-up aside:
    never read for progress, it may be done on a lighter bar)."""
    from engine.assist import form_named
    from engine.gear import kind_of

    out: list[Problem] = []
    for s in sets:
        ex = exercises.get(s.exercise) if s.load is not None and s.load > 0 and s.kind != "warmup" else None
        if ex is None:
            continue
        form = form_named(ex, s.variant)
        kind = kind_of(Choice(ex, form))
        if kind not in ("barbell", "trap-bar") or "smith-machine" in (form.equipment if form else ex.equipment):
            continue  # (a Smith machine's bar is often counterweighted: lighter than the profile's bar)
        gear = _gear_on(person, s.date)
        bar = gear.bar if kind == "barbell" else gear.trap_bar
        load = convert(s.load, s.units, person.units)
        if load >= bar * (1 - SAME_BAR):
            continue
        path, line, column = cells[s.file].load_cell(s.line, s.row)
        same = "" if s.units == person.units else f" ({round(load, 2):g} {person.units})"
        other = "lb" if s.units == "kg" else "kg"
        slip = convert(s.load, other, person.units)  # the number in the other units: a slip of units?
        units = f"; if it was {s.load:g} {other} ({round(slip, 2):g} {person.units}), write its units" \
            if slip >= bar * (1 - SAME_BAR) else ""
        out.append(Problem(s.file, path, (
            f"{s.load:g} {s.units}{same} is under the {bar:g} {person.units} {kind} of the profile "
            f"({person.source}): a {kind} load is the bar and its plates; check the load, or the profile's bar"
            f"{units}"), line=line, column=column))
    return out


def _gear_on(person: Athlete, date: Any) -> Gear:
    """The equipment the profile has on `date` (an `[[equipment]]` from a date on replaces it)."""
    gear = person.gear
    for change in person.gear_changes:
        if change.date <= date:
            gear = change.gear
    return gear


def after_today(log: Any, day: _dt.date) -> list[Problem]:
    """Sets dated after `day` (today), once per file at its first such row:
    a session not done yet, most often a date typed wrong (a month or a
    year off), marks the weeks up to it done and the planned days before it
    missed, without a word otherwise."""
    later: dict[str, list[Any]] = {}
    for s in log.sets:
        if s.date > day:
            later.setdefault(s.file, []).append(s)
    out = []
    for file, sets in later.items():
        first, days = min(sets, key=lambda s: (s.date, s.line)), sorted({s.date for s in sets})
        span = f"{days[0]}" if len(days) == 1 else f"{len(days)} days, {days[0]} to {days[-1]}"
        out.append(Problem(file, (first.row,), (
            f"dated after today ({day}): {span}; a session not done yet marks the weeks up to it done and the "
            "planned days before it missed: fix its date, or give the day to plan as of"), WARNING,
            line=first.line, column=1))
    return out


def maxes_after_today(plan: Any, day: _dt.date) -> list[Problem]:
    """The plan's athlete's maxes dated after `day` (today) and after the
    plan's first day, each a warning at its date: a max is in use from its
    date on, so a year typed wrong leaves the weeks before it planned
    without it (by effort, or from another max), without a word otherwise.
    One dated before the plan begins is in use from its first week."""
    person: Athlete | None = plan.athlete if plan is not None else None
    first = next((d.date for w in plan.weeks for d in w.days), None) if person is not None else None
    if person is None or first is None:
        return []
    out = []
    for key in person.maxes:
        entries = person.tested(key)
        listed = key in person.max_history and len(person.max_history[key]) == len(entries)
        for i, m in enumerate(entries):
            if m.date is not None and m.date > day and m.date > first:
                path = ("maxes", key, i, "date") if listed else ("maxes", key, "date")
                out.append(Problem(person.source, path, (
                    f"dated after today ({day}): a max is used from its date on, so the weeks before "
                    f"{m.date} are planned without it; fix its date if it was tested already"), WARNING))
    return out
