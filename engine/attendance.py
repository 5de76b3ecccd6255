"""Which logged session is which planned exposure.

A week's sessions are matched to the week's planned exposures by form,
then fit, then date: a session of the planned form whose reps fall in the
exposure's rep range (heavy and light days of one lift swapped in the week
still go to their own lines), on the planned day first, else the nearest
day; then any session of the planned form, on its day first, else the
nearest (Monday's squats trained on Tuesday); last, a session of another
form of the exercise (sumo pulled on a conventional day), on its day
first. A slot that moved to a harder form plans both its forms (it may
come back down this very exposure): a session of either counts as of its
form. An exposure left without a session on a day the log has passed was
missed.
"""

from __future__ import annotations

import datetime as _dt
from typing import Callable, Sequence

from engine.history import Session
from engine.model import Prescription

# an exposure: its date, its forms ("squat/low-bar"; a slot's harder form and the one it moved from) and rep range
Planned = tuple[_dt.date, tuple[str, ...], tuple[int, int]]
Fits = Callable[[Planned, Session], bool]


def assign(planned: Sequence[Planned], sessions: Sequence[Session]) -> dict[int, Session]:
    """Exposure index -> its session, each session used at most once."""
    out: dict[int, Session] = {}
    free = sorted(sessions, key=lambda s: (s.date, s.form))
    passes: list[Fits] = [
        lambda p, s: s.form in p[1] and in_range(s, p[2]),
        lambda p, s: s.form in p[1],
        lambda p, s: _exercise(s.form) == _exercise(p[1][0]),
    ]
    for fits in passes:
        _match(planned, free, out, fits, same_day=True)
        _match(planned, free, out, fits, same_day=False)
    return out


def _match(planned: Sequence[Planned], free: list[Session], out: dict[int, Session], fits: Fits,
           same_day: bool) -> None:
    for session in list(free):
        open_ = [i for i, p in enumerate(planned)
                 if i not in out and fits(p, session) and (not same_day or p[0] == session.date)]
        if open_:
            best = min(open_, key=lambda i: (abs((planned[i][0] - session.date).days), planned[i][0], i))
            out[best] = session
            free.remove(session)


def read_as_own(session: Session, rx: Prescription, first: bool, several: bool, start: _dt.date | None) -> bool:
    """Whether a line may build on `session` as on its own last exposure,
    not only on its e1RM: its typical reps in the line's range (for a
    line's first exposure, or a form trained in several lines, whose other
    line's session it may be), and one of another program's (logged before
    `start`) as the line prescribes it, its first working set in the range
    and as many sets as the least asked: an old block's deload 2 x 8 is no
    3 x 8 done 2 of 3 sets, nor its 10, 8, 6 a set of 6 asked and failed,
    while its 5, 4, 3 @ 9, 10, 10 is a 3 x 5 that failed."""
    if first and start is not None and session.date < start:  # (its first set: the reps it was after)
        sets = session.working.sets if session.working is not None else session.sets
        return rx.reps[0] <= sets[0].reps <= rx.reps[1] and len(sets) >= rx.sets[0]
    return in_range(session, rx.reps) or not (first or several)


def in_range(session: Session, reps: tuple[int, int]) -> bool:
    """The session's typical working set (its median reps) is in the range."""
    sets = session.working.sets if session.working is not None else session.sets
    counts = sorted(p.reps for p in sets)
    return bool(counts) and reps[0] <= counts[len(counts) // 2] <= reps[1]


def _exercise(form: str) -> str:
    return form.partition("/")[0]
