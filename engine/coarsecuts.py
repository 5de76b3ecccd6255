"""A cut the equipment makes coarser than wanted (engine.autoregulation).

When the next lighter load the equipment makes cuts more than twice what
the too-hard rule wants (a 15 lb stack under 120 lb for a 117 lb target),
the load stays, at the reps the weakest set allows there, unless the
policy itself would give less. The shares are of the load moved, so a
belt's plates and an assisted machine's help are read against bodyweight.
"""

from __future__ import annotations

from engine import gear
from engine.gear import cut_to
from engine.loaded import EPS, TOLERANCE, n
from engine.loading import Loader
from engine.model import Autoregulation, Choice, Prescription, Target, TrainingState


def coarse_hold(loader: Loader, choice: Choice, before: float | None, load: float) -> str:
    """Why the load is held, when the equipment's next step down from
    `before` cuts more than twice what the rule wants (a 15 lb stack under
    120 lb for a 117 lb target); "" when the cut can be made. Both shares
    are of the load moved: bodyweight with a belt's plates, bodyweight
    less an assisted machine's help (5 kg more help off 67 kg moved is
    7.5%, not a third of the 15 kg help)."""
    imp = loader.implement(choice)
    if before is None or imp is None or not imp.loaded:
        return ""
    kept, lighter, whole = gear.floor(imp, before + TOLERANCE), cut_to(imp, load, before), loader.moved(choice, before)
    if whole <= EPS:
        return ""
    wanted, made = (whole - loader.moved(choice, load)) / whole, (before - lighter) * loader.count(choice) / whole
    if made <= 2 * wanted + EPS or kept <= lighter + EPS:
        return ""
    below = (f"the next lighter the equipment makes, {n(lighter)} {loader.units}, would cut {made:.1%}"
             if abs(lighter) > EPS and lighter < before - EPS else "the equipment makes nothing lighter")
    return f"{below}, more than twice the {wanted:.1%} wanted: keep {n(before)} {loader.units}"


def held_reps(loader: Loader, choice: Choice, state: TrainingState, rules: Autoregulation, top: float,
               policy: Target) -> int:
    """The reps a held load keeps: by the weakest set's e1RM, the most that
    stay under the effort the too-hard rule cuts (the target's top RPE plus
    `overshoot`), never more than last time's target or the policy's own;
    0 when not even one rep does (then the load comes down)."""
    bw, effort, before = loader.bodyweight(choice), loader.effort, state.target.load
    e1 = loader.session_e1rm(choice, state.performed, top, lowest=True)
    if effort is None or e1 is None or bw is None or before is None:
        return min(state.target.reps, policy.reps)
    share, limit = (before * loader.count(choice) + bw) / e1, min(top + rules.overshoot, 10.0)
    most = min(state.target.reps, policy.reps)
    return next((r for r in range(most, 0, -1) if effort(r, limit) > share * (1 + EPS)), 0)


def own_load(loader: Loader, choice: Choice, state: TrainingState, policy: Target,
              rx: Prescription) -> float | None:
    """The load the policy's own `policy` target comes to, rounded as the
    engine rounds it, before autoregulation changes anything: the most a
    hold on coarse equipment may keep."""
    imp, before = loader.implement(choice), state.target.load
    if imp is None or not imp.loaded or before is None:
        return None
    if policy.load is not None:
        return policy.load if policy.load >= before - EPS else cut_to(imp, policy.load, before)
    rpe = policy.rpe[0] if policy.rpe else 10.0  # a load from effort is taken at the bottom of the target
    raw = session_load(loader, choice, state, policy.reps, rpe, rx, lowest=False)
    return None if raw is None else gear.nearest(imp, raw)


def session_load(loader: Loader, choice: Choice, state: TrainingState, reps: int, rpe: float,
                  rx: Prescription, lowest: bool) -> float | None:
    """The load per implement that the session's weakest (or best) set
    implies for `reps` at `rpe`."""
    assumed = rx.rpe[1] if rx.rpe else 10.0
    e1 = loader.session_e1rm(choice, state.performed, assumed, lowest=lowest)
    if e1 is None or loader.effort is None:
        return None
    bw = loader.bodyweight(choice) or 0.0
    return (e1 * loader.effort(reps, rpe) - bw) / loader.count(choice)
