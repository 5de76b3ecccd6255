"""A rule file's slots resolved: candidates (ids, "id/variant" forms,
tags), each slot's category against its exercises', prescriptions and
progressions, and the composition the slots give every week."""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from engine.catalog import prescription_from_data
from engine.errors import WARNING, JsonPath, suggest
from engine.findings import Findings, check_ranges
from engine.model import CATEGORIES, Autoregulation, Composition, Exercise, Program, ProgressionRule, SlotRule
from engine.model.base import replace
from engine.plugins import Registry

COMPONENT_KEYS = {"selector", "from", "tags", "exclude_tags"}


def resolve_slot(f: Findings, file: str, i: int, raw: Mapping[str, Any], program: Program,
          exercises: Mapping[str, Exercise], prescriptions: Mapping[str, Any],
          progressions: Mapping[str, Any], registry: Registry,
          default_progression: ProgressionRule) -> SlotRule:
    path: JsonPath = ("slot", i)
    category = raw["category"]
    name = raw.get("name", category)
    count = raw.get("count", 1)
    select = raw.get("select", {"selector": "ordered"})
    candidates = find_candidates(f, file, path, name, category, count, select, exercises)

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
        check_ranges(f, file, (*path, "prescription"), patch)

    progression = default_progression
    if "progression" in raw:
        progression = resolve_progression(f, file, (*path, "progression"), raw["progression"], registry, progressions)
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
        check_categories(f, file, path, name, category, candidates)
    options = {k: v for k, v in select.items() if k not in COMPONENT_KEYS}
    return SlotRule(
        index=i, name=name, category=category, count=count, selector=select["selector"],
        options=options, candidates=candidates, prescription=dict(patch),
        progression=progression, day=day, notes=raw.get("notes", ""), override_category=override,
    )


def check_categories(f: Findings, file: str, path: JsonPath, name: str, category: str,
                      candidates: Iterable[Exercise]) -> None:
    """The week is counted by each exercise's own category, so a slot may
    only pick exercises of its category unless it says to override it."""
    others = [f"{ex.id} ({ex.category})" for ex in candidates if ex.category != category]
    if others:
        f.add(file, (*path, "category"), (
            f"slot {name!r} is {category}, but its exercises are filed under another category: "
            f"{', '.join(others)}; pick {category} exercises, or set override_category = true to count them as "
            f"{category}"))


def find_candidates(f: Findings, file: str, path: JsonPath, name: str, category: str, count: int,
                select: Mapping[str, Any], exercises: Mapping[str, Exercise]) -> tuple[Exercise, ...]:
    if "from" in select:
        pool = named_forms(f, file, path, select["from"], exercises)
        if pool is None:
            return ()
        if "variants" not in select:
            _several_forms(f, file, path, select["from"])
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
            f"{'is' if len(kept) == 1 else 'are'} eligible ({', '.join(ex.id for ex in kept)})"))
    return tuple(kept)


def _several_forms(f: Findings, file: str, path: JsonPath, names: list[str]) -> None:
    """Two forms of one exercise in `from` without `variants` train one form
    a week, which a coach who listed both may not expect: say so."""
    forms: dict[str, list[str]] = {}
    for item in names:
        ex_id, _, variant = item.partition("/")
        forms.setdefault(ex_id, []).append(variant)
    for ex_id, named in forms.items():
        if len(named) > 1 and all(named):
            f.add(file, (*path, "select", "from"), (
                f"{ex_id!r} is named in {len(named)} forms ({', '.join(named)}): the slot trains one of them, "
                "the first named or the one the log shows trained last; set variants = true to let the "
                "selector choose among them, or variants = false to keep this"), WARNING)


def _no_such_form(ex: Exercise, item: str, variant: str) -> str:
    known = ", ".join(v.id for v in ex.variants) or "none"
    if variant:
        return f"{ex.id!r} has no variant {variant!r} (variants: {known})"
    forms = ", ".join(repr(ex.form_key(v)) for v in ex.variants)
    return (f"{item!r} names no variant after the '/': write {ex.id!r} for the exercise"
            + (f", or one of its forms: {forms}" if forms else " (it has no variants)"))


def named_forms(f: Findings, file: str, path: JsonPath, names: list[str],
                 exercises: Mapping[str, Exercise]) -> list[Exercise] | None:
    """The exercises `from` lists, in order; "id/variant" keeps only the
    named forms of an exercise (in the order named). None after an error."""
    order: list[str] = []
    forms: dict[str, list[Any]] = {}
    failed = False
    for j, item in enumerate(names):
        said = unknown_form(item, exercises)
        if said is not None:
            f.add(file, (*path, "select", "from", j), said, rank=5)
            failed = True
            continue
        ex_id, _, variant = item.partition("/")
        form = exercises[ex_id].variant(variant) if variant else None
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


def unknown_form(item: str, exercises: Mapping[str, Exercise]) -> str | None:
    """The message for an "id" or "id/variant" that names no exercise or
    none of its forms; None when it names one."""
    ex_id, slash, variant = item.partition("/")
    ex = exercises.get(ex_id)
    if ex is None:
        return unknown_exercise(ex_id, exercises)
    return _no_such_form(ex, item, variant) if slash and ex.variant(variant) is None else None


def unknown_exercise(ex_id: str, exercises: Mapping[str, Exercise]) -> str:
    """The message for an exercise id nothing defines, with the likeliest meant."""
    return f"unknown exercise {ex_id!r}{suggest_exercise(ex_id, exercises)}"


def unknown_progression(ref: str, named: Iterable[str], registry: Registry) -> str:
    """The message for a progression name nothing defines, with the likeliest meant and every choice."""
    choices = sorted({*named, *registry.complete("progressions").progressions})
    return f"unknown progression {ref!r}{suggest(ref, choices)} " \
           f"(define [progressions.{ref}] or use one of: {', '.join(choices)})"


def suggest_exercise(word: str, exercises: Mapping[str, Exercise]) -> str:
    """Match ids first, then names and aliases ("RDL" -> romanian-deadlift)."""
    folded = word.casefold().replace("_", "-")
    for ex in exercises.values():
        names = (ex.name, *ex.aliases, *(a for v in ex.variants for a in (v.name, *v.aliases)))
        if folded == ex.id or any(folded == n.casefold() for n in names):
            return f"; did you mean {ex.id!r}?"
    return suggest(word, exercises)


def resolve_progression(
    f: Findings, file: str, path: JsonPath, ref: Any, registry: Registry, named: Mapping[str, Any]
) -> ProgressionRule:
    if isinstance(ref, str):
        if ref in named:
            spec = named[ref]
            name = ref
        elif registry.has("progressions", ref):
            spec = {"policy": ref}
            name = ref
        else:
            f.add(file, path, unknown_progression(ref, named, registry))
            return ProgressionRule(ref, "none", {})
    else:
        spec = ref
        name = ref["policy"]
    options = {k: v for k, v in spec.items() if k not in ("policy", "per", "autoregulation")}
    reg = registry.progressions.get(spec["policy"])
    return ProgressionRule(name, spec["policy"], options, reg.plugin if reg else "", spec.get("per", "exposure"),
                           autoregulation_of(spec.get("autoregulation", {})))


def autoregulation_of(raw: Any) -> Autoregulation | None:
    if raw is False:
        return None
    undershoot = raw.get("undershoot", 2.0)
    return Autoregulation(
        overshoot=float(raw.get("overshoot", 1.0)),
        cut=raw.get("cut", "e1rm") if raw.get("cut", "e1rm") == "e1rm" else float(raw["cut"]),
        undershoot=None if undershoot is False else float(undershoot),
        max_increments=int(raw.get("max_increments", 2)),
    )


def check_static_composition(f: Findings, file: str, comp: Composition, slots: Iterable[SlotRule]) -> None:
    slots = list(slots)
    counts = {c: sum(s.count for s in slots if s.category == c) for c in CATEGORIES}
    for cat, (lo, hi) in comp.per_category.items():
        n = counts[cat]
        if not lo <= n <= hi:
            which = ", ".join(f"{s.name!r} x{s.count}" for s in slots if s.category == cat) or "no slot"
            f.add(file, ("week", cat), (
                f"impossible week: the slots give {n} {cat} exercise{'s' if n != 1 else ''} "
                f"each week ({which}), but [week] asks for {span_text((lo, hi))}"), rank=5)
    if comp.exercises:
        n = sum(counts.values())
        lo, hi = comp.exercises
        if not lo <= n <= hi:
            f.add(file, ("week", "exercises"), (
                f"impossible week: the slots give {n} exercises each week, "
                f"but [week] asks for {span_text((lo, hi))}"), rank=5)


def span_text(r: tuple[int, int]) -> str:
    return str(r[0]) if r[0] == r[1] else f"{r[0]} to {r[1]}"
