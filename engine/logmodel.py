"""What a training log reads into: the sets performed, the log of an
athlete's sets, and the table that maps the names logs use to exercises.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from engine.model.base import Frozen, set_field

if TYPE_CHECKING:
    from engine.errors import JsonPath
    from engine.logfile import LogFile
    from engine.model import Exercise


class LoggedSet(Frozen):
    """One performed set read from a log, in the log's units."""

    __slots__ = (
        "date", "exercise", "variant", "reps", "load", "units", "rpe", "kind", "set_number", "file", "line",
        "name", "row",
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
    row: int  # its place among the file's rows (`$[row]`)

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
        row: int = 0,
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
        set_field(self, "row", row)

    @property
    def counts(self) -> bool:
        """Warm-ups never drive progression."""
        return self.kind != "warmup"


class Log(Frozen):
    """Every set read from an athlete's logs, oldest first."""

    __slots__ = ("sets", "files", "cells")
    _not_compared = ("cells",)
    sets: tuple[LoggedSet, ...]
    files: tuple[str, ...]
    cells: Mapping[str, LogFile]  # each file as read, to point at a set's cells

    def __init__(self, sets: tuple[LoggedSet, ...], files: tuple[str, ...] = (),
                 cells: Mapping[str, LogFile] | None = None) -> None:
        set_field(self, "sets", sets)
        set_field(self, "files", files)
        set_field(self, "cells", cells or {})

    def keeping(self, sets: Iterable[LoggedSet]) -> Log:
        """These sets, from the same files."""
        return Log(tuple(sets), self.files, self.cells)

    def load_cell(self, s: LoggedSet) -> tuple[JsonPath, int, int]:
        """Where the set's load was written: its path, line and column (the
        row's line, column 1, when the file is not at hand)."""
        f = self.cells.get(s.file)
        return f.load_cell(s.line, s.row) if f is not None else ((), s.line, 1)

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
                 variants: Mapping[str, tuple[str, ...]] | None = None,
                 loaded: Mapping[tuple[str, str | None], str] | None = None,
                 assisted: Iterable[tuple[str, str | None]] = ()):
        self._table = dict(table)
        self._display = list(display)
        self.variants = dict(variants or {})  # exercise id -> its variant ids, for the `variant` column
        # (exercise id, variant id | None) -> what loads the form ("barbell",
        # "dumbbells" ...), for the forms an empty load cell cannot mean
        # "nothing added": not bodyweight exercises, not bands.
        self.loaded = dict(loaded or {})
        # the assisted forms (engine.assist): their load is help, whatever its sign in the log
        self.assisted: frozenset[tuple[str, str | None]] = frozenset(assisted or ())

    @classmethod
    def from_exercises(cls, exercises: Mapping[str, Exercise],
                       aliases: Mapping[str, str] | None = None) -> ExerciseNames:
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
        return cls(table, display, {ex.id: tuple(v.id for v in ex.variants) for ex in exercises.values()},
                   _loaded_forms(exercises),
                   _assisted_forms(exercises))

    def load_kind(self, found: tuple[str, str | None]) -> str | None:
        """What loads the form a log row names ("barbell", "dumbbells",
        "machine" ...), or None when an empty load is a load too: bodyweight
        alone, or a band."""
        return self.loaded.get(found)

    def resolve(self, name: str) -> tuple[str, str | None] | None:
        return self._table.get(_norm(name))

    def suggest(self, name: str, n: int = 3) -> list[str]:
        import difflib

        by_key = {_norm(d): d for d in self._display}
        return [by_key[k] for k in difflib.get_close_matches(_norm(name), list(by_key), n=n, cutoff=0.6)]


def _assisted_forms(exercises: Mapping[str, Exercise]) -> list[tuple[str, str | None]]:
    """The assisted forms; the exercise as a whole too when its default form is one."""
    from engine.assist import is_assisted

    out: list[tuple[str, str | None]] = []
    for ex in exercises.values():
        out += [(ex.id, v.id) for v in ex.variants if is_assisted(ex, v)]
        out += [(ex.id, None)] if ex.variants and is_assisted(ex, ex.variants[0]) else []
    return out


def _loaded_forms(exercises: Mapping[str, Exercise]) -> dict[tuple[str, str | None], str]:
    """The forms that take an external load, and what they are loaded with.
    A set logged for the exercise as a whole (variant None) is its default
    form's."""
    from engine.gear import kind_of
    from engine.model import Choice

    out: dict[tuple[str, str | None], str] = {}
    for ex in exercises.values():
        if ex.loading == "bodyweight":
            continue  # an empty load is bodyweight alone
        forms: list[tuple[str | None, Choice]] = [(v.id, Choice(ex, v)) for v in ex.variants] or [(None, Choice(ex))]
        for i, (variant, choice) in enumerate(forms):
            kind = kind_of(choice)
            if kind == "none":
                continue
            out[(ex.id, variant)] = kind
            if i == 0:
                out[(ex.id, None)] = kind
    return out
