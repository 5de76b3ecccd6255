"""The training state a logged session leaves.

After a logged session the state holds what was lifted: the load of the
group a plain prescription follows (none for a ramp: the next load then
comes from the session's e1RM). A group done for more reps than the range
allows (back-offs of 8 for a 4-6 prescription) stands for the load its e1RM
gives at the top of the range, so the next load is coherent with the
prescription. A top set is kept as a state of its own (`form#top`). Back-offs
lighter than the load printed, after sets at it with the reps asked, are
extra work: the state follows the sets at the load printed, a session short
of sets there (`_at_printed`).
"""

from __future__ import annotations

from typing import Mapping, Sequence

from engine import gear
from engine.bells import TOLERANCE as POUND
from engine.gear import kind_of
from engine.history import History, Session, SetGroup, read_at
from engine.loaded import Loaded
from engine.loading import Loader
from engine.loads import graded, rpe_at
from engine.model import Choice, Exercise, Performed, Prescription, Target, TrainingState
from engine.model.base import replace


def logged_state(loader: Loader, choice: Choice, rx: Prescription, target: Target, session: Session, week: int,
                 exposures: int, owed: float = 0.0,
                 rounded: float = 0.0) -> tuple[TrainingState, TrainingState | None]:
    """The form's state after `session`, and its top set's state if it had
    one. What was owed stays owed, and what the engine's rounding added to
    the effort (`rounded_up`) stays allowed, when the session was lifted at
    the load prescribed (a held increase done as planned, or logged in the
    other units: `_as_printed`); another load starts afresh from what was
    lifted."""
    at = _at_printed(loader, choice, session, target)
    follow = at or session.working
    load = follow.load if follow is not None and kind_of(choice) != "none" else None  # 0 or empty: no load
    load = target.load if at is not None else load  # (sets over it count as at it)
    performed = follow.sets if follow is not None else session.sets
    rpe_top = target.rpe[1] if target.rpe else 10.0
    e1 = loader.session_e1rm(choice, session.sets, rpe_top, whole=True)
    if follow is not None and load is not None and min(p.reps for p in follow.sets) > rx.reps[1]:
        load = coherent(loader, choice, rx, follow.sets, rpe_top, load)
    same = _as_printed(loader, choice, load, target.load)
    lifted = follow.load if follow is not None else None
    if same and lifted != target.load and _as_printed(loader, choice, lifted, target.load):
        # the sets the state reads are at the load printed, as lifted; so are those every e1RM reads
        assert lifted is not None and target.load is not None
        performed = read_at(performed, lifted, target.load)
        e1 = loader.session_e1rm(choice, read_at(session.sets, lifted, target.load), rpe_top, whole=True)
        if loader.history is not None:
            loader.history.as_printed(session.form, session.date, lifted, target.load)
    top = None
    if session.top is not None:
        t = session.top
        top = TrainingState(f"{choice.key}#top", Target(len(t.sets), min(p.reps for p in t.sets), target.rpe,
                                                        load=t.load),
                            week, exposures, status="logged", performed=t.sets, e1rm=e1)
    if not same and load is not None and target.load is not None and load > target.load + 1e-6 \
            and target.reps > rx.reps[1]:
        # reps built past the range (a rep meanwhile) were for the load printed, not for a heavier one lifted
        target = replace(target, reps=rx.reps[1])
    load = target.load if same else load
    logged = len(session.sets) if at is None else len(at.sets)  # (the back-offs are not the plan's)
    state = TrainingState(choice.key, replace(target, load=load), week, exposures, owed if same else 0.0, "logged",
                          performed, e1, sets_logged=logged, rounded=rounded if same else 0.0)
    return state, top


def _at_printed(loader: Loader, choice: Choice, session: Session, target: Target) -> SetGroup | None:
    """The sets at the load printed, when the group a plain prescription
    follows is lighter than it (back-offs after them, or sets before them
    not marked as warm-ups): 97.5 kg x 5 @ 8 where
    3 x 5 at 97.5 was printed, then 2 x 5 at 85, is one set of three at
    97.5 (repeat it), not three sets at 85 (which would plan 87.5, "add
    2.5 kg", 10 kg under the sheet). At the load printed, a set short of
    the reps asked is followed too: 97.5 x 4 @ 9 then back-offs is a
    session too hard at 97.5, not one done at 85. Sets over the load
    printed count as at it when they have the reps asked (a heavy triple
    before back-offs of 8 is not the eights' work). A ramp of lighter sets
    not marked as warm-ups up to a set at the load printed with the reps
    asked (20, 60, 80 x 3, then 97.5 x 5) is that set too, as the same
    warm-ups repeated would be. None for any other session."""
    follow, printed = session.working, target.load
    if printed is None:
        return None
    if follow is None:  # a ramp: its heaviest set, when it is at the load printed with the reps asked
        top = max(session.groups, key=lambda g: g.load or 0.0)
        at_load = _as_printed(loader, choice, top.load, printed)
        return top if at_load and min(p.reps for p in top.sets) >= target.reps else None
    if follow.load is None or follow.role != "back-off" \
            or follow.load >= printed - 1e-6 or _as_printed(loader, choice, follow.load, printed):
        return None
    at = [g for g in session.groups if g.role == "top" and g.load is not None
          and (_as_printed(loader, choice, g.load, printed)
               or g.load > printed and min(p.reps for p in g.sets) >= target.reps)]
    return min(at, key=lambda g: g.load or 0.0) if at else None


def _as_printed(loader: Loader, choice: Choice, load: float | None, printed: float | None) -> bool:
    """Whether a load logged is the load printed: the same number, or one
    within a pound the equipment does not make, as an app in the other
    units stores it (100 kg as 220.5 lb is 100.02 kg; 225 lb as 102 kg is
    224.87 lb). What was owed then stays owed, so the increase adds up
    whichever units the log keeps."""
    if load is None or printed is None:
        return False
    if abs(load - printed) <= 1e-6:
        return True
    imp = loader.implement(choice)
    return abs(load - printed) <= POUND[loader.units] and imp is not None and not gear.makes(imp, load)


def taken_at(loader: Loader, choice: Choice, target: Target, loaded: Loaded, felt: float | None = None) -> float:
    """The RPE over the target's bottom that a planned exposure whose load
    was worked out from an e1RM (a first load, a cut, the `rpe` policy's)
    puts its first set at by that e1RM: 100 lb x 10 of an e1RM of 135.67,
    a cut aimed at RPE 9 on 8-9 and rounded up, is RPE 9.3, 1.3 over 8; 0
    for any other load. The week after reads it as done there, not at the
    bottom (`engine.lastsession.current_e1rm`): the plan's assumed progress
    starts from what the evidence says of that load. So is a step a
    session too easy took at the effort its best set puts it (`felt`: 85 kg
    x 6 at RPE 7.4 by 109.33)."""
    if felt is not None and target.rpe is not None and target.load is not None:
        return max(felt - target.rpe[0], 0.0)
    b, effort = loaded.basis, loader.effort
    if b is None or effort is None or b.e1rm is None or not b.e1rm > 0 or b.load is None or target.rpe is None \
            or target.load is None or abs(b.load - target.load) > 1e-6 or not graded(effort, target.reps):
        return 0.0
    share = loader.moved(choice, target.load) / b.e1rm  # (unrounded: the week after reads that very e1RM)
    return max(rpe_at(effort, target.reps, share) - target.rpe[0], 0.0)


def rounded_up(loader: Loader, choice: Choice, target: Target, loaded: Loaded) -> float:
    """The RPE the engine's own rounding adds to the first set of `target`,
    whose load came from the e1RM and was rounded up to one the equipment
    makes: 70 kg for 69.3 (5 reps at RPE 7.5 of 86.625) is RPE 7.88 by that
    e1RM, 0.38 more (to two places); 0 for any other load."""
    b, effort = loaded.basis, loader.effort
    if b is None or effort is None or b.change != "from the e1RM" or b.e1rm is None or not b.e1rm > 0 \
            or target.rpe is None or target.load is None or not graded(effort, target.reps):
        return 0.0
    share = loader.moved(choice, target.load) / b.e1rm
    return round(max(rpe_at(effort, target.reps, share) - target.rpe[0], 0.0), 2)


def coherent(loader: Loader, choice: Choice, rx: Prescription, sets: Sequence[Performed], rpe_top: float,
             lifted: float) -> float:
    """The load (as the equipment makes it, and never lighter than what was
    lifted) for the top of the rep range at the bottom of the RPE range,
    from the best of `sets`, or them as a whole (`engine.sessionread`)."""
    e1 = loader.session_e1rm(choice, tuple(sets), rpe_top, whole=True)
    effort = loader.effort
    imp = loader.implement(choice)
    if e1 is None or effort is None or imp is None or not imp.loaded:
        return lifted
    bw = loader.bodyweight(choice) or 0.0
    wanted = (e1 * effort(rx.reps[1], rx.rpe[0] if rx.rpe else 10.0) - bw) / imp.count
    return max(gear.floor(imp, wanted), lifted)


def as_done(previous: TrainingState, rx: Prescription) -> Target:
    """Last time's target as it was done: after a logged session, the reps
    of its weakest working set (within the range, or down to the reps
    asked where a step came at fewer: 17.5 kg x 5 on a 3 x 8 is 5 done,
    not 8), not the reps planned."""
    target = previous.target
    if previous.status != "logged" or not previous.performed:
        return target
    reps = min(max(min(p.reps for p in previous.performed), min(rx.reps[0], target.reps)), rx.reps[1])
    return replace(target, reps=reps)


def logged_as(exercises: Mapping[str, Exercise], choice: Choice, session: Session | None) -> Choice | None:
    """The form the session was lifted as, when not the one planned."""
    if session is None or session.form == choice.key:
        return None
    ex = exercises.get(choice.exercise.id, choice.exercise)
    return Choice(ex, ex.variant(session.form.partition("/")[2]))


def extra_since(history: History, session: Session, previous: TrainingState) -> bool:
    """Whether `session`, the form's latest in the log, is an extra one (no
    exposure claimed it) done since the exposure `previous` left, with at
    least the sets its target asks, at its load or heavier: step-ups
    trained in place of the day's split squats. The form's next exposure
    builds on it, as on any session of its own. A shorter or lighter one (a
    light day) is no session of its target's: its e1RM still counts, as
    every session's does."""
    last = previous.performed[0].date if previous.status == "logged" and previous.performed else previous.date
    if last is None or session.date <= last or not history.is_extra(session.form, session.date) \
            or session.working is None or len(session.working.sets) < previous.target.sets:
        return False
    load, asked = session.working.sets[0].load, previous.target.load
    return asked is None or load is not None and load >= asked - 1e-6
