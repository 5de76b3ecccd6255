"""`engine run RULES`: evaluate a rule file and export the plan."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

import click

from engine.commands.common import (
    DATE,
    FILE,
    Command,
    after_today,
    athlete_options,
    echo_warnings,
    parse_options,
    pick_exporter,
)

if TYPE_CHECKING:
    from engine.cli import Context


@click.command("run", cls=Command)
@click.argument("rules", type=FILE)
@click.option("-f", "--format", "fmt", metavar="NAME",
              help="Exporter: text (default), json, markdown, or one a plugin adds. "
                   "Without it, -o's file extension chooses.")
@click.option("-o", "--output", type=FILE, metavar="FILE",
              help="Write to FILE (atomically) instead of standard output (`-o -`: standard output).")
@click.option("--start", type=DATE, metavar="YYYY-MM-DD",
              help="First day of week 1 (overrides program.start).")
@click.option("-O", "--option", "options", multiple=True, metavar="KEY=VALUE",
              help="Exporter option, e.g. -O notes=false (overrides [export.NAME] in the rule file).")
@athlete_options
@click.pass_obj
def command(obj: Context, rules: str, fmt: str | None, output: str | None, start: _dt.date | None,
            options: tuple[str, ...],
            athlete: str | None, logs: tuple[str, ...], as_of: _dt.date | None) -> None:
    """Evaluate RULES into a week-by-week program and export it.

    With --athlete, loads come from the athlete's maxes and equipment; with
    --log, progression follows what the athlete actually lifted."""
    from engine.pipeline import export, plan_rules

    registry = obj.registry
    output = None if output == "-" else output  # (the usual way to say standard output)
    name = pick_exporter(registry, fmt, output)
    if name == "json":
        obj.error_format = "json"  # problems as a JSON list on stderr, for tools
    outcome = plan_rules(rules, registry, start=start, athlete=athlete, logs=logs, as_of=as_of)
    after_today(outcome, as_of)
    echo_warnings(outcome.warnings)
    assert outcome.plan is not None and outcome.rules is not None
    file_options = outcome.rules.export_options.get(name, {})
    given = parse_options(registry, name, options)
    data = export(outcome.plan, registry, name, {**file_options, **given}, outcome.sources, given=given)
    if output is None:
        click.echo(data, nl=False, file=obj.out)
        return
    from engine.outputs import write_atomic

    write_atomic(output, data, inputs=[rules, *outcome.sources, *logs, *([athlete] if athlete else [])],
                 stdout=obj.out)
    click.echo(f"engine: wrote {output} ({name})", err=True)
