"""A rule file once validated and resolved: what `evaluate` reads."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Mapping

from engine.model.catalog import Exercise, Note
from engine.model.types import IntRange, NumRange


@dataclass(frozen=True)
class Program:
    """The rule file's [program] table: the calendar the plan fills."""

    name: str
    split: str
    days: tuple[str, ...]
    weeks: int
    units: str
    start: _dt.date | None = None
    seed: int = 0
    effort_model: str = "epley"


@dataclass(frozen=True)
class Composition:
    """The weekly constraint: allowed (min, max) counts; None means no limit."""

    exercises: IntRange | None = None
    per_category: Mapping[str, IntRange] = field(default_factory=dict)


@dataclass(frozen=True)
class Autoregulation:
    """How a logged session that was too hard or too easy changes the next load.

    Too hard: a working set short of the rep range (or of the target reps),
    or an RPE `overshoot` or more above the target's top. The load is then
    taken from that session's e1RM (`cut = "e1rm"`) or cut by `cut` percent.
    Too easy: every set made its reps at an RPE `undershoot` or more below
    the target's bottom (None: never); the load may then rise by up to
    `max_increments` increments, as far as the session's e1RM supports.
    """

    overshoot: float = 1.0
    cut: str | float = "e1rm"
    undershoot: float | None = 2.0
    max_increments: int = 2


@dataclass(frozen=True)
class ProgressionRule:
    """A progression as a slot uses it: the rule-file name, policy and options."""

    name: str
    policy: str
    options: Mapping[str, Any]
    plugin: str = "engine.progression"
    per: str = "exposure"  # or "week": advance every calendar week
    autoregulation: Autoregulation | None = field(default_factory=Autoregulation)


@dataclass(frozen=True)
class SlotRule:
    """A slot with every reference resolved: candidates, selector, progression."""

    index: int
    name: str
    category: str
    count: int
    selector: str
    options: Mapping[str, Any]
    candidates: tuple[Exercise, ...]
    prescription: Mapping[str, Any]  # fields that override each exercise's own
    progression: ProgressionRule
    day: str | None = None
    notes: str = ""
    # Count the picks as the slot's category even where the catalog says
    # otherwise (a hip thrust as a program's primary lift).
    override_category: bool = False


@dataclass(frozen=True)
class Sensitivity:
    """For athletes with this sensitivity: tags to leave out, tags to put first."""

    avoid: tuple[str, ...] = ()
    prefer: tuple[str, ...] = ()


@dataclass(frozen=True)
class Deload:
    """Every `every`-th week keeps `sets` of the sets and `load` of the load;
    each exercise has its deload the first time it is trained in or after
    such a week. `rpe` labels the deload sets (None: from the effort model)."""

    every: int
    sets: float = 0.5
    load: float = 0.9
    rpe: NumRange | None = None


@dataclass(frozen=True)
class Rules:
    """A validated rule file, ready for `evaluate` (no I/O from here on)."""

    file: str
    program: Program
    composition: Composition
    slots: tuple[SlotRule, ...]
    exercises: Mapping[str, Exercise]
    notes: tuple[Note, ...] = ()
    export_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    aliases: Mapping[str, str] = field(default_factory=dict)  # log name -> "id" or "id/variant"
    sensitivities: Mapping[str, Sensitivity] = field(default_factory=dict)
    deload: Deload | None = None
