"""Hook specifications: the whole plugin API of the engine.

Registration hooks receive a `register` callable and call it once per
component. Built-in components are registered through these same hooks, so a
plugin can do anything the core does. Specs only ever gain arguments; a
plugin that accepts fewer keeps working.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

import pluggy

hookspec = pluggy.HookspecMarker("engine")


@hookspec
def engine_register_selectors(register: Callable[[Any], None]) -> None:
    """Register `engine.Selector` objects: ways to pick exercises for a slot."""


@hookspec
def engine_register_progressions(register: Callable[[Any], None]) -> None:
    """Register `engine.Progression` policies: how targets change per exposure."""


@hookspec
def engine_register_exporters(register: Callable[[Any], None]) -> None:
    """Register `engine.Exporter` objects: output formats for `engine run --format`."""


@hookspec
def engine_register_exercises(register: Callable[[Any], None]) -> None:
    """Register `engine.model.Exercise` catalog entries (ids must be unique)."""


@hookspec
def engine_register_effort_models(register: Callable[[Any], None]) -> None:
    """Register `engine.EffortModel` objects: reps and RPE to a fraction of
    the one-rep max (chosen with `effort_model` in the rule file)."""


@hookspec
def engine_check_plan(plan: Any) -> Iterable[Any] | None:
    """Check an evaluated plan; return problems (`Problem`, `(path, message)`
    tuples or strings), or nothing when the plan is fine."""
