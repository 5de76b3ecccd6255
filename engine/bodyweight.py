"""A first target that bodyweight alone does not fit.

Bodyweight alone is a load of its own: for a strong athlete it is far too
light for the target's reps at its effort (10 bodyweight hip extensions at
RPE 2 labelled 7-8), for a weaker one too heavy. When the e1RM is known,
the first exposure of a form that moves bodyweight alone takes the reps
within the range where bodyweight reaches the target's effort. When even
the top of the range is too light, the trainer moves to the harder, loaded
form if the athlete can load it, else the plan gives the top of the range
and the most sets; when even the bottom is too heavy, the plan starts at
the reps that reach the top of the target's effort, under the range, and
says to build up to it; when even one rep is over, 1 rep a set, with a
note to choose an easier form (and a warning: `engine.checks`). Each note
gives the share of the e1RM bodyweight is and the RPE it makes.

After the first exposure, a projected target of a form that takes no load
never asks more reps than reach the top of its effort with bodyweight
alone (`bodyweight_cap`): double progression adding a rep a week would
otherwise print failure as RPE 7-8. Those reps are the form's top of the
range, and the trainer takes its next step from there.
"""

from __future__ import annotations

import datetime as _dt
from typing import Callable

from engine.assist import banded
from engine.loaded import EPS, Loaded, n, reps_of
from engine.loading import Loader
from engine.loads import rpe_at
from engine.logged import as_done
from engine.model import Choice, Expected, Prescription, Target, TrainingState
from engine.model.base import Frozen, replace, set_field
from engine.plannedsets import to_half
from engine.ramp import last_time

SLACK = 0.25  # RPE points: bodyweight within the range, give or take rounding to half points
# The note's words when bodyweight is over the target even for one rep; the
# plan check that warns about it (`engine.checks`) looks for them.
TOO_HEAVY = "even 1 rep is over the target: choose an easier form"


UNKNOWN = "no max or log for this form yet: stop each set at the target's effort"


def _bodyweight_alone(loader: Loader, choice: Choice) -> bool:
    """A form that moves bodyweight alone (not a band's unknown help)."""
    imp = loader.implement(choice)
    return imp is not None and not imp.loaded and not banded(choice)


class Fit(Frozen):
    """What the first exposure becomes: its target and load, and whether
    bodyweight alone is too light even at the top of the rep range (the
    trainer then looks for the loaded form; `why` says so)."""

    __slots__ = ("target", "loaded", "light", "why")
    target: Target
    loaded: Loaded
    light: bool
    why: str

    def __init__(self, target: Target, loaded: Loaded, light: bool, why: str) -> None:
        set_field(self, "target", target)
        set_field(self, "loaded", loaded)
        set_field(self, "light", light)
        set_field(self, "why", why)


def bodyweight_fit(loader: Loader, choice: Choice, rx: Prescription, target: Target, loaded: Loaded,
                   date: _dt.date | None) -> Fit | None:
    """The first exposure when bodyweight alone is off the target's effort
    by more than rounding; None when it fits (or nothing is known)."""
    e1 = _e1rm(loader, choice, rx, loaded, date)
    bw, effort = loader.bodyweight(choice), loader.effort
    if e1 is None and bw and _bodyweight_alone(loader, choice):  # as a loaded form's "choose the load by effort"
        return Fit(replace(target, note=f"{target.note}; {UNKNOWN}" if target.note else UNKNOWN), loaded, False, "")
    if e1 is None or not bw or effort is None or target.reps < 1:
        return None
    share = bw / e1
    lo, hi = target.rpe if target.rpe else (10.0, 10.0)

    def rpe(reps: int) -> float:
        return rpe_at(effort, reps, share)

    def settle(reps: int, why: str) -> Fit:
        return _reps(loader, choice, replace(target, expected=Expected(reps, loaded.load, rpe(reps))), loaded, reps,
                     why)

    at = rpe(target.reps)
    said = f"bodyweight alone ({n(bw)} {loader.units}) is {share:.1%} of the e1RM {n(e1)} {loader.units}"
    if at < lo - SLACK:
        found = next((r for r in range(target.reps + 1, rx.reps[1] + 1) if rpe(r) >= lo - SLACK), None)
        if found is None:
            top = max(rx.reps[1], target.reps)
            why = f"{said}: {effort_words(effort, top, share)} even for {top} reps, the top of the range"
            return Fit(replace(target, reps=top, sets=max(rx.sets[1], target.sets), note=(
                f"{why}: {max(rx.sets[1], target.sets)} x {top}"), expected=Expected(top, loaded.load, rpe(top))),
                loaded, True, why)
        return settle(found, f"{said}: {effort_words(effort, target.reps, share)} for {target.reps} reps; "
                             f"{found} reps reach RPE {half(rpe(found))}")
    if at > hi + SLACK:
        heavy = f"{said}: {_over(effort, target.reps, share)} for {target.reps} reps"
        found = next((r for r in range(target.reps - 1, 0, -1) if rpe(r) <= hi + SLACK), None)
        if found is None:
            # the fewest reps there are, never the range as if it were doable
            return settle(1, f"{heavy}, and {TOO_HEAVY}")
        under = f", under the range's {rx.reps[0]}: build up to it" if found < rx.reps[0] else ""
        are = "1 rep is" if found == 1 else f"{found} reps are"
        return settle(found, f"{heavy}; {are} RPE {half(rpe(found))}{under}")
    return None


class Cap(Frozen):
    """A projected target past what bodyweight alone allows: `target` at
    the most reps that reach the top of its effort, `before` last time's
    target as done (at those reps at most), whether last time was at them
    exactly (`reached`: the next step is the one past the top of the range;
    past them, the reps come down to them), `why` in numbers, and the
    e1RM it names."""

    __slots__ = ("target", "before", "reached", "why", "e1rm")
    target: Target
    before: Target
    reached: bool
    why: str
    e1rm: float

    def __init__(self, target: Target, before: Target, reached: bool, why: str, e1rm: float) -> None:
        set_field(self, "target", target)
        set_field(self, "before", before)
        set_field(self, "reached", reached)
        set_field(self, "why", why)
        set_field(self, "e1rm", e1rm)


def bodyweight_cap(loader: Loader, choice: Choice, rx: Prescription, previous: TrainingState, target: Target,
                   loaded: Loaded, date: _dt.date | None, newer: tuple[float, str] | None = None) -> Cap | None:
    """The cap on a projected target of a form that takes no load: None
    when its reps are within what bodyweight alone allows at the top of
    its effort, when the e1RM is not known, or when even the bottom of the
    range is past it (the first exposure said to build up to it). When even
    1 rep is over the top of the effort, the projection holds 1 rep.
    `newer`: a lower e1RM a newer session says (and its words), used
    instead (the loaded form the slot comes back down from)."""
    imp = loader.implement(choice)
    e1 = None if imp is None or imp.loaded else _e1rm(loader, choice, rx, loaded, date)
    if e1 is None:
        return None
    source = ""
    if newer is not None and newer[0] < e1 - EPS:
        e1, source = newer[0], f", {newer[1]}"
        if target.added_load > previous.target.added_load + EPS:  # (a step to load it cannot take: its reps again)
            target = replace(target, reps=as_done(previous, rx).reps, added_load=previous.target.added_load)
    bw, effort = loader.bodyweight(choice), loader.effort
    if not bw or effort is None or target.reps < 1:
        return None
    share, top = bw / e1, (target.rpe[1] if target.rpe else 10.0) + SLACK
    if rpe_at(effort, target.reps, share) <= top:
        return None
    cap = next((r for r in range(target.reps - 1, 0, -1) if rpe_at(effort, r, share) <= top), 0)
    if cap == 0:  # over the target even for 1 rep: hold 1 rep until a logged session shows more
        why = f"bodyweight alone ({n(bw)} {loader.units}) is {share:.1%} of the e1RM {n(e1)} {loader.units}{source}"
        held = replace(target, reps=1, note=f"{why}: {_over(effort, 1, share)} for 1 rep, and {TOO_HEAVY}",
                       expected=Expected(1, loaded.load, rpe_at(effort, 1, share)))
        return Cap(held, replace(as_done(previous, rx), reps=1), False, why, e1)
    if cap < rx.reps[0]:
        return _build_up(loader, rx, previous, target, loaded.load, cap, share, e1, source)
    why = (f"{cap} reps reach RPE {half(rpe_at(effort, cap, share))} with bodyweight alone "
           f"({share:.1%} of the e1RM {n(e1)} {loader.units}{source})")
    done = as_done(previous, rx)
    before = replace(done, reps=min(done.reps, cap))
    past = ""  # what was done is past the effort already: fewer reps (never a harder form)
    if done.reps > cap:
        did = "done" if previous.status == "logged" else "asked"
        when = previous.performed[0].date if previous.status == "logged" and previous.performed else previous.date
        last = f" in the last {choice.name} session ({when})" if source and when else last_time(previous)
        past = f"; the {done.reps} {did}{last} are past RPE {n(top - SLACK)}{' by it' * bool(source)}"
    return Cap(replace(target, reps=cap, note=f"{why}{past}: aim for {reps_of(cap)}",
                       expected=Expected(cap, loaded.load, rpe_at(effort, cap, share))), before, done.reps == cap, why,
               e1)


def past_top(loader: Loader, choice: Choice, target: Target, loaded: Loaded, e1rm: float | None = None) -> bool:
    """Whether a target's reps at a load from the e1RM are expected over
    the top of its effort, by that e1RM or `e1rm` (the form it moves from:
    its log may be newer than a profile max), whichever is lower: the
    harder form a capped bodyweight form would move to, at its lightest,
    where the athlete is not ready for it. (A line another slot trains
    goes on where it is.)"""
    basis, effort = loaded.basis, loader.effort
    if effort is None or loaded.load is None or basis is None or not basis.e1rm:
        return False
    top, e1 = target.rpe[1] if target.rpe else 10.0, min(basis.e1rm, e1rm or basis.e1rm)
    return rpe_at(effort, target.reps, loader.moved(choice, loaded.load) / e1) > top + SLACK


def _build_up(loader: Loader, rx: Prescription, previous: TrainingState, target: Target, load: float | None,
              cap: int, share: float, e1: float, source: str = "") -> Cap | None:
    """Under the range, reps build up one at a time from what was done: a
    policy's jump to the bottom of the range (a loaded lift's lighter load)
    has no load to lighten here."""
    done = previous.target.reps
    logged = previous.status == "logged" and bool(previous.performed)
    if logged:
        done = min(p.reps for p in previous.performed)
    assert loader.effort is not None
    why = (f"{cap} rep{'s' * (cap != 1)} reach{'es' * (cap == 1)} RPE {half(rpe_at(loader.effort, cap, share))} "
           f"with bodyweight alone ({share:.1%} of the e1RM {n(e1)} {loader.units}{source})")
    if logged and done > cap:  # a session past the effort (too hard again): down to the cap, then build up
        felt = Expected(cap, load, rpe_at(loader.effort, cap, share))
        note = (f"{why}; the {done} done{last_time(previous)} are past RPE {n(target.rpe[1] if target.rpe else 10.0)}: "
                f"aim for {reps_of(cap)}, under the range's {rx.reps[0]}, and build up from there")
        return Cap(replace(target, reps=cap, expected=felt, note=note), replace(previous.target, reps=cap), False, why,
                   e1)
    if target.reps <= done + 1:
        return None
    before = replace(previous.target, reps=done)
    felt = Expected(done + 1, load, rpe_at(loader.effort, done + 1, share))
    return Cap(replace(target, reps=done + 1, expected=felt, note=f"{why}, under the range's {rx.reps[0]}: build up to "
                                                   f"it, a rep at a time: {done + 1} reps"), before, False, why, e1)


def _e1rm(loader: Loader, choice: Choice, rx: Prescription, loaded: Loaded, date: _dt.date | None) -> float | None:
    """The e1RM behind a form that moves bodyweight alone: a loaded form
    whose added load came out as nothing, or a form that takes no load."""
    imp = loader.implement(choice)
    if imp is None or choice.exercise.loading != "bodyweight" or imp.kind == "assist":  # help is a load
        return None
    if imp.loaded:
        basis = loaded.basis
        return basis.e1rm if basis is not None and loaded.load is not None and loaded.load <= EPS else None
    est = loader.estimate(choice, rx.rpe[1] if rx.rpe else 10.0, date)
    return est.e1rm if est is not None else None


def _reps(loader: Loader, choice: Choice, target: Target, loaded: Loaded, reps: int, why: str) -> Fit:
    """The target at `reps`; a loaded form's "bodyweight alone is enough"
    gives way to the numbers, and its effort figure is the one for `reps`."""
    basis = loaded.basis
    if basis is not None:
        note = "" if basis.note.startswith("bodyweight alone") else basis.note
        loaded = at_reps(loader, choice, loaded, reps, target.rpe[0] if target.rpe else 10.0, note)
    return Fit(replace(target, reps=reps, note=f"{target.note}; {why}" if target.note else why), loaded, False, why)


def at_reps(loader: Loader, choice: Choice, loaded: Loaded, reps: int, rpe: float, note: str) -> Loaded:
    """`loaded` with its effort figures for `reps` at `rpe` (the reps the
    plan settled on, not the ones first asked) and `note` as its caveat:
    explain's "% for N reps" is then the figure for those N reps."""
    b, effort = loaded.basis, loader.effort
    if b is None or b.e1rm is None or effort is None:
        return loaded
    percent = effort(reps, rpe)
    raw = (b.e1rm * percent - (loader.bodyweight(choice) or 0.0)) / loader.count(choice)
    return replace(loaded, basis=replace(b, percent=percent, raw=raw, note=note, rpe=rpe))


def half(rpe: float) -> str:
    """An RPE as a note words it: to the half point, as the sets' label
    rounds it (`engine.plannedsets.to_half`)."""
    return f"{to_half(rpe):g}"


def about(rpe: float) -> str:
    """"about RPE 6.5"; "RPE 1 or less" where the effort model falls off
    the scale's bottom (a foreseen set is never rated under 1)."""
    return "RPE 1 or less" if rpe <= 1.0 + EPS else f"about RPE {half(rpe)}"


def effort_words(effort: Callable[[int, float], float], reps: int, share: float) -> str:
    """The effort `reps` at `share` of the e1RM take, for a load too light:
    "about RPE 4", or, where that would fall under the scale's 1, the reps
    left in reserve ("about 13 reps short of failure"), never a negative
    RPE."""
    rpe = rpe_at(effort, reps, share)
    if rpe > 1.0 + EPS or effort(reps, 1.0) <= share:
        return f"about RPE {half(rpe)}"
    spare = to_failure(effort, share) - reps
    if spare <= 9.25:  # RPE 0.75 and up rounds to RPE 1
        return "about RPE 1"
    return f"about {int(spare + 0.5)} reps short of failure"


def to_failure(effort: Callable[[int, float], float], share: float) -> float:
    """How many reps `share` of the e1RM allows to failure: the effort
    model at RPE 10, between the whole numbers either side."""
    reps = 1
    while reps < 500 and effort(reps + 1, 10.0) >= share:
        reps += 1
    above, below = effort(reps, 10.0), effort(reps + 1, 10.0)
    return reps + ((above - share) / (above - below) if above > below else 0.0)


def _over(effort: Callable[[int, float], float], reps: int, share: float) -> str:
    """The effort `reps` take: "about RPE 9.5", "RPE 10" (all there is),
    or past failure when even RPE 10 is lighter than bodyweight."""
    if effort(reps, 10.0) < share * (1 - 1e-9):
        return "past failure (more than RPE 10)"
    rpe = rpe_at(effort, reps, share)
    return "RPE 10 (a set to failure)" if rpe >= 10 - EPS else f"about RPE {half(rpe)}"
