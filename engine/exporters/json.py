"""The JSON contract (documented in the README; other tools rely on it).

Keys in the contract never change meaning; new keys may be added.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Mapping

from engine.model import LoadBasis, Plan, PlannedExercise


def _num(value: float | None) -> int | float | None:
    if value is None or type(value) is int:
        return value
    return int(value) if float(value).is_integer() and not isinstance(value, bool) and abs(value) < 2**53 else value


def _round4(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


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
        "implements": ex.implements,
        "deload": ex.deload,
        "load_basis": basis_dict(ex.basis),
        "performed": [{"date": p.date.isoformat(), "reps": p.reps,
                       "load": None if p.load is None else _num(round(p.load, 4)), "rpe": _num(p.rpe),
                       "kind": p.kind, "form": p.form or None} for p in ex.performed],
        "missed": ex.missed,
    }


def basis_dict(b: LoadBasis | None) -> dict[str, Any] | None:
    if b is None:
        return None
    return {"source": b.source, "e1rm": _round4(b.e1rm), "percent": _round4(b.percent), "raw": _round4(b.raw),
            "load": b.load, "rounding": b.rounding, "note": b.note, "change": b.change, "owed": _round4(b.owed)}


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
                {"day": d.name, "date": d.date.isoformat() if d.date else None, "done": d.done,
                 "exercises": [exercise_dict(ex) for ex in d.exercises]}
                for d in w.days]}
            for w in plan.weeks
        ],
        "notes": [{"id": n.id, "title": n.title, "text": n.text} for n in plan.notes],
    }


def render(plan: Plan, options: Mapping[str, Any]) -> str:
    data = plan_dict(plan)  # the contract, in one place
    if options.get("compact"):
        return _leaf(data) + "\n"
    return dumps(data, options.get("indent", 2)) + "\n"


INLINE = 100  # a leaf longer than this is spread over lines, one value each


def _make_leaf_encoder() -> Callable[[Any], str]:
    """The C encoder made once, with json.dumps's separators (JSONEncoder.encode
    would build a new one for every call); the pure-Python one elsewhere."""
    from json import encoder

    c_make_encoder = getattr(encoder, "c_make_encoder", None)  # CPython's, not in the type stubs
    if c_make_encoder is not None:
        make = c_make_encoder(None, _unserialisable, encoder.encode_basestring, None, ": ", ", ",
                              False, False, True)
        return lambda o: "".join(make(o, 0))
    return json.JSONEncoder(ensure_ascii=False).encode  # pragma: no cover - CPython has the C encoder


def _unserialisable(o: Any) -> Any:
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


_leaf = _make_leaf_encoder()
_FLOAT_MAX = 1.7976931348623157e308
_string = json.encoder.encode_basestring
_keys: dict[str, str] = {}


def dumps(data: Any, indent: int = 2) -> str:
    """Indented JSON whose short innermost objects and arrays (those holding
    only numbers, strings, booleans and nulls) sit on one line: a set or a
    range reads at a glance, and those leaves go through the C encoder,
    which json.dumps(indent=...) never uses. A plan renders several times
    faster and a quarter smaller."""
    out: list[str] = []
    _write(data, out, "\n", " " * indent)
    return "".join(out)


def _write(node: Any, out: list[str], newline: str, step: str) -> None:
    kind = type(node)
    if kind is dict:
        _write_dict(node, out, newline, step)
    elif kind is list:
        if _flat(node):
            out.append(_leaf(node))
        else:
            _spread(node, _write, out, newline, step)
    elif kind is str:
        out.append(_string(node))
    else:
        out.append(_scalar(node))


def _flat(values: Any) -> bool:
    """Only numbers, strings, booleans and nulls: one line, by the C encoder."""
    for v in values:
        if type(v) is dict or type(v) is list:
            return False
    return True


def _write_dict(node: dict[Any, Any], out: list[str], newline: str, step: str) -> None:
    if _flat(node.values()):
        text = _leaf(node)
        if len(text) <= INLINE or not node:
            out.append(text)
            return
    inner = newline + step
    sep = "{" + inner
    for key, value in node.items():
        out.append(sep)
        out.append(_keys.get(key) or _key(key))
        sep = "," + inner
        t = type(value)
        if t is str:
            out.append(_string(value))
        elif t is dict or t is list:
            _write(value, out, inner, step)
        else:
            out.append(_scalar(value))
    out.append(newline + "}")


def _key(key: Any) -> str:
    if type(key) is not str:
        return _leaf({key: 0})[1:-4] + ": "  # as json.dumps writes 1, True or None as a key
    k = _string(key) + ": "
    if len(_keys) < 4096:  # the contract's keys; bounded for anyone else's data
        _keys[key] = k
    return k


def _scalar(value: Any) -> str:
    """A number, boolean or null as the C encoder writes it."""
    t = type(value)
    if value is None:
        return "null"
    if t is int:
        return int.__repr__(value)
    if t is bool:
        return "true" if value else "false"
    if t is float and -_FLOAT_MAX <= value <= _FLOAT_MAX:
        return float.__repr__(value)
    return _leaf(value)  # NaN, the infinities, anything else


def _spread(items: list[Any], write: Callable[..., None], out: list[str], newline: str, step: str) -> None:
    """A list, one item per line."""
    inner = newline + step
    sep = "[" + inner
    for item in items:
        out.append(sep)
        sep = "," + inner
        write(item, out, inner, step)
    out.append(newline + "]")
