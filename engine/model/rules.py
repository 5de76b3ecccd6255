"""A rule file once validated and resolved: what `evaluate` reads."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from engine.model.base import Frozen, set_field
from engine.model.catalog import Exercise, Note
from engine.model.types import IntRange, NumRange


class Program(Frozen):
    """The rule file's [program] table: the calendar the plan fills."""

    __slots__ = ("name", "split", "days", "weeks", "units", "start", "seed", "effort_model")
    name: str
    split: str
    days: tuple[str, ...]
    weeks: int
    units: str
    start: _dt.date | None
    seed: int
    effort_model: str

    def __init__(
        self,
        name: str,
        split: str,
        days: tuple[str, ...],
        weeks: int,
        units: str,
        start: _dt.date | None = None,
        seed: int = 0,
        effort_model: str = "epley",
    ) -> None:
        set_field(self, "name", name)
        set_field(self, "split", split)
        set_field(self, "days", days)
        set_field(self, "weeks", weeks)
        set_field(self, "units", units)
        set_field(self, "start", start)
        set_field(self, "seed", seed)
        set_field(self, "effort_model", effort_model)


class Composition(Frozen):
    """The weekly constraint: allowed (min, max) counts; None means no limit."""

    __slots__ = ("exercises", "per_category")
    exercises: IntRange | None
    per_category: Mapping[str, IntRange]

    def __init__(
        self,
        exercises: IntRange | None = None,
        per_category: Mapping[str, IntRange] | None = None,
    ) -> None:
        set_field(self, "exercises", exercises)
        set_field(self, "per_category", dict() if per_category is None else per_category)


OVERSHOOT = 1.0  # RPE over what a target allows that makes a session too hard, by default


class Autoregulation(Frozen):
    """How a logged session that was too hard or too easy changes the next load.

    Too hard: a working set short of the rep range (or of the target reps),
    or the median set's RPE `overshoot` or more above what the target allows
    (`engine.ramp`: its top, with the ramp and the engine's own rounding),
    or one set's `overshoot` + 1 or more. The load is then
    taken from that session's e1RM (`cut = "e1rm"`) or cut by `cut` percent.
    Too easy: every set made its reps at an RPE `undershoot` or more below
    the target's bottom (None: never); the load may then rise by up to
    `max_increments` increments, as far as the session's e1RM supports.
    """

    __slots__ = ("overshoot", "cut", "undershoot", "max_increments")
    overshoot: float
    cut: str | float
    undershoot: float | None
    max_increments: int

    def __init__(
        self,
        overshoot: float = OVERSHOOT,
        cut: str | float = "e1rm",
        undershoot: float | None = 2.0,
        max_increments: int = 2,
    ) -> None:
        set_field(self, "overshoot", overshoot)
        set_field(self, "cut", cut)
        set_field(self, "undershoot", undershoot)
        set_field(self, "max_increments", max_increments)


DEFAULT_AUTOREGULATION = Autoregulation()  # (None is `autoregulation = false`: off, not the default)


class ProgressionRule(Frozen):
    """A progression as a slot uses it: the rule-file name, policy and options."""

    __slots__ = ("name", "policy", "options", "plugin", "per", "autoregulation")
    name: str
    policy: str
    options: Mapping[str, Any]
    plugin: str
    per: str  # or "week": advance every calendar week
    autoregulation: Autoregulation | None

    def __init__(
        self,
        name: str,
        policy: str,
        options: Mapping[str, Any],
        plugin: str = "engine.progression",
        per: str = "exposure",
        autoregulation: Autoregulation | None = DEFAULT_AUTOREGULATION,
    ) -> None:
        set_field(self, "name", name)
        set_field(self, "policy", policy)
        set_field(self, "options", options)
        set_field(self, "plugin", plugin)
        set_field(self, "per", per)
        set_field(self, "autoregulation", autoregulation)

    @property
    def reps_by_effort(self) -> bool:
        """Double progression whose load step, after a logged session,
        starts at the reps that reach the target (`reset = "effort"`, the
        default), not always at the bottom of the range (`"bottom"`)."""
        return self.policy == "double" and self.options.get("reset", "effort") == "effort"

    @property
    def overshoot(self) -> float:
        """How far over its target's RPE a session is read as too hard."""
        return self.autoregulation.overshoot if self.autoregulation else 1.0


class SlotRule(Frozen):
    """A slot with every reference resolved: candidates, selector, progression."""

    __slots__ = (
        "index", "name", "category", "count", "selector", "options", "candidates", "prescription", "progression",
        "day", "notes", "override_category",
    )
    index: int
    name: str
    category: str
    count: int
    selector: str
    options: Mapping[str, Any]
    candidates: tuple[Exercise, ...]
    prescription: Mapping[str, Any]  # fields that override each exercise's own
    progression: ProgressionRule
    day: str | None
    notes: str
    # Count the picks as the slot's category even where the catalog says
    # otherwise (a hip thrust as a program's primary lift).
    override_category: bool

    def __init__(
        self,
        index: int,
        name: str,
        category: str,
        count: int,
        selector: str,
        options: Mapping[str, Any],
        candidates: tuple[Exercise, ...],
        prescription: Mapping[str, Any],
        progression: ProgressionRule,
        day: str | None = None,
        notes: str = "",
        override_category: bool = False,
    ) -> None:
        set_field(self, "index", index)
        set_field(self, "name", name)
        set_field(self, "category", category)
        set_field(self, "count", count)
        set_field(self, "selector", selector)
        set_field(self, "options", options)
        set_field(self, "candidates", candidates)
        set_field(self, "prescription", prescription)
        set_field(self, "progression", progression)
        set_field(self, "day", day)
        set_field(self, "notes", notes)
        set_field(self, "override_category", override_category)


class Sensitivity(Frozen):
    """For athletes with this sensitivity: tags to leave out, tags to put first."""

    __slots__ = ("avoid", "prefer")
    avoid: tuple[str, ...]
    prefer: tuple[str, ...]

    def __init__(self, avoid: tuple[str, ...] = (), prefer: tuple[str, ...] = ()) -> None:
        set_field(self, "avoid", avoid)
        set_field(self, "prefer", prefer)


class Deload(Frozen):
    """Every `every`-th week keeps `sets` of the sets and `load` of the load;
    each exercise has its deload the first time it is trained in or after
    such a week. `rpe` labels the deload sets (None: from the effort model)."""

    __slots__ = ("every", "sets", "load", "rpe")
    every: int
    sets: float
    load: float
    rpe: NumRange | None

    def __init__(self, every: int, sets: float = 0.5, load: float = 0.9, rpe: NumRange | None = None) -> None:
        set_field(self, "every", every)
        set_field(self, "sets", sets)
        set_field(self, "load", load)
        set_field(self, "rpe", rpe)


class Rules(Frozen):
    """A validated rule file, ready for `evaluate` (no I/O from here on)."""

    __slots__ = (
        "file", "program", "composition", "slots", "exercises", "notes", "export_options", "aliases",
        "sensitivities", "deload",
    )
    file: str
    program: Program
    composition: Composition
    slots: tuple[SlotRule, ...]
    exercises: Mapping[str, Exercise]
    notes: tuple[Note, ...]
    export_options: Mapping[str, Mapping[str, Any]]
    aliases: Mapping[str, str]  # log name -> "id" or "id/variant"
    sensitivities: Mapping[str, Sensitivity]
    deload: Deload | None

    def __init__(
        self,
        file: str,
        program: Program,
        composition: Composition,
        slots: tuple[SlotRule, ...],
        exercises: Mapping[str, Exercise],
        notes: tuple[Note, ...] = (),
        export_options: Mapping[str, Mapping[str, Any]] | None = None,
        aliases: Mapping[str, str] | None = None,
        sensitivities: Mapping[str, Sensitivity] | None = None,
        deload: Deload | None = None,
    ) -> None:
        set_field(self, "file", file)
        set_field(self, "program", program)
        set_field(self, "composition", composition)
        set_field(self, "slots", slots)
        set_field(self, "exercises", exercises)
        set_field(self, "notes", notes)
        set_field(self, "export_options", dict() if export_options is None else export_options)
        set_field(self, "aliases", dict() if aliases is None else aliases)
        set_field(self, "sensitivities", dict() if sensitivities is None else sensitivities)
        set_field(self, "deload", deload)
