"""What the last logged (or planned) exposure says of the next one: the
sets it is foreseen from, their e1RMs set by set, those sets at a new
target, the e1RM a step is checked against, and the words for why a
target foreseen too hard waits. `engine.jumps` checks steps up with them
and `engine.foresee` the reps and labels at a load kept.
"""

from __future__ import annotations

import datetime as _dt

from engine.bodyweight import SLACK, half
from engine.coarse import effort_of
from engine.loaded import n
from engine.loading import Loader
from engine.model import Choice, Performed, Prescription, Target, TrainingState
from engine.ramp import last_time, median, span, too_hard
from engine.ratings import evidence, failed, rating_text, ratings, read_sets


def current_e1rm(loader: Loader, choice: Choice, rx: Prescription, previous: TrainingState) -> tuple[float, str] | None:
    """The e1RM a step is checked against, and where it comes from: the
    last session's best set, or after a planned exposure that exposure as
    done at the bottom of its RPE range (the plan's own progress, read as
    kindly as the target allows)."""
    rpe_top, units, t, effort = rx.rpe[1] if rx.rpe else 10.0, loader.units, previous.target, loader.effort
    if logged(previous):  # the sets the session is foreseen from: a top set's rating when the group's are none
        done = session_sets(loader, choice, previous)
        best = max(evidence(done), key=lambda p: loader.set_e1rm(choice, p, rpe_top) or 0.0)
        e1 = loader.set_e1rm(choice, best, rpe_top)
        rated = rating_text(best, done, rpe_top)
        return None if e1 is None else (e1, f"logged {best.date}: {best.reps} x {n(best.load or 0)} {units} "
                                            f"({rated}{loader.system_text(choice)}) at {best.source}")
    if t.load is None or effort is None:
        return None
    shown = previous.printed or t.rpe  # as the sheet labelled it
    # (a load worked out from an e1RM: at the effort that e1RM puts it, where over the bottom: `logged.taken_at`)
    bottom = min(shown[0] + (previous.rounded if previous.printed is None else 0.0), 10.0) if shown else 10.0
    moved = loader.moved(choice, t.load)
    planned = moved / effort(t.reps, bottom)
    latest = loader.estimate(choice, rpe_top, previous.date)  # never under what was last shown: a planned week
    if latest is not None and latest.e1rm > planned:  # too light for its label would sink the e1RM week by week
        return latest.e1rm, latest.source  # (a planned week at a load too heavy at its lightest: coarse.still_over)
    return planned, (f"{t.sets} x {t.reps} at {n(t.load)} {units} as planned, taken as done "
                     f"at RPE {round(bottom, 1):g}{loader.system_text(choice)}")


def rated_e1rms(loader: Loader, choice: Choice, rx: Prescription, previous: TrainingState) -> tuple[float, ...]:
    """Each rated set's e1RM, after a logged session (empty otherwise):
    how the athlete's own sets climb, for foreseeing the next session."""
    if not logged(previous):
        return ()
    top = rx.rpe[1] if rx.rpe else 10.0
    found = (loader.set_e1rm(choice, p, top) for p in read_sets(session_sets(loader, choice, previous))
             if p.rpe is not None)
    return tuple(e1 for e1 in found if e1)


def session_sets(loader: Loader, choice: Choice, previous: TrainingState) -> tuple[Performed, ...]:
    """The sets the last session is foreseen from: the group the plan
    follows, and where it rated none, the whole session's (a top set rated
    over unrated back-offs: 100 kg x 5 @ 9 after 97.5 x 5, 5 says 3 x 5
    at 100 would start at RPE 9)."""
    sets = previous.performed
    if not sets or any(p.rpe is not None or failed(p) for p in sets) or loader.history is None:
        return sets
    day = sets[0].date
    return next((s.sets for s in loader.history.sessions(choice.key, day, day + _dt.timedelta(days=1))
                 if sets[0] in s.sets), sets)


def foreseen_sets(loader: Loader, choice: Choice, e1s: tuple[float, ...], reps: int, load: float) -> list[float]:
    """The last session's rated sets at `reps` x `load`, each by its own
    e1RM (`rated_e1rms`; past failure above 10)."""
    assert loader.effort is not None
    moved = loader.moved(choice, load)
    return [effort_of(loader.effort, reps, moved / e1) for e1 in e1s]


def reps_to_reach(loader: Loader, choice: Choice, e1s: tuple[float, ...], goal: Target, first: int, most: int,
                  load: float, margin: float) -> tuple[int, float, float] | None:
    """At a load kept, after a logged session under the target: where
    `first` reps are still foreseen under the bottom of `goal`'s RPE (by
    more than rating to the half point allows), the fewest reps past them,
    up to `most`, whose session reaches it, else the most not too hard;
    with the median foreseen at `first` and the first set at those reps
    (170 lb x 4 @ 5, 5.5, 6 on 4-6 @ 7-8: 5 reps about 6, 6.5, 7, 6 reps
    7, 7.5, 8). None where `first` reaches it or no more reps fit."""
    assert goal.rpe is not None
    bottom, now = goal.rpe[0], median(foreseen_sets(loader, choice, e1s, first, load))
    if now >= bottom - SLACK:
        return None
    fits = [r for r in range(first + 1, most + 1) if not too_hard(goal, foreseen_sets(loader, choice, e1s, r, load),
                                                                  margin)]
    if not fits:
        return None
    reps = next((r for r in fits if median(foreseen_sets(loader, choice, e1s, r, load)) >= bottom - SLACK), fits[-1])
    return reps, now, foreseen_sets(loader, choice, e1s, reps, load)[0]


def too_hard_said(done: tuple[Performed, ...], target: Target, sets: list[float],
                  previous: TrainingState | None = None) -> str:
    """"the sets rated 7.5, 8, 8.5 last time to about RPE 8.5, 9, 9.5, too
    hard for the program's RPE 7-8": why a target foreseen too hard waits,
    from the session's sets `done` (`session_sets`) of the state `previous`
    left, named as `engine.ramp.last_time` says."""
    assert target.rpe is not None
    read = read_sets(done)
    rated = ", ".join(f"{p.rpe:g}" for p in read if p.rpe is not None)
    if read is not done:  # a rating read back by the ramp: the log as it was, and how it was read
        rated = f"{ratings(done)} (read {rated})"
    then = ", ".join("past failure" if x > 10.0 else half(x) for x in sets)
    which = "the sets rated" if rated.count(",") else "the set rated"  # (the program's RPE, whatever a label said)
    when = last_time(previous)
    return f"{which} {rated}{when} to about RPE {then}, too hard for the program's RPE {span(target.rpe)}"


def logged(previous: TrainingState) -> bool:
    """The state is a logged session's, with its sets."""
    return previous.status == "logged" and bool(previous.performed)
