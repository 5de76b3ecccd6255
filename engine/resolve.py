"""Semantic checks JSON Schema cannot express, and the `Rules` they build.

Input is schema-valid data from one rule file and its includes; output is a
`Rules` object with every name resolved, or all problems found at once.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from typing import Any, Iterable, Mapping

from engine.catalog import as_range, builtin_notes, exercise_from_data, prescription_from_data
from engine.errors import ERROR, WARNING, EngineError, JsonPath, Problem
from engine.model import (
    CATEGORIES,
    WEEKDAYS,
    Autoregulation,
    Composition,
    Exercise,
    Program,
    Deload,
    ProgressionRule,
    Sensitivity,
    Rules,
    SlotRule,
)
from engine.plugins import Registry
from engine.rules import Document
from engine.schema import suggest

RANGE_KEYS = ("sets", "reps", "rpe", "rir", "rest")
COMPONENT_KEYS = {"selector", "from", "tags", "exclude_tags"}


class _Findings:
    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: str, path: JsonPath, message: str, severity: str = ERROR, rank: int = 10) -> None:
        self.items.append(Problem(file, path, message, severity, rank=rank))

    @property
    def failed(self) -> bool:
        return any(p.severity == ERROR for p in self.items)


def _check_ranges(f: _Findings, file: str, path: JsonPath, data: Mapping[str, Any]) -> None:
    for key in RANGE_KEYS:
        value = data.get(key)
        if isinstance(value, list) and len(value) == 2 and value[0] > value[1]:
            f.add(file, (*path, key), f"range [{value[0]}, {value[1]}] has its minimum above its maximum")


def resolve(docs: list[Document], registry: Registry) -> tuple[Rules, list[Problem]]:
    """Build `Rules`; raise EngineError with every problem if any is an error.

    Returns the rules and the warnings (problems that do not stop a run).
    """
    f = _Findings()
    main = docs[0]
    data = main.data
    file = main.file

    exercises = _exercises(f, docs, registry)
    prescriptions = _named(f, docs, "prescriptions")
    progressions = _named(f, docs, "progressions")
    for doc in docs:
        for name, patch in doc.data.get("prescriptions", {}).items():
            _check_ranges(f, doc.file, ("prescriptions", name), patch)

    program = _program(f, file, data["program"], registry, progressions)
    default_progression = _progression(
        f, file, ("program", "progression"), data["program"].get("progression", "none"), registry, progressions)
    composition = _composition(f, file, data.get("week", {}))
    slots = tuple(
        _slot(f, file, i, raw, program, exercises, prescriptions, progressions, registry,
              default_progression)
        for i, raw in enumerate(data["slot"])
    )
    if not f.failed:
        _check_static_composition(f, file, composition, slots)
    for name in data.get("export", {}):
        if name not in registry.exporters:
            f.add(file, ("export", name), (
                f"options for exporter {name!r}, which is not installed; they are ignored"
                f" (installed: {', '.join(sorted(registry.exporters))})"), WARNING)

    aliases = _aliases(f, file, data.get("aliases", {}), exercises)
    sensitivities = _sensitivities(f, file, data.get("sensitivity", {}), exercises)
    deload = _deload(data["deload"]) if "deload" in data else None
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


def _deload(raw: Mapping[str, Any]) -> Deload:
    rpe = raw.get("rpe")
    return Deload(raw["every"], raw.get("sets", 0.5), raw.get("load", 0.9),
                  None if rpe is None else (float(rpe[0]), float(rpe[1])))


def _aliases(f: _Findings, file: str, raw: Mapping[str, str], exercises: Mapping[str, Exercise]) -> dict[str, str]:
    out = {}
    for name, target in raw.items():
        ex_id, _, variant = target.partition("/")
        ex = exercises.get(ex_id)
        if ex is None:
            f.add(file, ("aliases", name), f"unknown exercise {ex_id!r}{_suggest_exercise(ex_id, exercises)}")
        elif variant and ex.variant(variant) is None:
            known = ", ".join(v.id for v in ex.variants) or "none"
            f.add(file, ("aliases", name), f"{ex_id!r} has no variant {variant!r} (variants: {known})")
        else:
            out[name] = target
    return out


def _sensitivities(f: _Findings, file: str, raw: Mapping[str, Any],
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


def _exercises(f: _Findings, docs: list[Document], registry: Registry) -> dict[str, Exercise]:
    table = {name: reg.component for name, reg in registry.exercises.items()}
    origin = {name: f"plugin {reg.plugin!r}" if reg.plugin != "engine.catalog" else "the built-in catalog"
              for name, reg in registry.exercises.items()}
    for doc in docs:
        for i, raw in enumerate(doc.data.get("exercise", ())):
            path = ("exercise", i)
            _check_ranges(f, doc.file, (*path, "prescription"), raw["prescription"])
            ex_id = raw["id"]
            if ex_id in table:
                f.add(doc.file, (*path, "id"), f"exercise id {ex_id!r} is already defined by {origin[ex_id]}")
                continue
            variant_ids = [v["id"] for v in raw.get("variant", ())]
            dupes = sorted({v for v in variant_ids if variant_ids.count(v) > 1})
            if dupes:
                f.add(doc.file, (*path, "variant"), f"variant id {dupes[0]!r} is used twice")
            for k, v in enumerate(raw.get("variant", ())):
                if "harder" in v and v["harder"] not in variant_ids:
                    f.add(doc.file, (*path, "variant", k, "harder"), (
                        f"{v['harder']!r} is not a variant of {ex_id!r} (variants: {', '.join(variant_ids)})"))
            table[ex_id] = exercise_from_data(raw, doc.file)
            origin[ex_id] = doc.file
    return table


def _named(f: _Findings, docs: list[Document], key: str) -> dict[str, Any]:
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


def _progression(
    f: _Findings, file: str, path: JsonPath, ref: Any, registry: Registry, named: Mapping[str, Any]
) -> ProgressionRule:
    if isinstance(ref, str):
        if ref in named:
            spec = named[ref]
            name = ref
        elif ref in registry.progressions:
            spec = {"policy": ref}
            name = ref
        else:
            choices = sorted({*named, *registry.progressions})
            f.add(file, path, (
                f"unknown progression {ref!r}{suggest(ref, choices)} "
                f"(define [progressions.{ref}] or use one of: {', '.join(choices)})"))
            return ProgressionRule(ref, "none", {})
    else:
        spec = ref
        name = ref["policy"]
    options = {k: v for k, v in spec.items() if k not in ("policy", "per", "autoregulation")}
    reg = registry.progressions.get(spec["policy"])
    return ProgressionRule(name, spec["policy"], options, reg.plugin if reg else "", spec.get("per", "exposure"),
                           _autoregulation(spec.get("autoregulation", {})))


def _autoregulation(raw: Any) -> Autoregulation | None:
    if raw is False:
        return None
    undershoot = raw.get("undershoot", 2.0)
    return Autoregulation(
        overshoot=float(raw.get("overshoot", 1.0)),
        cut=raw.get("cut", "e1rm") if raw.get("cut", "e1rm") == "e1rm" else float(raw["cut"]),
        undershoot=None if undershoot is False else float(undershoot),
        max_increments=int(raw.get("max_increments", 2)),
    )


def _program(f: _Findings, file: str, raw: Mapping[str, Any], registry: Registry,
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
                    f"a {raw['weeks']}-week program starting {start} would end after the year 9999"))
    ordered = tuple(sorted(days, key=WEEKDAYS.index))
    return Program(
        name=raw["name"], split=split, days=ordered, weeks=raw["weeks"],
        units=raw.get("units", "kg"), start=start, seed=raw.get("seed", 0),
        effort_model=raw.get("effort_model", "epley"),
    )


def _composition(f: _Findings, file: str, raw: Mapping[str, Any]) -> Composition:
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
                f"but exercises asks for {_span(total)}"), rank=5)
    return Composition(exercises=total, per_category=per)


def _span(r: tuple[int, int]) -> str:
    return str(r[0]) if r[0] == r[1] else f"{r[0]} to {r[1]}"


def _slot(f: _Findings, file: str, i: int, raw: Mapping[str, Any], program: Program,
          exercises: Mapping[str, Exercise], prescriptions: Mapping[str, Any],
          progressions: Mapping[str, Any], registry: Registry,
          default_progression: ProgressionRule) -> SlotRule:
    path: JsonPath = ("slot", i)
    category = raw["category"]
    name = raw.get("name", category)
    count = raw.get("count", 1)
    select = raw.get("select", {"selector": "ordered"})
    candidates = _candidates(f, file, path, name, category, count, select, exercises)

    patch = raw.get("prescription", {})
    if isinstance(patch, str):
        if patch not in prescriptions:
            f.add(file, (*path, "prescription"), (
                f"unknown prescription {patch!r}{suggest(patch, prescriptions)}"
                + (f" (defined: {', '.join(sorted(prescriptions))})" if prescriptions else
                   f" (define it in a [prescriptions.{patch}] table)")))
            patch = {}
        else:
            patch = prescriptions[patch]
    else:
        _check_ranges(f, file, (*path, "prescription"), patch)

    progression = default_progression
    if "progression" in raw:
        progression = _progression(f, file, (*path, "progression"), raw["progression"], registry, progressions)
    reps = progression.options.get("reps")
    if isinstance(reps, int):
        ranges = ((ex.id, prescription_from_data(patch, ex.prescription).reps) for ex in candidates)
        outside = [f"{ex_id} ({lo}-{hi})" for ex_id, (lo, hi) in ranges if not lo <= reps <= hi]
        if outside:
            f.add(file, (*path, "progression"), (
                f"progression {progression.name!r} sets {reps} reps, outside the rep range of "
                f"{', '.join(outside)}"), WARNING)

    day = raw.get("day")
    if day is not None and day not in program.days:
        f.add(file, (*path, "day"), f"day {day!r} is not a training day (days: {', '.join(program.days)})")
    override = bool(raw.get("override_category", False))
    if not override:
        _check_categories(f, file, path, name, category, candidates)
    options = {k: v for k, v in select.items() if k not in COMPONENT_KEYS}
    return SlotRule(
        index=i, name=name, category=category, count=count, selector=select["selector"],
        options=options, candidates=candidates, prescription=dict(patch),
        progression=progression, day=day, notes=raw.get("notes", ""), override_category=override,
    )


def _check_categories(f: _Findings, file: str, path: JsonPath, name: str, category: str,
                      candidates: Iterable[Exercise]) -> None:
    """The week is counted by each exercise's own category, so a slot may
    only pick exercises of its category unless it says to override it."""
    others = [f"{ex.id} ({ex.category})" for ex in candidates if ex.category != category]
    if others:
        f.add(file, (*path, "category"), (
            f"slot {name!r} is {category}, but the catalog files {', '.join(others)} under another "
            f"category; pick {category} exercises, or set override_category = true to count them as {category}"))


def _suggest_exercise(word: str, exercises: Mapping[str, Exercise]) -> str:
    """Match ids first, then names and aliases ("RDL" -> romanian-deadlift)."""
    folded = word.casefold().replace("_", "-")
    for ex in exercises.values():
        names = (ex.name, *ex.aliases, *(a for v in ex.variants for a in (v.name, *v.aliases)))
        if folded == ex.id or any(folded == n.casefold() for n in names):
            return f"; did you mean {ex.id!r}?"
    return suggest(word, exercises)


def _candidates(f: _Findings, file: str, path: JsonPath, name: str, category: str, count: int,
                select: Mapping[str, Any], exercises: Mapping[str, Exercise]) -> tuple[Exercise, ...]:
    if "from" in select:
        pool = _named_forms(f, file, path, select["from"], exercises)
        if pool is None:
            return ()
        origin = "listed in from"
    else:
        pool = [ex for ex in exercises.values() if ex.category == category]
        origin = f"of category {category}"
    need = set(select.get("tags", ()))
    drop = set(select.get("exclude_tags", ()))
    kept = [ex for ex in pool if need <= set(ex.tags) and not drop & set(ex.tags)]
    if not kept:
        removed = ", ".join(ex.id for ex in pool) or "none"
        f.add(file, (*path, "select"), (
            f"no exercise is left for slot {name!r}: exercises {origin} ({removed}) "
            f"are all removed by tags {sorted(need)} / exclude_tags {sorted(drop)}"))
    elif len(kept) < count:
        f.add(file, (*path, "count"), (
            f"slot {name!r} asks for {count} exercises each week, but only {len(kept)} "
            f"are eligible ({', '.join(ex.id for ex in kept)})"))
    return tuple(kept)


def _named_forms(f: _Findings, file: str, path: JsonPath, names: list[str],
                 exercises: Mapping[str, Exercise]) -> list[Exercise] | None:
    """The exercises `from` lists, in order; "id/variant" keeps only the
    named forms of an exercise (in the order named). None after an error."""
    order: list[str] = []
    forms: dict[str, list[Any]] = {}
    failed = False
    for j, item in enumerate(names):
        ex_id, _, variant = item.partition("/")
        ex = exercises.get(ex_id)
        if ex is None:
            f.add(file, (*path, "select", "from", j),
                  f"unknown exercise {ex_id!r}{_suggest_exercise(ex_id, exercises)}", rank=5)
            failed = True
            continue
        form = ex.variant(variant) if variant else None
        if variant and form is None:
            known = ", ".join(v.id for v in ex.variants) or "none"
            f.add(file, (*path, "select", "from", j), f"{ex_id!r} has no variant {variant!r} (variants: {known})", rank=5)
            failed = True
            continue
        if ex_id not in forms:
            order.append(ex_id)
            forms[ex_id] = []
        forms[ex_id].append(form)
    if failed:
        return None
    out = []
    for ex_id in order:
        ex = exercises[ex_id]
        named = forms[ex_id]
        if None not in named:
            ex = replace(ex, variants=tuple(named))
        out.append(ex)
    return out


def _check_static_composition(f: _Findings, file: str, comp: Composition, slots: Iterable[SlotRule]) -> None:
    slots = list(slots)
    counts = {c: sum(s.count for s in slots if s.category == c) for c in CATEGORIES}
    for cat, (lo, hi) in comp.per_category.items():
        n = counts[cat]
        if not lo <= n <= hi:
            which = ", ".join(f"{s.name!r} x{s.count}" for s in slots if s.category == cat) or "no slot"
            f.add(file, ("week", cat), (
                f"impossible week: the slots give {n} {cat} exercise{'s' if n != 1 else ''} "
                f"each week ({which}), but [week] asks for {_span((lo, hi))}"), rank=5)
    if comp.exercises:
        n = sum(counts.values())
        lo, hi = comp.exercises
        if not lo <= n <= hi:
            f.add(file, ("week", "exercises"), (
                f"impossible week: the slots give {n} exercises each week, "
                f"but [week] asks for {_span((lo, hi))}"), rank=5)
