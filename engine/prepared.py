"""What every athlete's plan of one rule file shares, worked out once.

A batch plans thousands of athletes with one rule file. The prescription
of each slot for each exercise, the name of each training line, and the
picks of the built-in selectors (which depend on the eligible candidates
and the week, never on the athlete otherwise) are the same for all of
them, so they are kept here, built as the first plans need them; so are
each slot's eligible candidates, kept by the two things of an athlete that
decide them (sensitivities and the equipment they have), which a team's
athletes share. Nothing here depends on an athlete's maxes or log: plans
made with or without it are identical.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Callable, Mapping

from engine.catalog import prescription_from_data
from engine.loads import convert
from engine.model import Athlete, Choice, Exercise, Prescription, Rules, SelectionTrace, SlotRule

BUILTIN_SELECTORS = "engine.selectors"  # pure: candidates, week, count, options, seed and history decide

Fixed = tuple[Prescription, Mapping[str, Any], str]
Picks = tuple[tuple[Choice, ...], SelectionTrace]


class Prepared:
    """The athlete-independent part of evaluating `rules`."""

    __slots__ = ("rules", "_fixed", "_picks", "_lines", "_choices", "_eligible")

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self._fixed: dict[tuple[int, str, str], Fixed] = {}
        self._picks: dict[tuple[int, tuple[Any, ...]], list[Picks]] = {}
        self._lines: dict[tuple[str, str], int] = {}
        self._choices: dict[tuple[int, int], Choice] = {}
        self._eligible: dict[tuple[tuple[str, ...], frozenset[str] | None], Any] = {}

    def fixed(self, slot: SlotRule, exercise: Exercise, units: str) -> Fixed:
        """The slot's prescription and progression options for an exercise
        (an increment in the program's units converted to `units`), and the
        training line they make: the same every week and every athlete."""
        key = (slot.index, exercise.id, units)
        found = self._fixed.get(key)
        if found is None:
            options = dict(slot.progression.options)
            program = self.rules.program.units
            if isinstance(options.get("increment"), (int, float)) and units != program:
                options["increment"] = convert(options["increment"], program, units)
            rx = prescription_from_data(slot.prescription, exercise.prescription)
            rule = slot.progression
            line = f"{rx}|{rule.policy}|{rule.per}|{sorted(rule.options.items())}"
            found = self._fixed[key] = (rx, MappingProxyType(options), line)
        return found

    def lines(self, exercise_id: str, units: str) -> int:
        """How many training lines the slots that may pick this exercise
        make of it (a heavy and a light day: two)."""
        key = (exercise_id, units)
        found = self._lines.get(key)
        if found is None:
            found = self._lines[key] = len({self.fixed(slot, ex, units)[2] for slot in self.rules.slots
                                            for ex in slot.candidates if ex.id == exercise_id})
        return found

    def picks(self, slot: SlotRule, eligible: tuple[Exercise, ...], removed: Mapping[str, str]) -> list[Picks]:
        """The week-by-week picks of a built-in selector for these eligible
        candidates, as far as they have been made (the caller adds the next)."""
        signature = (tuple((e.id, tuple(v.id for v in e.variants)) for e in eligible), tuple(removed.items()))
        return self._picks.setdefault((slot.index, signature), [])

    def eligible(self, athlete: Athlete, make: Callable[[], Any]) -> Any:
        """What `make` works out from the rule file and the only parts of an
        athlete that decide which candidates each slot keeps: their
        sensitivities and the equipment they have (athletes of a team share
        a few such pairs). What it raises is raised again for each athlete."""
        key = (athlete.sensitivities, athlete.gear.available)
        found = self._eligible.get(key)
        if found is None:
            found = self._eligible[key] = make()
        return found

    def made(self, picks: Picks) -> Picks:
        """New picks to keep, each choice of the same exercise and form
        objects (the candidates') one object: the same form picked in
        another week is then known by identity, without comparing exercises
        field by field every week of every plan. (A kept choice holds its
        exercise and form, so their ids stay theirs.)"""
        choices, trace = picks
        return tuple([self._choices.setdefault((id(c.exercise), id(c.variant)), c) for c in choices]), trace
