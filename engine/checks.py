"""Built-in plan checks, registered through `engine_check_plan` like a plugin's."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from engine import hookimpl
from engine.errors import WARNING, Problem
from engine.model import CATEGORIES, Plan, Week
from engine.schedule import MIN_GAP_DAYS, gap, is_heavy


def _span(r: tuple[int, int]) -> str:
    return f"exactly {r[0]}" if r[0] == r[1] else f"{r[0]} to {r[1]}"


@hookimpl
def engine_check_plan(plan: Plan) -> list[Problem]:
    """The weekly composition, on every evaluated week; repeated exercises;
    heavy squats and hinges under 48 hours apart; a bodyweight form too
    heavy for even one rep."""
    problems: list[Problem] = []
    for week in plan.weeks:
        problems.extend(_composition(plan, week))
    problems.extend(_repeats(plan))
    problems.extend(_spacing(plan))
    problems.extend(_too_heavy(plan))
    return problems


def _composition(plan: Plan, week: Week) -> list[Problem]:
    """Each exercise counts as its own category (the catalog's, or its
    slot's where the slot overrides it), never as a slot label alone."""
    comp = plan.composition
    items = [ex for day in week.days for ex in day.exercises]
    counts: dict[str, int] = dict.fromkeys(CATEGORIES, 0)
    for ex in items:
        counts[ex.category] = counts.get(ex.category, 0) + 1
    out = []
    for cat in CATEGORIES:
        if cat in comp.per_category:
            lo, hi = comp.per_category[cat]
            if not lo <= counts[cat] <= hi:
                names = ", ".join(ex.exercise.id for ex in items if ex.category == cat) or "none"
                out.append(Problem(plan.source, ("week", cat), (
                    f"week {week.number} has {counts[cat]} {cat} exercises ({names}); "
                    f"the rule file asks for {_span((lo, hi))}")))
    if comp.exercises:
        lo, hi = comp.exercises
        if not lo <= len(items) <= hi:
            out.append(Problem(plan.source, ("week", "exercises"), (
                f"week {week.number} has {len(items)} exercises; the rule file asks for {_span((lo, hi))}")))
    return out


def _repeats(plan: Plan) -> list[Problem]:
    """An exercise planned twice on one day (two slots picking it, most
    likely by accident): one warning per exercise and slots, with the weeks
    it happens in, at the later slot's selection. Twice a week on two days
    is a training frequency, not a mistake (and heavy days too close
    together have their own check)."""
    weeks: dict[tuple[str, str, int, tuple[str, ...]], list[int]] = {}
    for week in plan.weeks:
        for day in week.days:
            ids = [ex.exercise.id for ex in day.exercises]
            if len(set(ids)) == len(ids):  # the usual day: nothing twice
                continue
            for ex_id, n in sorted(Counter(ids).items()):
                if n > 1:
                    slots = tuple(dict.fromkeys(ex.slot for ex in day.exercises if ex.exercise.id == ex_id))
                    weeks.setdefault((ex_id, day.name, n, slots), []).append(week.number)
    out = []
    for (ex_id, day_name, n, slots), numbers in weeks.items():
        traces = [t for t in plan.selections if t.week == numbers[0]]
        index = next((i for i, t in enumerate(traces) if t.slot == slots[-1]), None)
        out.append(Problem(plan.source, ("slot",) if index is None else ("slot", index, "select"), (
            f"{_weeks(numbers)}: {ex_id} is planned {n} times on {day_name} (slots: {', '.join(slots)}); "
            "give one of them other exercises if that is not meant"), WARNING))
    return out


def _spacing(plan: Plan) -> list[Problem]:
    """Heavy squats and hinges on different days less than 48 hours apart:
    the placement avoids it when the days allow, so what is left comes from
    pinned slots or from days too close together. One warning per pair,
    with the weeks it happens in."""
    weeks: dict[tuple[str, str, str, str], list[int]] = {}
    for week in plan.weeks:
        heavy = [(d.name, ex.exercise.id) for d in week.days for ex in d.exercises if is_heavy(ex.category, ex.choice)]
        for i, (d1, e1) in enumerate(heavy):
            for d2, e2 in heavy[i + 1:]:
                if d1 != d2 and gap(d1, d2) < MIN_GAP_DAYS:
                    weeks.setdefault((e1, d1, e2, d2), []).append(week.number)
    out = []
    for (e1, d1, e2, d2), numbers in weeks.items():
        days = gap(d1, d2)
        out.append(Problem(plan.source, ("program", "days"), (
            f"{_weeks(numbers)}: {e1} ({d1}) and {e2} ({d2}) are {days} day{'s' if days != 1 else ''} apart; "
            "heavy squats and hinges need 48 hours between them (move a slot's day, or pick days 2 apart)"),
            WARNING))
    return out


def _too_heavy(plan: Plan) -> list[Problem]:
    """A form whose bodyweight alone, or the lightest load its equipment
    makes (an empty bar), is over the target's effort for even one rep: the
    coach should hear it beyond the note. One warning per slot and form, at
    the slot (found by the week's selections, one per slot in slot order);
    none for a week done: it is history, said again by every run."""
    from engine.bodyweight import TOO_HEAVY
    from engine.coarse import LIGHTEST, MOST_HELP, at_lightest
    from engine.deloads import effort_text
    from engine.exporters.common import load_text

    seen: set[tuple[str, str]] = set()
    out = []
    who = plan.athlete.name if plan.athlete is not None and plan.athlete.name else "the athlete"
    units = plan.athlete.units if plan.athlete is not None else plan.program.units
    for week in plan.weeks:
        for ex in (ex for day in week.days if not day.done for ex in day.exercises):
            bodyweight, lightest = TOO_HEAVY in ex.target.note, at_lightest(ex.target.note)
            if not (bodyweight or lightest) or (ex.slot, ex.choice.key) in seen:
                continue
            seen.add((ex.slot, ex.choice.key))
            traces = [t for t in plan.selections if t.week == week.number]
            index = next((i for i, t in enumerate(traces) if t.slot == ex.slot and ex.choice.key in t.picked), None)
            effort = f" at {effort_text(ex.target.rpe)}" if ex.target.rpe else ""
            helped = MOST_HELP in ex.target.note
            what = (f"with bodyweight alone: even 1 rep is over the target{effort}, so the plan gives "
                    f"{ex.target.sets} x 1; choose an easier form") if bodyweight else (
                f"even at the {'most help the machine gives' if helped else 'lightest load the equipment makes'} "
                f"({load_text(ex, units)}): even 1 rep is over the target{effort}; {MOST_HELP if helped else LIGHTEST}")
            out.append(Problem(plan.source, ("slot",) if index is None else ("slot", index, "select"), (
                f"week {week.number}: {ex.choice.key} is too heavy for {who} {what}"), WARNING))
    return out


def _weeks(numbers: Iterable[int]) -> str:
    """"week 3", "weeks 1-4", "weeks 1, 3, 5"."""
    numbers = sorted(set(numbers))
    if len(numbers) == 1:
        return f"week {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"weeks {numbers[0]}-{numbers[-1]}"
    return "weeks " + ", ".join(map(str, numbers))
