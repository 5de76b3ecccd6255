"""Double progression's first answer to a session too hard: fewer reps at
the same load, before any load comes off (`engine.autoregulation` cuts
the load when this gives nothing).
"""

from __future__ import annotations

from engine import gear
from engine.bodyweight import SLACK, about
from engine.lastsession import foreseen_sets, rated_e1rms
from engine.loading import Loader
from engine.model import Choice, Prescription, Target, TrainingState
from engine.model.base import replace
from engine.ramp import ceiling, median, too_hard
from engine.wording import named

FEWER = "before any load comes off"  # the words of a session too hard answered with fewer reps


def fewer_reps(why: str, target: Target, state: TrainingState, choice: Choice, loader: Loader,
               rx: Prescription, overshoot: float) -> Target | None:
    """Double progression's answer to a session too hard with reps above
    the bottom of its range: the same load at the most fewer reps, within
    the range, at which the session's rated sets, each foreseen there by
    its own e1RM, are on target (230 lb x 5 @ 8.5, 9, 9.5 on 4-6 @ 7-8:
    230 x 4 about 7.5, 8, 8.5) and would not be read as too hard (a set
    one rep short at RPE 10 is still at 10 one rep down). None when no
    such reps, when the load lifted is not one the equipment makes (the
    sheet would round it), or when the session answered this way was too
    hard again: then the load comes off."""
    before, effort, imp = state.target.load, loader.effort, loader.implement(choice)
    e1s = rated_e1rms(loader, choice, rx, state)
    top = ceiling(replace(target, sets=state.target.sets))
    if before is None or effort is None or imp is None or not e1s or top is None or target.rpe is None \
            or not gear.makes(imp, before) or FEWER in state.target.note:
        return None
    for reps in range(state.target.reps - 1, rx.reps[0] - 1, -1):
        sets = foreseen_sets(loader, choice, e1s, reps, before)
        felt = median(sets)
        if felt <= top + SLACK and not too_hard(replace(state.target, reps=reps, rpe=target.rpe), sets, overshoot):
            said = (f"{reps} reps at {named(imp, before, loader.units)}, {about(felt)} "
                    f"by the last session's rated sets, {FEWER}")
            return replace(state.target, rpe=target.rpe, reps=reps, note=f"too hard: {why}: {said}")
    return None
