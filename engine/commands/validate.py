"""`engine validate FILE...`: check rule files, report every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from engine.commands.common import Command
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
    from engine.pipeline import check_athlete, check_log, is_athlete_profile, is_log, plan_rules

    registry = obj.registry
    problems = []
    failed = set()  # the files named: a problem in an included file fails the file that includes it
    kinds = {path: "log" if is_log(path) else "athlete" if is_athlete_profile(path) else "rules" for path in files}
    exercises: dict[str, Any] | None = None
    for path in [p for p in files if kinds[p] == "rules"] + [p for p in files if kinds[p] != "rules"]:
        try:
            if kinds[path] == "rules":
                outcome = plan_rules(path, registry)
                assert outcome.rules is not None
                exercises = {**(exercises or {}), **outcome.rules.exercises}
            else:
                outcome = (check_log if kinds[path] == "log" else check_athlete)(path, registry, exercises)
            problems.extend(outcome.warnings)
        except EngineError as exc:
            problems.extend(exc.problems)
            failed.add(path)
    problems += _planned(obj, [p for p in files if p not in failed], kinds, problems, failed)
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


def _planned(obj: Context, valid: list[Path], kinds: dict[Path, str], said: list[Any], failed: set[Path]) -> list[Any]:
    """The problems of each valid profile planned with each valid rule file
    that the checks before did not give (only a plan compares a log with
    what was planned); a profile that cannot be planned fails."""
    from engine.pipeline import plan_rules

    rules = [p for p in valid if kinds[p] == "rules"]
    athletes = [p for p in valid if kinds[p] == "athlete"]
    logs = [p for p in valid if kinds[p] == "log"] if len(athletes) == 1 else []
    seen = {(p.file, p.line, p.column, p.message) for p in said}
    out = []
    for r in rules:
        for a in athletes:
            try:
                found = list(plan_rules(r, obj.registry, athlete=a, logs=logs).warnings)
            except EngineError as exc:
                found = list(exc.problems)
                failed.add(a)
            for p in found:
                if (p.file, p.line, p.column, p.message) not in seen:
                    seen.add((p.file, p.line, p.column, p.message))
                    out.append(p)
    return out
