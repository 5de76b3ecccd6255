"""JSON Schema: the effective schema, the published copy, and the messages a
coach reads when a rule file does not fit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import engine
from engine.components import Exporter, Progression, Selector
from engine.errors import EngineError, shorten
from engine.locate import format_path
from engine.pipeline import load_rules
from engine.schema import (
    INCLUDE_KEYS,
    SchemaValidator,
    base_schema,
    describe,
    effective_schema,
    include_schema,
    suggest,
)
from engine.testing import make_registry

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = ROOT / "schemas" / "rules.schema.json"
REGENERATE = "python -m engine.build"

GOOD = """\
version = 1

[program]
name = "T"
days = ["mon"]
weeks = 2

[[slot]]
category = "primary"
select = { selector = "ordered", from = ["squat"] }
"""


class OptionsPlugin:
    """Components with option schemas, to see them in the effective schema."""

    @engine.hookimpl
    def engine_register_selectors(self, register):
        register(Selector("pyramid", lambda ctx: ctx.candidates[: ctx.count], "Test selector.", {
            "properties": {"depth": {"type": "integer", "minimum": 1, "description": "How deep."}},
        }))

    @engine.hookimpl
    def engine_register_progressions(self, register):
        register(Progression("wave", lambda ctx: None, lambda ctx, prev: prev, "Test progression.", {
            "properties": {"waves": {"type": "integer", "description": "How many."}},
        }))

    @engine.hookimpl
    def engine_register_exporters(self, register):
        register(Exporter("csvish", lambda plan, opts: "", "Test exporter.", ".csv", {
            "properties": {"delimiter": {"type": "string", "maxLength": 1, "description": "Cell separator.",
                                         "examples": [";"]}},
            "additionalProperties": False,
        }))


def problems(tmp_path: Path, text: str, registry=None) -> list:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EngineError) as info:
        load_rules(path, registry or make_registry())
    return list(info.value.problems)


def first(tmp_path: Path, text: str, registry=None):
    found = problems(tmp_path, text, registry)
    return found[0]


# -- the effective schema ------------------------------------------------------


def test_effective_schema_lists_registered_names():
    schema = effective_schema(make_registry())
    defs = schema["$defs"]
    assert defs["select"]["properties"]["selector"]["enum"] == ["ordered", "random", "rotate"]
    assert defs["progression"]["properties"]["policy"]["enum"] == ["double", "linear", "none", "rpe"]
    assert set(schema["properties"]["export"]["properties"]) == {"json", "markdown", "text"}


def options(table: dict, key: str) -> dict[str, dict]:
    """Each component's branch of a table (`select`, `progression`): what it
    allows beyond the table's own keys."""
    own = set(table["properties"])
    out = {}
    for branch in table["allOf"]:
        if "then" in branch:
            then = branch["then"]
            assert then["additionalProperties"] is False and own <= set(then["properties"])
            out[branch["if"]["properties"][key]["const"]] = {
                k: v for k, v in then["properties"].items() if k not in own}
    return out


def test_effective_schema_carries_builtin_option_fragments():
    schema = effective_schema(make_registry())
    branches = options(schema["$defs"]["select"], "selector")
    assert set(branches) == {"ordered", "random", "rotate"}
    assert set(branches["rotate"]) == {"variants", "every"}
    assert set(branches["random"]) == {"variants", "seed", "avoid_repeats"}
    policies = options(schema["$defs"]["progression"], "policy")
    assert set(policies["double"]) == {"increment", "sets", "rep_step", "reset"}
    assert set(policies["rpe"]) == {"sets", "reps", "step"}
    assert schema["properties"]["export"]["properties"]["json"]["properties"]["indent"]["maximum"] == 8


def test_a_name_no_component_has_allows_only_the_tables_own_keys():
    select = effective_schema(make_registry())["$defs"]["select"]
    [last] = [b for b in select["allOf"] if "else" in b]
    assert last["if"]["properties"]["selector"]["enum"] == ["ordered", "random", "rotate"]
    assert last["else"] == {"properties": {k: True for k in select["properties"]}, "additionalProperties": False}


def test_effective_schema_includes_plugin_components():
    schema = effective_schema(make_registry(OptionsPlugin()))
    assert "pyramid" in schema["$defs"]["select"]["properties"]["selector"]["enum"]
    assert "wave" in schema["$defs"]["progression"]["properties"]["policy"]["enum"]
    sel = options(schema["$defs"]["select"], "selector")["pyramid"]
    assert sel == {"depth": {"type": "integer", "minimum": 1, "description": "How deep."}}
    exporter = schema["properties"]["export"]["properties"]["csvish"]
    assert exporter["properties"]["delimiter"]["maxLength"] == 1
    assert exporter["description"] == "Test exporter."
    assert exporter["examples"] == [{"delimiter": ";"}]


def test_effective_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(effective_schema(make_registry(OptionsPlugin())))


def test_effective_schema_does_not_mutate_the_base():
    before = base_schema()
    effective_schema(make_registry(OptionsPlugin()))
    assert base_schema() == before
    assert "enum" not in before["$defs"]["select"]["properties"]["selector"]


def test_published_schema_is_up_to_date():
    expected = json.dumps(effective_schema(make_registry()), indent=2, ensure_ascii=False) + "\n"
    assert PUBLISHED.exists(), f"schemas/rules.schema.json is missing; regenerate it with: {REGENERATE}"
    published = json.loads(PUBLISHED.read_text("utf-8"))
    assert published == json.loads(expected), (
        f"schemas/rules.schema.json is out of date with the engine; regenerate it with: {REGENERATE}")


INCLUDE_PUBLISHED = ROOT / "schemas" / "include.schema.json"
INCLUDE_REGENERATE = "python -m engine.build"


def test_published_include_schema_is_up_to_date():
    assert INCLUDE_PUBLISHED.exists(), (
        f"schemas/include.schema.json is missing; regenerate it with: {INCLUDE_REGENERATE}")
    expected = include_schema(effective_schema(make_registry()))
    assert json.loads(INCLUDE_PUBLISHED.read_text("utf-8")) == expected, (
        f"schemas/include.schema.json is out of date with the engine; regenerate it with: {INCLUDE_REGENERATE}")


def test_schema_comments_of_the_examples_point_at_the_right_published_schema():
    import re
    import tomllib

    from engine.documents import to_json_compatible

    files = sorted((ROOT / "rules").rglob("*.toml"))
    assert len(files) >= 4
    for path in files:
        text = path.read_text("utf-8")
        m = re.match(r"#:schema (\S+)\n", text)
        assert m, f"{path.name} has no #:schema line"
        schema_path = (path.parent / m.group(1)).resolve()
        assert schema_path.is_file(), (path.name, m.group(1))
        schema = json.loads(schema_path.read_text("utf-8"))
        errors = list(Draft202012Validator(schema).iter_errors(to_json_compatible(tomllib.loads(text))))
        assert errors == [], (path.name, [e.message for e in errors])


def test_include_schema_allows_only_catalog_parts():
    schema = include_schema(effective_schema(make_registry()))
    assert set(schema["properties"]) == set(INCLUDE_KEYS)
    assert schema["required"] == []
    v = SchemaValidator(schema)
    assert v.problems({"version": 1, "prescriptions": {"pump": {"reps": [12, 20]}}}, "f") == []
    [p] = v.problems({"version": 1, "slot": []}, "f")
    assert p.path == ("slot",) and p.message.startswith("unknown key 'slot'")


# -- every property documented --------------------------------------------------


def _described(schema: dict, node: object) -> bool:
    """Whether a property has a description (directly or via $ref); `true`
    is a key described where it is declared (a component's branch)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and "description" not in node and seen < 20:
        cur = schema
        for part in node["$ref"].removeprefix("#/").split("/"):
            cur = cur[part]
        node, seen = cur, seen + 1
    return node is True or isinstance(node, dict) and isinstance(node.get("description"), str) and bool(
        node["description"].strip())


def _undocumented(schema: dict) -> list[str]:
    """JSON pointers of properties with no description (directly or via $ref)."""

    missing: list[str] = []

    def walk(node, pointer):
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                for key, sub in props.items():
                    if not _described(schema, sub):
                        missing.append(f"{pointer}/properties/{key}")
            for key, sub in node.items():
                if key not in ("if", "not"):  # conditions, not properties a coach writes
                    walk(sub, f"{pointer}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{pointer}/{i}")

    walk(schema, "#")
    return missing


def test_every_base_schema_property_has_a_description():
    assert _undocumented(base_schema()) == []


def test_every_effective_schema_property_has_a_description():
    assert _undocumented(effective_schema(make_registry())) == []


def test_description_walk_finds_gaps():
    assert _undocumented({"properties": {"a": {"type": "string"}, "b": {"$ref": "#/$defs/b"}},
                          "$defs": {"b": {"type": "string"}}}) == ["#/properties/a", "#/properties/b"]


# -- messages -----------------------------------------------------------------------


def test_example_rule_files_are_schema_valid():
    v = SchemaValidator(effective_schema(make_registry()))
    import tomllib

    from engine.documents import to_json_compatible

    for path in sorted((ROOT / "rules").glob("*.toml")):
        data = to_json_compatible(tomllib.loads(path.read_text("utf-8")))
        assert v.problems(data, str(path)) == [], path.name


def test_unknown_key_with_did_you_mean(tmp_path):
    p = first(tmp_path, GOOD.replace("weeks = 2", "weeks = 2\nwekes = 3"))
    assert p.path == ("program", "wekes")
    assert p.message == "unknown key 'wekes'; did you mean 'weeks'?"
    assert p.line == 7


def test_unknown_key_without_a_close_match_lists_allowed_keys(tmp_path):
    p = first(tmp_path, GOOD.replace("weeks = 2", "weeks = 2\nzzz = 3"))
    assert p.message.startswith("unknown key 'zzz' (allowed here: ")
    assert "days" in p.message and "weeks" in p.message


def test_unknown_top_level_key(tmp_path):
    p = first(tmp_path, "slots = 1\n" + GOOD)
    assert p.path == ("slots",)
    assert p.message == "unknown key 'slots'; did you mean 'slot'?"


def test_unknown_selector_option_suggests_the_selectors_own_option(tmp_path):
    p = first(tmp_path, GOOD.replace('selector = "ordered"', 'selector = "rotate", evry = 2'))
    assert p.path == ("slot", 0, "select", "evry")
    assert p.message == "unknown key 'evry'; did you mean 'every'?"


def test_option_of_another_selector_is_refused(tmp_path):
    # `every` belongs to rotate, not to ordered.
    p = first(tmp_path, GOOD.replace('selector = "ordered"', 'selector = "ordered", every = 2'))
    assert p.path == ("slot", 0, "select", "every")
    assert p.message.startswith("unknown key 'every'")


def test_wrong_type(tmp_path):
    p = first(tmp_path, GOOD.replace("weeks = 2", 'weeks = "two"'))
    assert p.path == ("program", "weeks")
    assert p.message == 'expected a whole number, got "two"'
    assert (p.line, p.column) == (6, 9)


def test_wrong_type_for_a_number_or_range(tmp_path):
    p = first(tmp_path, GOOD + '[week]\nprimary = "one"\n')
    assert p.path == ("week", "primary")
    assert p.message == 'expected a whole number from 0 to 50, or a [min, max] pair, got "one"'


def test_wrong_type_inside_an_inline_table_explains_that_table(tmp_path):
    p = first(tmp_path, GOOD + 'prescription = { reps = "many" }\n')
    assert p.path == ("slot", 0, "prescription", "reps")
    assert "got \"many\"" in p.message


def test_enum_with_suggestion(tmp_path):
    p = first(tmp_path, GOOD.replace("weeks = 2", 'weeks = 2\nunits = "kgs"'))
    assert p.path == ("program", "units")
    assert p.message == '"kgs" is not allowed here; choose one of: kg, lb; did you mean \'kg\'?'


def test_unknown_selector_is_an_enum_error(tmp_path):
    p = first(tmp_path, GOOD.replace('"ordered"', '"rotat"'))
    assert p.path == ("slot", 0, "select", "selector")
    assert "choose one of: ordered, random, rotate" in p.message
    assert "did you mean 'rotate'?" in p.message


def test_missing_required_key(tmp_path):
    p = first(tmp_path, GOOD.replace("weeks = 2\n", ""))
    assert p.path == ("program",)
    assert p.message == "missing required key 'weeks'"
    assert (p.line, p.column) == (3, 1)


def test_missing_required_top_level_key(tmp_path):
    found = problems(tmp_path, GOOD.replace("version = 1\n", ""))
    assert [p.message for p in found] == ["missing required key 'version'"]


def test_rpe_and_rir_together(tmp_path):
    p = first(tmp_path, GOOD + "prescription = { rpe = 8, rir = 2 }\n")
    assert p.path == ("slot", 0, "prescription", "rir")
    assert p.message == "give effort as rpe or as rir, not both"


def test_rpe_and_rir_together_in_a_named_prescription(tmp_path):
    p = first(tmp_path, GOOD + "[prescriptions.heavy]\nrpe = [7, 8]\nrir = [2, 3]\n")
    assert p.path == ("prescriptions", "heavy", "rir")
    assert p.message == "give effort as rpe or as rir, not both"


def test_out_of_range_option(tmp_path):
    p = first(tmp_path, GOOD.replace('selector = "ordered"', 'selector = "rotate", every = 0'))
    assert p.path == ("slot", 0, "select", "every")
    assert "minimum of 1" in p.message


def test_version_const(tmp_path):
    p = first(tmp_path, GOOD.replace("version = 1", "version = 2"))
    assert p.path == ("version",)
    assert p.message == "expected 1, got 2"


@settings(max_examples=40, deadline=None)
@given(ids=st.lists(st.sampled_from(["squat", "deadlift", "hip-thrust", "step-up"]), min_size=2, max_size=6))
def test_a_repeated_entry_is_named_at_its_second_place(tmp_path_factory, ids):
    # "has duplicate entries" left the coach to find which; the first entry seen again is named where it recurs.
    again = next((i for i, x in enumerate(ids) if x in ids[:i]), None)
    text = GOOD.replace('from = ["squat"]', f"from = {json.dumps(ids)}")
    if again is None:
        return
    p = first(tmp_path_factory.mktemp("unique"), text)
    assert p.message == f'"{ids[again]}" is listed twice' and p.path[-1] == again


def test_duplicates_and_empty_strings(tmp_path):
    p = first(tmp_path, GOOD.replace('from = ["squat"]', 'from = ["squat", "squat"]'))
    assert p.message == '"squat" is listed twice' and p.path[-1] == 1  # at its second place
    p = first(tmp_path, GOOD.replace('name = "T"', 'name = ""'))
    assert p.path == ("program", "name") and p.message == "must not be empty"


def test_name_in_from_is_matched_to_its_id(tmp_path):
    # Not a schema error: the semantic check knows the catalog's names.
    p = first(tmp_path, GOOD.replace('["squat"]', '["Back Squat"]'))
    assert p.path == ("slot", 0, "select", "from", 0)
    assert p.message == "unknown exercise 'Back Squat'; did you mean 'squat'?"


def test_bad_exercise_id_pattern(tmp_path):
    text = GOOD + (
        '\n[[exercise]]\nid = "Good Morning"\nname = "Good morning"\ncategory = "tertiary"\n'
        'prescription = { sets = 3, reps = 10 }\n')
    p = first(tmp_path, text)
    assert p.path == ("exercise", 0, "id")
    assert p.message == ('expected an id of lowercase letters, digits and hyphens, '
                         'such as hip-thrust, got "Good Morning"')


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_non_finite_is_not_a_number(tmp_path, value):
    p = first(tmp_path, GOOD.replace("weeks = 2", f"weeks = {value}"))
    assert p.path == ("program", "weeks")
    assert p.message.startswith("expected a whole number, got ")
    assert p.message.endswith(value)
    p = first(tmp_path, GOOD + f"prescription = {{ rpe = {value} }}\n")
    assert p.path == ("slot", 0, "prescription", "rpe")
    assert p.message.startswith("expected a number from 1 to 10")


def test_every_problem_is_reported_best_first(tmp_path):
    text = GOOD.replace("weeks = 2", 'weeks = "x"\nunits = "stone"') + "count = 0\n"
    found = problems(tmp_path, text)
    assert {p.path for p in found} == {("program", "weeks"), ("program", "units"), ("slot", 0, "count")}
    assert all(p.line > 0 and p.column > 0 for p in found)


def test_plugin_option_schema_is_enforced(tmp_path):
    reg = make_registry(OptionsPlugin())
    p = first(tmp_path, GOOD.replace('selector = "ordered"', 'selector = "pyramid", depth = 0'), reg)
    assert p.path == ("slot", 0, "select", "depth")
    assert "minimum of 1" in p.message
    p = first(tmp_path, GOOD.replace('selector = "ordered"', 'selector = "pyramid", dept = 2'), reg)
    assert p.message == "unknown key 'dept'; did you mean 'depth'?"


def test_exporter_options_in_the_rule_file(tmp_path):
    p = first(tmp_path, GOOD + "[export.text]\nnotes = 1\n")
    assert p.path == ("export", "text", "notes")
    assert p.message == "expected true or false, got 1"
    p = first(tmp_path, GOOD + "[export.json]\nindnt = 2\n")
    assert p.message == "unknown key 'indnt'; did you mean 'indent'?"


# -- helpers ------------------------------------------------------------------------


def test_describe_is_short_and_safe():
    assert describe(True) == "true"
    assert describe({"a": 1}) == "a table"
    assert describe([1, 2, 3]) == "an array of 3"
    assert describe("x" * 200).endswith("...") and len(describe("x" * 200)) == 60
    assert describe("a\nb") == '"a\\nb"'


def test_suggest():
    assert suggest("sqat", ["squat", "deadlift"]) == "; did you mean 'squat'?"
    assert suggest("zzzz", ["squat"]) == ""
    assert suggest(3, ["squat"]) == ""


def test_published_schema_avoids_keywords_editors_misread():
    """Taplo (Even Better TOML) validates with an older draft: `prefixItems`
    there made every [min, max] pair in the example files look invalid.
    Pairs are written as `items` + `minItems`/`maxItems`, which all drafts read."""
    text = (Path(__file__).resolve().parents[2] / "schemas" / "rules.schema.json").read_text()
    assert "prefixItems" not in text


def test_an_unknown_autoregulation_key_is_named(tmp_path):
    table = '[progressions.dp]\npolicy = "double"\nautoregulation = { overshot = 1 }\n\n'
    text = GOOD.replace('[[slot]]', table + '[[slot]]', 1)
    p = first(tmp_path, text)
    assert p.path == ("progressions", "dp", "autoregulation", "overshot")
    assert p.message == "unknown key 'overshot'; did you mean 'overshoot'?"


# -- const: the value expected, written out ---------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=200, deadline=None)
@given(want=JSON_VALUES, got=JSON_VALUES)
def test_a_const_error_writes_out_the_value_expected(want, got):
    """Whatever the one allowed value is (an array or a table too), the
    message says it plainly: "expected [5, 6], got 7"."""
    problems = SchemaValidator({"properties": {"v": {"const": want}}}).problems({"v": got}, "f")
    if problems == []:
        return  # jsonschema's equality: 1 == 1.0, true != 1
    [p] = problems
    expected = describe(want) if not isinstance(want, (list, dict)) else shorten(json.dumps(want, ensure_ascii=False))
    assert p.message == f"expected {expected}, got {describe(got)}"
    assert p.path == ("v",)


@pytest.mark.parametrize("value, says", [
    ("true", 'autoregulation: expected false, or a table such as { overshoot = 1, cut = "e1rm" }, got true'),
    ("{ undershoot = true }", "autoregulation.undershoot: expected a number of RPE points, or false, got true"),
    ('{ cut = "x" }', 'autoregulation.cut: expected "e1rm" or a percentage such as 10, got "x"'),
])
def test_a_const_alternative_says_what_the_schema_expects(tmp_path, value, says):
    rules = GOOD + f'\n[progressions.p]\npolicy = "double"\nautoregulation = {value}\n'
    p = first(tmp_path, rules)
    assert f"$.progressions.p.{says}" == f"{format_path(p.path)}: {p.message}"


def test_a_key_that_breaks_property_names_is_pointed_at_itself(tmp_path):
    text = GOOD + '\n[prescriptions]\nlight = { sets = [2, 3] }\n"Bad Name" = { sets = [2, 3] }\n'
    p = first(tmp_path, text)
    assert p.path == ("prescriptions", "Bad Name") and p.at_key
    assert (p.line, p.column) == (text.splitlines().index('"Bad Name" = { sets = [2, 3] }') + 1, 1)


@pytest.mark.parametrize(("table", "message"), [
    # a percentage written for a fraction: the schema's own words and example say what is meant
    ("[deload]\nevery = 4\nload = 90\n",
     "90 is greater than the maximum of 1 (fraction of the load kept when loads are known, e.g. 0.9)"),
    ("[deload]\nevery = 4\nsets = 0\n",
     "0 must be greater than 0 (fraction of the sets kept (rounded, at least one), e.g. 0.5)"),
    ("[deload]\nevery = 1\n", "1 is less than the minimum of 2 (every N-th week is a deload week (4 = weeks 4, 8, "
                              "...), e.g. 4)"),
    # an abbreviation keeps its capitals
    ('[progressions.effort]\npolicy = "rpe"\nstep = 0\n', "0 is less than the minimum of 0.5 (RPE added per "
                                                         "exposure, e.g. 0.5)"),
])
def test_a_number_out_of_bounds_says_what_the_value_is_for(tmp_path, table, message):
    found = first(tmp_path, GOOD + table)
    assert (found.path[0], found.message) == (table[1:].split("]")[0].split(".")[0], message)


@pytest.mark.parametrize("table", ['progression = { policy = "doubel", increment = 5 }',
                                   'select = { selector = "rotat", from = ["squat"], every = 2 }'])
def test_a_misnamed_component_is_one_problem_not_its_options_too(tmp_path, table):
    # A typo in `policy` or `selector` does not make the options of the component meant unknown as well.
    if table.startswith("progression"):
        text = GOOD + table + "\n"  # (the slot is the last table)
    else:
        text = GOOD.replace('select = { selector = "ordered", from = ["squat"] }', table)
    assert text != GOOD
    found = problems(tmp_path, text)
    assert len(found) == 1 and "did you mean" in found[0].message, found
