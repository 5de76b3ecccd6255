"""Equipment that tops out: the harder form progression moves to, and a
first target heavier than the equipment's heaviest.

A strong athlete with light dumbbells, or a full stack, cannot get the
target load: the first exposure then uses the heaviest at as many reps as
still reach the target's effort (double progression's range), and the most
sets when even the top of the range falls short. Within half an equipment
step of the heaviest it is only rounding, and nothing changes.
"""

from __future__ import annotations

from engine import gear
from engine.gear import kind_of
from engine.loading import Loaded, Loader, n
from engine.model import Athlete, Choice, Prescription, Rules, Target
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


def harder_form(rules: Rules, athlete: Athlete | None, choice: Choice) -> Choice | None:
    """The form the catalog names as the next one up, if the athlete has
    what it needs; else, from a form that takes no load, another form
    of the exercise that does and that the athlete can load (a vest
    step-up when there are no dumbbells)."""
    if choice.variant is None or choice.variant.harder is None:
        return None
    ex = rules.exercises.get(choice.exercise.id, choice.exercise)
    available = athlete.gear.available if athlete else None
    named = ex.variant(choice.variant.harder)
    others = [v for v in ex.variants if kind_of(choice) == "none" and v.id != choice.variant.id
              and kind_of(Choice(ex, v)) != "none"]
    for form in ([named] if named is not None else []) + others:
        if form.id != choice.variant.id and (available is None or set(form.equipment) <= available):
            return Choice(ex, form)
    return None
