"""iCalendar export for engine: one event per training day.

Built with the `icalendar` library. UIDs come from the program, athlete,
week and day, so importing a re-exported plan updates the events instead of
duplicating them. The output depends only on the inputs (DTSTAMP comes from
SOURCE_DATE_EPOCH or the plan's first date), so it is byte-identical run to
run.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import uuid
from typing import Any, Mapping

import engine
from engine import CannotExport

__version__ = "0.1.0"

UID_NAMESPACE = uuid.UUID("6f1c2a44-5d0e-4a8b-9a53-2f0f3c1e7b21")
PRODID = f"-//engine//engine-ical {__version__}//EN"

OPTIONS = {
    "properties": {
        "start": {
            "type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": ("First day of week 1 (YYYY-MM-DD); needed when the program has no start date, "
                            "and moves the events when it has one."),
            "examples": ["2026-12-07"],
        },
        "time": {
            "type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
            "description": "Start time of each session (HH:MM, 24-hour). Without it, events are all-day.",
            "examples": ["18:30"],
        },
        "duration": {
            "type": "integer", "minimum": 5, "maximum": 600, "default": 60,
            "description": "Length of a timed session in minutes.", "examples": [75],
        },
        "timezone": {
            "type": "string", "minLength": 1, "maxLength": 64,
            "description": ("IANA time zone for timed sessions (e.g. Europe/London); the calendar then carries "
                            "its VTIMEZONE. Without it, times are floating (the same wall-clock time wherever "
                            "the calendar is opened)."),
            "examples": ["Europe/London"],
        },
        "calendar_name": {
            "type": "string", "minLength": 1, "maxLength": 200,
            "description": "Name shown by calendar apps (default: the program's name).",
            "examples": ["Sam's training"],
        },
        "description": {
            "type": "boolean", "default": True,
            "description": "List every exercise (sets x reps @ RPE, load) in the event's description.",
            "examples": [False],
        },
    },
    "additionalProperties": False,
}


# Control characters (an escape sequence, a bell, a NUL from a TOML
# "\u0007") may not appear in iCalendar text (RFC 5545, TSAFE-CHAR) and
# would reach every calendar app and terminal that shows the file. `re`
# compiles it on the first export, not on every start of the engine.
_CONTROLS = "[\x00-\x1f\x7f-\x9f]"


def one_line(text: str) -> str:
    """Names end up in single-line properties (NAME, X-WR-CALNAME, SUMMARY),
    which may not hold raw line breaks (a rule file's name could), nor any
    other control character."""
    return re.sub(_CONTROLS, "", " ".join(text.replace("\t", " ").splitlines()))


def uid(program: str, athlete: str, week: int, day: str) -> str:
    """Stable per (program, athlete, week, day): a re-export updates events."""
    return f"{uuid.uuid5(UID_NAMESPACE, chr(31).join((program, athlete, str(week), day)))}@engine-ical"


def _num(x: float) -> str:
    return f"{round(x, 2):g}"


def exercise_line(ex: Any, units: str, on: dt.date | None = None) -> str:
    reps = sorted({s.reps for s in ex.sets})
    text = f"{ex.choice.name}: {len(ex.sets)} x {'-'.join(map(str, reps))}"
    if ex.prescription.per_side:
        text += " per side"
    rpes = [s.rpe for s in ex.sets if s.rpe is not None]
    if rpes:
        text += f" @ RPE {_num(rpes[0])}" + (f"-{_num(rpes[-1])}" if rpes[-1] != rpes[0] else "")
    load = engine.load_text(ex, units)  # as the engine writes it: "BW + 2 x 25 lb", per hand
    if load and any(s.load is not None for s in ex.sets):
        text += f", {load}"
    if ex.remarks:
        text += f" ({ex.remarks})"
    done = engine.performed_text(ex, units, on)  # what was lifted, and when not on `on`; or "not in the log"
    if done:
        text += f"; {done}"
    return text


def _dtstamp(first: dt.date | None) -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise CannotExport(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    day = first or dt.date(1970, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def _dates(plan: Any, start: dt.date | None) -> dict[tuple[int, str], dt.date]:
    out = {}
    for week in plan.weeks:
        for day in week.days:
            if start is not None:
                offset = (engine.WEEKDAYS.index(day.name) - start.weekday()) % 7
                out[(week.number, day.name)] = start + dt.timedelta(days=7 * (week.number - 1) + offset)
            elif day.date is not None:
                out[(week.number, day.name)] = day.date
    return out


def _start(options: Mapping[str, Any]) -> dt.date | None:
    if not options.get("start"):
        return None
    try:
        return dt.date.fromisoformat(str(options["start"]))
    except ValueError:
        raise CannotExport(f"start {str(options['start'])!r} is not a calendar date", option="start") from None


def _zone(options: Mapping[str, Any]) -> Any:
    if not options.get("timezone"):
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(options["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise CannotExport(f"unknown time zone {options['timezone']!r} (use an IANA name such as Europe/London)",
                           option="timezone") from None


def _time(options: Mapping[str, Any]) -> dt.time | None:
    if not options.get("time"):
        return None
    if not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", options["time"]):
        raise CannotExport(f"time {options['time']!r} is not HH:MM", option="time")
    return dt.time.fromisoformat(options["time"])


def render(plan: Any, options: Mapping[str, Any]) -> bytes:
    start, tz, at = _start(options), _zone(options), _time(options)
    try:
        return _calendar(plan, options, start, tz, at)
    except OverflowError:  # dates, end times or time-zone rules past the year 1 or 9999
        raise CannotExport(
            "the plan's dates are too close to the year 1 or 9999 for a calendar (event ends and time-zone "
            "rules reach past them); choose another start date", option="start" if start else None) from None


def _calendar(plan: Any, options: Mapping[str, Any], start: dt.date | None, tz: Any, at: dt.time | None) -> bytes:
    from icalendar import Calendar, vText

    dates = _dates(plan, start)
    if not dates and any(d.exercises for w in plan.weeks for d in w.days):
        raise CannotExport("the program has no start date: set program.start, --start, or -O start=YYYY-MM-DD")
    length = dt.timedelta(minutes=int(options.get("duration", 60)))
    athlete = plan.athlete.name if plan.athlete else ""
    name = options.get("calendar_name") or plan.program.name + (f" ({athlete})" if athlete else "")
    stamp = _dtstamp(min(dates.values(), default=None))
    # the revision: days done only grow as the log does, so a file exported after more sessions outranks the last
    revision = sum(1 for w in plan.weeks for d in w.days if d.done)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = vText(one_line(name))  # (TEXT, escaped: a name may hold "," ";" or "\\")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    if tz is not None and at is not None:
        cal.add("x-wr-timezone", options["timezone"])
    described = options.get("description", True)
    days = list(dates.values())
    for week in plan.weeks:
        for day in week.days:
            if day.exercises:
                cal.add_component(_event(plan, week, day, dates[(week.number, day.name)], (stamp, revision),
                                         athlete, (at, tz, length), described))
        for session in week.extra:  # a session the log has and no planned day claims: an event of its own
            day = _moved(session.date, week.number, start)  # (-O start moves it with the days around it)
            days.append(day)
            cal.add_component(_extra(plan, week, session, (stamp, revision), athlete, (at, tz, length), day,
                                     described))
    if tz is not None and at is not None and days:
        first, last = min(days), max(days)  # (the time zone's rules cover the extra sessions' dates too)
        cal.add_missing_timezones(first_date=first - dt.timedelta(days=1), last_date=last + dt.timedelta(days=2))
    return cal.to_ical()


def _event(plan: Any, week: Any, day: Any, date: dt.date, stamped: tuple[dt.datetime, int], athlete: str,
           timing: tuple[dt.time | None, Any, dt.timedelta], described: bool) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", uid(plan.program.name, athlete, week.number, day.name))
    event.add("dtstamp", stamped[0])
    event.add("sequence", stamped[1])
    title = f"{plan.program.name} - week {week.number} ({day.name.capitalize()})"
    missed = day.done and all(ex.missed for ex in day.exercises)  # (a day the log has nothing of)
    event.add("summary", one_line(title + (f" - {athlete}" if athlete else "") + (" (missed)" if missed else "")))
    _when(event, date, timing)
    if described:
        lines = [one_line(exercise_line(ex, plan.units, day.date)) for ex in day.exercises]
        if athlete:
            lines.insert(0, one_line(f"For {athlete}"))
        event.add("description", "\n".join(lines))
    event.add("categories", ["Training"])
    return event


def _when(event: Any, date: dt.date, timing: tuple[dt.time | None, Any, dt.timedelta]) -> None:
    at, tz, length = timing
    if at is None:
        event.add("dtstart", date)
        event.add("dtend", date + dt.timedelta(days=1))
    else:
        begin = dt.datetime.combine(date, at, tzinfo=tz)
        event.add("dtstart", begin)
        event.add("dtend", begin + length)


def _moved(date: dt.date, week: int, start: dt.date | None) -> dt.date:
    """Where `-O start` puts a logged date of a week: the same weekday in that week, as the planned days go
    (none moved without it)."""
    if start is None:
        return date
    return start + dt.timedelta(days=7 * (week - 1) + (date.weekday() - start.weekday()) % 7)


def _extra(plan: Any, week: Any, session: Any, stamped: tuple[dt.datetime, int], athlete: str,
           timing: tuple[dt.time | None, Any, dt.timedelta], date: dt.date, described: bool) -> Any:
    """A session the log has that no planned day claims, on its own date (it is part of the record)."""
    from icalendar import Event

    event = Event()
    event.add("uid", uid(plan.program.name, athlete, week.number, f"extra {session.date} {session.choice.key}"))
    event.add("dtstamp", stamped[0])
    event.add("sequence", stamped[1])
    title = f"{plan.program.name} - week {week.number} (extra: {session.choice.name})"
    event.add("summary", one_line(title + (f" - {athlete}" if athlete else "")))
    _when(event, date, timing)
    if described:
        event.add("description", one_line(engine.extra_text(session, plan.units)))
    event.add("categories", ["Training"])
    return event


@engine.hookimpl
def engine_register_exporters(register):
    register(engine.Exporter(
        "ics", render,
        "iCalendar: one event per training day with every exercise in the description.",
        ".ics", OPTIONS,
    ))
