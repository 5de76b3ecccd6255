"""Wording shared by the human-readable exporters."""

from __future__ import annotations

from engine.model import Plan, PlannedExercise


def number(value: float) -> str:
    return f"{value:g}"


def span(lo: float, hi: float, sep: str = "-") -> str:
    return number(lo) if lo == hi else f"{number(lo)}{sep}{number(hi)}"


def reps_text(ex: PlannedExercise) -> str:
    side = "/side" if ex.prescription.per_side else ""
    reps = [s.reps for s in ex.sets]
    if not reps:
        return "-"
    if len(set(reps)) == 1:
        return f"{len(reps)} x {reps[0]}{side}"
    return ", ".join(str(r) for r in reps) + side


def rpe_text(ex: PlannedExercise) -> str:
    values = [s.rpe for s in ex.sets if s.rpe is not None]
    return f"RPE {span(values[0], values[-1])}" if values else ""


def scheme(ex: PlannedExercise) -> str:
    rpe = rpe_text(ex)
    return f"{reps_text(ex)} @ {rpe}" if rpe else reps_text(ex)


def load_text(ex: PlannedExercise, units: str) -> str:
    loads = [s.load for s in ex.sets if s.load is not None]
    if loads:
        return f"{span(min(loads), max(loads))} {units}"
    if ex.target.added_load:
        return f"+{number(ex.target.added_load)} {units}"
    return ""


def rest_text(ex: PlannedExercise) -> str:
    rest = ex.prescription.rest
    if not rest:
        return ""
    lo, hi = rest
    if lo % 60 == 0 and hi % 60 == 0:
        return f"rest {span(lo // 60, hi // 60)} min"
    return f"rest {span(lo, hi)} s"


def heading(plan: Plan) -> str:
    p = plan.program
    days = ", ".join(d.capitalize() for d in p.days)
    start = f", from {p.start.isoformat()}" if p.start else ""
    return f"{p.weeks} weeks, {p.split} split, {days}, {p.units}{start}"


def day_title(day) -> str:
    title = day.name.capitalize()
    return f"{title} {day.date.isoformat()}" if day.date else title
