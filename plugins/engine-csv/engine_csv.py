"""CSV export for engine: one row per prescribed set.

The columns are the engine's own log format (`engine.LOG_COLUMNS`), so
an athlete can fill in `reps`, `load` and `rpe` and the file reads back with
`engine run ... --log plan.csv`. Text cells that a spreadsheet would run as
a formula are neutralised.
"""

from __future__ import annotations

import io
import re
from typing import Any, Iterator, Mapping

import engine

__version__ = "0.1.0"

DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t"}
# OWASP "CSV injection": cells starting with these run as formulas in
# Excel, LibreOffice and Google Sheets. A leading quote makes them text.
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

OPTIONS = {
    "properties": {
        "delimiter": {
            "enum": list(DELIMITERS), "default": "comma",
            "description": "Field separator: comma, semicolon (spreadsheets in many locales) or tab.",
            "examples": ["semicolon"],
        },
        "notes": {
            "type": "boolean", "default": True,
            "description": "Fill the notes column with the slot's and progression's notes and the load's caveat "
                           "(a row's status, such as a deload or not in the log, is written either way).",
            "examples": [False],
        },
        "units": {
            "enum": ["kg", "lb"],
            "description": "Write loads in these units (converted exactly); default: the plan's units.",
            "examples": ["kg"],
        },
        "bom": {
            "type": "boolean", "default": False,
            "description": "Start the file with a UTF-8 byte-order mark, which Excel needs to read UTF-8.",
            "examples": [True],
        },
    },
    "additionalProperties": False,
}


# C0 and C1 control characters and the Unicode line separators: a line
# break (a bare carriage return too) starts a new row in some readers, and
# that row could begin with a formula; a NUL ends the text for others (the
# engine's log reader refuses the file); the rest are invisible. `re`
# compiles it on the first export (a third of a millisecond on every start
# of the engine otherwise).
CONTROLS = "[\x00-\x1f\x7f-\x9f\u2028\u2029]+"


LOADS = frozenset({"target_load", "load"})  # written by `_number` alone


def neutralise(cell: str) -> str:
    """Make a text cell safe to open in a spreadsheet and to read back as
    a log: one line of printable text (each run of control characters
    becomes a space), and no leading formula character."""
    cell = re.sub(CONTROLS, " ", cell)
    return "'" + cell if cell.lstrip(" ").startswith(DANGEROUS) else cell


def _number(value: float | None) -> str:
    """To 4 places, as the engine's JSON writes loads: a 40 kg curl in lb
    is 88.1849, which reads back as the same load (88.18 moved the
    numbers built on it)."""
    if value is None:
        return ""
    value = round(value, 4)
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def rows(plan: Any, options: Mapping[str, Any]) -> Iterator[dict[str, str]]:
    """One row per planned set; on a day the log marks done, the sets the
    athlete performed fill `reps`, `load` and `rpe` (and their date, and the
    form they were logged as), so the export of finished days reads back as
    the same log. A session the log has that no planned exercise claims (an
    extra Saturday squat) is written too, in date order among the days,
    with its sets and no target."""
    units = options.get("units") or plan.units
    scale = engine.convert(1.0, plan.units, units)
    common = {"program": plan.program.name, "athlete": plan.athlete.name if plan.athlete else "", "units": units}
    notes = options.get("notes", True)
    for week in plan.weeks:
        extra = list(week.extra)
        for day in week.days:
            while extra and day.date is not None and extra[0].date < day.date:
                yield from _extra_rows(extra.pop(0), week, common, scale)
            for ex in day.exercises:
                yield from _planned_rows(ex, day, week, common, scale, notes)
        for session in extra:
            yield from _extra_rows(session, week, common, scale)


def _planned_rows(ex: Any, day: Any, week: Any, common: dict[str, str], scale: float,
                  notes: bool) -> Iterator[dict[str, str]]:
    performed = ex.performed if day.done else ()
    told = _notes(ex) if notes else ""
    said = "; ".join(t for t in (_status(ex, day.done, told), told) if t)
    rows = list(_set_rows(ex, day, week, common, scale, performed, said))
    # the warm-up and drop sets logged with it, where the log has them among its sets: the file stays a whole log
    others = {id(p) for p in ex.others}
    for p in ex.logged if performed else ():
        yield _other_row(ex, p, day, week, common, scale) if id(p) in others else rows.pop(0)
    yield from rows


def _other_row(ex: Any, done: Any, day: Any, week: Any, common: dict[str, str], scale: float) -> dict[str, str]:
    """A warm-up or drop set logged with an exercise: no set number, no target."""
    return {
        **common,
        "week": str(week.number),
        "day": day.name,
        "date": done.date.isoformat(),
        "slot": ex.slot,
        "exercise": ex.exercise.id,
        "variant": done.form.partition("/")[2] if done.form else ex.variant.id if ex.variant else "",
        "exercise_name": (ex.logged_as or ex.choice).name,
        "set": "",
        "set_type": done.kind,
        "target_reps": "",
        "target_rpe": "",
        "target_load": "",
        "per_side": "true" if ex.prescription.per_side else "false",
        "reps": str(done.reps),
        "load": _number(None if done.load is None else done.load * scale),
        "rpe": _number(done.rpe),
        "notes": "",
    }


def _set_rows(ex: Any, day: Any, week: Any, common: dict[str, str], scale: float, performed: Any,
              said: str) -> Iterator[dict[str, str]]:
    """A row per set prescribed, with the set the log pairs with it on a done day."""
    for number in range(1, max(len(ex.sets), len(performed)) + 1):
        s = ex.sets[number - 1] if number <= len(ex.sets) else None
        done = performed[number - 1] if number <= len(performed) else None
        date = done.date if done else day.date
        yield {
            **common,
            "week": str(week.number),
            "day": day.name,
            "date": date.isoformat() if date else "",
            "slot": ex.slot,
            "exercise": ex.exercise.id,
            # what was done, when the log has another form than the one planned
            "variant": (done.form.partition("/")[2] if done and done.form
                        else ex.variant.id if ex.variant else ""),
            # what was performed, on a done day: the form the log has
            "exercise_name": (ex.logged_as or ex.choice).name if done else ex.choice.name,
            "set": str(number),
            "set_type": done.kind if done else "working",
            "target_reps": str(s.reps) if s else "",
            "target_rpe": _number(s.rpe) if s else "",
            "target_load": _number(None if s is None or s.load is None else s.load * scale),
            "per_side": "true" if ex.prescription.per_side else "false",
            "reps": str(done.reps) if done else "",
            "load": _number(None if done is None or done.load is None else done.load * scale),
            "rpe": _number(done.rpe) if done else "",
            "notes": said,
        }


def _status(ex: Any, done: bool, told: str) -> str:
    """What a row's other cells cannot say, written with or without notes:
    a deload (where the notes `told` do not say so), an exercise of a done
    day the log has no session for (a row otherwise like one still to
    come), a session of another form ("done as Low-bar back squat, planned
    High-bar back squat": its rows name the form lifted)."""
    said = ["deload"] if ex.deload and "deload" not in told else []
    if done and ex.missed:
        said.append("not in the log")
    if done and ex.performed and ex.logged_as is not None:
        said.append(f"done as {ex.logged_as.name}, planned {ex.choice.name}")
    return "; ".join(said)


def _notes(ex: Any) -> str:
    """The slot's and progression's notes and the load's caveat ("no max or
    log for this form yet: choose the load by effort"), as the text sheet
    prints them: a set with an empty target load says why."""
    caveat = ex.basis.note if ex.basis is not None and ex.basis.note != "bodyweight only" else ""
    return "; ".join(t for t in (ex.remarks, caveat) if t)


def _extra_rows(session: Any, week: Any, common: dict[str, str], scale: float) -> Iterator[dict[str, str]]:
    """A session no planned exercise claims: its sets as logged, no slot
    and no target."""
    choice = session.choice
    for number, done in enumerate(session.sets, 1):
        yield {
            **common,
            "week": str(week.number),
            "day": engine.WEEKDAYS[done.date.weekday()],
            "date": done.date.isoformat(),
            "slot": "",
            "exercise": choice.exercise.id,
            "variant": choice.variant.id if choice.variant else "",
            "exercise_name": choice.name,
            "set": str(number),
            "set_type": done.kind,
            "target_reps": "",
            "target_rpe": "",
            "target_load": "",
            "per_side": "",
            "reps": str(done.reps),
            "load": _number(None if done.load is None else done.load * scale),
            "rpe": _number(done.rpe),
            "notes": "not planned",  # (as a missed or substituted row says so, with or without notes)
        }


def render(plan: Any, options: Mapping[str, Any]) -> str:
    import csv  # here: every engine command loads the plugin, few write CSV

    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITERS[options.get("delimiter", "comma")], lineterminator="\n")
    columns = engine.LOG_COLUMNS  # read here: the log reader loads only when a CSV is written
    writer.writerow(columns)
    for row in rows(plan, options):
        # the loads are numbers (an assisted form's is negative, -45: its help), never formulas
        writer.writerow([row[c] if c in LOADS else neutralise(row[c]) for c in columns])
    return ("\ufeff" if options.get("bom") else "") + out.getvalue()


@engine.hookimpl
def engine_register_exporters(register):
    register(engine.Exporter(
        "csv", render,
        "One row per set, in the engine's log columns: fill in reps, load and rpe and read it back with --log.",
        ".csv", OPTIONS,
    ))
