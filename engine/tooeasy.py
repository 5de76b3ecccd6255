"""A session too easy: the load may rise by more than the usual step, as
far as the session's best set implies at the target's bottom RPE, up to
`max_increments` increments (`engine.autoregulation` reads the session);
under one step of the equipment, the step when it lands inside the
target's effort, else the reps by effort at the load that stays."""

from __future__ import annotations

from engine import gear
from engine.bodyweight import SLACK, half
from engine.coarse import PAST, effort_of, expected, fit_text, moved, reps_for
from engine.coarsecuts import session_load
from engine.loaded import EPS, n, reps_of
from engine.loading import Loader
from engine.loads import graded
from engine.model import Autoregulation, Choice, Expected, Prescription, Target, TrainingState
from engine.model.base import replace
from engine.wording import named


def takes_load(loader: Loader, choice: Choice) -> bool:
    """Whether the exercise takes a load the equipment makes (not bodyweight alone, not a band)."""
    implement = loader.implement(choice)
    return implement is not None and implement.loaded


def too_easy(why: str, target: Target, state: TrainingState, choice: Choice, loader: Loader,
              rules: Autoregulation, rx: Prescription, increment: float, by_effort: bool = False) -> Target:
    """Up to `max_increments` increments over last time, as far as the
    session's best set supports at the target's bottom RPE."""
    before = state.target.load
    if before is None or target.load is None:
        # no load to add (bodyweight alone, a band): the policy's reps are the progress; say why that is all
        return _noted(target, f"too easy: {why}; with no load to add, more reps are the way up") \
            if not takes_load(loader, choice) else target
    bottom = target.rpe[0] if target.rpe else 10.0
    best = session_load(loader, choice, state, target.reps, bottom, rx, lowest=False)
    if best is None or best <= target.load + EPS:
        more = target.load - before
        what = f"the +{n(more)} {loader.units} the progression adds" if more > EPS else "this load"
        return _noted(target, f"too easy: {why}, but the best set supports no more than {what}")
    load = min(best, before + rules.max_increments * increment)
    step = loader.step(choice, before)
    if step is not None and load < before + step - EPS:
        short = (f"{n(load - before)} {loader.units} more is less than one step of the equipment "
                 f"({n(step)} {loader.units})")
        owed = None
        if target.load > before + EPS and load > target.load + EPS:
            # the policy adds load anyway: the extra is owed with it, toward the next step (unless it is inside)
            owed = replace(target, load=load, added_load=state.target.added_load + (load - before),
                           note=f"too easy: {why}: {short}, so it is owed")
        # the step when it is inside the target; else what is owed, or (the policy holds the load) reps by effort
        return _short_of_a_step(why, target, state, choice, loader, rx, before + step, short, owed, by_effort)
    said = f"too easy: {why}: up to {n(load - before)} {loader.units} more"
    up = _into_target(loader, choice, state, rx, target, load, before + rules.max_increments * increment)
    if up is not None:  # (at the effort the best set puts it, which the week after reads it at)
        load, said = up[0], f"{said}; {up[1]}"
        target = replace(target, expected=Expected(target.reps, load, up[2]))
    return replace(target, load=load, added_load=state.target.added_load + (load - before), note=said)


def _into_target(loader: Loader, choice: Choice, state: TrainingState, rx: Prescription, target: Target,
                 load: float, most: float) -> tuple[float, str, float] | None:
    """The next load the equipment makes over `load` (no more than `most`),
    and why, where the one under it leaves the target's reps under its RPE
    by the session's best set and the next is inside it: 80 kg x 5 @ 5, 5,
    5 (an e1RM of 106.67) wants 84.21 on 3 x 5 @ RPE 7-8; 82.5 is RPE 6.2
    there and 85 RPE 7.35: 85, not the policy's own step with 1.71 owed."""
    imp, effort = loader.implement(choice), loader.effort
    e1 = loader.session_e1rm(choice, state.performed, rx.rpe[1] if rx.rpe else 10.0)
    if imp is None or not imp.loaded or effort is None or e1 is None or target.rpe is None \
            or gear.makes(imp, load) or not graded(effort, target.reps):
        return None
    down = gear.floor(imp, load)
    up = gear.next_above(imp, down)
    if up is None or up > most + EPS:
        return None
    bw, count, (lo, hi) = loader.bodyweight(choice) or 0.0, imp.count, target.rpe
    at_down = effort_of(effort, target.reps, (down * count + bw) / e1)
    at_up = effort_of(effort, target.reps, (up * count + bw) / e1)
    if at_down >= lo - SLACK or at_up > hi + SLACK:
        return None
    said = (f"{named(imp, up, loader.units)} is RPE {half(at_up)} for {target.reps} reps by the best set's e1RM "
            f"({n(e1)} {loader.units}), inside the target's {lo:g}-{hi:g}, where {named(imp, down, loader.units)} is "
            f"RPE {half(at_down)}: take it")
    return up, said, at_up


def _short_of_a_step(why: str, target: Target, state: TrainingState, choice: Choice, loader: Loader,
                     rx: Prescription, up: float, short: str, owed: Target | None, by_effort: bool) -> Target:
    """Too easy, the extra less than one step: the next step (`up`) when
    the target's reps there are not over its RPE range by the session's
    best set (a quarter point over: 100 x 5 @ 4, an e1RM of 136.67, makes
    110 x 5 RPE 7.7 on a 7-8 target; @ 2, 110 is still under, RPE 5.9, and
    better than 100 again; double progression, where its reps are under
    or over the target there, at the fewest within the range that reach
    it: 70 kg x 8 @ 4-5 on 4-6, an e1RM of 102.67, makes 80 x 6 about RPE
    7.5, not 80 x 4 at 5.5, and 40 kg x 14 @ 5.5 on 10-15 @ 8-9, 64.67,
    45 x 11 about RPE 8, not 45 x 15 past the target); else `owed` when the policy adds load
    (the extra owed with it), or when it holds the load, at the load that
    stays the reps that reach the bottom of the target's RPE, within the
    range (the policy's reps when they already do)."""
    said, before, effort, units = f"too easy: {why}, but {short}", state.target.load, loader.effort, \
        loader.units
    e1, imp = loader.session_e1rm(choice, state.performed, rx.rpe[1] if rx.rpe else 10.0), loader.implement(choice)
    if before is None or effort is None or e1 is None or imp is None or not graded(effort, target.reps):
        return owed or _noted(target, said)
    bw, count, (lo, hi) = loader.bodyweight(choice) or 0.0, imp.count, target.rpe or (10.0, 10.0)
    share_up, reps = (up * count + bw) / e1, target.reps
    at_up, rpe = effort_of(effort, reps, share_up), f"{lo:g}" + (f"-{hi:g}" if hi > lo else "")
    if by_effort and at_up > hi + SLACK:  # over at the policy's reps: the fewest within the range that reach it
        reps = next((r for r in range(rx.reps[0], reps) if lo - SLACK <= effort_of(effort, r, share_up) <= hi + SLACK),
                    reps)
        at_up = effort_of(effort, reps, share_up)
    if at_up <= hi + SLACK:  # inside the target, or under it still: never the load rated far under again
        if by_effort and at_up < lo - SLACK:
            reps = next((r for r in range(reps + 1, rx.reps[1] + 1) if effort_of(effort, r, share_up) >= lo - SLACK),
                        max(rx.reps[1], reps))
            at_up = effort_of(effort, reps, share_up)
        where = "inside" if at_up >= lo - SLACK else "still under"
        return replace(target, load=up, reps=reps, added_load=state.target.added_load + (up - before),
                       expected=Expected(reps, up, at_up), note=(
            f"too easy: {why}: {short}, but {named(imp, up, units)} is RPE {half(at_up)} for "
            f"{reps} reps by the best set's e1RM ({n(e1)} {units}), {where} the target's {rpe}: take the step"))
    if owed is not None:
        return owed
    base = before if gear.makes(imp, before) else gear.nearest(imp, before)  # the load printed
    share, span = (base * count + bw) / e1, (target.reps, max(rx.reps[1], target.reps))
    fit = reps_for(effort, base, share, target.reps, span, (lo, hi), top=False)
    if fit is None or fit.reps <= target.reps:
        return _noted(target, said)
    over = "past failure" if at_up >= PAST else f"about RPE {half(at_up)}"
    # the policy's own "aim for 11 reps" gives way to the reps by effort: one rep target in the note
    asked = target.note.split(": aim for ")[0]
    return _noted(replace(target, reps=fit.reps, note=asked, expected=expected(fit)), (
        f"{said}, and {named(imp, up, units)} is {over} for {target.reps} reps by the best set's e1RM "
        f"({n(e1)} {units}): {moved(loader, choice, base)} is {share:.1%} of it: "
        f"{fit_text(effort, fit, share, span)}: aim for {reps_of(fit.reps)}"))


def _noted(target: Target, why: str) -> Target:
    """A too-easy session that changes nothing still says so, so the coach
    knows it was read."""
    return replace(target, note=f"{target.note}; {why}" if target.note else why)
