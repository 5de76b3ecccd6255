"""The `least-recent` selector: fill a slot with the candidates the athlete
has done least recently.

"Done" comes from the athlete's log (`ctx.last_done`, filled by the engine
when `--log` is given) and from this plan's earlier weeks (`ctx.history`);
a pick in this plan counts as more recent than anything in the log.
Never-done candidates come first. Ties keep the rule file's order, or are
shuffled with the program's seed when `shuffle_ties = true`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import engine
from engine import Choice, SelectionContext

__version__ = "0.1.0"

OPTIONS = {
    "properties": {
        "variants": {
            "type": "boolean", "default": False,
            "description": ("Choose among every variant of the candidates, so a variant done long ago can come "
                            "back on its own."),
            "examples": [True],
        },
        "shuffle_ties": {
            "type": "boolean", "default": False,
            "description": ("Break ties (e.g. several never-done candidates) with a seeded shuffle instead of the "
                            "listed order."),
            "examples": [True],
        },
    },
}


def _pool(ctx: SelectionContext) -> list[Choice]:
    if ctx.options.get("variants"):
        return list(ctx.expand_variants())
    return [Choice(e, e.variants[0] if e.variants else None) for e in ctx.candidates]


def recency(ctx: SelectionContext, choice: Choice) -> tuple[int, Any]:
    """Sort key: (0, ...) never done; (1, date) last done in the log;
    (2, week) done earlier in this plan. Smaller is longer ago."""
    variants = bool(ctx.options.get("variants"))
    for back, picks in enumerate(reversed(ctx.history)):
        for pick in picks:
            same = pick.key == choice.key if variants else pick.exercise.id == choice.exercise.id
            if same:
                return (2, ctx.week - 1 - back)
    key = choice.key if variants else choice.exercise.id
    when = ctx.last_done.get(key)
    if when is None and not variants:
        when = ctx.last_done.get(choice.exercise.id)
    return (1, when) if when is not None else (0, dt.date.min)


def least_recent(ctx: SelectionContext) -> list[Choice]:
    pool = _pool(ctx)
    order = list(range(len(pool)))
    if ctx.options.get("shuffle_ties"):
        import random  # only here: importing it costs every engine start

        random.Random(f"{ctx.seed}:{ctx.slot_index}:{ctx.week}:least-recent").shuffle(order)
    ranked = sorted(range(len(pool)), key=lambda i: (recency(ctx, pool[i]), order.index(i)))
    out: list[Choice] = []
    seen: set[str] = set()
    for i in ranked:
        choice = pool[i]
        if choice.exercise.id not in seen:  # never one exercise twice in a slot and week
            seen.add(choice.exercise.id)
            out.append(choice)
        if len(out) == ctx.count:
            break
    return out


def explain(ctx: SelectionContext, picks: tuple[Choice, ...]) -> str:
    def when(choice: Choice) -> str:
        kind, value = recency(ctx, choice)
        return ("never done", f"last logged {value}", f"done in week {value} of this plan")[kind]

    return "least recently done first: " + "; ".join(f"{c.key} ({when(c)})" for c in picks)


@engine.hookimpl
def engine_register_selectors(register):
    register(engine.Selector(
        "least-recent", least_recent,
        "Pick the candidates the athlete has done least recently (from the log and earlier weeks).",
        OPTIONS, explain,
    ))
