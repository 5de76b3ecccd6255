"""Checks of input files one by one, as `engine validate` runs them on
files named without a rule file: what kind a file is, a profile with its
logs, a log on its own."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping, Sequence

from engine.documents import read_regular
from engine.errors import EngineError, locate_all, sort_problems
from engine.pipeline import Outcome, distinct_logs
from engine.plugins import Registry, name_failed_plugins


def check_athlete(path: str | Path, registry: Registry, exercises: Mapping[str, Any] | None = None,
                  logs: Sequence[str | Path] = (), aliases: Mapping[str, str] | None = None) -> Outcome:
    """Check an athlete profile, and the logs it names, against the
    installed catalog, or `exercises` (a rule file's, with its own, and its
    `aliases` for the logs' names); with `logs`, more of its logs
    (`--log`), where one the profile lists is not a repeat: `Outcome.logs`
    keeps the others."""
    from engine.athlete import load_athlete

    exercises = exercises if exercises is not None else _installed(registry)
    try:
        person, warnings, source = load_athlete(path, registry, exercises)
    except EngineError as exc:
        raise EngineError(locate_all(name_failed_plugins(exc.problems, registry), exc.sources), exc.sources) from None
    outcome = Outcome(warnings=locate_all(name_failed_plugins(warnings, registry), {str(path): source}),
                      sources={str(path): source})
    listed = distinct_logs(person, (), outcome)
    outcome.logs = tuple(str(p) for p in distinct_logs(None, [*listed, *logs], Outcome())[len(listed):])
    read = [*listed, *outcome.logs]
    if read:
        log = _check_logs(read, exercises, person.units, "the athlete's units", outcome, aliases)
        from engine.logchecks import against_profile

        found = against_profile(log, exercises, person)
        if any(p.is_error for p in found):
            raise EngineError(sort_problems(outcome.warnings + found), outcome.sources)
        outcome.warnings = sort_problems(outcome.warnings + found)
    return outcome


def check_log(path: str | Path, registry: Registry, exercises: Mapping[str, Any] | None = None,
              aliases: Mapping[str, str] | None = None) -> Outcome:
    """Check a training log (engine CSV, Strong or Hevy export) on its own,
    against the installed catalog, or `exercises` (and `aliases`)."""
    outcome = Outcome()
    _check_logs([path], exercises if exercises is not None else _installed(registry), "kg",
                "checked on its own: a plan reads them in the athlete's or program's units", outcome, aliases)
    return outcome


def _installed(registry: Registry) -> dict[str, Any]:
    return {name: reg.component for name, reg in registry.exercises.items()}


def _check_logs(paths: Sequence[str | Path], exercises: Mapping[str, Any], units: str, units_from: str,
                outcome: Outcome, aliases: Mapping[str, str] | None = None) -> Any:
    from engine.logs import ExerciseNames, read_logs

    names = ExerciseNames.from_exercises(exercises, aliases)
    try:
        log, warnings = read_logs(list(paths), names, default_units=units, units_from=units_from)
    except EngineError as exc:
        raise EngineError(sort_problems(outcome.warnings + locate_all(exc.problems)), outcome.sources) from None
    outcome.warnings = sort_problems(outcome.warnings + locate_all(warnings))
    outcome.log = log
    return log


LOG_SUFFIXES = (".csv", ".tsv")


def is_log(path: str | Path) -> bool:
    """Is the file a training log: named *.csv or *.tsv, or with a first
    line that is the header of a log format the engine reads?"""
    if os.path.splitext(path)[1].lower() in LOG_SUFFIXES:
        return True
    try:  # (read_regular: a pipe is never read here, it would hang, or be read twice)
        first = read_regular(path, 1 << 16).split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff")
    except OSError:
        return False
    from engine.logs import detect_format

    delimiter = max((",", ";", "\t"), key=first.count)
    return detect_format(first.strip().split(delimiter)) is not None


def is_athlete_profile(path: str | Path) -> bool:
    """Does the file look like an athlete profile: an [athlete] table and no
    [program] table? Only the table headers are read (a file too big or too
    strange to parse is left to the rule-file path to report)."""
    import re

    try:
        head = read_regular(path, 1 << 20).decode("utf-8", "replace")
    except OSError:
        return False

    def has(table: str) -> bool:
        return re.search(rf"^[ \t]*\[[ \t]*{table}[ \t]*\]", head, re.M) is not None

    return has("athlete") and not has("program")
