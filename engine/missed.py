"""What an exposure the log does not have carries forward.

A missed exposure repeats its target ("same target again"): one missed
session is a session to make up. After more than one, the note says since
when the lift has not been trained, so a coach sees the gap on the sheet.
A deload after missed exposures lightens the load last lifted, not a
target the athlete never trained (0.9 x 117.5 kg, not 0.9 x 120 kg).
"""

from __future__ import annotations

from engine.history import History, Session
from engine.loaded import EPS, n
from engine.model import Program, Target, TrainingState
from engine.model.base import replace
from engine.schedule import week_of


def again(previous: TrainingState, why: str, when: str, history: History | None, program: Program) -> Target:
    """The missed exposure's target again, with a note naming the last
    session of the form when it is more than one exposure back."""
    note = f"{why} {when}: same target again"
    last = _last(history, previous)
    if previous.status == "missed" and last is not None and previous.week - week_of(program, last.date) > 1:
        note = f"{why} since week {week_of(program, last.date)} ({last.date}): same target again"
    return replace(previous.target, note=note)


def lifted(history: History | None, previous: TrainingState, units: str) -> Target:
    """What a deload after a missed exposure lightens: the load of the last
    session of the form when it is lighter than the target missed."""
    target, last = previous.target, _last(history, previous)
    if previous.status != "missed" or last is None or target.load is None:
        return target
    loads = [p.load for p in last.sets if p.load is not None]
    if not loads or max(loads) >= target.load - EPS:
        return target
    load = max(loads)
    return replace(target, load=load, note=f"from the {n(load)} {units} last lifted ({last.date}); "
                                           f"{n(target.load)} {units} was not trained")


def _last(history: History | None, previous: TrainingState) -> Session | None:
    if history is None or previous.date is None:
        return None
    return history.last_session(previous.form, previous.date)
