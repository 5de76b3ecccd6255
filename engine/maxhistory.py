"""Which of a profile's maxes an exposure uses. A form may have a history
of tests (`[maxes] squat = [{...}, {...}]`); each exposure uses the latest
tested on or before its day, an undated one (the oldest) when none is
dated by then, exactly as a single max is used. A newer one starts the form
afresh (`engine.retest`)."""

from __future__ import annotations

import datetime as _dt
from typing import Mapping, Sequence

from engine.model import Athlete, Choice, Exercise, Max


def oldest_first(entries: Sequence[Max]) -> list[Max]:
    """The entries by date, an undated one first (it counts as the oldest)."""
    return sorted(entries, key=lambda m: m.date or _dt.date.min)


def max_on(entries: Sequence[Max], date: _dt.date | None) -> Max | None:
    """The max in use on `date`: the latest dated on or before it, else an
    undated one, else the oldest (tested after `date`: not known yet, which
    the caller says). With no date, the latest of all."""
    if len(entries) <= 1:  # none, or one max (the usual profile): in use whatever the day
        return entries[0] if entries else None
    ordered = oldest_first(entries)
    if date is None:
        return ordered[-1]
    known = [m for m in ordered if m.date is None or m.date <= date]
    return known[-1] if known else ordered[0]


def profile_tests(athlete: Athlete | None, exercises: Mapping[str, Exercise], choice: Choice) -> tuple[Max, ...]:
    """Every max of the profile for this form, as written (the exercise's
    own max stands for its default form): `max_on` picks the one in use."""
    if athlete is None:
        return ()
    full = exercises.get(choice.exercise.id, choice.exercise)
    form = full.form_key(choice.variant)
    key = form if form in athlete.maxes else full.id if form == full.default_form else None
    return athlete.tested(key) if key is not None else ()


def max_text(athlete: Athlete, m: Max, units: str, system: str, implements: int = 1) -> str:
    """Where an estimate from a profile max comes from, its load as the
    sheet writes it (2 x 16 kg: one dumbbell's); with several tests of the
    form, the day of the one used."""
    from engine.loaded import n

    what = "1RM" if m.reps == 1 and m.rpe >= 10 else f"{m.reps} rep{'s' * (m.reps != 1)} at RPE {m.rpe:g}"
    when = f", tested {m.date}" if m.date is not None and len(athlete.tested(m.exercise)) > 1 else ""
    each = f"{implements} x " if implements > 1 else ""
    held = f"{each}{n(m.load)} {units}" if m.load > 0 else "with nothing held"  # (bodyweight alone: not "2 x 0 kg")
    return f"max in {athlete.source}: {m.exercise} {held} ({what}{when}{system})"
