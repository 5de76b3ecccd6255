"""Helpers shared by subcommands: exporter choice, -O options, warnings."""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sys
import tomllib
from typing import TYPE_CHECKING, Any, Iterable

import click

from engine.cli import HelpOption
from engine.errors import Problem, UsageError

if TYPE_CHECKING:
    from engine.plugins import Registry


class Command(HelpOption):
    """A subcommand whose usage errors are one line naming it
    ("engine run: error: ..."), exit code 2 (click's own parse errors too:
    `engine.cli.EngineGroup`). Only what the command prints to `obj.out`
    reaches standard output."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            # The command prints its own output to `obj.out`; anything else
            # printed meanwhile (a plugin's print()) goes to standard error.
            with contextlib.redirect_stdout(sys.stderr):
                return super().invoke(ctx)
        except UsageError as exc:
            from engine.reporters import reporter

            reporter("text", sys.stderr).usage(usage_message(exc), ctx.info_name)
            ctx.exit(2)


# The library names the argument a UsageError is about; the command line
# names its option, and says how to fix it in its own terms.
OPTIONS = {"start": "--start", "output": "-o", "logs": "--log", "athlete": "--athlete", "dask": "--dask",
           "options": "-O"}
HINTS = {"print": "leave out -o to print the output"}


def usage_message(exc: UsageError) -> str:
    text = str(exc)
    if exc.argument in OPTIONS:
        text = f"{OPTIONS[exc.argument]}{f' {exc.key}' if exc.key else ''}: {text}"
    if exc.hint in HINTS:
        text = f"{text}; {HINTS[exc.hint]}"
    return text


def today() -> _dt.date:
    """The day the commands take as today (the library never reads the
    clock: the same inputs give the same plan and warnings)."""
    return _dt.date.today()


def after_today(outcome: Any, as_of: _dt.date | None = None) -> None:
    """Add to `outcome`'s warnings its logs' sets dated after today (a date
    typed wrong marks weeks done): not when the plan is made as of a day."""
    person = outcome.plan.athlete if outcome.plan is not None else None
    if as_of is None and (outcome.log is not None or person is not None and person.maxes):
        from engine.errors import locate_all, sort_problems
        from engine.logchecks import after_today as dated
        from engine.logchecks import maxes_after_today

        later = dated(outcome.log, today()) if outcome.log is not None else []
        tested = locate_all(maxes_after_today(outcome.plan, today()), outcome.sources)
        outcome.warnings = sort_problems([*outcome.warnings, *later, *tested])


def echo_warnings(warnings: Iterable[Problem]) -> None:
    warnings = list(warnings)
    if not warnings:
        return
    from engine.reporters import reporter

    reporter("text", sys.stderr).warnings(warnings)


def pick_exporter(registry: Registry, fmt: str | None, output: str | None) -> str:
    from engine.plugins import DEFAULT_PLUGINS

    suffix = os.path.splitext(output)[1].lower() if output is not None else ""
    if fmt is None and suffix:
        builtin = [n for n, found in registry.exporters.items()
                   if found.plugin in DEFAULT_PLUGINS and found.component.extension.lower() == suffix]
        names = sorted(registry.exporters if len(builtin) == 1 else _writing(registry, suffix))
        by_ext = [n for n in names if registry.exporters[n].component.extension.lower() == suffix]
        if len(by_ext) > 1:
            # A plugin that also writes .txt must not take over `-o plan.txt`.
            if len(builtin) != 1:
                raise UsageError(f"several exporters write {suffix} files ({', '.join(by_ext)}); "
                                 "choose one with --format")
            by_ext = builtin
        if not by_ext:
            # Writing text into plan.ics would only fail later, in the calendar app.
            known = ", ".join(f"{n} ({registry.exporters[n].component.extension})" for n in names)
            raise UsageError(
                f"no installed exporter writes {suffix} files (installed: {known}); install the plugin "
                f"that provides one{_ours(suffix)}, or choose a format with --format{_failed_plugins(registry)}")
        fmt = by_ext[0]
    fmt = fmt or "text"
    if not registry.has("exporters", fmt):  # (installed: loaded, or declared by a plugin not loaded yet)
        names = sorted(set(registry.exporters) | (registry.deferred.names("exporters") if registry.deferred else set()))
        by_ext = [n for n in sorted(registry.exporters) if registry.exporters[n].component.extension.lower()
                  == "." + fmt.lower()]
        if len(by_ext) == 1:  # (-f md: the extension of the exporter meant)
            raise UsageError(f"no exporter named {fmt!r}; did you mean {by_ext[0]!r}? It writes .{fmt.lower()} files")
        failed = _failed_plugins(registry)
        raise UsageError(
            f"no exporter named {fmt!r} is installed (installed: {', '.join(names)}); "
            f"exporters such as {fmt!r} come from plugins: install the plugin that provides it"
            f"{_ours(fmt)}, then check `engine plugins`{failed}")
    return fmt


def _writing(registry: Registry, suffix: str) -> dict[str, Any]:
    """Every exporter, with the plugins that declare one loaded, and every
    plugin when none of them writes `suffix` files (one may register such
    an exporter without declaring it)."""
    registry.complete("exporters")
    if not any(found.component.extension.lower() == suffix for found in registry.exporters.values()):
        registry.complete()
    return registry.exporters


# The exporters the project's own plugins add, by format and by extension.
OUR_PLUGINS = {"csv": "engine-csv", ".csv": "engine-csv", "ics": "engine-ical", ".ics": "engine-ical"}


def _ours(wanted: str) -> str:
    """Which of the project's own plugins writes a format or extension, and how to install it."""
    plugin = OUR_PLUGINS.get(wanted)
    return "" if plugin is None else f" ({plugin}, in the engine's repository: pip install ./plugins/{plugin})"


def _failed_plugins(registry: Registry) -> str:
    """A plugin that failed to load may be the one that was asked for."""
    from engine.plugins import left_out
    from engine.registration import kept

    failed = sorted({f.plugin for f in registry.failures if not kept(f)})
    return ("; failed to load: " + ", ".join(failed) if failed else "") + left_out(registry)


def _value(key: str, text: str) -> Any:
    """Read an option value as TOML (numbers, booleans, arrays), else as
    text; a value nested deeper than a rule file may be is refused."""
    from engine.documents import MAX_NESTING, nesting

    try:
        value = tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text
    except RecursionError:
        value = None
    if value is None or nesting(value) > MAX_NESTING:
        raise UsageError(f"-O {key}: the value is nested more than {MAX_NESTING} levels deep")
    return value


def parse_options(registry: Registry, exporter: str, pairs: Iterable[str]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"option {pair!r} must look like KEY=VALUE")
        options[key.strip()] = _value(key.strip(), text.strip())
    if options:
        from engine.documents import to_json_compatible

        options = to_json_compatible(options)  # dates as text, as in rule files
        from engine.schema import SchemaValidator, effective_schema

        schema = effective_schema(registry)["properties"]["export"]["properties"][exporter]
        problems = SchemaValidator(schema).problems(options, "-O")
        if problems:
            from engine.locate import format_path

            p = problems[0]
            where = format_path(p.path).removeprefix("$.") if p.path else "options"
            raise UsageError(f"-O {where}: {p.message} (exporter {exporter!r})")
    return options


if TYPE_CHECKING:
    TextType = click.ParamType[str]  # generic from click 8.2 on
else:
    TextType = click.ParamType


class FileName(TextType):
    """A file the command reads or writes itself, passed on as given: the
    engine names a missing, unreadable or wrong kind of file with its own
    located message (`FILE:1:1: $: is a directory, not a file`), so nothing
    is checked here (click.Path would check some of it first, in its own
    words, and load `locale` for them on every start). Shells complete it
    as a file name."""

    name = "file"

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        return [CompletionItem(incomplete, type="file")]


FILE = FileName()


class Day(TextType):
    """A calendar date on the command line, YYYY-MM-DD, read as the rule
    file's dates are: a day that is not on the calendar is said so
    ("2026-11-31 is not a date: day is out of range for month")."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import datetime as _dt

        if isinstance(value, _dt.date):
            return value
        text = str(value)
        try:
            if len(text) == 10 and text[4] == text[7] == "-":
                return _dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError as exc:
            self.fail(f"{text!r} is not a date: {exc}", param, ctx)
        self.fail(f"expected a date like 2026-12-07, got {text!r}", param, ctx)


DATE = Day()


def athlete_options(fn: Any) -> Any:
    """--athlete, --log and --as-of, shared by `run` and `explain`."""
    fn = click.option("--as-of", "as_of", type=DATE, metavar="YYYY-MM-DD",
                      help="Days up to this date are done: one with nothing in the log is missed "
                           "(default: up to the last logged session).")(fn)
    fn = click.option("--log", "logs", multiple=True, metavar="FILE", type=FILE,
                      help="Training log (engine CSV, Strong or Hevy export); repeatable.")(fn)
    return click.option("--athlete", type=FILE, metavar="FILE",
                        help="Athlete profile (TOML): units, equipment, sensitivities, maxes.")(fn)
