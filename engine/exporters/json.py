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
                       "kind": p.kind} for p in ex.performed],
    }


def basis_dict(b: LoadBasis | None) -> dict[str, Any] | None:
    if b is None:
        return None
    return {"source": b.source, "e1rm": _round4(b.e1rm), "percent": _round4(b.percent), "raw": _round4(b.raw),
            "load": b.load, "rounding": b.rounding, "note": b.note, "change": b.change, "owed": _round4(b.owed)}


def plan_dict(plan: Plan, exercise: Callable[[PlannedExercise], Any] = exercise_dict) -> dict[str, Any]:
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
                 "exercises": [exercise(ex) for ex in d.exercises]}
                for d in w.days]}
            for w in plan.weeks
        ],
        "notes": [{"id": n.id, "title": n.title, "text": n.text} for n in plan.notes],
    }


def render(plan: Plan, options: Mapping[str, Any]) -> str:
    if options.get("compact"):
        return _leaf(plan_dict(plan)) + "\n"
    # Exercises, nearly all of the output, are written straight from the
    # model (`_write_exercise`); the text is what dumps(plan_dict(plan))
    # writes, which the tests check.
    return dumps(plan_dict(plan, _Exercise), options.get("indent", 2)) + "\n"


INLINE = 100  # a leaf longer than this is spread over lines, one value each


def _make_leaf_encoder() -> Any:
    """The C encoder made once, with json.dumps's separators (JSONEncoder.encode
    would build a new one for every call); the pure-Python one elsewhere."""
    from json import encoder

    if encoder.c_make_encoder is not None:
        make = encoder.c_make_encoder(None, _unserialisable, encoder.encode_basestring, None, ": ", ", ",
                                      False, False, True)
        return lambda o: "".join(make(o, 0))
    return json.JSONEncoder(ensure_ascii=False).encode  # pragma: no cover - CPython has the C encoder


def _unserialisable(o: Any) -> Any:
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


_leaf = _make_leaf_encoder()
_string = json.encoder.encode_basestring  # type: ignore[attr-defined]
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
        for v in node.values():
            if type(v) is dict or type(v) is list:
                break
        else:
            text = _leaf(node)
            if len(text) <= INLINE or not node:
                out.append(text)
                return
        inner = newline + step
        sep = "{" + inner
        for key, value in node.items():
            k = _keys.get(key)
            if k is None:
                if type(key) is not str:
                    k = _leaf({key: 0})[1:-4] + ": "  # as json.dumps writes 1, True or None as a key
                else:
                    k = _string(key) + ": "
                    if len(_keys) < 4096:  # the contract's keys; bounded for anyone else's data
                        _keys[key] = k
            out.append(sep)
            out.append(k)
            sep = "," + inner
            t = type(value)
            if t is str:
                out.append(_string(value))
            elif t is dict or t is list:
                _write(value, out, inner, step)
            else:
                out.append(_leaf(value))
        out.append(newline + "}")
    elif kind is list:
        for v in node:
            if type(v) is dict or type(v) is list or type(v) is _Exercise:
                break
        else:
            out.append(_leaf(node))
            return
        _spread(node, _write, out, newline, step)
    elif kind is str:
        out.append(_string(node))
    elif kind is _Exercise:
        _write_exercise(node.ex, out, newline, step)
    else:
        out.append(_leaf(node))


class _Exercise:
    """An exercise in plan_dict's place, for `_write_exercise` to write."""

    __slots__ = ("ex",)

    def __init__(self, ex: PlannedExercise):
        self.ex = ex


def _write_exercise(ex: PlannedExercise, out: list[str], newline: str, step: str) -> None:
    """`_write(exercise_dict(ex))` without building the dicts: the
    contract's layout, key by key, with the same text for every value
    (`test_exercises_are_written_as_dumps_writes_them` holds the two
    together)."""
    i1 = newline + step
    variant, exercise, target = ex.choice.variant, ex.choice.exercise, ex.target
    out.append(
        f'{{{i1}"slot": {_string(ex.slot)},{i1}"id": {_string(exercise.id)},{i1}"name": {_string(exercise.name)},'
        f'{i1}"variant": {_string(variant.id) if variant else "null"},'
        f'{i1}"variant_name": {_string(variant.name) if variant else "null"},{i1}"category": {_string(ex.category)},'
        f'{i1}"prescription": {_prescription(ex.prescription, i1, step)},{i1}"progression": ')
    _fields((("name", _text(ex.progression)), ("added_load", _text(_num(target.added_load))),
             ("note", _text(target.note))), out, i1, step)
    out.append(f',{i1}"notes": {_text(ex.notes)},{i1}"sets": ')
    _rows([(("reps", _text(s.reps)), ("rpe", _text(_num(s.rpe))),
            ("load", "null" if s.load is None else _text(float(s.load)))) for s in ex.sets], out, i1, step)
    out.append(f',{i1}"implements": {_text(ex.implements)},{i1}"deload": {_text(ex.deload)},{i1}"load_basis": ')
    b = ex.basis
    if b is None:
        out.append("null")
    else:
        _fields((("source", _text(b.source)), ("e1rm", _text(_round4(b.e1rm))),
                 ("percent", _text(_round4(b.percent))), ("raw", _text(_round4(b.raw))), ("load", _text(b.load)),
                 ("rounding", _text(b.rounding)), ("note", _text(b.note)), ("change", _text(b.change)),
                 ("owed", _text(_round4(b.owed)))), out, i1, step)
    out.append(f',{i1}"performed": ')
    _rows([(("date", _string(p.date.isoformat())), ("reps", _text(p.reps)),
            ("load", "null" if p.load is None else _text(_num(round(p.load, 4)))), ("rpe", _text(_num(p.rpe))),
            ("kind", _text(p.kind))) for p in ex.performed], out, i1, step)
    out.append(newline + "}")


_FLOAT_MAX = 1.7976931348623157e308


def _text(value: Any) -> str:
    """A scalar as the C encoder writes it (repr for finite floats and ints)."""
    t = type(value)
    if t is str:
        return _string(value)
    if t is float:
        return repr(value) if -_FLOAT_MAX <= value <= _FLOAT_MAX else _leaf(value)
    if t is int:
        return repr(value)
    return _leaf(value)  # None, booleans, NaN and the infinities, anything else


def _fields(items: tuple[tuple[str, str], ...], out: list[str], newline: str, step: str) -> None:
    """A dict of scalars (contract keys, values already JSON text): on one
    line when short, else one per line, as `_write` lays it out."""
    text = "{" + ", ".join([f'"{k}": {v}' for k, v in items]) + "}"
    if len(text) <= INLINE:
        out.append(text)
        return
    inner = newline + step
    out.append("{" + ",".join([f'{inner}"{k}": {v}' for k, v in items]) + newline + "}")


def _rows(rows: list[tuple[tuple[str, str], ...]], out: list[str], newline: str, step: str) -> None:
    """A list of such dicts."""
    if rows:
        _spread(rows, _fields, out, newline, step)
    else:
        out.append("[]")


def _spread(items: list[Any], write: Callable[..., None], out: list[str], newline: str, step: str) -> None:
    """A list, one item per line."""
    inner = newline + step
    sep = "[" + inner
    for item in items:
        out.append(sep)
        sep = "," + inner
        write(item, out, inner, step)
    out.append(newline + "]")


_prescriptions: dict[tuple[int, str, str], tuple[Any, str]] = {}


def _prescription(rx: Any, newline: str, step: str) -> str:
    """The prescription block; the same object comes back every week, so
    its text is kept (by identity, holding the object so the id stays its)."""
    key = (id(rx), newline, step)
    found = _prescriptions.get(key)
    if found is not None and found[0] is rx:
        return found[1]
    i2 = newline + step
    text = (f'{{{i2}"sets": {_leaf(_pair(rx.sets))},{i2}"reps": {_leaf(_pair(rx.reps))},'
            f'{i2}"rpe": {_leaf(_pair(rx.rpe))},{i2}"per_side": {_leaf(rx.per_side)},'
            f'{i2}"rest": {_leaf(_pair(rx.rest))}{newline}}}')
    if len(_prescriptions) >= 4096:
        _prescriptions.clear()
    _prescriptions[key] = (rx, text)
    return text
