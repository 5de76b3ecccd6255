"""Aligned plain text: one block per week, one line per exercise."""

from __future__ import annotations

import textwrap
from typing import Any, Mapping

from engine.exporters.common import day_title, heading, load_text, rest_text, scheme
from engine.model import Plan


def render(plan: Plan, options: Mapping[str, Any]) -> str:
    units = plan.program.units
    rows = [
        (ex.category, ex.choice.name, scheme(ex), load_text(ex, units), rest_text(ex), ex.remarks)
        for week in plan.weeks for day in week.days for ex in day.exercises
    ]
    widths = [max((len(r[i]) for r in rows), default=0) for i in range(6)]

    out = [plan.program.name, heading(plan), ""]
    for week in plan.weeks:
        out.append(f"Week {week.number}")
        for day in week.days:
            out.append(f"  {day_title(day)}")
            if not day.exercises:
                out.append("    rest day")
            for ex in day.exercises:
                cells = (ex.category, ex.choice.name, scheme(ex), load_text(ex, units),
                         rest_text(ex), ex.remarks)
                line = "  ".join(c.ljust(w) for c, w in zip(cells, widths) if w)
                out.append(f"    {line}".rstrip())
        out.append("")
    if options.get("notes", True) and plan.notes:
        out.append("Notes")
        for note in plan.notes:
            out.extend(textwrap.wrap(f"{note.title}: {note.text}", 78,
                                     initial_indent="  ", subsequent_indent="    "))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
