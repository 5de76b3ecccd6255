"""When a profile max starts a form afresh: a max tested after the form's
last exposure (the day of its logged session, else the day it was planned
for) and by the day of this one."""

from __future__ import annotations

import datetime as _dt

from engine.model import Max, TrainingState


def newer_max(m: Max | None, previous: TrainingState, date: _dt.date | None) -> bool:
    """Whether `m` is dated after `previous` (a max dated the day of an
    exposure is known to it) and on or before `date`."""
    if m is None or m.date is None or date is None or m.date > date:
        return False
    if previous.status == "logged" and previous.performed:
        return m.date > max(p.date for p in previous.performed)
    return previous.week > 0 and previous.date is not None and m.date > previous.date
