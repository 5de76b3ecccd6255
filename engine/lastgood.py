"""The load a session too hard goes back to, when the one before it was
on target.

A cut takes its load from the weakest set of the session too hard
(`engine.autoregulation`). After a jump that failed, that can land far
under a load the athlete lifted well a week earlier: Ben's step-up, 8, 8,
8 x 30 lb a hand @ 7, 7.5, 8, then 8, 8, 6 x 35 lb @ 8, 9, 10; with
bodyweight the weakest set is an e1RM of 324 lb, where 8 reps at RPE 8
are 243 lb, 20 lb a hand, a third under what he had just done on target.
A coach goes back to the load that was within reach. So a cut never goes
under the working load of the form's session before the one too hard,
when that session (at most four weeks before it) had the sets asked,
every one with the reps the cut asks, rated and none over the top of the
target's RPE.
"""

from __future__ import annotations

from engine.history import Session
from engine.loaded import EPS
from engine.loading import Loader
from engine.model import Choice, TrainingState
from engine.ratings import ratings

RECENT = 28  # days: a session older than that before the one too hard says little of today


def back_to(loader: Loader, choice: Choice, state: TrainingState, reps: int,
            top: float) -> tuple[float, Session] | None:
    """The load of the session before the one `state` read, and that
    session, when it was on target at `reps` (module docstring)."""
    history = loader.history
    if history is None or state.status != "logged" or not state.performed:
        return None
    when = state.performed[0].date
    before = history.last_session(choice.key, when)
    group = before.working if before is not None else None
    if before is None or group is None or group.load is None or len(group.sets) < state.target.sets \
            or (when - before.date).days > RECENT:
        return None
    rated = [p.rpe for p in group.sets if p.rpe is not None]
    if len(rated) < len(group.sets) or max(rated) > top + EPS or any(p.reps < reps for p in group.sets):
        return None
    return group.load, before


def said(loader: Loader, choice: Choice, cut: float, load: float, session: Session) -> str:
    """"= 243 lb in all, 21.5 lb a hand; 30 lb a hand made every rep on
    target on 2027-01-04 (8, 8, 8 @ 7, 7.5, 8): back to it": the cut's
    load (what the share of the e1RM comes to: with bodyweight and both
    dumbbells, then as picked up), and the load gone back to."""
    from engine.loaded import n
    from engine.wording import named

    imp, units = loader.implement(choice), loader.units
    whole = loader.moved(choice, cut)
    amount = f"{n(cut)} {units}" if imp is None or abs(whole - cut) < EPS else \
        f"{n(whole)} {units} in all, {named(imp, cut, units)}"
    sets = session.working.sets if session.working is not None else session.sets
    done = ", ".join(str(p.reps) for p in sets)
    back = named(imp, load, units) if imp is not None else f"{n(load)} {units}"
    return f"= {amount}; {back} made every rep on target on {session.date} ({done} @ {ratings(sets)}): back to it"
