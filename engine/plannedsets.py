"""The sets of one exposure: effort spread from the bottom to the top of
the RPE range (fatigue makes later sets at one load feel harder), and the
effort label of a deload."""

from __future__ import annotations

import math
from typing import Any, Callable

from engine.loads import rpe_at
from engine.model import NumRange, PlannedSet, Target

DELOAD_RPE_FLOOR = 5.0  # below this, ratings stop meaning much: a deload is labelled at least this


_MADE: dict[tuple[Any, ...], tuple[PlannedSet, ...]] = {}  # a plan repeats a few shapes of sets many times


def planned_sets(target: Target, load: Any = ...) -> tuple[PlannedSet, ...]:
    """`target.sets` sets of `target.reps`; `load` replaces the target's
    load when given."""
    if load is ...:
        load = target.load
    rpe = target.rpe  # 8 and 8.0 are one key but not one output: the types are part of it
    key = (target.sets, target.reps, rpe, load, type(load), rpe and (type(rpe[0]), type(rpe[1])))
    found = _MADE.get(key)
    if found is None:
        found = _sets(max(target.sets, 0), target.reps, rpe, load)
        if len(_MADE) < 4096:
            _MADE[key] = found
    return found


def _sets(n: int, reps: int, rpe: NumRange | None, load: Any) -> tuple[PlannedSet, ...]:
    if rpe is None:
        return tuple(PlannedSet(reps, None, load) for _ in range(n))
    lo, hi = rpe
    if n == 1:
        return (PlannedSet(reps, lo, load),)
    # Half points are what athletes rate; never leave the range.
    return tuple(PlannedSet(reps, min(max(round((lo + (hi - lo) * i / (n - 1)) * 2) / 2, lo), hi), load)
                 for i in range(n))


def deload_rpe(target: Target, fraction: float, effort: Callable[[int, float], float] | None,
               reps: int | None = None, least: float = DELOAD_RPE_FLOOR) -> NumRange | None:
    """The RPE `reps` (by default the target's) take at `fraction` of the
    target's moved load, by the effort model, rounded down to a half point,
    never above the target's and never under `least` (without a model: two
    points lower for a lighter load, and a point lower per rep fewer)."""
    if target.rpe is None:
        return None
    done = target.reps if reps is None else reps

    def lower(rpe: float) -> float:
        if effort is None:
            value = rpe - (2 if fraction < 1 - 1e-9 else 0) - (target.reps - done)
        else:
            value = rpe_at(effort, done, fraction * effort(target.reps, rpe))
        return min(rpe, max(least, math.floor(value * 2 + 1e-9) / 2))

    lo, hi = target.rpe
    return (lower(lo), lower(hi))
