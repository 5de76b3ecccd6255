"""What the athlete's log says was done: one set, and one session the
plan did not ask for."""

from __future__ import annotations

import datetime as _dt

from engine.model.base import Frozen, set_field
from engine.model.catalog import Choice


class Performed(Frozen):
    """One set the athlete's log says was done, in the plan's units."""

    __slots__ = ("date", "reps", "load", "rpe", "kind", "source", "form")
    date: _dt.date
    reps: int
    load: float | None
    rpe: float | None
    kind: str
    source: str  # "file:line", for explain
    form: str  # "id/variant" the log has it under

    def __init__(
        self,
        date: _dt.date,
        reps: int,
        load: float | None,
        rpe: float | None,
        kind: str = "working",
        source: str = "",
        form: str = "",
    ) -> None:
        set_field(self, "date", date)
        set_field(self, "reps", reps)
        set_field(self, "load", load)
        set_field(self, "rpe", rpe)
        set_field(self, "kind", kind)
        set_field(self, "source", source)
        set_field(self, "form", form)



class LoggedSession(Frozen):
    """A form's sets on one date of the log that no planned exposure
    claims: an extra session (a Saturday squat on a Mon/Wed/Fri plan, a
    second bench session in the week). The plan lists it with its week;
    later loads may build on it, and say so."""

    __slots__ = ("date", "choice", "sets", "implements", "labels")
    date: _dt.date
    choice: Choice  # the form lifted
    sets: tuple[Performed, ...]  # its working sets, in the order logged
    implements: int  # how many implements carry the load (two dumbbells): each set's load is per implement
    # loads the athlete knows by another name, as `LoadBasis.labels`: "16 kg (35.3 lb)", not 35.27 lb
    labels: tuple[tuple[float, str], ...]

    def __init__(self, date: _dt.date, choice: Choice, sets: tuple[Performed, ...], implements: int = 1,
                 labels: tuple[tuple[float, str], ...] = ()) -> None:
        set_field(self, "date", date)
        set_field(self, "choice", choice)
        set_field(self, "sets", sets)
        set_field(self, "implements", implements)
        set_field(self, "labels", labels)
