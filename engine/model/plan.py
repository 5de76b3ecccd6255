"""The evaluated plan: weeks of days of planned exercises, and how each load was reached."""

from __future__ import annotations

import datetime as _dt
from typing import Mapping

from engine.model.athlete import Athlete
from engine.model.base import Frozen, set_field
from engine.model.catalog import Choice, Exercise, Note, Prescription, Variant
from engine.model.logged import LoggedSession, Performed
from engine.model.rules import Composition, Program
from engine.model.state import Target, TrainingState


class PlannedSet(Frozen):
    """One set to do: reps, and the effort and load when known."""

    __slots__ = ("reps", "rpe", "load")
    reps: int
    rpe: float | None
    load: float | None

    def __init__(self, reps: int, rpe: float | None = None, load: float | None = None) -> None:
        set_field(self, "reps", reps)
        set_field(self, "rpe", rpe)
        set_field(self, "load", load)


class LoadBasis(Frozen):
    """How a planned load was reached, step by step, for `engine explain`."""

    __slots__ = ("source", "e1rm", "percent", "raw", "load", "rounding", "note", "change", "implements", "owed",
                 "labels", "rpe")
    source: str  # the max or logged set it comes from
    e1rm: float | None
    percent: float | None  # the effort model's fraction of 1RM
    raw: float | None  # what was wanted, before rounding
    load: float | None  # what the athlete loads (per implement)
    rounding: str  # e.g. "barbell 45 + 2 x (45 + 25 + 10)"
    note: str
    change: str  # the load decision: "same load", "+5 lb", "held: 2.5 lb owed", ...
    implements: int  # dumbbells held: `load` is per dumbbell
    owed: float  # progression earned but not yet a step of the equipment
    # loads the athlete knows by another name, (load, name): a bell made in
    # other units, (44.09..., "20 kg (44.1 lb)"), for the sheet
    labels: tuple[tuple[float, str], ...]
    rpe: float | None  # the RPE `percent` is for, at the target's reps

    def __init__(
        self,
        source: str = "",
        e1rm: float | None = None,
        percent: float | None = None,
        raw: float | None = None,
        load: float | None = None,
        rounding: str = "",
        note: str = "",
        change: str = "",
        implements: int = 1,
        owed: float = 0.0,
        labels: tuple[tuple[float, str], ...] = (),
        rpe: float | None = None,
    ) -> None:
        set_field(self, "source", source)
        set_field(self, "e1rm", e1rm)
        set_field(self, "percent", percent)
        set_field(self, "raw", raw)
        set_field(self, "load", load)
        set_field(self, "rounding", rounding)
        set_field(self, "note", note)
        set_field(self, "change", change)
        set_field(self, "implements", implements)
        set_field(self, "owed", owed)
        set_field(self, "labels", labels)
        set_field(self, "rpe", rpe)


class PlannedExercise(Frozen):
    """One exercise on one day: what was picked, its target and its sets."""

    __slots__ = (
        "slot", "choice", "category", "prescription", "progression", "target", "sets", "notes", "basis",
        "performed", "deload", "state", "logged_as", "missed", "others",
    )
    slot: str
    choice: Choice
    category: str
    prescription: Prescription
    progression: str
    target: Target
    sets: tuple[PlannedSet, ...]
    notes: str  # the slot's note for the athlete
    basis: LoadBasis | None
    performed: tuple[Performed, ...]  # from the log, on days already done
    deload: bool
    state: TrainingState | None  # what the next exposure of this form builds on
    logged_as: Choice | None  # the form `performed` was logged as, when not the one planned
    missed: bool  # its day is done, and the log has no session for it
    others: tuple[Performed, ...]  # the warm-up and drop sets logged with `performed`: never read, kept

    def __init__(
        self,
        slot: str,
        choice: Choice,
        category: str,
        prescription: Prescription,
        progression: str,
        target: Target,
        sets: tuple[PlannedSet, ...],
        notes: str = "",
        basis: LoadBasis | None = None,
        performed: tuple[Performed, ...] = (),
        deload: bool = False,
        state: TrainingState | None = None,
        logged_as: Choice | None = None,
        missed: bool = False,
        others: tuple[Performed, ...] = (),
    ) -> None:
        set_field(self, "slot", slot)
        set_field(self, "choice", choice)
        set_field(self, "category", category)
        set_field(self, "prescription", prescription)
        set_field(self, "progression", progression)
        set_field(self, "target", target)
        set_field(self, "sets", sets)
        set_field(self, "notes", notes)
        set_field(self, "basis", basis)
        set_field(self, "performed", performed)
        set_field(self, "deload", deload)
        set_field(self, "state", state)
        set_field(self, "logged_as", logged_as)
        set_field(self, "missed", missed)
        set_field(self, "others", others)

    @property
    def logged(self) -> tuple[Performed, ...]:
        """Every set the log has for it, warm-ups and drop sets too, in the order logged."""
        if not self.others:
            return self.performed
        return tuple(sorted((*self.performed, *self.others), key=lambda p: (p.date, p.source.rpartition(":")[0],
                                                                           int(p.source.rpartition(":")[2] or 0))))

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
        """How many implements carry the load (two dumbbells): every load is per implement, per hand."""
        return self.basis.implements if self.basis is not None else 1


class Day(Frozen):
    """One training day of a week, in the order the exercises are done."""

    __slots__ = ("name", "date", "exercises", "done")
    name: str
    date: _dt.date | None
    exercises: tuple[PlannedExercise, ...]
    done: bool  # on or before the last session in the athlete's log, or its own session logged before it

    def __init__(
        self,
        name: str,
        date: _dt.date | None,
        exercises: tuple[PlannedExercise, ...],
        done: bool = False,
    ) -> None:
        set_field(self, "name", name)
        set_field(self, "date", date)
        set_field(self, "exercises", exercises)
        set_field(self, "done", done)


class Week(Frozen):
    """One week of the plan; `done` weeks show what the log says was lifted."""

    __slots__ = ("number", "days", "done", "extra")
    number: int
    days: tuple[Day, ...]
    done: bool  # every day of it done, according to the athlete's log
    extra: tuple[LoggedSession, ...]  # sessions of the week's dates no exposure claims, by date

    def __init__(self, number: int, days: tuple[Day, ...], done: bool = False,
                 extra: tuple[LoggedSession, ...] = ()) -> None:
        set_field(self, "number", number)
        set_field(self, "days", days)
        set_field(self, "done", done)
        set_field(self, "extra", extra)


class SelectionTrace(Frozen):
    """Why a slot got its exercises in one week, for `engine explain`."""

    __slots__ = ("week", "slot", "selector", "candidates", "removed", "picked", "why")
    week: int
    slot: str
    selector: str
    candidates: tuple[str, ...]
    removed: Mapping[str, str]
    picked: tuple[str, ...]
    why: str

    def __init__(
        self,
        week: int,
        slot: str,
        selector: str,
        candidates: tuple[str, ...],
        removed: Mapping[str, str],
        picked: tuple[str, ...],
        why: str = "",
    ) -> None:
        set_field(self, "week", week)
        set_field(self, "slot", slot)
        set_field(self, "selector", selector)
        set_field(self, "candidates", candidates)
        set_field(self, "removed", removed)
        set_field(self, "picked", picked)
        set_field(self, "why", why)


class Plan(Frozen):
    """The evaluated program: what every exporter receives."""

    __slots__ = ("program", "weeks", "notes", "composition", "source", "athlete", "selections")
    program: Program
    weeks: tuple[Week, ...]
    notes: tuple[Note, ...]
    composition: Composition
    source: str
    athlete: Athlete | None
    selections: tuple[SelectionTrace, ...]

    def __init__(
        self,
        program: Program,
        weeks: tuple[Week, ...],
        notes: tuple[Note, ...] = (),
        composition: Composition | None = None,
        source: str = "",
        athlete: Athlete | None = None,
        selections: tuple[SelectionTrace, ...] = (),
    ) -> None:
        set_field(self, "program", program)
        set_field(self, "weeks", weeks)
        set_field(self, "notes", notes)
        set_field(self, "composition", Composition() if composition is None else composition)
        set_field(self, "source", source)
        set_field(self, "athlete", athlete)
        set_field(self, "selections", selections)

    @property
    def units(self) -> str:
        """The units every load in the plan is written in: the athlete's
        when there is one (their plates and dumbbells are in those units)."""
        return self.athlete.units if self.athlete else self.program.units
