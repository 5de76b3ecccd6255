"""A logged session whose numbers are the planned load in the other units:
85 typed with `lb` by a kg athlete planned 85 kg (38.56 kg as written),
or 253.5 typed under a kg header for a planned 115 kg (253.5 lb, 253.5 kg
as written). Read as written, the next weeks would be planned from less
than half, or more than twice, the athlete's strength: a 230 kg deload.
So the session is read in the units its numbers were typed in, and the
coach hears of it once per session, at the set's line, with both readings.

A slip is the number typed matching the plan's number in the other units,
within 5%: it needs the log's own reading (`LoggedSet`), not only the load
converted into the plan's units. 45 kg logged under kg on a day planned
100 kg is a light session (99.2 lb is a coincidence of units, not a slip),
and 220 lb logged for 100 kg is the planned load lifted in pounds."""

from __future__ import annotations

import datetime as _dt

from engine.errors import WARNING, Problem
from engine.loads import convert
from engine.logmodel import Log, LoggedSet
from engine.model import Plan, PlannedExercise
from engine.model.base import replace

TOLERANCE = 0.05  # of the planned load: a set a little off the plan in the wrong units still reads as one

Key = tuple[str, _dt.date, str, "str | None", str]  # file, date, exercise, variant, units as read


def unit_slips(plan: Plan, log: Log, units: str) -> tuple[list[Problem], set[Key]]:
    """A warning for each logged session whose first set in the wrong units
    (its number within 5% of the load planned for it, in the other units
    than the log's reading) is found, and the sessions to read the other
    way (`read_as_typed`)."""
    other = "lb" if units == "kg" else "kg"
    found: list[Problem] = []
    keys: set[Key] = set()
    rows: dict[str, LoggedSet] | None = None
    for week in plan.weeks:
        for day in week.days:
            for ex in day.exercises:
                if not ex.performed or ex.logged_as is not None or not _suspect(ex, units, other):
                    continue
                rows = rows if rows is not None else {f"{s.file}:{s.line}": s for s in log.sets}
                slip = _slip(ex, rows, units)
                if slip is not None:
                    found.append(slip[0])
                    keys.add(slip[1])
    return found, keys


def read_as_typed(log: Log, keys: set[Key]) -> Log:
    """The log with the sets of each slipped session in the other units:
    the number typed is kept, its unit is the one it was typed in."""
    def flipped(s: LoggedSet) -> LoggedSet:
        if (s.file, s.date, s.exercise, s.variant, s.units) not in keys:
            return s
        return replace(s, units="lb" if s.units == "kg" else "kg")
    return Log(tuple(flipped(s) for s in log.sets), log.files)


def _suspect(ex: PlannedExercise, units: str, other: str) -> bool:
    """A cheap first look, in the plan's units: some set whose load, read
    in either units, is within 5% of the load planned."""
    planned = ex.target.load
    if not planned or planned <= 0:
        return False
    return any(p.load and p.load > 0 and (abs(convert(p.load, units, other) - planned) <= TOLERANCE * planned
                                          or abs(convert(p.load, other, units) - planned) <= TOLERANCE * planned)
               for p in ex.performed)


def _slip(ex: PlannedExercise, rows: dict[str, LoggedSet], units: str) -> tuple[Problem, Key] | None:
    from engine.loaded import n

    planned = ex.target.load
    assert planned is not None
    for p in ex.performed:
        row = rows.get(p.source)
        if row is None or not row.load or row.load <= 0:
            continue
        typed = "lb" if row.units == "kg" else "kg"  # the units the number was typed in, if it is a slip
        meant = convert(row.load, typed, units)
        if abs(meant - planned) > TOLERANCE * planned:
            continue
        as_read = convert(row.load, row.units, units)
        both = f"{n(row.load)} {typed}" + (f" ({n(meant)} {units})" if typed != units else "")
        said = (f"{ex.choice.name} on {p.date}: the log's {n(row.load)} {row.units}"
                + (f" ({n(as_read)} {units})" if row.units != units else "")
                + f", and {n(planned)} {units} was planned: read as {both}; check the units of this session's sets")
        problem = Problem(row.file, (), said, WARNING, line=row.line, column=1)
        return problem, (row.file, row.date, row.exercise, row.variant, row.units)
    return None
