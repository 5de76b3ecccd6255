"""A step up to a load the athlete failed lately says so.

Double progression steps up at the top of its range; with dumbbells a
step is a big share of the load, and the same ratings that led to a failed
jump lead to the same jump again: 40 lb a hand x 12, 12, 12 @ 7, 7.5, 8,
then 45 x 8, 7, 6 @ 8, 9, 10, back to 40 and up to 12 again. The step
stands (the policy's rule, and the athlete may be stronger now), but the
sheet names the failed session, so the coach can weigh it: "45 lb a hand
was too hard on 2026-11-16 (8, 7, 6 @ 8, 9, 10)". A session is too hard
as another line's is read (`engine.otherline.hard`: a set at RPE 10 or a
median of 9), at or under the new load and over the one before, in the
four weeks before the exposure, and only if its sets would be over the
new target too (`engine.ramp.within`, a set of more reps read at the reps
asked, each set at the new load where that is heavier): the `rpe` policy
climbs, and 5, 5, 5 @ 8.5, 9, 9.5 at 310 lb, over a 7.5 target, is on
target for 5 @ RPE 8.5. A session within what its own sheet asked is no
failure either: the top of an `rpe` wave, 5 @ 8.5 done at 8.5, 9, 9.
"""

from __future__ import annotations

import datetime as _dt
from typing import Mapping

from engine.loaded import EPS
from engine.loading import Loader
from engine.model import Choice, Performed, Target, TrainingState
from engine.ramp import within

RECENT = 28  # days: a failure older than that says little of today


def tried(loader: Loader, choice: Choice, previous: TrainingState | None, target: Target, load: float | None,
          date: _dt.date | None, asked: Mapping[tuple[str, _dt.date], Target] | None = None) -> str:
    """Words naming the latest session of the four weeks before `date`
    too hard at a load this step up to `load` reaches, and over `target`
    there; "" when none. `asked`: what each logged session's sheet asked
    (its label), by form and date: a session within it was on target."""
    history, imp = loader.history, loader.implement(choice)
    before = previous.target.load if previous is not None else None
    if history is None or imp is None or date is None or load is None or before is None or load <= before + EPS:
        return ""
    from engine.otherline import hard  # (a step up with a log: off the common path)
    from engine.ratings import ratings
    from engine.wording import named

    for session in history.recent(choice.key, date, RECENT):
        group = session.working
        if group is not None and group.load is not None and before + EPS < group.load <= load + EPS \
                and hard(session) and not _on_its_own(asked, session.form, session.date, group.sets) \
                and _over(target, _at(loader, choice, group.sets, group.load, load)):
            done = ", ".join(str(p.reps) for p in group.sets)
            return f"{named(imp, group.load, loader.units)} was too hard on {session.date} " \
                   f"({done} @ {ratings(group.sets)})"
    return ""


def _on_its_own(asked: Mapping[tuple[str, _dt.date], Target] | None, form: str, day: _dt.date,
               sets: tuple[Performed, ...]) -> bool:
    """Whether the session was within what its own sheet asked: the top of
    an `rpe` wave, 5 @ 8.5 done at 8.5, 9, 9, is no failure."""
    own = asked.get((form, day)) if asked is not None else None
    return own is not None and own.rpe is not None and not _over(own, sets)


def _at(loader: Loader, choice: Choice, sets: tuple[Performed, ...], lifted: float,
        load: float) -> tuple[Performed, ...]:
    """The sets lifted at `lifted` as they would be at a heavier `load`: each rated one at its RPE there by
    its own e1RM (past failure above 10), so a step past a load failed at is read at the step."""
    effort = loader.effort
    if effort is None or load <= lifted + EPS:
        return sets
    from engine.coarse import effort_of
    from engine.model.base import replace

    moved = loader.moved(choice, load)
    e1s = [loader.set_e1rm(choice, p, 10.0) if p.rpe is not None else None for p in sets]
    return tuple(replace(p, rpe=effort_of(effort, p.reps, moved / e1)) if e1 else p
                 for p, e1 in zip(sets, e1s, strict=True))


def _over(target: Target, sets: tuple[Performed, ...]) -> bool:
    """Whether sets would be over `target`: one short of its reps, or
    their ratings over what it allows (`engine.ramp.within`, a set of more
    reps read at the reps asked); without an RPE target, the failure alone
    says so."""
    if target.rpe is None:
        return True
    return any(p.reps < target.reps for p in sets) or not within(target, sets, asked=True)
