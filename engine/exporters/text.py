"""Aligned plain text: one block per week, one line per exercise."""

from __future__ import annotations

from typing import Any, Mapping

from engine.exporters.common import (
    day_title,
    extra_text,
    heading,
    load_text,
    one_line,
    remarks,
    rest_text,
    scheme,
    visible,
    week_title,
)
from engine.model import Plan, PlannedExercise


def _cells(ex: PlannedExercise, units: str, on: Any = None) -> tuple[str, ...]:
    """One exercise's columns, each on one line: a name or note holding a
    line break would otherwise break the alignment and the line."""
    return tuple(one_line(c) for c in (ex.category, ex.choice.name, scheme(ex), load_text(ex, units),
                                       rest_text(ex), remarks(ex, units, on)))


def render(plan: Plan, options: Mapping[str, Any]) -> str:
    units = plan.units
    rows = {id(ex): _cells(ex, units, day.date) for week in plan.weeks for day in week.days for ex in day.exercises}
    widths = [max((len(r[i]) for r in rows.values()), default=0) for i in range(6)]

    out = [one_line(plan.program.name), heading(plan), ""]
    for week in plan.weeks:
        out.append(week_title(week))
        for day in week.days:
            out.append(f"  {day_title(day, week)}")
            if not day.exercises:
                out.append("    rest day")
            for ex in day.exercises:
                line = "  ".join(c.ljust(w) for c, w in zip(rows[id(ex)], widths, strict=True) if w)
                out.append(f"    {line}".rstrip())
        out.extend(f"  extra: {one_line(extra_text(s, units))}" for s in week.extra)
        out.append("")
    if options.get("notes", True) and plan.notes:
        out.append("Notes")
        import textwrap  # 0.6 ms to import: only for plans that have notes

        for note in plan.notes:
            out.extend(textwrap.wrap(f"{note.title}: {note.text}", 78,
                                     initial_indent="  ", subsequent_indent="    "))
        out.append("")
    return visible("\n".join(out).rstrip("\n")) + "\n"
