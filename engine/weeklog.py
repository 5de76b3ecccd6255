"""The log's sessions of one program week, against the week's plan.

Before any exposure of a week is prescribed, the week's logged sessions are
matched to its planned exposures (`engine.attendance`). Then:

- a day is done when the log has passed it, and also when an exposure of
  it claims a session, even one dated before it (Friday's session logged
  on Thursday): its other exercises are then missed, as on any done day;
- an exposure's evidence ends before its own session: its estimates look
  before the earlier of its day and its session's date (`cutoff`), and
  never at a session the week gave to an exposure not prescribed yet
  (`History.hold`). A session logged a day early never sets the target it
  is then compared with;
- a session no exposure claims is an extra session of the week: the plan
  lists it with the week (`Week.extra`), later loads may build on it, and
  a load that does names it (`extra_note`).
"""

from __future__ import annotations

import datetime as _dt
from typing import Callable, Mapping, Sequence

from engine.attendance import assign
from engine.exporters.common import day_text
from engine.gear import Implement
from engine.history import History, Session
from engine.model import Choice, Exercise, LoadBasis, LoggedSession, TrainingState

# One dated exposure of the week: its date, its slot's index, the selector's
# pick ("id/variant": how the exposure asks for its session), the form
# trained (the pick, or the harder form it moved to) and its rep range.
Exposure = tuple[_dt.date, int, str, tuple[str, ...], tuple[int, int]]


def cutoff(date: _dt.date | None, session: Session | None) -> _dt.date | None:
    """The date an exposure's estimates look before: its day, or its
    session's date when that is earlier."""
    if date is None or session is None or session.date >= date:
        return date
    return session.date


class WeekLog:
    """Which of the week's sessions is which exposure's, and which none's."""

    def __init__(self, history: History) -> None:
        self.history = history
        self.taken: set[tuple[str, _dt.date]] = set()  # (form, date) of every session an exposure claimed
        self.extra: tuple[Session, ...] = ()  # this week's sessions no exposure claims, by date
        self._claimed: dict[tuple[_dt.date, int, str], Session] = {}
        self._days: set[_dt.date] = set()
        self._week: list[Session] = []  # the sessions of the week begun

    def begin(self, first: _dt.date, last: _dt.date) -> bool:
        """Start the week dated first <= date < last: whether the log has
        a session in it (most weeks of a plan have none: nothing to match)."""
        for session in self._claimed.values():  # the week before's, if any exposure was left unprescribed
            self.history.release(session)
        self._claimed, self._days, self.extra = {}, set(), ()
        self._week = self.history.week_sessions(first, last)
        return bool(self._week)

    def match(self, planned: Sequence[Exposure]) -> None:
        """Match the week's sessions (`begin`) to `planned`, and hold each
        claimed one until its exposure is prescribed."""
        week = self._week
        exercises = {forms[0].partition("/")[0] for *_, forms, _ in planned}
        found = assign([(d, forms, reps) for d, _, _, forms, reps in planned],
                       [s for s in week if s.form.partition("/")[0] in exercises])
        for i, session in found.items():
            d, index, key, _, _ = planned[i]
            self._claimed[d, index, key] = session
            self._days.add(d)
            self.taken.add((session.form, session.date))
            self.history.hold(session)
        self.extra = tuple(s for s in week if (s.form, s.date) not in self.taken)
        for session in self.extra:
            self.history.mark_extra(session)

    def claims(self, date: _dt.date | None) -> bool:
        """Whether an exposure of this day has a session."""
        return date in self._days

    def session(self, date: _dt.date | None, index: int, key: str) -> Session | None:
        """The session matched to the exposure of slot `index` picked as `key` on `date`."""
        return self._claimed.get((date, index, key)) if date is not None else None

    def release(self, session: Session | None) -> None:
        if session is not None:
            self.history.release(session)

    def listed(self, exercises: Mapping[str, Exercise],
               implement: Callable[[Choice], Implement | None]) -> tuple[LoggedSession, ...]:
        """The week's extra sessions as the plan lists them (`implement`: the
        athlete's for a form, with how many are held and the loads known by
        another name)."""
        out = []
        for session in self.extra:
            exercise, _, variant = session.form.partition("/")
            ex = exercises.get(exercise)
            if ex is not None:
                choice = Choice(ex, ex.variant(variant) if variant else None)
                imp = implement(choice)
                out.append(LoggedSession(session.date, choice, session.sets, imp.count if imp else 1,
                                         imp.labels if imp else ()))
        return tuple(out)


def extra_note(history: History | None, previous: TrainingState | None, basis: LoadBasis | None) -> str:
    """A form's first exposure built on an extra session (its "last time"):
    which one, unless the load's own note names it already."""
    if history is None or previous is None or previous.status != "logged" or not previous.performed \
            or basis is not None and "extra session" in basis.note:
        return ""
    date = previous.performed[0].date
    return f"last time was the extra session of {day_text(date)}" if history.is_extra(previous.form, date) else ""
