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
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

from engine.errors import JsonPath, Problem, shorten, suggest
from engine.model.base import replace

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
            out.extend(_to_problems(error, file, 0 if rank == 0 else 1))
        return _dedupe(out)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """Drop 'unknown key' noise for keys that already have a real error."""
    real = {p.path for p in problems if not p.message.startswith("unknown key")}
    seen: set[tuple[JsonPath, str]] = set()
    out = []
    for p in problems:
        if p.message.startswith("unknown key") and p.path in real:
            continue
        if (p.path, p.message) in seen:
            continue
        seen.add((p.path, p.message))
        out.append(p)
    return out


_TYPES = {
    "integer": "a whole number", "number": "a number", "string": "a string",
    "boolean": "true or false", "array": "an array", "object": "a table", "null": "nothing",
}


def describe(value: Any) -> str:
    """A short, safe rendering of a value for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return f"an array of {len(value)}"
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)
    return shorten(text)


def _known_keys(schema: Mapping[str, Any], instance: Mapping[str, Any]) -> list[str]:
    """Keys allowed here: the schema's own, plus those of the `if`/`then`
    branch that applies to this instance (e.g. the chosen selector's options)."""
    def table(node: Any, key: str) -> Mapping[str, Any]:
        # a schema may be `true` or `false` anywhere (a plugin's option schema)
        found = node.get(key) if isinstance(node, Mapping) else None
        return found if isinstance(found, Mapping) else {}

    keys = list(table(schema, "properties"))
    branches = schema.get("allOf", ())
    for branch in branches if isinstance(branches, list) else ():
        cond = table(table(branch, "if"), "properties")
        if all(instance.get(k) == (v.get("const") if isinstance(v, Mapping) else None) for k, v in cond.items()):
            keys.extend(table(table(branch, "then"), "properties"))
    return keys


def _allowed(known: list[str]) -> str:
    return f" (allowed here: {', '.join(sorted(set(known)))})" if 0 < len(known) <= 12 else ""


def _fitting_branch_errors(error: Any) -> list[Any]:
    """Errors of the one alternative whose type matched, if exactly one did."""
    branches: dict[Any, list[Any]] = {}
    for sub in error.context or ():
        # An alternative that is `false` has no schema path: a branch of its own.
        key = sub.relative_schema_path[0] if sub.relative_schema_path else ("false", id(sub))
        branches.setdefault(key, []).append(sub)
    fitting = [
        errs for errs in branches.values()
        if not any(e.validator == "type" and not e.relative_path for e in errs)
    ]
    if len(fitting) == 1 and len(branches) > 1:
        return fitting[0]
    return []


_UNEXPECTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


def _to_problems(error: Any, file: str, rank: int) -> list[Problem]:
    """The problems one jsonschema error stands for, worded by its keyword
    (`_WORDING`); a keyword without its own wording keeps jsonschema's
    message. A key that breaks `propertyNames` is pointed at itself."""
    path: JsonPath = tuple(error.absolute_path)
    named = _is_property_name(error)
    if named:
        path = (*path, error.instance)
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    word = _WORDING.get(error.validator)
    found = word(error, path, schema, file, rank) if word is not None else None
    if found is None:
        found = [Problem(file, path, _limit_message(error) or shorten(error.message, 200), rank=rank)]
    return [replace(p, at_key=True) for p in found] if named else found


def _is_property_name(error: Any) -> bool:
    """Is the error about a key (jsonschema checks `propertyNames` on the
    key itself, but reports the table that holds it)?"""
    keywords = list(error.absolute_schema_path)
    at = [i for i, k in enumerate(keywords) if k == "propertyNames" and (i == 0 or keywords[i - 1] != "properties")]
    return bool(at) and isinstance(error.instance, str)


Wording = Callable[[Any, JsonPath, Mapping[str, Any], str, int], "list[Problem] | None"]


def _unknown_keys(error: Any, path: JsonPath, schema: Mapping[str, Any], file: str, rank: int) -> list[Problem] | None:
    value = error.instance
    if not isinstance(value, dict):
        return None
    known = _known_keys(schema, value)
    extra = [k for k in value if k not in known]
    if error.validator == "unevaluatedProperties":
        named = set(_UNEXPECTED.findall(error.message.split("(")[-1]))
        extra = [k for k in value if k in named] or extra
    return [
        Problem(file, (*path, k), f"unknown key {shorten(repr(k))}{suggest(k, known) or _allowed(known)}",
                rank=rank, at_key=True)
        for k in extra
    ]


def _required(error: Any, path: JsonPath, schema: Mapping[str, Any], file: str, rank: int) -> list[Problem]:
    value = error.instance
    missing = [k for k in error.validator_value if isinstance(value, dict) and k not in value]
    return [Problem(file, path, f"missing required key {k!r}", rank=rank) for k in missing[:1]] or [
        Problem(file, path, error.message, rank=rank)]


def _type(error: Any, path: JsonPath, schema: Mapping[str, Any], file: str, rank: int) -> list[Problem]:
    expected = error.validator_value
    names = [expected] if isinstance(expected, str) else list(expected)
    want = " or ".join(_TYPES.get(n, n) for n in names)
    return [Problem(file, path, f"expected {want}, got {describe(error.instance)}", rank=rank)]


def _alternatives(error: Any, path: JsonPath, schema: Mapping[str, Any], file: str, rank: int) -> list[Problem] | None:
    """Explain the alternative that fits the value's type (an inline table,
    say), rather than "matches none of the alternatives"."""
    fitting = _fitting_branch_errors(error)
    if fitting and not ("x-expected" in schema and all(_wrong_value(e) for e in fitting)):
        return [q for sub in fitting for q in _to_problems(sub, file, rank)]
    if "x-expected" in schema:
        return _expected(error, path, schema, file, rank)
    if error.context:
        from jsonschema.exceptions import best_match

        return _to_problems(best_match(error.context), file, rank)
    return None


def _wrong_value(error: Any) -> bool:
    """A `const` or `enum` error at the alternative's own value: only the
    schema's `x-expected` names every value that would do."""
    return error.validator in ("const", "enum") and not error.relative_path


def _expected(error: Any, path: JsonPath, schema: Mapping[str, Any], file: str, rank: int) -> list[Problem]:
    return [Problem(file, path, f"expected {schema['x-expected']}, got {describe(error.instance)}", rank=rank)]


def _enum(error: Any, path: JsonPath, schema: Mapping[str, Any], file: str, rank: int) -> list[Problem]:
    value = error.instance
    choices = [str(c) for c in error.validator_value]
    return [Problem(
        file, path,
        f"{describe(value)} is not allowed here; choose one of: {', '.join(choices)}{suggest(value, choices)}",
        rank=rank,
    )]


def _const(error: Any, path: JsonPath, schema: Mapping[str, Any], file: str, rank: int) -> list[Problem]:
    """"expected 1, got 2": the one value allowed, written out (an array or
    table too), or what the schema's `x-expected` says would do."""
    if "x-expected" in schema:
        return _expected(error, path, schema, file, rank)
    want = error.validator_value
    text = shorten(json.dumps(want, ensure_ascii=False)) if isinstance(want, (list, dict)) else describe(want)
    return [Problem(file, path, f"expected {text}, got {describe(error.instance)}", rank=rank)]


def _not(error: Any, path: JsonPath, schema: Mapping[str, Any], file: str, rank: int) -> list[Problem] | None:
    if isinstance(error.instance, dict) and {"rpe", "rir"} <= set(error.instance):
        return [Problem(file, (*path, "rir"), "give effort as rpe or as rir, not both", rank=rank)]
    return None


def _pattern_wording(error: Any, path: JsonPath, schema: Mapping[str, Any], file: str, rank: int) -> list[Problem]:
    if "x-expected" in schema:
        return _expected(error, path, schema, file, rank)
    return [Problem(file, path, f"{describe(error.instance)} does not match the expected form {error.validator_value}",
                    rank=rank)]


def _fixed(message: str) -> Wording:
    def word(error: Any, path: JsonPath, schema: Mapping[str, Any], file: str, rank: int) -> list[Problem]:
        return [Problem(file, path, message, rank=rank)]
    return word


def _min_length(error: Any, path: JsonPath, schema: Mapping[str, Any], file: str, rank: int) -> list[Problem] | None:
    return _fixed("must not be empty")(error, path, schema, file, rank) if error.validator_value == 1 else None


_WORDING: dict[str, Wording] = {
    "additionalProperties": _unknown_keys,
    "unevaluatedProperties": _unknown_keys,
    "required": _required,
    "type": _type,
    "anyOf": _alternatives,
    "oneOf": _alternatives,
    "enum": _enum,
    "const": _const,
    "not": _not,
    "pattern": _pattern_wording,
    "minLength": _min_length,
    "uniqueItems": _fixed("has duplicate entries"),
    "false": _fixed("is not allowed here"),
}


def _limit_message(error: Any) -> str | None:
    """Sizes and bounds: "has 3 entries; at most 2 are allowed"."""
    limit, value = error.validator_value, error.instance
    size = len(value) if isinstance(value, (list, dict, str)) else 0
    what = "characters" if isinstance(value, str) else "entries"
    messages = {
        "maxItems": f"has {size} entries; at most {limit} are allowed",
        "minItems": f"has {size} entries; at least {limit} are needed",
        "maxProperties": f"has {size} entries; at most {limit} are allowed",
        "maxLength": f"is {size} {what} long; at most {limit} are allowed",
        "minLength": f"is {size} {what} long; at least {limit} are needed",
        "items": f"expected a [min, max] pair, got {describe(value)}",
        "minimum": f"{describe(value)} is less than the minimum of {limit}",
        "maximum": f"{describe(value)} is greater than the maximum of {limit}",
        "exclusiveMinimum": f"{describe(value)} must be greater than {limit}",
        "exclusiveMaximum": f"{describe(value)} must be less than {limit}",
        "multipleOf": f"{describe(value)} is not a multiple of {limit}",
    }
    return messages.get(error.validator)
