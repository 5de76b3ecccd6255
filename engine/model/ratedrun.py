"""A run of sessions rated alike (engine.flatratings): part of a form's
training state."""

from __future__ import annotations

import datetime as _dt

from engine.model.base import Frozen, set_field


class RatedRun(Frozen):
    """Sessions in a row, each done as printed with every rated set rated
    `rating`: the lowest and highest efforts their work asked, read by the
    e1RM `ref` the first of them gave, and the lowest and highest efforts
    the sheet asked for them; how many; the e1RM the loads stay at once the
    run says nothing of the work (`held`, else None); and the last one's
    date (`engine.flatratings`)."""

    __slots__ = ("rating", "low", "high", "asked_low", "asked_high", "sessions", "ref", "held", "last")
    rating: float
    low: float
    high: float
    asked_low: float
    asked_high: float
    sessions: int
    ref: float
    held: float | None
    last: _dt.date

    def __init__(self, rating: float, low: float, high: float, asked_low: float, asked_high: float, sessions: int,
                 ref: float, held: float | None, last: _dt.date) -> None:
        set_field(self, "rating", rating)
        set_field(self, "low", low)
        set_field(self, "high", high)
        set_field(self, "asked_low", asked_low)
        set_field(self, "asked_high", asked_high)
        set_field(self, "sessions", sessions)
        set_field(self, "ref", ref)
        set_field(self, "held", held)
        set_field(self, "last", last)
