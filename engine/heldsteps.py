"""An increase held until the equipment's next step (what is owed adds up
toward it), where the step is realistic: taken now when the last session
puts it on target, else a rep meanwhile after a session (or a planned
week) under the target, else the plain hold (`engine.jumps` checks the step first).
"""

from __future__ import annotations

from engine.bodyweight import SLACK, about, half
from engine.coarse import cap, effort_of
from engine.gear import next_above
from engine.lastsession import logged, session_sets
from engine.loaded import EPS, Loaded, n
from engine.model import Expected, Prescription, ProgressionRule, Target, TrainingState
from engine.model.base import replace
from engine.ramp import ceiling, median, plan_ramp, session_effort, span
from engine.stepup import Step, done_reps, joined
from engine.wording import held, named


def held_step(step: Step, rx: Prescription, progression: ProgressionRule, previous: TrainingState, target: Target,
              loaded: Loaded, new: float, increment: float) -> tuple[Target, Loaded] | None:
    """The held increase of a realistic step `new`: taken now, a rep
    meanwhile, or None for the plain hold. `increment` is the policy's,
    for the allowance of a session far under the target."""
    return _early(step, rx, progression, previous, target, loaded, new, increment) \
        or meanwhile(step, rx, progression, previous, target, loaded)


def _early(step: Step, rx: Prescription, progression: ProgressionRule, previous: TrainingState, target: Target,
           loaded: Loaded, new: float, increment: float) -> tuple[Target, Loaded] | None:
    """A held increase whose step the last session's rated sets put at or
    under the target's top (foreseen set by set, a quarter point given for
    rating to the half point), taken now rather than after weeks at a load
    under the target: for double progression, whose reps go back to the
    bottom of the range with the step (the range absorbs it: 120 lb x 14
    @ 9 makes 135 x 8 about RPE 8); for a fixed-rep policy, when the load
    that stays is foreseen under the target's bottom (a top set of 100 kg
    x 5 @ 8 over unrated 90s: 90 again is about RPE 4). An athlete on
    target keeps the program's pace. Double whose reps reached the top of
    the range (its own step is due, the equipment alone holds it) takes
    the step whenever it is not too hard, printed with its effort: 70 kg x
    8 @ 7, 7.5, 8 on 4-6 with 10 kg steps makes 80 x 4 about RPE 8.5 (8.1,
    8.6, 9.0 set by set), not weeks of 70 x 8 on a 4-6 range and then 80 x
    4 unchecked. A fixed-rep step where the load that stays is as far
    under the target as a session too easy, and the reps are past what a
    rep meanwhile builds to (`cap`), is taken the same way: 100 kg x 8 @ 8
    on 3 x 5 with 10 kg steps makes 110 x 5 about RPE 8.5, not 3 x 5 at
    100, about RPE 5. Double, where the bottom of the range is still under
    the target there, starts at the fewest reps within the range that
    reach it (the range's top, when none does; with `reset = "bottom"`, at
    the bottom). None otherwise."""
    top, rpe, units = ceiling(target), target.rpe, step.loader.units
    if not step.e1s or rpe is None or top is None:
        return None
    reps, double, past = step.reps, progression.policy == "double", ""
    ahead, now = median(step.foreseen(reps, new)), median(step.foreseen(reps, step.base))
    allowance = _allowance(progression, rpe[0], increment)
    # taken when it is not too hard (`step.fits`), not only when it is on target: double's own step, due at
    # the top of the range and held by the equipment alone; a fixed-rep step where the load that stays is as
    # far under the target as a session too easy and no rep meanwhile is left (100 kg x 8 @ 8 on 3 x 5: 100 x 5
    # is about RPE 5)
    done = done_reps(previous, progression, rx)
    due = double and done >= rx.reps[1] \
        or not double and allowance is not None and now <= allowance[0] + EPS and done >= cap(rx)
    if ahead > top + SLACK and not due or not double and now >= rpe[0] - SLACK:  # (under by more than rounding)
        return None
    if progression.reps_by_effort and ahead < rpe[0] - SLACK:
        reps = step.reaching(reps, max(rx.reps[1], reps), new, rpe[0])
        ahead = median(step.foreseen(reps, new))
    elif not double:  # as far as a set lifted last time that the next step keeps at or under the target's top
        new, ahead, past = _climbed(step, previous, reps, new, ahead, top, rpe[0], allowance)
    owed = loaded.basis.change.removeprefix("held: ") if loaded.basis else ""
    where = "a little over" if ahead > top + SLACK else "inside" if ahead >= rpe[0] - SLACK else "still under"
    kept = "" if double else f", where {step.imp.amount(step.base)} is {about(now)}"
    # a step off the target is printed with its effort, so the note names where it comes from
    e1s = f" (e1RM {_span(step.e1s)} {units})" if where != "inside" else ""
    said = (f"{owed}, but {named(step.imp, new, units)} is {about(ahead)} for {reps} reps by the last "
            f"session's rated sets{e1s}, {where} the target's {span(rpe)}{kept}: take the step, "
            f"+{n(new - step.base)} {units}{past}")
    before = previous.target.load or step.base
    change = f"+{n(new - step.base)} {units}"
    basis = None if loaded.basis is None else replace(loaded.basis, load=new, raw=new, rounding=step.imp.how(new),
                                                      change=change, owed=0.0)  # the step is what the rule wants
    # a step off the target prints the effort the note gives; one inside it, the target's
    felt = Expected(reps, new, ahead) if where != "inside" else None
    shown = replace(target, reps=reps, load=new, added_load=previous.target.added_load + (new - before),
                    expected=felt, note=joined(target.note, ": ", said))
    return shown, Loaded(new, basis, 0.0)


def _climbed(step: Step, previous: TrainingState, reps: int, new: float, ahead: float,
             top: float, bottom: float, allowance: tuple[float, float] | None) -> tuple[float, float, str]:
    """The step for a fixed-rep policy, its foreseen effort and what took
    it past the next load: the next load the equipment makes, or heavier,
    up to the heaviest set of at least these reps lifted last time, while
    the session there is foreseen at or under the target's top: a
    top set of 120 kg x 5 @ 8 over unrated 100s takes 120, not 110 at
    about RPE 4.5. Where even that set is foreseen under the target, one
    step over it, as the session rated throughout at its load would take
    (100 kg x 5 @ 6 over unrated 90s: 102.5, about RPE 7); where it is as
    far under as a session too easy (`allowance`: the effort at or under
    which a session is too easy, and how much more such a session adds),
    as far as that rule goes: 100 x 5 @ 3, +1 kg a week, takes 102.5 (about
    RPE 4) by its 2 kg, at least one step."""
    lifted = [p.load for p in session_sets(step.loader, step.choice, previous) if p.load is not None and p.reps >= reps]
    most, first = max(lifted, default=new), new
    new, ahead = _up_to(step, reps, new, ahead, top, most)
    units, past = step.loader.units, f" (to the heaviest set of {reps} lifted, {step.imp.amount(most)})"
    if new >= most - EPS and ahead < bottom - SLACK:  # still under at the heaviest set lifted
        further, at_most = next_above(step.imp, most) or most, ahead
        past = (f" (the heaviest set of {reps} lifted, {step.imp.amount(most)}, is {about(at_most)}: "
                "one step over it, as after a session at that load)")
        if allowance is not None and at_most <= allowance[0] + EPS:
            further = max(most + allowance[1], further)
            past = (f" (the heaviest set of {reps} lifted, {step.imp.amount(most)}, is {about(at_most)}: "
                    f"up to {n(allowance[1])} {units} over it, as a session too easy adds, at least one step)")
        new, ahead = _up_to(step, reps, new, ahead, top, further)
    return new, ahead, past if new > first + EPS and new > most - EPS else ""


def _up_to(step: Step, reps: int, new: float, ahead: float, top: float, most: float) -> tuple[float, float]:
    """Up the loads the equipment makes to `most`, while the session there is foreseen at or under `top`."""
    while (up := next_above(step.imp, new)) is not None and up <= most + EPS:
        felt = median(step.foreseen(reps, up))
        if felt > top + SLACK:
            break
        new, ahead = up, felt
    return new, ahead


def _allowance(progression: ProgressionRule, bottom: float, increment: float) -> tuple[float, float] | None:
    """The effort at or under which a session is too easy, and how much
    more it may add (`engine.autoregulation`); None without that rule."""
    rules = progression.autoregulation
    if rules is None or rules.undershoot is None:
        return None
    return bottom - rules.undershoot, rules.max_increments * increment


def meanwhile(step: Step, rx: Prescription, progression: ProgressionRule, previous: TrainingState,
               target: Target, loaded: Loaded) -> tuple[Target, Loaded] | None:
    """A held increase whose step is realistic, after a session under the
    bottom of the target's RPE (for a fixed-rep policy read at the reps
    asked): a rep at the load that stays while the increase is owed, up to
    `cap` and only where the session with it is not foreseen too hard, so
    the weeks of waiting are not weeks at RPE 5 (100 kg x 5 @ 5 on 10 kg
    steps: 3 x 6 at 100 while 2.5 kg a week is owed toward 110); after a
    planned week, one the plan's own ratings put under it
    (`_planned_under`), as a log of it at them would. Reps so
    built past the range are kept while the increase is owed (they come
    back into it with the step), for a fixed-rep policy only those it
    asked; None for the plain hold."""
    rpe, fixed = target.rpe, progression.policy != "double"  # double's reps past those asked are its progress
    done, sets = done_reps(previous, progression, rx), previous.target.sets
    if logged(previous):
        under = _under(step, previous, rpe, fixed) if rpe is not None and step.e1s else None
        bearable = step.bearable
    else:  # a planned week, at the plan's own ratings (as logging it as printed would read it)
        under = _planned_under(step, previous, rpe) if rpe is not None and not step.lenient else None
        bearable = step.planned_bearable
    if under is not None and done < cap(rx) and bearable(done + 1, step.base):
        owed = loaded.basis.change.removeprefix("held: ") if loaded.basis else ""
        said = f"{owed}; {under}: a rep at {step.imp.amount(step.base)} meanwhile: {sets} x {done + 1}"
        return replace(target, reps=done + 1, sets=sets, note=joined(target.note, ": ", said)), loaded
    # the reps built meanwhile stay until the step; a fixed-rep policy's program is not rewritten by reps
    # the athlete did past those asked (100 kg x 8 on 3 x 5 repeats 3 x 5 while the step is owed)
    kept = min(done, max(previous.target.reps, rx.reps[1])) if fixed else done
    return None if kept <= rx.reps[1] else (held(target, loaded, sets, kept), loaded)


def _under(step: Step, previous: TrainingState, rpe: tuple[float, float], fixed: bool) -> str | None:
    """Why the session at the load that stays is under the bottom of the
    target, or None: the sets as rated (for a fixed-rep policy read at the
    reps asked); where the load has moved on from the one lifted (8 reps
    at 100 kg where 5 were asked build on 105), the session foreseen
    there, under by more than rounding: 105 x 5 after 100 x 8 @ 8 is
    about RPE 6.9 on a 7-8 target, on it, so no rep meanwhile."""
    if any(p.load is not None and abs(p.load - step.base) <= EPS for p in previous.performed):
        found = session_effort(replace(previous.target, rpe=rpe), previous.performed, asked=fixed)
        if found is None or found.median >= rpe[0] - EPS:
            return None
        return f"the sets were under RPE {rpe[0]:g} last time ({found.sets_text(previous.target)})"
    felt = median(step.foreseen(step.reps, step.base))
    if felt >= rpe[0] - SLACK:
        return None
    return (f"{step.reps} reps at {step.imp.amount(step.base)} are {about(felt)} by the last session's "
            f"rated sets, under the target's {rpe[0]:g}")


def _planned_under(step: Step, previous: TrainingState, rpe: tuple[float, float]) -> str | None:
    """Why a planned week at the load that stays is under the bottom of the
    target by more than rounding, or None: its sets at the plan's own
    ratings from the effort the e1RM the step is checked against puts its
    first set at (a first load the equipment rounds down: 185 lb x 5 of an
    e1RM of 246.67 is RPE 5, so 5, 5, 5.5, 5.5, 6 on 5 x 5 @ 6-7)."""
    t, effort = previous.target, step.loader.effort
    if effort is None or t.load is None or abs(t.load - step.base) > EPS:
        return None
    first = effort_of(effort, t.reps, step.share(step.base))
    felt = median(plan_ramp(first, replace(t, rpe=rpe)))
    if felt >= rpe[0] - SLACK:
        return None
    return (f"the plan's {t.sets} x {t.reps} at {step.imp.amount(step.base)} starts at {about(first)} by the e1RM "
            f"({n(step.e1)} {step.loader.units}), a median of {half(felt)}, under the target's {rpe[0]:g}")


def _span(e1s: tuple[float, ...]) -> str:
    """"123.33", or "118.5-123.33" for sets whose e1RMs differ."""
    lo, hi = min(e1s), max(e1s)
    return n(hi) if n(lo) == n(hi) else f"{n(lo)}-{n(hi)}"
