"""How a JSON Schema error becomes a located Problem a coach can act on:
one wording per validator keyword (`_WORDING`), sizes and bounds by
`_limit_message`, and noise from unknown keys dropped next to real errors."""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Mapping

from engine.errors import JsonPath, Problem, shorten, suggest
from engine.model.base import replace

NAMING = ("policy", "selector")  # the keys that name a component, whose options decide what else a table allows


def dedupe(problems: list[Problem]) -> list[Problem]:
    """Drop 'unknown key' noise for keys that already have a real error,
    and for the options of a table whose component name is wrong (a typo in
    `policy` does not make `increment` unknown too)."""
    real = {p.path for p in problems if not p.message.startswith("unknown key")}
    misnamed = {p.path[:-1] for p in problems if p.path and p.path[-1] in NAMING and p.path in real}
    seen: set[tuple[JsonPath, str]] = set()
    out = []
    for p in problems:
        if p.message.startswith("unknown key") and (p.path in real or p.path[:-1] in misnamed):
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


def to_problems(error: Any, file: str, rank: int) -> list[Problem]:
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
        return [q for sub in fitting for q in to_problems(sub, file, rank)]
    if "x-expected" in schema:
        return _expected(error, path, schema, file, rank)
    if error.context:
        from jsonschema.exceptions import best_match

        return to_problems(best_match(error.context), file, rank)
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


def _unique(error: Any, path: JsonPath, schema: Mapping[str, Any], file: str, rank: int) -> list[Problem]:
    """"has 16 twice": the entry repeated, and where it is again (the path of its second place)."""
    seen: list[Any] = []
    items = error.instance if isinstance(error.instance, list) else []
    for i, item in enumerate(items):
        if any(item == other and isinstance(item, bool) == isinstance(other, bool) for other in seen):
            return [Problem(file, (*path, i), f"{describe(item)} is listed twice", rank=rank)]
        seen.append(item)
    return [Problem(file, path, "has duplicate entries", rank=rank)]


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
    "uniqueItems": _unique,
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
    found = messages.get(error.validator)
    if found and error.validator in _BOUNDS:
        found += _what_it_is(error.schema)
    return found


_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def _what_it_is(schema: Any) -> str:
    """A number out of bounds is often the right idea in the wrong form (90
    for a fraction of 0.9): the schema's first sentence and example say what
    is meant."""
    if not isinstance(schema, dict) or not isinstance(schema.get("description"), str):
        return ""
    first = schema["description"].split(". ")[0].rstrip(".")
    examples = schema.get("examples")
    example = f", e.g. {examples[0]}" if isinstance(examples, list) and examples else ""
    if first[1:2].islower():  # "Fraction of ..." -> "fraction of ...", but "RPE added ..." stays
        first = first[:1].lower() + first[1:]
    return f" ({first}{example})"
