"""Plate arithmetic: which totals a bar (or a stack of held plates) can
make from the athlete's plate sizes, and which plates make each one.

Sums are exact: every size is a whole number of the sizes' common divisor
(2.5 and 1.25 kg share 0.25 kg), so 0.1 + 0.2 is 0.3 and the plates listed
always add up to the load.
"""

from __future__ import annotations

from functools import lru_cache
from math import gcd


def fmt(x: float) -> str:
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
    the table `_fewest_by_table` fills."""
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


def bound(value: float) -> float:
    """Cache-friendly bound for the reachable totals."""
    return max(600.0, float(int(value // 500 + 1) * 500))


@lru_cache(maxsize=256)
def totals(plates: tuple[float, ...], bar: float, limit: float,
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
def breakdown(n: int, plates: tuple[float, ...]) -> list[float]:
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
    found = _heaviest_first(steps, n)
    if found is None:
        found = _fewest(steps, n) if n > MAX_UNITS else _fewest_by_table(steps, n)
    return sorted((float(by_steps[s]) for s in found or ()), reverse=True)


def _heaviest_first(steps: list[int], n: int) -> list[int] | None:
    """Each plate (steps, heaviest first) as often as it fits, the way
    lifters load a bar; None when that leaves a remainder."""
    out, left = [], n
    for step in steps:
        while left >= step:
            out.append(step)
            left -= step
    return out if left == 0 else None


def _fewest_by_table(steps: list[int], n: int) -> list[int] | None:
    """Fewest steps summing to n, from a table of the fewest for every
    amount up to n; None when no combination makes n."""
    best = [0] + [-1] * n  # fewest plates for each amount, -1 unreachable
    last = [0] * (n + 1)
    for amount in range(1, n + 1):
        for k, step in enumerate(steps):
            if step <= amount and best[amount - step] >= 0 and (
                    best[amount] < 0 or best[amount - step] + 1 < best[amount]):
                best[amount], last[amount] = best[amount - step] + 1, k
    if best[n] < 0:
        return None
    out, amount = [], n
    while amount:
        out.append(steps[last[amount]])
        amount -= steps[last[amount]]
    return out
