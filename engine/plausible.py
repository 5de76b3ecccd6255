"""A logged set no athlete lifts, read in the units it was typed in.

253.5 typed under a kg header for a deadlift whose profile max is 120 kg x
3 @ 8 (an e1RM of 140 kg) reads as an e1RM of about 310 kg: the plan
would build on it, and deload from 230 kg. Read in pounds it is 115 kg,
the athlete's strength. A set is so read when, as written, its e1RM is
more than `FAR` times that of every reference there is, and in the other
units within `NEAR` times of each: the median of the form's last days
before it (as read), of its next days (as written), and the profile's
max. Only that set is read so: a session's other sets stay as logged.

Every reference must agree: a slip among right sessions is outvoted on
both sides, while a right session beside a slip read as written (a week
typed in pounds, 43 kg as written, before 97.5 kg) or under a max far
off (every session far over it) is left as logged. A set with nothing to
compare with is read as written, and one far lighter than its references
is never changed: light days, an empty bar, a deload are real. The plan's
own check (`engine.unitslips`) still warns of a session that is the plan
in the other units.
"""

from __future__ import annotations

import datetime as _dt
import statistics
from typing import Mapping

from engine.errors import WARNING, Problem
from engine.history import COUNTED, form_of
from engine.loading import Loader
from engine.loads import convert
from engine.logmodel import Log, LoggedSet
from engine.model import Choice, Exercise, Performed
from engine.model.base import replace

FAR = 1.8  # as written, an e1RM this many times the best shown is no athlete's
NEAR = 1.3  # in the other units, an e1RM within this factor of the reference is the athlete's
RECENT = 5  # days of the form a set is compared with


def read_as_typed(log: Log, exercises: Mapping[str, Exercise], loader: Loader) -> tuple[Log, list[Problem]]:
    """The log with each set no athlete lifts read in the units it was
    typed in (module docstring), and a warning once per session so read.
    The sets of a session logged with the same number and unit are read
    alike, as its hardest of them says: one number was typed for them."""
    sets = [(s, _read(s, exercises, loader)) for s in log.sets]
    written: dict[str, dict[_dt.date, float]] = {}  # by form and day: the day's best e1RM, as written
    hardest: dict[tuple[object, ...], tuple[LoggedSet, float]] = {}  # by number typed: its hardest set
    for s, read in sets:
        if read is not None:
            day = written.setdefault(read[0], {})
            day[s.date] = max(day.get(s.date, 0.0), read[2])
            key = _typed_as(s)
            if key not in hardest or read[2] > hardest[key][1]:
                hardest[key] = (s, read[2])
    read_so: dict[str, dict[_dt.date, float]] = {}  # the same as read, for the days already read (oldest first)
    decided: dict[tuple[object, ...], list[tuple[float, str]] | None] = {}  # by number typed: the references
    # it is read in the other units by, or None
    out: list[LoggedSet] = []
    said: dict[tuple[str, _dt.date, str, str | None], list[Problem]] = {}  # by session: a warning for each number
    count: dict[tuple[str, _dt.date, str, str | None], int] = {}  # by session: the sets so read
    for s, read in sets:
        if read is not None:
            form, choice, e1 = read
            key = _typed_as(s)
            if key not in decided:
                top, top_e1 = hardest[key]
                refs = _references(read_so.get(form, {}), written[form], s.date, _max_e1rm(loader, choice, s))
                typed = _other(top, choice, loader) if refs and all(top_e1 > FAR * r for r, _ in refs) else None
                agree = typed is not None and all(r / NEAR <= typed[1] <= r * NEAR for r, _ in refs)
                decided[key] = refs if agree else None
                if agree and typed is not None:  # said of the hardest, at the first set so read
                    said.setdefault((s.file, s.date, s.exercise, s.variant), []).append(
                        replace(_warning(top, choice, loader, top_e1, typed, refs), line=s.line))
            if decided[key]:
                again = _other(s, choice, loader)
                assert again is not None
                count[s.file, s.date, s.exercise, s.variant] = count.get((s.file, s.date, s.exercise, s.variant), 0) + 1
                s, e1 = again
            day = read_so.setdefault(form, {})
            day[s.date] = max(day.get(s.date, 0.0), e1)
        out.append(s)
    if not said:
        return log, []
    # once per session, at its first set so read
    return Log(tuple(out), log.files), [_more(found[0], count[session] - 1) for session, found in said.items()]


def _typed_as(s: LoggedSet) -> tuple[object, ...]:
    """The sets one number typed stands for: a session's sets of that number and unit."""
    return s.file, s.date, s.exercise, s.variant, s.units, s.load


def _references(before: Mapping[_dt.date, float], written: Mapping[_dt.date, float], date: _dt.date,
                most: float) -> list[tuple[float, str]]:
    """What a day's set is compared with, each an e1RM and what it is:
    the median of the form's last days before it (as read) and of its
    next days (as written), and the profile's max. A set is read as typed
    only where every one of them says so: a slip among right sessions is
    outvoted on both sides, and a right session next to slips read as
    written, or beside a max far off, is left as it is."""
    earlier = [e1 for d, e1 in sorted(before.items()) if d < date][-RECENT:]
    later = [e1 for d, e1 in sorted(written.items()) if d > date][:RECENT]
    found = [(statistics.median(earlier), "the sessions before it")] if earlier else []
    found += [(statistics.median(later), "the sessions after it")] if later else []
    return found + ([(most, "the profile's max")] if most > 0 else [])


def _more(problem: Problem, others: int) -> Problem:
    if not others:
        return problem
    return replace(problem, message=problem.message.replace(
        ": check the units of this set", f" (and {others} more set{'s' if others > 1 else ''} of this session so "
                                         "read): check the units of these sets"))


def _read(s: LoggedSet, exercises: Mapping[str, Exercise], loader: Loader) -> tuple[str, Choice, float] | None:
    """The form, choice and e1RM of a counted set with a load, in the
    plan's units; None for any other."""
    ex = exercises.get(s.exercise)
    if ex is None or s.kind not in COUNTED or not s.load or s.load <= 0:
        return None
    form = form_of(exercises, s.exercise, s.variant, s.load)
    variant = ex.variant(form.partition("/")[2]) if "/" in form else None
    choice = Choice(ex, variant)
    e1 = loader.set_e1rm(choice, _performed(s, s.units, loader.units, form), 10.0)
    return None if e1 is None else (form, choice, e1)


def _performed(s: LoggedSet, units: str, plan_units: str, form: str) -> Performed:
    return Performed(s.date, s.reps, convert(s.load or 0.0, units, plan_units), s.rpe, s.kind,
                     f"{s.file}:{s.line}", form)


def _other(s: LoggedSet, choice: Choice, loader: Loader) -> tuple[LoggedSet, float] | None:
    """The set read in the other units, and its e1RM."""
    other = "lb" if s.units == "kg" else "kg"
    e1 = loader.set_e1rm(choice, _performed(s, other, loader.units, choice.key), 10.0)
    return None if e1 is None else (replace(s, units=other), e1)


def _max_e1rm(loader: Loader, choice: Choice, s: LoggedSet) -> float:
    m = loader.max_for(choice, s.date)
    e1 = loader.max_e1rm(choice, m) if m is not None and (m.date is None or m.date <= s.date) else None
    return e1 or 0.0


def _warning(s: LoggedSet, choice: Choice, loader: Loader, e1: float, typed: tuple[LoggedSet, float],
             refs: list[tuple[float, str]]) -> Problem:
    from engine.loaded import n

    units, other = loader.units, typed[0].units
    as_read = convert(s.load or 0.0, s.units, units)
    meant = convert(s.load or 0.0, other, units)
    written = f"{n(s.load or 0.0)} {s.units}" + (f" ({n(as_read)} {units})" if s.units != units else "")
    again = f"{n(s.load or 0.0)} {other}" + (f" ({n(meant)} {units})" if other != units else "")
    return Problem(s.file, (), (
        f"{choice.name} on {s.date}: the log's {written} x {s.reps} is an e1RM of {n(e1)} {units}, more than "
        f"{FAR:g} times that of {_listed(refs, units)}; read as {again}, an e1RM of {n(typed[1])} {units}, in "
        f"line with {'it' if len(refs) == 1 else 'them'}: check the units of this set"), WARNING, line=s.line, column=1)


def _listed(refs: list[tuple[float, str]], units: str) -> str:
    from engine.loaded import n

    parts = [f"{what} ({n(e1)} {units})" for e1, what in refs]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
