"""`engine schema`: print the effective JSON Schema, plugin parts included."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("schema")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="FILE",
              help="Write to FILE (atomically) instead of standard output.")
@click.pass_obj
def command(obj, output: Path | None) -> None:
    """Print the rule-file JSON Schema with every installed plugin's options,
    for editors (Taplo, VS Code) and CI."""
    from engine.schema import effective_schema

    text = json.dumps(effective_schema(obj.registry), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        from engine.output import write_atomic

        write_atomic(output, text)
