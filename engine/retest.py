"""When a profile max starts a form afresh: a max tested after the form's
last exposure (the day of its logged session, else the day it was planned
for) and by the day of this one."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from engine.model import Choice, Max, TrainingState

if TYPE_CHECKING:
    from engine.history import History
    from engine.loading import Loader

BIG_CHANGE = 0.10  # a retest this far from the last session's e1RM is worth a second look
CONFIRMS = 0.05  # a retest this close to the last session's e1RM confirms the progression under way


def newer_max(m: Max | None, previous: TrainingState, date: _dt.date | None) -> bool:
    """Whether `m` is dated after `previous` (a max dated the day of an
    exposure is known to it) and on or before `date`."""
    if m is None or m.date is None or date is None or m.date > date:
        return False
    if previous.status == "logged" and previous.performed:
        return m.date > max(p.date for p in previous.performed)
    return previous.week > 0 and previous.date is not None and m.date > previous.date


def retest_note(new: float | None, old: float | None, units: str) -> str:
    """The note of the exposure a newer max starts afresh. A max more than
    `BIG_CHANGE` from what the last logged session showed is named with
    both numbers: a typo in the profile would otherwise move every load."""
    from engine.loaded import n

    if new is None or not old or abs(new / old - 1) <= BIG_CHANGE:
        return "a newer max in the profile: start from it"
    share = round(abs(new / old - 1) * 100)
    side = "over" if new > old else "under"
    return (f"a newer max in the profile (e1RM {n(new)} {units}, {share}% {side} the last session's {n(old)}): "
            "start from it; check the max if that is not what the athlete showed")


def retest(new: float | None, previous: TrainingState, units: str) -> tuple[bool, str]:
    """(start afresh, the note) for a newer max whose e1RM is `new`. A test
    within `CONFIRMS` of what the last logged session showed confirms the
    progression under way, which goes on (restarting from the max at the
    bottom of the target's effort would stall a lift that is moving); one
    further off starts the form afresh from it."""
    from engine.loaded import n

    old = previous.e1rm
    if new is not None and old and abs(new / old - 1) <= CONFIRMS:
        return False, (f"a newer max in the profile agrees with the last session (e1RM {n(new)} against "
                       f"{n(old)} {units}): the progression goes on")
    return True, retest_note(new, old, units)


def retested(loader: Loader, choice: Choice, history: History | None, m: Max | None, previous: TrainingState | None,
             date: _dt.date | None, top: float) -> tuple[bool, str]:
    """(start afresh, the note) where a newer max meets the line: after an
    exposure (`retest`), or at its first, where a session of the form
    logged before the max, of other reps than the line's (an old block's),
    seeded nothing: the note still compares the two, and a typo in the
    profile is named however the line began."""
    if m is None or previous is not None and not newer_max(m, previous, date):
        return False, ""
    if previous is not None:
        return retest(loader.max_e1rm(choice, m), previous, loader.units)
    if m.date is None or date is None or m.date > date or history is None:
        return False, ""
    session, _ = history.telling(choice.key, date, lambda s: loader.read_session(choice, s, top))
    found = loader.read_session(choice, session, top) if session is not None and session.date < m.date else None
    return (False, "") if found is None else (False, retest_note(loader.max_e1rm(choice, m), found[0], loader.units))
