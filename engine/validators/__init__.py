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

    def __init__(self, name: str, schema: Callable[[], Mapping[str, Any]],
                 published_decides: Callable[[Any], bool] = lambda data: True):
        self.name = name  # of the published schema, and of its generated module
        self._schema = schema  # the effective schema, built on first need
        self._published_decides = published_decides
        self._reference: Any = None

    def problems(self, data: Any, file: str) -> list[Problem]:
        """Every problem of `data`, located by JSON path; none for a valid document."""
        if self._published_decides(data) and accepts(self.name, data):
            return []
        if self._reference is None:
            from engine.schema import SchemaValidator

            self._reference = SchemaValidator(self._schema())
        found: list[Problem] = self._reference.problems(data, file)
        return found


def rules_validator(registry: Registry, included: bool = False) -> DocumentValidator:
    """For rule files, or (`included`) the files they include."""
    from engine.plugins import DEFAULT_PLUGINS

    def schema() -> Mapping[str, Any]:
        from engine.schema import effective_schema, include_schema

        if "schema" not in registry.cache:
            registry.cache["schema"] = effective_schema(registry)
        return include_schema(registry.cache["schema"]) if included else registry.cache["schema"]

    plugin_exporters = {name for name, found in registry.exporters.items() if found.plugin not in DEFAULT_PLUGINS}

    def published_decides(data: Any) -> bool:
        export = data.get("export") if isinstance(data, dict) else None
        return not (isinstance(export, dict) and plugin_exporters.intersection(export))

    return DocumentValidator("include" if included else "rules", schema, published_decides)


def athlete_validator() -> DocumentValidator:
    """For athlete profiles (no plugin adds to their schema)."""

    def schema() -> Mapping[str, Any]:
        from engine.schema import base_schema  # only to explain a profile the generated validator refuses

        return base_schema("athlete.schema.json")

    return DocumentValidator("athlete", schema)
