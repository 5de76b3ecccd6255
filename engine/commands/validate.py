"""`engine validate FILE...`: check rule files, report every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from engine.commands.common import Command, after_today
from engine.errors import EngineError, has_errors

if TYPE_CHECKING:
    from engine.cli import Context


@click.command("validate", cls=Command)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one `file:line:col: $.path: message` line per problem; json: a list of objects.")
@click.pass_obj
def command(obj: Context, files: tuple[Path, ...], fmt: str) -> None:
    """Check rule files against the schema and the engine's rules, including
    the weekly composition of every evaluated week; athlete profiles (files
    with an [athlete] table) and the logs they name; and training logs
    (*.csv: engine CSV, Strong or Hevy exports). Profiles and logs are
    checked against the installed catalog and the exercises of the rule
    files named with them. A profile named with rule files is also planned
    with each, as `engine run` would plan it, so that the run's warnings (a
    session logged in the wrong units) are found here too; logs named with
    one profile are read as that athlete's."""
    from engine.checkfiles import is_athlete_profile, is_log

    kinds = {path: "log" if is_log(path) else "athlete" if is_athlete_profile(path) else "rules" for path in files}
    profiles = [p for p in files if kinds[p] == "athlete"]
    theirs = [p for p in files if kinds[p] == "log"] if len(profiles) == 1 else []  # read as that athlete's
    more: dict[Path, tuple[str, ...]] = {}  # a profile -> the logs named with it that it does not list
    problems, failed = _checked(obj, files, kinds, theirs, more)
    problems += _planned(obj, [p for p in files if p not in failed], kinds, more, problems, failed)
    named = {p.file for p in problems if p.is_error}
    failed |= {path for path in files if str(path) in named}  # (a log read as the athlete's, a rule file a plan fails)
    obj.reporter(obj.out, fmt).problems(problems)
    if fmt == "text":
        for path in files:
            if path not in failed:
                click.echo(f"{path}: ok", err=True)
    if has_errors(problems):
        if fmt == "text":
            from engine.reporters import found

            click.echo(f"{found(problems)} in {len(failed)} of {len(files)} file{'s' if len(files) != 1 else ''}",
                       err=True)
        raise click.exceptions.Exit(1)


def _checked(obj: Context, files: tuple[Path, ...], kinds: dict[Path, str], theirs: list[Path],
             more: dict[Path, tuple[str, ...]]) -> tuple[list[Any], set[Path]]:
    """Each file on its own (rule files first, for their exercises), and
    the files that failed: a problem in an included file fails the file
    that includes it; logs in `theirs` are read with the one profile."""
    from engine.checkfiles import check_athlete, check_log
    from engine.pipeline import plan_rules

    problems: list[Any] = []
    failed = set()
    exercises: dict[str, Any] | None = None
    aliases: dict[str, str] = {}  # the rule files' names for exercises, as a plan reads the logs with them
    for path in [p for p in files if kinds[p] == "rules"] + [p for p in files if kinds[p] != "rules"]:
        if path in theirs:
            continue  # read with the profile
        try:
            if kinds[path] == "rules":
                outcome = plan_rules(path, obj.registry)
                assert outcome.rules is not None
                exercises = {**(exercises or {}), **outcome.rules.exercises}
                aliases = {**aliases, **outcome.rules.aliases}
            elif kinds[path] == "athlete":
                outcome = check_athlete(path, obj.registry, exercises, theirs, aliases)
                more[path] = outcome.logs
            else:
                outcome = check_log(path, obj.registry, exercises, aliases)
            after_today(outcome)
            problems.extend(outcome.warnings)
        except EngineError as exc:
            problems.extend(exc.problems)
            given = {str(log) for log in theirs} if kinds[path] == "athlete" else set()
            if any(p.is_error and p.file not in given for p in exc.problems):  # (a log given with it fails itself)
                failed.add(path)
    return problems, failed


def _planned(obj: Context, valid: list[Path], kinds: dict[Path, str], more: dict[Path, tuple[str, ...]],
             said: list[Any], failed: set[Path]) -> list[Any]:
    """The problems of each valid profile planned with each valid rule file
    that the checks before did not give (only a plan compares a log with
    what was planned); a profile that cannot be planned fails."""
    from engine.pipeline import plan_rules

    seen = {(p.file, p.line, p.column, p.message) for p in said}
    out = []
    for r in [p for p in valid if kinds[p] == "rules"]:
        for a in [p for p in valid if kinds[p] == "athlete"]:
            try:
                found = list(plan_rules(r, obj.registry, athlete=a, logs=more.get(a, ())).warnings)
            except EngineError as exc:
                found = list(exc.problems)
                failed.add(a)
            for p in found:
                if (p.file, p.line, p.column, p.message) not in seen:
                    seen.add((p.file, p.line, p.column, p.message))
                    out.append(p)
    return out
