"""The three log formats: the engine's own CSV, Strong's and Hevy's exports.

The header alone tells them apart (`detect_format`). Each has a row reader
that turns a row into a LoggedSet and reports every bad cell where it is;
what they share (cells, numbers, dates, exercise names, the unknown-name
warnings) is the base class's.
"""

from __future__ import annotations

import re
from typing import Sequence

from engine.logfile import LogFile
from engine.logmodel import ExerciseNames, LoggedSet
from engine.logrows import MAX_LOAD, MAX_REPS, MAX_UNKNOWN_LISTED, Found, RowReader, _shorten

__all__ = [
    "LOG_COLUMNS", "REQUIRED_COLUMNS", "STRONG_REQUIRED", "STRONG_UNIT", "HEVY_REQUIRED", "KINDS", "MAX_LOAD",
    "MAX_REPS", "MAX_UNKNOWN_LISTED", "READERS", "RowReader", "detect_format",
]

LOG_COLUMNS: tuple[str, ...] = (
    "program", "athlete", "week", "day", "date", "slot", "exercise", "variant", "exercise_name",
    "set", "set_type", "target_reps", "target_rpe", "target_load", "units", "per_side",
    "reps", "load", "rpe", "notes",
)
REQUIRED_COLUMNS = ("date", "exercise", "reps")

STRONG_REQUIRED = ("Date", "Exercise Name", "Set Order", "Reps")
STRONG_UNIT = "Weight Unit"  # newer Strong exports: the unit of each row's weight
# The units a log names, however the app or a hand wrote them: an older Strong export's weight header ("Weight
# (kg)"), Strong's Weight Unit column, the engine's own units column.
UNIT_NAMES = {"kg": "kg", "kgs": "kg", "kilograms": "kg", "lb": "lb", "lbs": "lb", "pounds": "lb"}


def unit_named(text: str) -> str | None:
    """"kg" or "lb" for a unit written any of those ways ("LBS", " Kg "); None for anything else."""
    return UNIT_NAMES.get(text.strip().casefold())
HEVY_REQUIRED = ("start_time", "exercise_title", "set_index", "set_type", "reps")
KINDS = ("working", "warmup", "drop", "failure")
_HEVY_KINDS = {"normal": "working", "warmup": "warmup", "dropset": "drop", "failure": "failure"}
_STRONG_MARKS = {"W": "warmup", "D": "drop", "F": "failure"}
# The columns of each format that are read (the rest are names shown and notes).
_ENGINE_READS = frozenset({"date", "exercise", "variant", "set", "set_type", "target_load", "units", "reps", "load",
                           "rpe"})
_HEVY_READS = frozenset({"start_time", "exercise_title", "set_index", "set_type", "weight_kg", "weight_lbs", "reps",
                         "distance_km", "duration_seconds", "rpe"})


def detect_format(header: Sequence[str]) -> str | None:
    cols = {c.strip() for c in header}
    if all(c in cols for c in HEVY_REQUIRED):
        return "hevy"
    if all(c in cols for c in STRONG_REQUIRED):
        return "strong"
    if all(c in cols for c in REQUIRED_COLUMNS):
        return "engine"
    return None



class EngineRows(RowReader):
    """The engine's own CSV (`LOG_COLUMNS`), as its CSV export writes it."""

    neutralised = True
    units_column = "units"

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
        self.loads_in("load")

    def reads(self, column: str) -> bool:
        return column in _ENGINE_READS

    def row(self, row: list[str], index: int, line: int) -> LoggedSet | None:
        if not self.cell(row, "reps"):
            self._not_done(row, index, line)
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
        units = self._units(row, index, line, load)
        variant = self.cell(row, "variant")
        if found and variant:
            found = self._variant(found[0], variant, index, line)
        if not self._has_load(found, load, row, index, line, "load", name, kind):
            return None
        if date is None or found is None or reps is None or units is None:
            return None
        return self._set(date, found, reps, load, units, rpe, kind, number, (index, line), name)

    def _not_done(self, row: list[str], index: int, line: int) -> None:
        """A row with no reps was not done, unless it has a load or an RPE:
        then the reps were left out, and the set cannot be read."""
        done = [c for c in ("load", "rpe") if self.cell(row, c)]
        if done:
            self.bad(f"missing reps: this row has {' and '.join(done)} filled in, so the set was done; write "
                     f"the reps lifted (or clear {' and '.join(done)} if the set was not done)", index, line, "reps")

    def _units(self, row: list[str], index: int, line: int, load: float | None) -> str | None:
        text = self.cell(row, "units")
        unit = unit_named(text) if text else None
        if text and unit is None:
            self.bad(f"units must be kg or lb, got {_shorten(text)}", index, line, "units")
            return None
        if not text and load and "units" in self.col:
            self._once("blank units", f"a load with an empty units cell: read as {self.units} "
                                      f"({self.f.units_from}), as is every such row of this file", index, line, "units")
        self._load_units(load is not None, line)
        return unit or self.units

    def _planned_load(self, row: list[str], index: int, line: int) -> float | None:
        """A done set of the engine's own export with `reps` filled in and
        `load` left empty: the athlete lifted what was planned."""
        planned = self.number(row, "target_load", index, line, "target load", 0, 10_000)
        if planned:
            self._once("planned load", "a set with reps but no load is read at its target_load, the load "
                                       "planned, as is every such row of this file (fill in load when "
                                       "another was lifted)", index, line, "load")
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

    units_column = STRONG_UNIT

    def __init__(self, header: list[str], f: LogFile, names: ExerciseNames, default_units: str) -> None:
        super().__init__(header, f, names, default_units)
        # Older exports name the unit in the header ("Weight (kg)"),
        # newer ones have a "Weight Unit" column per row.
        weight = [h for h in header if h.startswith("Weight") and h != STRONG_UNIT]
        self.twice(list(dict.fromkeys(weight)), "a weight column")  # (one name twice: RowReader says so)
        self.weight = weight[0] if weight else None
        named = re.search(r"\(([^)]*)\)", self.weight or "")
        self.header_units = None if named is None else unit_named(named.group(1))
        if named is not None and self.header_units is None and self.weight is not None:
            f.error(f"the header's weight unit must be kg or lbs, got {_shorten(named.group(1))}", 1,
                    header.index(self.weight) + 1)
        self.assumed = named is None and STRONG_UNIT not in self.col  # (a unit it does not know is an error)
        self.units = self.header_units or self.units
        self.loads_in(self.weight)

    def reads(self, column: str) -> bool:
        return column in STRONG_REQUIRED or column == "RPE" or column.startswith(("Weight", "Distance", "Seconds"))

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
        if not self._has_load(found, load, row, index, line, self.weight or "Weight", name, kind):
            return None
        if date is None or found is None or reps is None or units is None:
            return None
        # Strong numbers working sets apart from warm-ups, Hevy counts them
        # all: the position in the session is the one numbering both share.
        return self._set(date, found, reps, load, units, rpe, kind, None, (index, line), name)

    def _unit(self, row: list[str], index: int, line: int, loaded: bool) -> str | None:
        """The row's "Weight Unit" (kg, lbs), else the file's units. A
        weight with no unit, or a unit the header contradicts, is read but
        said once per file, where it first happens."""
        text = self.cell(row, STRONG_UNIT)
        if not text:
            if loaded and STRONG_UNIT in self.col and self.header_units is None:
                self._once("blank", f"a weight with no {STRONG_UNIT}: read as {self.units} ({self.f.units_from}), "
                                    "as is every such row of this file", index, line, STRONG_UNIT)
            return self.units
        unit = unit_named(text)
        if unit is None:
            self.bad(f"weight unit must be kg or lbs, got {_shorten(text)}", index, line, STRONG_UNIT)
        elif self.header_units is not None and unit != self.header_units:
            self._once("conflict", f"{STRONG_UNIT} {_shorten(text)} disagrees with the header's "
                                   f"{self.weight!r}: each row is read in its own {STRONG_UNIT}",
                       index, line, STRONG_UNIT)
        return unit


class HevyRows(RowReader):
    """Hevy's CSV export."""

    def __init__(self, header: list[str], f: LogFile, names: ExerciseNames, default_units: str) -> None:
        super().__init__(header, f, names, default_units)
        self.twice([h for h in ("weight_kg", "weight_lbs") if h in self.col], "a weight column")
        self.weight = ("weight_kg" if "weight_kg" in self.col else
                       "weight_lbs" if "weight_lbs" in self.col else None)
        self.units = "lb" if self.weight == "weight_lbs" else ("kg" if self.weight else default_units)
        self.assumed = self.weight is None
        self.loads_in(self.weight)

    def reads(self, column: str) -> bool:
        return column in _HEVY_READS

    def row(self, row: list[str], index: int, line: int) -> LoggedSet | None:
        if self.cell(row, "reps") in ("", "0", "0.0") and any(
                self.cell(row, c) not in ("", "0", "0.0") for c in ("distance_km", "duration_seconds")):
            return None  # cardio or a timed hold (no reps, or 0, as Strong writes them: read alike)
        name, date, found, reps, load, rpe = self._set_cells(row, index, line, "start_time", "exercise_title",
                                                             "reps", self.weight, "weight", "rpe")
        kind_text = self.cell(row, "set_type") or "normal"
        kind = _HEVY_KINDS.get(kind_text.casefold())
        if kind is None:
            self.bad(f"set_type {_shorten(kind_text)} is not one of: {', '.join(_HEVY_KINDS)}",
                     index, line, "set_type")
        self.number(row, "set_index", index, line, "set index", 0, 10_000, whole=True)  # checked only
        self._load_units(bool(load), line)
        if not self._has_load(found, load, row, index, line, self.weight or "weight_kg", name, kind):
            return None
        if date is None or found is None or reps is None or kind is None:
            return None
        return self._set(date, found, reps, load, self.units, rpe, kind, None, (index, line), name)


READERS: dict[str, type[RowReader]] = {"engine": EngineRows, "strong": StrongRows, "hevy": HevyRows}
