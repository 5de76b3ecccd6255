"""Deload weeks: when a form has its deload, and what its note says.

Each form has one deload per cycle, the first time it is trained in or
after the deload week, so lifts that alternate in a slot are each deloaded
in turn. A deload week logged heavier than the deload asked counts as a
normal session (the athlete trained through it); one done as a deload is
set aside in the history, so no e1RM or progression builds on it.
"""

from __future__ import annotations

import datetime as _dt
from typing import Iterator

from engine.gear import kind_of
from engine.history import Session
from engine.loading import n
from engine.model import Choice, Deload, Plan, Target, TrainingState
from engine.model.types import NumRange


def deload_point(deload: Deload | None, previous: TrainingState | None, week: int) -> int:
    """The deload week this exposure has its deload for, or 0."""
    if deload is None:
        return 0
    point = (week // deload.every) * deload.every
    if point < deload.every:
        return 0
    if previous is None or previous.week == 0:
        return point if week == point else 0
    return point if previous.week < point <= week else 0


def deload_note(deload: Deload, load: float | None, before: float | None, units: str, change: str,
                choice: Choice | None = None, rpe: NumRange | None = None) -> str:
    """What the deload does, with how much lighter it really is: the
    equipment's steps may not make the stated fraction (a stack in 10s,
    heavy dumbbell jumps). With no load known, the cut is relative
    ("at 90% of the last working load (-10%)"): the plan's "+5 kg" is
    last week's step, not the deload's load. A form with no load at all
    (bodyweight only) has nothing to lighten: fewer sets at an easier
    effort ("at RPE 5")."""
    note = f"deload: {deload.sets:g} of the sets"
    if choice is not None and kind_of(choice) == "none":
        return note + (f", at {effort_text(rpe)}" if rpe else "") + "; no load to lighten"
    fraction = deload.load
    if load is None:  # no loads known (no athlete, no max): the cut in relative terms
        return note + (f" at {fraction * 100:g}% of the last working load (-{(1 - fraction) * 100:g}%)"
                       if fraction < 1 else " at the same load")
    if not before:
        return note
    asked = f"{fraction:g} x {n(before)} = {n(before * fraction)} {units}"
    if load >= before - 1e-9:
        why = change.partition("; ")[2]
        return note + f", same load ({asked} is not a load the equipment makes" + (f"; {why})" if why else ")")
    if abs(load - before * fraction) > 1e-6:
        return note + f" at {load / before:.2f} of the load (the nearest the equipment makes to {asked})"
    return note + f" at {fraction:g} of the load"


def effort_text(rpe: NumRange) -> str:
    """An RPE label as a note writes it: "RPE 5" or "RPE 5-6"."""
    lo, hi = rpe
    return f"RPE {lo:g}" if lo == hi else f"RPE {lo:g}-{hi:g}"


def trained_through(session: Session | None, choice: Choice, load: float | None, before: float | None) -> bool:
    """Whether a deload week's logged session of this form was a normal
    session rather than the deload: lifted closer to the working load
    (`before`) than to the deload's. The next exposure then builds on it
    rather than on the week before; a deload a plate heavier is still a
    deload."""
    if session is None or session.form != choice.key or load is None or before is None or before <= load:
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
