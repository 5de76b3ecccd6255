"""Ratings that do not move with the work: the e1RM holds.

A load from the e1RM (the `rpe` policy's, every exposure) follows the
athlete's ratings. An athlete who rates every set the same whatever the
sheet asked (an "8" for the RPE 7 week and for the RPE 8 week alike, a
common habit) gives ratings that say nothing of the work, and following
them walks the loads away: on a 7 kg stack, 49 kg x 9 @ 8 where 7 was
printed, then x 8 @ 8, then x 7 @ 8 give e1RMs of 66.97, 65.33 and 63.7
kg, each asking fewer reps than the last.

So the training state keeps the run of sessions done at the load printed
whose rated sets all have one rating (`RatedRun`). Once three sessions in
a row rated the same while their work asked efforts three quarters of a
point or more apart (the RPE of each one's reps at its load, by the e1RM
the load came from), the next loads from the e1RM come from the e1RM the
run's first session was planned from, neither lower nor higher, until a session
rates otherwise; the sheet says so, for the coach to check how the athlete
rates. Ratings that move with the work (an honest 7, then 8) never make a
run, nor do sessions at the same effort each week.
"""

from __future__ import annotations

import datetime as _dt

from engine.coarse import effort_of
from engine.loaded import Estimate, Loaded, n
from engine.loading import Loader
from engine.model import Choice, RatedRun, TrainingState
from engine.plannedsets import to_half
from engine.ramp import span
from engine.ratings import failed

SESSIONS = 3  # sessions in a row with one rating
# how far apart the efforts their work asked were, at least: more than half a point, so that honest ratings,
# to the half point, would have differed; three quarters, to leave room for a rater's own noise
SPREAD = 0.75


def from_e1rm(loaded: Loaded) -> float | None:
    """The e1RM a load printed came from, when it came from one."""
    b = loaded.basis
    return b.e1rm if b is not None and b.change == "from the e1RM" and b.e1rm else None


def run_after(loader: Loader, choice: Choice, previous: TrainingState | None,
              state: TrainingState) -> RatedRun | None:
    """The run of one rating the state leaves: a logged session at the load
    printed (`planned_from` set), every set printed done for its reps, whose
    rated sets all have one rating goes
    on the run of that rating, or starts one; any other logged session
    ends it; a state with no session keeps the run before it. The effort
    each session's work asked is the RPE its reps at its load are by the
    e1RM that load came from: the work, not the label printed beside it (a
    machine's 49 kg x 10 is the same work under an "8" and a "7")."""
    before = previous.run if previous is not None else None
    if state.status != "logged":
        return before
    done, asked = state.performed, state.target
    rated = {p.rpe for p in done if p.rpe is not None}
    load, effort = asked.load, loader.effort
    if state.planned_from is None or len(rated) != 1 or load is None or effort is None \
            or len(done) < asked.sets or any(p.reps < asked.reps or failed(p) for p in done):
        return None  # (every set printed, done for its reps: a set short or failed is news of its own)
    work = effort_of(effort, asked.reps, loader.moved(choice, load) / state.planned_from)
    rating, day = rated.pop(), done[0].date
    if before is None or before.rating != rating:
        return RatedRun(rating, work, work, 1, state.planned_from, day)
    return RatedRun(rating, min(before.low, work), max(before.high, work), before.sessions + 1, before.e1rm, day)


def flat(run: RatedRun | None) -> bool:
    """Whether the run is long and wide enough to say nothing of the work."""
    return run is not None and run.sessions >= SESSIONS and run.high - run.low >= SPREAD - 1e-9


def held_e1rm(loader: Loader, choice: Choice, previous: TrainingState | None,
              before: _dt.date | None) -> tuple[Estimate, str] | None:
    """The e1RM the loads hold at after a flat run, and what the sheet
    says of it; None while the form's latest session is not the run's."""
    run = previous.run if previous is not None else None
    if run is None or not flat(run) or loader.history is None:
        return None
    last = loader.history.last_session(choice.key, before)
    if last is None or last.date != run.last:
        return None
    asked = span((to_half(run.low), to_half(run.high)))
    said = (f"rated {run.rating:g} in each of the last {run.sessions} sessions, where the work asked RPE {asked}: "
            f"the e1RM holds at {n(run.e1rm)} {loader.units} until the ratings move with the work (check how the "
            "athlete rates)")
    return Estimate(run.e1rm, said), said
