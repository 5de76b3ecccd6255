"""What an athlete's equipment can load, and how a wanted load becomes one
it can make.

An `Implement` is the thing the load goes on for one exercise form: a bar
with pairs of plates, a set of dumbbells (loads are per dumbbell, that is
per hand), a set of kettlebells (each bell as made: a 20 kg bell in an lb
profile is 44.09 lb and is named "20 kg (44.1 lb)"), a machine or cable
stack, plates held, or nothing countable (a band, bodyweight alone). Every load the engine prescribes is one the
implement makes; `nearest`, `floor` and `top` are the only ways a wanted
load becomes a prescribed one.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from typing import Any

from engine.assist import assistance_text, assisted
from engine.loads import convert
from engine.model import Choice, Gear, Stack
from engine.model.base import Frozen, set_field
from engine.plates import bound, breakdown, fmt, totals

EPS = 1e-9
KINDS = ("barbell", "trap-bar", "dumbbells", "kettlebells", "machine", "assist", "plate", "carried", "none")
CARRIED = frozenset({"weighted-vest", "ankle-weights"})  # adjustable in blocks, worn rather than held
BELTS = frozenset({"dip-belt", "weight-belt"})  # plates hung from a belt
CARRIED_STEP = {"lb": 2.5, "kg": 1.0}  # a vest's or ankle weight's block when the profile gives none
_BY_LOADING = {"barbell": "barbell", "dumbbell": "dumbbells", "kettlebell": "kettlebells", "machine": "machine",
               "cable": "machine"}


class Implement(Frozen):
    """One form's load carrier, in the athlete's units. `count` is how many
    are held (two dumbbells): every load is per implement."""

    __slots__ = ("kind", "units", "count", "bar", "plates", "sizes", "stack", "bare", "worn", "bells", "hows",
                 "loaded", "top", "labels", "plated")
    _derived = ("hows", "loaded", "top", "labels", "plated")  # asked at every exposure: made once
    kind: str
    units: str
    count: int
    bar: float
    plates: tuple[float, ...]
    sizes: tuple[float, ...]  # dumbbells
    stack: Stack | None
    bare: bool  # a bodyweight exercise: no added load at all is a load too
    worn: str  # what a carried load is ("weighted vest")
    bells: tuple[tuple[float, str], ...]  # kettlebells as made, (weight, units), one for each of `sizes`
    hows: dict[tuple[float, type], str]
    loaded: bool  # it makes a load: not a form that takes none
    top: float | None  # `_top`
    labels: tuple[tuple[float, str], ...]  # `_labels`
    plated: dict[float, tuple[float, ...]]  # a bar's or plates' loads up to each `bound` asked (`grid`)

    def __init__(
        self,
        kind: str,
        units: str,
        count: int = 1,
        bar: float = 0.0,
        plates: tuple[float, ...] = (),
        sizes: tuple[float, ...] = (),
        stack: Stack | None = None,
        bare: bool = False,
        worn: str = "",
        bells: tuple[tuple[float, str], ...] = (),
    ) -> None:
        set_field(self, "kind", kind)
        set_field(self, "units", units)
        set_field(self, "count", count)
        set_field(self, "bar", bar)
        set_field(self, "plates", plates)
        set_field(self, "sizes", sizes)
        set_field(self, "stack", stack)
        set_field(self, "bare", bare)
        set_field(self, "worn", worn)
        set_field(self, "bells", bells)
        set_field(self, "hows", {})  # `how`'s texts by exact load: a plan asks a few loads week after week
        set_field(self, "loaded", kind != "none")
        set_field(self, "top", self._top())
        set_field(self, "labels", self._labels())
        set_field(self, "plated", {})

    def _top(self) -> float | None:
        """The heaviest load it makes; None when it has no practical limit
        (plates come in as many pairs as needed)."""
        if self.kind in ("dumbbells", "kettlebells"):
            return self.sizes[-1] if self.sizes else 0.0
        if self.kind in ("machine", "carried") and self.stack is not None and self.stack.high is not None:
            return _stack_floor(self.stack, self.stack.high)
        if self.kind == "assist" and self.stack is not None:
            return -(self.stack.low if self.stack.low is not None else self.stack.step)  # the least help
        return None

    def grid(self, upto: float) -> tuple[float, ...]:
        """Every load it makes up to at least `upto` (and one step beyond
        when there is one), sorted."""
        if self.kind != "assist":
            upto = max(upto, 0.0)
        if self.kind in ("barbell", "trap-bar", "plate"):
            both = self.kind != "plate"
            limit = bound(upto / 2 if both else upto)
            found = self.plated.get(limit)
            if found is None:
                found = self.plated[limit] = totals(self.plates, self.bar if both else 0.0, limit, both)[0]
            return found
        if self.kind in ("dumbbells", "kettlebells"):
            return ((0.0,) if self.bare or not self.sizes else ()) + self.sizes
        if self.kind == "machine" and self.stack is not None:
            return _stack_grid(self.stack, upto)
        if self.kind == "assist" and self.stack is not None:
            return _assist_grid(self.stack, upto)
        if self.kind == "carried" and self.stack is not None:
            return (0.0,) + _stack_grid(self.stack, upto) if self.bare else _stack_grid(self.stack, upto)
        return ()

    def amount(self, load: float) -> str:
        """A load in a note: "45 kg", an assisted machine's "BW - 45 kg", a
        bell made in other units as it is known: "20 kg (44.1 lb)"."""
        if self.kind == "assist":
            return assistance_text(load, self.units)
        bell = self.bell(load)
        if bell is not None and bell[1] != self.units:
            return f"{fmt(bell[0])} {bell[1]} ({round(load, 1):g} {self.units})"
        return f"{round(load, 2):g} {self.units}"

    def bell(self, load: float) -> tuple[float, str] | None:
        """The kettlebell (weight, units as made) that `load` is, if any."""
        i = bisect_left(self.sizes, load - EPS) if self.bells else len(self.sizes)
        return self.bells[i] if i < len(self.sizes) and abs(self.sizes[i] - load) <= EPS else None

    def _labels(self) -> tuple[tuple[float, str], ...]:
        """Each bell made in units other than the athlete's, with its name
        ("20 kg (44.1 lb)"): what the sheet prints for that load."""
        if not self.bells:
            return ()
        return tuple((size, self.amount(size)) for size, bell in zip(self.sizes, self.bells, strict=True)
                     if bell[1] != self.units)

    def how(self, load: float) -> str:
        """How the load is made, e.g. "barbell 45 lb + 2 x (45 + 10)"; no
        load (0 or -0.0, which an assisted machine words apart) is not kept."""
        key = (load, type(load))
        found: str | None = self.hows.get(key)
        if found is None:
            found = self._how(load)
            if load != 0 and len(self.hows) < 256:
                self.hows[key] = found
        return found

    def _how(self, load: float) -> str:
        u = self.units
        if self.kind in ("barbell", "trap-bar"):
            units = totals(self.plates, self.bar, bound(load / 2), True)[1]
            side = breakdown(units.get(load, 0), self.plates)
            plates = f" + 2 x ({' + '.join(map(fmt, side))})" if side else " (empty bar)"
            return f"{self.kind} {fmt(self.bar)} {u}{plates}"
        if self.kind == "plate":
            units = totals(self.plates, 0.0, bound(load), False)[1]
            held = breakdown(units.get(load, 0), self.plates)
            return f"plates held: {' + '.join(map(fmt, held))} {u}" if held else "no plate held"
        if self.kind == "kettlebells":
            bell = self.bell(load)
            made = f"{fmt(bell[0])} {bell[1]}" if bell is not None else f"{fmt(load)} {u}"
            made += f" ({n2(load)} {u})" if bell is not None and bell[1] != u else ""
            return ("no kettlebell" if load == 0 else
                    f"kettlebells {self.count} x {made}" if self.count > 1 else f"kettlebell {made}")
        if self.kind == "dumbbells":
            if load == 0:
                return "no dumbbells"
            return f"dumbbells {self.count} x {fmt(load)} {u}" if self.count > 1 else f"dumbbell {fmt(load)} {u}"
        if self.kind == "machine" and self.stack is not None:
            top = f", full stack {fmt(self.stack.high)}" if self.stack.high is not None else ""
            return f"stack in steps of {fmt(self.stack.step)} {u}{top}"
        if self.kind == "assist" and self.stack is not None:
            top = f", up to {fmt(self.stack.high)}" if self.stack.high is not None else ""
            return f"{fmt(-load)} {u} of assistance, on a stack in steps of {fmt(self.stack.step)} {u}{top}"
        if self.kind == "carried":
            return f"{self.worn} {fmt(load)} {u}" if load else f"no {self.worn}"
        return "no countable load"


STACK_WINDOW = 64  # settings around the value asked about: enough for every question, never the whole stack


def _stack_grid(stack: Stack, upto: float) -> tuple[float, ...]:
    """The settings around `upto` (from the lightest when `upto` is below
    it), a window rather than the whole stack, which a tiny step would make
    millions long."""
    step = stack.step
    low = stack.low if stack.low is not None else step
    last = None if stack.high is None else max(int((stack.high - low) / step + EPS), 0)
    first = max(int((upto - low) / step) - 2, 0)
    if last is not None:
        first = min(first, last)
    count = STACK_WINDOW if last is None else min(STACK_WINDOW, last - first + 1)
    key = (low, step, type(low), type(step), first, count)  # 5 and 5.0 make ints and floats
    found = _WINDOWS.get(key)
    if found is None:
        found = tuple(round(low + (first + i) * step, 9) for i in range(count))
        if len(_WINDOWS) < 4096:
            _WINDOWS[key] = found
    return found


def _assist_grid(stack: Stack, value: float) -> tuple[float, ...]:
    """An assisted machine's loads: each setting of help as a negative
    added load, sorted, in a window either side of `value`."""
    help_ = max(-value, 0.0) - (STACK_WINDOW // 2) * stack.step
    return tuple(-s for s in reversed(_stack_grid(stack, help_)))


_WINDOWS: dict[tuple[Any, ...], tuple[float, ...]] = {}  # a plan asks about a few windows often


def _stack_floor(stack: Stack, value: float) -> float:
    grid = _stack_grid(stack, value)
    i = bisect_right(grid, value + EPS)
    return grid[max(i - 1, 0)]


def nearest(imp: Implement, value: float) -> float:
    """The load closest to `value` (a tie goes to the lighter one)."""
    grid = imp.grid(value)
    i = min(bisect_left(grid, value), len(grid) - 1)
    best = grid[i]
    if i > 0 and abs(grid[i - 1] - value) <= abs(best - value) + EPS:
        best = grid[i - 1]
    return best


def cut_to(imp: Implement, load: float, before: float) -> float:
    """Where a cut to `load` lands: the nearest load the equipment makes,
    as long as it is still lighter than `before` (104.9 -> 105 is a cut
    from 112.5); else the heaviest under `load`."""
    near = nearest(imp, load)
    return near if near < before - EPS else floor(imp, load)


def floor(imp: Implement, value: float) -> float:
    """The heaviest load not above `value` (the lightest there is when
    nothing is that light): what a planned increase moves to, so it is
    never more than was earned."""
    grid = imp.grid(value)
    i = bisect_right(grid, value + EPS)
    return grid[max(i - 1, 0)]


def makes(imp: Implement, value: float) -> bool:
    grid = imp.grid(value)
    i = bisect_left(grid, value - EPS)
    return i < len(grid) and abs(grid[i] - value) <= EPS


def next_above(imp: Implement, value: float) -> float | None:
    """The lightest load heavier than `value`, or None at the top."""
    grid = imp.grid(value)
    i = bisect_right(grid, value + EPS)
    return grid[i] if i < len(grid) else None


def next_below(imp: Implement, value: float) -> float | None:
    """The heaviest load lighter than `value`, or None at the bottom."""
    grid = imp.grid(value)
    i = bisect_left(grid, value - EPS)
    return grid[i - 1] if i > 0 else None


def kind_of(choice: Choice) -> str:
    """What the form is loaded with: its equipment first (a band form of a
    machine exercise is a band), then the exercise's `loading`. Kept on the
    choice, which a plan asks about at every exposure."""
    found = choice._kind
    if found is None:
        found = _kind(choice)
        set_field(choice, "_kind", found)
    return found


def _kind(choice: Choice) -> str:
    form = choice.variant
    eq = set(form.equipment if form is not None else choice.exercise.equipment)
    if assisted(choice) and machine_name(eq) is not None:
        return "assist"
    if "trap-bar" in eq:
        return "trap-bar"
    if "barbell" in eq or "smith-machine" in eq:
        return "barbell"
    if "kettlebells" in eq or "kettlebell" in eq:
        return "kettlebells"
    if "dumbbells" in eq or "dumbbell" in eq:
        return "dumbbells"
    if machine_name(eq) is not None:
        return "machine"
    if "plates" in eq or eq & BELTS:
        return "plate"
    if eq & CARRIED:
        return "carried"
    if "band" in eq or "bands" in eq:
        return "none"
    return _BY_LOADING.get(choice.exercise.loading, "none")


def n2(x: float) -> str:
    return f"{round(x, 2):g}"


def machine_name(equipment: set[str] | tuple[str, ...]) -> str | None:
    """The stack a form is loaded on: a `*-machine` (not the Smith machine,
    which takes plates) or a cable."""
    for item in sorted(equipment):
        if (item.endswith("-machine") and item != "smith-machine") or "cable" in item:
            return item
    return None


def implement_for(choice: Choice, gear: Gear, units: str, bodyweight: float | None = None) -> Implement:
    """The implement `choice` is loaded with, from the athlete's gear (an
    assisted machine's help stops short of `bodyweight`: something is
    always moved)."""
    form = choice.variant
    count = form.implements if form is not None else choice.exercise.implements
    equipment = tuple(form.equipment if form is not None else choice.exercise.equipment)
    machine = machine_name(equipment) or min(CARRIED & set(equipment), default=None)
    bare = choice.exercise.loading == "bodyweight"
    imp = implement(kind_of(choice), gear, units, count=count, machine=machine, bare=bare)
    return _short_of(imp, bodyweight) if imp.kind == "assist" and bodyweight else imp


def _short_of(imp: Implement, bodyweight: float) -> Implement:
    """An assisted machine whose most help is under `bodyweight`."""
    stack = imp.stack
    if stack is None:
        return imp
    low = stack.low if stack.low is not None else stack.step
    most = low + max(math.ceil((bodyweight - low) / stack.step - EPS) - 1, 0) * stack.step
    high = most if stack.high is None else min(stack.high, most)
    return Implement(imp.kind, imp.units, stack=Stack(stack.step, stack.low, high))


def implement(kind: str, gear: Gear, units: str, *, count: int = 1, machine: str | None = None,
              bare: bool = False) -> Implement:
    """An implement of `kind` made from the athlete's gear (`machine`
    names the stack, for a machine; `bare`: a bodyweight exercise, which
    can also be done holding nothing)."""
    if kind in ("barbell", "trap-bar"):
        bar = gear.bar if kind == "barbell" else gear.trap_bar
        return Implement(kind, units, bar=bar, plates=tuple(sorted(gear.plates)))
    if kind == "plate":
        return Implement(kind, units, plates=tuple(sorted(gear.plates)))
    if kind == "kettlebells" and gear.kettlebells is not None:
        made = {round(convert(w, u, units), 9): (convert(w, u, units), (w, u)) for w, u in reversed(gear.kettlebells)}
        found = sorted(made.values())  # exact: 16 kg is 0.8 of 20 kg in lb too
        return Implement(kind, units, count=max(count, 1), sizes=tuple(s for s, _ in found), bare=bare,
                         bells=tuple(b for _, b in found))
    if kind in ("dumbbells", "kettlebells"):  # a profile without bells loads kettlebell lifts from its dumbbells
        return Implement("dumbbells", units, count=max(count, 1), sizes=tuple(sorted(set(gear.dumbbells))), bare=bare)
    if kind in ("machine", "assist"):
        stack = gear.stacks.get(machine or "") or Stack(gear.machine_step, None, gear.machine_max)
        return Implement(kind, units, stack=stack)
    if kind == "carried":
        stack = gear.stacks.get(machine or "") or Stack(CARRIED_STEP.get(units, 1.0))
        worn = (machine or "carried load").replace("-", " ")
        return Implement(kind, units, count=max(count, 1), stack=stack, bare=bare, worn=worn)
    return Implement("none", units)
