"""Which logged session is which planned exposure.

A week's sessions are matched to the week's planned exposures by date, not
by count: a session of the planned form on the planned day first; then a
session of another form of the exercise on that day (sumo pulled on a
conventional day); then a session on another day of the week goes to the
nearest exposure still without one, of its form first (Monday's squats
trained on Tuesday), else of its exercise. An exposure left without a
session on a day the log has passed was missed.
"""

from __future__ import annotations

import datetime as _dt
from typing import Callable, Sequence

from engine.history import Session

Planned = tuple[_dt.date, str]  # an exposure: its date and its form ("squat/low-bar")


def assign(planned: Sequence[Planned], sessions: Sequence[Session]) -> dict[int, Session]:
    """Exposure index -> its session, each session used at most once."""
    out: dict[int, Session] = {}
    free = sorted(sessions, key=lambda s: (s.date, s.form))
    _match(planned, free, out, lambda form, s: s.form == form, same_day=True)
    _match(planned, free, out, lambda form, s: _exercise(s.form) == _exercise(form), same_day=True)
    _match(planned, free, out, lambda form, s: s.form == form, same_day=False)
    _match(planned, free, out, lambda form, s: _exercise(s.form) == _exercise(form), same_day=False)
    return out


def _match(planned: Sequence[Planned], free: list[Session], out: dict[int, Session],
           fits: Callable[[str, Session], bool], same_day: bool) -> None:
    for session in list(free):
        open_ = [i for i, (date, form) in enumerate(planned)
                 if i not in out and fits(form, session) and (not same_day or date == session.date)]
        if open_:
            best = min(open_, key=lambda i: (abs((planned[i][0] - session.date).days), planned[i][0], i))
            out[best] = session
            free.remove(session)


def _exercise(form: str) -> str:
    return form.partition("/")[0]
