"""The component types plugins register: selectors, progressions, exporters.

Each is a frozen dataclass holding a callable plus what the engine needs to
document and validate it (`options_schema` is a JSON Schema fragment for the
component's options in a rule file). Contexts passed to the callables only
ever gain fields, so plugins written today keep working.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Mapping, Sequence

from engine.model import Athlete, Choice, Exercise, Plan, Prescription, Program, Target, TrainingState
from engine.model.base import Frozen, set_field


class SelectionContext(Frozen):
    """Everything a selector may look at to fill one slot in one week."""

    __slots__ = (
        "slot", "slot_index", "category", "count", "candidates", "week", "weeks", "options", "seed", "program",
        "history", "athlete", "last_done",
    )
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
    history: tuple[tuple[Choice, ...], ...]  # earlier weeks' picks for this slot
    athlete: Athlete | None
    # Latest date each exercise was performed according to the athlete's log,
    # keyed by exercise id and by "id/variant"; empty without a log.
    last_done: Mapping[str, _dt.date]

    def __init__(
        self,
        slot: str,
        slot_index: int,
        category: str,
        count: int,
        candidates: tuple[Exercise, ...],
        week: int,
        weeks: int,
        options: Mapping[str, Any],
        seed: int,
        program: Program,
        history: tuple[tuple[Choice, ...], ...] = (),
        athlete: Athlete | None = None,
        last_done: Mapping[str, _dt.date] | None = None,
    ) -> None:
        set_field(self, "slot", slot)
        set_field(self, "slot_index", slot_index)
        set_field(self, "category", category)
        set_field(self, "count", count)
        set_field(self, "candidates", candidates)
        set_field(self, "week", week)
        set_field(self, "weeks", weeks)
        set_field(self, "options", options)
        set_field(self, "seed", seed)
        set_field(self, "program", program)
        set_field(self, "history", history)
        set_field(self, "athlete", athlete)
        set_field(self, "last_done", dict() if last_done is None else last_done)

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


class ProgressionContext(Frozen):
    """What a progression policy sees for one exercise in one slot."""

    __slots__ = (
        "prescription", "options", "units", "exercise", "week", "exposure", "performed", "state", "choice", "step",
    )
    prescription: Prescription
    options: Mapping[str, Any]
    units: str
    exercise: Exercise
    week: int
    exposure: int  # 1 for the first time this form is trained
    performed: Any  # the sets the log has for the last exposure, or None
    # The form's training state before this exposure (None the first time):
    # the load prescribed or lifted, what is owed, what was performed.
    state: TrainingState | None
    choice: Choice | None  # the exercise and form being progressed
    # The gap from the current load to the next one the athlete's equipment
    # makes (the next dumbbell, plate pair or stack plate); None when unknown.
    step: float | None

    def __init__(
        self,
        prescription: Prescription,
        options: Mapping[str, Any],
        units: str,
        exercise: Exercise,
        week: int,
        exposure: int,
        performed: Any = None,
        state: TrainingState | None = None,
        choice: Choice | None = None,
        step: float | None = None,
    ) -> None:
        set_field(self, "prescription", prescription)
        set_field(self, "options", options)
        set_field(self, "units", units)
        set_field(self, "exercise", exercise)
        set_field(self, "week", week)
        set_field(self, "exposure", exposure)
        set_field(self, "performed", performed)
        set_field(self, "state", state)
        set_field(self, "choice", choice)
        set_field(self, "step", step)


class Selector(Frozen):
    """A named way to pick exercises for a slot (see docs/plugins.md)."""

    __slots__ = ("name", "select", "description", "options_schema", "explain")
    name: str
    select: Callable[[SelectionContext], Sequence[Choice | Exercise]]
    description: str
    options_schema: Mapping[str, Any]
    # One line saying why these picks, for `engine explain` (optional).
    explain: Callable[[SelectionContext, tuple[Choice, ...]], str] | None

    def __init__(
        self,
        name: str,
        select: Callable[[SelectionContext], Sequence[Choice | Exercise]],
        description: str = "",
        options_schema: Mapping[str, Any] | None = None,
        explain: Callable[[SelectionContext, tuple[Choice, ...]], str] | None = None,
    ) -> None:
        set_field(self, "name", name)
        set_field(self, "select", select)
        set_field(self, "description", description)
        set_field(self, "options_schema", dict() if options_schema is None else options_schema)
        set_field(self, "explain", explain)


class Progression(Frozen):
    """A named policy for a slot's target: where it starts and how it moves."""

    __slots__ = ("name", "start", "advance", "description", "options_schema")
    name: str
    start: Callable[[ProgressionContext], Target]
    advance: Callable[[ProgressionContext, Target], Target]
    description: str
    options_schema: Mapping[str, Any]

    def __init__(
        self,
        name: str,
        start: Callable[[ProgressionContext], Target],
        advance: Callable[[ProgressionContext, Target], Target],
        description: str = "",
        options_schema: Mapping[str, Any] | None = None,
    ) -> None:
        set_field(self, "name", name)
        set_field(self, "start", start)
        set_field(self, "advance", advance)
        set_field(self, "description", description)
        set_field(self, "options_schema", dict() if options_schema is None else options_schema)


class Exporter(Frozen):
    """A named output format; `extension` lets `-o FILE` choose it."""

    __slots__ = ("name", "render", "description", "extension", "options_schema")
    name: str
    render: Callable[[Plan, Mapping[str, Any]], str | bytes]
    description: str
    extension: str
    options_schema: Mapping[str, Any]

    def __init__(
        self,
        name: str,
        render: Callable[[Plan, Mapping[str, Any]], str | bytes],
        description: str = "",
        extension: str = ".txt",
        options_schema: Mapping[str, Any] | None = None,
    ) -> None:
        set_field(self, "name", name)
        set_field(self, "render", render)
        set_field(self, "description", description)
        set_field(self, "extension", extension)
        set_field(self, "options_schema", dict() if options_schema is None else options_schema)


class EffortModel(Frozen):
    """How effort maps to load: `percent(reps, rpe)` is the fraction of the
    one-rep max that `reps` at `rpe` takes (1.0 for one rep at RPE 10).
    Both directions (e1RM from a logged set, load for a target) use it."""

    __slots__ = ("name", "percent", "description")
    name: str
    percent: Callable[[float, float], float]
    description: str

    def __init__(self, name: str, percent: Callable[[float, float], float], description: str = "") -> None:
        set_field(self, "name", name)
        set_field(self, "percent", percent)
        set_field(self, "description", description)
