"""`engine exercises`: list the catalog (built-in and plugin exercises)."""

from __future__ import annotations

import json

import click

from engine.commands.common import Command

from engine.model import CATEGORIES


def _range(r) -> list | None:
    return None if r is None else [int(v) if float(v).is_integer() else v for v in r]


def exercise_dict(ex) -> dict:
    rx = ex.prescription
    return {
        "id": ex.id, "name": ex.name, "category": ex.category,
        "prescription": {"sets": _range(rx.sets), "reps": _range(rx.reps), "rpe": _range(rx.rpe),
                         "per_side": rx.per_side, "rest": _range(rx.rest)},
        "loading": ex.loading,
        "equipment": list(ex.equipment), "tags": list(ex.tags),
        "variants": [{"id": v.id, "name": v.name, "equipment": list(v.equipment), "aliases": list(v.aliases)}
                     for v in ex.variants],
        "aliases": list(ex.aliases),
        "notes": ex.notes,
        "source": ex.source,
    }


def _span(r) -> str:
    lo, hi = (f"{v:g}" for v in r)
    return lo if lo == hi else f"{lo}-{hi}"


@click.command("exercises", cls=Command)
@click.option("--category", type=click.Choice(CATEGORIES), help="Only this category.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def command(obj, category: str | None, fmt: str) -> None:
    """List catalog exercises with their default prescriptions."""
    exercises = [r.component for r in obj.registry.exercises.values()]
    if category:
        exercises = [e for e in exercises if e.category == category]
    if fmt == "json":
        click.echo(json.dumps([exercise_dict(e) for e in exercises], indent=2, ensure_ascii=False))
        return
    rows = [("ID", "CATEGORY", "PRESCRIPTION", "VARIANTS")]
    for e in exercises:
        rx = e.prescription
        side = "/side" if rx.per_side else ""
        scheme = f"{_span(rx.sets)} x {_span(rx.reps)}{side}" + (f" @ RPE {_span(rx.rpe)}" if rx.rpe else "")
        rows.append((e.id, e.category, scheme, ", ".join(v.id for v in e.variants)))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
