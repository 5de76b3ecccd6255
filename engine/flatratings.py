"""Ratings that do not move with the work: the e1RM stops moving.

A load from the e1RM (the `rpe` policy's, every exposure) follows the
athlete's ratings. An athlete who rates every set the same whatever the
work (an "8" for 9 reps and for 7 reps at one load, a common habit) gives
ratings that say nothing of it, and following them walks the loads away:
on a 7 kg stack, 49 kg x 9 @ 8, then x 8 @ 8, then x 7 @ 8 give e1RMs of
66.97, 65.33 and 63.7 kg, each asking fewer reps than the last.

So the training state of such a slot keeps the run of sessions done as
printed (the load printed, every set for its reps, none failed) whose
rated sets all have one rating (`RatedRun`). Once three sessions in a
row rated the same while their work differed by a point or more (the RPE
of each one's reps at its load, all read by the e1RM the first of them
gave, so the same work is the same effort however it was labelled), the
e1RM stops where the last of them left it: the next loads from the e1RM
come from it, neither lower nor higher, until a session rates otherwise, and
the sheet says so, for the coach to check how the athlete rates. It
stops the slide and never undoes it: an athlete who really is getting
weaker and says 8 is never given more than the last session showed.
"""

from __future__ import annotations

import datetime as _dt

from engine.coarse import effort_of
from engine.loaded import Estimate, n
from engine.loading import Loader
from engine.model import Choice, RatedRun, TrainingState
from engine.plannedsets import to_half
from engine.ratings import failed

SESSIONS = 3  # sessions in a row with one rating
SPREAD = 1.0  # how far apart the efforts of their work were, at least


def run_after(loader: Loader, choice: Choice, previous: TrainingState | None, state: TrainingState,
              printed: float | None) -> RatedRun | None:
    """The run of one rating the state leaves: a logged session done as
    printed (at `printed`, the load the sheet gave, every set for its reps,
    none failed) whose rated sets all have one rating goes on the run of
    that rating, or starts one; any other logged session ends it; a state
    with no session keeps the run before it. A session at a load the
    too-hard rule cut to lowers the e1RM held to its own where that is
    lower: the hold never gives more than the ratings the engine acted on
    showed."""
    before = previous.run if previous is not None else None
    if state.status != "logged":
        return before
    done, asked, effort = state.performed, state.target, loader.effort
    rated = {p.rpe for p in done if p.rpe is not None}
    if len(rated) != 1 or effort is None or state.e1rm is None or printed is None or asked.load is None \
            or abs(asked.load - printed) > 1e-6 or len(done) < asked.sets \
            or any(p.reps < asked.reps or failed(p) for p in done):
        return None
    rating, day = rated.pop(), done[0].date
    ref = state.e1rm if before is None or before.rating != rating else before.ref
    work = effort_of(effort, asked.reps, loader.moved(choice, printed) / ref)
    if before is None or before.rating != rating:
        return RatedRun(rating, work, work, 1, ref, None, day)
    cut = previous is not None and bool(previous.performed) \
        and (previous.form, previous.performed[0].date) in loader.too_hard
    held = min(before.held, state.e1rm) if cut and before.held is not None else before.held
    run = RatedRun(rating, min(before.low, work), max(before.high, work), before.sessions + 1, ref, held, day)
    if run.held is None and run.sessions >= SESSIONS and run.high - run.low >= SPREAD - 1e-9:
        run = RatedRun(run.rating, run.low, run.high, run.sessions, ref, state.e1rm, day)
    return run


def flat_run(loader: Loader, choice: Choice, previous: TrainingState | None,
             before: _dt.date | None) -> RatedRun | None:
    """The run the loads stay at (`RatedRun.held`), while the form's latest
    session is the run's; else None."""
    run = previous.run if previous is not None else None
    if run is None or run.held is None or loader.history is None:
        return None
    last = loader.history.last_session(choice.key, before)
    return run if last is not None and last.date == run.last else None


def said(run: RatedRun) -> str:
    """What the sheet says of the run: "rated 8 in 4 sessions in a row
    though their work differed by about 1 RPE"."""
    return (f"rated {run.rating:g} in {run.sessions} sessions in a row though their work differed by about "
            f"{to_half(run.high - run.low):g} RPE")


def held_e1rm(run: RatedRun, units: str) -> tuple[Estimate, str]:
    """The e1RM the loads from the e1RM stay at, and the sheet's words."""
    assert run.held is not None
    note = (f"{said(run)}: the e1RM stays at {n(run.held)} {units} until the ratings move with the work (check "
            "how the athlete rates)")
    return Estimate(run.held, note), note
