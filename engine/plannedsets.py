"""The sets of one exposure: effort spread from the bottom to the top of
the RPE range (fatigue makes later sets at one load feel harder), the
effort label of a deload, and the label of sets whose load cannot reach
the target's effort.

Where the engine worked out the effort of the target's reps at the load
the equipment makes (a note's "about RPE 6.5 even for 20 reps": coarse
dumbbell steps, a stack at its heaviest, bodyweight alone) and that
effort, to the half point the note gives, is outside the target's RPE
range, every set is labelled with it instead (`label`): the sheet, the
JSON and every exporter print the effort the athlete will meet, and the
note says why. On the scale 1 to 10: a load lighter than RPE 1 is labelled
1 (the note says how many reps short of failure), past failure 10.
Decided here, once, for every exporter."""

from __future__ import annotations

import math
from typing import Any, Callable

from engine.loads import rpe_at
from engine.model import NumRange, PlannedSet, Target, TrainingState
from engine.model.base import replace

DELOAD_RPE_FLOOR = 5.0  # below this, ratings stop meaning much: a deload is labelled at least this


_MADE: dict[tuple[Any, ...], tuple[PlannedSet, ...]] = {}  # a plan repeats a few shapes of sets many times


def planned_sets(target: Target, load: Any = ...) -> tuple[PlannedSet, ...]:
    """`target.sets` sets of `target.reps`; `load` replaces the target's
    load when given."""
    if load is ...:
        load = target.load
    rpe = label(target, load)  # 8 and 8.0 are one key but not one output: the types are part of it
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
    target's moved load, by the effort model from the top of the target's
    range, rounded down to a half point, never above the target's and never
    under `least` (without a model: two points lower for a lighter load,
    and a point lower per rep fewer): one number, the hardest the sets read."""
    if target.rpe is None:
        return None
    done = target.reps if reps is None else reps

    def lower(rpe: float) -> float:
        if effort is None:
            value = rpe - (2 if fraction < 1 - 1e-9 else 0) - (target.reps - done)
        else:
            value = rpe_at(effort, done, fraction * effort(target.reps, rpe))
        return min(to_half(rpe), max(least, math.floor(value * 2 + 1e-9) / 2))  # (an RPE read off a log: a half)

    top = lower(target.rpe[1])  # one number, as a deload is labelled: the hardest its sets read (not "5-6")
    return (top, top)


def to_half(rpe: float) -> float:
    """An RPE to the half point, a quarter always up (8.75 is 9): the
    effort model read backwards lands on a quarter a hair either side."""
    return math.floor(rpe * 2 + 0.5 + 1e-6) / 2


def label(target: Target, load: float | None) -> NumRange | None:
    """The RPE the sets of `target` at `load` are labelled with: the
    target's, or the effort the engine expects there when that is outside
    it (module docstring)."""
    rpe, seen = target.rpe, target.expected
    if rpe is None or seen is None or seen.reps != target.reps or (seen.load is None) != (load is None) \
            or seen.load is not None and load is not None and abs(seen.load - load) > 1e-6:
        return rpe  # nothing worked out, or for other reps or another load than the ones printed
    felt = min(max(to_half(seen.rpe), 1.0), 10.0)
    return rpe if rpe[0] <= felt <= rpe[1] else (felt, felt)


def repeated(previous: TrainingState | None, state: TrainingState, printed: NumRange | None) -> TrainingState | None:
    """A planned week that repeats the week before it, planned or logged
    (the same load, sets and reps: a step and a rep the plan held back), as the weeks
    after it read it: a point easier than the week before was taken, and
    never harder than the bottom of the target's RPE (the plan's rep a week
    of progress), so a plan goes on rather than holding for good: 60 kg x 4
    printed @ RPE 9 on 7-8, held at that label, is then taken as done at
    RPE 7, where a 5th rep comes (at the equipment's heaviest too, where a
    rep foreseen too hard was held). None for any other week, and for a
    label past failure (an empty bar over the e1RM) or no load: nothing
    grows from those until a session is logged; nor for a label under the
    target (a pair too light even for the top of the range), read at it,
    the latest evidence under it (`engine.lastsession.current_e1rm`)."""
    rpe, t = state.target.rpe, state.target
    if previous is None or previous.status not in ("planned", "logged") or state.status != "planned" or rpe is None \
            or t.load is None or previous.printed != printed \
            or printed is not None and not rpe[0] <= printed[0] < 10.0 \
            or (previous.target.load, previous.target.reps, previous.target.sets) != (t.load, t.reps, t.sets):
        return None
    before = _taken(previous, rpe[0])
    return None if before is None else replace(state, printed=None, rounded=min(0.0, before - 1.0))


def _taken(previous: TrainingState, bottom: float) -> float | None:
    """The RPE over `bottom` the week before is taken as done at: its label,
    its e1RM's effort (`TrainingState.rounded`), or logged, its first rated
    set's (None when it rated none)."""
    if previous.printed is not None:
        return previous.printed[0] - bottom
    if previous.status == "planned":
        return previous.rounded
    rated = [p.rpe for p in previous.performed if p.rpe is not None]
    return rated[0] - bottom if rated else None
