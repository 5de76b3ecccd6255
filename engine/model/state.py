"""The training state: what a progression policy prescribes for one
exposure (`Target`, with the effort worked out for it, `Expected`) and
what each exposure leaves for the next (`TrainingState`)."""

from __future__ import annotations

import datetime as _dt

from engine.model.base import Frozen, set_field
from engine.model.logged import Performed
from engine.model.ratedrun import RatedRun
from engine.model.types import NumRange


class Expected(Frozen):
    """The RPE the engine worked out for `reps` at `load` (per implement;
    None for bodyweight alone) by the e1RM its note names, where it did:
    the sets are labelled with it when it falls outside the target's RPE
    (`engine.plannedsets.label`); past failure is above 10."""

    __slots__ = ("reps", "load", "rpe")
    reps: int
    load: float | None
    rpe: float

    def __init__(self, reps: int, load: float | None, rpe: float) -> None:
        set_field(self, "reps", reps)
        set_field(self, "load", load)
        set_field(self, "rpe", rpe)


class Target(Frozen):
    """What a progression policy prescribes for one exposure to an exercise.

    `added_load` is the load added since the first exposure (what a plan
    without an athlete shows, "+5 lb"). `load` is absolute: the previous
    target's load is what was prescribed (rounded to the athlete's
    equipment) or lifted; a policy returns the load it wants, or None to
    have the engine take it from the athlete's e1RM at these reps and RPE.
    `expected` is the engine's, never a policy's: the effort it worked out
    for the reps at the load the equipment makes, for the sets' label; a
    training state's target never carries one.
    """

    __slots__ = ("sets", "reps", "rpe", "added_load", "load", "note", "expected")
    sets: int
    reps: int
    rpe: NumRange | None
    added_load: float
    load: float | None
    note: str
    expected: Expected | None

    def __init__(
        self,
        sets: int,
        reps: int,
        rpe: NumRange | None = None,
        added_load: float = 0.0,
        load: float | None = None,
        note: str = "",
        expected: Expected | None = None,
    ) -> None:
        set_field(self, "sets", sets)
        set_field(self, "reps", reps)
        set_field(self, "rpe", rpe)
        set_field(self, "added_load", added_load)
        set_field(self, "load", load)
        set_field(self, "note", note)
        set_field(self, "expected", expected)


class TrainingState(Frozen):
    """Where one exercise form stands for the athlete after an exposure,
    carried to that form's next exposure whatever slot it is in.

    `target.load` is the load prescribed (already rounded to the athlete's
    equipment), or the load lifted when the log has the session. `owed` is
    progression earned but too small for the equipment's next step: it is
    added to the next increase. `status` is "planned", "logged" (the log
    has the session; `performed` holds its working sets), "replaced" (the
    log has another form of the exercise that day instead) or "missed" (the
    day is done but the log has nothing for it). `date` is the exposure's
    (None in an undated plan, and for a state the log leaves). `rounded`
    is the RPE the engine's own rounding added to the target's first set (a
    load from the e1RM rounded up to one the equipment makes: 70 kg for
    69.3), which the session logged at that load is allowed (`engine.ramp`);
    for a planned exposure whose load was worked out from an e1RM (a first
    load, a cut), the RPE over the target's bottom that e1RM puts it at,
    where the week after takes it as done (`engine.logged.taken_at`).
    `printed` is the RPE the sheet printed next to the sets when it was not
    the target's (the effort the engine expected at a load the equipment
    made): the session is judged against what the athlete was shown.
    `run` is the sessions in a row rated alike (`engine.flatratings`).
    """

    __slots__ = ("form", "target", "week", "exposures", "owed", "status", "performed", "e1rm", "deloaded", "topped",
                 "sets_logged", "date", "rounded", "printed", "run")
    form: str
    target: Target
    week: int
    exposures: int
    owed: float
    status: str
    performed: tuple[Performed, ...]
    e1rm: float | None
    deloaded: int  # the last deload week this form has had its deload for
    topped: bool  # the equipment cannot go heavier
    sets_logged: int  # working sets the log has for the session, every group counted
    date: _dt.date | None
    rounded: float
    printed: tuple[float, float] | None
    run: RatedRun | None

    def __init__(
        self,
        form: str,
        target: Target,
        week: int,
        exposures: int = 1,
        owed: float = 0.0,
        status: str = "planned",
        performed: tuple[Performed, ...] = (),
        e1rm: float | None = None,
        deloaded: int = 0,
        topped: bool = False,
        sets_logged: int = 0,
        date: _dt.date | None = None,
        rounded: float = 0.0,
        printed: tuple[float, float] | None = None,
        run: RatedRun | None = None,
    ) -> None:
        set_field(self, "form", form)
        set_field(self, "target", target)
        set_field(self, "week", week)
        set_field(self, "exposures", exposures)
        set_field(self, "owed", owed)
        set_field(self, "status", status)
        set_field(self, "performed", performed)
        set_field(self, "e1rm", e1rm)
        set_field(self, "deloaded", deloaded)
        set_field(self, "topped", topped)
        set_field(self, "sets_logged", sets_logged)
        set_field(self, "date", date)
        set_field(self, "rounded", rounded)
        set_field(self, "printed", printed)
        set_field(self, "run", run)

    @property
    def after_deload(self) -> bool:
        """Its last exposure was a deload (no rule reads that session)."""
        return 0 < self.deloaded == self.week

    @property
    def effort(self) -> float | None:
        """The hardest logged set's RPE, when the log rates one."""
        rated = [p.rpe for p in self.performed if p.rpe is not None]
        return max(rated) if rated else None
