"""Deload weeks: when a form has its deload, what it prescribes, and what
its note says.

Each form has one deload per cycle, the first time it is trained in or
after the deload week, so lifts that alternate in a slot are each deloaded
in turn; a form trained twice in the deload week deloads both times. The
deload's fraction is of the load moved: for a bodyweight form that is
bodyweight plus the added load, so a weighted pull-up at BW 75 + 12.5 kg
deloads to 0.9 x 87.5 = 78.75 kg, BW + 3.75 kg (not 0.9 x 12.5).
Where nothing can come off (a form that takes no load, bodyweight alone
still over the fraction, or a next step down that cuts more than twice the
fraction) the deload is in the sets and the reps: as many reps as the
effort model puts at the deload's effort. A deload week logged
heavier than the deload asked counts as a normal session (the athlete
trained through it); one done as a deload is set aside in the history, so
no e1RM or progression builds on it. A deload pauses progression: the
exposure after it builds on the last working session, and where the
deload week would have been a line's first (a form new that week, or the
first after a newer max in the profile), the line starts at the exposure
after it, at the load the deload lightened (not a step over it).
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping

from engine import gear
from engine.assist import assistance_text
from engine.autoregulation import assess, cut_before_deload
from engine.bodyweight import effort_words, to_failure
from engine.coarse import serves_effort
from engine.gear import kind_of
from engine.history import Session
from engine.loaded import EPS, n
from engine.loading import Loader
from engine.loads import graded
from engine.missed import lifted
from engine.model import Choice, Deload, Expected, LoadBasis, Plan, Target, TrainingState
from engine.model.base import replace
from engine.model.types import NumRange
from engine.plannedsets import DELOAD_RPE_FLOOR, deload_rpe

if TYPE_CHECKING:
    from engine.model import Prescription, SlotRule
    from engine.training import Trainer


def deload_point(deload: Deload | None, previous: TrainingState | None, week: int) -> int:
    """The deload week this exposure has its deload for, or 0."""
    if deload is None:
        return 0
    point = (week // deload.every) * deload.every
    if point < deload.every:
        return 0
    if previous is None or previous.week == 0:
        return point if week == point else 0
    if week == point and previous.week == point:
        return point  # the line's second exposure of the deload week (the first deloaded or trained through)
    if previous.week < point < week and point + deload.every <= week + 1:
        return 0  # late, with the next deload week next: put off to it, never two deloads in a row
    # (a form the slot comes back to has its deload from the form it comes back from: `deloaded`)
    return point if previous.week < point <= week and previous.deloaded < point else 0


def evidence(loader: Loader, choice: Choice, previous: TrainingState | None, target: Target) -> Target | None:
    """The working target as the last session showed it: its reps at the
    RPE the session's e1RM puts them at (20 kg a hand x 10 logged @ 5, 5, 5
    is an e1RM of 60 for the pair: 10 reps there are RPE 5, not the 8 of the
    label). None without a logged session, loads or a model that reads RPE."""
    effort, load = loader.effort, target.load
    if previous is not None and previous.status == "planned" and previous.printed is not None \
            and previous.printed != target.rpe and load is not None and load == previous.target.load:
        # a planned week labelled by its effort: as its sheet read it (`expected` says so: a floor for the deload)
        return replace(target, rpe=previous.printed, expected=Expected(target.reps, load, previous.printed[0]))
    if previous is None or previous.status != "logged" or not previous.e1rm or load is None or effort is None \
            or target.rpe is None or not graded(effort, target.reps):
        return None
    moved = loader.moved(choice, load)
    if moved <= EPS or moved >= previous.e1rm:
        return None
    felt = min(max(target.reps + 10 - to_failure(effort, moved / previous.e1rm), 1.0), 10.0)
    return replace(target, rpe=(felt, felt))


def lighten(loader: Loader, deload: Deload, choice: Choice, target: Target,
            seen: Target | None = None) -> tuple[Target, LoadBasis | None]:
    """The deload of the working `target`: fewer sets; the moved load at the
    deload's fraction, as the equipment makes it; and the effort the model
    gives for that load at the reps (`deload.rpe` when the rules set one).
    Where the moved load cannot come down to the fraction (no load to take
    off, or equipment too coarse to lighten it), fewer reps instead: as
    many as the model puts at the deload's effort. The basis is None when
    no load is known. Reps a load that stays cannot lighten are reckoned
    from `seen`, the target as the last session showed it, when there is one
    (`evidence`)."""
    ref = seen or target
    sets = max(1, round(target.sets * deload.sets))
    effort = loader.effort
    asked = deload.rpe or deload_rpe(target, deload.load, effort)  # the effort a deload of these reps asks
    head = f"deload: {deload.sets:g} of the sets"
    if kind_of(choice) == "none":  # bodyweight alone, a band: nothing to lighten
        reps = fewer_reps(target, 1.0, asked, effort)
        rpe = deload.rpe or deload_rpe(target, 1.0, effort, reps)
        said = _reps_text(target, reps, rpe, False)
        note = head + (f", {said}" if said else "") + "; no load to lighten"
        return replace(target, sets=sets, reps=reps, rpe=rpe, note=note), None
    scaled = _scaled(loader, choice, target.load, deload.load) if target.load is not None else None
    if scaled is None:  # no loads known (no athlete, no max): the cut in relative terms
        return replace(target, sets=sets, rpe=asked, load=None, note=deload_note(deload, None, None, "", "")), None
    assert target.load is not None
    load, basis, moved = scaled
    bw = loader.bodyweight(choice) or 0.0
    imp = loader.implement(choice)
    assert imp is not None
    if bw and imp.kind != "assist" and load <= gear.floor(imp, 0.0) + EPS and moved > deload.load + EPS:
        # bodyweight with the least the equipment adds is still over the fraction: the reps come down instead
        reps = fewer_reps(ref, moved, asked, effort)
        rpe = deload.rpe or deload_rpe(ref, moved, effort, reps)
        stuck = _stuck_text(loader, choice, target.load, load, deload.load)
        note = f"{head}{stuck}; {_reps_text(target, reps, rpe, True)}"
        return replace(target, sets=sets, reps=reps, rpe=rpe, load=load, note=note), basis
    kept = load >= target.load - EPS
    # the same load at the same reps is the same effort, whatever the deload's label: fewer reps make it a deload
    reps = fewer_reps(ref, 1.0, asked, effort) if kept else target.reps
    # (never labelled harder than the week it lightens printed: a label under the deload's floor is its floor;
    # a logged session's reading, from its best set, is no floor: it can understate the sets after a bad one)
    printed = seen if seen is not None and seen.expected is not None else None
    least = DELOAD_RPE_FLOOR if printed is None or printed.expected is None \
        else min(DELOAD_RPE_FLOOR, printed.expected.rpe)
    rpe = (deload.rpe or deload_rpe(ref, 1.0, effort, reps) if reps < target.reps or seen else target.rpe) \
        if kept else deload.rpe or deload_rpe(printed or target, moved, effort, least=least)
    count = loader.count(choice)
    shown = (bw + count * load, bw + count * target.load) if bw else (load, target.load)
    note = deload_note(deload, *shown, loader.units, basis.change, bw)
    said = _reps_text(target, reps, rpe, False) if reps < target.reps else ""
    deeper = None if kept else _deeper(target, moved, deload.load, effort, load)
    if deeper is not None:  # labelled with what it is, and the note says so
        note = f"{note}: {deeper[0]}"
    return replace(target, sets=sets, reps=reps, rpe=rpe, load=load, note=f"{note}; {said}" if said else note,
                   expected=deeper[1] if deeper else None), basis


def _deeper(target: Target, moved: float, fraction: float, effort: Callable[[int, float], float] | None,
            load: float) -> tuple[str, Expected] | None:
    """A deload the equipment makes lighter than its fraction, so light
    that its reps are off the RPE scale (more than 9 reps short of failure,
    reckoned from the working target's hardest set: 0.8 of the load where
    0.9 was asked, a 5 kg stack under 25 kg): what it is, for the note and
    the sets' label, which would otherwise read the floor, RPE 5. None
    when it is on the scale (an ordinary deload, labelled at least 5)."""
    if effort is None or target.rpe is None or moved >= fraction - EPS or not graded(effort, target.reps):
        return None
    hardest = effort(target.reps, target.rpe[1])
    felt = target.reps + 10 - to_failure(effort, moved * hardest)
    if felt >= 1.0 - EPS:
        return None
    said = (f"{effort_words(effort, target.reps, moved * hardest)} for {target.reps} reps there, where "
            f"{fraction:g} of the load would be {effort_words(effort, target.reps, fraction * hardest)}")
    return said, Expected(target.reps, load, felt)


def _scaled(loader: Loader, choice: Choice, load: float, fraction: float) -> tuple[float, LoadBasis, float] | None:
    """`fraction` of the moved load (bodyweight included), as the equipment
    makes it: the added load per implement, how it was reached, and the
    fraction of the moved load it really is."""
    imp = loader.implement(choice)
    if imp is None or not imp.loaded:
        return None
    bw, count, units = loader.bodyweight(choice) or 0.0, imp.count, loader.units
    moved, assist = bw + count * load, imp.kind == "assist"  # an assisted form's load is help: more of it
    raw = (moved * fraction - bw) / count if assist else max((moved * fraction - bw) / count, 0.0)
    if raw <= EPS and not assist:  # bodyweight alone is over the fraction: the least the equipment adds
        out = gear.floor(imp, 0.0)
    else:
        out = gear.nearest(imp, raw)
        if out >= load - EPS:  # a deload is lighter whenever the equipment allows it
            out = gear.floor(imp, raw)
    change = f"deload: {fraction:g} x {n(moved)} {units}" + (
        f" (bodyweight {n(bw)} {'-' if load < 0 else '+'} {n(abs(count * load))})" if bw else "") + (
        # the step to one implement's load, as a load from the e1RM says it: "= 22.5 kg in all, / 2"
        f" = {n(moved * fraction)} {units} in all" + (f", less bodyweight {n(bw)}" if bw else "")
        + (f", / {count}" if count > 1 else "") if bw or count > 1 else "")
    kept = gear.floor(imp, load)  # the load itself, as the equipment makes it
    if count * (load - out) > 2 * moved * (1 - fraction) + EPS and kept > out + EPS:
        # the next step down cuts more than twice the deload: fewer sets only
        cut = f"would cut {count * (load - out) / moved:.0%}"
        change += (f"; the next lighter, {assistance_text(out, units) if assist else f'{n(out)} {units}'}, {cut}"
                   if out > EPS or assist
                   else f"; no added load {cut}" if bw else "; the equipment makes nothing lighter")
        out = kept
    basis = LoadBasis(raw=raw, load=out, rounding=imp.how(out), change=change, implements=count, labels=imp.labels)
    return out, basis, (bw + count * out) / moved if moved > EPS else 1.0


def fewer_reps(target: Target, moved: float, asked: NumRange | None,
               effort: Callable[[int, float], float] | None) -> int:
    """The most reps, up to the target's, that `moved` (a fraction of the
    working moved load) takes at no more than the top of the deload's effort
    `asked`, reckoned from the target's hardest set: 12 reps at RPE 8 with
    bodyweight alone are 14 reps to failure, so RPE 5 is 9 reps."""
    reps = target.reps
    if asked is None:
        return reps
    while reps > 1:
        felt = deload_rpe(target, moved, effort, reps, least=1.0)
        if felt is None or felt[1] <= asked[1] + EPS:
            break
        reps -= 1
    return reps


def _reps_text(target: Target, reps: int, rpe: NumRange | None, named: bool) -> str:
    """"13 reps instead of 16 at RPE 5", or with the reps kept "at RPE 5"
    (`named`: "16 reps at RPE 5")."""
    said = f"{reps} rep{'s' * (reps != 1)}"
    fewer = f"{said} instead of {target.reps}" if reps < target.reps else said if named else ""
    at = f"at {effort_text(rpe)}" if rpe else ""
    return " ".join(filter(None, (fewer, at)))


def _stuck_text(loader: Loader, choice: Choice, before: float, load: float, fraction: float) -> str:
    """What a bodyweight form's deload cannot take off: " with no added
    load: bodyweight alone (75 kg) is 98.4% of the working 76.25 kg, over 90%
    of it"."""
    bw, count, units = loader.bodyweight(choice) or 0.0, loader.count(choice), loader.units
    imp = loader.implement(choice)
    now, working = bw + count * load, bw + count * before
    what = (" with no added load: bodyweight alone" if load <= EPS or imp is None
            else f" at the lightest the equipment makes ({imp.how(load)}): with bodyweight, it")
    return (f"{what} ({n(now)} {units}) is {_over(now / working, fraction)} of the working {n(working)} {units}, "
            f"over {fraction * 100:g}% of it")


def _over(share: float, fraction: float) -> str:
    """`share` as a percentage with the decimals that show it over
    `fraction`: "90.1%", never "90% ... over 90%"."""
    for places in range(1, 5):
        text = f"{share * 100:.{places}f}"
        if float(text) > fraction * 100:
            break
    return f"{text}%"


def deload_note(deload: Deload, load: float | None, before: float | None, units: str, change: str,
                bodyweight: float = 0.0) -> str:
    """What the deload does, with how much lighter it really is: the
    equipment's steps may not make the stated fraction (a stack in 10s,
    heavy dumbbell jumps). With no load known, the cut is relative
    ("at 90% of the last working load (-10%)"): the plan's "+5 kg" is
    last week's step, not the deload's load. For a bodyweight form `load`
    and `before` are the moved loads, bodyweight included."""
    note = f"deload: {deload.sets:g} of the sets"
    fraction = deload.load
    if load is None:  # no loads known (no athlete, no max): the cut in relative terms
        return note + (f" at {fraction * 100:g}% of the last working load (-{(1 - fraction) * 100:g}%)"
                       if fraction < 1 else " at the same load")
    if not before:
        return note
    of = " with bodyweight" if bodyweight else ""
    asked = f"{fraction:g} x {n(before)} = {n(before * fraction)} {units}"
    if load >= before - 1e-9:
        why = change.partition("; ")[2]
        return note + f", same load ({asked}{of} is not a load the equipment makes" + (f"; {why})" if why else ")")
    if abs(load - before * fraction) > 1e-6:
        return note + f" at {load / before:.2f} of the load{of} (the nearest the equipment makes to {asked})"
    return note + f" at {fraction:g} of the load{of}" + (f" ({asked})" if bodyweight else "")


def effort_text(rpe: NumRange) -> str:
    """An RPE label as a note writes it: "RPE 5" or "RPE 5-6"."""
    lo, hi = rpe
    return f"RPE {lo:g}" if lo == hi else f"RPE {lo:g}-{hi:g}"


def trained_through(session: Session | None, choice: Choice, load: float | None, before: float | None,
                    shown: Target | None = None) -> bool:
    """Whether a deload week's logged session of this form was a normal
    session rather than the deload: lifted closer to the working load
    (`before`) than to the deload's, and not as the deload asked in every
    other way (`shown`: its sets, every one rated within a point of its
    RPE: BW - 20 kg x 5, 5 @ 5, 5.5 on a 2 x 5 @ RPE 5 deload at BW - 25
    is the deload, at the setting the athlete knows). The next exposure
    then builds on it rather than on the week before; a deload a plate
    heavier is still a deload."""
    if session is None or session.form != choice.key or load is None or before is None or before <= load:
        return False
    if shown is not None and shown.rpe is not None and len(session.sets) <= shown.sets \
            and all(p.rpe is not None and p.rpe <= shown.rpe[1] + 1 for p in session.sets):
        return False
    heaviest = max((p.load for p in session.sets if p.load is not None), default=None)
    return heaviest is not None and heaviest > (load + before) / 2 + 1e-9


def owed_through(previous: TrainingState | None, target: Target) -> float:
    """What a deload week trained as a normal session carries: what was
    owed before it, as any normal session does. It stays owed only when
    the week was lifted at the working load the state before the deload
    held (`logged_state`'s rule), so it is passed only when the deload
    lightens that load, not a load autoregulation cut."""
    if previous is None or target.load is None or previous.target.load is None:
        return 0.0
    return previous.owed if abs(target.load - previous.target.load) <= 1e-6 else 0.0


def deload_sessions(plan: Plan) -> Iterator[tuple[str, _dt.date]]:
    """(form, date) of each logged session a plan took as a deload: one
    matched to a deload exposure and not trained through (its state then
    says it was deloaded that week), so other readers of the log can set
    it aside as the plan did."""
    for week in plan.weeks:
        for day in week.days:
            for ex in day.exercises:
                if ex.deload and ex.performed and ex.state is not None and ex.state.deloaded == week.number:
                    yield ex.performed[0].form, ex.performed[0].date


def before_deload(t: Trainer, slot: SlotRule, choice: Choice, rx: Prescription, options: Mapping[str, Any],
                  previous: TrainingState) -> Target:
    """What a deload lightens: last time's target, or after a session too hard, the lighter load
    autoregulation gives it (a deload is never heavier than the work after it); for a policy whose
    reps serve the effort, at its own sets and reps, not one exposure's (`engine.coarse.span_of`)."""
    rules, ctx = slot.progression.autoregulation, t._context(slot, choice, rx, options, previous, previous.week)
    if previous.status == "missed" or rules is None or assess(previous, rx, rules).kind not in ("hard", "failed") \
            or previous.target.load is None:
        target = lifted(t.history, previous, t.units)  # (never a load the athlete was not at)
    else:
        cut = t._next_target(slot, choice, rx, options, previous, previous.week)  # the work after it
        target = cut_before_deload(previous, choice, t.loader, rules, rx, cut)
    if not serves_effort(slot.progression.policy):
        return target
    own = t._call(slot, "start", replace(ctx, state=None, performed=None))
    return replace(target, sets=own.sets, reps=own.reps)
