"""The component types plugins register: selectors, progressions, exporters.

Each is a frozen dataclass holding a callable plus what the engine needs to
document and validate it (`options_schema` is a JSON Schema fragment for the
component's options in a rule file). Contexts passed to the callables only
ever gain fields, so plugins written today keep working.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from engine.model import Athlete, Choice, Exercise, Plan, Prescription, Program, Target, TrainingState


@dataclass(frozen=True)
class SelectionContext:
    """Everything a selector may look at to fill one slot in one week."""

    slot: str
    slot_index: int
    category: str
    count: int
    candidates: tuple[Exercise, ...]
    week: int
    weeks: int
    options: Mapping[str, Any]
    seed: int
    program: Program
    history: tuple[tuple[Choice, ...], ...] = ()  # earlier weeks' picks for this slot
    athlete: Athlete | None = None
    # Latest date each exercise was performed according to the athlete's log,
    # keyed by exercise id and by "id/variant"; empty without a log.
    last_done: Mapping[str, _dt.date] = field(default_factory=dict)

    def expand_variants(self) -> tuple[Choice, ...]:
        """Every (exercise, variant) pair, interleaved across exercises so
        consecutive picks differ in exercise as well as variant."""
        columns = [
            [Choice(e, v) for v in e.variants] or [Choice(e)] for e in self.candidates
        ]
        out: list[Choice] = []
        for i in range(max((len(c) for c in columns), default=0)):
            out.extend(c[i] for c in columns if i < len(c))
        return tuple(out)


@dataclass(frozen=True)
class ProgressionContext:
    """What a progression policy sees for one exercise in one slot."""

    prescription: Prescription
    options: Mapping[str, Any]
    units: str
    exercise: Exercise
    week: int
    exposure: int  # 1 for the first time this form is trained
    performed: Any = None  # the sets the log has for the last exposure, or None
    # The form's training state before this exposure (None the first time):
    # the load prescribed or lifted, what is owed, what was performed.
    state: TrainingState | None = None
    choice: Choice | None = None  # the exercise and form being progressed
    # The gap from the current load to the next one the athlete's equipment
    # makes (the next dumbbell, plate pair or stack plate); None when unknown.
    step: float | None = None


@dataclass(frozen=True)
class Selector:
    """A named way to pick exercises for a slot (see docs/plugins.md)."""

    name: str
    select: Callable[[SelectionContext], Sequence[Choice | Exercise]]
    description: str = ""
    options_schema: Mapping[str, Any] = field(default_factory=dict)
    # One line saying why these picks, for `engine explain` (optional).
    explain: Callable[[SelectionContext, tuple[Choice, ...]], str] | None = None


@dataclass(frozen=True)
class Progression:
    """A named policy for a slot's target: where it starts and how it moves."""

    name: str
    start: Callable[[ProgressionContext], Target]
    advance: Callable[[ProgressionContext, Target], Target]
    description: str = ""
    options_schema: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Exporter:
    """A named output format; `extension` lets `-o FILE` choose it."""

    name: str
    render: Callable[[Plan, Mapping[str, Any]], str | bytes]
    description: str = ""
    extension: str = ".txt"
    options_schema: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EffortModel:
    """How effort maps to load: `percent(reps, rpe)` is the fraction of the
    one-rep max that `reps` at `rpe` takes (1.0 for one rep at RPE 10).
    Both directions (e1RM from a logged set, load for a target) use it."""

    name: str
    percent: Callable[[float, float], float]
    description: str = ""
