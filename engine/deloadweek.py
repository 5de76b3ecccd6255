"""The deload week's exposure: the target it lightens (the line's last
working one, or where a line starts in it, the one it would start at),
lightened by `engine.deloads`, and a session logged at the working load
read as a normal session; else no e1RM builds on it."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Mapping

from engine.deloads import before_deload, evidence, lighten, owed_through, trained_through
from engine.gear import kind_of
from engine.history import Session
from engine.logged import logged_as
from engine.missed import LIFTED, lifted_from
from engine.model import Choice, LoadBasis, PlannedExercise, Prescription, SlotRule, TrainingState
from engine.model.base import replace
from engine.plannedsets import planned_sets
from engine.schedule import category_of, week_start
from engine.wording import origin

if TYPE_CHECKING:
    from engine.training import Trainer


def deload_exposure(t: Trainer, slot: SlotRule, choice: Choice, rx: Prescription, options: Mapping[str, Any],
                    previous: TrainingState | None, week: int, date: _dt.date | None, done: bool,
                    session: Session | None, fresh: str = "") -> PlannedExercise:
    """The deload week's exposure (engine.deloads); `fresh`: a newer max's note, when it starts the line."""
    deload = t.rules.deload
    assert deload is not None
    rpe_top = rx.rpe[1] if rx.rpe else 10.0
    if previous is None:  # not an exposure at the target it lightens (engine.deloads): the line starts next
        target = t._next_target(slot, choice, rx, options, previous, week)
        loaded = t.loader.prescribe(choice, target, previous, rpe_top, date, origin(previous))
        target = replace(target, load=loaded.load)
        state = t._keep(t.key(slot, choice), choice, rx, target, previous, loaded, week, False, None, date)
        state = replace(state, exposures=0, deloaded=week)
        source = loaded.basis.source if loaded.basis is not None else ""
    else:
        target = before_deload(t, slot, choice, rx, options, previous)
        lighter = target is not previous.target and target.note.startswith(LIFTED) and previous.status == "missed"
        source = (lifted_from(t.history, previous) if lighter else "") or origin(previous)
        if t.history is not None:  # (read as the week after it reads the log)
            from engine.otherline import as_read

            target = as_read(t.loader, choice, t.history, previous, target,
                             week_start(t.program, week) if done else date)
        state = replace(previous, week=week, deloaded=week, date=date)
    t.states[t.key(slot, choice)] = state
    shown, basis = lighten(t.loader, deload, choice, target, evidence(t.loader, choice, previous, target))
    load, note = shown.load, shown.note + (f"; {target.note}" if previous and target.note.startswith(LIFTED)
                                            and target is not previous.target else "")
    if trained_through(session, choice, load, target.load, shown):
        assert session is not None
        exposures = (previous.exposures if previous else 0) + 1
        state = t._logged(t.key(slot, choice), choice, rx, target, session, week, exposures,
                             owed_through(previous, target))
        if len(session.sets) >= shown.sets:  # every set the deload asked: not a session short of sets
            state = t.states[t.key(slot, choice)] = replace(state, sets_logged=max(target.sets,
                                                                                         state.sets_logged))
        note += "; logged heavier than the deload, so it counts as a normal session"
    elif session is not None and t.history is not None:  # done as a deload: no e1RM builds on it
        t.history.set_aside(session.form, session.date)
    shown = replace(shown, note="; ".join(filter(None, (note, fresh))))
    if basis is None and t.athlete is not None:
        unloaded = kind_of(choice) == "none"
        basis = t.loader.prescribe(choice, target, None, rpe_top, date, "").basis if unloaded else LoadBasis()
    elif basis is not None and not basis.source:  # where the working load it lightens comes from
        basis = replace(basis, source=source)
    return PlannedExercise(
        slot=slot.name, choice=choice, category=category_of(slot, choice), prescription=rx,
        progression=slot.progression.name, target=shown, sets=planned_sets(shown, load), notes=slot.notes,
        basis=basis, performed=session.sets if session else (), deload=True, state=state,
        logged_as=logged_as(t.rules.exercises, choice, session), missed=done and session is None,
    )
