"""How hard a logged session was against the RPE its target asked,
allowing the ramp: the one judgement behind "at or under the target" (the
`double` and `linear` policies add load) and "too hard" (autoregulation
cuts the load).

The sets of one exposure share a load, so each feels harder than the one
before. A range names that ramp: 3 x 5 @ RPE 7-8 is about 7, 7.5 and 8,
and the sets may reach its top. A single RPE on several sets names the
effort of the typical set, as coaches write it; the engine takes the load
for the first set at it and fatigue adds about half a point a set, so
3 x 5 @ RPE 7.5 expects about 7.5, 8 and 8.5: the sets as a whole may
reach half a point over it (4 sets, their median 0.75; one set alone: its
RPE). A load the engine
took from the e1RM and rounded up to one the equipment makes asks more
than its label, and the session lifted at it may reach that much more, up
to half a point: 70 kg for 69.3 (5 reps at RPE 7.5 of an e1RM of 86.625)
is RPE 7.88 by that e1RM, 0.38 over. That is the target's ceiling.

A session is read by its median rated set and its hardest: at or under
the target when the median is at or under the ceiling and no set is more
than half a point (one rating step) over it; too hard when the median is
`overshoot` or more over the ceiling, or one set `overshoot` + 1 or more
over the label's own ceiling (the rounding aside: a set at RPE 10 on a
7.5 or a 7-8 target). The sets are read as `engine.ratings` reads them:
57.5 kg x 6 @ -, -, 8 is 7, 7.5, 8, a set to failure RPE 10, other
unrated sets not at all. Whether the work asked was too hard reads a set of more reps than the target asked at the reps
asked, a point lighter for each rep over (the effort model's reps in
reserve): 10 reps at RPE 9 on a target of 6 are about RPE 5 for those 6,
not a session too hard. Whether the reps done earn double progression's
next step reads them as done (it counts reps); `linear`, whose reps are
fixed, reads them at the reps asked too. Where the sheet printed
another effort than the target's (the engine's label for a load the
equipment made: `3 x 6 @ RPE 9`), whether the session was too hard is
judged against what was printed, the ramp allowed as for any single RPE
(`judged`); progress is earned against the program's RPE.
"""

from __future__ import annotations

import math
from typing import Iterable

from engine.model import Performed, Target, TrainingState
from engine.model.base import Frozen, replace, set_field
from engine.ratings import RAMP, how_read, read_sets

EPS = 1e-9
STEP = 0.5  # one rating step: athletes rate in half points
GRIND = "the last set was one rep short"  # how a note names a grind (engine.autoregulation, engine.progression)


def last_time(state: TrainingState | None, detail: str = "") -> str:
    """How a note names the session it reads: " last time (4, 4, 3)", or
    after a deload (which no rule reads) " in the last working session
    (2027-03-15: 4, 4, 3)"; `detail` in the brackets."""
    if state is not None and state.after_deload and state.performed:
        return f" in the last working session ({state.performed[0].date}{': ' + detail if detail else ''})"
    if state is not None and state.week == 0 and state.status == "logged" and state.performed:  # another program's
        return f" in the session before the program ({state.performed[0].date}{': ' + detail if detail else ''})"
    return f" last time ({detail})" if detail else " last time"
MOST_ROUNDED = 0.5  # the most a load rounded up adds: a further step is the equipment's, not rounding


class Effort(Frozen):
    """A logged session's rated sets against its target: the `median` and
    `hardest` set, the `ceiling` they are read against, and the `label`'s
    own ceiling (without the rounding, for one set far over)."""

    __slots__ = ("median", "hardest", "ceiling", "label", "rated", "over", "logged")
    median: float
    hardest: float
    ceiling: float
    label: float
    rated: int  # how many sets have an RPE
    over: int  # how many of them went past the reps asked (read at those reps)
    logged: str  # how the ratings were read ("logged -, -, 9: ..."), when not as logged, else ""

    def __init__(self, median: float, hardest: float, ceiling: float, label: float, rated: int,
                 over: int = 0, logged: str = "") -> None:
        set_field(self, "median", median)
        set_field(self, "hardest", hardest)
        set_field(self, "ceiling", ceiling)
        set_field(self, "label", label)
        set_field(self, "rated", rated)
        set_field(self, "over", over)
        set_field(self, "logged", logged)

    def sets_text(self, target: Target, asked: bool = True) -> str:
        """"median RPE 9", "RPE 9", "median RPE 6.5 for the 6 reps asked" (`asked`: by this
        program; else "for 6 reps", another program's session read at the line's reps)."""
        sets = f"median RPE {self.median:g}" if self.rated > 1 else f"RPE {self.median:g}"
        read = f" ({self.logged})" if self.logged else ""
        reps = f" for the {target.reps} reps asked" if asked else f" for {target.reps} reps"
        return sets + (reps if self.over else "") + read


def judged(target: Target, state: TrainingState | None) -> Target:
    """The target a session is read against for too hard: with the RPE the
    sheet printed, when it printed a harder one than the target's (a
    session done as printed is not cut for it); a label under the target's
    RPE does not lower the line (a session at the program's 7-8 after a
    sheet that foresaw 5.5 is on target, not too hard)."""
    if state is None or state.printed is None or target.rpe is None or state.printed[1] <= target.rpe[1]:
        return target
    return replace(target, rpe=state.printed)


def rounding(state: TrainingState | None) -> float:
    """What the engine's rounding added that the session may reach: none
    where the sheet printed the effort it expected (the label has it)."""
    return 0.0 if state is None or state.printed is not None else state.rounded


def span(rpe: tuple[float, float]) -> str:
    """An RPE as the sheet writes it: "7-8", or "8" for a single one."""
    lo, hi = rpe
    return f"{lo:g}" + (f"-{hi:g}" if hi > lo else "")


def ceiling(target: Target) -> float | None:
    """The effort the target's RPE lets its sets reach as a whole: a
    range's top; a single RPE on several sets, the median of sets climbing
    half a point each from it (at least half a point: 2 or 3 sets @ 8 may
    reach 8.5 as a whole, 4 sets 8.75, 5 sets 9)."""
    if target.rpe is None:
        return None
    lo, hi = target.rpe
    if hi - lo >= EPS or target.sets < 2:
        return hi
    return hi + max(RAMP, RAMP * (target.sets - 1) / 2)


def too_hard(target: Target, foreseen: list[float], overshoot: float) -> bool:
    """Whether sets foreseen at these RPEs (past failure above 10) would be
    read as too hard: the median `overshoot` or more over the ceiling, or
    the hardest `overshoot` + 1 or more over it, each less a quarter point
    because athletes rate to the half point (a set foreseen at 8.8 is
    rated 9), or one set past failure. 8.5, 9, 9.5 on 3 x 5 @ RPE 7-8 is;
    8, 8.5, 9 is not."""
    if not foreseen:
        return False
    rated = sorted(foreseen)
    if rated[-1] > 10.0 + EPS:
        return True
    top = ceiling(target)
    if top is None:
        return False
    return median(rated) >= top + overshoot - STEP / 2 - EPS or rated[-1] >= top + overshoot + 1 - STEP / 2 - EPS


def plan_ramp(first: float, target: Target) -> list[float]:
    """A planned session's sets as the plan takes them done: the first at
    `first`, the last as much harder as the target's RPE range is wide, the
    sets between spread evenly in the half points athletes rate in (down),
    and no set more than half a point over the one before (7, 7.5, 8 on 3 x
    7-8; 7, 7, 7.5, 8 on 4; 8, 8, 8 on @ 8; 7.5, 7.5, 8 on 7.5-8): on
    target, as kindly as the target allows, and as a log can say it."""
    span, n = (target.rpe[1] - target.rpe[0] if target.rpe else 0.0), target.sets
    return [first + (math.floor(min(RAMP * i, span * i / (n - 1)) / STEP + EPS) * STEP if n > 1 else 0.0)
            for i in range(n)]


def session_effort(target: Target, performed: Iterable[Performed], rounded: float = 0.0,
                   asked: bool = False) -> Effort | None:
    """The session against the target's ceiling, raised by `rounded` (the
    RPE the engine's rounding added to the load, up to `MOST_ROUNDED`);
    `asked`: each set read at the reps asked. None without an RPE target
    or a rated set."""
    top = ceiling(target)
    done = tuple(performed)
    read = read_sets(done)
    sets = [p for p in read if p.rpe is not None]
    rated = sorted(at_reps_asked(p.rpe, p.reps, target.reps if asked else p.reps) for p in sets
                   if p.rpe is not None)
    if top is None or not rated:
        return None
    over = sum(p.reps > target.reps for p in sets) if asked else 0
    logged = how_read(done, read) if read is not done else ""
    return Effort(median(rated), rated[-1], top + min(max(rounded, 0.0), MOST_ROUNDED), top, len(rated), over, logged)


def median(values: list[float]) -> float:
    """The median of non-empty `values` (statistics would import decimal and random)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def at_reps_asked(rpe: float, reps: int, asked: int) -> float:
    """A set's RPE at the reps asked: a point lighter for each rep past them."""
    return rpe - max(reps - asked, 0)


def within(target: Target, performed: Iterable[Performed], rounded: float = 0.0, asked: bool = False) -> bool:
    """At or under the target, allowing the ramp: the median set at or
    under the ceiling, none more than one rating step over it (on a single
    RPE, the last of sets climbing half a point each: 4 x 15 @ RPE 5.5 may
    go 5.5, 6, 6.5, 7), true without an RPE target or a rated set;
    `asked`: each set read at the reps asked (`session_effort`)."""
    found = session_effort(target, performed, rounded, asked)
    if found is None:
        return True
    single = target.rpe is not None and target.rpe[1] - target.rpe[0] < EPS
    above = max(STEP, RAMP * (target.sets - 1) / 2) if single else STEP
    return found.median <= found.ceiling + EPS and found.hardest <= found.ceiling + above + EPS


def allowed_text(target: Target, found: Effort) -> str:
    """What the session was read against, so the coach can check it: "the
    target's 8", or "the 8.38 the target allows (RPE 7.5, +0.5 across 3
    sets, +0.38 for the load rounded up)"."""
    lo, hi = target.rpe or (found.label, found.label)
    if abs(found.ceiling - hi) <= EPS:
        return f"the target's {hi:g}"
    parts = [f"RPE {lo:g}" + (f"-{hi:g}" if hi - lo > EPS else "")]
    if found.label > hi + EPS:
        parts.append(f"+{found.label - hi:g} across {target.sets} sets")
    if found.ceiling > found.label + EPS:
        parts.append(f"+{_n(found.ceiling - found.label)} for the load rounded up")
    return f"the {_n(found.ceiling)} the target allows ({', '.join(parts)})"


def _n(x: float) -> str:
    return f"{round(x, 2):g}"
