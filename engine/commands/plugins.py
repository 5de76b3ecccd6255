"""`engine plugins`: what is installed, what each registers, what failed."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from engine.commands.common import Command

if TYPE_CHECKING:
    from engine.cli import Context


@click.command("plugins", cls=Command)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Include the built-in plugins.")
@click.pass_obj
def command(obj: Context, fmt: str, show_all: bool) -> None:
    """List plugins, their versions, what they register and load errors."""
    obj.report_failures = False
    registry = obj.registry.complete()
    plugins = [p for p in registry.plugins if show_all or not p.builtin]
    if fmt == "json":
        click.echo(json.dumps({
            "plugins": [{"name": p.name, "version": p.version, "builtin": p.builtin, "on_demand": p.on_demand,
                         "registers": p.registers} for p in plugins],
            "failures": [{"plugin": f.plugin, "hook": f.hook, "message": f.message}
                         for f in registry.failures],
        }, indent=2), file=obj.out)
        return
    if not plugins:
        click.echo("No plugins installed (use --all to see the built-in ones).", file=obj.out)
    for p in plugins:
        how = " (built in)" if p.builtin else " (loaded when a run needs it)" if p.on_demand else ""
        click.echo(f"{p.name} {p.version or ''}".rstrip() + how, file=obj.out)
        for kind, names in sorted(p.registers.items()):
            click.echo(f"  {kind}: {', '.join(names)}", file=obj.out)
    for f in registry.failures:
        click.echo(f"failed: {f}", file=obj.out)
