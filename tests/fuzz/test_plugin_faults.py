"""Hostile plugins: every fault is contained, named with its plugin, and
never garbles standard output, hangs a command or exits 0 with nothing
written.

* Loading (through a real entry point, in a fresh `engine` process): a
  plugin that sleeps, spins, raises a BaseException, calls sys.exit, prints,
  writes to descriptor 1 or leaves a non-daemon thread, at import or in any
  registration hook.
* Using: an exporter, selector, progression, effort model or plan check
  that calls sys.exit or raises a BaseException; an exporter returning lone
  surrogates or printing; a progression returning NaN or infinite numbers.
* Options schemas: malformed ones (unknown type, dangling or remote $ref,
  invalid regex, a keyword with a value of the wrong kind) are refused at
  registration, and never refused where jsonschema's metaschema accepts
  them; a schema that passes never crashes validation.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_hostile import FUZZ, examples

import engine
from engine.components import EffortModel, Exporter, Progression, Selector
from engine.model import replace
from engine.testing import invoke, make_registry

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules" / "glute-day.toml"

# -- loading, through a real entry point ----------------------------------------

LOAD_FAULTS = {
    "sleeps": "import time\ntime.sleep(3600)\n",
    "spins": "while True:\n    pass\n",
    "raises its own BaseException": "class Boom(BaseException):\n    pass\nraise Boom('boom')\n",
    "calls sys.exit(0)": "import sys\nsys.exit(0)\n",
    "calls sys.exit(3)": "import sys\nsys.exit(3)\n",
    "raises GeneratorExit": "raise GeneratorExit('bye')\n",
    "prints": "print('hello from a plugin')\n",
    "writes half a JSON document": "import sys\nsys.stdout.write('{')\n",
    "writes to descriptor 1": "import os\nos.write(1, b'{\"not\": \"the output\"}\\n')\n",
    "leaves a non-daemon thread": ("import threading, time\n"
                                   "threading.Thread(target=time.sleep, args=(3600,), daemon=False).start()\n"),
}
HOOKS = ("engine_register_selectors", "engine_register_progressions", "engine_register_exporters",
         "engine_register_exercises", "engine_register_effort_models")
COMMANDS = {
    "run": ["run", str(RULES), "-f", "json"],
    "validate": ["validate", str(RULES), "--format", "json"],
    "explain": ["explain", str(RULES), "--format", "json"],
    "plugins": ["plugins", "--format", "json"],
    "exercises": ["exercises", "--format", "json"],
    "schema": ["schema"],
}
WORKING = '''
@engine.hookimpl
def engine_register_exporters(register):
    register(engine.Exporter("still-works", lambda plan, options: "fine\\n", "A working part.", ".fine"))
'''


def plugin_source(fault: str, where: str) -> str:
    code = LOAD_FAULTS[fault]
    if where == "import":
        return f"import engine\n{code}{WORKING}"
    body = textwrap.indent(code, "    ")
    hooks = WORKING if where != "engine_register_exporters" else ""
    return f"import engine\n{hooks}\n@engine.hookimpl\ndef {where}(register):\n{body}"


def fresh_engine(site: Path, args: list[str]) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {**os.environ, "PYTHONPATH": str(site), "ENGINE_PLUGINS": "hostile", "ENGINE_PLUGIN_TIMEOUT": "1",
           "ENGINE_CACHE_DIR": str(site / "cache"), "PYTHONIOENCODING": "utf-8"}
    env.pop("ENGINE_DISABLE_PLUGIN_AUTOLOAD", None)
    begun = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "engine", *args], cwd=site, env=env, capture_output=True,
                              text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail(f"engine {' '.join(args)} hung")
    return done, time.monotonic() - begun


def install(site: Path, source: str) -> None:
    info = site / "engine_hostile-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: engine-hostile\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[engine]\nhostile = engine_hostile_plugin\n")
    (site / "engine_hostile_plugin.py").write_text(source)


@settings(max_examples=examples(16), **FUZZ)
@given(fault=st.sampled_from(sorted(LOAD_FAULTS)), where=st.sampled_from(("import", *HOOKS)),
       command=st.sampled_from(sorted(COMMANDS)))
def test_a_plugin_failing_to_load_is_named_and_never_hangs_or_garbles(tmp_path_factory, fault, where, command):
    site = tmp_path_factory.mktemp("site")
    install(site, plugin_source(fault, where))
    done, took = fresh_engine(site, COMMANDS[command])
    said = done.stdout + done.stderr
    assert done.returncode == 0, said
    assert "Traceback" not in said
    assert took < 30, f"took {took:.1f} s"
    out = json.loads(done.stdout)  # standard output holds the command's JSON and nothing else
    if command == "plugins" and fault != "leaves a non-daemon thread":
        assert any(f["plugin"] == "hostile" for f in out["failures"]), out
    elif fault != "leaves a non-daemon thread":
        assert "plugin 'hostile' failed in " in done.stderr, done.stderr
    if fault in ("sleeps", "spins"):
        assert "ENGINE_DISABLE_PLUGIN_AUTOLOAD=1" in said and "within 1 s" in said
    if fault == "leaves a non-daemon thread":
        assert "not waiting for threads left running" in done.stderr


def test_exit_handlers_run_when_a_plugin_leaves_a_thread_running(tmp_path):
    marker = tmp_path / "atexit-ran"
    install(tmp_path, f'''import atexit, threading, time
import engine
atexit.register(lambda: open({str(marker)!r}, "w").write("yes"))

def render(plan, options):
    threading.Thread(target=time.sleep, args=(3600,), name="forever").start()
    print("to standard error, as the command runs")
    return "rendered\\n"

@engine.hookimpl
def engine_register_exporters(register):
    register(engine.Exporter("threads", render, "Starts a thread.", ".thr"))
''')
    done, took = fresh_engine(tmp_path, ["run", str(RULES), "-f", "threads"])
    assert done.returncode == 0 and done.stdout == "rendered\n", done.stderr
    assert marker.read_text() == "yes"
    assert "not waiting for threads left running: 'forever'" in done.stderr
    assert "to standard error, as the command runs" in done.stderr
    assert took < 30


def test_a_plugin_that_hangs_in_a_hook_keeps_what_it_registered_before(tmp_path):
    install(tmp_path, '''import time
import engine
from engine.components import Selector

@engine.hookimpl
def engine_register_selectors(register):
    register(Selector("quick", lambda ctx: ctx.candidates[: ctx.count]))
    time.sleep(3600)
''')
    done, _ = fresh_engine(tmp_path, ["plugins", "--format", "json"])
    out = json.loads(done.stdout)
    assert [p["registers"] for p in out["plugins"] if p["name"] == "hostile"] == [{"selectors": ["quick"]}]
    [failure] = out["failures"]
    assert failure["hook"] == "engine_register_selectors" and "within 1 s" in failure["message"]


# -- using components --------------------------------------------------------------

class Boom(BaseException):
    """A plugin's own BaseException subclass."""


def _exit():
    sys.exit(0)


def _boom():
    raise Boom("boom")


def _generator_exit():
    raise GeneratorExit("bye")


RAISERS = {"sys.exit(0)": _exit, "its own BaseException": _boom, "GeneratorExit": _generator_exit}


def _selector(fault):
    def select(ctx):
        RAISERS[fault]()
    return Selector("hostile", select)


def _progression(fault, **target):
    def start(ctx):
        if fault in RAISERS:
            RAISERS[fault]()
        from engine.model import Target

        return Target(sets=3, reps=8, **target)

    options = {"properties": {"increment": {"type": "number"}}}
    return Progression("hostile", start, lambda ctx, t: t, "Hostile.", options)


def _exporter(fault):
    def render(plan, options):
        RAISERS[fault]()
    return Exporter("hostile", render)


def _effort(fault):
    def percent(reps, rpe):
        RAISERS[fault]()
    return EffortModel("hostile", percent)


def use_rules(tmp: Path, component: str) -> Path:
    text = RULES.read_text()
    if component == "selector":
        text = text.replace('selector = "rotate", from = ["squat", "deadlift"]',
                            'selector = "hostile", from = ["squat", "deadlift"]')
    elif component == "progression":
        text = text.replace('policy = "double"', 'policy = "hostile"')
    elif component == "effort model":
        text = text.replace('units = "lb"', 'units = "lb"\neffort_model = "hostile"')
    path = tmp / "rules.toml"
    path.write_text(text)
    return path


def _registering(hook: str, component):
    """A plugin named Hostile-0 that registers `component` through `hook`."""

    def register_it(self, register):
        register(component)

    return type("Hostile", (), {hook: engine.hookimpl(register_it)})()


def _checking(fault: str):
    """A plugin named Hostile-0 whose plan check misbehaves with `fault`."""

    def engine_check_plan(self, plan):
        RAISERS[fault]()

    return type("Hostile", (), {"engine_check_plan": engine.hookimpl(engine_check_plan)})()


def hostile_plugin(component: str, fault: str, **target):
    """A plugin named Hostile-0 whose `component` misbehaves with `fault`."""
    if component == "plan check":
        return _checking(fault)
    hook, make = {
        "selector": ("engine_register_selectors", lambda: _selector(fault)),
        "progression": ("engine_register_progressions", lambda: _progression(fault, **target)),
        "exporter": ("engine_register_exporters", lambda: _exporter(fault)),
        "effort model": ("engine_register_effort_models", lambda: _effort(fault)),
    }[component]
    return _registering(hook, make())


ATHLETE = '[athlete]\nname = "A"\nunits = "lb"\n[maxes]\nsquat = 300\ndeadlift = 350\nhip-thrust = 300\n'


@settings(max_examples=examples(40), **FUZZ)
@given(component=st.sampled_from(["selector", "progression", "exporter", "effort model", "plan check"]),
       fault=st.sampled_from(sorted(RAISERS)), fmt=st.sampled_from(["text", "json"]))
def test_a_component_raising_a_base_exception_is_named_and_fails_the_run(tmp_path_factory, component, fault,
                                                                         fmt):
    tmp = tmp_path_factory.mktemp("use")
    rules = use_rules(tmp, component)
    (tmp / "a.toml").write_text(ATHLETE)
    args = ["run", str(rules), "-f", "hostile" if component == "exporter" else fmt, "--athlete", str(tmp / "a.toml")]
    result = invoke(args, plugins=[hostile_plugin(component, fault)])
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Hostile-0" in result.stderr and "Traceback" not in result.stderr
    assert "internal error" not in result.stderr


NOT_FINITE = {
    "a NaN load": {"load": math.nan},
    "an infinite load": {"load": math.inf},
    "a NaN added load": {"added_load": math.nan},
    "a NaN RPE": {"rpe": (math.nan, 8.0)},
    "an infinite RPE": {"rpe": (7.0, math.inf)},
}


@settings(max_examples=examples(15), **FUZZ)
@given(numbers=st.sampled_from(sorted(NOT_FINITE)), fmt=st.sampled_from(["text", "json", "markdown"]),
       athlete=st.booleans())
def test_a_progression_returning_non_finite_numbers_is_named(tmp_path_factory, numbers, fmt, athlete):
    tmp = tmp_path_factory.mktemp("nan")
    rules = use_rules(tmp, "progression")
    (tmp / "a.toml").write_text(ATHLETE)
    args = ["run", str(rules), "-f", fmt] + (["--athlete", str(tmp / "a.toml")] if athlete else [])
    result = invoke(args, plugins=[hostile_plugin("progression", "none", **NOT_FINITE[numbers])])
    assert result.exit_code == 1 and result.stdout == "", result.stdout
    assert "plugin 'Hostile-0' failed in progression 'hostile'" in result.stderr
    assert "every number must be finite" in result.stderr


@settings(max_examples=examples(20), **FUZZ)
@given(text=st.text(min_size=0, max_size=20), where=st.integers(0, 20),
       surrogate=st.integers(0xD800, 0xDFFF), to_file=st.booleans())
def test_an_exporter_returning_lone_surrogates_is_named(tmp_path_factory, text, where, surrogate, to_file):
    bad = text[:where] + chr(surrogate) + text[where:]

    class Surrogates:
        @engine.hookimpl
        def engine_register_exporters(self, register):
            register(Exporter("lone", lambda plan, options: bad, "Bad text.", ".lone"))

    tmp = tmp_path_factory.mktemp("lone")
    args = ["run", str(RULES), "-f", "lone"] + (["-o", str(tmp / "plan.lone")] if to_file else [])
    result = invoke(args, plugins=[Surrogates()])
    assert result.exit_code == 1 and result.stdout == ""
    assert "plugin 'Surrogates-0' failed in exporter 'lone': returned text that is not valid Unicode" in result.stderr
    assert not (tmp / "plan.lone").exists()


def test_an_exporter_printing_to_standard_output_does_not_garble_the_plan():
    class Chatty:
        @engine.hookimpl
        def engine_register_exporters(self, register):
            def render(plan, options):
                print("debugging output")
                return '{"plan": true}\n'
            register(Exporter("chatty", render))

    result = invoke(["run", str(RULES), "-f", "chatty"], plugins=[Chatty()])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"plan": True}
    assert "debugging output" in result.stderr


# -- options schemas -------------------------------------------------------------------

BASE = {"type": "object", "additionalProperties": False,
        "properties": {"x": {"type": "integer", "minimum": 0}, "name": {"type": "string", "pattern": "^[a-z]+$"}}}
BAD_REGEXES = ["(", "[a-", "*", "a{2,1}", "(?P<x", "\\", "(?<=a+)b", "a)"]

# Each class of malformed fragment, as (keyword, value) put somewhere in BASE.
MALFORMED = {
    "unknown type": st.sampled_from(["strng", "int", "float", "str", "list", "dict", ""]).map(lambda t: ("type", t)),
    "type list with an unknown type": st.just(("type", ["string", "text"])),
    "dangling $ref": st.sampled_from(["#/$defs/nowhere", "#/properties/nope", "#/$defs/range/x/y", "#/"]).map(
        lambda r: ("$ref", r)),
    "remote $ref": st.sampled_from(["http://example.com/s.json", "other.json#/x", "#anchor", "urn:x"]).map(
        lambda r: ("$ref", r)),
    "invalid pattern": st.sampled_from(BAD_REGEXES).map(lambda r: ("pattern", r)),
    "invalid patternProperties": st.sampled_from(BAD_REGEXES).map(lambda r: ("patternProperties", {r: {}})),
    "a limit that is no number": st.sampled_from(["minimum", "maximum", "exclusiveMinimum", "multipleOf"]).flatmap(
        lambda k: st.sampled_from(["5", None, [1], True]).map(lambda v: (k, v))),
    "a length that is no count": st.sampled_from(["minLength", "maxLength", "minItems", "maxProperties"]).flatmap(
        lambda k: st.sampled_from([-1, 1.5, "2", True]).map(lambda v: (k, v))),
    "enum that is no list": st.sampled_from([5, "a", {"a": 1}]).map(lambda v: ("enum", v)),
    "required that is no list of names": st.sampled_from(["x", [1], ["x", "x"]]).map(lambda v: ("required", v)),
    "a schema that is no schema": st.sampled_from(["items", "not", "additionalProperties", "if"]).flatmap(
        lambda k: st.sampled_from([5, "x", [{}], None]).map(lambda v: (k, v))),
    "a list of schemas that is none": st.sampled_from(["allOf", "anyOf", "oneOf"]).flatmap(
        lambda k: st.sampled_from([{}, [], [5], "x"]).map(lambda v: (k, v))),
    "properties that are no schemas": st.sampled_from([[], {"a": 5}, {"a": "string"}]).map(
        lambda v: ("properties", v)),
    "an $id": st.just(("$id", "urn:mine")),
}
PLACES = ("top", "property", "items", "allOf")


def place(keyword: str, value, where: str) -> dict:
    schema = json.loads(json.dumps(BASE))
    if where == "top":
        schema[keyword] = value
    elif where == "property":
        schema["properties"]["x"][keyword] = value
    elif where == "items":
        schema["properties"]["list"] = {"type": "array", "items": {keyword: value}}
    else:
        schema["allOf"] = [{keyword: value}]
    return schema


def exporter_with(schema):
    class Schemed:
        @engine.hookimpl
        def engine_register_exporters(self, register):
            register(Exporter("schemed", lambda plan, options: "ok\n", "Schemed.", ".sch", schema))

    return Schemed()


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data(), kind=st.sampled_from(sorted(MALFORMED)), where=st.sampled_from(PLACES))
def test_a_malformed_options_schema_is_refused_at_registration(data, kind, where):
    keyword, value = data.draw(MALFORMED[kind])
    schema = place(keyword, value, where)
    registry = make_registry(exporter_with(schema))
    assert "schemed" not in registry.exporters
    [failure] = registry.failures
    assert failure.plugin == "Schemed-0" and "exporter 'schemed': options_schema" in failure.message
    result = invoke(["validate", str(RULES)], plugins=[exporter_with(schema)])
    assert result.exit_code == 0 and "internal error" not in result.stderr


# Random schema-like fragments: keywords of JSON Schema with values of any kind.
KEYWORDS = ["type", "minimum", "maxLength", "pattern", "enum", "required", "items", "properties", "allOf",
            "additionalProperties", "const", "format", "not", "uniqueItems", "multipleOf", "title", "$ref",
            "patternProperties", "minItems", "prefixItems", "dependentRequired", "examples", "default"]
VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(-2, 2), st.sampled_from(
        ["string", "integer", "strng", "^a$", "(", "x", "#/$defs/range", "#/nowhere", ""])),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(KEYWORDS + ["a", "b"]), inner, max_size=3)),
    max_leaves=8)
FRAGMENTS = st.dictionaries(st.sampled_from(KEYWORDS), VALUES, max_size=4)


@settings(max_examples=examples(300), deadline=None)
@given(fragment=FRAGMENTS)
def test_the_registration_check_is_never_looser_than_the_metaschema(fragment):
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    from engine.optionschema import problem
    from engine.schema import base_schema

    try:
        Draft202012Validator.check_schema(fragment)
    except SchemaError:
        assert problem(fragment, base_schema), fragment


# Fragments most of which are valid: each keyword with a value of its kind.
JSON_TYPES = ["array", "boolean", "integer", "null", "number", "object", "string"]
LEAF_SCHEMAS = st.one_of(st.booleans(), st.fixed_dictionaries({}, optional={
    "type": st.one_of(st.sampled_from(JSON_TYPES), st.lists(st.sampled_from(JSON_TYPES), min_size=1, unique=True)),
    "minimum": st.one_of(st.integers(-5, 5), st.floats(-5, 5)),
    "exclusiveMaximum": st.integers(-5, 5),
    "maxLength": st.integers(0, 5),
    "minItems": st.integers(0, 3),
    "pattern": st.sampled_from(["^a", "b$", "[0-9]+", ".*", "^(x|y)?$"]),
    "enum": st.lists(VALUES, max_size=3),
    "const": VALUES,
    "format": st.sampled_from(["date", "email", "regex", "uri"]),
    "uniqueItems": st.booleans(),
    "multipleOf": st.sampled_from([0.5, 1, 2, 0.1]),
    "$ref": st.sampled_from(["#/$defs/name", "#/$defs/day", "#/$defs/prescription", "#/$defs/select", "#"]),
}))
SCHEMAS = st.recursive(LEAF_SCHEMAS, lambda inner: st.fixed_dictionaries({}, optional={
    "properties": st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=2),
    "patternProperties": st.dictionaries(st.sampled_from(["^a", "x$"]), inner, max_size=1),
    "items": inner, "prefixItems": st.lists(inner, min_size=1, max_size=2), "not": inner,
    "allOf": st.lists(inner, min_size=1, max_size=2), "anyOf": st.lists(inner, min_size=1, max_size=2),
    "additionalProperties": inner, "required": st.lists(st.sampled_from(["a", "b"]), unique=True),
    "if": inner, "then": inner, "else": inner,
}), max_leaves=6).filter(lambda s: isinstance(s, dict))


@settings(max_examples=examples(200), deadline=None)
@given(fragment=st.one_of(SCHEMAS, FRAGMENTS), options=VALUES)
@example(fragment={"properties": {}, "else": False, "allOf": [False], "additionalProperties": False},
         options={"type": None})  # a branch that is the schema `false`
def test_a_schema_that_passes_registration_never_crashes_validation(fragment, options):
    from engine.optionschema import problem
    from engine.schema import SchemaValidator, base_schema, effective_schema

    if problem(fragment, base_schema):
        return
    registry = make_registry(exporter_with(fragment))
    assert "schemed" in registry.exporters, registry.failures
    schema = effective_schema(registry)
    document = {"version": 1, "export": {"schemed": options}}
    SchemaValidator(schema).problems(document, "rules.toml")  # problems, never an exception


def test_a_ref_into_the_rule_file_schema_is_accepted():
    registry = make_registry(exporter_with({"properties": {"weeks": {"$ref": "#/$defs/program/properties/weeks"}}}))
    assert "schemed" in registry.exporters and not registry.failures


def test_builtin_components_are_not_wrapped_and_plugin_components_are():
    registry = make_registry(exporter_with(None))
    assert not hasattr(registry.exporters["text"].component.render, "__wrapped__")
    assert registry.exporters["schemed"].component.render.__wrapped__ is not None
    assert replace(registry.exporters["schemed"].component, name="x").name == "x"



def test_exit_handlers_and_flushes_all_run_at_a_normal_exit(tmp_path):
    # `main` sets aside (gc.freeze) what is loaded before the command: a
    # plugin loads after it, so its unclosed file held in a reference cycle
    # is still flushed when the interpreter collects it at exit, and its
    # exit handler, logging's file handler and standard output all finish.
    handler, cycle, logged = tmp_path / "atexit-ran", tmp_path / "cycle.txt", tmp_path / "plugin.log"
    install(tmp_path, f'''import atexit, logging
import engine
atexit.register(lambda: open({str(handler)!r}, "w").write("yes"))
log = logging.getLogger("hostile")
log.addHandler(logging.FileHandler({str(logged)!r}))
log.setLevel(logging.INFO)

class Holder:
    def __init__(self):
        self.me = self
        self.file = open({str(cycle)!r}, "w")

HELD = Holder()

def render(plan, options):
    HELD.file.write("written, never closed")
    log.info("rendered")
    return "x" * 100000 + "\\n"

@engine.hookimpl
def engine_register_exporters(register):
    register(engine.Exporter("flushes", render, "Leaves things to flush.", ".fl"))
''')
    done, _ = fresh_engine(tmp_path, ["run", str(RULES), "-f", "flushes"])
    assert done.returncode == 0, done.stderr
    assert done.stdout == "x" * 100000 + "\n"
    assert handler.read_text() == "yes"
    assert cycle.read_text() == "written, never closed"
    assert logged.read_text() == "rendered\n"
