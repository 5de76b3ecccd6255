"""A logged load that is the planned load in the other units: 85 typed with
`lb` by a kg athlete planned 85 kg reads as 38.56 kg, and the next week
would be planned from less than half the athlete's strength; 253.5 typed
under a kg header for a planned 115 kg (253.5 lb) reads as 253.5 kg, more
than twice it. The engine
reads what the log says; the coach hears of it once per session, at the
set's line, with both numbers."""

from __future__ import annotations

from engine.errors import WARNING, Problem
from engine.loads import convert
from engine.model import Plan, PlannedExercise

TOLERANCE = 0.05  # of the planned load: a set a little off the plan in the wrong units still reads as one


def unit_slips(plan: Plan, units: str) -> list[Problem]:
    """A warning for each logged session whose first such set, its number
    or its load read in the other units, is within 5% of the load planned
    for it."""
    other = "lb" if units == "kg" else "kg"
    out = []
    for week in plan.weeks:
        for day in week.days:
            for ex in day.exercises:
                problem = _slip(ex, units, other) if ex.performed and ex.logged_as is None else None
                if problem is not None:
                    out.append(problem)
    return out


def _slip(ex: PlannedExercise, units: str, other: str) -> Problem | None:
    from engine.loaded import n

    planned = ex.target.load
    if not planned or planned <= 0:
        return None
    for p in ex.performed:
        if not p.load or p.load <= 0:
            continue
        typed = convert(p.load, units, other)  # what was typed, if the units typed with it are the wrong ones
        meant = convert(p.load, other, units)  # what was lifted, if the number typed is in the other units
        if abs(typed - planned) <= TOLERANCE * planned:
            said = f"the log's {n(p.load)} {units} is {n(typed)} {other}"
        elif abs(meant - planned) <= TOLERANCE * planned:
            said = f"the log's {n(p.load)} {units} would be {n(meant)} {units} if it is {n(p.load)} {other}"
        else:
            continue
        file, _, line = p.source.rpartition(":")
        return Problem(file, (), (
            f"{ex.choice.name} on {p.date}: {said}, and {n(planned)} {units} was planned: check the units of "
            "this session's sets (the plan reads them as written)"), WARNING,
            line=int(line) if line.isdigit() else 0, column=1)
    return None
