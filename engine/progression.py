"""Built-in progression policies: double, linear, rpe and none.

A policy turns the previous exposure's target into the next one. Without a
log every exposure is assumed to succeed (planned mode); with one,
`ctx.performed` holds the working sets the athlete did last time and the
policy decides from them. `previous.load` is the load the engine already
settled on: prescribed (rounded to the athlete's equipment) or lifted, so
"the same load" is that number and an increase is that number plus the
increment; the engine does the rounding, owes what the equipment cannot
make yet, and cuts the load after a session that was too hard. A target
whose `load` is None gets its load from effort (the athlete's e1RM).
"""

from __future__ import annotations

from typing import Callable

from engine import hookimpl
from engine.components import Progression, ProgressionContext
from engine.loaded import reps_of
from engine.loads import increment_of
from engine.model import Target
from engine.model.base import replace
from engine.model.rules import OVERSHOOT
from engine.ramp import GRIND, at_reps_asked, last_time, rounding, session_effort, span, within
from engine.ratings import grind_read, how_read, read_sets

_INCREMENT = {
    "increment": {
        "anyOf": [{"type": "number", "exclusiveMinimum": 0, "maximum": 100}, {"const": "step"}],
        "description": ("Load added at each step, in the program's units (default 5 lb or 2.5 kg; the article "
                        "suggests 2.5-5 lb), or \"step\": the next load the athlete's equipment makes (the next "
                        "dumbbell, the next plate on a machine's stack). Dumbbell loads are per hand."),
        "x-expected": "a load such as 5, or \"step\"",
        "examples": [5, "step"],
    }
}
_REPS = {
    "reps": {"type": "integer", "minimum": 1, "maximum": 100,
             "description": "Reps per set (default: bottom of the range).", "examples": [5]},
}
_SETS = {
    "sets": {
        "enum": ["low", "high"], "default": "low",
        "description": "Work at the low or the high end of the prescription's set range.",
        "examples": ["low"],
    }
}


def _sets(ctx: ProgressionContext) -> int:
    lo, hi = ctx.prescription.sets
    return hi if ctx.options.get("sets") == "high" else lo


def _increment(ctx: ProgressionContext) -> float:
    return increment_of(ctx.options, ctx.units, ctx.step)


def _fmt(amount: float, units: str) -> str:
    return f"{round(amount, 2):g} {units}"


def _start(ctx: ProgressionContext) -> Target:
    return Target(sets=_sets(ctx), reps=ctx.prescription.reps[0], rpe=ctx.prescription.rpe)


def _short(ctx: ProgressionContext, previous: Target) -> bool:
    """The log has fewer working sets than planned. A session logged as a
    top set and back-offs counts every group: the back-offs alone may be
    fewer than a plain prescription's sets."""
    done = ctx.performed or ()
    logged = ctx.state.sets_logged if ctx.state is not None else 0
    return len(done) < previous.sets and max(logged, len(done)) < previous.sets


def _within_effort(ctx: ProgressionContext, previous: Target, asked: bool = False) -> bool:
    """The logged sets at or under the target's RPE, allowing the ramp
    (`engine.ramp`: the judgement the too-hard rule reads too); `asked`:
    each set read at the reps asked, for a policy whose reps are fixed.
    Progress is earned against the program's RPE, not an effort the sheet
    printed for a load the equipment forced (that one only keeps a session
    done as printed from being cut): 110 kg x 4 printed @ RPE 9 on a 7-8
    target and done at 9, 9.5, 10 is repeated, not added to."""
    return within(previous, ctx.performed or (), rounding(ctx.state), asked)


def _rpe_text(ctx: ProgressionContext, previous: Target) -> str:
    """How the sets' effort stood against the target, each read at the
    target's reps when it went past them: every set at or under its top,
    or as a whole, allowing the ramp."""
    shown = previous  # the program's RPE, which progress is earned against
    if not shown.rpe:
        return ""
    lo, hi = shown.rpe
    done = read_sets(ctx.performed or ())
    rated = [at_reps_asked(s.rpe, s.reps, shown.reps) for s in done if s.rpe is not None]
    past = f" (read at {shown.reps} reps)" if any(s.reps > shown.reps for s in done) else ""
    if all(r <= hi + 1e-9 for r in rated):
        return f" at or below RPE {hi:g}{past}"
    found = session_effort(shown, ctx.performed or (), rounding(ctx.state), asked=True)
    assert found is not None
    return (f" within RPE {span(shown.rpe)} as a whole{past} (median {found.median:g}, the hardest set "
            f"{found.hardest:g})")


def _sets_done(ctx: ProgressionContext, previous: Target) -> str:
    """"1 of 3 sets done at 97.5 kg": the sets the plan follows (lighter
    back-offs after them are not among them)."""
    done = ctx.performed or ()
    over = previous.load is not None and any((p.load or 0.0) > previous.load + 1e-6 for p in done)
    at = "" if previous.load is None else f" at {'or over ' if over else ''}{_fmt(previous.load, ctx.units)}"
    return f"{len(done)} of {previous.sets} set{'s' if previous.sets != 1 else ''} done{at}"


def _made_but_over(ctx: ProgressionContext, previous: Target) -> str:
    """Why a session that made every rep earns no load: "every set made 5
    reps, but over RPE 8 (median 8.5, the hardest set 9)", each set read
    at the reps asked."""
    assert previous.rpe is not None
    found = session_effort(previous, ctx.performed or (), rounding(ctx.state), asked=True)
    how = [] if found is None else [f"median {found.median:g}, the hardest set {found.hardest:g}", found.logged]
    return f"every set made {previous.reps} reps, but over RPE {previous.rpe[1]:g}" + (
        f" ({'; '.join(filter(None, how))})" if how else "")


def _at_or_below(previous: Target) -> str:
    return f" at or below RPE {previous.rpe[1]:g}" if previous.rpe else ""


def none_advance(ctx: ProgressionContext, previous: Target) -> Target:
    return Target(previous.sets, previous.reps, previous.rpe, previous.added_load, previous.load)


def _double_from_log(ctx: ProgressionContext, previous: Target) -> Target:
    """The article's rule: add load only when every working set reached the
    top of the range at the target effort; otherwise aim for one more rep,
    or the same reps again when the effort was over the target."""
    lo, hi = ctx.prescription.reps
    step = ctx.options.get("rep_step", 1)
    load = previous.load
    done = ctx.performed
    if _short(ctx, previous):  # not every planned set is in the log: the same target again
        reps = min(max(min(s.reps for s in done), lo), hi)
        return Target(previous.sets, reps, previous.rpe, previous.added_load, load,
                      note=f"{_sets_done(ctx, previous)}: aim for {previous.sets} x {reps}"
                      + (" at the same load" if load is not None else ""))
    if all(s.reps >= hi for s in done) and _within_effort(ctx, replace(previous, reps=max(previous.reps, hi)),
                                                          asked=True):  # (reps past the top read at it)
        inc = _increment(ctx)
        return Target(previous.sets, lo, previous.rpe, previous.added_load + inc,
                      None if load is None else load + inc,
                      note=f"all sets reached {hi} reps{_rpe_text(ctx, replace(previous, reps=max(previous.reps, hi)))}"
                           f": add {_fmt(inc, ctx.units)}")
    weakest = min(s.reps for s in done)
    # at a load kept, a rep more would only add to an effort already over the target (a load chosen by
    # effort, or planned from the e1RM at the new reps, comes down with it)
    over = load is not None and not _within_effort(ctx, previous)
    most = hi if previous.reps <= hi else previous.reps  # reps the engine built past the range stay
    if over and _ground(ctx, previous):  # the last set one rep short, meant to be hard
        done_reps = ", ".join(str(s.reps) for s in done)
        if GRIND not in previous.note:  # the same target again
            return Target(previous.sets, previous.reps, previous.rpe, previous.added_load, load,
                          note=f"{GRIND} ({done_reps}): aim for {reps_of(previous.reps)} again at the same load")
        reps = max(weakest, lo)  # a second grind in a row: the target is more than is there today
        return Target(previous.sets, reps, previous.rpe, previous.added_load, load,
                      note=f"{GRIND} again ({done_reps}): aim for {reps_of(reps)} at the same load")
    reps = min(max(weakest + (0 if over else step), lo), most)
    why = f"effort was above target{_read(ctx)}" if over or all(s.reps >= hi for s in done) \
        else f"fewest reps{last_time(ctx.state)}: {weakest}"
    return Target(previous.sets, reps, previous.rpe, previous.added_load, load,
                  note=f"{why}: aim for {reps_of(reps)}" + (" at the same load" if load is not None else ""))


def _ground(ctx: ProgressionContext, previous: Target) -> bool:
    """A grind: every set asked, all at the target's reps but the last, one
    short, and the sets as a whole not too hard (their median under a point
    over the target's top: the line autoregulation's median rule draws by
    default, `OVERSHOOT`; rated on the last set alone, read by the ramp
    from it, `grind_read`)."""
    done = tuple(ctx.performed or ())
    if not (done and len(done) >= previous.sets and done[-1].reps == previous.reps - 1
            and all(s.reps >= previous.reps for s in done[:-1])):
        return False
    found = session_effort(previous, grind_read(done), rounding(ctx.state), asked=True)
    return found is None or found.median < found.ceiling + OVERSHOOT - 1e-9


def double_advance(ctx: ProgressionContext, previous: Target) -> Target:
    """One more rep each exposure; at the top of the range, add load and reset reps."""
    if ctx.performed:
        return _double_from_log(ctx, previous)
    lo, hi = ctx.prescription.reps
    step = ctx.options.get("rep_step", 1)
    if previous.reps < hi:  # never skip the top of the range
        return Target(previous.sets, min(previous.reps + step, hi), previous.rpe, previous.added_load, previous.load)
    inc = _increment(ctx)
    load = previous.load + inc if previous.load is not None else None
    return Target(previous.sets, lo, previous.rpe, previous.added_load + inc, load,
                  note=f"top of the rep range reached: add {_fmt(inc, ctx.units)}")


def linear_advance(ctx: ProgressionContext, previous: Target) -> Target:
    """Same reps, more load every exposure (from a log: only after every set
    made its reps at the target effort, a set of more reps read at the reps
    asked, a point lighter for each rep over: 7 reps at RPE 9.5 where 5
    were asked are 5 at 7.5; otherwise repeat the load)."""
    inc = _increment(ctx)
    if ctx.performed:
        load = previous.load
        if _short(ctx, previous):
            return Target(previous.sets, previous.reps, previous.rpe, previous.added_load, load,
                          note=_sets_done(ctx, previous) + (f": repeat {_fmt(load, ctx.units)}" if load is not None
                                                            else ": same reps, load from the logged sets"))
        made = all(s.reps >= previous.reps for s in ctx.performed)
        if not (made and _within_effort(ctx, previous, asked=True)):
            why = (_made_but_over(ctx, previous) if made and previous.rpe
                   else f"not every set made {previous.reps} reps{_at_or_below(previous)}{_read(ctx)}")
            return Target(previous.sets, previous.reps, previous.rpe, previous.added_load, load,
                          note=f"{why}: " + (f"repeat {_fmt(load, ctx.units)}" if load is not None
                                             else "same reps, load from the logged sets"))
        return Target(previous.sets, previous.reps, previous.rpe, previous.added_load + inc,
                      None if load is None else load + inc, note=f"add {_fmt(inc, ctx.units)}{_past(ctx, previous)}")
    load = previous.load + inc if previous.load is not None else None
    return Target(previous.sets, previous.reps, previous.rpe, previous.added_load + inc, load,
                  note=f"add {_fmt(inc, ctx.units)}")


def _read(ctx: ProgressionContext) -> str:
    """" (logged -, -, 9: unrated sets read by the ramp, ...)" when the
    session's ratings were read in (`engine.ratings`), else ""."""
    done = tuple(ctx.performed or ())
    read = read_sets(done)
    return "" if read is done else f" ({how_read(done, read)})"


def _past(ctx: ProgressionContext, previous: Target) -> str:
    """How sets of more reps than asked were read, so the coach can check
    the step: " (7, 7, 7 reps at RPE 8.5, 9, 9.5 are about RPE 6.5, 7, 7.5
    for the 5 asked)"; "" when none was."""
    done = read_sets(ctx.performed or ())
    if not any(p.reps > previous.reps and p.rpe is not None for p in done):
        return ""
    rated = [p for p in done if p.rpe is not None]
    reps = ", ".join(str(p.reps) for p in rated)
    rpes = ", ".join(f"{p.rpe:g}" for p in rated)
    at = ", ".join(f"{at_reps_asked(p.rpe, p.reps, previous.reps):g}" for p in rated if p.rpe is not None)
    return f" ({reps} reps at RPE {rpes} are about RPE {at} for the {previous.reps} asked)"


def linear_start(ctx: ProgressionContext) -> Target:
    reps = ctx.options.get("reps", ctx.prescription.reps[0])
    return Target(sets=_sets(ctx), reps=reps, rpe=ctx.prescription.rpe)


def rpe_start(ctx: ProgressionContext) -> Target:
    rpe = ctx.prescription.rpe
    first = (rpe[0], rpe[0]) if rpe else None
    return Target(sets=_sets(ctx), reps=_rpe_reps(ctx), rpe=first)


def _rpe_reps(ctx: ProgressionContext) -> int:
    reps: int = ctx.options.get("reps", ctx.prescription.reps[0])
    return reps


def rpe_advance(ctx: ProgressionContext, previous: Target) -> Target:
    """Effort climbs by `step` each exposure through the RPE range, then starts
    over. The load is left to the engine, which takes it from the latest e1RM
    (logged sets or maxes) at these reps and this RPE. The sets and reps are
    the policy's own each time: those the engine moved for one exposure (a
    load the equipment makes far from the effort, a cut held at fewer
    reps) do not carry over. A session logged before the program gives the
    e1RM, not a step: the program's first exposure is the bottom of the range."""
    rpe = ctx.prescription.rpe
    if not rpe or previous.rpe is None:
        return Target(previous.sets, previous.reps, previous.rpe, previous.added_load)
    step = ctx.options.get("step", 0.5)
    nxt = previous.rpe[0] + step
    if nxt > rpe[1] + 1e-9 or ctx.state is not None and ctx.state.week == 0:
        nxt = rpe[0]
    return Target(_sets(ctx), _rpe_reps(ctx), (nxt, nxt), previous.added_load,
                  note="load from the latest e1RM at this effort")


@hookimpl
def engine_register_progressions(register: Callable[[Progression], None]) -> None:
    register(Progression(
        "none", _start, none_advance,
        "Keep the same target every week: the bottom of the rep range at the prescribed effort.",
        {"properties": dict(_SETS)},
    ))
    register(Progression(
        "double", _start, double_advance,
        "Double progression: add a rep each exposure; at the top of the range add load and go back to the bottom.",
        {"properties": {
            **_INCREMENT, **_SETS,
            "rep_step": {"type": "integer", "minimum": 1, "maximum": 10, "default": 1,
                         "description": "Reps added per exposure.", "examples": [1]},
            "reset": {"enum": ["effort", "bottom"], "default": "effort",
                      "description": "Where the reps start after a load step that follows a logged session: at the "
                                     "fewest within the range that reach the target's RPE at the new load "
                                     "(\"effort\"), or always at the bottom of the range (\"bottom\", the classic "
                                     "reset).",
                      "examples": ["effort"]},
        }},
    ))
    register(Progression(
        "linear", linear_start, linear_advance,
        "Linear progression: the same reps, more load every exposure.",
        {"properties": {
            **_INCREMENT, **_SETS, **_REPS,
        }},
    ))
    register(Progression(
        "rpe", rpe_start, rpe_advance,
        "Effort-driven: fixed reps, the target RPE climbs through its range; load comes from effort.",
        {"properties": {
            **_SETS, **_REPS,
            "step": {"type": "number", "minimum": 0.5, "maximum": 3, "multipleOf": 0.5, "default": 0.5,
                     "description": "RPE added per exposure.", "examples": [0.5]},
        }},
    ))
