"""A logged session whose working sets are the planned load in the other
units: 85 typed with `lb` by a kg athlete planned 85 kg (38.56 kg as
written), or 253.5 typed under a kg header for a planned 115 kg (253.5 lb,
253.5 kg as written). The coach hears of it once per session, at the
set's line, with both readings.

Only the session's working sets (its heaviest) are compared with the plan:
an unmarked warm-up of 95 lb on a day planned 95 kg is a warm-up. The
number typed must match the plan's number in the other units, within 5%:
that needs the log's own number and unit (`LoggedSet`). 45 kg logged
under kg on a day planned 100 kg is a light session, not 99.2 lb.

A session read as written is planned on as written, but for one case: read
as written it is more than twice the plan, which no athlete lifts, and
read as typed it agrees with the form's last session before it in the log.
It is then read in the units its numbers were typed in (`read_as_typed`):
a 230 kg deload planned from a 253.5 kg "squat" would be a danger. A
session far lighter than planned stays as written: light days, an empty
bar, a deload, an injury are real."""

from __future__ import annotations

import datetime as _dt
from typing import Callable

from engine.errors import WARNING, Problem
from engine.loads import convert
from engine.logmodel import Log, LoggedSet
from engine.model import Performed, Plan, PlannedExercise
from engine.model.base import replace

TOLERANCE = 0.05  # of the planned load: a set a little off the plan in the wrong units still reads as one
AGREES = 1.25  # the reading as typed and the last session before it, within this factor of each other

Key = tuple[str, _dt.date, str, "str | None", str]  # file, date, exercise, variant, units as read


ROUNDS = 8  # sessions read as typed one after another, each witnessed by the one before


def as_typed(plan: Plan, log: Log, units: str, planned: Callable[[Log], Plan]) -> tuple[Plan, Log, list[Problem]]:
    """The plan (made by `planned` from a log) with each session logged in
    the wrong units that is read as typed so read, the log so read, and
    the warnings: every such session said once. A session so read moves
    later weeks, and with them what a later session is compared with:
    round by round, until no more is read anew; the warnings kept are each
    flip's and the last round's."""
    flips: list[Problem] = []
    for _ in range(ROUNDS):
        found = unit_slips(plan, log, units)
        keys = {key for _, key in found if key is not None}
        if not keys:
            break
        flips += [problem for problem, key in found if key is not None]
        log = read_as_typed(log, keys)
        plan = planned(log)
    else:
        found = unit_slips(plan, log, units)
    return plan, log, flips + [problem for problem, key in found if key is None or problem not in flips]


def unit_slips(plan: Plan, log: Log, units: str) -> list[tuple[Problem, Key | None]]:
    """A warning for each logged session whose working sets are the load
    planned for them in the other units, with the session's key where it
    is to be read as typed (`read_as_typed`). A session so warned is no
    witness for a later one."""
    found: list[tuple[Problem, Key | None]] = []
    doubted: set[tuple[str, str | None, _dt.date]] = set()
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


def read_as_typed(log: Log, keys: set[Key]) -> Log:
    """The log with the sets of each slipped session in the other units:
    the number typed is kept, its unit is the one it was typed in."""
    def flipped(s: LoggedSet) -> LoggedSet:
        if (s.file, s.date, s.exercise, s.variant, s.units) not in keys:
            return s
        return replace(s, units="lb" if s.units == "kg" else "kg")
    return Log(tuple(flipped(s) for s in log.sets), log.files)


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
          doubted: set[tuple[str, str | None, _dt.date]]) -> tuple[Problem, Key | None] | None:
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
    heavy = as_read > 2 * planned
    before = _last_before(log, row, units, doubted) if heavy else None
    if heavy and _blamed(row, doubted, before):  # planned from an earlier session in doubt: this one is as logged
        return None
    doubted.add((row.exercise, row.variant, row.date))
    first = f"{ex.choice.name} on {row.date}: the log's {n(row.load or 0.0)} {row.units}" \
        + (f" ({n(as_read)} {units})" if row.units != units else "") + f", and {n(planned)} {units} was planned"
    both = f"{n(row.load or 0.0)} {typed}" + (f" ({n(meant)} {units})" if typed != units else "")
    if before is None or not 1 / AGREES <= meant / before[1] <= AGREES:
        said = f"{first}: if it was {both}, fix the units of this session's sets (the plan reads them as written)"
        return Problem(row.file, (), said, WARNING, line=row.line, column=1), None
    said = (f"{first}: read as {both}, in line with the session of {before[0]} ({n(before[1])} {units}), where as "
            f"written it is more than twice the plan; check the units of this session's sets")
    return (Problem(row.file, (), said, WARNING, line=row.line, column=1),
            (row.file, row.date, row.exercise, row.variant, row.units))


def _blamed(row: LoggedSet, doubted: set[tuple[str, str | None, _dt.date]],
            before: tuple[_dt.date, float] | None) -> bool:
    """Whether a session of the same form in doubt came after the last one
    not in doubt: the plan was made from it, so a session far over that
    plan is the athlete's real strength."""
    return any(exercise == row.exercise and variant == row.variant and date < row.date
               and (before is None or date > before[0]) for exercise, variant, date in doubted)


def _last_before(log: Log, row: LoggedSet, units: str,
                 doubted: set[tuple[str, str | None, _dt.date]]) -> tuple[_dt.date, float] | None:
    """The date and heaviest load (in `units`) of the last session of the
    same form before `row`'s, in the log, that is not itself in doubt."""
    earlier = [s for s in log.sets if s.exercise == row.exercise and s.variant == row.variant
               and s.date < row.date and s.counts and s.load and (s.exercise, s.variant, s.date) not in doubted]
    if not earlier:
        return None
    last = max(s.date for s in earlier)
    return last, max(convert(s.load or 0.0, s.units, units) for s in earlier if s.date == last)
