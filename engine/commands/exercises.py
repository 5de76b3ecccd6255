"""`engine exercises`: list the catalog (built-in and plugin exercises)."""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING, Any, Sequence

import click

from engine.commands.common import Command
from engine.exporters.common import span
from engine.model import CATEGORIES

if TYPE_CHECKING:
    from engine.cli import Context
    from engine.model import Exercise


def _range(r: Sequence[float] | None) -> list[float] | None:
    return None if r is None else [int(v) if float(v).is_integer() else v for v in r]


def exercise_dict(ex: Exercise) -> dict[str, Any]:
    rx = ex.prescription
    return {
        "id": ex.id, "name": ex.name, "category": ex.category,
        "prescription": {"sets": _range(rx.sets), "reps": _range(rx.reps), "rpe": _range(rx.rpe),
                         "per_side": rx.per_side, "rest": _range(rx.rest)},
        "loading": ex.loading,
        "equipment": list(ex.equipment), "tags": list(ex.tags),
        "variants": [{"id": v.id, "name": v.name, "equipment": list(v.equipment), "aliases": list(v.aliases),
                      "ratio": v.ratio, "implements": v.implements, "harder": v.harder,
                      "assisted": v.assisted}
                     for v in ex.variants],
        "aliases": list(ex.aliases),
        "notes": ex.notes,
        "source": ex.source,
    }


@click.command("exercises", cls=Command)
@click.argument("exercise_id", required=False, metavar="[ID]")
@click.option("--category", type=click.Choice(CATEGORIES), help="Only this category.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def command(obj: Context, exercise_id: str | None, category: str | None, fmt: str) -> None:
    """List catalog exercises with their default prescriptions, or show one
    exercise in full (tags, equipment, variants, aliases, notes)."""
    exercises = [r.component for r in obj.registry.exercises.values()]
    if exercise_id is not None:
        exercises = [e for e in exercises if e.id == exercise_id]
        if not exercises:
            from engine.errors import UsageError, suggest

            known = list(obj.registry.exercises)
            raise UsageError(f"no exercise {exercise_id!r} in the catalog{suggest(exercise_id, known)}")
    if category:
        exercises = [e for e in exercises if e.category == category]
    if fmt == "json":
        click.echo(json.dumps([exercise_dict(e) for e in exercises], indent=2, ensure_ascii=False), file=obj.out)
    elif exercise_id is not None:
        click.echo(_details(exercises[0]), nl=False, file=obj.out)
    else:
        click.echo(_table(exercises), nl=False, file=obj.out)


def _scheme(e: Exercise) -> str:
    rx = e.prescription
    side = "/side" if rx.per_side else ""
    return f"{span(*rx.sets)} x {span(*rx.reps)}{side}" + (f" @ RPE {span(*rx.rpe)}" if rx.rpe else "")


def _table(exercises: Sequence[Exercise]) -> str:
    rows = [("ID", "CATEGORY", "PRESCRIPTION", "TAGS")]
    rows += [(e.id, e.category, _scheme(e), ", ".join(e.tags)) for e in exercises]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n" for r in rows)


def _details(e: Exercise) -> str:
    rx = e.prescription
    lines = [f"{e.name} ({e.id})", f"  category:     {e.category}", f"  prescription: {_scheme(e)}"]
    if rx.rest:
        lines.append(f"  rest:         {span(*rx.rest)} s")
    lines += [
        f"  loading:      {e.loading}",
        f"  equipment:    {', '.join(e.equipment) or '-'}",
        f"  tags:         {', '.join(e.tags) or '-'}",
        f"  aliases:      {', '.join(e.aliases) or '-'}",
    ]
    if e.notes:
        lines += ["", *textwrap.wrap(e.notes, 76, initial_indent="  ", subsequent_indent="  ")]
    if e.variants:
        lines += ["", "  variants:"]
        for i, v in enumerate(e.variants):
            also = f" (also: {', '.join(v.aliases)})" if v.aliases else ""
            facts = ["default form" if i == 0 else _ratio_text(v.ratio)]
            if v.implements > 1:
                facts.append(f"{v.implements} implements, loads per hand")
            if v.assisted:
                facts.append("assisted: its load is help taken off bodyweight")
            if v.harder:
                facts.append(f"tops out into {v.harder}")
            lines.append(f"    {v.id}: {v.name}{also}; {'; '.join(facts)}")
    return "\n".join(lines) + "\n"


def _ratio_text(ratio: float | None) -> str:
    if ratio is None:
        return "needs its own max or log"
    return "same max as the default form" if ratio == 1 else f"max {ratio:g} x the default form's"
