"""Autoregulation: what a logged session that was too hard or too easy does
to the next load, for every progression policy.

The policy still decides reps, sets and effort from the session as it
always does; this changes the load (and the reps, where the equipment
keeps the load the effort asks to move). A grind (every set but the last
at its reps, the last one rep short) repeats the load and the target. Too
hard (more missed than that, or an RPE well above what the target allows,
the ramp and the engine's own rounding counted: `engine.ramp`): the load
comes down, to what the weakest set of that session implies at the new
target, or by a set percentage, and never goes up. Too easy (every set
made its reps, rated well below the target's bottom): the load may rise
by more than the usual step, as far as the session's best set implies, up
to a set number of increments; under one step of the equipment, the step
when it lands inside the target's effort, else the reps by effort at the
load that stays. A cut the equipment makes deeper than wanted moves the
reps too (`engine.coarse`). The rule file sets the margins (see
`Autoregulation`).
"""

from __future__ import annotations

from engine import gear
from engine.coarsecuts import coarse_hold, held_reps, own_load, session_load
from engine.fewerreps import fewer_reps
from engine.gear import cut_to
from engine.loaded import EPS, n
from engine.loading import Loader
from engine.missed import LIFTED
from engine.model import Autoregulation, Choice, Prescription, ProgressionRule, Target, TrainingState
from engine.model.base import Frozen, replace, set_field
from engine.ramp import GRIND, STEP, allowed_text, at_reps_asked, ceiling, judged, last_time, rounding, session_effort
from engine.ratings import GRIND_READ, evidence, grind_read, how_read, rating_text, ratings, read_sets
from engine.tooeasy import takes_load, too_easy
from engine.wording import named


class Verdict(Frozen):
    """"ok", "hard", "failed" (two sets short, or one two or more reps
    short: always a cut, however coarse the equipment), "grind" (the last
    set one rep short, nothing else over) or "easy", and why, for the
    plan's note."""

    __slots__ = ("kind", "why")
    kind: str
    why: str

    def __init__(self, kind: str, why: str = "") -> None:
        set_field(self, "kind", kind)
        set_field(self, "why", why)


OK = Verdict("ok")
MISS_CUT = 10.0  # percent: the deepest cut a missed attempt (a set of 0 reps) makes, as a reset


def assess(state: TrainingState, rx: Prescription, rules: Autoregulation | None) -> Verdict:
    """Read the last logged session against what was prescribed (named as
    `engine.ramp.last_time` says)."""
    if rules is None or state.status != "logged" or not state.performed:
        return OK
    target, done = state.target, state.performed
    floor = min(rx.reps[0], target.reps)
    short = [p for p in done if p.reps < floor]
    reps = ", ".join(str(p.reps) for p in done)
    grind = _grind(state)
    lo, hi = rx.reps
    under = f"under the {lo}-{hi} rep range" if floor == lo and lo != hi else f"short of {floor} reps"
    if short and not grind:
        count = "a set" if len(short) == 1 else f"{len(short)} sets"
        failed = len(short) > 1 or any(floor - p.reps >= 2 for p in short)
        return Verdict("failed" if failed else "hard", f"{count} {under}{last_time(state, reps)}")
    hard = _overshot(state, rules, grind)  # (a grind inside a rep range is double progression's to answer)
    if hard.kind != "ok" or short:
        if hard.kind != "ok":
            return hard
        over = _over_before_last(state)
        if over:  # the sets before the missed rep over the target already: the load's, not one bad set
            return Verdict("hard", f"a set {under}{last_time(state, reps)}{over}")
        if GRIND in state.target.note:  # the grind's repeat ground out too: the load is over what is there
            return Verdict("hard", f"the last set one rep short again ({reps}), a second grind in a row")
        return Verdict("grind", f"{GRIND} ({reps})")
    return _undershot(state, rules, max(state.target.reps, rx.reps[1]))


def _grind(state: TrainingState) -> bool:
    """Every planned set done, every set but the last at the target's reps,
    the last one rep short: a grind, not a failure."""
    done, reps = state.performed, state.target.reps
    return (len(done) >= state.target.sets and done[-1].reps == reps - 1
            and all(p.reps >= reps for p in done[:-1]))


def _over_before_last(state: TrainingState) -> str:
    """Words for the sets before a grind's last, rated on average more
    than a rating step's half over what the target lets them reach (3, 3,
    2 @ 8.5, 9.5, 10 or @ 9, 9, 10 on 3 @ RPE 8, whose sets may reach 8.5):
    then the missed rep is the load's, not one bad set, and the session is
    too hard; "" when they were within it (5, 5, 4 @ 8, 8.5, 10 on 5 @ 7.5)."""
    top = ceiling(judged(state.target, state))
    before = [p.rpe for p in state.performed[:-1] if p.rpe is not None]
    if top is None or not before or sum(before) / len(before) <= top + rounding(state) + STEP / 2 + EPS:
        return ""
    return f", after sets at RPE {', '.join(f'{r:g}' for r in before)}"


def _overshot(state: TrainingState, rules: Autoregulation, grind: bool) -> Verdict:
    """Too hard by RPE (`engine.ramp`): the sets as a whole over what the
    target allows, RPE creeping up set by set being normal, or (but for a
    grind, whose last set is meant to be hard) one set far over it. A grind
    rated on its last set alone is read by the ramp from it (`grind_read`)."""
    shown = judged(state.target, state)  # with the RPE the sheet printed
    done = grind_read(state.performed) if grind else state.performed
    found = session_effort(shown, done, rounding(state), asked=True)
    if found is None:
        return OK
    if done is not state.performed:
        found = replace(found, logged=f"logged {ratings(state.performed)}: {GRIND_READ}")
    if found.median >= found.ceiling + rules.overshoot - EPS:
        return Verdict("hard", f"{found.sets_text(shown, state.week > 0)}{last_time(state)}, "
                               f"{n(found.median - found.ceiling)} over "
                               f"{allowed_text(shown, found)}")
    if not grind and found.hardest >= found.label + rules.overshoot + 1 - EPS:
        label = replace(found, ceiling=found.label)  # one set far over the label itself, the rounding aside
        asked = (f" for the {shown.reps} reps asked" if state.week > 0 else f" for {shown.reps} reps") \
            if found.over else ""
        return Verdict("hard", f"a set at RPE {found.hardest:g}{asked}{last_time(state)}, "
                               f"{n(found.hardest - found.label)} over {allowed_text(shown, label)}")
    return OK


def _undershot(state: TrainingState, rules: Autoregulation, most: int) -> Verdict:
    """Too easy: every set made its reps, all rated well under the target's
    bottom, the sets read as the too-hard rule reads them (`engine.ratings`),
    a set of more reps than the range's top (`most`, or the target's when
    reps were built past it) at that top: 9 reps at RPE 9 where the range
    is 5 are 5 at RPE 5. Reps within the range are double progression's
    own progress and are read as done."""
    target, done = state.target, read_sets(state.performed)
    bottom = target.rpe[0] if target.rpe else None
    if rules.undershoot is None or bottom is None or not done \
            or not all(p.rpe is not None and p.reps >= target.reps for p in done):
        return OK
    effort = max(at_reps_asked(p.rpe, p.reps, most) for p in done if p.rpe is not None)
    if effort > bottom - rules.undershoot + EPS:
        return OK
    asked = f" for {most} reps" if any(p.reps > most for p in done) else ""
    read = f" ({how_read(state.performed, done)})" if done is not state.performed else ""
    return Verdict("easy", f"every set at RPE {effort:g} or less{asked}{last_time(state)}{read}, well under the "
                           f"target's {bottom:g}")


def regulate(verdict: Verdict, target: Target, state: TrainingState, choice: Choice, loader: Loader,
             rules: Autoregulation, rx: Prescription, increment: float,
             policy: ProgressionRule | None = None) -> Target:
    """The policy's `target` changed by the verdict: too hard, no more reps
    than last time and a lighter load (double progression: fewer reps
    first); too easy, a heavier one (double with `reset = "effort"`: at the
    reps that reach the target there)."""
    if verdict.kind == "grind":
        return replace(state.target, note=f"{verdict.why}: {_same(loader, choice, state.target.load)}, same target")
    if verdict.kind in ("hard", "failed"):
        first = policy is not None and policy.policy == "double" and verdict.kind == "hard"  # double: fewer reps
        fewer = fewer_reps(verdict.why, target, state, choice, loader, rx, rules.overshoot) if first else None
        return fewer or _too_hard(verdict, target, state, choice, loader, rules, rx)
    if verdict.kind == "easy":
        return too_easy(verdict.why, target, state, choice, loader, rules, rx, increment,
                        policy is not None and policy.reps_by_effort)
    return target


def cut_before_deload(previous: TrainingState, choice: Choice, loader: Loader, rules: Autoregulation,
                      rx: Prescription, cut: Target) -> Target:
    """What a deload after a session too hard lightens: the lighter load
    the cut gives the work after it (`cut`, that week's target), so the
    deload is never heavier than that work and names the load it uses."""
    verdict = assess(previous, rx, rules)
    if cut.load is None or previous.target.load is None or cut.load >= previous.target.load:
        return previous.target
    imp = loader.implement(choice)
    load = cut_to(imp, cut.load, previous.target.load) if imp is not None and imp.loaded else cut.load
    def said(x: float) -> str:
        return named(imp, x, loader.units) if imp is not None else f"{n(x)} {loader.units}"  # ("20 lb a hand")

    why = f"{LIFTED}{said(load)} the session too hard points to ({verdict.why}), not {said(previous.target.load)}"
    return replace(previous.target, load=load, reps=cut.reps, note=why)


def _same(loader: Loader, choice: Choice, load: float | None) -> str:
    """"same load", or the nearest to it the equipment makes, when the load lifted is not one."""
    imp = loader.implement(choice)
    if load is None or imp is None or not imp.loaded or gear.makes(imp, load):
        return "same load"
    return f"{n(gear.nearest(imp, load))} {loader.units}, the nearest the equipment makes to the logged {n(load)}"


def _too_hard(verdict: Verdict, target: Target, state: TrainingState, choice: Choice, loader: Loader,
              rules: Autoregulation, rx: Prescription) -> Target:
    """The load that puts last time's weakest set at the top of the RPE
    the plan prints (the new target's, but never above last time's) at the
    new reps (the last set of a session is meant to be the hardest), or a
    percentage off; never heavier than before."""
    lo, hi = rx.reps
    before, policy = state.target.load, target
    if target.rpe and state.target.rpe and target.rpe[1] > state.target.rpe[1] + EPS:
        target = replace(target, rpe=state.target.rpe)  # the effort asked does not climb either
    if before is None and not takes_load(loader, choice):
        # no load to take off (bodyweight alone, a band): no more reps than planned last time
        reps = min(target.reps, state.target.reps)
        return replace(target, reps=reps, added_load=state.target.added_load,
                       note=f"too hard: {verdict.why}: stay at {reps} reps")
    weakest = min(p.reps for p in state.performed)  # (reps built past the range, meanwhile: back into it)
    reps = min(target.reps, max(min(state.target.reps, hi), min(max(weakest, lo), hi)))
    target = replace(target, reps=reps, added_load=state.target.added_load)
    top = target.rpe[1] if target.rpe else 10.0  # the RPE the plan prints for this exposure
    if rules.cut == "e1rm":
        load, how = _e1rm_cut(loader, choice, state, rx, reps, top)
    else:
        load, how = _off(loader, choice, before, float(rules.cut)), f"{float(rules.cut):g}% off the load" + (
            " with bodyweight" if loader.bodyweight(choice) else "")
    if load is None:
        return replace(target, note=f"too hard: {verdict.why}: go lighter")
    if before is not None and load >= before - EPS:
        return replace(target, load=before, note=f"too hard: {verdict.why}: keep {n(before)} {loader.units}")
    from engine.lastgood import back_to, reps_back, said  # (a session too hard: off the common path)

    good = back_to(loader, choice, state, reps, top)  # a failed jump goes back to the load done on target
    if good is not None and load < good[0] - EPS and (before is None or good[0] < before - EPS):
        loader.cuts.pop((choice.key, state.performed[0].date), None)
        loader.too_hard[(choice.key, state.performed[0].date)] = "middle"  # (the reading that went back)
        more, at, _ = reps_back(loader, choice, state, good[0], good[0], reps, top, hi)
        return replace(target, load=good[0], reps=more,
                       note=f"too hard: {verdict.why}: {how} {said(loader, choice, load, *good)}{at}")
    coarse = "" if verdict.kind == "failed" else coarse_hold(loader, choice, before, load)
    own = own_load(loader, choice, state, policy, rx) if coarse else None
    held = held_reps(loader, choice, state, rules, top, policy) if coarse else 0
    if coarse and held and (own is None or own >= (before or 0.0) - EPS):
        # the step down would overreact: the load stays, at the reps the weakest set allows there
        fewer = "" if held >= state.target.reps else (
            f", at {held} reps: the most that stay under RPE {min(top + rules.overshoot, 10.0):g} there")
        return replace(state.target, rpe=target.rpe, reps=held,
                       note=f"too hard: {verdict.why}: {how} = {n(load)} {loader.units}; {coarse}{fewer}")
    if coarse and own is not None:
        how += (f" = {n(load)} {loader.units}; the next lighter the equipment makes cuts more than twice that, "
                f"but keeping {n(before or 0.0)} {loader.units} would be heavier than the {n(own)} "
                f"{loader.units} the progression itself gives")
    more, at, reading = reps_back(loader, choice, state, load, before, reps, top, hi) if not coarse \
        else (reps, "", None)
    if reading is not None:  # the load basis: the reading the sets were chosen by, not the cut's at fewer reps
        loader.cuts[(choice.key, state.performed[0].date)] = reading
    return replace(target, load=load, reps=more, note=f"too hard: {verdict.why}: {how}{at}")


def _e1rm_cut(loader: Loader, choice: Choice, state: TrainingState, rx: Prescription, reps: int,
              top: float) -> tuple[float | None, str]:
    """The load the weakest set of the session too hard puts at `reps` at
    RPE `top`, and how; a missed attempt (a set of 0 reps: something went
    wrong, not a max) cuts `MISS_CUT` at most."""
    load = session_load(loader, choice, state, reps, top, rx, lowest=True)
    how = _weakest_text(loader, choice, state, rx, reps, top)
    e1 = loader.session_e1rm(choice, state.performed, rx.rpe[1] if rx.rpe else 10.0, lowest=True)
    most = _off(loader, choice, state.target.load, MISS_CUT)
    if load is not None and most is not None and load < most - EPS and any(not p.reps for p in state.performed):
        load, how = most, f"{how} = {n(load)} {loader.units}; a missed attempt cuts {MISS_CUT:g}% at most"
    if e1 is not None and load is not None and loader.effort is not None:  # the load basis: what the cut came from
        loader.cuts[(choice.key, state.performed[0].date)] = (e1, loader.effort(reps, top), top, load)
    return load, how


def _off(loader: Loader, choice: Choice, before: float | None, percent: float) -> float | None:
    """`percent` off the load moved (an assisted form's help grows; a loaded
    bodyweight form's bodyweight stays), per implement."""
    if before is None:
        return None
    return (loader.moved(choice, before) * (1 - percent / 100) - (loader.bodyweight(choice) or 0.0)) \
        / loader.count(choice)


def _weakest_text(loader: Loader, choice: Choice, state: TrainingState, rx: Prescription,
                  reps: int, rpe: float) -> str:
    """Which set the cut comes from, its e1RM, and the share of it the new
    target asks for, so the coach can check the arithmetic."""
    assumed = rx.rpe[1] if rx.rpe else 10.0
    estimates = [(e, p) for p in evidence(state.performed) if (e := loader.set_e1rm(choice, p, assumed)) is not None]
    if not estimates or loader.effort is None:
        return "load from the weakest set"
    e1, p = min(estimates, key=lambda pair: pair[0])
    as_logged = p.rpe is not None and any(q is p for q in state.performed)
    rated = f" @ {p.rpe:g}" if as_logged else " to failure" if p.kind == "failure" \
        else f" ({rating_text(p, state.performed, assumed)})"
    hand = " a hand" if loader.count(choice) > 1 else ""  # ("8 x 18 kg a hand @ 10, both dumbbells counted")
    done = f"{p.reps} x {n(p.load or 0)} {loader.units}{hand}{rated}{loader.system_text(choice, bool(hand))}"
    # what the set moved first, then its e1RM: "(e1RM 96.25 kg, plus bodyweight 75 kg)" read as a sum
    return (f"load from the weakest set, {done} (e1RM {n(e1)} {loader.units}): "
            f"{reps} at RPE {rpe:g} is {loader.effort(reps, rpe) * 100:.0f}% of it")
