"""What a logged load stands for: the load of the athlete's equipment it
was meant as.

Two cases. A kettlebell logged near one of the athlete's bells (within
`engine.bells.TOLERANCE`: "44" lb is the 20 kg bell). And a load logged in
the other units, which apps write to two decimals: 176.37 lb is the 80 kg
bar (80.0002 kg), 17.64 lb the 8 kg dumbbell (8.0014 kg), 111.13 kg the
245 lb bar (244.9997 lb). Read as made, the session is the one the same
sets logged in the plan's units would be; read as written, it would be a
load the equipment does not make, and the plan would take another path
(reps a rating foresees too hard, "80.0002 kg is not a load the equipment
makes") for a rounding. Only a load within half a tenth of the other unit
(0.02 kg, 0.11 lb) of one the equipment makes is snapped: a real other
load (112.5 kg for an lb athlete, 248.02 lb) stays as logged.
"""

from __future__ import annotations

import datetime as _dt
from typing import Callable, Mapping

from engine.bells import TOLERANCE
from engine.gear import EPS, Implement, implement_for, nearest
from engine.loads import KG_PER_LB
from engine.model import Athlete, Choice, Exercise, Gear

CONVERTED = {"kg": 0.05 * KG_PER_LB, "lb": 0.05 / KG_PER_LB}  # half a tenth of the other unit, in these units
Snap = Callable[[str, _dt.date, float, bool], float]  # (form, date, load, logged in the other units) -> load


def snapper(athlete: Athlete | None, exercises: Mapping[str, Exercise], units: str) -> Snap | None:
    """What a logged load of a form on a date is (module docstring); None
    without a profile (no equipment to snap to)."""
    if athlete is None:
        return None
    implements: dict[tuple[str, int], Implement | None] = {}  # (form, equipment) -> its implement

    def snap(form: str, date: _dt.date, load: float, converted: bool) -> float:
        gear = athlete.gear_on(date)
        key = (form, id(gear))
        if key not in implements:
            implements[key] = _implement(form, exercises, gear, units, athlete.bodyweight)
        imp = implements[key]
        if imp is None or not imp.loaded or not load:
            return load
        bell = imp.kind == "kettlebells" and bool(imp.sizes)
        if not bell and not converted:
            return load
        near = nearest(imp, load)
        return float(near) if abs(near - load) <= (TOLERANCE if bell else CONVERTED)[units] + EPS else load

    return snap


def _implement(form: str, exercises: Mapping[str, Exercise], gear: Gear, units: str,
               bodyweight: float | None) -> Implement | None:
    ex_id, _, variant = form.partition("/")
    ex = exercises.get(ex_id)
    if ex is None:
        return None
    return implement_for(Choice(ex, ex.variant(variant) if variant else None), gear, units, bodyweight)
