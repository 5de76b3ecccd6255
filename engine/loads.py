"""Loads: effort models (reps and RPE to a fraction of 1RM), e1RM, unit
conversion and rounding to what an athlete can actually put on the bar.

Reps in reserve count as extra reps: a set of `r` reps at RPE `p` is treated
as `r + (10 - p)` reps to failure, the idea behind RPE charts. The default
model is Epley's formula, chosen because it stays sensible across the whole
span the catalog prescribes (4 to 20 reps at 2-3 in reserve, that is 6 to 23
reps to failure); Brzycki's is offered too and is close to it up to about 10.
"""

from __future__ import annotations

from functools import lru_cache
from math import gcd
from typing import Any, Callable

from engine import hookimpl
from engine.compiled import dataclass
from engine.components import EffortModel
from engine.model import Choice, Gear


LB_PER_KG = 1 / 0.45359237  # exact by definition: 1 lb = 0.45359237 kg
KG_PER_LB = 0.45359237
DEFAULT_EFFORT_MODEL = "epley"

DEFAULT_GEAR = {
    "lb": Gear(),
    "kg": Gear(bar=20.0, trap_bar=25.0, plates=(25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25),
               dumbbells=tuple(float(w) for w in range(2, 62, 2)), machine_step=5.0),
}
DEFAULT_INCREMENT = {"lb": 5.0, "kg": 2.5}


def guarded_effort(registered: Any) -> Callable[[int, float], float]:
    """A registered effort model's `percent`, checked at every call: a fault,
    or a value that is not a fraction of 1RM in (0, 1.5], names the plugin."""
    from engine.errors import PluginError

    model, plugin = registered.component, registered.plugin
    hook = f"effort model {model.name!r}"

    def percent(reps: int, rpe: float) -> float:
        try:
            value = model.percent(reps, rpe)
        except Exception as exc:  # noqa: BLE001 - a plugin's fault names the plugin
            raise PluginError(plugin, hook, f"{type(exc).__name__}: {exc}") from exc
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value <= 1.5:
            raise PluginError(plugin, hook, (
                f"percent({reps}, {rpe:g}) returned {value!r}; expected a fraction of 1RM in (0, 1.5]"))
        return float(value)

    return percent


def convert(value: float, source: str, target: str) -> float:
    """Exact conversion between kg and lb (1 lb = 0.45359237 kg)."""
    if source == target:
        return value
    return value * KG_PER_LB if target == "kg" else value / KG_PER_LB


def reps_to_failure(reps: float, rpe: float) -> float:
    return reps + max(10.0 - rpe, 0.0)


def epley(reps: float, rpe: float) -> float:
    """Epley: 1RM = load x (1 + n / 30); one rep at RPE 10 is the max itself."""
    n = reps_to_failure(reps, rpe)
    return 1.0 if n <= 1 else 1.0 / (1.0 + n / 30.0)


def brzycki(reps: float, rpe: float) -> float:
    """Brzycki: 1RM = load x 36 / (37 - n); kept above zero for long sets."""
    n = reps_to_failure(reps, rpe)
    return max((37.0 - n) / 36.0, 0.05) if n > 1 else 1.0


@hookimpl
def engine_register_effort_models(register):
    register(EffortModel(
        "epley", epley,
        "Epley's formula on reps plus reps in reserve (the default): %1RM = 1 / (1 + n/30).",
    ))
    register(EffortModel(
        "brzycki", brzycki,
        "Brzycki's formula on reps plus reps in reserve: %1RM = (37 - n) / 36; best up to ~10 reps.",
    ))


# --------------------------------------------------------------- rounding ---

@dataclass(frozen=True)
class Rounded:
    """A load the athlete's gear can make, and how it is made."""

    load: float
    how: str


def implement(choice: Choice) -> str:
    """What the load is made of, from the chosen form's equipment:
    barbell, trap-bar, dumbbells, machine, plate (held), or none."""
    equipment = choice.variant.equipment if choice.variant else choice.exercise.equipment
    if not equipment and choice.variant is None:
        equipment = choice.exercise.equipment
    eq = set(equipment)
    if "trap-bar" in eq:
        return "trap-bar"
    if "barbell" in eq or "smith-machine" in eq:
        return "barbell"
    if "dumbbells" in eq:
        return "dumbbells"
    if any(e.endswith("-machine") for e in eq) or "cable" in eq:
        return "machine"
    if "plates" in eq:
        return "plate"
    return "none"


def _num(x: float) -> str:
    return f"{x:.10g}"  # 13.52299 stays 13.52299, so the plates listed add up


def _ratio(x: float) -> tuple[int, int]:
    """`x` as the decimal fraction it is written as (2.5 -> 5/2, 0.1 -> 1/10),
    so plate sums are exact and 0.1 + 0.2 is 0.3."""
    mantissa, _, exponent = repr(float(x)).partition("e")
    whole, _, decimals = mantissa.partition(".")
    digits, power = int(whole + decimals), int(exponent or 0) - len(decimals)
    if power >= 0:
        return digits * 10 ** power, 1
    den = 10 ** -power
    g = gcd(digits, den)
    return digits // g, den // g


@lru_cache(maxsize=256)
def _unit(sizes: tuple[float, ...]) -> tuple[int, int]:
    """The greatest common divisor of the sizes, as num/den: every sum of
    plates is a whole number of these."""
    num, den = 0, 1
    for s in sizes:
        if s > 0:
            n, d = _ratio(s)
            num, den = gcd(num * d, n * den), den * d
            g = gcd(num, den)
            num, den = num // g, den // g
    return (num, den) if num else (1, 1)


def _steps(value: float, unit: tuple[int, int]) -> int:
    """`value` in whole units (rounded down)."""
    n, d = _ratio(value)
    return (n * unit[1]) // (d * unit[0])


MAX_UNITS = 200_000  # past this, work over the sums that exist rather than the whole range
MAX_SUMS = 200_000  # and stop there: no real set of plates comes near it
MAX_PLATES = 20  # a side, on that path: more than fits a real bar


@lru_cache(maxsize=256)
def _reachable(sizes: tuple[float, ...], limit: float) -> tuple[int, ...]:
    """Every total up to `limit` that a combination of `sizes` (unlimited
    count of each) makes, in whole units (`_unit`)."""
    unit = _unit(sizes)
    steps = sorted({_steps(s, unit) for s in sizes if s > 0})
    if not steps:
        return (0,)
    top = _steps(limit, unit) + steps[-1]
    if top > MAX_UNITS:
        return _sums(steps, top)
    ok = bytearray(top + 1)
    ok[0] = 1
    for step in steps:  # unlimited count of each size: sweep upwards
        for i in range(step, top + 1):
            if ok[i - step]:
                ok[i] = 1
    return tuple(i for i in range(top + 1) if ok[i])


def _sums(steps: list[int], top: int) -> tuple[int, ...]:
    """The same from the sums themselves, with at most MAX_PLATES plates a
    side. A plate like 0.45359 beside 1.25 makes the common unit 0.00001:
    millions of units, but only so many loads a bar really carries (not
    thirty 1 lb plates to land on a number)."""
    seen = {0}
    frontier = {0}
    for _ in range(MAX_PLATES):
        following = {x + step for x in frontier for step in steps if x + step <= top} - seen
        seen |= following
        frontier = following
        if not frontier or len(seen) > MAX_SUMS:
            break
    return tuple(sorted(seen))


def _fewest(steps: list[int], n: int) -> list[int] | None:
    """Fewest steps (heaviest first among equals) summing to n, searched
    over the sums reachable with 1, 2, 3... plates: for ranges too long for
    the table `_breakdown` fills."""
    came: dict[int, tuple[int, int]] = {0: (0, 0)}
    frontier = [0]
    while frontier and n not in came and len(came) <= MAX_SUMS:
        following = []
        for x in frontier:
            for step in steps:
                y = x + step
                if y <= n and y not in came:
                    came[y] = (x, step)
                    following.append(y)
        frontier = following
    if n not in came:
        return None
    out = []
    while n:
        n, step = came[n]
        out.append(step)
    return out


def _nearest(options: tuple[float, ...], value: float, above: float | None) -> float:
    """Closest of the sorted `options` (ties go to the lighter one); with
    `above`, the result is heavier than it, so a planned increase is never
    rounded away."""
    from bisect import bisect_left, bisect_right

    lo = bisect_right(options, above + 1e-9) if above is not None else 0
    if lo >= len(options):
        return options[-1]
    i = min(max(bisect_left(options, value, lo), lo), len(options) - 1)
    best = options[i]
    if i > lo and abs(options[i - 1] - value) <= abs(best - value):
        best = options[i - 1]
    return best


def _limit(value: float) -> float:
    """Cache-friendly bound for the reachable totals."""
    return max(600.0, float(int(value // 500 + 1) * 500))


@lru_cache(maxsize=256)
def _loads(plates: tuple[float, ...], bar: float, limit: float,
           both_sides: bool) -> tuple[tuple[float, ...], dict[float, int]]:
    """The loads the bar (or a stack of plates) can make, sorted, and for
    each the plates a side in whole units, so a breakdown never works back
    from float subtraction."""
    num, den = _unit(plates)
    sides = 2 if both_sides else 1
    units: dict[float, int] = {}
    for i in _reachable(plates, limit):
        # int / int is correctly rounded: each total is the float nearest the exact sum.
        units.setdefault(bar + sides * (i * num / den), i)
    return tuple(sorted(units)), units


@lru_cache(maxsize=4096)
def _breakdown(n: int, plates: tuple[float, ...]) -> list[float]:
    """Plates (sorted sizes) that make `n` units (`_unit`) exactly, heaviest first, the
    way lifters load a bar; when that cannot finish (with 45, 2.5 and 1, 18
    is not 2.5 x 7 + ...), the fewest plates that do."""
    if n <= 0:
        return []
    unit = _unit(plates)
    by_steps = {_steps(p, unit): p for p in plates if p > 0}
    if not by_steps:
        return []
    steps = sorted(by_steps, reverse=True)
    greedy, left = [], n
    for step in steps:
        while left >= step:
            greedy.append(float(by_steps[step]))
            left -= step
    if left == 0:
        return greedy
    if n > MAX_UNITS:
        found = _fewest(steps, n)
        return sorted((float(by_steps[s]) for s in found or ()), reverse=True)
    best = [0] + [-1] * n  # fewest plates for each amount, -1 unreachable
    last = [0] * (n + 1)
    for amount in range(1, n + 1):
        for k, step in enumerate(steps):
            if step <= amount and best[amount - step] >= 0 and (
                    best[amount] < 0 or best[amount - step] + 1 < best[amount]):
                best[amount], last[amount] = best[amount - step] + 1, k
    if best[n] < 0:
        return []
    out, amount = [], n
    while amount:
        out.append(float(by_steps[steps[last[amount]]]))
        amount -= steps[last[amount]]
    return sorted(out, reverse=True)


def round_load(value: float, kind: str, gear: Gear, units: str, *,
               pair: bool = False, above: float | None = None) -> Rounded | None:
    """Round a load to what `gear` can make. None when the implement takes no
    load the engine can count (bands, bodyweight-only forms)."""
    value = max(value, 0.0)
    if kind in ("barbell", "trap-bar"):
        bar = gear.bar if kind == "barbell" else gear.trap_bar
        plates = tuple(sorted(gear.plates))
        totals, in_units = _loads(plates, bar, _limit(value / 2), True)
        load = _nearest(totals, value, above)
        side = _breakdown(in_units[load], plates)
        what = f"{kind} {_num(bar)} {units}" + (f" + 2 x ({' + '.join(map(_num, side))})" if side else " (empty bar)")
        return Rounded(load, what)
    if kind == "dumbbells":
        bells = gear.dumbbells or (0.0,)
        if pair:
            load = _nearest(tuple(sorted(2 * b for b in bells)), value, above)
            return Rounded(load, f"dumbbells 2 x {_num(load / 2)} {units}")
        load = _nearest(tuple(sorted(bells)), value, above)
        return Rounded(load, f"dumbbell {_num(load)} {units}")
    if kind == "machine":
        step = gear.machine_step
        n = max(round(value / step - 1e-9), 1)
        if above is not None and n * step <= above + 1e-9:
            n = int(above // step) + 1
        load = n * step
        return Rounded(load, f"machine stack in steps of {_num(step)} {units}")
    if kind == "plate":
        plates = tuple(sorted(gear.plates))
        totals, in_units = _loads(plates, 0.0, _limit(value), False)
        load = _nearest(totals, value, above)
        held = _breakdown(in_units[load], plates)
        return Rounded(load, "plates held: " + (" + ".join(map(_num, held)) if held else "none") + f" {units}")
    return None
