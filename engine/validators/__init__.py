"""Schema validation in two steps.

The modules next to this one are generated from the published schemas
(`python -m engine.build`): plain Python that accepts a valid
document in a fraction of a millisecond, with nothing to import. jsonschema
stays the reference: it is imported only for a document the generated code
rejects, and explains every problem with its location. A test holds the two
to the same answer on real, generated and mutated documents.

The published rule-file schema describes the built-in components. When a
rule file has an options table for an exporter a plugin registered, only
the effective schema knows those options, so jsonschema checks that file. A
selector or policy from a plugin needs no such test: its name is not in the
published schema, so the generated code rejects it and jsonschema decides.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from engine.validators.errors import JsonSchemaValueException

if TYPE_CHECKING:
    from engine.errors import Problem
    from engine.plugins import Registry

__all__ = ["DocumentValidator", "JsonSchemaValueException", "accepts", "athlete_validator", "rules_validator"]


def accepts(name: str, data: Any) -> bool:
    """Whether the validator generated from `schemas/{name}.schema.json` accepts `data`."""
    module = importlib.import_module(f"engine.validators.{name}")
    try:
        module.validate(data)
    except JsonSchemaValueException:
        return False
    except Exception:  # noqa: BLE001 - whatever else went wrong, the reference decides
        return False
    return True


class DocumentValidator:
    """Validates the documents of one kind against their effective schema."""

    def __init__(self, name: str, schema: Callable[[Any], Mapping[str, Any]],
                 published_decides: Callable[[Any], bool] = lambda data: True):
        self.name = name  # of the published schema, and of its generated module
        self._schema = schema  # the effective schema for a document, built on first need
        self._published_decides = published_decides
        self._reference: Any = None
        self._of: Any = None  # the schema the reference checks against

    def problems(self, data: Any, file: str) -> list[Problem]:
        """Every problem of `data`, located by JSON path; none for a valid document."""
        if self._published_decides(data) and accepts(self.name, data):
            return []
        schema = self._schema(data)
        if self._of is not schema:
            from engine.schema import SchemaValidator

            self._reference, self._of = SchemaValidator(schema), schema
        found: list[Problem] = self._reference.problems(data, file)
        return found


def rules_validator(registry: Registry, included: bool = False) -> DocumentValidator:
    """For rule files, or (`included`) the files they include."""

    def schema(data: Any) -> Mapping[str, Any]:
        from engine.schema import effective_schema, include_schema

        load_named(registry, data)
        key = f"{'include-' if included else ''}schema-{len(registry.plugins)}"  # (anew once a plugin loads)
        if key not in registry.cache:
            registry.cache[key] = include_schema(effective_schema(registry)) if included else effective_schema(registry)
        return registry.cache[key]  # type: ignore[no-any-return]

    def published_decides(data: Any) -> bool:
        export = data.get("export") if isinstance(data, dict) else None
        return not (isinstance(export, dict) and any(_from_plugin(registry, name) for name in export))

    return DocumentValidator("include" if included else "rules", schema, published_decides)


# The keys that name a component in a rule file, and the component's kind.
NAMING = {"selector": "selectors", "policy": "progressions", "effort_model": "effort_models"}


def load_named(registry: Registry, data: Any) -> None:
    """Load the plugins that provide the components `data` names (those not
    loaded until a run needs them, engine.deferred), so the effective
    schema knows them all."""
    if not registry.deferred:
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if isinstance(value, str) and key in NAMING:
                    registry.has(NAMING[key], value)
                elif isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    export = data.get("export") if isinstance(data, dict) else None
    for name in export if isinstance(export, dict) else ():
        registry.has("exporters", name)


def _from_plugin(registry: Registry, name: Any) -> bool:
    """Whether the exporter named `name` comes from a plugin (loaded now if
    it is one that waits until a run needs it)."""
    from engine.plugins import DEFAULT_PLUGINS

    found = registry.exporters.get(name) if isinstance(name, str) and registry.has("exporters", name) else None
    return found is not None and found.plugin not in DEFAULT_PLUGINS


def athlete_validator() -> DocumentValidator:
    """For athlete profiles (no plugin adds to their schema)."""

    built: list[Mapping[str, Any]] = []

    def schema(data: Any) -> Mapping[str, Any]:
        if not built:
            from engine.schema import base_schema  # only to explain a profile the generated validator refuses

            built.append(base_schema("athlete.schema.json"))
        return built[0]

    return DocumentValidator("athlete", schema)
