"""The athlete a plan is for: units, equipment, maxes (see `engine.athlete`)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Mapping


@dataclass(frozen=True)
class Stack:
    """A machine or cable weight stack: `step` apart, from `low` (default:
    one step) to `high`, the full stack (None: not known, no limit)."""

    step: float
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Gear:
    """What the athlete can load, in their units; decides load rounding.

    `available` is None when the profile does not list equipment (then every
    exercise is eligible). Plates are pairs of each size, as many as needed.
    `stacks` describes machines by equipment name; others use `machine_step`
    and `machine_max`.
    """

    available: frozenset[str] | None = None
    bar: float = 45.0
    trap_bar: float = 55.0
    plates: tuple[float, ...] = (45.0, 35.0, 25.0, 10.0, 5.0, 2.5)
    dumbbells: tuple[float, ...] = tuple(float(w) for w in range(5, 125, 5))
    machine_step: float = 10.0
    machine_max: float | None = None
    stacks: Mapping[str, Stack] = field(default_factory=dict)


@dataclass(frozen=True)
class Max:
    """A known max or a recent top set (`load` per dumbbell for dumbbell
    forms, added to bodyweight for bodyweight exercises); `engine.loading`
    turns it into an e1RM of the whole moved load."""

    exercise: str  # "id" or "id/variant"
    load: float
    reps: int = 1
    rpe: float = 10.0
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
    ratios: Mapping[str, float] = field(default_factory=dict)  # "id/variant" -> ratio, over the catalog's
