"""What the athlete's log says was done, per exercise form and session.

Warm-ups and drop sets are left out; the working sets of a session are
grouped by load, so a top set and its back-offs stay two groups instead of
being flattened into straight sets. A set logged for an exercise as a whole
("Deadlift (Barbell)") belongs to its default form; one logged with a load
on a form that takes none ("Back Extension", 25 lb) belongs to its loaded
form, but for a band form's (the band's rating, or its help: never a load
added). Everything is in the plan's units.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Iterator, Mapping

from engine.assist import banded, is_assisted
from engine.gear import kind_of
from engine.loads import convert
from engine.model import Choice, Exercise, Performed
from engine.model.base import Frozen, replace, set_field

COUNTED = ("working", "failure")  # what drives progression; warm-ups and drop sets do not


LIGHT = 6.5  # the median rating of a light day's sets: 3.5 reps or more in reserve
NEAR = 8.0  # a set rated over it is near failure: no light day's, whatever the median
WINDOW = 14  # days before a light day in which a harder session is read instead


def light(session: Session) -> bool:
    """Whether the session's working sets were rated, at their median,
    `LIGHT` or under, and none near failure (8, 8, 5 @ 6, 6.5, 10 failed)."""
    done = session.working.sets if session.working is not None else session.sets
    rated = sorted(p.rpe for p in done if p.rpe is not None)
    return bool(rated) and rated[len(rated) // 2] <= LIGHT and rated[-1] <= NEAR


class SetGroup(Frozen):
    """Sets of one session at one load. `role` is "working" (straight
    sets), "top" (heavier than the group the plan follows), "back-off"
    (lighter, or the group followed after a top set) or "ramp" (one set
    per load, nothing repeated)."""

    __slots__ = ("role", "sets")
    role: str
    sets: tuple[Performed, ...]

    def __init__(self, role: str, sets: tuple[Performed, ...]) -> None:
        set_field(self, "role", role)
        set_field(self, "sets", sets)

    @property
    def load(self) -> float | None:
        return self.sets[0].load


class Session(Frozen):
    """One form's working sets on one date, in the order they were logged."""

    __slots__ = ("form", "date", "sets", "groups", "working")
    form: str
    date: _dt.date
    sets: tuple[Performed, ...]
    groups: tuple[SetGroup, ...]
    working: SetGroup | None  # the group a plain prescription follows; None for a ramp

    def __init__(
        self,
        form: str,
        date: _dt.date,
        sets: tuple[Performed, ...],
        groups: tuple[SetGroup, ...],
        working: SetGroup | None,
    ) -> None:
        set_field(self, "form", form)
        set_field(self, "date", date)
        set_field(self, "sets", sets)
        set_field(self, "groups", groups)
        set_field(self, "working", working)

    @property
    def top(self) -> SetGroup | None:
        return next((g for g in self.groups if g.role == "top"), None)


def group_sets(sets: tuple[Performed, ...]) -> tuple[tuple[SetGroup, ...], SetGroup | None]:
    """Group by load (first appearance first). A plain prescription follows
    the largest group of two or more sets (on a tie, the one done later:
    back-offs follow their top sets); heavier groups are top sets, lighter
    ones back-offs; with no repeated load the session is a ramp and no group
    is followed."""
    by_load: dict[float | None, list[Performed]] = {}
    for s in sets:
        key = None if s.load is None else round(s.load, 6)
        by_load.setdefault(key, []).append(s)
    if len(by_load) == 1:
        group = SetGroup("working", tuple(sets))
        return (group,), group
    repeated = [(i, k, v) for i, (k, v) in enumerate(by_load.items()) if len(v) >= 2]
    if not repeated:
        return tuple(SetGroup("ramp", tuple(v)) for v in by_load.values()), None
    _, follow, _ = max(repeated, key=lambda ikv: (len(ikv[2]), ikv[0]))
    groups = []
    working = None
    has_top = any((k or 0.0) > (follow or 0.0) for k in by_load)
    for k, v in by_load.items():
        if k == follow:
            working = SetGroup("back-off" if has_top else "working", tuple(v))
            groups.append(working)
        else:
            groups.append(SetGroup("top" if (k or 0.0) > (follow or 0.0) else "back-off", tuple(v)))
    return tuple(groups), working


def read_at(sets: tuple[Performed, ...], logged: float, printed: float) -> tuple[Performed, ...]:
    """`sets`, those logged at `logged` read at the load `printed` (`History.as_printed`)."""
    return tuple(replace(p, load=printed) if p.load == logged else p for p in sets)


def form_of(exercises: Mapping[str, Exercise], exercise: str, variant: str | None, load: float | None) -> str:
    """The form a logged set belongs to (see the module docstring)."""
    ex = exercises.get(exercise)
    if ex is None or not ex.variants:
        return exercise if variant is None else f"{exercise}/{variant}"
    form = ex.variant(variant) if variant is not None else ex.variants[0]
    if form is None:
        return f"{exercise}/{variant}"
    choice = Choice(ex, form)
    if load and form.harder and kind_of(choice) == "none" and ex.variant(form.harder) \
            and not is_assisted(ex, form) and not banded(choice):  # a band's weight logged is still the band form
        return f"{exercise}/{form.harder}"
    return f"{exercise}/{form.id}"


class History:
    """The log by form: sessions in date order, looked up by date range."""

    def __init__(self, log: Any, exercises: Mapping[str, Exercise], units: str, as_of: _dt.date | None = None,
                 snap: Callable[[str, _dt.date, float, bool], float] | None = None,
                 start: _dt.date | None = None) -> None:
        """`snap` turns a logged load of a form on a date (in the other
        units or not) into the load it stands for (a kettlebell logged as
        44 lb is the 20 kg bell, 176.37 lb the 80 kg bar: `engine.snap`);
        `start`: the program's first day (sessions before it were another's)."""
        self.exercises = exercises
        self.units, self.start = units, start
        # Days up to here are done: the log's last session, or a later day the coach names (`as_of`), so a
        # day trained without a session in the log is missed as soon as that day is past, not once a later
        # session is logged.
        dates = [d for d in (log.last_date if log is not None else None, as_of) if d is not None]
        self.last_date: _dt.date | None = max(dates) if dates else None
        by_form: dict[str, dict[_dt.date, list[Performed]]] = {}
        self._done: list[tuple[_dt.date, str, str]] = []  # (date, exercise id, form) of counted sets
        self._others: dict[tuple[str, _dt.date], list[Performed]] = {}  # warm-up and drop sets: `others`
        for item in (log.sets if log is not None else ()):
            load = None if item.load is None else convert(item.load, item.units, units)
            form = self.form_of(item.exercise, item.variant, load)
            if snap is not None and load is not None:
                load = snap(form, item.date, load, item.units != units)
            performed = Performed(item.date, item.reps, load, item.rpe, item.kind, f"{item.file}:{item.line}", form)
            if item.kind not in COUNTED:
                self._others.setdefault((form, item.date), []).append(performed)
                continue
            by_form.setdefault(form, {}).setdefault(item.date, []).append(performed)
            self._done.append((item.date, item.exercise, form))
        self._done_last = max((d for d, _, _ in self._done), default=_dt.date.min)
        self._done_all: dict[str, _dt.date] | None = None  # `last_done` of every row, made once
        self._sessions: dict[str, list[Session]] = {}
        self._aside: set[tuple[str, _dt.date]] = set()  # (form, date) of deload sessions: see `set_aside`
        self._held: set[tuple[str, _dt.date]] = set()  # (form, date) of sessions not yet theirs to read: see `hold`
        self._extra: set[tuple[str, _dt.date]] = set()  # (form, date) of sessions no exposure claims
        self._claims: dict[tuple[str, _dt.date], tuple[str, float | None, float]] = {}  # (line, load, %1RM): `claim`
        for form, days in by_form.items():
            out = []
            for date in sorted(days):
                sets = tuple(days[date])
                groups, working = group_sets(sets)
                out.append(Session(form, date, sets, groups, working))
            self._sessions[form] = out
        self._latest = max((items[-1].date for items in self._sessions.values()), default=_dt.date.min)  # last session

    def others(self, form: str, date: _dt.date) -> tuple[Performed, ...]:
        """The warm-up and drop sets logged for `form` on `date`: no rule
        reads them, but the plan's exports keep them with the session."""
        return tuple(self._others.get((form, date), ()))

    def form_of(self, exercise: str, variant: str | None, load: float | None) -> str:
        """The form a logged set belongs to (see the module docstring)."""
        return form_of(self.exercises, exercise, variant, load)

    def sessions(self, form: str, first: _dt.date | None = None, last: _dt.date | None = None) -> list[Session]:
        """Sessions of `form` with first <= date < last (either end open)."""
        return [s for s in self._sessions.get(form, ())
                if (first is None or s.date >= first) and (last is None or s.date < last)]

    def week_sessions(self, first: _dt.date, last: _dt.date) -> list[Session]:
        """Sessions of every form with first <= date < last, by date and form
        (none, at once, for the weeks after the log's last session: most of a plan)."""
        if first > self._latest:
            return []
        found = [s for items in self._sessions.values() for s in items if first <= s.date < last]
        return sorted(found, key=lambda s: (s.date, s.form))

    def exercise_sessions(self, exercise: str, first: _dt.date | None, last: _dt.date | None) -> list[Session]:
        """Sessions of every form of `exercise` in the range, by date."""
        found = [s for form, items in self._sessions.items() if form.partition("/")[0] == exercise
                 for s in items if (first is None or s.date >= first) and (last is None or s.date < last)]
        return sorted(found, key=lambda s: (s.date, s.form))

    def has(self, form: str) -> bool:
        """Whether the log has a session of `form` at all (its sessions
        are read once: none is ever added)."""
        return form in self._sessions

    def last_session(self, form: str, before: _dt.date | None) -> Session | None:
        """The latest session of `form` before `before` that shows what the
        athlete can do: a deload's session is done but is no such evidence."""
        for s in reversed(self._sessions.get(form, ())):  # (by date: the latest first)
            if (before is None or s.date < before) and (form, s.date) not in self._aside \
                    and (form, s.date) not in self._held:
                return s
        return None

    def telling(self, form: str, before: _dt.date | None, read: Callable[[Session], tuple[float, Any, Any] | None],
                other: Callable[[Session], bool] = lambda s: False) -> tuple[Session | None, Session | None]:
        """The session an e1RM is read from (`read`), and the one passed
        over for it: the latest (`last_session`), unless it is a light day's
        (`light`) that says least of what the athlete can do. One of a line
        `other` says is no evidence for this one (a planned light day's, for
        the heavy day) is as if not logged: the latest session of the
        `WINDOW` days before it that is not passed over is read (this line's
        own, light or not: 100 x 5 @ 6 where 95 was asked). One of before the
        program (another program's, whose prescription the plan does not
        know) gives way to such a session when that one reads more: an old
        block's light 205 lb x 10 @ 6 (300.67) to the triples of three days
        before (305 x 3 @ 8, 355.83), its deload week's 90 kg x 10 @ 5 to the
        110 x 12 @ 7, 8 before it; one that reads more is read. A line's own
        session in the program is always read: it is judged by what was asked."""
        def before_start(s: Session) -> bool:
            return self.start is not None and s.date < self.start

        def passed(s: Session) -> bool:
            return light(s) and (before_start(s) or other(s))

        last = self.last_session(form, before)
        harder = None if last is None or not passed(last) else \
            next((s for s in self.recent(form, last.date, WINDOW) if not passed(s)), None)
        if last is None or harder is None:
            return last, None
        if not before_start(last):  # another line's light day: as if not logged
            return harder, last
        mine, theirs = read(last), read(harder)
        return (harder, last) if mine is not None and theirs is not None and theirs[0] > mine[0] else (last, None)

    def claim(self, session: Session, line: str, printed: float | None, intensity: float) -> None:
        """The training line whose exposure read `session` as its own, the load its sheet printed, and the
        line's planned intensity (the %1RM of its prescription's fewest reps at its top RPE)."""
        self._claims[session.form, session.date] = (line, printed, intensity)

    def elsewhere(self, session: Session, line: str, intensity: float | None = None) -> bool:
        """Whether another line than `line` read `session`; with the reading line's `intensity`: and the
        other is a lighter line by plan (a light day's 3 x 8 @ 6, 71%, for a heavy day's 3 x 5 @ 7-8, 81%),
        or its session was done at the load its sheet printed or over (a heavy day eased into, 85 kg x 5
        @ 4 where 100 was printed, is evidence for the light day, not a light day's)."""
        claim = self._claims.get((session.form, session.date))
        if claim is None or claim[0] == line:
            return False
        return intensity is None or claim[2] < intensity - 1e-9 or claim[1] is None \
            or max(p.load or 0.0 for p in session.sets) >= claim[1] - 1e-9

    def hold(self, session: Session) -> None:
        """Keep a session out of `last_session` until `release`: one the
        week's matching gave to an exposure not prescribed yet. Friday's
        session logged on Thursday is Friday's evidence, not the evidence
        its own target (or an earlier exposure's) is computed from."""
        self._held.add((session.form, session.date))

    def release(self, session: Session) -> None:
        """Its exposure is prescribed: later exposures build on it."""
        self._held.discard((session.form, session.date))

    def mark_extra(self, session: Session) -> None:
        """A session no planned exposure claims: later loads may still
        build on it, and say so (`is_extra`)."""
        self._extra.add((session.form, session.date))

    def is_extra(self, form: str, date: _dt.date) -> bool:
        return (form, date) in self._extra

    def set_aside(self, form: str, date: _dt.date) -> None:
        """Mark the session of `form` on `date` as a deload: deliberately
        light, rated where ratings mean least, so no e1RM or progression
        builds on it (a deload week trained at the working load is not
        marked: it is a normal session)."""
        self._aside.add((form, date))

    def recent(self, form: str, before: _dt.date, days: int) -> Iterator[Session]:
        """The sessions of `form` before `before` and no more than `days`
        days before it, the latest first, as `last_session` finds them."""
        session = self.last_session(form, before)
        while session is not None and (before - session.date).days <= days:
            yield session
            session = self.last_session(form, session.date)

    def as_printed(self, form: str, date: _dt.date, logged: float, printed: float) -> None:
        """Read the sets of `form` on `date` logged at `logged` at the load
        printed for them (`engine.logged`: 100 kg logged where 220 lb was
        printed), for every e1RM read from the session as for its
        progression: the weeks after are those of the same sets logged in
        the plan's units."""
        items = self._sessions.get(form, [])
        for i, s in enumerate(items):
            if s.date == date:
                sets = read_at(s.sets, logged, printed)
                items[i] = Session(form, date, sets, *group_sets(sets))

    def deload_between(self, form: str, after: _dt.date, before: _dt.date | None) -> _dt.date | None:
        """The date of the latest deload session of `form` after `after` and
        before `before`: the session `last_session` passed over."""
        found = [d for f, d in self._aside if f == form and d > after and (before is None or d < before)]
        return max(found, default=None)

    def done(self, date: _dt.date | None) -> bool:
        """A day is done when it is on or before the log's last session."""
        return date is not None and self.last_date is not None and date <= self.last_date

    def last_done(self, before: _dt.date | None) -> dict[str, _dt.date]:
        """The latest date each exercise ("id") and form ("id/variant") was
        trained before `before`: what a selector may look at."""
        if before is None or self._done and before > self._done_last:  # all of it: the same answer every week
            if self._done_all is None:
                self._done_all = self._last_done(None)
            return dict(self._done_all)
        return self._last_done(before)

    def _last_done(self, before: _dt.date | None) -> dict[str, _dt.date]:
        out: dict[str, _dt.date] = {}
        for date, exercise, form in self._done:
            if before is not None and date >= before:
                continue
            for key in (exercise, form):
                if key not in out or date > out[key]:
                    out[key] = date
        return out
