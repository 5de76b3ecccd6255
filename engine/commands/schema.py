"""`engine schema`: print the effective JSON Schema, plugin parts included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from engine.commands.common import Command

if TYPE_CHECKING:
    from engine.cli import Context


@click.command("schema", cls=Command)
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="FILE",
              help="Write to FILE (atomically) instead of standard output (`-o -`: standard output).")
@click.option("--include", "for_include", is_flag=True,
              help="The schema of files pulled in with `include` (exercises, prescriptions, progressions).")
@click.pass_obj
def command(obj: Context, output: Path | None, for_include: bool) -> None:
    """Print the rule-file JSON Schema with every installed plugin's options,
    for editors (Taplo, VS Code) and CI."""
    from engine.schema import effective_schema, include_schema

    schema = effective_schema(obj.registry.complete())  # every plugin's components, loaded or not yet
    if for_include:
        schema = include_schema(schema)
    text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    if output is None or str(output) == "-":
        click.echo(text, nl=False, file=obj.out)
    else:
        from engine.outputs import write_atomic

        write_atomic(output, text, stdout=obj.out)
