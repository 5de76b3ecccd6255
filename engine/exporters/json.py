"""The JSON contract (documented in the README; other tools rely on it).

Keys in the contract never change meaning; new keys may be added.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

from engine.model import LoadBasis, Plan, PlannedExercise


def _num(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() and not isinstance(value, bool) and abs(value) < 2**53 else value


def _pair(r: tuple[float, float] | None) -> list[Any] | None:
    return None if r is None else [_num(r[0]), _num(r[1])]


def exercise_dict(ex: PlannedExercise) -> dict[str, Any]:
    rx = ex.prescription
    return {
        "slot": ex.slot,
        "id": ex.exercise.id,
        "name": ex.exercise.name,
        "variant": ex.variant.id if ex.variant else None,
        "variant_name": ex.variant.name if ex.variant else None,
        "category": ex.category,
        "prescription": {
            "sets": _pair(rx.sets),
            "reps": _pair(rx.reps),
            "rpe": _pair(rx.rpe),
            "per_side": rx.per_side,
            "rest": _pair(rx.rest),
        },
        "progression": {"name": ex.progression, "added_load": _num(ex.target.added_load), "note": ex.target.note},
        "notes": ex.notes,
        "sets": [{"reps": s.reps, "rpe": _num(s.rpe), "load": None if s.load is None else float(s.load)}
                 for s in ex.sets],
        "deload": ex.deload,
        "load_basis": basis_dict(ex.basis),
        "performed": [{"date": p.date.isoformat(), "reps": p.reps,
                       "load": None if p.load is None else _num(round(p.load, 4)), "rpe": _num(p.rpe),
                       "kind": p.kind} for p in ex.performed],
    }


def basis_dict(b: LoadBasis | None) -> dict[str, Any] | None:
    if b is None:
        return None
    r = (lambda v: None if v is None else round(v, 4))
    return {"source": b.source, "e1rm": r(b.e1rm), "percent": r(b.percent), "raw": r(b.raw),
            "load": b.load, "rounding": b.rounding, "note": b.note}


def plan_dict(plan: Plan) -> dict[str, Any]:
    p = plan.program
    return {
        "program": {
            "name": p.name, "split": p.split, "days": list(p.days), "weeks": p.weeks,
            "units": p.units, "start": p.start.isoformat() if p.start else None,
        },
        "units": plan.units,
        "athlete": None if plan.athlete is None else {
            "name": plan.athlete.name, "units": plan.athlete.units, "bodyweight": _num(plan.athlete.bodyweight),
            "sensitivities": list(plan.athlete.sensitivities)},
        "weeks": [
            {"week": w.number, "done": w.done, "days": [
                {"day": d.name, "date": d.date.isoformat() if d.date else None,
                 "exercises": [exercise_dict(ex) for ex in d.exercises]}
                for d in w.days]}
            for w in plan.weeks
        ],
        "notes": [{"id": n.id, "title": n.title, "text": n.text} for n in plan.notes],
    }


def render(plan: Plan, options: Mapping[str, Any]) -> str:
    return json.dumps(plan_dict(plan), indent=options.get("indent", 2), ensure_ascii=False) + "\n"
