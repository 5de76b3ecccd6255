"""The evaluated plan, and the training state each exposure leaves behind."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Mapping

from engine.model.athlete import Athlete
from engine.model.catalog import Choice, Exercise, Note, Prescription, Variant
from engine.model.rules import Composition, Program
from engine.model.types import NumRange


@dataclass(frozen=True)
class Performed:
    """One set the athlete's log says was done, in the plan's units."""

    date: _dt.date
    reps: int
    load: float | None
    rpe: float | None
    kind: str = "working"
    source: str = ""  # "file:line", for explain
    form: str = ""  # "id/variant" the log has it under


@dataclass(frozen=True)
class Target:
    """What a progression policy prescribes for one exposure to an exercise.

    `added_load` is the load added since the first exposure (what a plan
    without an athlete shows, "+5 lb"). `load` is absolute: the previous
    target's load is what was prescribed (rounded to the athlete's
    equipment) or lifted; a policy returns the load it wants, or None to
    have the engine take it from the athlete's e1RM at these reps and RPE.
    """

    sets: int
    reps: int
    rpe: NumRange | None = None
    added_load: float = 0.0
    load: float | None = None
    note: str = ""


@dataclass(frozen=True)
class TrainingState:
    """Where one exercise form stands for the athlete after an exposure,
    carried to that form's next exposure whatever slot it is in.

    `target.load` is the load prescribed (already rounded to the athlete's
    equipment), or the load lifted when the log has the session. `owed` is
    progression earned but too small for the equipment's next step: it is
    added to the next increase. `status` is "planned", "logged" (the log
    has the session; `performed` holds its working sets) or "missed" (the
    day is done but the log has nothing for it).
    """

    form: str
    target: Target
    week: int
    exposures: int = 1
    owed: float = 0.0
    status: str = "planned"
    performed: tuple[Performed, ...] = ()
    e1rm: float | None = None
    deloaded: int = 0  # the last deload week this form has had its deload for
    topped: bool = False  # the equipment cannot go heavier

    @property
    def effort(self) -> float | None:
        """The hardest logged set's RPE, when the log rates one."""
        rated = [p.rpe for p in self.performed if p.rpe is not None]
        return max(rated) if rated else None


@dataclass(frozen=True)
class PlannedSet:
    """One set to do: reps, and the effort and load when known."""

    reps: int
    rpe: float | None = None
    load: float | None = None


@dataclass(frozen=True)
class LoadBasis:
    """How a planned load was reached, step by step, for `engine explain`."""

    source: str = ""            # the max or logged set it comes from
    e1rm: float | None = None
    percent: float | None = None  # the effort model's fraction of 1RM
    raw: float | None = None      # what was wanted, before rounding
    load: float | None = None     # what the athlete loads (per implement)
    rounding: str = ""            # e.g. "barbell 45 + 2 x (45 + 25 + 10)"
    note: str = ""
    change: str = ""              # the load decision: "same load", "+5 lb", "held: 2.5 lb owed", ...
    implements: int = 1           # dumbbells held: `load` is per dumbbell
    owed: float = 0.0             # progression earned but not yet a step of the equipment


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
    performed: tuple[Performed, ...] = ()  # from the log, on days already done
    deload: bool = False
    state: TrainingState | None = None  # what the next exposure of this form builds on
    logged_as: Choice | None = None  # the form `performed` was logged as, when not the one planned

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

    @property
    def implements(self) -> int:
        """How many implements carry the load (two dumbbells): every load
        in the plan is per implement, that is per hand."""
        return self.basis.implements if self.basis is not None else 1


@dataclass(frozen=True)
class Day:
    """One training day of a week, in the order the exercises are done."""

    name: str
    date: _dt.date | None
    exercises: tuple[PlannedExercise, ...]
    done: bool = False  # on or before the last session in the athlete's log


@dataclass(frozen=True)
class Week:
    """One week of the plan; `done` weeks show what the log says was lifted."""

    number: int
    days: tuple[Day, ...]
    done: bool = False  # every day of it done, according to the athlete's log


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
