"""The library entry points the CLI (and other programs) call:
read -> validate -> resolve -> evaluate -> check -> export."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from engine.errors import EngineError, PluginError, Problem, UsageError, has_errors, sort_problems
from engine.model import Plan, Rules
from engine.plugins import Registry
from engine.report import locate_all


@dataclass
class Outcome:
    """What a run produced, with every warning (located) along the way."""

    rules: Rules | None = None
    plan: Plan | None = None
    warnings: list[Problem] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict, repr=False)


def _validators(registry: Registry) -> tuple[Any, Any]:
    """Compile the effective schema once per registry."""
    if "validators" not in registry.cache:
        from engine.schema import SchemaValidator, effective_schema, include_schema

        schema = effective_schema(registry)
        registry.cache["validators"] = (SchemaValidator(schema), SchemaValidator(include_schema(schema)))
    return registry.cache["validators"]


def load_rules(path: str | Path, registry: Registry) -> Outcome:
    """Read, validate and resolve a rule file; raise EngineError with every
    problem, located, if it is not valid."""
    from engine.resolve import resolve
    from engine.rules import load_documents

    try:
        docs = load_documents(path)
    except EngineError as exc:
        raise EngineError(locate_all(exc.problems)) from None
    sources = {d.file: d.source for d in docs}
    main_validator, include_validator = _validators(registry)
    problems: list[Problem] = []
    for i, doc in enumerate(docs):
        validator = main_validator if i == 0 else include_validator
        problems.extend(validator.problems(doc.data, doc.file))
    if problems:
        raise EngineError(locate_all(problems, sources))
    try:
        rules, warnings = resolve(docs, registry)
    except EngineError as exc:
        raise EngineError(locate_all(exc.problems, sources)) from None
    return Outcome(rules=rules, warnings=locate_all(warnings, sources), sources=sources)


def plan_rules(path: str | Path, registry: Registry, *, start: _dt.date | None = None) -> Outcome:
    """Load a rule file and evaluate it into a checked plan."""
    from engine.evaluate import evaluate

    outcome = load_rules(path, registry)
    assert outcome.rules is not None
    if start is not None and _dt.date.max - start < _dt.timedelta(weeks=outcome.rules.program.weeks):
        raise UsageError(f"--start {start}: a {outcome.rules.program.weeks}-week program would end after the year 9999")
    plan = evaluate(outcome.rules, registry, start=start)
    found = registry.check_plan(plan)
    located = locate_all(found, outcome.sources)
    if has_errors(located):
        raise EngineError(sort_problems(outcome.warnings + located))
    outcome.plan = plan
    outcome.warnings = sort_problems(outcome.warnings + located)
    return outcome


def export(plan: Plan, registry: Registry, fmt: str, options: Mapping[str, Any]) -> str | bytes:
    """Render a plan with a registered exporter; a fault names the plugin."""
    reg = registry.exporters[fmt]
    try:
        out = reg.component.render(plan, dict(options))
    except Exception as exc:  # noqa: BLE001 - a plugin's fault names the plugin
        raise PluginError(reg.plugin, f"exporter {fmt!r}", f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(out, (str, bytes)):
        raise PluginError(reg.plugin, f"exporter {fmt!r}", f"returned {type(out).__name__}, not str or bytes")
    return out
