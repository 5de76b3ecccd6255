"""The names a rule file refers to, checked also when the schema rejects
the file elsewhere.

The engine's own checks need a file the schema accepts, so a coach who
gets a type wrong would see a misspelt exercise or progression only on the
next run. This pass reads what it can of the rejected file (slot `from`
lists, alias targets and progression names given as text) and reports
those names in the same run, worded as the resolver words them
(`engine.slots`).
"""

from __future__ import annotations

from typing import Any, Iterator

from engine.documents import Document
from engine.errors import Problem
from engine.findings import Findings
from engine.plugins import Registry
from engine.slots import unknown_form, unknown_progression


def reference_problems(docs: list[Document], registry: Registry, rejected: list[Problem]) -> list[Problem]:
    """Unknown exercises and progressions the documents name, except where
    the schema already rejected that very value."""
    exercises = {name: reg.component for name, reg in registry.exercises.items()}
    own: set[str] = set()  # the files' own exercise ids (not suggested: they may be malformed)
    named: set[str] = set()
    for doc in docs:
        own.update(raw["id"] for raw in _items(doc.data.get("exercise")) if isinstance(raw.get("id"), str))
        progressions = doc.data.get("progressions")
        named.update(progressions if isinstance(progressions, dict) else ())
    seen = {(p.file, p.path) for p in rejected}
    f = Findings()
    for doc in docs:
        for path, item in _exercise_names(doc.data):
            said = None if item.partition("/")[0] in own else unknown_form(item, exercises)
            if said is not None and (doc.file, path) not in seen:
                f.add(doc.file, path, said, rank=5)
        for path, ref in _progression_names(doc.data):
            if ref not in named and not registry.has("progressions", ref) and (doc.file, path) not in seen:
                f.add(doc.file, path, unknown_progression(ref, named, registry))
    return f.items


def _items(value: Any) -> Iterator[dict[str, Any]]:
    """The tables of an array of tables, skipping whatever is not one."""
    yield from (item for item in _array(value) if isinstance(item, dict))


def _array(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _exercise_names(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Each form named as text ("id" or "id/variant"): in slots' `from` lists and as aliases' targets."""
    for i, slot in enumerate(_array(data.get("slot"))):
        select = slot.get("select") if isinstance(slot, dict) else None
        for j, item in enumerate(_array(select.get("from") if isinstance(select, dict) else None)):
            if isinstance(item, str):
                yield ("slot", i, "select", "from", j), item
    aliases = data.get("aliases")
    for name, target in (aliases.items() if isinstance(aliases, dict) else ()):
        if isinstance(target, str):
            yield ("aliases", name), target


def _progression_names(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], str]]:
    program = data.get("program")
    if isinstance(program, dict) and isinstance(program.get("progression"), str):
        yield ("program", "progression"), program["progression"]
    for i, slot in enumerate(_array(data.get("slot"))):
        if isinstance(slot, dict) and isinstance(slot.get("progression"), str):
            yield ("slot", i, "progression"), slot["progression"]
