"""The library entry points the CLI (and other programs) call:
read -> validate -> resolve -> evaluate -> check -> export."""

from __future__ import annotations

import datetime as _dt
import os
from typing import TYPE_CHECKING, Any, Collection, Mapping, Sequence

from engine.errors import (
    WARNING,
    CannotExport,
    EngineError,
    PluginError,
    Problem,
    UsageError,
    has_errors,
    locate_all,
    sort_problems,
)
from engine.model import Athlete, Plan, Rules
from engine.model.base import Record
from engine.plugins import Registry, name_failed_plugins

if TYPE_CHECKING:
    from pathlib import Path


class Outcome(Record):
    """What a run produced, with every warning (located) along the way."""

    __slots__ = ("rules", "plan", "warnings", "sources", "logs", "log")
    rules: Rules | None
    plan: Plan | None
    warnings: list[Problem]
    sources: dict[str, str]
    logs: tuple[str, ...]  # (check_athlete) the logs named with a profile that it does not list itself
    log: Any  # the logs as read (`engine.logmodel.Log`), for the caller's checks of them: `after_today`

    def __init__(
        self,
        rules: Rules | None = None,
        plan: Plan | None = None,
        warnings: list[Problem] | None = None,
        sources: dict[str, str] | None = None,
    ) -> None:
        self.rules = rules
        self.plan = plan
        self.warnings = list() if warnings is None else warnings
        self.sources = dict() if sources is None else sources
        self.logs = ()
        self.log = None


def _validator(registry: Registry, included: bool = False) -> Any:
    """One validator per registry and kind of file (see engine.validators)."""
    key = "include-validator" if included else "validator"
    if key not in registry.cache:
        from engine.validators import rules_validator

        registry.cache[key] = rules_validator(registry, included)
    return registry.cache[key]


def load_rules(path: str | Path, registry: Registry) -> Outcome:
    """Read, validate and resolve a rule file; raise EngineError with every
    problem, located, if it is not valid."""
    from engine.documents import load_documents
    from engine.resolve import resolve

    try:
        docs = load_documents(path)
    except EngineError as exc:
        raise EngineError(locate_all(exc.problems, exc.sources), exc.sources) from None
    sources = {d.file: d.source for d in docs}
    problems: list[Problem] = []
    for i, doc in enumerate(docs):
        problems.extend(_validator(registry, included=i > 0).problems(doc.data, doc.file))
    if problems:  # (the names it refers to as well: a misspelt exercise is not left for the next run)
        from engine.references import reference_problems

        problems.extend(reference_problems(docs, registry, problems))
        raise EngineError(locate_all(name_failed_plugins(problems, registry), sources))
    try:
        rules, warnings = resolve(docs, registry)
    except EngineError as exc:
        raise EngineError(locate_all(name_failed_plugins(exc.problems, registry), sources)) from None
    return Outcome(rules=rules, warnings=locate_all(name_failed_plugins(warnings, registry), sources),
                   sources=sources)


def plan_rules(path: str | Path, registry: Registry, *, start: _dt.date | None = None,
               athlete: str | Path | None = None, logs: Sequence[str | Path] = (),
               as_of: _dt.date | None = None) -> Outcome:
    """Load a rule file (and an athlete profile and logs) and evaluate it
    into a checked plan."""
    return plan_loaded(load_rules(path, registry), registry, start=start, athlete=athlete, logs=logs, as_of=as_of)


def plan_loaded(loaded: Outcome, registry: Registry, *, start: _dt.date | None = None,
                athlete: str | Path | None = None, logs: Sequence[str | Path] = (),
                as_of: _dt.date | None = None, locate: bool = True) -> Outcome:
    """Evaluate rules that `load_rules` already read, for one athlete: a
    batch reads the rule file once and plans many athletes with it. Days up
    to `as_of` are done, trained or not (by default, up to the log's last
    session). With `locate` False, the warnings of the athlete's profile and
    plan are left for the caller to locate when it shows them
    (`errors.locate_all` with `Outcome.sources`): a batch shows a few
    athletes' warnings, not every one's. Errors are always located."""
    outcome = Outcome(rules=loaded.rules, warnings=list(loaded.warnings), sources=dict(loaded.sources))
    rules = outcome.rules
    assert rules is not None
    if start is not None and _dt.date.max - start < _dt.timedelta(weeks=rules.program.weeks):
        raise UsageError(f"a program of {rules.program.weeks} weeks starting {start} would end after the year 9999",
                         argument="start")
    outcome.plan = _plan(rules, registry, outcome, start, athlete, logs, as_of)
    outcome.warnings = locate_all(outcome.warnings, outcome.sources) if locate else sort_problems(outcome.warnings)
    return outcome


def _plan(rules: Rules, registry: Registry, outcome: Outcome, start: _dt.date | None, athlete: str | Path | None,
          logs: Sequence[str | Path], as_of: _dt.date | None) -> Plan:
    """The checked plan; its warnings go to `outcome`, not yet located (an
    error raised with them locates them)."""
    from engine.evaluate import evaluate

    person = _athlete(athlete, rules, registry, outcome) if athlete is not None else None
    log = None
    logs = distinct_logs(person, logs, outcome)
    if logs:
        log, start = _logs(logs, rules, registry, person, start, outcome, as_of)
        outcome.log = log
    def planned(log: Any) -> Plan:
        try:
            return evaluate(rules, registry, start=start, athlete=person, log=log,
                            prepared=_prepared(rules, registry), as_of=as_of)
        except EngineError as exc:  # e.g. nothing eligible for this athlete in a slot
            raise EngineError(locate_all(exc.problems, outcome.sources)) from None

    plan = planned(log)
    if person is not None and person.gear_changes:
        from engine.gearchanges import undated

        outcome.warnings.extend(undated(person, plan.program))
    if person is not None:
        from engine.maxuse import other_form_maxes

        outcome.warnings.extend(other_form_maxes(person, plan, rules.exercises))
    if person is not None and log is not None:
        from engine.evaluate import loader_for
        from engine.maxuse import unused_maxes
        from engine.unitslips import Reader, as_typed

        reader = Reader(log, rules.exercises, loader_for(rules, registry, person, None, True), person.units)
        plan, log, slips = as_typed(plan, reader, planned)
        outcome.warnings.extend(slips)
        outcome.warnings.extend(unused_maxes(person, plan, log, rules.exercises, registry))
    found = registry.check_plan(plan)
    if has_errors(found):
        raise EngineError(locate_all(outcome.warnings + found, outcome.sources))
    outcome.warnings.extend(found)
    return plan


def _up_to(log: Any, as_of: _dt.date, outcome: Outcome) -> Any:
    """The log as it stood on `as_of`: a sheet planned as of an earlier day is the sheet of that day, whatever
    was logged since. Said once, at the first set left out's row; what reading said of those sets goes too."""
    later = [s for s in log.sets if s.date > as_of]
    days, out = sorted({s.date for s in later}), {(s.file, s.line) for s in later}
    first = min(later, key=lambda s: (s.date, s.file, s.line))
    span = f"{days[0]}" if len(days) == 1 else f"{len(days)} days, {days[0]} to {days[-1]}"
    outcome.warnings = [w for w in outcome.warnings if (w.file, w.line) not in out]
    outcome.warnings.append(Problem(first.file, (first.row,), (
        f"the plan is made as of {as_of}: what was logged after it ({span}) is left out"),
        WARNING, line=first.line, column=1))
    return log.keeping(s for s in log.sets if s.date <= as_of)


def _prepared(rules: Rules, registry: Registry) -> Any:
    """One `Prepared` per rule file for as long as the registry lives: a
    batch plans many athletes with one rules object."""
    from engine.prepared import Prepared

    cached = registry.cache.get("prepared")
    if cached is None or cached.rules is not rules:
        cached = registry.cache["prepared"] = Prepared(rules)
    return cached


def _athlete(path: str | Path, rules: Rules, registry: Registry, outcome: Outcome) -> Athlete:
    from engine.athlete import load_athlete

    try:
        person, warnings, source = load_athlete(path, registry, rules.exercises)
    except EngineError as exc:
        raise EngineError(locate_all(name_failed_plugins(exc.problems, registry), exc.sources), exc.sources) from None
    outcome.sources[str(path)] = source
    outcome.warnings.extend(name_failed_plugins(warnings, registry))
    known = set(rules.sensitivities)
    for i, name in enumerate(person.sensitivities):
        if name not in known:
            outcome.warnings.append(Problem(str(path), ("athlete", "sensitivities", i), (
                f"the rule file has no [sensitivity.{name}] table, so this sensitivity changes nothing"
                + (f" (it plans for: {', '.join(sorted(known))})" if known else "")), WARNING))
    return person


def distinct_logs(person: Athlete | None, given: Sequence[str | Path], outcome: Outcome) -> list[str | Path]:
    """The profile's logs and --log files, each file once: the same file
    named twice (`./log.csv`, a link, the profile and --log) would count
    every set twice. A repeat is a warning where it is named."""
    named: list[tuple[str | Path, Problem | None]] = []
    if person is not None:
        named += [(p, Problem(person.source, ("logs", i), "", WARNING)) for i, p in enumerate(person.logs)]
    named += [(p, None) for p in given]
    seen: dict[Any, str | Path] = {}
    out: list[str | Path] = []
    for path, where in named:
        try:
            st = os.stat(path)
            key: Any = (st.st_dev, st.st_ino)
        except (OSError, ValueError):
            key = os.path.abspath(path)  # unreadable: read_logs says why, once
        if key not in seen:
            seen[key] = path
            out.append(path)
            continue
        first = str(seen[key])
        message = (f"log {str(path)!r} is named twice" if first == str(path) else
                   f"log {str(path)!r} is the same file as {first!r}") + ": its sets are read once"
        outcome.warnings.extend(locate_all([Problem(where.file, where.path, message, WARNING)], outcome.sources)
                                if where is not None else [Problem(str(path), (), message, WARNING, 1, 1)])
    return out


def _logs(paths: Sequence[str | Path], rules: Rules, registry: Registry, person: Athlete | None, start: _dt.date | None,
          outcome: Outcome, as_of: _dt.date | None = None) -> tuple[Any, _dt.date | None]:
    """Read the logs (up to `as_of`: the plan as it stood that day); work
    out when week 1 starts when the rule file does not say."""
    from engine.logs import ExerciseNames, read_logs

    cached = registry.cache.get("log_names")
    if cached is None or cached[0] is not rules:  # a batch plans many athletes with one rules object
        cached = registry.cache["log_names"] = (rules, ExerciseNames.from_exercises(rules.exercises, rules.aliases))
    names = cached[1]
    units = person.units if person else rules.program.units
    log, warnings = read_logs(list(paths), names, default_units=units,
                              units_from="the athlete's units" if person else "the program's units")
    outcome.warnings.extend(locate_all(warnings))
    if person is not None:
        from engine.logchecks import against_profile

        found = against_profile(log, rules.exercises, person)
        if any(p.is_error for p in found):
            raise EngineError(found + outcome.warnings)
        outcome.warnings.extend(found)
    if as_of is not None and log.last_date is not None and log.last_date > as_of:
        log = _up_to(log, as_of, outcome)

    for p in paths:
        outcome.sources.setdefault(str(p), "")
    start = start or rules.program.start
    last = log.last_date
    if last is None:
        return log, start
    weeks = rules.program.weeks
    if start is None:
        _room_after(log, weeks, outcome)
        start = last + _dt.timedelta(days=1)
        outcome.warnings.extend(locate_all([Problem(rules.file, ("program",), (
            f"program.start is not set: week 1 starts the day after the log's last session ({start}), and the "
            "log is read as another program's (each line starts from its sessions, a light day passed over for a "
            "harder one); set it (or give a start date when running the program) to see finished days as done"),
            WARNING)],
            outcome.sources))
        return log, start
    if last >= start and (last - start).days // 7 + 1 > weeks:
        outcome.warnings.extend(locate_all([Problem(rules.file, ("program", "weeks"), (
            f"the log runs to {last}, past the program's last week (week {weeks}): every week is done"),
            WARNING)], outcome.sources))
    return log, start


def _room_after(log: Any, weeks: int, outcome: Outcome) -> None:
    """Week 1 starts the day after the log's last session: a session so
    late that the program would end after the year 9999 is an error at the
    row that has it."""
    last = log.sets[-1]  # oldest first
    if _dt.date.max - last.date >= _dt.timedelta(weeks=weeks, days=1):
        return
    raise EngineError(locate_all(outcome.warnings + [Problem(last.file, (), (
        f"the last session in the logs ({last.date}) leaves no room after it for a program of {weeks} weeks "
        "(it would end after the year 9999); set program.start, or give a start date"),
        line=last.line, column=1)], outcome.sources), outcome.sources)


def export(plan: Plan, registry: Registry, fmt: str, options: Mapping[str, Any],
           sources: Mapping[str, str] | None = None, given: Collection[str] = ()) -> str | bytes:
    """Render a plan with a registered exporter; a fault names the plugin.
    A problem the user can fix (`CannotExport`) is located in the rule
    file's export options, with its text from `sources` (`Outcome.sources`);
    one with an option named in `given`, which the caller gave itself (on a
    command line), is the caller's: a UsageError about that option."""
    registry.has("exporters", fmt)  # (loads the plugin that declares it, if it waits until a run needs it)
    reg = registry.exporters[fmt]
    try:
        out = reg.component.render(plan, dict(options))
    except CannotExport as exc:
        if exc.option is not None and exc.option in given:
            raise UsageError(f"{fmt} export: {exc}", argument="options", key=exc.option) from None
        where = ("export", fmt) if exc.option is None else ("export", fmt, exc.option)
        raise EngineError(locate_all([Problem(plan.source, where, f"{fmt} export: {exc}")], sources), sources) from None
    except Exception as exc:  # noqa: BLE001 - a plugin's fault names the plugin
        raise PluginError(reg.plugin, f"exporter {fmt!r}", f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(out, (str, bytes)):
        raise PluginError(reg.plugin, f"exporter {fmt!r}", f"returned {type(out).__name__}, not str or bytes")
    if isinstance(out, str):
        try:
            out.encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate: no file or terminal can hold it
            raise PluginError(reg.plugin, f"exporter {fmt!r}", (
                f"returned text that is not valid Unicode ({exc.reason} at character {exc.start})")) from None
    return out
