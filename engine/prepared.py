"""What every athlete's plan of one rule file shares, worked out once.

A batch plans thousands of athletes with one rule file. The prescription
of each slot for each exercise, the name of each training line, and the
picks of the built-in selectors (which depend on the eligible candidates
and the week, never on the athlete otherwise) are the same for all of
them, so they are kept here, built as the first plans need them. Nothing
here depends on an athlete's maxes, equipment or log: plans made with or
without it are identical.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Mapping

from engine.catalog import prescription_from_data
from engine.loads import convert
from engine.model import Choice, Exercise, Prescription, Rules, SelectionTrace, SlotRule

BUILTIN_SELECTORS = "engine.selectors"  # pure: candidates, week, count, options, seed and history decide

Fixed = tuple[Prescription, Mapping[str, Any], str]
Picks = tuple[tuple[Choice, ...], SelectionTrace]


class Prepared:
    """The athlete-independent part of evaluating `rules`."""

    __slots__ = ("rules", "_fixed", "_picks", "_lines")

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self._fixed: dict[tuple[int, str, str], Fixed] = {}
        self._picks: dict[tuple[int, tuple[Any, ...]], list[Picks]] = {}
        self._lines: dict[tuple[str, str], int] = {}

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
