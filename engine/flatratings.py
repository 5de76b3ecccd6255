"""Ratings that do not move with the work: the e1RM stops moving.

A load from the e1RM (the `rpe` policy's, every exposure) follows the
athlete's ratings. An athlete who rates every set the same whatever the
work (an "8" for 9 reps and for 7 reps at one load, a common habit) gives
ratings that say nothing of it, and following them walks the loads away:
on a 7 kg stack, 49 kg x 9 @ 8, then x 8 @ 8, then x 7 @ 8 give e1RMs of
66.97, 65.33 and 63.7 kg, each asking fewer reps than the last.

So the training state of such a slot keeps the run of sessions done as
printed (the load printed, every set for its reps, none failed) whose
rated sets all have one rating (`RatedRun`). Once three sessions in a row
rated the same while their work differed by a point or more (the RPE of
each one's reps at its load, all read by the e1RM the first of them gave,
so the same work is the same effort however it was labelled), and the
sheet asked efforts half a point or more apart or the work fell a point
(on one RPE each week, an athlete getting stronger rightly rates rising
loads alike), the e1RM stops at the lower of the first one's and the last
one's. The next loads from the e1RM come from it, neither lower nor
higher, until a session rates otherwise, and the sheet says so, for the
coach to check how the athlete rates. It stops a slide and never undoes it, and it undoes
a climb: an athlete who really is getting weaker and says 8 is never given
more than the last session showed, nor one who says 7 more than the first.
"""

from __future__ import annotations

import datetime as _dt

from engine.coarse import effort_of, serves_effort
from engine.loaded import Estimate, n
from engine.loading import Loader
from engine.model import Choice, RatedRun, Target, TrainingState
from engine.model.base import replace
from engine.ramp import span
from engine.ratings import failed

SESSIONS = 3  # sessions in a row with one rating
SPREAD = 1.0  # how far apart the efforts of their work were, at least
ASKED = 0.5  # how far apart the efforts the sheet asked for them were, at least (a wave, not one RPE each week)


def run_after(loader: Loader, choice: Choice, previous: TrainingState | None, state: TrainingState,
              printed: float | None, policy: str) -> RatedRun | None:
    """The run of one rating the state leaves: a logged session done as
    printed (at `printed`, the load the sheet gave, every set for its reps,
    none failed) whose rated sets all have one rating goes on the run of
    that rating, or starts one; any other logged session ends it; a state
    with no session keeps the run before it; a slot whose `policy` does not
    take its loads from the e1RM keeps none. A session at a load the
    too-hard rule cut to lowers the e1RM held to its own where that is
    lower: the hold never gives more than the ratings the engine acted on
    showed."""
    before = previous.run if previous is not None else None
    if not serves_effort(policy):
        return None
    if state.status != "logged":
        return before
    done, target = state.performed, state.target
    rated = {p.rpe for p in done if p.rpe is not None}
    if len(rated) != 1 or loader.effort is None or state.e1rm is None or printed is None or target.load is None \
            or target.rpe is None or abs(target.load - printed) > 1e-6 or len(done) < target.sets \
            or any(p.reps < target.reps or failed(p) for p in done):
        return None
    rating, day, asked = rated.pop(), done[0].date, target.rpe[1]
    if before is None or before.rating != rating:
        work = _work(loader, choice, target.reps, printed, state.e1rm)
        return RatedRun(rating, work, work, asked, asked, 1, state.e1rm, None, day)
    ref = before.ref
    work = _work(loader, choice, target.reps, printed, ref)
    cut = previous is not None and bool(previous.performed) \
        and (previous.form, previous.performed[0].date) in loader.too_hard
    held = min(before.held, state.e1rm) if cut and before.held is not None else before.held
    run = RatedRun(rating, min(before.low, work), max(before.high, work), min(before.asked_low, asked),
                   max(before.asked_high, asked), before.sessions + 1, ref, held, day)
    # a wave asked, or the work fell (the first session's work, by its own e1RM, is its rating): on one RPE each
    # week, rising loads rated alike are an athlete getting stronger
    asked_apart = run.asked_high - run.asked_low >= ASKED - 1e-9 or work <= rating - SPREAD + 1e-9
    if run.held is None and run.sessions >= SESSIONS and run.high - run.low >= SPREAD - 1e-9 and asked_apart:
        run = replace(run, held=min(ref, state.e1rm))
    return run


def _work(loader: Loader, choice: Choice, reps: int, load: float, e1rm: float) -> float:
    """The effort `reps` at `load` ask by `e1rm` (past failure read as 10)."""
    assert loader.effort is not None
    return min(effort_of(loader.effort, reps, loader.moved(choice, load) / e1rm), 10.0)


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
    while the sheet asked RPE 7-8"."""
    return (f"rated {run.rating:g} in {run.sessions} sessions in a row while the sheet asked RPE "
            f"{span((run.asked_low, run.asked_high))}")


def noted(loader: Loader, choice: Choice, previous: TrainingState | None, before: _dt.date | None,
          target: Target) -> tuple[Target, Estimate | None]:
    """The target with what the sheet says of a run that counts, and the
    e1RM a load from the e1RM stays at (a cut or a repeat is only said)."""
    run = flat_run(loader, choice, previous, before)
    if run is None:
        return target, None
    held = held_e1rm(run, loader.units) if target.load is None else None
    note = held[1] if held else f"{said(run)} (check how the athlete rates)"
    return replace(target, note="; ".join(filter(None, (target.note, note)))), held[0] if held else None


def held_e1rm(run: RatedRun, units: str) -> tuple[Estimate, str]:
    """The e1RM the loads from the e1RM stay at, and the sheet's words."""
    assert run.held is not None
    note = (f"{said(run)}: the e1RM stays at {n(run.held)} {units} until the ratings move with the work (check "
            "how the athlete rates)")
    return Estimate(run.held, note), note
