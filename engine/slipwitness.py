"""Whether the athlete's own record agrees that a session far over the plan
was typed in the other units, or with a decimal point missing
(`engine.unitslips` reads it so only then).

A session whose number is the plan's load in the other units, and as
written more than twice the plan (253.5 under a kg header for a planned
115 kg deadlift), is read in the units it was typed in when the profile's
max for the form (undated, or dated in the `MAX_WEEKS` before), and the
median e1RM of the form's sessions in the `WEEKS` before it (as read,
none in doubt), all agree: as written, its e1RM is more than `FAR` times
each, and as typed within `NEAR` times of each. The max is required:
without it, the sessions before may be a light week, a technique day or
a slip the engine missed, and a right session would be read down. The
sessions after a session are no witness: a slip repeated the next week
would speak for the first, and an athlete whose app was in the wrong
units from the first session would be read down once and then planned
from twice their strength. A session read as typed witnesses the next
as read: so, in turn, a max under half the athlete's strength, with a
log whose numbers match the plan's in the other units, reads the log
down week after week (each warned about: fix the max). A weighted form is
not judged so: its e1RM counts bodyweight, and a slip in the added load
moves it far less than twice.
"""

from __future__ import annotations

import datetime as _dt
from typing import Mapping

from engine.history import COUNTED, form_of
from engine.loading import Loader
from engine.loads import convert
from engine.logmodel import Log, LoggedSet
from engine.model import Choice, Exercise, Performed
from engine.ramp import median

FAR = 1.8  # as written, an e1RM this many times the witness's is no athlete's
BODY = 6.0  # an e1RM this many times bodyweight is no lift (the strongest lift about 5 times theirs)
NEAR = 1.3  # as typed, an e1RM within this factor of the witness's is the athlete's
RECENT = 5  # sessions of the form before it a session is compared with
WEEKS = 12  # and how far back they may be
MAX_WEEKS = 26  # a dated max older than this is no witness

Witness = tuple[float, str]  # an e1RM and what it is


def witnesses(log: Log, exercises: Mapping[str, Exercise], loader: Loader, row: LoggedSet,
              aside: set[tuple[str, str | None, _dt.date]], meant: LoggedSet | None = None,
              alone: bool = False) -> list[Witness] | None:
    """The witnesses that agree `row` (a session's heaviest set) was typed
    in the other units, or was `meant` (the number with a decimal point
    missing: 72.5 typed 725); None when there is none or any disagrees.
    `aside`: the sessions in doubt, no witness. A decimal point rests on
    the sessions before (each near as meant), and on the max alone only
    where `alone` (the number, as written, is no lift: `beyond_body`): a
    max may be the slip itself (2.5 typed for a 25 kg row's), and would
    read right sessions down; a max stays a witness that, as written, the
    session is far over it."""
    choice = _choice(exercises, row)
    written = _e1rm(loader, choice, row, row.units)
    typed = _e1rm(loader, choice, row, "lb" if row.units == "kg" else "kg") if meant is None else \
        _e1rm(loader, choice, meant, meant.units)
    if choice is None or written is None or typed is None:
        return None
    most = _max_e1rm(loader, choice, row.date, row.date - _dt.timedelta(weeks=MAX_WEEKS))
    before = _sessions(log, exercises, loader, row, aside)
    found = ([(most, "the profile's max")] if most else []) + before
    if not (before or alone and most if meant is not None else most):
        return None

    def near(e1: float) -> bool:
        return e1 / NEAR <= typed <= e1 * NEAR

    said = found if meant is None else [w for w in found if w in before or near(w[0])]  # (a max far off: stale)
    agree = all(near(e1) for e1, _ in (found if meant is None or not before else before)) \
        and all(written > FAR * e1 for e1, _ in found)
    return said if agree else None


def beyond_body(exercises: Mapping[str, Exercise], loader: Loader, row: LoggedSet) -> bool:
    """Whether `row`'s number, as written, is no lift: heavier than the
    athlete's equipment makes (175 kg on a dumbbell rack that stops at
    40), or an e1RM over `BODY` times bodyweight (625 kg x 5 for an 80 kg
    lifter)."""
    choice = _choice(exercises, row)
    if choice is None or not row.load:
        return False
    imp = loader.implement(choice)
    load = convert(row.load, row.units, loader.units)
    if imp is not None and imp.top is not None and load > imp.top * (1 + 1e-9):
        return True
    written = _e1rm(loader, choice, row, row.units)
    body = loader.athlete.bodyweight if loader.athlete is not None else None
    return bool(body) and written is not None and written > BODY * float(body or 0.0)


def beyond_max(exercises: Mapping[str, Exercise], loader: Loader, row: LoggedSet) -> tuple[float, float] | None:
    """The set's e1RM as written and the profile's max's, where the first
    is more than `FAR` times the second; else None."""
    choice = _choice(exercises, row)
    written = _e1rm(loader, choice, row, row.units)
    most = _max_e1rm(loader, choice, row.date) if choice is not None else None
    return (written, most) if written is not None and most and written > FAR * most else None


def _max_e1rm(loader: Loader, choice: Choice, date: _dt.date, since: _dt.date | None = None) -> float | None:
    """The e1RM of the profile's max for the form on `date`: undated, or
    dated on or before it (and on or after `since`, when given)."""
    m = loader.max_for(choice, date)
    if m is None or m.date is not None and not (since or m.date) <= m.date <= date:
        return None
    return loader.max_e1rm(choice, m)


def _sessions(log: Log, exercises: Mapping[str, Exercise], loader: Loader, row: LoggedSet,
              aside: set[tuple[str, str | None, _dt.date]]) -> list[Witness]:
    """The median e1RM of the form's last sessions in the `WEEKS` before
    `row`'s day (as read, none in doubt), each day by its best set."""
    days: dict[_dt.date, float] = {}
    since = row.date - _dt.timedelta(weeks=WEEKS)
    for s in log.sets:
        if s.exercise != row.exercise or s.variant != row.variant or not since <= s.date < row.date \
                or s.kind not in COUNTED or not s.load or (s.exercise, s.variant, s.date) in aside:
            continue
        e1 = _e1rm(loader, _choice(exercises, s), s, s.units)
        if e1 is not None:
            days[s.date] = max(days.get(s.date, 0.0), e1)
    before = [e1 for _, e1 in sorted(days.items())][-RECENT:]
    return [(median(before), "the sessions before it")] if before else []


def _choice(exercises: Mapping[str, Exercise], s: LoggedSet) -> Choice | None:
    ex = exercises.get(s.exercise)
    if ex is None:
        return None
    form = form_of(exercises, s.exercise, s.variant, s.load)
    return Choice(ex, ex.variant(form.partition("/")[2]) if "/" in form else None)


def _e1rm(loader: Loader, choice: Choice | None, s: LoggedSet, units: str) -> float | None:
    """The set's e1RM with its number read in `units` (unrated: at RPE 10)."""
    if choice is None or not s.load:
        return None
    done = Performed(s.date, s.reps, convert(s.load, units, loader.units), s.rpe, s.kind, f"{s.file}:{s.line}",
                     choice.key)
    return loader.set_e1rm(choice, done, 10.0)
