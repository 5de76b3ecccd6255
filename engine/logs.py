"""Training logs: the engine's own CSV, Strong and Hevy exports.

The format is told from the header line alone; nothing is guessed silently
(an assumption, such as the units of a file without a unit column, is a
warning). Every malformed cell is a located problem, `file:line:col:
$[row].column: message`. Logs are only ever read.

This module reads the files and their CSV dialect; `logmodel` holds what a
log reads into, `logformats` the three formats' row readers and `logfile`
the located problems of one file. The names other modules use are all
importable from here.
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any, Sequence

from engine.errors import WARNING, EngineError, Problem
from engine.logfile import LogFile
from engine.logformats import (
    HEVY_REQUIRED,
    KINDS,
    LOG_COLUMNS,
    MAX_LOAD,
    MAX_REPS,
    MAX_UNKNOWN_LISTED,
    READERS,
    REQUIRED_COLUMNS,
    STRONG_REQUIRED,
    STRONG_UNIT,
    detect_format,
)
from engine.logmodel import ExerciseNames, Log, LoggedSet

__all__ = [
    "LOG_COLUMNS", "REQUIRED_COLUMNS", "STRONG_REQUIRED", "STRONG_UNIT", "HEVY_REQUIRED", "KINDS", "MAX_LOG_BYTES",
    "MAX_LOG_ROWS", "MAX_UNKNOWN_LISTED", "MAX_REPS", "MAX_LOAD", "LoggedSet", "Log", "ExerciseNames",
    "detect_format", "read_logs",
]

MAX_LOG_BYTES = 32 * 1024 * 1024
MAX_LOG_ROWS = 500_000


def read_logs(paths: Sequence[str | os.PathLike[str]], names: ExerciseNames, *, default_units: str,
              units_from: str = "the athlete's units") -> tuple[Log, list[Problem]]:
    """Read every file. Returns the log and its warnings; raises EngineError
    with the problems of every file at once if any file has an error.
    `units_from` says where `default_units` came from, for the warning about
    a file without a unit column."""
    per_file: list[list[LoggedSet]] = []
    errors: list[Problem] = []
    warnings: list[Problem] = []
    files: dict[str, LogFile] = {}
    for path in paths:
        f = files[str(path)] = LogFile(str(path), units_from)
        text = _read(path, f)
        per_file.append(_parse(text, f, names, default_units) if text is not None else [])
        errors.extend(f.errors)
        warnings.extend(f.warnings)
    if errors:
        raise EngineError(errors + warnings)
    sets = _one_copy(per_file, warnings)
    sets.sort(key=lambda s: (s.date, s.file, s.line))
    return Log(tuple(sets), tuple(str(p) for p in paths), files), warnings


def _one_copy(per_file: list[list[LoggedSet]], warnings: list[Problem]) -> list[LoggedSet]:
    """Each day's sets of an exercise from one file only: the first given
    that has them. Overlapping exports (this month's Strong export and last
    month's, or the engine's CSV beside the app's) would count every set
    twice; a warning says what was left out, and which of those sessions
    the other file has otherwise (a set more, another load): the first
    file's are the ones read."""
    owner: dict[tuple[_dt.date, str], str] = {}
    kept: dict[tuple[_dt.date, str], list[LoggedSet]] = {}
    out: list[LoggedSet] = []
    for sets in per_file:
        skipped: dict[str, list[LoggedSet]] = {}
        for s in sets:
            first = owner.setdefault((s.date, s.exercise), s.file)
            if first == s.file:
                out.append(s)
                kept.setdefault((s.date, s.exercise), []).append(s)
            else:
                skipped.setdefault(first, []).append(s)
        for first, dropped in skipped.items():
            by_day: dict[tuple[_dt.date, str], list[LoggedSet]] = {}
            for s in dropped:
                by_day.setdefault((s.date, s.exercise), []).append(s)
            days = sorted(by_day)
            example = f"{days[0][0]} {days[0][1]}"
            other = [day for day in days if _differs(kept[day], by_day[day])]
            here = by_day[other[0]] if other else []
            differ = "" if not other else (
                f"; {len(other)} of them {'differs' if len(other) == 1 else 'differ'} there (such as {other[0][0]} "
                f"{other[0][1]}: {_sets_of(kept[other[0]])} there, line {_first(kept[other[0]])}; "
                f"{_sets_of(here)} here, line {_first(here)})")
            warnings.append(Problem(dropped[0].file, (), (
                f"{len(days)} session{'s' if len(days) != 1 else ''} (such as {example}) also in {first}: "
                f"read from there only{differ}"), WARNING, line=dropped[0].line, column=1))
    return out


def _rows(reader: Any, parser: Any, f: LogFile, again: _Repeats) -> list[LoggedSet]:
    """The sets of the rows after the header, a workout an app exported twice read once (`_Repeats`)."""
    out: list[LoggedSet] = []
    line = reader.line_num + 1
    for index, row in enumerate(reader):
        if index >= MAX_LOG_ROWS:
            f.error(f"more than {MAX_LOG_ROWS} rows", line)
            break
        if row and any(cell.strip() for cell in row) and not parser.misshapen(row, index, line):
            out.extend(item for r, i, at in again.add(row, index, line) if (item := parser.row(r, i, at)))
        line = reader.line_num + 1
        if len(f.errors) >= 100:
            f.error("too many errors; stopped reading", line)
            break
    out.extend(item for r, i, at in again.add(None, 0, line) if (item := parser.row(r, i, at)))
    again.said(f)
    return out


class _Repeats:
    """An app writes a workout as rows that carry its time and its title: a
    workout (rows of one time and title) whose cells read are those of an
    earlier one in the file, whatever its title ("Day C (copy)", saved next
    to it or not), is the workout exported twice, read once. Sets alike
    within one workout (three failure sets, two blocks of one exercise, an
    even number of rounds alike) are all read, and the engine's own CSV is
    never checked; a workout whose second half repeats its first is said,
    as it may be a copy saved under the same title."""

    TIME = {"strong": ("Date", "Workout Name"), "hevy": ("start_time", "title")}

    def __init__(self, fmt: str, parser: Any) -> None:
        header = list(parser.header)
        self.time = [header.index(c) for c in self.TIME[fmt] if c in header] if fmt in self.TIME else []
        self.read = [i for i, h in enumerate(header) if parser.reads(h)]
        self.workout: list[tuple[list[str], int, int]] = []
        self.seen: dict[tuple[tuple[str, ...], ...], int] = {}
        self.found: list[tuple[int, int, int]] = []  # (first line of a repeat, the line it repeats, rows)
        self.halves: list[tuple[int, int, int]] = []  # workouts whose second half repeats their first, as `found`

    def _cells(self, row: list[str], columns: list[int]) -> tuple[str, ...]:
        return tuple(row[i].strip() if i < len(row) else "" for i in columns)

    def add(self, row: list[str] | None, index: int, line: int) -> list[tuple[list[str], int, int]]:
        """The rows to read now: a workout once it ends (every row at once when the format has no times)."""
        if not self.time:
            return [] if row is None else [(row, index, line)]
        at = self.time
        if row is not None and self.workout and self._cells(row, at) == self._cells(self.workout[0][0], at):
            self.workout.append((row, index, line))
            return []
        ended, self.workout = self.workout, [] if row is None else [(row, index, line)]
        if not ended:
            return []
        cells = [self._cells(r, self.read) for r, _, _ in ended]
        half = len(ended) // 2
        if half >= 2 and len(ended) % 2 == 0 and cells[:half] == cells[half:]:  # both read: the coach decides
            self.halves.append((ended[half][2], ended[0][2], half))
        first = self.seen.setdefault(tuple(cells), ended[0][2])
        if first != ended[0][2]:
            self.found.append((ended[0][2], first, len(ended)))
            return []
        return ended

    def said(self, f: LogFile) -> None:
        if self.found:
            rows = sum(n for _, _, n in self.found)
            line, first, _ = self.found[0]
            f.warn(f"{rows} row{'s repeat' if rows != 1 else ' repeats'} a workout of earlier rows (from line {line}, "
                   f"the rows from line {first} again: the same time, exercises, sets, reps and loads): a workout "
                   "exported twice? Read once", line)
        for line, first, rows in self.halves:
            f.warn(f"the second half of this workout repeats its first set for set (from line {line}, the rows from "
                   f"line {first} again): {rows} sets alike done twice, or a copy saved under the same title? Both "
                   "are read; delete the copy's rows if it is one", line)


def _differs(ours: Sequence[LoggedSet], theirs: Sequence[LoggedSet]) -> bool:
    """Two files' copies of one session are not the same sets: another
    count, other reps or ratings, or a load more than 1% apart (in either
    units)."""
    from engine.loads import convert

    def work(sets: Sequence[LoggedSet]) -> list[tuple[int, float | None, float | None]]:
        return [(s.reps, None if s.load is None else convert(s.load, s.units, "kg"), s.rpe) for s in sets
                if s.kind != "warmup"]

    a, b = work(ours), work(theirs)
    return len(a) != len(b) or any(x[0] != y[0] or x[2] != y[2] or (x[1] is None) != (y[1] is None) or (
        x[1] is not None and y[1] is not None and abs(x[1] - y[1]) > 0.01 * max(abs(x[1]), abs(y[1]), 1.0))
        for x, y in zip(a, b, strict=True))


def _first(sets: Sequence[LoggedSet]) -> int:
    """The line of a session's first set past its warm-ups, as `_sets_of` shows the sets."""
    return next((s.line for s in sets if s.kind != "warmup"), sets[0].line)


def _sets_of(sets: Sequence[LoggedSet]) -> str:
    """"5, 5, 5 x 140 kg": a session's sets as logged, for a warning."""
    work = [s for s in sets if s.kind != "warmup"]
    loads = {(s.load, s.units) for s in work}
    reps = ", ".join(str(s.reps) for s in work)
    rated = " @ " + ", ".join("-" if s.rpe is None else f"{s.rpe:g}" for s in work) \
        if any(s.rpe is not None for s in work) else ""
    if len(loads) == 1:
        load, units = loads.pop()
        return (f"{reps} x {load:g} {units}" if load is not None else reps) + rated
    return f"{reps} at {', '.join(f'{s.load:g}' if s.load is not None else '-' for s in work)} {work[0].units}{rated}"


def _read(path: str | os.PathLike[str], f: LogFile) -> str | None:
    from engine.documents import NotRegularFile, read_regular

    try:
        raw = read_regular(path, MAX_LOG_BYTES)
    except IsADirectoryError:
        f.error("is a directory, not a log file")
        return None
    except NotRegularFile as exc:
        f.error(str(exc))
        return None
    except FileNotFoundError:
        f.error("no such file")
        return None
    except (OSError, ValueError) as exc:
        f.error(f"cannot read: {getattr(exc, 'strerror', None) or exc}")
        return None
    if len(raw) > MAX_LOG_BYTES:
        f.error(f"log is larger than the {MAX_LOG_BYTES // (1024 * 1024)} MiB limit")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        f.error("contains a NUL byte: this is not a CSV text file", raw[:nul].count(b"\n") + 1)
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        f.error("not valid UTF-8 text (export the log as UTF-8 CSV)", raw[: exc.start].count(b"\n") + 1)
        return None


def _header(cells: list[str]) -> list[str]:
    """The header's column names, a spreadsheet's trailing separators (no column) left off."""
    names = [h.strip() for h in cells]
    while names and not names[-1]:
        names.pop()
    return names


def _parse(text: str, f: LogFile, names: ExerciseNames, default_units: str) -> list[LoggedSet]:
    import csv
    import io

    first = text.split("\n", 1)[0]
    if not first.strip():
        f.error("empty log: expected a header line")
        return []
    # The header alone decides: comma, or semicolon (Strong on Android,
    # spreadsheets in many locales), or tab.
    delimiter = max((",", ";", "\t"), key=first.count)
    f.text, f.delimiter = text, delimiter
    from engine.lognumbers import convention

    f.decimal = convention(text, delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = _header(next(reader))
        fmt = detect_format(header)
        if fmt is None:
            f.error("unknown log format: the header matches none of the engine's own CSV "
                    f"(needs {', '.join(REQUIRED_COLUMNS)}), Strong (needs {', '.join(STRONG_REQUIRED)}) "
                    f"or Hevy (needs {', '.join(HEVY_REQUIRED)})")
            return []
        parser = READERS[fmt](header, f, names, default_units)
        parser.repeated()
        if not parser.ok:
            return []
        out = _rows(reader, parser, f, _Repeats(fmt, parser))
        parser.finish()
        f.said()
        return out
    except csv.Error as exc:
        f.error(f"not a readable CSV file: {exc}", reader.line_num or 1)
        return []
