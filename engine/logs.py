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
from typing import Sequence

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
    twice; a warning says what was left out."""
    owner: dict[tuple[_dt.date, str], str] = {}
    out: list[LoggedSet] = []
    for sets in per_file:
        skipped: dict[str, list[LoggedSet]] = {}
        for s in sets:
            first = owner.setdefault((s.date, s.exercise), s.file)
            if first == s.file:
                out.append(s)
            else:
                skipped.setdefault(first, []).append(s)
        for first, dropped in skipped.items():
            days = sorted({(s.date, s.exercise) for s in dropped})
            example = f"{days[0][0]} {days[0][1]}"
            warnings.append(Problem(dropped[0].file, (), (
                f"{len(days)} session{'s' if len(days) != 1 else ''} (such as {example}) also in {first}: "
                "read from there only"), WARNING, line=dropped[0].line, column=1))
    return out


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
        out: list[LoggedSet] = []
        line = reader.line_num + 1
        for index, row in enumerate(reader):
            if index >= MAX_LOG_ROWS:
                f.error(f"more than {MAX_LOG_ROWS} rows", line)
                break
            if row and any(cell.strip() for cell in row) and not parser.misshapen(row, index, line):
                item = parser.row(row, index, line)
                if item is not None:
                    out.append(item)
            line = reader.line_num + 1
            if len(f.errors) >= 100:
                f.error("too many errors; stopped reading", line)
                break
        parser.finish()
        return out
    except csv.Error as exc:
        f.error(f"not a readable CSV file: {exc}", reader.line_num or 1)
        return []
