"""The three log formats: the engine's own CSV, Strong's and Hevy's exports.

The header alone tells them apart (`detect_format`). Each has a row reader
that turns a row into a LoggedSet and reports every bad cell where it is;
what they share (cells, numbers, dates, exercise names, the unknown-name
warnings) is the base class's.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import ClassVar, Sequence

from engine.logfile import LogFile
from engine.logmodel import ExerciseNames, LoggedSet

LOG_COLUMNS: tuple[str, ...] = (
    "program", "athlete", "week", "day", "date", "slot", "exercise", "variant", "exercise_name",
    "set", "set_type", "target_reps", "target_rpe", "target_load", "units", "per_side",
    "reps", "load", "rpe", "notes",
)
REQUIRED_COLUMNS = ("date", "exercise", "reps")
MAX_UNKNOWN_LISTED = 20  # unknown exercise names warned about one by one
MAX_REPS = 1000
MAX_LOAD = 10_000.0

STRONG_REQUIRED = ("Date", "Exercise Name", "Set Order", "Reps")
STRONG_UNIT = "Weight Unit"  # newer Strong exports: the unit of each row's weight
HEVY_REQUIRED = ("start_time", "exercise_title", "set_index", "set_type", "reps")
KINDS = ("working", "warmup", "drop", "failure")
_HEVY_KINDS = {"normal": "working", "warmup": "warmup", "dropset": "drop", "failure": "failure"}
_STRONG_MARKS = {"W": "warmup", "D": "drop", "F": "failure"}
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")

Found = tuple[str, str | None]  # (exercise id, variant id | None)
Cells = tuple[str, _dt.date | None, Found | None, float | None, float | None, float | None]


def detect_format(header: Sequence[str]) -> str | None:
    cols = {c.strip() for c in header}
    if all(c in cols for c in HEVY_REQUIRED):
        return "hevy"
    if all(c in cols for c in STRONG_REQUIRED):
        return "strong"
    if all(c in cols for c in REQUIRED_COLUMNS):
        return "engine"
    return None


def _not_whole() -> int:
    raise ValueError("not a whole number")


def _shorten(value: str) -> str:
    from engine.errors import shorten

    return shorten(repr(value))


class RowReader:
    """Turns rows of one format into LoggedSets, reporting each bad cell."""

    neutralised: ClassVar[bool] = False  # a leading ' that disarmed a formula is taken off

    def __init__(self, header: list[str], f: LogFile, names: ExerciseNames, default_units: str) -> None:
        self.header, self.f, self.names = header, f, names
        self.col = {h: i for i, h in reversed(list(enumerate(header)))}
        self.units = default_units
        self.unknown: dict[str, list[int]] = {}
        self.counters: dict[tuple[str, str], int] = {}
        self.ok = True
        self.assumed = False  # the units are not in the file
        self.warned_units = False
        self.said: set[str] = set()  # warnings given once per file, where they first happen

    def row(self, row: list[str], index: int, line: int) -> LoggedSet | None:
        raise NotImplementedError

    def _once(self, what: str, message: str, line: int, column: str) -> None:
        if what not in self.said:
            self.said.add(what)
            self.f.warn(message, line, self.col.get(column, 0) + 1)

    # -- cells --

    def cell(self, row: list[str], name: str | None) -> str:
        if name is None or name not in self.col or self.col[name] >= len(row):
            return ""
        value = row[self.col[name]].strip()
        return _NEUTRALISED.sub("", value) if self.neutralised else value

    def bad(self, message: str, index: int, line: int, name: str) -> None:
        self.f.error(message, line, self.col.get(name, 0) + 1, (index, name))

    def number(self, row: list[str], name: str | None, index: int, line: int, what: str, lo: float, hi: float,
               whole: bool = False) -> float | None:
        from engine.lognumbers import Ambiguous, read_number

        text = self.cell(row, name)
        if not text or name is None:
            return None
        try:  # a decimal comma or thousands separators as the apps write them
            value = read_number(text, self.f.decimal, lo, hi)
            if whole:
                value = int(value) if value.is_integer() else _not_whole()
        except Ambiguous as exc:
            self.bad(f"{what} {_shorten(text)} {exc}", index, line, name)
            return None
        except ValueError:
            kind = "a whole number of" if whole else "a number for"
            self.bad(f"expected {kind} {what}, got {_shorten(text)}", index, line, name)
            return None
        if value != value or not lo <= value <= hi:
            self.bad(f"{what} {text} is out of range ({lo:g} to {hi:g})", index, line, name)
            return None
        return value

    def date(self, row: list[str], name: str, index: int, line: int) -> _dt.date | None:
        text = self.cell(row, name)
        try:  # ISO dates and times (the engine's and Strong's): the C parser
            return _dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
        for fmt in ("%d %b %Y, %H:%M", "%d %b %Y %H:%M", "%d %B %Y, %H:%M",  # Hevy; English month names
                    "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"):  # unpadded, as in 2026-1-7
            try:
                return _dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        self.bad(f"expected a date like 2026-12-07, got {_shorten(text)}" if text else "missing date",
                 index, line, name)
        return None

    # -- what every format has --

    def _exercise(self, name: str, index: int, line: int, column: str) -> Found | None:
        if not name:
            self.bad("missing exercise name", index, line, column)
            return None
        found = self.names.resolve(name)
        if found is None:
            self.unknown.setdefault(name, []).append(line)
        return found

    def _load_units(self, has_load: bool, line: int) -> None:
        if has_load and self.assumed and not self.warned_units:
            self.warned_units = True
            self.f.warn(f"no unit column: weights read as {self.units} ({self.f.units_from})", 1, 1)

    def _set(self, date: _dt.date, found: Found, reps: float, load: float | None, units: str, rpe: float | None,
             kind: str, number: float | None, line: int, name: str) -> LoggedSet:
        ex_id, variant = found
        key = (date.isoformat(), f"{ex_id}/{variant}")
        self.counters[key] = self.counters.get(key, 0) + 1
        return LoggedSet(date, ex_id, variant, int(reps), load, units, rpe, kind,
                         int(number or self.counters[key]), self.f.file, line, name)

    def _set_cells(self, row: list[str], index: int, line: int, date_col: str, name_col: str, reps_col: str,
                   load_col: str | None, load_what: str, rpe_col: str) -> Cells:
        """The cells every format has, checked in column order: name, date,
        exercise, reps, load and RPE (None where a cell is bad)."""
        name = self.cell(row, name_col)
        date = self.date(row, date_col, index, line)
        found = self._exercise(name, index, line, name_col)
        reps = self.number(row, reps_col, index, line, "reps", 0, MAX_REPS, whole=True)
        if not self.cell(row, reps_col):
            self.bad("missing reps", index, line, reps_col)
        load = self.number(row, load_col, index, line, load_what, 0, MAX_LOAD)
        return name, date, found, reps, load, self._rpe(row, rpe_col, index, line)

    def _rpe(self, row: list[str], name: str, index: int, line: int) -> float | None:
        rpe = self.number(row, name, index, line, "RPE", 1, 10)
        if rpe is not None and (rpe * 2) != int(rpe * 2):
            self.bad(f"RPE {rpe:g} is not in half points", index, line, name)
            return None
        return rpe

    def finish(self) -> None:
        # Each unknown name is one warning with hints, up to a point: a log
        # of 100,000 made-up names gets a count, not 100,000 fuzzy searches.
        items = list(self.unknown.items())
        if len(items) > MAX_UNKNOWN_LISTED:
            rest = items[MAX_UNKNOWN_LISTED:]
            rows = sum(len(lines) for _, lines in rest)
            self.f.warn(f"{len(rest)} more unknown exercise names ({rows} rows, not used), "
                        f"such as {_shorten(rest[0][0])}", rest[0][1][0], 1)
            items = items[:MAX_UNKNOWN_LISTED]
        for name, lines in items:
            hint = self.names.suggest(name)
            maybe = f"; did you mean {' or '.join(repr(h) for h in hint)}?" if hint else ""
            shown = [self.f.locate(n, 1)[0] for n in lines[:8]]
            more = f" and {len(lines) - 8} more" if len(lines) > 8 else ""
            where = f"line{'s' if len(lines) != 1 else ''} {', '.join(map(str, shown))}{more}"
            self.f.warn(f"unknown exercise {_shorten(name)} ({where}, not used){maybe} "
                        f"Map it in the rule file: [aliases] {_shorten(name[:40])} = \"exercise-id\"",
                        lines[0], 1)


class EngineRows(RowReader):
    """The engine's own CSV (`LOG_COLUMNS`), as its CSV export writes it."""

    neutralised = True

    def __init__(self, header: list[str], f: LogFile, names: ExerciseNames, default_units: str) -> None:
        super().__init__(header, f, names, default_units)
        extra = [h for h in header if h not in LOG_COLUMNS]
        for h in extra:
            import difflib

            close = difflib.get_close_matches(h, LOG_COLUMNS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (columns: {', '.join(LOG_COLUMNS)})"
            f.error(f"unknown column {_shorten(h)}{hint}", 1, header.index(h) + 1)
        self.ok = not extra
        self.assumed = "units" not in self.col

    def row(self, row: list[str], index: int, line: int) -> LoggedSet | None:
        reps_text = self.cell(row, "reps")
        if not reps_text:
            return None  # planned but not done (yet)
        name, date, found, reps, load, rpe = self._set_cells(row, index, line, "date", "exercise", "reps",
                                                             "load", "load", "rpe")
        if load is None and not self.cell(row, "load"):
            load = self._planned_load(row, index, line)
        number = self.number(row, "set", index, line, "set number", 1, 10_000, whole=True)
        kind = self.cell(row, "set_type") or "working"
        if kind not in KINDS:
            self.bad(f"set_type {_shorten(kind)} is not one of: {', '.join(KINDS)}", index, line, "set_type")
            return None
        units = self.cell(row, "units") or self.units
        if units not in ("kg", "lb"):
            self.bad(f"units must be kg or lb, got {_shorten(units)}", index, line, "units")
            return None
        if not self.cell(row, "units"):
            self.assumed = True
        self._load_units(load is not None, line)
        variant = self.cell(row, "variant")
        if found and variant:
            found = self._variant(found[0], variant, index, line)
        if date is None or found is None or reps is None:
            return None
        return self._set(date, found, reps, load, units, rpe, kind, number, line, name)

    def _planned_load(self, row: list[str], index: int, line: int) -> float | None:
        """A done set of the engine's own export with `reps` filled in and
        `load` left empty: the athlete lifted what was planned."""
        planned = self.number(row, "target_load", index, line, "target load", 0, 10_000)
        if planned:
            self._once("planned load", "a set with reps but no load is read at its target_load, the load "
                                       "planned, as is every such row of this file (fill in load when "
                                       "another was lifted)", line, "load")
        return planned or None

    def _variant(self, exercise: str, variant: str, index: int, line: int) -> Found | None:
        """The `variant` column's form of the exercise, or None (reported) if it has none such."""
        known = self.names.variants.get(exercise, ())
        if variant in known:
            return (exercise, variant)
        from engine.errors import suggest

        self.bad(f"{exercise!r} has no variant {_shorten(variant)} (variants: {', '.join(known) or 'none'})"
                 f"{suggest(variant, list(known))}", index, line, "variant")
        return None


class StrongRows(RowReader):
    """Strong's CSV export."""

    def __init__(self, header: list[str], f: LogFile, names: ExerciseNames, default_units: str) -> None:
        super().__init__(header, f, names, default_units)
        # Older exports name the unit in the header ("Weight (kg)"),
        # newer ones have a "Weight Unit" column per row.
        weight = [h for h in header if h.startswith("Weight") and h != STRONG_UNIT]
        self.weight = weight[0] if weight else None
        unit = re.search(r"\((kg|lbs?)\)", self.weight or "")
        self.assumed = unit is None and STRONG_UNIT not in self.col
        self.header_units = None if unit is None else "kg" if unit.group(1) == "kg" else "lb"
        self.units = self.header_units or self.units

    def row(self, row: list[str], index: int, line: int) -> LoggedSet | None:
        name = self.cell(row, "Exercise Name")
        reps_text = self.cell(row, "Reps")
        timed = any((self.number(row, c, index, line, "distance or time", 0, 1e9) or 0) > 0
                    for c in self.header if c.startswith(("Distance", "Seconds")) and not c.endswith(" Unit"))
        if name.casefold() == "rest timer" or (not reps_text or reps_text in ("0", "0.0")) and timed:
            return None  # cardio, timed holds and rest timers are not strength sets
        name, date, found, reps, load, rpe = self._set_cells(row, index, line, "Date", "Exercise Name", "Reps",
                                                             self.weight, "weight", "RPE")
        order = self.cell(row, "Set Order")
        kind = "working"
        if order.upper() in _STRONG_MARKS:
            kind = _STRONG_MARKS[order.upper()]
        else:
            self.number(row, "Set Order", index, line, "set order", 0, 10_000, whole=True)  # checked only
        self._load_units(bool(load), line)
        units = self._unit(row, index, line, bool(load))
        if date is None or found is None or reps is None or units is None:
            return None
        # Strong numbers working sets apart from warm-ups, Hevy counts them
        # all: the position in the session is the one numbering both share.
        return self._set(date, found, reps, load, units, rpe, kind, None, line, name)

    def _unit(self, row: list[str], index: int, line: int, loaded: bool) -> str | None:
        """The row's "Weight Unit" (kg, lbs), else the file's units. A
        weight with no unit, or a unit the header contradicts, is read but
        said once per file, where it first happens."""
        text = self.cell(row, STRONG_UNIT)
        if not text:
            if loaded and STRONG_UNIT in self.col and self.header_units is None:
                self._once("blank", f"a weight with no {STRONG_UNIT}: read as {self.units} ({self.f.units_from}), "
                                    "as is every such row of this file", line, STRONG_UNIT)
            return self.units
        unit = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb"}.get(text.strip().casefold())
        if unit is None:
            self.bad(f"weight unit must be kg or lbs, got {_shorten(text)}", index, line, STRONG_UNIT)
        elif self.header_units is not None and unit != self.header_units:
            self._once("conflict", f"{STRONG_UNIT} {_shorten(text)} disagrees with the header's "
                                   f"{self.weight!r}: each row is read in its own {STRONG_UNIT}", line, STRONG_UNIT)
        return unit



class HevyRows(RowReader):
    """Hevy's CSV export."""

    def __init__(self, header: list[str], f: LogFile, names: ExerciseNames, default_units: str) -> None:
        super().__init__(header, f, names, default_units)
        self.weight = ("weight_kg" if "weight_kg" in self.col else
                       "weight_lbs" if "weight_lbs" in self.col else None)
        self.units = "lb" if self.weight == "weight_lbs" else ("kg" if self.weight else default_units)
        self.assumed = self.weight is None

    def row(self, row: list[str], index: int, line: int) -> LoggedSet | None:
        if not self.cell(row, "reps") and any(self.cell(row, c) for c in ("distance_km", "duration_seconds")):
            return None  # cardio or a timed hold
        name, date, found, reps, load, rpe = self._set_cells(row, index, line, "start_time", "exercise_title",
                                                             "reps", self.weight, "weight", "rpe")
        kind_text = self.cell(row, "set_type") or "normal"
        kind = _HEVY_KINDS.get(kind_text.casefold())
        if kind is None:
            self.bad(f"set_type {_shorten(kind_text)} is not one of: {', '.join(_HEVY_KINDS)}",
                     index, line, "set_type")
        self.number(row, "set_index", index, line, "set index", 0, 10_000, whole=True)  # checked only
        self._load_units(bool(load), line)
        if date is None or found is None or reps is None or kind is None:
            return None
        return self._set(date, found, reps, load, self.units, rpe, kind, None, line, name)


READERS: dict[str, type[RowReader]] = {"engine": EngineRows, "strong": StrongRows, "hevy": HevyRows}
