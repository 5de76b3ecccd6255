"""Semantic checks JSON Schema cannot express, and the `Rules` they build.

Input is schema-valid data from one rule file and its includes; output is a
`Rules` object with every name resolved, or all problems found at once.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from engine.catalog import as_range, builtin_notes, exercise_from_data
from engine.documents import Document
from engine.errors import WARNING, EngineError, Problem, suggest
from engine.findings import Findings, check_ranges
from engine.model import (
    CATEGORIES,
    WEEKDAYS,
    Composition,
    Deload,
    Exercise,
    Program,
    Rules,
    Sensitivity,
)
from engine.plugins import Registry
from engine.slots import check_static_composition, resolve_progression, resolve_slot, span_text, unknown_form


def resolve(docs: list[Document], registry: Registry) -> tuple[Rules, list[Problem]]:
    """Build `Rules`; raise EngineError with every problem if any is an error.

    Returns the rules and the warnings (problems that do not stop a run).
    """
    f = Findings()
    main = docs[0]
    data = main.data
    file = main.file

    exercises = _exercises(f, docs, registry)
    prescriptions = _named(f, docs, "prescriptions")
    progressions = _named(f, docs, "progressions")
    for doc in docs:
        for name, patch in doc.data.get("prescriptions", {}).items():
            check_ranges(f, doc.file, ("prescriptions", name), patch)

    program = _program(f, file, data["program"], registry, progressions)
    default_progression = resolve_progression(
        f, file, ("program", "progression"), data["program"].get("progression", "none"), registry, progressions)
    composition = _composition(f, file, data.get("week", {}))
    slots = tuple(
        resolve_slot(f, file, i, raw, program, exercises, prescriptions, progressions, registry,
              default_progression)
        for i, raw in enumerate(data["slot"])
    )
    if not f.failed:
        check_static_composition(f, file, composition, slots)
    named: dict[str, int] = {}  # (explain, the CSV's slot column and the sheet tell slots apart by name)
    for i, raw in enumerate(data["slot"]):
        first = named.setdefault(raw["name"], i) if "name" in raw else i  # (a slot may go unnamed)
        if first < i:
            f.add(file, ("slot", i, "name"), f"slot[{first}] is named {raw['name']!r} too: exports and "
                  "explain tell slots apart by name; give each slot a name of its own", WARNING)
    for name in data.get("export", {}):
        if not registry.has("exporters", name):
            f.add(file, ("export", name), (
                f"options for exporter {name!r}, which is not installed; they are ignored"
                f" (installed: {', '.join(sorted(registry.complete('exporters').exporters))})"), WARNING)

    aliases = _aliases(f, file, data.get("aliases", {}), exercises)
    sensitivities = _sensitivities(f, file, data.get("sensitivity", {}), exercises)
    deload = _deload(f, file, data["deload"], program.weeks) if "deload" in data else None
    if f.failed:
        raise EngineError(f.items)
    rules = Rules(
        file=file,
        program=program,
        composition=composition,
        slots=slots,
        exercises=exercises,
        notes=builtin_notes() if data["program"].get("notes", True) else (),
        export_options={k: dict(v) for k, v in data.get("export", {}).items()},
        aliases=aliases,
        sensitivities=sensitivities,
        deload=deload,
    )
    return rules, f.items


def _deload(f: Findings, file: str, raw: Mapping[str, Any], weeks: int) -> Deload:
    check_ranges(f, file, ("deload",), raw)
    every = raw["every"]
    if every > weeks:
        f.add(file, ("deload", "every"), (
            f"the first deload would be in week {every}, after the program's last week (week {weeks}): "
            f"there is no deload; set every to {weeks} or less, or leave out [deload]"), WARNING)
    rpe = raw.get("rpe")
    return Deload(raw["every"], raw.get("sets", 0.5), raw.get("load", 0.9),
                  None if rpe is None else (float(rpe[0]), float(rpe[1])))


def _aliases(f: Findings, file: str, raw: Mapping[str, str], exercises: Mapping[str, Exercise]) -> dict[str, str]:
    out = {}
    for name, target in raw.items():
        said = unknown_form(target, exercises)
        if said is not None:
            f.add(file, ("aliases", name), said)
        else:
            out[name] = target
    return out


def _sensitivities(f: Findings, file: str, raw: Mapping[str, Any],
                   exercises: Mapping[str, Exercise]) -> dict[str, Sensitivity]:
    tags = {t for e in exercises.values() for t in e.tags}
    out = {}
    for name, spec in raw.items():
        for key in ("avoid", "prefer"):
            for i, tag in enumerate(spec.get(key, ())):
                if tag not in tags:
                    f.add(file, ("sensitivity", name, key, i),
                          f"no exercise has the tag {tag!r}{suggest(tag, sorted(tags))}", WARNING)
        out[name] = Sensitivity(tuple(spec.get("avoid", ())), tuple(spec.get("prefer", ())))
    return out


def _exercises(f: Findings, docs: list[Document], registry: Registry) -> dict[str, Exercise]:
    table = {name: reg.component for name, reg in registry.exercises.items()}
    origin = {name: f"plugin {reg.plugin!r}" if reg.plugin != "engine.catalog" else "the built-in catalog"
              for name, reg in registry.exercises.items()}
    for doc in docs:
        for i, raw in enumerate(doc.data.get("exercise", ())):
            path = ("exercise", i)
            check_ranges(f, doc.file, (*path, "prescription"), raw["prescription"])
            ex_id = raw["id"]
            if ex_id in table:
                f.add(doc.file, (*path, "id"), f"exercise id {ex_id!r} is already defined by {origin[ex_id]}")
                continue
            _variants(f, doc.file, path, raw)
            table[ex_id] = exercise_from_data(raw, doc.file)
            origin[ex_id] = doc.file
    return table


def _variants(f: Findings, file: str, path: tuple[Any, ...], raw: Mapping[str, Any]) -> None:
    """Variant ids are unique, each `harder` names another variant of the
    exercise without leading back to itself (progression follows it), and
    an assisted form belongs to a bodyweight exercise (its help comes off
    bodyweight)."""
    variants = list(raw.get("variant", ()))
    ids = [v["id"] for v in variants]
    dupes = sorted({v for v in ids if ids.count(v) > 1})
    if dupes:
        f.add(file, (*path, "variant"), f"variant id {dupes[0]!r} is used twice")
    harder = {v["id"]: v["harder"] for v in variants if "harder" in v}
    for k, v in enumerate(variants):
        if v.get("assisted") and raw.get("loading", "barbell") != "bodyweight":
            f.add(file, (*path, "variant", k, "assisted"), (
                f"an assisted form takes its help off bodyweight, and {raw['id']!r} is loaded with "
                f"{raw.get('loading', 'barbell')!r}: give the exercise loading = \"bodyweight\""))
        if "harder" not in v:
            continue
        where = (*path, "variant", k, "harder")
        if v["harder"] not in ids:
            f.add(file, where, f"{v['harder']!r} is not a variant of {raw['id']!r} (variants: {', '.join(ids)})")
            continue
        chain = [v["id"]]
        while chain[-1] in harder and harder[chain[-1]] not in chain:
            chain.append(harder[chain[-1]])
        if harder.get(chain[-1]) == v["id"]:
            f.add(file, where, "harder forms go round in a circle: "
                  + " -> ".join([*chain, v["id"]]) + "; the hardest form names none")


def _named(f: Findings, docs: list[Document], key: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    where: dict[str, str] = {}
    for doc in docs:
        for name, value in doc.data.get(key, {}).items():
            if name in out:
                f.add(doc.file, (key, name), f"{key[:-1]} {name!r} is already defined in {where[name]}")
                continue
            out[name] = value
            where[name] = doc.file
    return out


def _program(f: Findings, file: str, raw: Mapping[str, Any], registry: Registry,
             progressions: Mapping[str, Any]) -> Program:
    split = raw.get("split", "body-part")
    days = tuple(raw["days"])
    if split == "body-part" and len(days) != 1:
        f.add(file, ("program", "days"), (
            f"a body-part split trains on one day, but {len(days)} days are listed; "
            'list one day or use split = "full-body"'))
    start = None
    if "start" in raw:
        try:
            start = _dt.date.fromisoformat(raw["start"])
        except ValueError:
            f.add(file, ("program", "start"), f"{raw['start']!r} is not a calendar date")
        else:
            if _dt.date.max - start < _dt.timedelta(weeks=raw["weeks"]):
                f.add(file, ("program", "start"), (
                    f"a program of {raw['weeks']} weeks starting {start} would end after the year 9999"))
    ordered = tuple(sorted(days, key=WEEKDAYS.index))
    return Program(
        name=raw["name"], split=split, days=ordered, weeks=raw["weeks"],
        units=raw.get("units", "kg"), start=start, seed=raw.get("seed", 0),
        effort_model=raw.get("effort_model", "epley"),
    )


def _composition(f: Findings, file: str, raw: Mapping[str, Any]) -> Composition:
    for key, value in raw.items():
        if isinstance(value, list) and value[0] > value[1]:
            f.add(file, ("week", key), f"range [{value[0]}, {value[1]}] has its minimum above its maximum")
    total = as_range(raw["exercises"]) if "exercises" in raw else None
    per = {c: as_range(raw[c]) for c in CATEGORIES if c in raw}
    if total and per and len(per) == len(CATEGORIES):
        lo = sum(r[0] for r in per.values())
        hi = sum(r[1] for r in per.values())
        if lo > total[1] or hi < total[0]:
            f.add(file, ("week", "exercises"), (
                f"impossible week: the categories allow {lo} to {hi} exercises, "
                f"but exercises asks for {span_text(total)}"), rank=5)
    return Composition(exercises=total, per_category=per)


