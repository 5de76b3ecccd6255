"""A step up under check: the load it starts from and the load asked, the
e1RM it is checked against and the last session's sets it is foreseen
from (`engine.jumps` decides with it, `engine.heldsteps` for an increase
held until the equipment's next step), and the reps the next rep builds
on.
"""

from __future__ import annotations

from typing import Callable

from engine.bodyweight import SLACK
from engine.coarse import effort_of
from engine.gear import Implement
from engine.lastsession import current_e1rm, foreseen_sets, rated_e1rms
from engine.loaded import EPS
from engine.loading import Loader
from engine.missed import lighter_lifted
from engine.model import Choice, Prescription, ProgressionRule, Target, TrainingState
from engine.model.base import Frozen, replace, set_field
from engine.ramp import median, plan_ramp, too_hard
from engine.ramp import within as session_within


class Step(Frozen):
    """One step up under check: the load it starts from (`base`, as the
    equipment makes it), the load asked (`asked`: last time's plus the
    policy's increment), the e1RM and where it comes from, the target's
    reps (within the range) and its RPE range's top, and how far past that
    top a step bigger than asked may go."""

    __slots__ = ("loader", "choice", "imp", "base", "asked", "e1", "source", "reps", "top", "margin", "ask_step",
                 "limit", "e1s", "goal", "lenient")
    loader: Loader
    choice: Choice
    imp: Implement
    base: float
    asked: float
    e1: float
    source: str
    reps: int
    top: float
    margin: float
    ask_step: bool  # the policy asks the equipment's own step (`increment = "step"`)
    limit: float  # a plugin's step bigger than asked, after a planned exposure: the target's top + margin
    e1s: tuple[float, ...]  # after a logged session, each rated set's e1RM: the session foreseen set by set
    goal: Target  # the target a foreseen session is read against
    lenient: bool  # a plugin's policy, which may ask any reps at any load: after a planned week, not past failure

    def __init__(self, loader: Loader, choice: Choice, imp: Implement, base: float, asked: float, e1: float,
                 source: str, reps: int, top: float, margin: float, ask_step: bool, limit: float,
                 e1s: tuple[float, ...], goal: Target, lenient: bool = False) -> None:
        set_field(self, "loader", loader)
        set_field(self, "choice", choice)
        set_field(self, "imp", imp)
        set_field(self, "base", base)
        set_field(self, "asked", asked)
        set_field(self, "e1", e1)
        set_field(self, "source", source)
        set_field(self, "reps", reps)
        set_field(self, "top", top)
        set_field(self, "margin", margin)
        set_field(self, "ask_step", ask_step)
        set_field(self, "limit", limit)
        set_field(self, "e1s", e1s)
        set_field(self, "goal", goal)
        set_field(self, "lenient", lenient)

    def share(self, load: float) -> float:
        """The share of the e1RM `load` moves (both dumbbells, bodyweight)."""
        return (load * self.imp.count + (self.loader.bodyweight(self.choice) or 0.0)) / self.e1

    def fits(self, load: float) -> bool:
        """Whether `load` for the target's reps is realistic: after a logged
        session, a session there not too hard, foreseen set by set; after a
        planned one, the same session at the plan's own ratings
        (`planned_bearable`). A plugin's policy after a planned week: under
        `limit` for a step bigger than asked, else not past failure."""
        assert self.loader.effort is not None
        if self.e1s:
            return self.bearable(self.reps, load)
        if not self.lenient:
            return self.planned_bearable(self.reps, load)
        if self.ask_step or load > self.asked + EPS:  # under what the too-hard rule would cut
            return within(self.loader.effort, self.reps, self.share(load), self.limit - EPS, strict=True)
        return within(self.loader.effort, self.reps, self.share(load), 10.0)

    def planned_bearable(self, reps: int, load: float) -> bool:
        """After a planned exposure, whether `reps` x `load` make a session
        the too-hard rule would not cut, as one logged at the plan's own
        ratings would be foreseen: its first set at the effort the e1RM
        gives (the week before taken as done at the bottom of its RPE), the
        sets after it as `engine.ramp.plan_ramp` takes them; never past
        failure."""
        assert self.loader.effort is not None
        if self.lenient:
            return within(self.loader.effort, reps, self.share(load), self.limit - EPS, strict=True)
        goal = replace(self.goal, reps=reps)
        ramp = plan_ramp(effort_of(self.loader.effort, reps, self.share(load)), goal)
        return ramp[0] <= 10.0 + EPS and not too_hard(goal, ramp, self.margin)

    def foreseen(self, reps: int, load: float) -> list[float]:
        """The last session's rated sets at `reps` x `load` (`foreseen_sets`)."""
        return foreseen_sets(self.loader, self.choice, self.e1s, reps, load)

    def bearable(self, reps: int, load: float) -> bool:
        """Whether the last session's rated sets, foreseen at `reps` x
        `load`, would not be read as too hard."""
        return not too_hard(replace(self.goal, reps=reps), self.foreseen(reps, load), self.margin)

    def reaching(self, reps: int, most: int, load: float, bottom: float) -> int:
        """The fewest reps from `reps` up to `most` whose session, foreseen
        at `load`, reaches RPE `bottom` (a quarter point given for rating to
        the half point); `most` when none does."""
        return next((r for r in range(reps, most + 1) if median(self.foreseen(r, load)) >= bottom - SLACK), most)


def rep_bearable(loader: Loader, choice: Choice, rx: Prescription, progression: ProgressionRule,
                 previous: TrainingState, goal: Target, load: float, reps: int) -> bool:
    """Whether `reps` at a load that stays (the equipment's heaviest) make a
    session the too-hard rule would not cut, foreseen as a step is: from
    the last session's rated sets, or after a planned week at the plan's
    own ratings from the e1RM it gives; True where the numbers are not
    known (17.5 kg x 5 printed @ RPE 8.5 is an e1RM of 21.29: 6 reps start
    at 9.5, 7 past failure)."""
    imp, effort = loader.implement(choice), loader.effort
    found = current_e1rm(loader, choice, rx, previous) if imp is not None and effort is not None else None
    if imp is None or found is None or goal.rpe is None:
        return True
    step = Step(loader, choice, imp, load, load, found[0], found[1], reps, goal.rpe[1], progression.overshoot,
                False, 10.0, rated_e1rms(loader, choice, rx, previous), goal)
    return step.bearable(reps, load) if step.e1s else step.planned_bearable(reps, load)


def within(effort: Callable[[int, float], float], reps: int, share: float, limit: float,
           strict: bool = False) -> bool:
    """Whether `reps` at `share` of the e1RM are at or under RPE `limit`
    (`strict`: under it), and never past failure."""
    if effort(reps, 10.0) < share * (1 - 1e-9):
        return False
    # the model read forwards, not solved backwards: every model rises with RPE, so the effort of `reps` at
    # `share` is under `limit` exactly when `reps` at `limit` take more than `share` (as `rpe_at` assumes)
    if strict:
        return limit > 10.0 or effort(reps, max(limit, 1.0)) > share and limit > 1.0
    return limit >= 10.0 or limit + EPS >= 1.0 and effort(reps, limit + EPS) >= share


def joined(head: str, sep: str, tail: str) -> str:
    return f"{head}{sep}{tail}" if head else tail


def done_reps(previous: TrainingState, progression: ProgressionRule, rx: Prescription) -> int:
    """The reps the next rep builds on: the weakest logged set's (past the
    top of the range too), or the reps planned. A policy that fixes its
    reps builds on reps done past those it asked only as far as the
    session, read at them, was within the target (`engine.ramp`): 16 kg x
    12 @ 5, 5.5, 6 where 10 were asked are 12; 100 kg x 7 @ 8.5, 9, 9.5
    where 5 were asked, 6 (7.5, 8, 8.5 at 6 reps); double, past the top of
    its range, likewise (70 kg x 8 @ 9, 9, 9 on 4-6 are 7). Where the state builds
    on the heavier load those reps point to (`engine.logged.coherent`),
    they stand for the range's top there: 100 x 6 on a range of 5 builds
    on 110 kg, at 5 reps, not 6 (then 7) at 110."""
    if previous.status != "logged" or not previous.performed:
        return previous.target.reps
    weakest, asked = min(p.reps for p in previous.performed), previous.target.reps
    if lighter_lifted(previous.target, previous.performed) is not None:
        return min(weakest, max(rx.reps[1], 1))
    floor = max(asked, rx.reps[1]) if progression.policy == "double" else asked  # double counts reps in its range
    if weakest <= floor:
        return weakest
    return next((r for r in range(weakest, floor, -1)
                 if session_within(replace(previous.target, reps=r), previous.performed, asked=True)), floor)
