"""Built-in selectors: ordered, rotate and random (seeded).

They are registered through `engine_register_selectors`, exactly like a
plugin's, so their option schemas show up in `engine schema`.
"""

from __future__ import annotations

from typing import Callable, Sequence

from engine import hookimpl
from engine.components import SelectionContext, Selector
from engine.model import Choice

_VARIANTS = {
    "variants": {
        "type": "boolean",
        "default": False,
        "description": "Choose among every variant of the candidates (e.g. high-bar and low-bar squat), "
                       "not only the default form.",
        "examples": [True],
    }
}


def _pool(ctx: SelectionContext) -> tuple[Choice, ...]:
    if ctx.options.get("variants"):
        return ctx.expand_variants()
    return tuple(Choice(e, e.variants[0] if e.variants else None) for e in ctx.candidates)


def ordered(ctx: SelectionContext) -> Sequence[Choice]:
    """The first `count` candidates in the order given, every week."""
    return distinct(_pool(ctx), ctx.count)


def distinct(choices: Sequence[Choice], count: int) -> tuple[Choice, ...]:
    """The first `count` choices with no exercise twice (two variants of one
    exercise in the same slot and week is never what a coach means)."""
    out: list[Choice] = []
    seen: set[str] = set()
    for choice in choices:
        if choice.exercise.id not in seen:
            seen.add(choice.exercise.id)
            out.append(choice)
            if len(out) == count:
                break
    return tuple(out)


def rotate(ctx: SelectionContext) -> Sequence[Choice]:
    """Walk through the candidates, `count` at a time, one step per `every` weeks."""
    pool = _pool(ctx)
    every = ctx.options.get("every", 1)
    step = (ctx.week - 1) // every
    start = (step * ctx.count) % len(pool)
    return distinct([pool[(start + k) % len(pool)] for k in range(len(pool))], ctx.count)


def pick_random(ctx: SelectionContext) -> Sequence[Choice]:
    """A seeded random pick; avoids last week's picks when enough candidates remain."""
    pool = list(_pool(ctx))
    seed = ctx.options.get("seed", ctx.seed)
    # A string seed hashes with SHA-512 inside `random`: stable across runs
    # and PYTHONHASHSEED values.
    import random

    rng = random.Random(f"{seed}:{ctx.slot_index}:{ctx.week}")
    if ctx.options.get("avoid_repeats", True) and ctx.history:
        last = {c.key for c in ctx.history[-1]}
        fresh = [c for c in pool if c.key not in last]
        if len(fresh) >= ctx.count:
            pool = fresh
    shuffled = rng.sample(pool, len(pool))
    picked = distinct(shuffled, ctx.count)
    if len(picked) < ctx.count:  # avoiding repeats left too few exercises
        picked = distinct([*picked, *rng.sample(list(_pool(ctx)), len(_pool(ctx)))], ctx.count)
    return picked


def _keys(picks: Sequence[Choice]) -> str:
    return ", ".join(c.key for c in picks)


def explain_ordered(ctx: SelectionContext, picks: tuple[Choice, ...]) -> str:
    return f"the first {ctx.count} eligible candidate(s) in the order listed: {_keys(picks)}"


def explain_rotate(ctx: SelectionContext, picks: tuple[Choice, ...]) -> str:
    pool = _pool(ctx)
    every = ctx.options.get("every", 1)
    step = (ctx.week - 1) // every
    return (f"week {ctx.week} is rotation step {step + 1} (moving every {every} week(s), {ctx.count} at a time): "
            f"position {(step * ctx.count) % len(pool) + 1} of {len(pool)} in the candidate list")


def explain_random(ctx: SelectionContext, picks: tuple[Choice, ...]) -> str:
    seed = ctx.options.get("seed", ctx.seed)
    avoid = ctx.options.get("avoid_repeats", True) and ctx.history
    return (f"seeded random pick (seed {seed}, slot {ctx.slot_index}, week {ctx.week})"
            + ("; last week's picks avoided where enough candidates remain" if avoid else ""))


@hookimpl
def engine_register_selectors(register: Callable[[Selector], None]) -> None:
    register(Selector(
        "ordered", ordered,
        "Take the candidates in the order listed, the same every week.",
        {"properties": dict(_VARIANTS)},
        explain_ordered,
    ))
    register(Selector(
        "rotate", rotate,
        "Cycle through the candidates week by week, for variety.",
        {"properties": {
            **_VARIANTS,
            "every": {"type": "integer", "minimum": 1, "maximum": 52, "default": 1,
                      "description": "Move to the next candidate every N weeks.", "examples": [2]},
        }},
        explain_rotate,
    ))
    register(Selector(
        "random", pick_random,
        "Pick at random with a seed, so the same file always gives the same plan.",
        {"properties": {
            **_VARIANTS,
            "seed": {"type": "integer", "minimum": 0, "maximum": 4294967295,
                     "description": "Seed for this slot (default: the program's seed).", "examples": [7]},
            "avoid_repeats": {"type": "boolean", "default": True,
                              "description": "Avoid repeating last week's pick when possible.", "examples": [True]},
        }},
        explain_random,
    ))
