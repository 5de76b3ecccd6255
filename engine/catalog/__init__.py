"""The built-in exercise catalog (package data) and the converters that turn
validated TOML tables into `Exercise` objects, shared with rule files."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Callable, Mapping

from engine import hookimpl
from engine.model import Exercise, Note, Prescription, Variant


def as_range(value: Any) -> tuple[Any, Any]:
    """`3` -> (3, 3); `[3, 4]` -> (3, 4)."""
    if isinstance(value, (list, tuple)):
        return (value[0], value[1])
    return (value, value)


def rpe_range(data: Mapping[str, Any]) -> tuple[float, float] | None:
    """Effort as RPE; RIR converts with RPE = 10 - RIR (so the range flips)."""
    if "rpe" in data:
        lo, hi = as_range(data["rpe"])
        return (float(lo), float(hi))
    if "rir" in data:
        lo, hi = as_range(data["rir"])
        return (10.0 - float(hi), 10.0 - float(lo))
    return None


def prescription_from_data(data: Mapping[str, Any], base: Prescription | None = None) -> Prescription:
    """Build a prescription, taking fields missing from `data` from `base`."""
    def pick(key: str, default: Any) -> Any:
        return as_range(data[key]) if key in data else default

    rpe = rpe_range(data)
    return Prescription(
        sets=pick("sets", base.sets if base else (1, 1)),
        reps=pick("reps", base.reps if base else (1, 1)),
        rpe=rpe if rpe is not None else (base.rpe if base else None),
        per_side=bool(data.get("per_side", base.per_side if base else False)),
        rest=pick("rest", base.rest if base else None),
    )


def exercise_from_data(data: Mapping[str, Any], source: str) -> Exercise:
    return Exercise(
        id=data["id"],
        name=data["name"],
        category=data["category"],
        prescription=prescription_from_data(data["prescription"]),
        loading=data.get("loading", "barbell"),
        equipment=tuple(data.get("equipment", ())),
        tags=tuple(data.get("tags", ())),
        variants=tuple(
            Variant(
                id=v["id"],
                name=v["name"],
                equipment=tuple(v.get("equipment", data.get("equipment", ()))),
                aliases=tuple(v.get("aliases", ())),
                notes=v.get("notes", ""),
                ratio=float(v["ratio"]) if "ratio" in v else None,
                implements=int(v.get("implements", data.get("implements", 1))),
                harder=v.get("harder"),
                assisted=bool(v.get("assisted", _assist_equipment(v.get("equipment", data.get("equipment", ()))))),
            )
            for v in data.get("variant", ())
        ),
        aliases=tuple(data.get("aliases", ())),
        notes=data.get("notes", ""),
        source=source,
        implements=int(data.get("implements", 1)),
    )


def _assist_equipment(equipment: Any) -> bool:
    """A form on an `assisted-*` machine is assisted unless it says otherwise."""
    return any(str(item).startswith("assisted-") for item in equipment)


def _read(name: str) -> dict[str, Any]:
    """A catalog file as data: the JSON `python -m engine.build` makes from
    the TOML next to it (package data, read with the C parser; importlib.resources
    would cost a few milliseconds of imports per run)."""
    import json

    stem = os.path.splitext(name)[0]
    with open(os.path.join(os.path.dirname(__file__), stem + ".json"), encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@lru_cache(maxsize=1)
def builtin_exercises() -> tuple[Exercise, ...]:
    return tuple(exercise_from_data(d, "builtin") for d in _read("exercises.toml")["exercise"])


@lru_cache(maxsize=1)
def builtin_notes() -> tuple[Note, ...]:
    return tuple(Note(n["id"], n["title"], n["text"]) for n in _read("notes.toml")["note"])


@hookimpl
def engine_register_exercises(register: Callable[[Exercise], None]) -> None:
    for exercise in builtin_exercises():
        register(exercise)
