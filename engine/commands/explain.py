"""`engine explain RULES`: the reasons behind every pick and every load."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

import click

from engine.commands.common import DATE, FILE, Command, after_today, athlete_options, echo_warnings

if TYPE_CHECKING:
    from engine.cli import Context


@click.command("explain", cls=Command)
@click.argument("rules", type=FILE)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--start", type=DATE, metavar="YYYY-MM-DD",
              help="First day of week 1 (overrides program.start).")
@athlete_options
@click.pass_obj
def command(obj: Context, rules: str, fmt: str, start: _dt.date | None, athlete: str | None,
            logs: tuple[str, ...], as_of: _dt.date | None) -> None:
    """Explain RULES: candidates and filters per slot, the selector's reason,
    and for every load its source, e1RM, effort-table value and rounding."""
    from engine.explain import render_json, render_text
    from engine.pipeline import plan_rules

    if fmt == "json":
        obj.error_format = "json"

    outcome = plan_rules(rules, obj.registry, start=start, athlete=athlete, logs=logs, as_of=as_of)
    after_today(outcome, as_of)
    echo_warnings(outcome.warnings)
    assert outcome.plan is not None
    click.echo(render_json(outcome.plan) if fmt == "json" else render_text(outcome.plan), nl=False, file=obj.out)
