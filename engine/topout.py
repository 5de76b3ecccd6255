"""A first target heavier than the equipment's heaviest.

A strong athlete with light dumbbells, or a full stack, cannot get the
target load: the first exposure then uses the heaviest at as many reps as
still reach the target's effort (double progression's range), and the most
sets when even the top of the range falls short. Within half an equipment
step of the heaviest it is only rounding, and nothing changes.
"""

from __future__ import annotations

from engine import gear
from engine.loading import Loaded, Loader, n
from engine.model import Choice, Prescription, Target
from engine.model.base import replace


def topped_start(loader: Loader, policy: str, choice: Choice, rx: Prescription, target: Target,
                 loaded: Loaded) -> Target:
    b, top, effort, imp = loaded.basis, loaded.load, loader.effort, loader.implement(choice)
    if b is None or b.e1rm is None or b.raw is None or top is None or effort is None or imp is None:
        return target
    half = (top - gear.floor(imp, top - 1e-6)) / 2
    if b.raw <= top + half + 1e-9:
        return target
    e1, rpe = b.e1rm, target.rpe[0] if target.rpe else 10.0
    bw, count = loader.bodyweight(choice) or 0.0, loader.count(choice)

    def load_at(reps: int) -> float:
        return (e1 * effort(reps, rpe) - bw) / count

    reps = target.reps
    if policy == "double":
        reps = max((r for r in range(rx.reps[0], rx.reps[1] + 1) if load_at(r) >= top - half), default=reps)
    sets = rx.sets[1] if load_at(reps) > top + half + 1e-9 else target.sets
    return replace(target, reps=reps, sets=sets, note=(
        f"the heaviest the equipment makes ({n(top)} {loader.units}) is lighter than the target: "
        f"{sets} x {reps} with it"))
