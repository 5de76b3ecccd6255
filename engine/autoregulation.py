"""Autoregulation: what a logged session that was too hard or too easy does
to the next load, for every progression policy.

The policy still decides reps, sets and effort from the session as it
always does; this only changes the load. Too hard (a working set short of
the rep range, or an RPE well above the target's top): the load comes down,
to what the weakest set of that session implies at the new target, or by a
set percentage, and never goes up. Too easy (every set made its reps, rated
well below the target's bottom): the load may rise by more than the usual
step, as far as the session's best set implies, up to a set number of
increments. The rule file sets the margins (see `Autoregulation`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from engine.loading import EPS, Loader, n
from engine.model import Autoregulation, Choice, Prescription, Target, TrainingState


@dataclass(frozen=True, slots=True)
class Verdict:
    """"ok", "hard" or "easy", and why, for the plan's note."""

    kind: str
    why: str = ""


OK = Verdict("ok")


def assess(state: TrainingState, rx: Prescription, rules: Autoregulation | None) -> Verdict:
    """Read the last logged session against what was prescribed."""
    if rules is None or state.status != "logged" or not state.performed:
        return OK
    target, done = state.target, state.performed
    floor = min(rx.reps[0], target.reps)
    short = [p for p in done if p.reps < floor]
    if short:
        return Verdict("hard", f"{len(short)} set(s) short of {floor} reps last time "
                               f"({', '.join(str(p.reps) for p in done)})")
    top = target.rpe[1] if target.rpe else None
    effort = state.effort
    if top is not None and effort is not None and effort >= top + rules.overshoot - EPS:
        return Verdict("hard", f"RPE {effort:g} last time, {effort - top:g} over the target's {top:g}")
    bottom = target.rpe[0] if target.rpe else None
    if (rules.undershoot is not None and bottom is not None and effort is not None
            and all(p.rpe is not None and p.reps >= target.reps for p in done)
            and effort <= bottom - rules.undershoot + EPS):
        return Verdict("easy", f"every set at RPE {effort:g} or less last time, well under the target's {bottom:g}")
    return OK


def regulate(verdict: Verdict, target: Target, state: TrainingState, choice: Choice, loader: Loader,
             rules: Autoregulation, increment: float, rpe_top: float) -> Target:
    """The policy's `target` with its load changed by the verdict (no
    change when loads are unknown or the verdict is ok)."""
    before = state.target.load
    if verdict.kind == "ok" or before is None or target.load is None:
        return target
    rpe = target.rpe[0] if target.rpe else 10.0
    if verdict.kind == "hard":
        if isinstance(rules.cut, str):
            load = _session_load(loader, choice, state, target.reps, rpe, rpe_top, lowest=True)
            how = "from that session's weakest set"
        else:
            load = before * (1 - float(rules.cut) / 100)
            how = f"{float(rules.cut):g}% off"
        if load is None or load >= before - EPS:
            return replace(target, load=before, added_load=state.target.added_load,
                           note=f"too hard: {verdict.why}: keep {n(before)} {loader.units}")
        return replace(target, load=load, added_load=state.target.added_load,
                       note=f"too hard: {verdict.why}: load {how}")
    best = _session_load(loader, choice, state, target.reps, rpe, rpe_top, lowest=False)
    ceiling = before + rules.max_increments * increment
    if best is None or best <= target.load + EPS:
        return target
    load = min(best, ceiling)
    return replace(target, load=load, added_load=state.target.added_load + (load - before),
                   note=f"too easy: {verdict.why}: up to {n(load - before)} {loader.units} more")


def _session_load(loader: Loader, choice: Choice, state: TrainingState, reps: int, rpe: float,
                  rpe_top: float, lowest: bool) -> float | None:
    e1 = loader.session_e1rm(choice, state.performed, rpe_top, lowest=lowest)
    if e1 is None or loader.effort is None:
        return None
    percent = loader.effort(reps, rpe)
    bw = loader.bodyweight(choice) or 0.0
    return (e1 * percent - bw) / loader.count(choice)
