"""The load a cut goes back to: the heaviest done on target lately that
the session too hard still puts within reach.

A cut takes its load from the weakest set of the session too hard
(`engine.autoregulation`). After a jump that failed, that can land far
under a load the athlete lifted well a week earlier: Ben's step-up, 8, 8,
8 x 30 lb a hand @ 7, 7.5, 8, then 8, 8, 6 x 35 lb @ 8, 9, 10; with
bodyweight the weakest set is an e1RM of 324 lb, where 8 reps at RPE 8
are 243 lb, 21.5 lb a hand (20 on his dumbbells), a third under what he
had just done on target.
A coach goes back to the load that was within reach. So a cut never goes
under the heaviest working load done on target in the form's sessions of
the four weeks before the one too hard (the sets asked, every one with
the reps the cut asks, rated and none over the top of the target's RPE)
that the session too hard, read by its median set, still puts within the
target (one bad last set, not a load gone out of reach).
"""

from __future__ import annotations

from typing import Iterator

from engine.bodyweight import SLACK
from engine.gear import cut_to, nearest
from engine.history import History, Session
from engine.loaded import EPS, n
from engine.loading import Loader
from engine.loads import rpe_at
from engine.model import Choice, TrainingState
from engine.otherline import median_e1rm
from engine.ratings import ratings

RECENT = 28  # days: a session older than that before the one too hard says little of today


def back_to(loader: Loader, choice: Choice, state: TrainingState, reps: int,
            top: float) -> tuple[float, Session] | None:
    """The heaviest working load of the form's sessions on target at
    `reps` in the four weeks before the one `state` read that the session
    too hard itself, read by its median set, still puts within the target,
    and that session (module docstring)."""
    history = loader.history
    if history is None or state.status != "logged" or not state.performed:
        return None
    found = [(load, s) for s in _recent(history, choice, state)
             if (load := _on_target(s, state, reps, top)) is not None]
    # the heaviest the session too hard still puts within reach (the latest of equal loads)
    return next((f for f in sorted(found, key=lambda f: -f[0]) if _within(loader, choice, state, f[0], reps, top)),
                None)


Reading = tuple[float, float, float, float]  # (e1RM, percent, RPE, load): what the sets were chosen by


def reps_back(loader: Loader, choice: Choice, state: TrainingState, load: float, before: float | None, reps: int,
              top: float, most: int) -> tuple[int, str, Reading | None]:
    """The reps at the load a cut comes to (rounded as the cut lands from
    `before`), and words for the note: more than the cut's `reps` where a
    session on target at that load in the four weeks before the one too
    hard did more, as many of them (up to `most`, the range's top) as the
    session too hard, read by its median set, puts within the target. A
    double progression that jumped from 60 lb x 12 and failed goes back to
    60 lb at 10 reps, not at the 8 the jump reset it to, four weeks of
    reps below where the athlete was. With more reps, also the reading
    they were chosen by (the median set's e1RM, the load's share of it, the
    RPE it puts them at), for the load basis."""
    history, imp, effort = loader.history, loader.implement(choice), loader.effort
    if history is None or imp is None or effort is None or not state.performed or reps >= most:
        return reps, "", None
    at = cut_to(imp, load, before) if before is not None and load < before - EPS else nearest(imp, load)
    session = next((s for s in _recent(history, choice, state)
                    if (on := _on_target(s, state, reps, top)) is not None and abs(on - at) < EPS), None)
    median = median_e1rm(loader, choice, state.performed, top)
    if session is None or session.working is None or median is None:
        return reps, "", None
    sets, share = session.working.sets, loader.moved(choice, at) / median
    more = next((r for r in range(min(min(p.reps for p in sets), most), reps, -1)
                 if rpe_at(effort, r, share) <= top + SLACK), reps)
    if more == reps:
        return reps, "", None
    done, rpe = ", ".join(str(p.reps) for p in sets), round(rpe_at(effort, more, share) + 1e-9, 1)
    return more, (f"; at {more} reps: {done} were done there on {session.date}, and the session too hard, by its "
                  f"median set, puts {more} at RPE {rpe:.1f}"), (median, share, rpe, at)


def _recent(history: History, choice: Choice, state: TrainingState) -> Iterator[Session]:
    """The form's sessions of the four weeks before the one `state` read,
    the latest first (a deload's is no such session)."""
    return history.recent(choice.key, state.performed[0].date, RECENT)


def _on_target(session: Session, state: TrainingState, reps: int, top: float) -> float | None:
    """The session's working load when it had the sets asked, each with at
    least `reps`, every one rated and none over `top`."""
    group = session.working
    if group is None or group.load is None or len(group.sets) < state.target.sets:
        return None
    rated = [p.rpe for p in group.sets if p.rpe is not None]
    if len(rated) < len(group.sets) or max(rated) > top + EPS or any(p.reps < reps for p in group.sets):
        return None
    return group.load


def _within(loader: Loader, choice: Choice, state: TrainingState, load: float, reps: int, top: float) -> bool:
    """Whether `reps` at `load` are within the target's top by the median
    set of the session too hard (by its weakest, the cut; by its best, any
    failure would look like a bad day): 110 kg x 5 after 112.5 x 5, 5, 3 @
    8, 8.5, 10 (median set 136.88 kg: RPE 7.7), not after 5, 4, 4 @ 8, 9,
    9.5 (131.25 kg: RPE 9.2)."""
    median = median_e1rm(loader, choice, state.performed, top)
    if median is None or loader.effort is None:
        return False
    return rpe_at(loader.effort, reps, loader.moved(choice, load) / median) <= top + SLACK


def said(loader: Loader, choice: Choice, cut: float, load: float, session: Session) -> str:
    """"= 243 lb in all, 21.5 lb a hand; 30 lb a hand made every rep on
    target on 2027-01-04 (8, 8, 8 @ 7, 7.5, 8): back to it": the cut's
    load (what the share of the e1RM comes to: with bodyweight and both
    dumbbells, then as picked up), and the load gone back to."""
    from engine.wording import named

    imp, units = loader.implement(choice), loader.units
    whole = loader.moved(choice, cut)
    amount = f"{n(cut)} {units}" if imp is None or abs(whole - cut) < EPS else \
        f"{n(whole)} {units} in all, {named(imp, cut, units)}"
    sets = session.working.sets if session.working is not None else session.sets
    done = ", ".join(str(p.reps) for p in sets)
    back = named(imp, load, units) if imp is not None else f"{n(load)} {units}"
    return f"= {amount}; {back} made every rep on target on {session.date} ({done} @ {ratings(sets)}): back to it"
