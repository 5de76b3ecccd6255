"""Built-in plan checks, registered through `engine_check_plan` like a plugin's."""

from __future__ import annotations

from collections import Counter

from engine import hookimpl
from engine.errors import WARNING, Problem
from engine.model import CATEGORIES, Plan


def _span(r: tuple[int, int]) -> str:
    return f"exactly {r[0]}" if r[0] == r[1] else f"{r[0]} to {r[1]}"


@hookimpl
def engine_check_plan(plan: Plan):
    """The weekly composition, on every evaluated week; repeated exercises."""
    problems = []
    comp = plan.composition
    for week in plan.weeks:
        items = [ex for day in week.days for ex in day.exercises]
        counts = Counter(ex.category for ex in items)
        for cat in CATEGORIES:
            if cat in comp.per_category:
                lo, hi = comp.per_category[cat]
                if not lo <= counts[cat] <= hi:
                    names = ", ".join(ex.exercise.id for ex in items if ex.category == cat) or "none"
                    problems.append(Problem(plan.source, ("week", cat), (
                        f"week {week.number} has {counts[cat]} {cat} exercises ({names}); "
                        f"the rule file asks for {_span((lo, hi))}")))
        if comp.exercises:
            lo, hi = comp.exercises
            if not lo <= len(items) <= hi:
                problems.append(Problem(plan.source, ("week", "exercises"), (
                    f"week {week.number} has {len(items)} exercises; "
                    f"the rule file asks for {_span((lo, hi))}")))
        seen = Counter(ex.exercise.id for ex in items)
        for ex_id, n in sorted(seen.items()):
            if n > 1:
                slots = sorted({ex.slot for ex in items if ex.exercise.id == ex_id})
                problems.append(Problem(plan.source, ("slot",), (
                    f"week {week.number}: {ex_id} is planned {n} times (slots: {', '.join(slots)})"),
                    WARNING))
    return problems
