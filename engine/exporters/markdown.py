"""Markdown: a heading per week and day, a table per day."""

from __future__ import annotations

from typing import Any, Mapping

from engine.exporters.common import (
    day_title,
    extra_text,
    heading,
    load_text,
    remarks,
    reps_text,
    rest_text,
    rpe_text,
    visible,
    week_title,
)
from engine.model import Plan


def cell(text: str) -> str:
    """Escape what would break a table cell or start markup."""
    text = " ".join(text.split())
    for ch in "\\|*_`<>[]":
        text = text.replace(ch, "\\" + ch)
    return text or " "


def render(plan: Plan, options: Mapping[str, Any]) -> str:
    units = plan.units
    out = [f"# {cell(plan.program.name)}", "", heading(plan), ""]
    for week in plan.weeks:
        out += [f"## {week_title(week)}", ""]
        for day in week.days:
            out += [f"### {day_title(day, week)}", ""]
            if not day.exercises:
                out += ["Rest day.", ""]
                continue
            out.append("| Category | Exercise | Sets x reps | Effort | Load | Rest | Notes |")
            out.append("|---|---|---|---|---|---|---|")
            for ex in day.exercises:
                cells = (ex.category, ex.choice.name, reps_text(ex), rpe_text(ex),
                         load_text(ex, units), rest_text(ex), remarks(ex, units, day.date))
                out.append("| " + " | ".join(cell(c) for c in cells) + " |")
            out.append("")
        if week.extra:
            out += [f"- extra: {cell(extra_text(s, units))}" for s in week.extra] + [""]
    if options.get("notes", True) and plan.notes:
        out += ["## Notes", ""]
        out += [f"- **{cell(n.title)}.** {cell(n.text)}" for n in plan.notes]
        out.append("")
    return visible("\n".join(out).rstrip("\n")) + "\n"
