"""The week log: a week is matched to its sessions only when the log has some."""

from __future__ import annotations

import datetime as dt

from engine.history import History
from engine.logmodel import Log, LoggedSet
from engine.weeklog import WeekLog

MONDAY = dt.date(2027, 1, 4)


def _log(*days: dt.date) -> Log:
    return Log(tuple(LoggedSet(d, "squat", None, 5, 100.0, "kg", 8.0, "working", 1, "log.csv", i + 2, "squat")
                     for i, d in enumerate(days)))


def test_a_week_with_a_session_matches_it_and_one_without_begins_empty():
    history = History(_log(MONDAY), {}, "kg")
    week = WeekLog(history)
    assert week.begin(MONDAY, MONDAY + dt.timedelta(days=7))
    week.match([(MONDAY, 0, "squat", ("squat",), (3, 6))])
    assert week.claims(MONDAY) and week.session(MONDAY, 0, "squat") is not None
    assert history.last_session("squat", None) is None  # held until its exposure is prescribed
    assert not week.begin(MONDAY + dt.timedelta(days=7), MONDAY + dt.timedelta(days=14))
    assert not week.claims(MONDAY) and week.extra == ()
    assert history.last_session("squat", None) is not None  # the week before's session is released


def test_a_session_no_exposure_claims_is_the_weeks_extra():
    history = History(_log(MONDAY), {}, "kg")
    week = WeekLog(history)
    assert week.begin(MONDAY, MONDAY + dt.timedelta(days=7))
    week.match([(MONDAY, 0, "bench-press", ("bench-press",), (3, 6))])
    assert [s.form for s in week.extra] == ["squat"] and history.is_extra("squat", MONDAY)
