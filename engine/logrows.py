"""What the three log formats' row readers share: reading cells, numbers,
dates and exercise names, and the checks that hold for every format (a
short row, a loaded lift with no load, one session in two units, unknown
exercise names), each reported at the cell it is about.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import ClassVar

from engine.logfile import LogFile
from engine.logmodel import ExerciseNames, LoggedSet
from engine.lognumbers import Ambiguous, read_number

MAX_UNKNOWN_LISTED = 20  # unknown exercise names warned about one by one
MAX_REPS = 1000
MAX_LOAD = 10_000.0
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")
# What to write in an empty load cell, by what loads the form (engine.gear's kinds).
_WRITE = {
    "barbell": "a barbell lift: write the weight of the bar and its plates",
    "trap-bar": "a trap-bar lift: write the weight of the bar and its plates",
    "dumbbells": "a dumbbell lift: write the weight of one dumbbell",
    "kettlebells": "a kettlebell lift: write the weight of one kettlebell",
    "machine": "a machine or cable lift: write the stack's setting",
    "plate": "lifted with plates: write the plates' weight",
    "carried": "lifted with a weight worn: write its weight",
}

Found = tuple[str, str | None]  # (exercise id, variant id | None)
Cells = tuple[str, _dt.date | None, Found | None, float | None, float | None, float | None]


def _not_whole() -> int:
    raise ValueError("not a whole number")


def _shorten(value: str) -> str:
    from engine.errors import shorten

    return shorten(repr(value))


def form_name(found: Found) -> str:
    return f"{found[0]}/{found[1]}" if found[1] else found[0]


class RowReader:
    """Turns rows of one format into LoggedSets, reporting each bad cell."""

    neutralised: ClassVar[bool] = False  # a leading ' that disarmed a formula is taken off
    units_column: ClassVar[str | None] = None  # the column with each row's units, if the format has one

    def __init__(self, header: list[str], f: LogFile, names: ExerciseNames, default_units: str) -> None:
        self.header, self.f, self.names = header, f, names
        self.col = {h: i for i, h in reversed(list(enumerate(header)))}
        self.units = default_units
        self.unknown: dict[str, list[tuple[int, int]]] = {}  # name -> (line, row index) of its rows
        self.name_column = ""
        self.counters: dict[tuple[str, str], int] = {}
        # (date, form) -> units -> [sets, row index, line] of the session's first set in those units
        self.sessions: dict[tuple[_dt.date, str], dict[str, list[int]]] = {}
        self.ok = True
        self.assumed = False  # the units are not in the file
        self.warned_units = False
        self.said: set[str] = set()  # warnings given once per file, where they first happen

    def repeated(self) -> None:
        """An error for each column the format reads named twice in the header (one pass: a header may be long)."""
        seen: dict[str, int] = {}
        for h in self.header:
            if self.reads(h):
                seen[h] = seen.get(h, 0) + 1
        for h, count in seen.items():
            if count > 1:
                self.twice([h, h], f"column {h!r}" if h else "a column")

    def twice(self, columns: list[str], what: str) -> None:
        """An error at the second of `columns` (header cells the format reads as one thing: two `reps`, or
        Strong's `Weight (kg)` and `Weight (lb)`): which one the sets are in is a guess; the file is not read."""
        if len(columns) > 1:
            first, second = (self.header.index(c) for c in columns[:2])
            second = self.header.index(columns[1], first + 1) if columns[0] == columns[1] else second
            self.f.error(f"{what} twice in the header, {_shorten(columns[0])} (cell {first + 1}) and "
                         f"{_shorten(columns[1])} (cell {second + 1}): keep the one the sets are in", 1, second + 1)
            self.ok = False

    def row(self, row: list[str], index: int, line: int) -> LoggedSet | None:
        raise NotImplementedError

    def loads_in(self, column: str | None) -> None:
        """Name the file's load column, where its sets' loads are pointed at."""
        self.f.load_column = column
        self.f.load_field = self.col[column] + 1 if column is not None and column in self.col else 0

    def reads(self, column: str) -> bool:
        """Is the column one this format reads (not a note or a name shown)?"""
        raise NotImplementedError

    def _once(self, what: str, message: str, index: int, line: int, column: str) -> None:
        if what not in self.said:
            self.said.add(what)
            self.f.warn(message, line, self.col.get(column, 0) + 1, (index, column) if column in self.col else ())

    # -- cells --

    def cell(self, row: list[str], name: str | None) -> str:
        i = self.col.get(name) if name is not None else None
        if i is None or i >= len(row):
            return ""
        value = row[i].strip()
        return _NEUTRALISED.sub("", value) if self.neutralised and value[:1] == "'" else value

    def bad(self, message: str, index: int, line: int, name: str) -> None:
        self.f.error(message, line, self.col.get(name, 0) + 1, (index, name))

    def misshapen(self, row: list[str], index: int, line: int) -> bool:
        """A row with fewer cells than the header, missing cells the format
        reads, or more, not empty: an error at the row's end or its first
        cell past the header (the row is not read; its cells would be
        guessed: `225,5` unquoted moves every later cell along)."""
        past = next((i for i in range(len(self.header), len(row)) if row[i].strip()), None)
        if past is not None:
            self.f.error(f"this row has {len(row)} cells, the header {len(self.header)}: a cell past the header's "
                         f"last, {_shorten(row[past])}; a number with a decimal comma is quoted "
                         f"(\"225,5\") in a file whose cells are separated by {self.f.delimiter!r}",
                         line, past + 1, (index,))
            return True
        missing = [h for h in self.header[len(row):] if self.reads(h)]
        if not missing:
            return False
        named = [repr(h) for h in missing]
        cells = " and ".join(filter(None, (", ".join(named[:-1]), named[-1])))
        self.f.error(f"this row has {len(row)} cell{'s' if len(row) != 1 else ''}, the header {len(self.header)}: "
                     f"no {cells} cell{'s' if len(missing) > 1 else ''} (an empty cell is still written, "
                     f"as nothing between two {self.f.delimiter!r})",
                     line, len(row) + 1, (index, missing[0]))
        return True

    def number(self, row: list[str], name: str | None, index: int, line: int, what: str, lo: float, hi: float,
               whole: bool = False) -> float | None:
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
        reasons = []  # a date written as a format has it, but no day of the calendar: "day is out of range ..."
        try:  # ISO dates and times (the engine's and Strong's): the C parser
            return _dt.datetime.fromisoformat(text).date()
        except ValueError as exc:
            reasons.append(str(exc))
        for fmt in ("%d %b %Y, %H:%M", "%d %b %Y %H:%M", "%d %B %Y, %H:%M",  # Hevy; English month names
                    "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"):  # unpadded, as in 2026-1-7
            try:
                return _dt.datetime.strptime(text, fmt).date()
            except ValueError as exc:
                reasons.append(str(exc))
        real = next((r for r in reasons if r.startswith(("day ", "month ", "year "))), None)
        said = f"{_shorten(text)} is not a date: {real}" if real else \
            f"expected a date like 2026-12-07, got {_shorten(text)}" if text else "missing date"
        self.bad(said, index, line, name)
        return None

    # -- what every format has --

    def _exercise(self, name: str, index: int, line: int, column: str) -> Found | None:
        if not name:
            self.bad("missing exercise name", index, line, column)
            return None
        found = self.names.resolve(name)
        if found is None:
            self.name_column = column
            self.unknown.setdefault(name, []).append((line, index))
        return found

    def _load_units(self, has_load: bool, line: int) -> None:
        if has_load and self.assumed and not self.warned_units:
            self.warned_units = True
            self.f.warn(f"no unit column: weights read as {self.units} ({self.f.units_from})", 1,
                        self.f.load_field or 1)

    def _has_load(self, found: Found | None, load: float | None, row: list[str], index: int, line: int,
                  column: str, name: str, kind: str | None = "working") -> bool:
        """False (an error at the load cell) for a set of a loaded form with
        no load, or 0: read as nothing lifted, it would cut the lift to the
        empty bar. An empty load is a load only for bodyweight exercises and
        bands.
        A negative load is the help of an assisted form (Strong's way), and
        an error for any other. A warm-up is never read for progress: its
        load may be left out, or 0 (the empty bar, as some write it)."""
        if found is not None and load is not None and load < 0 and found not in self.names.assisted:
            self.bad(f"{self.cell(row, column)} is a negative load: only an assisted form (a machine-assisted "
                     f"pull-up) takes one, its help, and {form_name(found)} is not assisted; write the weight "
                     "lifted", index, line, column)
            return False
        empty = load is None and not self.cell(row, column)
        kind = self.names.load_kind(found) if found is not None and (empty or load == 0) and kind != "warmup" \
            else None
        if kind is None:
            return True
        assert found is not None
        form = form_name(found)
        what = form if name.casefold() in (form, found[0]) else f"{_shorten(name)} ({form})"
        write = _WRITE.get(kind, "a loaded lift: write the weight lifted")
        if not empty:  # 0: nothing lifted, as an empty cell
            self.bad(f"{self.cell(row, column)} is no load: {what} is {write} (0 means no added load only for a "
                     "bodyweight exercise)", index, line, column)
        elif column in self.col:
            self.bad(f"missing load: {what} is {write} (an empty load means no added load only for a "
                     "bodyweight exercise)", index, line, column)
        elif "no load column" not in self.said:
            self.said.add("no load column")
            self.f.error(f"missing load: the log has no {column!r} column, and {what} is {write} in one",
                         line, len(row) + 1, (index, column))
        return False

    def _set(self, date: _dt.date, found: Found, reps: float, load: float | None, units: str, rpe: float | None,
             kind: str, number: float | None, where: tuple[int, int], name: str) -> LoggedSet:
        ex_id, variant = found
        index, line = where
        if load and found in self.names.assisted:  # help, as Strong's -60 or Hevy's 60: less moved
            load = -abs(load)
        key = (date.isoformat(), f"{ex_id}/{variant}")
        self.counters[key] = self.counters.get(key, 0) + 1
        if load:  # the units of a set with nothing added say nothing
            seen = self.sessions.setdefault((date, form_name(found)), {}).setdefault(units, [0, index, line])
            seen[0] += 1
        return LoggedSet(date, ex_id, variant, int(reps), load, units, rpe, kind,
                         int(number or self.counters[key]), self.f.file, line, name, index)

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
        load = self.number(row, load_col, index, line, load_what, -MAX_LOAD, MAX_LOAD)  # < 0: assistance
        rpe = self._rpe(row, rpe_col, index, line)
        if reps == 0 and rpe is not None and rpe < 10:
            # a rating of a set nobody finished a rep of: a slip in one of the two, or a missed attempt
            self.bad(f"0 reps at RPE {rpe:g}: a set with no rep done is a missed attempt (RPE 10, or no RPE); "
                     "check the reps", index, line, rpe_col)
            rpe = None
        return name, date, found, reps, load, rpe

    def _rpe(self, row: list[str], name: str, index: int, line: int) -> float | None:
        rpe = self.number(row, name, index, line, "RPE", 1, 10)
        if rpe is not None and (rpe * 2) != int(rpe * 2):
            self.bad(f"RPE {rpe:g} is not in half points", index, line, name)
            return None
        return rpe

    def finish(self) -> None:
        self._mixed_units()
        self._unknown_names()

    def _mixed_units(self) -> None:
        """Sets of one form on one day in two units: one of them is most
        likely mistyped. A warning at the first set in the rarer units."""
        for (date, form), by_units in self.sessions.items():
            if len(by_units) < 2:
                continue
            # The rarer units; on a tie, those of the later set.
            odd = min(by_units, key=lambda u: (by_units[u][0], -by_units[u][2]))
            count, index, line = by_units[odd]
            rows = f"line {self.f.locate(line, 1)[0]}" + (f" and {count - 1} more" if count > 1 else "")
            others = " and ".join(sorted(u for u in by_units if u != odd))
            column = self.units_column or ""
            self.f.warn(f"sets of {form} on {date} in {' and '.join(sorted(by_units))}: check the units "
                        f"({rows} in {odd}, the session's other sets in {others})", line, self.col.get(column, 0) + 1,
                        (index, column) if column in self.col else ())

    def _unknown_names(self) -> None:
        # Each unknown name is one warning with hints, up to a point: a log
        # of 100,000 made-up names gets a count, not 100,000 fuzzy searches.
        items = list(self.unknown.items())
        cell = self.col.get(self.name_column, 0) + 1
        if len(items) > MAX_UNKNOWN_LISTED:
            rest = items[MAX_UNKNOWN_LISTED:]
            rows = sum(len(lines) for _, lines in rest)
            line, index = rest[0][1][0]
            self.f.warn(f"{len(rest)} more unknown exercise names ({rows} rows, not used), "
                        f"such as {_shorten(rest[0][0])}", line, cell, (index, self.name_column))
            items = items[:MAX_UNKNOWN_LISTED]
        for name, lines in items:
            hint = self.names.suggest(name)
            maybe = f"; did you mean {' or '.join(repr(h) for h in hint)}?" if hint else ""
            shown = [self.f.locate(n, 1)[0] for n, _ in lines[:8]]
            more = f" and {len(lines) - 8} more" if len(lines) > 8 else ""
            where = f"line{'s' if len(lines) != 1 else ''} {', '.join(map(str, shown))}{more}"
            line, index = lines[0]
            mapped = f"map it in the rule file: [aliases] {_shorten(name[:40])} = \"exercise-id\""
            self.f.warn(f"unknown exercise {_shorten(name)} ({where}, not used)"
                        f"{maybe + ' Or ' if maybe else '; '}{mapped}",
                        line, cell, (index, self.name_column))
