"""The calendar: which training day each pick lands on, and the dates.

A body-part split puts everything on its one day. A full-body split places
pinned slots first, then the rest heaviest first onto the least loaded day,
keeping heavy squats and hinges at least 48 hours apart when the training
days allow it (a check warns when they cannot).
"""

from __future__ import annotations

import datetime as _dt
from typing import Sequence

from engine.model import CATEGORIES, WEEKDAYS, Choice, Program, SlotRule

CATEGORY_WEIGHT = {"primary": 3, "secondary": 2, "tertiary": 1}
HEAVY_TAGS = frozenset({"squat-pattern", "hinge"})
MIN_GAP_DAYS = 2  # 48 hours between heavy squats and hinges

Pick = tuple[SlotRule, Choice]


def category_of(slot: SlotRule, choice: Choice) -> str:
    """The category a pick counts as in the week: the exercise's own, or
    the slot's when the slot overrides it."""
    return slot.category if slot.override_category else choice.exercise.category


def is_heavy(category: str, choice: Choice) -> bool:
    """A primary or secondary squat or hinge (not a step-up or a hip thrust)."""
    return category in ("primary", "secondary") and not HEAVY_TAGS.isdisjoint(choice.exercise.tags)


def gap(a: str, b: str) -> int:
    """Days between two weekdays, either way round (Sunday to Monday is 1)."""
    d = (WEEKDAYS.index(b) - WEEKDAYS.index(a)) % 7
    return min(d, 7 - d)


def place(program: Program, picks: Sequence[Pick]) -> dict[str, list[Pick]]:
    """Each training day's picks, in the order they are done (categories,
    then slot order)."""
    days = list(program.days)
    placed: dict[str, list[Pick]] = {d: [] for d in days}
    if program.split == "body-part" or len(days) == 1:
        placed[days[0]] = list(picks)
    else:
        _spread(days, picks, placed)
    for d in days:
        placed[d].sort(key=lambda p: (CATEGORIES.index(category_of(*p)), p[0].index))
    return placed


def _spread(days: list[str], picks: Sequence[Pick], placed: dict[str, list[Pick]]) -> None:
    load = {d: 0 for d in days}
    heavy_days: set[str] = set()

    def put(day: str, pick: Pick) -> None:
        category = category_of(*pick)
        placed[day].append(pick)
        load[day] += CATEGORY_WEIGHT[category]
        if is_heavy(category, pick[1]):
            heavy_days.add(day)

    free = []
    for pick in picks:
        if pick[0].day:
            put(pick[0].day, pick)
        else:
            free.append(pick)
    free.sort(key=lambda p: -CATEGORY_WEIGHT[category_of(*p)])  # stable: slot order kept
    for pick in free:
        options = days
        if is_heavy(category_of(*pick), pick[1]):
            spaced = [d for d in days if all(h == d or gap(h, d) >= MIN_GAP_DAYS for h in heavy_days)]
            options = spaced or days
        put(min(options, key=lambda d: (load[d], len(placed[d]), days.index(d))), pick)


def day_order(program: Program) -> list[str]:
    """Training days in the order they fall from the start date."""
    days = list(program.days)
    if program.start is None:
        return days
    start = program.start
    return sorted(days, key=lambda d: _offset(start, d))


def week_start(program: Program, week: int) -> _dt.date | None:
    if program.start is None:
        return None
    return program.start + _dt.timedelta(days=7 * (week - 1))


def week_of(program: Program, date: _dt.date) -> int:
    """The program week a date falls in (0 before week 1, or with no start)."""
    start = program.start
    if start is None or date < start:
        return 0
    return (date - start).days // 7 + 1


def date_of(program: Program, week: int, day: str) -> _dt.date | None:
    """Week 1 begins on the start date; each day falls within its week."""
    if program.start is None:
        return None
    return program.start + _dt.timedelta(days=7 * (week - 1) + _offset(program.start, day))


def _offset(start: _dt.date, day: str) -> int:
    return (WEEKDAYS.index(day) - start.weekday()) % 7
