"""Kettlebells as the athlete knows them.

A bell is made in one unit: a 20 kg bell in an lb profile weighs 44.09 lb,
and the athlete logs it as "44" or "44.1". A logged load within `TOLERANCE`
of one of the athlete's bells (1 lb, 0.45 kg) is that bell, so the plan
reads the session at the bell's weight, never as a load the equipment does
not make; the sheet names a bell made in other units by its own weight,
"20 kg (44.1 lb)" (`Implement.labels`, carried by the load basis).
"""

from __future__ import annotations

import datetime as _dt
from typing import Callable, Iterable, Mapping

from engine.gear import EPS, Implement, implement, kind_of, nearest
from engine.loads import KG_PER_LB
from engine.model import Athlete, Choice, Exercise, Gear

TOLERANCE = {"lb": 1.0, "kg": KG_PER_LB}  # a pound either way: 44 or 44.1 lb is the 20 kg bell (44.09 lb)
Snap = Callable[[str, _dt.date, float], float]


def snapper(athlete: Athlete | None, exercises: Mapping[str, Exercise], units: str) -> Snap | None:
    """What a logged load of a kettlebell form on a date is: the athlete's
    bell it is within `TOLERANCE` of, else the load as logged. None when no
    equipment of the profile lists kettlebells (nothing to snap to)."""
    if athlete is None or all(g.kettlebells is None for g in (athlete.gear, *(c.gear for c in athlete.gear_changes))):
        return None
    bells: dict[tuple[str, int], Implement | None] = {}  # (form, equipment) -> its bells

    def snap(form: str, date: _dt.date, load: float) -> float:
        gear = athlete.gear_on(date)
        key = (form, id(gear))
        if key not in bells:
            bells[key] = _bells_of(form, exercises, gear, units)
        imp = bells[key]
        if imp is None or load <= 0:
            return load
        near = nearest(imp, load)
        return near if abs(near - load) <= TOLERANCE[units] + EPS else load

    return snap


def _bells_of(form: str, exercises: Mapping[str, Exercise], gear: Gear, units: str) -> Implement | None:
    ex_id, _, variant = form.partition("/")
    ex = exercises.get(ex_id)
    if ex is None:
        return None
    choice = Choice(ex, ex.variant(variant) if variant else None)
    if kind_of(choice) != "kettlebells":
        return None
    imp = implement("kettlebells", gear, units)
    return imp if imp.kind == "kettlebells" and imp.sizes else None


def label(loads: Iterable[float], labels: tuple[tuple[float, str], ...]) -> str | None:
    """The name of the one bell every load is ("20 kg (44.1 lb)"), or None."""
    found = {name for load in loads for at, name in labels if abs(at - load) <= 1e-6}
    values = set(loads)
    if len(found) == 1 and values and all(any(abs(at - v) <= 1e-6 for at, _ in labels) for v in values):
        return found.pop()
    return None
