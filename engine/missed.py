"""What an exposure the log does not have carries forward.

A missed exposure repeats its target ("same target again"): one missed
session is a session to make up. After more than one, the note says since
when the lift has not been trained, so a coach sees the gap on the sheet.
A deload lightens the load last lifted, never a target the athlete never
trained: after missed exposures (0.9 x 117.5 kg, not 0.9 x 120 kg), or
after a session of more reps than asked, whose target builds on the load
those reps point to.
"""

from __future__ import annotations

import datetime as _dt
from typing import Sequence

from engine.history import History, Session
from engine.loaded import EPS, n
from engine.model import Performed, Program, Target, TrainingState
from engine.model.base import replace
from engine.schedule import week_of


def again(previous: TrainingState, why: str, when: str, history: History | None, program: Program) -> Target:
    """The missed exposure's target again, with a note naming the last
    session of the form when it is more than one exposure back, and the
    deload logged since it, if any (done, but no working session)."""
    note = f"{why} {when}: same target again"
    last = _last(history, previous)
    if previous.status != "missed" or last is None or history is None or previous.date is None:
        return replace(previous.target, note=note)
    deload = history.deload_between(previous.form, last.date, previous.date + _dt.timedelta(days=1))  # (its own)
    since = deload or last.date
    week = week_of(program, since)
    at = f"week {week} ({since})" if week > 0 else f"{since}, before the program"
    head = f"{why} since {at}" if previous.week - week > 1 else f"{why} {when}"
    if deload is not None:
        head += (f"; the last working session was week {week_of(program, last.date)} ({last.date}), then the week "
                 f"{week_of(program, deload)} deload")
    elif head == f"{why} {when}":
        return replace(previous.target, note=note)
    return replace(previous.target, note=f"{head}: same target again")


LIGHT = 0.7  # a session under this share of the load planned, and far under the target's effort: a light day


def light_day(target: Target, session: Session, undershoot: float = 2.0) -> bool:
    """Whether `session` was a light day rather than the work planned: its
    heaviest working set under `LIGHT` of the load the target printed,
    every set at the target's reps, and rated, the hardest `undershoot` or
    more under the bottom of the target's RPE (an empty 20 kg bar @ 2 on a
    day planned 202.5 kg). A light day is no new e1RM: the next exposure
    asks its target again. A set short of its reps, one rated near failure
    or none rated is no light day: the session is planned from."""
    planned, rpe = target.load, target.rpe
    lifted = max((p.load or 0.0 for p in session.sets), default=0.0)
    if planned is None or planned <= EPS or rpe is None or lifted <= EPS or lifted >= LIGHT * planned:
        return False
    rated = [p.rpe for p in session.sets if p.rpe is not None]
    return bool(rated) and max(rated) <= rpe[0] - undershoot + EPS \
        and all(p.reps >= target.reps and p.kind != "failure" for p in session.sets)


LIFTED = "from the "  # how a deload's note names the load it lightens, when not the target's


def lifted(history: History | None, previous: TrainingState, units: str) -> Target:
    """What a deload lightens: the target, or the load last lifted when
    that is lighter: after a missed exposure, the last session's; after a
    session of more reps than the range's top, its own (the target then
    builds on the load those reps point to, never lifted)."""
    target = previous.target
    if previous.status == "missed":
        last = _last(history, previous)
        sets, when = (last.sets, last.date) if last is not None else ((), None)
    elif previous.status == "logged" and previous.performed:
        sets, when = previous.performed, previous.performed[0].date
    else:
        return target
    load = lighter_lifted(target, sets)
    if load is None or target.load is None:
        return target
    why = "was not trained" if previous.status == "missed" else "is what its reps point to"
    return replace(target, load=load, note=f"{LIFTED}{_shown(load, units)} last lifted ({when}); "
                                           f"{_shown(target.load, units)} {why}")


def _shown(load: float, units: str) -> str:
    """"225 lb"; an assisted form's help as the sheet says it, "BW - 30 kg" (not "-30 kg")."""
    from engine.assist import assistance_text

    return assistance_text(load, units) if load < 0 else f"{n(load)} {units}"


def lighter_lifted(target: Target, sets: Sequence[Performed]) -> float | None:
    """The heaviest load of `sets`, when lighter than the target's (the load
    a state builds on after more reps than asked, or a target never
    trained); None otherwise."""
    loads = [p.load for p in sets if p.load is not None]
    if not loads or target.load is None or max(loads) >= target.load - EPS:
        return None
    return max(loads)


def lifted_from(history: History | None, previous: TrainingState) -> str:
    """Where the load `lifted` gives after a missed exposure comes from, for a load basis: its session."""
    last = _last(history, previous)
    return f"logged {last.date} ({last.sets[0].source})" if last is not None and last.sets else ""


def _last(history: History | None, previous: TrainingState) -> Session | None:
    if history is None or previous.date is None:
        return None
    return history.last_session(previous.form, previous.date)
