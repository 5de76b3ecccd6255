"""Moves between a slot's forms, up and back down.

Up: a form whose load cannot rise (the equipment's heaviest, a form that
takes no load, reps past what bodyweight alone allows) moves to the harder
form the catalog names, from that form's own training state when it has
one, else from its start. Not while the harder form's last session in the
slot was too hard and the easier form has no logged session since: the
athlete goes back up once a session shows more.

Down: a harder form the slot moved to, cut to no added load (the weakest
set of a session too hard puts even its lightest dumbbells past the
target), is the easier form again: the slot goes back to it, where it
left off, rather than printing "Dumbbell split squat, BW".
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Callable

from engine.autoregulation import assess
from engine.bodyweight import bodyweight_fit
from engine.coarse import coarse_start
from engine.gear import kind_of
from engine.history import Session
from engine.loaded import EPS, Estimate, Loaded, n
from engine.logged import logged_as
from engine.model import Choice, PlannedExercise, Prescription, SlotRule, Target, TrainingState
from engine.model.base import replace
from engine.ratings import ratings
from engine.topout import harder_form, topped_start
from engine.wording import named, origin

if TYPE_CHECKING:
    from engine.training import Trainer

WEEK = 7  # days: a session of the easier form this recent is read with the failed harder one


def first_exposure(t: Trainer, slot: SlotRule, choice: Choice, rx: Prescription, target: Target, loaded: Loaded,
                   week: int, date: _dt.date | None) -> tuple[Choice, Target, Loaded]:
    """A form's first exposure, when its target is past the equipment's
    heaviest or bodyweight alone does not fit it (too light even at the
    top of the range: the loaded form, when the athlete can load it; in a
    slot rotating forms too: a form far too light is no variation)."""
    if loaded.topped:
        return (choice, *topped_start(t.loader, slot.progression.policy, choice, rx, target, loaded))
    fit = bodyweight_fit(t.loader, choice, rx, target, loaded, date)
    if fit is None:  # a load the equipment makes far off the target's effort: reps by effort
        return (choice, *coarse_start(t.loader, slot.progression, choice, rx, target, loaded))
    harder = harder_form(t.rules, t.athlete, choice) if fit.light else None
    if harder is not None:
        t.upgrades[choice.key] = harder
        return move_up(t, slot, choice, harder, None, fit.why, week, date)
    return choice, fit.target, fit.loaded


def move_up(t: Trainer, slot: SlotRule, choice: Choice, harder: Choice, previous: TrainingState | None, why: str,
            week: int, date: _dt.date | None, failed: TrainingState | None = None) -> tuple[Choice, Target, Loaded]:
    """Progression moves on to the harder form: from its own training
    state when it has one (another slot trains it already, or this one
    did), else from its start, at a load what this form showed supports
    and at least the lightest the equipment makes; after a session of it
    too hard (`failed`), from its start by this form's latest e1RM (newer)
    and no heavier than the load that failed. (The caller keeps the move
    in `upgrades`.)"""
    rx2, options2 = t.fixed(slot, harder)
    rpe_top = rx2.rpe[1] if rx2.rpe else 10.0
    own = None if failed else t.states.get(t.key(slot, harder))
    if own is not None:
        target = t._next_target(slot, harder, rx2, options2, own, week)
        loaded = t.loader.lightest(harder, t.loader.prescribe(harder, target, own, rpe_top, date, origin(own)))
        return harder, replace(target, note=f"{why}: move to {harder.name}, where it left off"), loaded
    start = t._call(slot, "start", t._context(slot, harder, rx2, options2, None, week))
    projected = None if failed else _projected(t, choice, harder, previous, date, rpe_top)
    moved = t.loader.prescribe(harder, start, None, rpe_top, date, "start",
                               fallback=t.loader.planned(choice, previous) if previous else None,
                               held=t.loader.estimate(choice, rpe_top, date) if failed else projected)  # (newer)
    if moved.topped:  # the harder form's heaviest is still light: its reps by effort, as its own first time
        start, moved = topped_start(t.loader, slot.progression.policy, harder, rx2, start, moved)
    else:
        start, moved = coarse_start(t.loader, slot.progression, harder, rx2, start, moved)
    moved, again = t.loader.lightest(harder, moved), ""
    first = _after_failure(t, harder, failed, start.reps, rpe_top) if failed is not None else None
    if first is not None and moved.load is not None and moved.load > first[0] + EPS:  # not heavier than that
        imp, load = t.loader.implement(harder), first[0]
        moved = Loaded(load, None if moved.basis is None or imp is None else replace(  # (its effort: unknown,
            moved.basis, load=load, rounding=imp.how(load), change="", e1rm=None))  # the e1RMs disagree there)
        again = first[1]
    b, imp = moved.basis, t.loader.implement(harder)  # where its first load comes from: the form it moves from
    source = f"first at {named(imp, moved.load, t.loader.units)}: {start.reps} at RPE {b.rpe:g} are " \
        f"{b.percent:.0%} of the e1RM {n(b.e1rm)} {t.loader.units} ({projected.source})" \
        if projected is not None and not again and b is not None and b.e1rm and b.percent and b.rpe \
        and moved.load is not None and imp is not None else ""
    note = "; ".join(filter(None, (f"{why}: move to {harder.name}", start.note, again, source)))
    return harder, replace(start, note=note, expected=None), moved


def _projected(t: Trainer, choice: Choice, harder: Choice, previous: TrainingState | None,
               date: _dt.date | None, rpe_top: float) -> Estimate | None:
    """The e1RM of the form moving up, where the harder form has no max or
    session of its own: its first load then fits the weeks before it, not
    an older session of another form. After planned weeks, those weeks
    taken as done (8 planned bodyweight pull-ups at RPE 8 are an e1RM of 82
    x (1 + 10/30) = 109.33 kg, where 5 weighted at RPE 7 are 86.3 kg, 3.75
    kg on the belt, not the 1.25 kg at RPE 9.5 a profile max from before
    those weeks gives); after a logged session, the form's own latest e1RM
    (not an assisted session three weeks older)."""
    if previous is None or t.loader.max_for(harder, date) is not None or t.history is not None and (
            t.history.has(harder.key) if date is None else t.history.last_session(harder.key, date) is not None):
        return None  # (its own session before this exposure: not its first, as a done week's sheet reads it)
    if previous.status == "planned":
        return t.loader.planned(choice, previous)
    own = t.loader.estimate(choice, rpe_top, date)
    e1 = None if own is None else _as_form(t, own.e1rm, choice, harder)
    return own if own is None or e1 is None or abs(e1 - own.e1rm) < 1e-9 else Estimate(e1, own.source, own.extra)


def _as_form(t: Trainer, e1rm: float, was: Choice, form: Choice) -> float | None:
    """An e1RM of form `was` as one of `form` of the same exercise, by the
    forms' ratios; None when either is not known."""
    ex = was.exercise
    theirs = t.loader.ratio(ex, was.variant.id if was.variant else None)
    mine = t.loader.ratio(ex, form.variant.id if form.variant else None)
    return None if not theirs or not mine or form.exercise.id != ex.id else e1rm / theirs * mine


def _after_failure(t: Trainer, harder: Choice, failed: TrainingState, reps: int,
                   top: float) -> tuple[float, str] | None:
    """The most the harder form starts at again after its session too hard,
    and why: the load that failed, or lighter (at least the lightest) where
    that session, read by its median set, puts the reps past the target's
    top at it."""
    from engine.gear import cut_to
    from engine.otherline import median_e1rm

    imp, load, effort = t.loader.implement(harder), failed.target.load, t.loader.effort
    if load is None or imp is None or not failed.performed:
        return None
    when = failed.performed[0].date
    median = median_e1rm(t.loader, harder, failed.performed, top)
    if median is None or effort is None:
        return load, f"first at the load of {when} again"
    wanted = t.loader.from_effort(harder, reps, top, Estimate(median, ""))[0]
    lightest = t.loader.lightest(harder, Loaded(0.0, None)).load or 0.0
    first = max(cut_to(imp, wanted, load), lightest) if wanted < load - EPS else load
    if first >= load - EPS:
        return load, f"first at the load of {when} again"
    return first, (f"first at {named(imp, first, t.loader.units)}: by its median set the session of {when} "
                   f"(e1RM {n(median)} {t.loader.units}) puts {reps} reps at {named(imp, load, t.loader.units)} "
                   f"past the target")


def up(t: Trainer, slot: SlotRule, choice: Choice, harder: Choice | None, previous: TrainingState, why: str,
       week: int, date: _dt.date | None) -> tuple[tuple[Choice, Target, Loaded] | None, str]:
    """The move up to `harder`, or None and why not yet: its last session
    in the slot was too hard, and `choice` has no logged session since.
    After one, the harder form starts afresh, not where it failed."""
    if harder is None:
        return None, ""
    own = t.states.get(t.key(slot, harder))
    rx2, _ = t.fixed(slot, harder)
    if own is None or own.status != "logged" or not own.performed \
            or assess(own, rx2, slot.progression.autoregulation).kind not in ("hard", "failed"):
        return move_up(t, slot, choice, harder, previous, why, week, date), ""
    when = own.performed[0].date
    since = t.history.last_session(choice.key, date) if t.history is not None else None  # (before this one)
    if since is not None and since.date > when:
        return move_up(t, slot, choice, harder, previous, why, week, date, failed=own), ""
    return None, too_hard(harder, own)


def too_hard(form: Choice, state: TrainingState) -> str:
    """"Dumbbell split squat was too hard on 2027-01-19 (10, 8, 7 @ 9.5, 10, 10)"."""
    if not state.performed:
        return f"{form.name} comes to no added load"
    done = ", ".join(str(p.reps) for p in state.performed)
    return f"{form.name} was too hard on {state.performed[0].date} ({done} @ {ratings(state.performed)})"


def easier_deload(t: Trainer, asked: Choice, planned: Choice, ex: PlannedExercise,
                  session: Session | None) -> PlannedExercise:
    """A deload of the loaded form the slot moved to that comes to no added
    load is, by name, the bodyweight form it moved from that week (not
    "Loaded hip extension, BW"): a session of either form is that week
    done as handed out. Its training line stays the loaded form's. The
    same where the log, not the slot, moved to the loaded form (the week
    after a logged session of it, `engine.selection.current_form`)."""
    easier = asked if planned is not asked else _easier(t, planned)
    if easier is None or easier is planned or kind_of(easier) != "none" or not ex.sets \
            or any(s.load is None or s.load > EPS for s in ex.sets):  # (no load known: no athlete)
        return ex
    done_as = None if session is None or session.form in (easier.key, planned.key) else \
        logged_as(t.rules.exercises, easier, session)
    # bodyweight alone, as the form's own sets are written: no load (null in JSON), not 0 added
    basis = None if ex.basis is None else replace(ex.basis, raw=None, load=None, rounding="",
                                                  note=ex.basis.note or "bodyweight only")
    return replace(ex, choice=easier, logged_as=done_as, basis=basis,
                   sets=tuple(replace(s, load=None) for s in ex.sets))


def _easier(t: Trainer, loaded: Choice) -> Choice | None:
    """The form of the exercise that takes no load and names `loaded` as
    its harder form: the weighted dip's dip."""
    ex = t.rules.exercises.get(loaded.exercise.id, loaded.exercise)
    if loaded.variant is None or kind_of(loaded) == "none":
        return None
    return next((Choice(ex, v) for v in ex.variants if v.harder == loaded.variant.id
                 and kind_of(Choice(ex, v)) == "none"), None)


def back_down(t: Trainer, slot: SlotRule, asked: Choice, harder: Choice, failed: TrainingState,
              again: Callable[[], PlannedExercise]) -> PlannedExercise:
    """The slot back at `asked`, the form it moved from (`again`: its
    exposure, once the move is undone), which has had the slot's deload
    if the harder form had; its note says why, once."""
    del t.upgrades[asked.key]
    easier = t.states.get(t.key(slot, asked))
    if easier is not None and failed.deloaded > easier.deloaded:
        t.states[t.key(slot, asked)] = replace(easier, deloaded=failed.deloaded)
    said = _failed_e1rm(t, slot, asked, harder, failed)
    t.down[asked.key] = said  # its reps no more than the failed session says (engine.bodyweight.bodyweight_cap)
    try:
        easy = again()
    finally:
        t.down.pop(asked.key, None)
    note, why = easy.target.note, too_hard(harder, failed)
    head = f"back to {asked.name}" + ("" if why in note else f": {why}")
    return replace(easy, target=replace(easy.target, note="; ".join(filter(None, (head, note)))))


def _failed_e1rm(t: Trainer, slot: SlotRule, asked: Choice, harder: Choice,
                 failed: TrainingState) -> tuple[float, str] | None:
    """The e1RM of the failed session of `harder` by its best set (the
    freshest: the sets after a near-failure one say fatigue as much as
    strength), for `asked` by the forms' ratio, and its words: the reps
    the slot comes back down to at bodyweight are no more than it allows,
    however many the easier form's own older e1RM would (14 reps by a
    session two weeks before, where 10, 9, 8 with 2 kg dumbbells @ 9, 9.5,
    10 say 11). With a session of the easier form itself in the week
    before the failed one, the mean of the two (8, 8, 8 bodyweight
    pull-ups @ 7, 7.5, 8 four days before a failed weighted debut: 7
    reps, where the failure alone says 5 and the pull-ups 8)."""
    rx, _ = t.fixed(slot, harder)
    top = rx.rpe[1] if rx.rpe else 10.0
    found = t.loader.session_e1rm(harder, failed.performed, top)
    best = None if found is None else _as_form(t, found, harder, asked)
    if best is None:
        return None
    when = failed.performed[0].date
    own = t.history.last_session(asked.key, when) if t.history is not None else None
    e1 = t.loader.session_e1rm(asked, own.sets, top) if own is not None and (when - own.date).days <= WEEK else None
    if own is None or e1 is None or e1 <= best:
        return best, "by that session's best set"  # (back_down's note names the session first)
    return (best + e1) / 2, f"the mean of that session's best set and the {asked.name} session of {own.date}"


def moved_from(t: Trainer, asked: Choice, planned: Choice, choice: Choice, loaded: Loaded) -> bool:
    """Whether the harder form `planned`, which the slot had moved to from
    `asked` before this exposure, came out at no added load: then it is
    `asked` again."""
    if planned is asked or choice is not planned or t.upgrades.get(asked.key) is not planned \
            or kind_of(asked) != "none":
        return False
    return loaded.load is not None and loaded.load <= EPS
