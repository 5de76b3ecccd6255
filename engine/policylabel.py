"""The effort a plugin policy's target asks at its load, labelled.

The built-in policies take their loads from the e1RM, or step them by
rules the engine checks against it (`engine.jumps`, `engine.foresee`). A
policy from a plugin may ask any load for any reps: a wave of 200 lb x 8
the week after 195 lb x 6 @ RPE 7 (an e1RM of 253.5 lb) is about RPE 10,
not the 7-8 of its target. Where the load lands over the target's RPE
range, its sets are labelled with the effort the engine expects there
and the note says by which e1RM, as for a load the equipment made
heavier than asked (`engine.plannedsets.label`); the target stays the
policy's.
"""

from __future__ import annotations

from engine.bodyweight import about
from engine.coarse import effort_of
from engine.lastsession import current_e1rm
from engine.loaded import n
from engine.loading import Loader
from engine.loads import rpe_at
from engine.model import Choice, Expected, Prescription, Target, TrainingState
from engine.model.base import replace
from engine.plannedsets import label
from engine.wording import named


def plugin_effort(loader: Loader, choice: Choice, rx: Prescription, previous: TrainingState | None,
                  target: Target, load: float | None) -> Target:
    """`target`, labelled with the effort expected at `load` where that is over its RPE."""
    imp, effort = loader.implement(choice), loader.effort
    if previous is None or load is None or effort is None or imp is None or not imp.loaded \
            or target.rpe is None or target.expected is not None:
        return target
    found = current_e1rm(loader, choice, rx, previous)
    if found is None:
        return target
    e1, source = found
    felt = replace(target, expected=Expected(target.reps, load, rpe_at(effort, target.reps,
                                                                        loader.moved(choice, load) / e1)))
    shown = label(felt, load)
    if shown is None or target.rpe is None or shown[0] <= target.rpe[1]:
        return target  # (a load lighter than the target asks is the policy's own easy week)
    assert felt.expected is not None
    past = effort_of(effort, target.reps, loader.moved(choice, load) / e1) > 10.0  # (the label stops at 10)
    said = f"{target.reps} reps at {named(imp, load, loader.units)} are " \
           f"{'past failure' if past else about(felt.expected.rpe)} by the e1RM {n(e1)} {loader.units} ({source})"
    return replace(felt, note="; ".join(filter(None, (target.note, said))))

