"""Check a plugin component's options schema when it is registered.

The fragment becomes part of the rule-file schema, so a malformed one
(an unknown type, a dangling `$ref`, a pattern that is no regular
expression, a limit that is no number) would pass registration and crash
the first run that uses it, or every run. Each keyword of JSON Schema
2020-12 is checked here against what its metaschema allows, from a table,
without importing jsonschema on every start: tests/fuzz/test_plugin_faults.py
holds this check to jsonschema's own metaschema check. A `$ref` must
resolve inside the rule-file schema the fragment joins.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping

JSON_TYPES = ("array", "boolean", "integer", "null", "number", "object", "string")
_MAX_NODES = 10_000  # a schema larger than this is not an options schema


def _schema(v: Any) -> bool:
    return isinstance(v, (dict, bool))


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _strings(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(s, str) for s in v) and len(set(v)) == len(v)


def _type(v: Any) -> bool:
    names = [v] if isinstance(v, str) else v
    return isinstance(names, list) and bool(names) and _strings(names) and all(n in JSON_TYPES for n in names)


def _regex(v: Any) -> bool:
    if not isinstance(v, str):
        return False
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "possible nested set" and the like: valid all the same
            re.compile(v)
    except (re.error, RecursionError, OverflowError, ValueError):
        return False
    return True


def _schemas(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(_schema(s) for s in v)


def _schema_map(v: Any) -> bool:
    return isinstance(v, dict) and all(_schema(s) for s in v.values())


def _pattern_map(v: Any) -> bool:
    return isinstance(v, dict) and all(_regex(k) and _schema(s) for k, s in v.items())


def _is(kind: type) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, kind)


# keyword -> (test of its value, what the value must do: "must ...")
CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    **dict.fromkeys(("additionalProperties", "items", "contains", "not", "if", "then", "else", "propertyNames",
                     "unevaluatedItems", "unevaluatedProperties"),
                    (_schema, "be a schema (an object or a boolean)")),
    **dict.fromkeys(("allOf", "anyOf", "oneOf", "prefixItems"), (_schemas, "be a non-empty list of schemas")),
    **dict.fromkeys(("properties", "$defs", "definitions", "dependentSchemas"),
                    (_schema_map, "map names to JSON Schema objects")),
    "patternProperties": (_pattern_map, "map regular expressions to JSON Schema objects"),
    "type": (_type, f"be one of {', '.join(JSON_TYPES)}, or a list of them"),
    "enum": (_is(list), "be a list"),
    "multipleOf": (lambda v: _number(v) and v > 0, "be a number above 0"),
    **dict.fromkeys(("maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum"), (_number, "be a number")),
    **dict.fromkeys(("maxLength", "minLength", "maxItems", "minItems", "maxContains", "minContains",
                     "maxProperties", "minProperties"), (_count, "be a whole number, 0 or more")),
    **dict.fromkeys(("uniqueItems", "deprecated", "readOnly", "writeOnly"), (_is(bool), "be true or false")),
    "required": (_strings, "be a list of option names, each once"),
    "dependentRequired": (lambda v: isinstance(v, dict) and all(_strings(s) for s in v.values()),
                          "map names to lists of names"),
    "pattern": (_regex, "be a regular expression"),
    **dict.fromkeys(("format", "title", "description", "$comment", "$schema", "x-expected"), (_is(str), "be text")),
    "examples": (_is(list), "be a list"),
}
# Keywords that would move the fragment out of the rule-file schema it joins.
REFUSED = ("$id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$vocabulary", "$recursiveRef", "$recursiveAnchor")
# Keywords whose values are data, not schemas: not searched for keywords.
DATA = ("const", "enum", "default", "examples")


def problem(schema: Any, base: Callable[[], Mapping[str, Any]]) -> str:
    """What is wrong with an options schema, or "". `base` gives the
    rule-file schema that `$ref`s must resolve in (read only when needed)."""
    if schema is None:
        return ""
    if not isinstance(schema, Mapping):
        return f"must be a JSON Schema object (a dict), got {type(schema).__name__}"
    stack: list[tuple[Any, str]] = [(schema, "")]
    seen = 0
    while stack:
        node, where = stack.pop()
        seen += 1
        if seen > _MAX_NODES:
            return f"has more than {_MAX_NODES} schemas"
        if isinstance(node, bool):
            continue
        if not isinstance(node, Mapping):
            return f"{where or 'the schema'} must be a schema (an object or a boolean), got {type(node).__name__}"
        found = _keywords(node, where, base)
        if found:
            return found
        stack.extend(_children(node, where))
    return ""


def _keywords(node: Mapping[str, Any], where: str, base: Callable[[], Mapping[str, Any]]) -> str:
    for key, value in node.items():
        if not isinstance(key, str):
            return f"{where or 'the schema'} has a key that is not a string: {key!r}"
        if key in REFUSED:
            return f"{where}{key}: not allowed in an options schema (it is part of the rule-file schema)"
        if key == "$ref":
            wrong = _dangling(value, base)
            if wrong:
                return f"{where}$ref {value!r}: {wrong}"
            continue
        check = CHECKS.get(key)
        if check is not None and not check[0](value):
            return f"'{where}{key}' must {check[1]}, got {_show(value)}"
    return ""


def _children(node: Mapping[str, Any], where: str) -> list[tuple[Any, str]]:
    """The sub-schemas of a schema object, with where they are."""
    out: list[tuple[Any, str]] = []
    for key, value in node.items():
        if key in DATA or key not in CHECKS:
            continue
        if isinstance(value, list):
            out.extend((v, f"{where}{key}[{i}].") for i, v in enumerate(value))
        elif isinstance(value, dict) and key in ("properties", "patternProperties", "$defs", "definitions",
                                                  "dependentSchemas"):
            out.extend((v, f"{where}{key}.{name}.") for name, v in value.items())
        elif isinstance(value, dict):
            out.append((value, f"{where}{key}."))
    return out


def _dangling(ref: Any, base: Callable[[], Mapping[str, Any]]) -> str:
    """Why `ref` does not resolve in the rule-file schema, or ""."""
    if not isinstance(ref, str):
        return "must be a string"
    if ref != "#" and not ref.startswith("#/"):
        return "only references into the rule-file schema ('#/$defs/...') can resolve"
    node: Any = base()
    for part in ref.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return "does not resolve in the rule-file schema"
    return "" if _schema(node) else "does not point at a schema"


def _show(value: Any) -> str:
    from engine.schema import describe

    return describe(value)
