"""The validators generated from the published schemas: up to date, free of
fastjsonschema at run time, and in agreement with jsonschema (the reference)
on real documents, documents generated from the schemas, and mutants of
every example.

`ENGINE_DIFFERENTIAL_EXAMPLES=N` runs N generated documents and N mutants
per kind of document instead of the default.
"""

from __future__ import annotations

import ast
import copy
import importlib.util
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile import MUTATIONS, NUMBERS, ODD_STRINGS, nodes, values

from engine.documents import to_json_compatible
from engine.schema import _strict_validator_class
from engine.validators import accepts

ROOT = Path(__file__).resolve().parents[2]
TESTS = Path(__file__).resolve().parents[1]
NAMES = ("rules", "include", "athlete")
EXAMPLES = int(os.environ.get("ENGINE_DIFFERENTIAL_EXAMPLES", "150"))
DIFFERENTIAL = settings(max_examples=EXAMPLES, deadline=None, print_blob=True, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("generate_validators", ROOT / "engine" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generated_validators_and_published_schemas_are_up_to_date():
    generator = _generator()
    for path, text in generator.outputs().items():
        assert path.exists() and path.read_text("utf-8") == text, (
            f"{path.relative_to(ROOT)} is out of date; regenerate with: python -m engine.build")


def test_the_generator_refuses_keywords_fastjsonschema_would_skip():
    generator = _generator()
    schema = {"type": "object", "properties": {"a": {"unevaluatedProperties": False, "description": "x"}},
              "$defs": {"b": {"dependentRequired": {}}}, "examples": [{"unevaluatedProperties": 1}]}
    with pytest.raises(SystemExit, match="#/properties/a/unevaluatedProperties, #/\\$defs/b/dependentRequired"):
        generator.source("test", json.dumps(schema))


def test_generated_validators_import_nothing_from_fastjsonschema():
    for name in NAMES:
        tree = ast.parse((ROOT / "engine" / "validators" / f"{name}.py").read_text("utf-8"))
        imported = {node.module if isinstance(node, ast.ImportFrom) else alias.name
                    for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                    for alias in node.names}
        # fractions: only on overflow
        assert imported <= {"fractions", "re", "engine.validators.errors"}, (name, imported)
    # And they run where fastjsonschema cannot be imported at all.
    code = ("import sys; sys.modules['fastjsonschema'] = None\n"
            "from engine.validators import accepts\n"
            "assert accepts('athlete', {'version': 1, 'athlete': {'name': 'x', 'units': 'kg'}})\n"
            "assert not accepts('rules', {'version': 1})\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# -- the differential test -------------------------------------------------------------------------

SCHEMAS = {name: json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text("utf-8")) for name in NAMES}
REFERENCE = {name: _strict_validator_class()(schema) for name, schema in SCHEMAS.items()}


def agree(name: str, data: Any) -> bool:
    """Assert that both validators give `data` the same verdict; return it."""
    verdict = REFERENCE[name].is_valid(data)
    assert accepts(name, data) == verdict, (
        f"the generated {name} validator says {'invalid' if verdict else 'valid'}, jsonschema "
        f"{'valid' if verdict else 'invalid'}: {data!r}")
    return verdict


def _read(path: Path) -> Any | None:
    try:
        return to_json_compatible(tomllib.loads(path.read_text("utf-8")))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError, ValueError):
        return None


def documents() -> dict[str, list[tuple[str, Any]]]:
    """Every example and corpus file that parses, by the schema that governs it."""
    found: dict[str, list[tuple[str, Any]]] = {name: [] for name in NAMES}
    globs = {"rules": [ROOT / "rules", TESTS / "corpus"],
             "include": [ROOT / "rules" / "catalog", TESTS / "corpus" / "catalog"],
             "athlete": [ROOT / "athletes", TESTS / "corpus" / "athletes"]}
    for name, folders in globs.items():
        for folder in folders:
            for path in sorted(folder.glob("*.toml")):
                data = _read(path)
                if data is not None:
                    found[name].append((str(path.relative_to(ROOT)), data))
    return found


DOCUMENTS = documents()


def m_newline(data: Any, draw: Any) -> None:
    """A newline at the end of a string or a key."""
    found = [p for p, v in nodes(data) if p and (isinstance(v, str) or isinstance(p[-1], str))]
    if not found:
        return
    path = draw(st.sampled_from(found))
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if isinstance(parent[path[-1]], str) and draw(st.booleans()):
        parent[path[-1]] += "\n"
    elif isinstance(path[-1], str):
        parent[path[-1] + "\n"] = parent.pop(path[-1])


MUTANTS = [*MUTATIONS, m_newline]


@pytest.mark.parametrize("name", NAMES)
def test_both_validators_agree_on_the_examples_and_the_corpus(name):
    verdicts = [agree(name, data) for _, data in DOCUMENTS[name]]
    assert True in verdicts and (name == "include" or False in verdicts)  # both answers are exercised


@pytest.mark.parametrize("name", NAMES)
@DIFFERENTIAL
@given(data=st.data())
def test_both_validators_agree_on_mutants_of_every_example(name, data):
    _, original = data.draw(st.sampled_from(DOCUMENTS[name]), label="document")
    doc = copy.deepcopy(original)
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        data.draw(st.sampled_from(MUTANTS), label="op")(doc, data.draw)
    agree(name, to_json_compatible(doc))


# Documents generated from the schemas themselves: mostly valid, one value
# in ODDS at an edge (just out of range, 8.0 for 8, an odd string), each
# component (selector, policy) with its own options; then half of them bent
# by a mutation.

ODDS = 30


def _mostly(valid: st.SearchStrategy[Any], edge: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    # The middle of the range: hypothesis draws the ends of a range more often.
    return st.integers(1, ODDS).flatmap(lambda n: edge if n == ODDS // 2 else valid)


def _resolve(schema: Any, root: dict[str, Any]) -> Any:
    while isinstance(schema, dict) and "$ref" in schema:
        node: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def _table(schema: dict[str, Any], root: dict[str, Any], props: dict[str, Any],
           fixed: dict[str, Any]) -> st.SearchStrategy[Any]:
    required = [k for k in schema.get("required", ()) if k in props and k not in fixed]
    optional = {k: instance(v, root) for k, v in props.items() if k not in required and k not in fixed}
    table = st.fixed_dictionaries({**{k: instance(props[k], root) for k in required},
                                   **{k: st.just(v) for k, v in fixed.items()}}, optional=optional)
    both = schema.get("not", {}).get("required")  # e.g. effort as rpe or as rir, not both
    if both:
        table = _mostly(table.filter(lambda t: not set(both) <= set(t)), table)
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        names = instance(schema.get("propertyNames", {"type": "string"}), root).filter(lambda n: isinstance(n, str))
        table = st.builds(lambda a, b: {**b, **a}, table, st.dictionaries(names, instance(extra, root), max_size=2))
    return table


def _object(schema: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    """A table; for one that names a component, a component and its options."""
    props = dict(schema.get("properties", {}))
    branches = [b for b in schema.get("allOf", ()) if "then" in b]
    if not branches:
        return _table(schema, root, props, {})

    def component(branch: dict[str, Any]) -> st.SearchStrategy[Any]:
        [(key, condition)] = branch["if"]["properties"].items()
        options = {k: v for k, v in branch["then"]["properties"].items() if v is not True}
        return _table(schema, root, {**props, **options}, {key: condition["const"]})

    return st.sampled_from(branches).flatmap(component)


def _number(schema: dict[str, Any], whole: bool) -> st.SearchStrategy[Any]:
    low = schema.get("minimum", schema.get("exclusiveMinimum", -1000))
    high = schema.get("maximum", schema.get("exclusiveMaximum", 1000))
    edges = st.sampled_from([low, high, low - 1, high + 1, float(low), float(high), low + 0.25])
    step = schema.get("multipleOf")
    if whole:
        valid = st.integers(int(low) + ("exclusiveMinimum" in schema), int(high) - ("exclusiveMaximum" in schema))
    elif step:
        multiples = st.integers(int(low / step), int(high / step)).map(lambda n: n * step)
        valid = multiples.filter(lambda x: low <= x <= high)
    else:
        valid = st.floats(low, high, exclude_min="exclusiveMinimum" in schema, exclude_max="exclusiveMaximum" in schema)
    return _mostly(valid, edges)


def _string(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    longest = schema.get("maxLength", 20)
    if "pattern" in schema:
        matching = st.from_regex(schema["pattern"], fullmatch=True)
        # Python's `$` matches before a final newline; JSON Schema's does not.
        edges = st.one_of(matching.map(lambda s: s + "\n"), st.sampled_from(ODD_STRINGS))
        return _mostly(matching.filter(lambda s: len(s) <= longest and not s.endswith("\n")), edges)
    valid = st.text(min_size=schema.get("minLength", 0), max_size=min(longest, 20))
    return _mostly(valid, st.one_of(st.text(min_size=longest + 1, max_size=longest + 2), st.sampled_from(ODD_STRINGS)))


def _array(schema: dict[str, Any], root: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    items = instance(schema.get("items", {}), root, depth + 1)
    least = schema.get("minItems", 0)
    most = max(least, min(schema.get("maxItems", 4), 4))
    unique = bool(schema.get("uniqueItems"))
    key = (lambda x: json.dumps(x, default=repr)) if unique else None
    return st.lists(items, min_size=least, max_size=most, unique_by=key)


def instance(schema: Any, root: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Documents shaped by `schema`: its enums, ranges, patterns and tables."""
    schema = _resolve(schema, root)
    if not isinstance(schema, dict) or depth > 6:
        return values
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return st.one_of([instance(s, root, depth + 1) for s in schema[key]])
    if "enum" in schema or "const" in schema:
        return _mostly(st.sampled_from(schema.get("enum", [schema.get("const")])), values)
    kind = schema.get("type")
    if kind == "object":
        return st.deferred(lambda: _object(schema, root))
    if kind == "array":
        return _array(schema, root, depth)
    if kind in ("integer", "number"):
        return _number(schema, kind == "integer")
    if kind == "string":
        return _string(schema)
    if kind == "boolean":
        return st.booleans()
    return values


GENERATED = {name: instance(schema, schema) for name, schema in SCHEMAS.items()}


@pytest.mark.parametrize("name", NAMES)
@DIFFERENTIAL
@given(data=st.data())
def test_both_validators_agree_on_documents_generated_from_the_schemas(name, data):
    doc = data.draw(GENERATED[name], label="document")
    if data.draw(st.booleans(), label="bend"):
        data.draw(st.sampled_from(MUTANTS), label="op")(doc, data.draw)
    agree(name, to_json_compatible(doc))


@pytest.mark.parametrize("value", [*NUMBERS, 8.0, True, False, "8", [8], None])
def test_both_validators_agree_on_odd_values_for_whole_numbers(value):
    for path in (("program", "weeks"), ("slot", 0, "count"), ("version",)):
        doc = copy.deepcopy(dict(DOCUMENTS["rules"])["rules/glute-day.toml"])
        node = doc
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
        agree("rules", to_json_compatible(doc))


# -- which validator decides -----------------------------------------------------------------------


def glute_day() -> dict[str, Any]:
    return copy.deepcopy(dict(DOCUMENTS["rules"])["rules/glute-day.toml"])


def test_plugin_components_and_their_options_are_checked_against_the_effective_schema():
    from test_schema import OptionsPlugin

    from engine.testing import make_registry
    from engine.validators import rules_validator

    validator = rules_validator(make_registry(OptionsPlugin()))
    doc = glute_day()
    doc["export"] = {"csvish": {"delimiter": ";;"}, "text": {"notes": False}}
    assert accepts("rules", doc)  # for the published schema, a table for an exporter it does not know
    [problem] = validator.problems(doc, "r.toml")
    assert problem.path == ("export", "csvish", "delimiter") and "at most 1" in problem.message
    doc["export"]["csvish"]["delimiter"] = ";"
    doc["slot"][0]["select"] = {"selector": "pyramid", "depth": 2}
    assert not accepts("rules", doc)  # a selector the published schema does not know
    assert validator.problems(doc, "r.toml") == []
    doc["slot"][0]["select"]["depth"] = 0
    assert [p.path for p in validator.problems(doc, "r.toml")] == [("slot", 0, "select", "depth")]


def test_without_the_plugin_its_names_are_errors_and_its_tables_any_table():
    from engine.testing import make_registry
    from engine.validators import rules_validator

    validator = rules_validator(make_registry())
    doc = glute_day()
    doc["export"] = {"csvish": {"delimiter": ";;"}}
    assert validator.problems(doc, "r.toml") == []
    doc["slot"][0]["select"] = {"selector": "pyramid", "depth": 2}
    assert validator.problems(doc, "r.toml")[0].path == ("slot", 0, "select", "selector")
