"""A logged session whose working sets are the planned load in the other
units: 85 typed with `lb` by a kg athlete planned 85 kg (38.56 kg as
written), or 253.5 typed under a kg header for a planned 115 kg (253.5 lb,
253.5 kg as written). The engine reads what the log says; the coach hears
of it once per session, at the set's line, with both readings.

Only the session's working sets (its heaviest) are compared with the plan:
an unmarked warm-up of 95 lb on a day planned 95 kg is a warm-up. The
number typed must match the plan's number in the other units, within 5%:
that needs the log's own number and unit (`LoggedSet`). 45 kg logged
under kg on a day planned 100 kg is a light session, not 99.2 lb. A
session far over a plan that was made from a session in doubt is the
athlete's real strength, not another slip.

Reading such a session as typed instead was tried and is not safe by the
plan alone: a slip in one set of a session, a real light day before a
normal one, and a first session with nothing before it all mislead a
rule that compares with the plan (see docs/logs.md)."""

from __future__ import annotations

import datetime as _dt

from engine.errors import WARNING, Problem
from engine.loads import convert
from engine.logmodel import Log, LoggedSet
from engine.model import Performed, Plan, PlannedExercise

TOLERANCE = 0.05  # of the planned load: a set a little off the plan in the wrong units still reads as one

Doubted = set[tuple[str, "str | None", _dt.date]]  # exercise, variant, date of sessions warned about


def unit_slips(plan: Plan, log: Log, units: str) -> list[Problem]:
    """A warning for each logged session whose working sets are the load
    planned for them in the other units."""
    found: list[Problem] = []
    doubted: Doubted = set()
    rows: dict[str, LoggedSet] | None = None
    for week in plan.weeks:
        for day in week.days:
            for ex in day.exercises:
                working = _working(ex)
                if not working:
                    continue
                rows = rows if rows is not None else {f"{s.file}:{s.line}": s for s in log.sets}
                slip = _slip(ex, working, rows, log, units, doubted)
                if slip is not None:
                    found.append(slip)
    return found


def _working(ex: PlannedExercise) -> list[Performed]:
    """The session's heaviest sets, when their load, read in either units,
    is within 5% of the load planned (a cheap first look); else none."""
    planned = ex.target.load
    if not ex.performed or ex.logged_as is not None or not planned or planned <= 0:
        return []
    top = max((p.load or 0.0 for p in ex.performed), default=0.0)
    if top <= 0:
        return []
    near = abs(convert(top, "kg", "lb") - planned) <= TOLERANCE * planned \
        or abs(convert(top, "lb", "kg") - planned) <= TOLERANCE * planned
    return [p for p in ex.performed if p.load == top] if near else []


def _slip(ex: PlannedExercise, working: list[Performed], rows: dict[str, LoggedSet], log: Log, units: str,
          doubted: Doubted) -> Problem | None:
    from engine.loaded import n

    planned = ex.target.load
    assert planned is not None
    sets = [rows[p.source] for p in working if p.source in rows]
    if not sets or len({s.units for s in sets}) > 1:
        return None
    row = sets[0]
    typed = "lb" if row.units == "kg" else "kg"  # the units the number was typed in, if it is a slip
    meant, as_read = convert(row.load or 0.0, typed, units), convert(row.load or 0.0, row.units, units)
    if any(abs(convert(s.load or 0.0, typed, units) - planned) > TOLERANCE * planned for s in sets):
        return None
    if as_read > 2 * planned and _blamed(row, doubted, _last_before(log, row, units, doubted)):
        return None  # planned from an earlier session in doubt: this one is as logged
    doubted.add((row.exercise, row.variant, row.date))
    first = f"{ex.choice.name} on {row.date}: the log's {n(row.load or 0.0)} {row.units}" \
        + (f" ({n(as_read)} {units})" if row.units != units else "") + f", and {n(planned)} {units} was planned"
    both = f"{n(row.load or 0.0)} {typed}" + (f" ({n(meant)} {units})" if typed != units else "")
    said = f"{first}: if it was {both}, fix the units of this session's sets (the plan reads them as written)"
    return Problem(row.file, (), said, WARNING, line=row.line, column=1)


def _blamed(row: LoggedSet, doubted: Doubted,
            before: tuple[_dt.date, float] | None) -> bool:
    """Whether a session of the same form in doubt came after the last one
    not in doubt: the plan was made from it, so a session far over that
    plan is the athlete's real strength."""
    return any(exercise == row.exercise and variant == row.variant and date < row.date
               and (before is None or date > before[0]) for exercise, variant, date in doubted)


def _last_before(log: Log, row: LoggedSet, units: str, doubted: Doubted) -> tuple[_dt.date, float] | None:
    """The date and heaviest load (in `units`) of the last session of the
    same form before `row`'s, in the log, that is not itself in doubt."""
    earlier = [s for s in log.sets if s.exercise == row.exercise and s.variant == row.variant
               and s.date < row.date and s.counts and s.load and (s.exercise, s.variant, s.date) not in doubted]
    if not earlier:
        return None
    last = max(s.date for s in earlier)
    return last, max(convert(s.load or 0.0, s.units, units) for s in earlier if s.date == last)
