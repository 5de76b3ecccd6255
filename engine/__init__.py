"""engine: turn a coach's TOML rule file into a week-by-week training program.

Everything a plugin needs is importable from here, and only from here:
hook markers, the component types and their contexts, the model a plugin
reads and returns, problems, and the wording and units helpers the
built-in exporters use (docs/plugins.md documents each name). Programs
that run the engine use `plan_rules` and `export`.

Importing this package stays cheap: apart from the hook markers, each name
loads its module on first use (PEP 562), so `engine --version` or a plugin
that only registers a selector pays for nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

__version__ = "0.1.0"

hookimpl = pluggy.HookimplMarker("engine")
hookspec = pluggy.HookspecMarker("engine")

# Public name -> the module that holds it, imported on first access (the
# same names as __all__ but the markers and the version).
_LAZY = {
    # component types and the contexts their callables receive
    "Selector": "engine.components",
    "Progression": "engine.components",
    "Exporter": "engine.components",
    "EffortModel": "engine.components",
    "SelectionContext": "engine.components",
    "ProgressionContext": "engine.components",
    # the model
    "Athlete": "engine.model",
    "Choice": "engine.model",
    "Day": "engine.model",
    "Exercise": "engine.model",
    "LoggedSession": "engine.model",
    "Performed": "engine.model",
    "Plan": "engine.model",
    "PlannedExercise": "engine.model",
    "PlannedSet": "engine.model",
    "Prescription": "engine.model",
    "Program": "engine.model",
    "Target": "engine.model",
    "TrainingState": "engine.model",
    "Variant": "engine.model",
    "Week": "engine.model",
    "replace": "engine.model.base",
    "CATEGORIES": "engine.model.types",
    "WEEKDAYS": "engine.model.types",
    # problems
    "Problem": "engine.errors",
    "ERROR": "engine.errors",
    "WARNING": "engine.errors",
    "CannotExport": "engine.errors",
    "EngineError": "engine.errors",
    # units and wording
    "convert": "engine.loads",
    "assisted": "engine.assist",
    "load_text": "engine.exporters.common",
    "performed_text": "engine.exporters.common",
    "extra_text": "engine.exporters.common",
    "LOG_COLUMNS": "engine.logs",
    # running the engine from a program or a test
    "plan_rules": "engine.pipeline",
    "export": "engine.pipeline",
}

__all__ = [
    "__version__", "hookimpl", "hookspec", "Selector", "Progression", "Exporter", "EffortModel", "SelectionContext",
    "ProgressionContext", "Athlete", "Choice", "Day", "Exercise", "LoggedSession", "Performed", "Plan",
    "PlannedExercise", "PlannedSet", "Prescription", "Program", "Target", "TrainingState", "Variant", "Week", "replace",
    "CATEGORIES", "WEEKDAYS", "Problem", "ERROR", "WARNING", "CannotExport", "EngineError", "convert", "assisted",
    "load_text", "performed_text", "extra_text", "LOG_COLUMNS", "plan_rules", "export",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'engine' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups find it without this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


if TYPE_CHECKING:  # what the names are, for type checkers and editors
    from engine.components import (
        EffortModel,
        Exporter,
        Progression,
        ProgressionContext,
        SelectionContext,
        Selector,
    )
    from engine.errors import ERROR, WARNING, CannotExport, EngineError, Problem
    from engine.exporters.common import load_text, performed_text
    from engine.loads import convert
    from engine.logs import LOG_COLUMNS
    from engine.model import (
        Athlete,
        Choice,
        Day,
        Exercise,
        Performed,
        Plan,
        PlannedExercise,
        PlannedSet,
        Prescription,
        Program,
        Target,
        TrainingState,
        Variant,
        Week,
    )
    from engine.model.base import replace
    from engine.model.types import CATEGORIES, WEEKDAYS
    from engine.pipeline import export, plan_rules
