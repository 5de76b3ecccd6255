"""The athlete a plan is for: units, equipment, maxes (see `engine.athlete`)."""

from __future__ import annotations

import datetime as _dt
from typing import Mapping

from engine.model.base import Frozen, set_field


class Stack(Frozen):
    """A machine or cable weight stack: `step` apart, from `low` (default:
    one step) to `high`, the full stack (None: not known, no limit)."""

    __slots__ = ("step", "low", "high")
    step: float
    low: float | None
    high: float | None

    def __init__(self, step: float, low: float | None = None, high: float | None = None) -> None:
        set_field(self, "step", step)
        set_field(self, "low", low)
        set_field(self, "high", high)


DUMBBELLS = tuple(float(w) for w in range(5, 125, 5))  # the default rack: 5 to 120 in steps of 5


class Gear(Frozen):
    """What the athlete can load, in their units; decides load rounding.

    `available` is None when the profile does not list equipment (then every
    exercise is eligible). Plates are pairs of each size, as many as needed.
    `kettlebells` are the bells as made, each (weight, units), since a 20 kg
    bell in an lb profile is still a 20 kg bell; None when the profile gives
    none (kettlebell exercises then load from the dumbbells).
    `stacks` describes machines by equipment name; others use `machine_step`
    and `machine_max`.
    """

    __slots__ = ("available", "bar", "trap_bar", "plates", "dumbbells", "machine_step", "machine_max", "stacks",
                 "kettlebells")
    available: frozenset[str] | None
    bar: float
    trap_bar: float
    plates: tuple[float, ...]
    dumbbells: tuple[float, ...]
    machine_step: float
    machine_max: float | None
    stacks: Mapping[str, Stack]
    kettlebells: tuple[tuple[float, str], ...] | None

    def __init__(
        self,
        available: frozenset[str] | None = None,
        bar: float = 45.0,
        trap_bar: float = 55.0,
        plates: tuple[float, ...] = (45.0, 35.0, 25.0, 10.0, 5.0, 2.5),
        dumbbells: tuple[float, ...] = DUMBBELLS,
        machine_step: float = 10.0,
        machine_max: float | None = None,
        stacks: Mapping[str, Stack] | None = None,
        kettlebells: tuple[tuple[float, str], ...] | None = None,
    ) -> None:
        set_field(self, "available", available)
        set_field(self, "bar", bar)
        set_field(self, "trap_bar", trap_bar)
        set_field(self, "plates", plates)
        set_field(self, "dumbbells", dumbbells)
        set_field(self, "machine_step", machine_step)
        set_field(self, "machine_max", machine_max)
        set_field(self, "stacks", dict() if stacks is None else stacks)
        set_field(self, "kettlebells", kettlebells)


class GearChange(Frozen):
    """Equipment in effect from `date` on: a later `[[equipment]]` entry of
    the profile (an athlete who changes gym mid-block). The days before it
    keep the equipment before it."""

    __slots__ = ("date", "gear", "entry")
    date: _dt.date
    gear: Gear
    entry: int  # its index in the profile's [[equipment]] list, for locating

    def __init__(self, date: _dt.date, gear: Gear, entry: int) -> None:
        set_field(self, "date", date)
        set_field(self, "gear", gear)
        set_field(self, "entry", entry)


class Max(Frozen):
    """A known max or a recent top set (`load` per dumbbell for dumbbell
    forms, added to bodyweight for bodyweight exercises); `engine.loading`
    turns it into an e1RM of the whole moved load."""

    __slots__ = ("exercise", "load", "reps", "rpe", "date")
    exercise: str  # "id" or "id/variant"
    load: float
    reps: int
    rpe: float
    date: _dt.date | None

    def __init__(
        self,
        exercise: str,
        load: float,
        reps: int = 1,
        rpe: float = 10.0,
        date: _dt.date | None = None,
    ) -> None:
        set_field(self, "exercise", exercise)
        set_field(self, "load", load)
        set_field(self, "reps", reps)
        set_field(self, "rpe", rpe)
        set_field(self, "date", date)


class Athlete(Frozen):
    """The person a plan is for; see `engine.athlete` for the profile file."""

    __slots__ = ("name", "units", "bodyweight", "sensitivities", "gear", "maxes", "logs", "source", "ratios",
                 "max_history", "gear_changes")
    _not_compared = ("source",)
    name: str
    units: str
    bodyweight: float | None
    sensitivities: tuple[str, ...]
    gear: Gear
    maxes: Mapping[str, Max]
    logs: tuple[str, ...]  # log files named in the profile, as display paths
    source: str
    ratios: Mapping[str, float]  # "id/variant" -> ratio, over the catalog's
    # key -> every max of a form given as an array, as written; `maxes` holds
    # the latest of them
    max_history: Mapping[str, tuple[Max, ...]]
    # equipment that replaces `gear` from a date on, oldest first; `gear` is
    # the equipment from the start
    gear_changes: tuple[GearChange, ...]

    def __init__(
        self,
        name: str,
        units: str,
        bodyweight: float | None = None,
        sensitivities: tuple[str, ...] = (),
        gear: Gear | None = None,
        maxes: Mapping[str, Max] | None = None,
        logs: tuple[str, ...] = (),
        source: str = "",
        ratios: Mapping[str, float] | None = None,
        max_history: Mapping[str, tuple[Max, ...]] | None = None,
        gear_changes: tuple[GearChange, ...] = (),
    ) -> None:
        set_field(self, "name", name)
        set_field(self, "units", units)
        set_field(self, "bodyweight", bodyweight)
        set_field(self, "sensitivities", sensitivities)
        set_field(self, "gear", Gear() if gear is None else gear)
        set_field(self, "maxes", dict() if maxes is None else maxes)
        set_field(self, "logs", logs)
        set_field(self, "source", source)
        set_field(self, "ratios", dict() if ratios is None else ratios)
        set_field(self, "max_history", dict() if max_history is None else max_history)
        set_field(self, "gear_changes", gear_changes)

    def tested(self, key: str) -> tuple[Max, ...]:
        """Every max of `key` as written: its history, while that still
        holds the max under `maxes` (a copy with `maxes` replaced has only
        the maxes it was given)."""
        m = self.maxes.get(key)
        if m is None:
            return ()
        found = self.max_history.get(key, ())
        return found if m in found else (m,)

    def gear_on(self, date: _dt.date | None) -> Gear:
        """The equipment in effect on `date`: that of the latest change on
        or before it, else the equipment from the start (also with no date)."""
        found = self.gear
        for change in self.gear_changes:
            if date is None or change.date > date:
                break
            found = change.gear
        return found
