"""JSON Schema validation with messages a coach can act on.

The effective schema is the packaged base schema plus the option fragments
of every registered selector, progression policy and exporter. jsonschema is
imported here only, so commands that do not validate stay quick to start.
"""

from __future__ import annotations

import copy
import json
import os
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from engine.errors import Problem, suggest
from engine.schemawords import dedupe, describe, to_problems

if TYPE_CHECKING:
    from engine.plugins import Registry

INCLUDE_KEYS = ("version", "include", "exercise", "prescriptions", "progressions")


@lru_cache(maxsize=None)
def _base_text(name: str) -> str:
    # Package data sits next to the code in every install (wheel, editable);
    # importlib.resources would cost a few milliseconds of imports per run.
    with open(os.path.join(os.path.dirname(__file__), "schemas", name), encoding="utf-8") as fh:
        return fh.read()


def base_schema(name: str = "rules.schema.json") -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(_base_text(name))
    return schema


def _branches(key: str, components: Mapping[str, Any], own: Iterable[str]) -> list[dict[str, Any]]:
    """A table that names a component (`selector`, `policy`) takes its own
    keys plus that component's options, nothing else: one `if`/`then` branch
    per component, and one for a name no component has. Written out with
    `additionalProperties` (rather than one `unevaluatedProperties`), which
    every validator implements alike, the generated one included."""
    keys: dict[str, Any] = {k: True for k in own}  # checked by the table's own `properties`
    out = []
    for name in sorted(components):
        fragment = dict(components[name].component.options_schema or {})
        then = {**fragment, "properties": {**keys, **fragment.get("properties", {})}}
        then.setdefault("additionalProperties", False)
        out.append({"if": {"properties": {key: {"const": name}}, "required": [key]}, "then": then})
    out.append({
        "if": {"properties": {key: {"enum": sorted(components)}}, "required": [key]},
        "else": {"properties": keys, "additionalProperties": False},
    })
    return out


def effective_schema(registry: "Registry") -> dict[str, Any]:
    """Base schema plus every registered component's option schema."""
    schema = base_schema()
    defs = schema["$defs"]
    for def_name, key, table in (
        ("select", "selector", registry.selectors),
        ("progression", "policy", registry.progressions),
    ):
        target = defs[def_name]
        target["properties"][key]["enum"] = sorted(table)
        target["allOf"] = _branches(key, table, target["properties"])
    defs["program"]["properties"]["effort_model"]["enum"] = sorted(registry.effort_models)
    export = schema["properties"]["export"]
    for name in sorted(registry.exporters):
        fragment = dict(registry.exporters[name].component.options_schema or {})
        export["properties"][name] = {"type": "object", **fragment} if fragment else {
            "type": "object", "additionalProperties": False,
        }
        entry = export["properties"][name]
        entry.setdefault("description", registry.exporters[name].component.description
                         or f"Options for the {name} exporter.")
        entry.setdefault("examples", [_example(entry)])
    return schema


def _example(fragment: Mapping[str, Any]) -> dict[str, Any]:
    """An example options table built from each option's first example."""
    return {k: v["examples"][0] for k, v in fragment.get("properties", {}).items()
            if isinstance(v, Mapping) and v.get("examples")}


def include_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    """Included files may hold only shared catalog parts, not a program."""
    out = copy.deepcopy(dict(schema))
    out["required"] = []
    out["properties"] = {k: v for k, v in out["properties"].items() if k in INCLUDE_KEYS}
    out["title"] = "engine included rule fragment"
    out["$id"] = "urn:engine:schema:include:1"
    out["description"] = ("A file that rule files pull in with `include`: extra exercises, "
                          "named prescriptions and progressions. Start it with "
                          "`#:schema ../../schemas/include.schema.json` (relative to the file).")
    return out


@lru_cache(maxsize=1)
def _strict_validator_class() -> Any:
    """Draft 2020-12, except that 8.0 is not an integer: TOML keeps floats
    and integers apart, and the engine counts weeks and sets in integers.
    Patterns read `$` as the end of the string, as JSON Schema's regular
    expressions (ECMA 262) do; Python's `$` would also match before a final
    newline, and let `"squat\\n"` pass as an id. The generated validators
    (engine/validators) read both the same way."""
    from jsonschema import Draft202012Validator, validators

    checker = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _checker, value: isinstance(value, int) and not isinstance(value, bool))
    return validators.extend(Draft202012Validator, type_checker=checker, validators={"pattern": _pattern})


_DOLLAR = re.compile(r"(?<!\\)\$")  # an unescaped `$`, as fastjsonschema finds it


@lru_cache(maxsize=256)
def _end_anchored(pattern: str) -> re.Pattern[str]:
    return re.compile(_DOLLAR.sub(r"\\Z", pattern))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """jsonschema's `pattern` keyword, with `$` ending the string."""
    if validator.is_type(instance, "string") and not _end_anchored(pattern).search(instance):
        from jsonschema.exceptions import ValidationError

        yield ValidationError(f"{instance!r} does not match {pattern!r}")


class SchemaValidator:
    """A compiled validator for one schema, reused across documents."""

    def __init__(self, schema: Mapping[str, Any]):
        self.schema = schema
        self._validator = _strict_validator_class()(schema)

    def problems(self, data: Any, file: str) -> list[Problem]:
        from jsonschema.exceptions import relevance

        errors = sorted(self._validator.iter_errors(data), key=relevance)
        out: list[Problem] = []
        for rank, error in enumerate(errors):
            out.extend(to_problems(error, file, 0 if rank == 0 else 1))
        return dedupe(out)


__all__ = ["INCLUDE_KEYS", "SchemaValidator", "base_schema", "describe", "effective_schema", "include_schema",
           "suggest"]
