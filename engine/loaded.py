"""What a load decision gives the trainer: the estimate of the max it
came from, the load and how it was reached (`Loaded`), and the number
formatting every note uses."""

from __future__ import annotations

import datetime as _dt

from engine.model import LoadBasis
from engine.model.base import Frozen, set_field

EPS = 1e-9
TOLERANCE = 0.005  # in kg or lb: far under the lightest real plate (0.1), over conversion noise


class Estimate(Frozen):
    """An estimated one-rep max of the whole moved load (bodyweight
    included for bodyweight exercises, every implement counted)."""

    __slots__ = ("e1rm", "source", "extra", "caveat")
    e1rm: float
    source: str
    extra: _dt.date | None  # the date of the extra session (logged, not planned) it comes from
    caveat: str  # what the sheet says of how it was read (a best set out of line with the others: engine.sessionread)

    def __init__(self, e1rm: float, source: str, extra: _dt.date | None = None, caveat: str = "") -> None:
        set_field(self, "e1rm", e1rm)
        set_field(self, "source", source)
        set_field(self, "extra", extra)
        set_field(self, "caveat", caveat)


class Loaded(Frozen):
    """What `Loader.prescribe` decided: the load (per implement) or None,
    how it was reached, and what the trainer must know about it."""

    __slots__ = ("load", "basis", "owed", "topped", "held")
    load: float | None
    basis: LoadBasis | None
    owed: float
    topped: bool  # an increase was asked and the equipment is at its heaviest
    held: bool  # an increase was asked and is owed until the next step

    def __init__(
        self,
        load: float | None,
        basis: LoadBasis | None,
        owed: float = 0.0,
        topped: bool = False,
        held: bool = False,
    ) -> None:
        set_field(self, "load", load)
        set_field(self, "basis", basis)
        set_field(self, "owed", owed)
        set_field(self, "topped", topped)
        set_field(self, "held", held)


def n(x: float) -> str:
    return f"{round(x, 2):g}"


def reps_of(count: int) -> str:
    """"1 rep", "8 reps"."""
    return f"{count} rep{'s' * (count != 1)}"
