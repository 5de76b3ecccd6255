"""Regenerate what is built from the sources and committed: the published
schemas, the validators generated from them, and the catalog as JSON.

    python -m engine.build           # write them
    python -m engine.build --check   # exit 1 if any is out of date

Writes `engine/catalog/exercises.json` and `notes.json` from the catalog's
TOML (the files coaches and contributors edit; JSON reads in a fiftieth of
the time on every start), `schemas/rules.schema.json` and
`schemas/include.schema.json` (the
effective schema of the built-in components, as `engine schema` prints it
with plugin autoloading off), `schemas/athlete.schema.json` (the packaged
athlete schema), then `engine/validators/{rules,include,athlete}.py`: a
validation function per published schema, compiled to Python source by
fastjsonschema, the way setuptools ships its pyproject validator. The
engine uses them to accept a valid document without importing jsonschema.

fastjsonschema is needed here only (`pip install '.[test]'` pins the version
the committed modules were made with); the generated modules import nothing
from it. Two adjustments make its code agree with the engine's jsonschema
validator, which stays the reference:

- annotations (`description`, `examples`, `default`, ...) are left out: they
  do not change validity, and `default` would make the code fill them in;
- `integer` means a Python int, not a float such as 8.0 (TOML keeps them
  apart, as `engine.schema`'s type checker does), by one overridden method
  of fastjsonschema's code generator.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

import fastjsonschema
from fastjsonschema.draft04 import JSON_TYPE_TO_PYTHON_TYPE
from fastjsonschema.draft2019 import CodeGeneratorDraft2019
from fastjsonschema.ref_resolver import RefResolver

ROOT = Path(__file__).resolve().parents[1]  # the source checkout this file is in
SCHEMAS = ROOT / "schemas"
TARGET = ROOT / "engine" / "validators"
CATALOG = ROOT / "engine" / "catalog"
ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "examples", "default",
                         "x-expected"})
# Every keyword fastjsonschema implements (draft 7 and `$defs`): another one
# would be skipped without a word, so the generator refuses it.
KEYWORDS = frozenset({
    "type", "enum", "const", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "minLength", "maxLength",
    "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems",
    "maxItems", "uniqueItems", "items", "additionalItems", "contains", "minProperties", "maxProperties",
    "required", "dependencies", "properties", "patternProperties", "additionalProperties", "propertyNames",
    "$ref", "$defs", "definitions"})
SUBSCHEMA = frozenset({"not", "if", "then", "else", "additionalProperties", "propertyNames", "contains",
                       "additionalItems", "items"})
SUBSCHEMAS = frozenset({"allOf", "anyOf", "oneOf", "items"})
NAMED_SUBSCHEMAS = frozenset({"properties", "patternProperties", "$defs", "definitions"})
EXCEPTIONS = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException"


class StrictIntegers(CodeGeneratorDraft2019):
    """fastjsonschema's code generator, with `integer` meaning an int (and
    not a bool), never a float with no fractional part."""

    def generate_multiple_of(self) -> None:
        """jsonschema's own test (float division, exact fractions only when
        that overflows), so the two agree by construction and the generated
        code needs no Decimal."""
        assert self._definition is not None  # the definition being generated
        with self.l("if isinstance({variable}, (int, float)) and not isinstance({variable}, bool):"):
            if isinstance(self._definition["multipleOf"], float):
                self.l("quotient = {variable} / {multipleOf}")
                with self.l("try:"):
                    self.l("failed = int(quotient) != quotient")
                with self.l("except OverflowError:"):
                    self.l("from fractions import Fraction")
                    self.l("failed = (Fraction({variable}) / Fraction({multipleOf})).denominator != 1")
            else:
                self.l("failed = {variable} % {multipleOf}")
            with self.l("if failed:"):
                self.exc("{name} must be multiple of {multipleOf}", rule="multipleOf")  # type: ignore[no-untyped-call]

    def generate_type(self) -> None:
        definition: Any = self._definition
        types = [definition["type"]] if isinstance(definition["type"], str) else list(definition["type"])
        if "integer" not in types:
            super().generate_type()  # type: ignore[no-untyped-call]
            return
        accepted = ", ".join(JSON_TYPE_TO_PYTHON_TYPE[t] for t in types)
        bool_too = "" if "boolean" in types else " or isinstance({variable}, bool)"
        with self.l("if not isinstance({variable}, (" + accepted + "))" + bool_too + ":"):
            self.exc("{name} must be {}", " or ".join(types), rule="type")  # type: ignore[no-untyped-call]


def published() -> dict[str, str]:
    """The published schemas' text, from the engine's own code."""
    from engine.plugins import build_registry
    from engine.schema import effective_schema, include_schema

    rules = effective_schema(build_registry(load_entry_points=False))

    def text(schema: dict[str, Any]) -> str:
        return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

    athlete = (ROOT / "engine" / "schemas" / "athlete.schema.json").read_text("utf-8")
    return {"rules": text(rules), "include": text(include_schema(rules)), "athlete": athlete}


def _without_annotations(node: Any, in_names: bool = False) -> Any:
    """The schema minus annotations; `in_names` marks a mapping whose keys
    are property or definition names, not keywords."""
    if isinstance(node, list):
        return [_without_annotations(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if not in_names and key in ANNOTATIONS:
            continue
        out[key] = _without_annotations(value, in_names=not in_names and key in ("properties", "$defs"))
    return out


def _const_as_enum(node: Any) -> Any:
    """`const: x` as `enum: [x]`, which means the same (fastjsonschema words
    a failed const with the schema, which it leaves out of terse code)."""
    if isinstance(node, list):
        return [_const_as_enum(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {("enum" if key == "const" else key): ([value] if key == "const" else _const_as_enum(value))
            for key, value in node.items()}


def _unsupported(schema: Any, pointer: str = "#") -> list[str]:
    """Where `schema` uses a keyword fastjsonschema does not implement."""
    if not isinstance(schema, dict):
        return []
    found = [f"{pointer}/{key}" for key in schema if key not in KEYWORDS]
    for key, value in schema.items():
        if key in NAMED_SUBSCHEMAS and isinstance(value, dict):
            found += [p for name, sub in value.items() for p in _unsupported(sub, f"{pointer}/{key}/{name}")]
        elif key in SUBSCHEMAS and isinstance(value, list):
            found += [p for i, sub in enumerate(value) for p in _unsupported(sub, f"{pointer}/{key}/{i}")]
        elif key in SUBSCHEMA:
            found += _unsupported(value, f"{pointer}/{key}")
    return found


def source(name: str, schema_text: str) -> str:
    """The Python module that validates documents against `schema_text`."""
    schema = _without_annotations(json.loads(schema_text))
    unsupported = _unsupported(schema)
    if unsupported:
        raise SystemExit(f"schemas/{name}.schema.json: fastjsonschema does not implement {', '.join(unsupported)}")
    schema = _const_as_enum(schema)
    generator = StrictIntegers(  # type: ignore[no-untyped-call]
        schema, resolver=RefResolver.from_schema(schema, handlers={}, store={}),
        use_default=False, use_formats=False, detailed_exceptions=False)
    state: str = generator.global_state_code
    if EXCEPTIONS not in state:
        raise SystemExit(f"fastjsonschema {fastjsonschema.VERSION} writes other imports; update {__file__}")
    digest = hashlib.sha256(schema_text.encode("utf-8")).hexdigest()
    header = (
        f'"""Validation against schemas/{name}.schema.json (sha256 {digest[:16]}), generated by\n'
        f"`python -m engine.build` with fastjsonschema {fastjsonschema.VERSION}: do not edit.\n"
        f'`validate(data)` returns the data or raises `JsonSchemaValueException`."""\n'
        "# ruff: noqa\n# mypy: ignore-errors\n\n"
    )
    body = state.replace(EXCEPTIONS, "from engine.validators.errors import JsonSchemaValueException, "
                                     "JsonSchemaValuesException")
    code: str = generator.func_code
    # TOML and JSON documents hold no Decimal: the number checks test int
    # and float only, and decimal (a millisecond to import) is never loaded.
    body = body.replace("from decimal import Decimal\n", "")
    code = code.replace("(int, float, Decimal)", "(int, float)")
    if "Decimal" in body + code:
        raise SystemExit(f"fastjsonschema {fastjsonschema.VERSION} uses Decimal elsewhere; update {__file__}")
    body, code = _patterns_compiled_on_use(body, code)
    return header + body + "\n" + code.strip("\n") + "\n"


_COMPILED = re.compile(r"re\.compile\(('(?:[^'\\]|\\.)*')\)")
_SEARCHED = re.compile(r"REGEX_PATTERNS\[('(?:[^'\\]|\\.)*')\]\.search\(")


def _patterns_compiled_on_use(body: str, code: str) -> tuple[str, str]:
    """`REGEX_PATTERNS` as pattern text, searched with `re.search`: `re`
    compiles (and keeps) a pattern the first time a document has a value
    it applies to, rather than every pattern of the schema on every start."""
    body = _COMPILED.sub(r"\1", body)
    code = _SEARCHED.sub(r"re.search(REGEX_PATTERNS[\1], ", code)
    if "re.compile(" in body + code or code.count("REGEX_PATTERNS[") != code.count("re.search(REGEX_PATTERNS["):
        raise SystemExit(f"fastjsonschema {fastjsonschema.VERSION} uses its patterns otherwise; update {__file__}")
    return body, code


def catalog_json(name: str) -> str:
    """A catalog TOML file as JSON, key order kept."""
    import tomllib

    data = tomllib.loads((CATALOG / f"{name}.toml").read_text("utf-8"))
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def outputs() -> dict[Path, str]:
    """Every generated file and the text it should have."""
    schemas = published()
    files = {CATALOG / f"{name}.json": catalog_json(name) for name in ("exercises", "notes")}
    files.update({SCHEMAS / f"{name}.schema.json": text for name, text in schemas.items()})
    files.update({TARGET / f"{name}.py": source(name, text) for name, text in schemas.items()})
    return files


def main(argv: list[str] | None = None) -> int:
    if not (ROOT / "pyproject.toml").is_file():
        print("run this from a source checkout of the engine (it writes schemas/, engine/validators/, engine/catalog/)",
              file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report files that are out of date; write nothing")
    args = parser.parse_args(argv)
    stale = [path for path, text in outputs().items()
             if not path.exists() or path.read_text("utf-8") != text]
    if args.check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for path, text in outputs().items():
        if path in stale:
            path.write_text(text, "utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
