"""The engine's data model: frozen dataclasses from rule file to plan.

Everything here is plain data so `evaluate` stays a pure function that a
process pool (or a cluster) can run unchanged.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import field
from typing import Any, Mapping

from engine.compiled import dataclass

CATEGORIES = ("primary", "secondary", "tertiary")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

IntRange = tuple[int, int]
NumRange = tuple[float, float]


@dataclass(frozen=True)
class Prescription:
    """Ranges for one exercise: sets x reps @ RPE, optional rest in seconds."""

    sets: IntRange
    reps: IntRange
    rpe: NumRange | None = None
    per_side: bool = False
    rest: IntRange | None = None


@dataclass(frozen=True)
class Variant:
    """A named form of an exercise (a grip, a stance, an implement)."""

    id: str
    name: str
    equipment: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class Exercise:
    """A catalog entry. `source` names where it came from (builtin, plugin, file)."""

    id: str
    name: str
    category: str
    prescription: Prescription
    loading: str = "barbell"
    equipment: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    variants: tuple[Variant, ...] = ()
    aliases: tuple[str, ...] = ()
    notes: str = ""
    source: str = field(default="builtin", compare=False)

    def variant(self, variant_id: str) -> Variant | None:
        return next((v for v in self.variants if v.id == variant_id), None)


@dataclass(frozen=True)
class Choice:
    """What a selector picks: an exercise, and optionally one of its variants."""

    exercise: Exercise
    variant: Variant | None = None

    @property
    def key(self) -> str:
        return f"{self.exercise.id}/{self.variant.id}" if self.variant else self.exercise.id

    @property
    def name(self) -> str:
        return self.variant.name if self.variant else self.exercise.name


@dataclass(frozen=True)
class Note:
    """A coaching note from the catalog, printed once per plan."""

    id: str
    title: str
    text: str


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
class Target:
    """What a progression policy prescribes for one exposure to an exercise.

    `added_load` is the load added since the first exposure, in the
    program's units; `load` is absolute and stays None until it is known.
    """

    sets: int
    reps: int
    rpe: NumRange | None = None
    added_load: float = 0.0
    load: float | None = None
    note: str = ""


@dataclass(frozen=True)
class PlannedSet:
    """One set to do: reps, and the effort and load when known."""

    reps: int
    rpe: float | None = None
    load: float | None = None


@dataclass(frozen=True)
class PlannedExercise:
    """One exercise on one day: what was picked, its target and its sets."""

    slot: str
    choice: Choice
    category: str
    prescription: Prescription
    progression: str
    target: Target
    sets: tuple[PlannedSet, ...]
    notes: str = ""  # the slot's note for the athlete
    basis: LoadBasis | None = None
    performed: tuple[Performed, ...] = ()  # from the log, in weeks already done
    deload: bool = False

    @property
    def remarks(self) -> str:
        """The slot's note and the progression's note, for display."""
        return "; ".join(t for t in (self.notes, self.target.note) if t)

    @property
    def exercise(self) -> Exercise:
        return self.choice.exercise

    @property
    def variant(self) -> Variant | None:
        return self.choice.variant


@dataclass(frozen=True)
class Day:
    """One training day of a week, in the order the exercises are done."""

    name: str
    date: _dt.date | None
    exercises: tuple[PlannedExercise, ...]


@dataclass(frozen=True)
class Week:
    """One week of the plan; `done` weeks show what the log says was lifted."""

    number: int
    days: tuple[Day, ...]
    done: bool = False  # already trained, according to the athlete's log


@dataclass(frozen=True)
class Gear:
    """What the athlete can load, in their units; decides load rounding.

    `available` is None when the profile does not list equipment (then every
    exercise is eligible). Plates are pairs of each size, as many as needed.
    """

    available: frozenset[str] | None = None
    bar: float = 45.0
    trap_bar: float = 55.0
    plates: tuple[float, ...] = (45.0, 35.0, 25.0, 10.0, 5.0, 2.5)
    dumbbells: tuple[float, ...] = tuple(float(w) for w in range(5, 125, 5))
    machine_step: float = 10.0


@dataclass(frozen=True)
class Max:
    """A known max or a recent top set; `e1rm` is what the engine uses."""

    exercise: str  # "id" or "id/variant"
    load: float
    reps: int = 1
    rpe: float = 10.0
    e1rm: float = 0.0
    date: _dt.date | None = None


@dataclass(frozen=True)
class Athlete:
    """The person a plan is for; see `engine.athlete` for the profile file."""

    name: str
    units: str
    bodyweight: float | None = None
    sensitivities: tuple[str, ...] = ()
    gear: Gear = field(default_factory=Gear)
    maxes: Mapping[str, Max] = field(default_factory=dict)
    logs: tuple[str, ...] = ()  # log files named in the profile, as display paths
    source: str = field(default="", compare=False)


@dataclass(frozen=True)
class Performed:
    """One set the athlete's log says was done, in the plan's units."""

    date: _dt.date
    reps: int
    load: float | None
    rpe: float | None
    kind: str = "working"
    source: str = ""  # "file:line", for explain


@dataclass(frozen=True)
class LoadBasis:
    """How a planned load was reached, step by step, for `engine explain`."""

    source: str = ""            # the max or logged set it comes from
    e1rm: float | None = None
    percent: float | None = None  # the effort model's fraction of 1RM
    raw: float | None = None      # before rounding
    load: float | None = None     # what the athlete loads
    rounding: str = ""            # e.g. "barbell 45 + 2 x (45 + 25 + 10)"
    note: str = ""


@dataclass(frozen=True)
class SelectionTrace:
    """Why a slot got its exercises in one week, for `engine explain`."""

    week: int
    slot: str
    selector: str
    candidates: tuple[str, ...]
    removed: Mapping[str, str]
    picked: tuple[str, ...]
    why: str = ""


@dataclass(frozen=True)
class Plan:
    """The evaluated program: what every exporter receives."""

    program: Program
    weeks: tuple[Week, ...]
    notes: tuple[Note, ...] = ()
    composition: Composition = field(default_factory=Composition)
    source: str = ""
    athlete: Athlete | None = None
    selections: tuple[SelectionTrace, ...] = ()

    @property
    def units(self) -> str:
        """The units every load in the plan is written in: the athlete's
        when there is one (their plates and dumbbells are in those units)."""
        return self.athlete.units if self.athlete else self.program.units


@dataclass(frozen=True)
class ProgressionRule:
    """A progression as a slot uses it: the rule-file name, policy and options."""

    name: str
    policy: str
    options: Mapping[str, Any]
    plugin: str = "engine.progression"
    per: str = "exposure"  # or "week": advance every calendar week


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


@dataclass(frozen=True)
class Sensitivity:
    """For athletes with this sensitivity: tags to leave out, tags to put first."""

    avoid: tuple[str, ...] = ()
    prefer: tuple[str, ...] = ()


@dataclass(frozen=True)
class Deload:
    """Every `every`-th week keeps `sets` of the sets and `load` of the load."""

    every: int
    sets: float = 0.5
    load: float = 0.9


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
