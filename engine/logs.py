"""Training logs: the engine's own CSV, Strong and Hevy exports.

The format is told from the header line alone; nothing is guessed silently
(an assumption, such as the units of a file without a unit column, is a
warning). Every malformed cell is a located problem, `file:line:col:
$[row].column: message`. Logs are only ever read.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any, Mapping, Sequence

from engine.errors import WARNING, EngineError, Problem
from engine.model.base import Frozen, set_field

LOG_COLUMNS: tuple[str, ...] = (
    "program", "athlete", "week", "day", "date", "slot", "exercise", "variant", "exercise_name",
    "set", "set_type", "target_reps", "target_rpe", "target_load", "units", "per_side",
    "reps", "load", "rpe", "notes",
)
REQUIRED_COLUMNS = ("date", "exercise", "reps")
MAX_LOG_BYTES = 32 * 1024 * 1024
MAX_UNKNOWN_LISTED = 20  # unknown exercise names warned about one by one
MAX_LOG_ROWS = 500_000
MAX_REPS = 1000
MAX_LOAD = 10_000.0

STRONG_REQUIRED = ("Date", "Exercise Name", "Set Order", "Reps")
STRONG_UNIT = "Weight Unit"  # newer Strong exports: the unit of each row's weight
HEVY_REQUIRED = ("start_time", "exercise_title", "set_index", "set_type", "reps")
KINDS = ("working", "warmup", "drop", "failure")
_HEVY_KINDS = {"normal": "working", "warmup": "warmup", "dropset": "drop", "failure": "failure"}
_STRONG_MARKS = {"W": "warmup", "D": "drop", "F": "failure"}
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")


class LoggedSet(Frozen):
    """One performed set read from a log, in the log's units."""

    __slots__ = (
        "date", "exercise", "variant", "reps", "load", "units", "rpe", "kind", "set_number", "file", "line",
        "name",
    )
    date: _dt.date
    exercise: str
    variant: str | None
    reps: int
    load: float | None
    units: str
    rpe: float | None
    kind: str
    set_number: int
    file: str
    line: int
    name: str

    def __init__(
        self,
        date: _dt.date,
        exercise: str,
        variant: str | None,
        reps: int,
        load: float | None,
        units: str,
        rpe: float | None,
        kind: str,
        set_number: int,
        file: str,
        line: int,
        name: str,
    ) -> None:
        set_field(self, "date", date)
        set_field(self, "exercise", exercise)
        set_field(self, "variant", variant)
        set_field(self, "reps", reps)
        set_field(self, "load", load)
        set_field(self, "units", units)
        set_field(self, "rpe", rpe)
        set_field(self, "kind", kind)
        set_field(self, "set_number", set_number)
        set_field(self, "file", file)
        set_field(self, "line", line)
        set_field(self, "name", name)

    @property
    def counts(self) -> bool:
        """Warm-ups never drive progression."""
        return self.kind != "warmup"


class Log(Frozen):
    """Every set read from an athlete's logs, oldest first."""

    __slots__ = ("sets", "files")
    sets: tuple[LoggedSet, ...]
    files: tuple[str, ...]

    def __init__(self, sets: tuple[LoggedSet, ...], files: tuple[str, ...] = ()) -> None:
        set_field(self, "sets", sets)
        set_field(self, "files", files)

    def last_done(self) -> dict[str, _dt.date]:
        out: dict[str, _dt.date] = {}
        for s in self.sets:
            if not s.counts:
                continue
            for key in (s.exercise, f"{s.exercise}/{s.variant}" if s.variant else None):
                if key and (key not in out or s.date > out[key]):
                    out[key] = s.date
        return out

    @property
    def last_date(self) -> _dt.date | None:
        return max((s.date for s in self.sets), default=None)


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


class ExerciseNames:
    """Maps names found in logs to (exercise id, variant id | None):
    ids, names and aliases of exercises and variants, and the rule file's
    own `[aliases]`; case and spacing do not matter."""

    def __init__(self, table: Mapping[str, tuple[str, str | None]], display: Sequence[str],
                 variants: Mapping[str, tuple[str, ...]] | None = None):
        self._table = dict(table)
        self._display = list(display)
        self.variants = dict(variants or {})  # exercise id -> its variant ids, for the `variant` column

    @classmethod
    def from_exercises(cls, exercises: Mapping[str, Any], aliases: Mapping[str, str] | None = None) -> "ExerciseNames":
        table: dict[str, tuple[str, str | None]] = {}
        display: list[str] = []

        def add(name: str, target: tuple[str, str | None]) -> None:
            key = _norm(name)
            if key and key not in table:
                table[key] = target
                display.append(name)

        for ex in exercises.values():
            for name in (ex.id, ex.name, *ex.aliases):
                add(name, (ex.id, None))
            for v in ex.variants:
                for name in (f"{ex.id}/{v.id}", v.name, *v.aliases):
                    add(name, (ex.id, v.id))
        for name, target in (aliases or {}).items():
            ex_id, _, variant = target.partition("/")
            table[_norm(name)] = (ex_id, variant or None)  # the rule file wins
            display.append(name)
        return cls(table, display, {ex.id: tuple(v.id for v in ex.variants) for ex in exercises.values()})

    def resolve(self, name: str) -> tuple[str, str | None] | None:
        return self._table.get(_norm(name))

    def suggest(self, name: str, n: int = 3) -> list[str]:
        import difflib

        by_key = {_norm(d): d for d in self._display}
        return [by_key[k] for k in difflib.get_close_matches(_norm(name), list(by_key), n=n, cutoff=0.6)]


def detect_format(header: Sequence[str]) -> str | None:
    cols = {c.strip() for c in header}
    if all(c in cols for c in HEVY_REQUIRED):
        return "hevy"
    if all(c in cols for c in STRONG_REQUIRED):
        return "strong"
    if all(c in cols for c in REQUIRED_COLUMNS):
        return "engine"
    return None


class _File:
    """Problems and helpers for one log file."""

    def __init__(self, display: str, units_from: str):
        self.file = display
        self.units_from = units_from  # where the default units came from, for the warning
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.text: str | None = None
        self.delimiter = ","
        self.decimal: str | None = None  # the file's decimal mark, when it shows one
        self._starts: list[int] | None = None
        self._newlines: list[int] | None = None

    def error(self, message: str, line: int = 1, field: int = 1, path: tuple = ()) -> None:
        line, column = self._locate(line, field)
        self.errors.append(Problem(self.file, path, message, line=line, column=column))

    def warn(self, message: str, line: int = 1, field: int = 1, path: tuple = ()) -> None:
        line, column = self._locate(line, field)
        self.warnings.append(Problem(self.file, path, message, WARNING, line=line, column=column))

    def _locate(self, line: int, field: int) -> tuple[int, int]:
        """Line and character column of a cell, from the csv module's line
        count and the cell's position in its row. The csv module counts a
        lone carriage return as a line break; editors and the rest of the
        engine count newlines. A missing cell is placed where its row ends.
        Runs only for problems: a scan of the row, a bisection for the line."""
        text = self.text
        if text is None:
            return line, 1
        import re

        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer(r"\r\n?|\n", text)]
        starts = self._starts
        offset = _cell_offset(text, starts[min(max(line, 1), len(starts)) - 1], field, self.delimiter)
        if self._newlines is None and "\r" in text:  # only carriage returns need the mapping
            self._newlines = [m.start() for m in re.finditer("\n", text)]
        if self._newlines is not None:
            import bisect

            number = bisect.bisect_left(self._newlines, offset) + 1
        else:  # the csv module's count is already ours
            number = min(max(line, 1), len(starts))
            if offset != starts[number - 1]:
                number = text.count("\n", starts[number - 1], offset) + number
        line_start = text.rfind("\n", 0, offset) + 1
        return number, offset - line_start + 1


def _not_whole() -> int:
    raise ValueError("not a whole number")


def _shorten(value: str) -> str:
    from engine.errors import shorten

    return shorten(repr(value))


def _cell_offset(text: str, offset: int, field: int, delimiter: str) -> int:
    """Where cell `field` (1-based) of the row starting at `offset` begins;
    a missing cell is placed where its row ends."""
    n, quoted, i = 1, False, offset
    while n < field and i < len(text):
        c = text[i]
        if c == '"':
            quoted = not quoted
        elif not quoted and c == delimiter:
            n += 1
            offset = i + 1
        elif not quoted and c in "\r\n":
            return i
        i += 1
    return i if n < field else offset


def read_logs(paths: Sequence[str | Path], names: ExerciseNames, *, default_units: str,
              units_from: str = "the athlete's units") -> tuple[Log, list[Problem]]:
    """Read every file. Returns the log and its warnings; raises EngineError
    with the problems of every file at once if any file has an error.
    `units_from` says where `default_units` came from, for the warning about
    a file without a unit column."""
    per_file: list[list[LoggedSet]] = []
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for path in paths:
        f = _File(str(path), units_from)
        text = _read(Path(path), f)
        per_file.append(_parse(text, f, names, default_units) if text is not None else [])
        errors.extend(f.errors)
        warnings.extend(f.warnings)
    if errors:
        raise EngineError(errors + warnings)
    sets = _one_copy(per_file, warnings)
    sets.sort(key=lambda s: (s.date, s.file, s.line))
    return Log(tuple(sets), tuple(str(p) for p in paths)), warnings


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


def _read(path: Path, f: _File) -> str | None:
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


def _parse(text: str, f: _File, names: ExerciseNames, default_units: str) -> list[LoggedSet]:
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
        header = [h.strip() for h in next(reader)]
        fmt = detect_format(header)
        if fmt is None:
            f.error("unknown log format: the header matches none of the engine's own CSV "
                    f"(needs {', '.join(REQUIRED_COLUMNS)}), Strong (needs {', '.join(STRONG_REQUIRED)}) "
                    f"or Hevy (needs {', '.join(HEVY_REQUIRED)})")
            return []
        parser = _Rows(fmt, header, f, names, default_units)
        if not parser.ok:
            return []
        out: list[LoggedSet] = []
        line = reader.line_num + 1
        for index, row in enumerate(reader):
            if index >= MAX_LOG_ROWS:
                f.error(f"more than {MAX_LOG_ROWS} rows", line)
                break
            if row and any(cell.strip() for cell in row):
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


class _Rows:
    """Turns rows of one format into LoggedSets, reporting each bad cell."""

    def __init__(self, fmt: str, header: list[str], f: _File, names: ExerciseNames, default_units: str):
        self.fmt, self.header, self.f, self.names = fmt, header, f, names
        self.col = {h: i for i, h in reversed(list(enumerate(header)))}
        self.units = default_units
        self.unknown: dict[str, list[int]] = {}
        self.counters: dict[tuple[str, str], int] = {}
        self.ok = True
        if fmt == "engine":
            extra = [h for h in header if h not in LOG_COLUMNS]
            for h in extra:
                import difflib

                close = difflib.get_close_matches(h, LOG_COLUMNS, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f" (columns: {', '.join(LOG_COLUMNS)})"
                f.error(f"unknown column {_shorten(h)}{hint}", 1, header.index(h) + 1)
            self.ok = not extra
            self.assumed = "units" not in self.col
        elif fmt == "strong":
            # Older exports name the unit in the header ("Weight (kg)"),
            # newer ones have a "Weight Unit" column per row.
            weight = [h for h in header if h.startswith("Weight") and h != STRONG_UNIT]
            self.weight = weight[0] if weight else None
            unit = re.search(r"\((kg|lbs?)\)", self.weight or "")
            self.assumed = unit is None and STRONG_UNIT not in self.col
            if unit:
                self.units = "kg" if unit.group(1) == "kg" else "lb"
        else:
            self.weight = ("weight_kg" if "weight_kg" in self.col else
                           "weight_lbs" if "weight_lbs" in self.col else None)
            self.units = "lb" if self.weight == "weight_lbs" else ("kg" if self.weight else default_units)
            self.assumed = self.weight is None
        self.warned_units = False

    # -- cells --

    def cell(self, row: list[str], name: str | None) -> str:
        if name is None or name not in self.col or self.col[name] >= len(row):
            return ""
        value = row[self.col[name]].strip()
        return _NEUTRALISED.sub("", value) if self.fmt == "engine" else value

    def bad(self, message: str, index: int, line: int, name: str) -> None:
        self.f.error(message, line, self.col.get(name, 0) + 1, (index, name))

    def number(self, row, name, index, line, what, lo, hi, whole=False) -> float | None:
        from engine.lognumbers import Ambiguous, read_number

        text = self.cell(row, name)
        if not text:
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

    def date(self, row, name, index, line) -> _dt.date | None:
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

    # -- rows --

    def row(self, row: list[str], index: int, line: int) -> LoggedSet | None:
        if self.fmt == "engine":
            return self.engine_row(row, index, line)
        if self.fmt == "strong":
            return self.strong_row(row, index, line)
        return self.hevy_row(row, index, line)

    def _exercise(self, name: str, index: int, line: int, column: str) -> tuple[str, str | None] | None:
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

    def _set(self, date, found, reps, load, units, rpe, kind, number, line, name) -> LoggedSet:
        ex_id, variant = found
        key = (date.isoformat(), f"{ex_id}/{variant}")
        self.counters[key] = self.counters.get(key, 0) + 1
        return LoggedSet(date, ex_id, variant, int(reps), load, units, rpe, kind,
                         number or self.counters[key], self.f.file, line, name)

    def engine_row(self, row, index, line):
        reps_text = self.cell(row, "reps")
        if not reps_text:
            return None  # planned but not done (yet)
        name, date, found, reps, load, rpe = self._set_cells(row, index, line, "date", "exercise", "reps",
                                                             "load", "load", "rpe")
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
            known = self.names.variants.get(found[0], ())
            if variant not in known:
                from engine.errors import suggest

                self.bad(f"{found[0]!r} has no variant {_shorten(variant)} (variants: {', '.join(known) or 'none'})"
                         f"{suggest(variant, list(known))}", index, line, "variant")
                found = None
            else:
                found = (found[0], variant)
        if None in (date, found, reps):
            return None
        return self._set(date, found, reps, load, units, rpe, kind, number, line, name)

    def _set_cells(self, row, index, line, date_col, name_col, reps_col, load_col, load_what, rpe_col):
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

    def _rpe(self, row, name, index, line) -> float | None:
        rpe = self.number(row, name, index, line, "RPE", 1, 10)
        if rpe is not None and (rpe * 2) != int(rpe * 2):
            self.bad(f"RPE {rpe:g} is not in half points", index, line, name)
            return None
        return rpe

    def strong_row(self, row, index, line):
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
        units = self._strong_unit(row, index, line)
        if None in (date, found, reps, units):
            return None
        # Strong numbers working sets apart from warm-ups, Hevy counts them
        # all: the position in the session is the one numbering both share.
        return self._set(date, found, reps, load, units, rpe, kind, None, line, name)

    def _strong_unit(self, row: list[str], index: int, line: int) -> str | None:
        """The row's "Weight Unit" (kg, lbs), else the file's units."""
        text = self.cell(row, STRONG_UNIT)
        if not text:
            return self.units
        unit = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb"}.get(text.strip().casefold())
        if unit is None:
            self.bad(f"weight unit must be kg or lbs, got {_shorten(text)}", index, line, STRONG_UNIT)
        return unit

    def hevy_row(self, row, index, line):
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
        if None in (date, found, reps, kind):
            return None
        return self._set(date, found, reps, load, self.units, rpe, kind, None, line, name)

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
            shown = [self.f._locate(n, 1)[0] for n in lines[:8]]
            more = f" and {len(lines) - 8} more" if len(lines) > 8 else ""
            where = f"line{'s' if len(lines) != 1 else ''} {', '.join(map(str, shown))}{more}"
            self.f.warn(f"unknown exercise {_shorten(name)} ({where}, not used){maybe} "
                        f"Map it in the rule file: [aliases] {_shorten(name[:40])} = \"exercise-id\"",
                        lines[0], 1)
