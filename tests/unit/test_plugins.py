"""Plugins: every hook used end to end by a small in-test plugin, and fault
isolation (one broken plugin never bricks the engine)."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from sample_plugins import (
    PULL_THROUGH,
    BytesExporter,
    Check,
    ExplodingSelector,
    HalfEffort,
    MineExporter,
    PullThroughExercise,
    RaisesInRegistration,
    ReverseSelector,
    WaveProgression,
)

import engine
from engine import hookspecs
from engine.cli import cli
from engine.components import Exporter, Progression, Selector
from engine.errors import WARNING, EngineError, PluginError, Problem
from engine.model import replace
from engine.pipeline import plan_rules
from engine.plugins import build_registry
from engine.testing import invoke, make_registry

ROOT = Path(__file__).resolve().parents[2]
GLUTE_DAY = ROOT / "rules" / "glute-day.toml"
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<path>\$\S*): (?P<msg>.+)$")

# Each hook in engine/hookspecs.py and the tests below that exercise it.
TESTED_HOOKS = {
    "engine_register_selectors": "test_custom_selector_end_to_end",
    "engine_register_progressions": "test_custom_progression_end_to_end",
    "engine_register_exporters": "test_custom_exporter_end_to_end",
    "engine_register_exercises": "test_custom_exercise_in_a_slot",
    "engine_check_plan": "test_plan_check_problem_fails_the_run",
    "engine_register_effort_models": "test_custom_effort_model_end_to_end",
}


def test_every_hook_is_tested():
    specs = {name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("engine_")}
    assert specs == set(TESTED_HOOKS), "add an end-to-end test for each new hook and list it in TESTED_HOOKS"
    for test in TESTED_HOOKS.values():
        assert callable(globals().get(test)), test


def test_every_hook_has_a_docstring():
    for name in TESTED_HOOKS:
        assert getattr(hookspecs, name).__doc__.strip()


def _specs() -> dict[str, object]:
    return {name: fn for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("engine_")}


def test_every_hook_is_documented_in_the_plugin_guide():
    """As datasette does: each hook has its own heading in docs/plugins.md,
    with the parameters of its specification."""
    docs = (ROOT / "docs" / "plugins.md").read_text("utf-8")
    documented = dict(re.findall(r"^### `(engine_\w+)\((.*?)\)`$", docs, re.M))
    for name, fn in _specs().items():
        assert name in documented, f"{name} has no '### `{name}(...)`' heading in docs/plugins.md"
        params = list(inspect.signature(fn).parameters)
        assert [p.strip() for p in documented[name].split(",") if p.strip()] == params, name
    assert set(documented) <= set(_specs()), "docs/plugins.md documents a hook that does not exist"


def test_every_hook_parameter_is_typed_and_described():
    """pytest's hookspec.py style: annotations, and a `:param name:` line for each parameter."""
    for name, fn in _specs().items():
        for param in inspect.signature(fn).parameters.values():
            assert param.annotation is not inspect.Parameter.empty, (name, param.name)
            assert f":param {param.name}:" in fn.__doc__, (name, param.name)
        assert inspect.signature(fn).return_annotation is not inspect.Signature.empty, name


def test_every_public_name_resolves_and_is_documented_in_the_plugin_guide():
    docs = (ROOT / "docs" / "plugins.md").read_text("utf-8")
    section = docs.split("## The public API", 1)[1].split("\n## ", 1)[0]
    for name in engine.__all__:
        assert getattr(engine, name) is not None, name
        assert f"| `engine.{name}` |" in section, f"engine.{name} is not in the table of docs/plugins.md"
    listed = set(re.findall(r"^\| `engine\.(\w+)` \|", section, re.M))
    assert listed == set(engine.__all__), "the table lists a name engine does not export"
    assert set(engine.__all__) == {"__version__", "hookimpl", "hookspec", *engine._LAZY}
    assert set(engine.__all__) <= set(dir(engine))
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        engine.nothing_here  # noqa: B018


def test_the_public_names_are_the_objects_the_engine_uses():
    from engine import components, errors, model

    assert (engine.Selector, engine.SelectionContext, engine.Exporter) == (
        components.Selector, components.SelectionContext, components.Exporter)
    assert (engine.Problem, engine.CannotExport, engine.Choice, engine.Target) == (
        errors.Problem, errors.CannotExport, model.Choice, model.Target)
    assert engine.convert(100, "kg", "lb") == pytest.approx(220.462262) and engine.convert(5, "lb", "lb") == 5
    assert engine.WEEKDAYS[0] == "mon" and "reps" in engine.LOG_COLUMNS


def test_importing_engine_loads_no_other_engine_module():
    """The plugin API is cheap to import: names load their modules when used."""
    code = ("import sys, engine; print(sorted(m for m in sys.modules if m.startswith('engine')));"
            "engine.Selector; print(sorted(m for m in sys.modules if m.startswith('engine.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, then = done.stdout.splitlines()
    assert first == "['engine']"
    assert "'engine.components'" in then and "engine.pipeline" not in then and "engine.logs" not in then


PLUGINS = ROOT / "plugins"


@pytest.mark.parametrize("source", sorted(PLUGINS.glob("*/*.py")) + sorted(PLUGINS.glob("*/tests/*.py")),
                         ids=lambda p: str(p.relative_to(PLUGINS)))
def test_the_shipped_plugins_use_only_the_public_api(source):
    """`engine` itself, and `engine.testing` in tests: nothing internal."""
    import ast

    allowed = {"engine", "engine.testing"} if source.parent.name == "tests" else {"engine"}
    for node in ast.walk(ast.parse(source.read_text("utf-8"))):
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) else (
            [a.name for a in node.names] if isinstance(node, ast.Import) else [])
        for name in names:
            if name.split(".")[0] == "engine":
                assert name in allowed, f"{source.name} imports {name}"


@pytest.mark.parametrize("name", ["engine-csv", "engine-ical", "engine-variety"])
def test_the_shipped_plugins_declare_the_core_as_a_dependency(name):
    import tomllib

    project = tomllib.loads((PLUGINS / name / "pyproject.toml").read_text("utf-8"))["project"]
    assert any(d.replace(" ", "").startswith("engine>=") for d in project["dependencies"]), name


# -- small plugins (tests/plugins/sample_plugins.py) and a rule file for them ----------------------


RULES = """\
version = 1

[program]
name = "Plugin test"
days = ["mon"]
weeks = 4
units = "kg"

[[slot]]
category = "secondary"
count = 1
select = {select}
{extra}
"""


def rules(tmp_path: Path, select='{ selector = "ordered", from = ["hip-thrust"] }', extra="") -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(RULES.format(select=select, extra=extra))
    return path


def cli_run(args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kw)


def problem_lines(text: str) -> list[re.Match]:
    return [m for m in map(LINE.match, text.splitlines()) if m]


# -- each hook, end to end ---------------------------------------------------------------------


def test_custom_selector_end_to_end(tmp_path):
    path = rules(tmp_path, '{ selector = "reverse", from = ["hip-thrust", "romanian-deadlift"], skip = 0 }')
    reg = make_registry(ReverseSelector())
    assert reg.selectors["reverse"].plugin == "ReverseSelector-0"
    plan = plan_rules(path, reg).plan
    picks = [(ex.exercise.id, ex.variant.id) for w in plan.weeks for d in w.days for ex in d.exercises]
    assert picks == [("romanian-deadlift", "from-rack")] * 4

    path = rules(tmp_path, '{ selector = "reverse", from = ["hip-thrust", "romanian-deadlift"], skip = 1 }')
    result = invoke(["run", str(path), "--format", "json"], plugins=[ReverseSelector()])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["weeks"][0]["days"][0]["exercises"][0]["id"] == "hip-thrust"


def test_custom_selector_options_are_validated_with_a_location(tmp_path):
    path = rules(tmp_path, '{ selector = "reverse", from = ["hip-thrust"], skip = 9 }')
    result = invoke(["run", str(path)], plugins=[ReverseSelector()])
    assert result.exit_code == 1
    [m] = problem_lines(result.stderr)
    line = path.read_text().splitlines()[11]
    assert (m["file"], m["line"], m["col"]) == (str(path), "12", str(line.index("9") + 1))
    assert m["path"] == "$.slot[0].select.skip"
    assert "maximum of 5" in m["msg"]
    assert "Traceback" not in result.stderr

    path = rules(tmp_path, '{ selector = "reverse", from = ["hip-thrust"], skp = 1 }')
    result = invoke(["run", str(path)], plugins=[ReverseSelector()])
    assert result.exit_code == 1
    [m] = problem_lines(result.stderr)
    assert m["msg"] == "unknown key 'skp'; did you mean 'skip'?"


def test_custom_selector_name_is_unknown_without_the_plugin(tmp_path):
    path = rules(tmp_path, '{ selector = "reverse", from = ["hip-thrust"] }')
    result = invoke(["run", str(path)])
    assert result.exit_code == 1
    assert "choose one of: ordered, random, rotate" in result.stderr


def test_custom_progression_end_to_end(tmp_path):
    path = rules(tmp_path, extra='progression = "w"\n\n[progressions.w]\npolicy = "wave"\nbump = 2.5\n')
    reg = make_registry(WaveProgression())
    plan = plan_rules(path, reg).plan
    targets = [ex.target for w in plan.weeks for d in w.days for ex in d.exercises]
    assert [(t.reps, t.added_load) for t in targets] == [(10, 0), (6, 2.5), (10, 2.5), (6, 5.0)]
    result = invoke(["run", str(path)], plugins=[WaveProgression()])
    assert result.exit_code == 0, result.stderr
    assert "wave down" in result.stdout and "+5 kg" in result.stdout


def test_custom_progression_options_are_validated(tmp_path):
    path = rules(tmp_path, extra='progression = { policy = "wave", bump = -1 }\n')
    result = invoke(["run", str(path)], plugins=[WaveProgression()])
    assert result.exit_code == 1
    [m] = problem_lines(result.stderr)
    assert m["path"] == "$.slot[0].progression.bump"
    assert m["line"] == "13"


def test_custom_effort_model_end_to_end(tmp_path):
    text = GLUTE_DAY.read_text().replace('units = "lb"', 'units = "lb"\neffort_model = "half"')
    path = tmp_path / "rules.toml"
    path.write_text(text)
    athlete = tmp_path / "a.toml"
    athlete.write_text('[athlete]\nname = "A"\nunits = "lb"\n[maxes]\nsquat = 300\n')
    result = invoke(["run", str(path), "--athlete", str(athlete), "--format", "json"], plugins=[HalfEffort()])
    assert result.exit_code == 0, result.stderr
    squat = json.loads(result.stdout)["weeks"][0]["days"][0]["exercises"][0]
    assert squat["id"] == "squat"
    assert [s["load"] for s in squat["sets"]] == [150.0] * 3
    assert squat["load_basis"]["percent"] == 0.5
    # Without the plugin the name is not in the schema's list.
    result = invoke(["run", str(path)])
    assert result.exit_code == 1
    assert "effort_model" in result.stderr and "half" in result.stderr


def test_custom_exporter_end_to_end(tmp_path):
    result = invoke(["run", str(GLUTE_DAY), "--format", "mine"], plugins=[MineExporter()])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "MINE Glute and hamstring day weeks=8 first=squat shout=None\n"

    result = invoke(["run", str(GLUTE_DAY), "--format", "mine", "-O", "shout=true"], plugins=[MineExporter()])
    assert result.stdout.endswith("shout=True\n")

    result = invoke(["run", str(GLUTE_DAY), "--format", "mine", "-O", "whisper=true"], plugins=[MineExporter()])
    assert result.exit_code == 2
    assert "whisper" in result.stderr


def test_a_plugin_sharing_a_builtin_extension_does_not_take_it_over(tmp_path):
    class AlsoTxt:
        @engine.hookimpl
        def engine_register_exporters(self, register):
            register(Exporter("shout", lambda plan, options: "HI\n", "Loud.", ".txt"))
            register(Exporter("whisper", lambda plan, options: "hi\n", "Quiet.", ".hush"))
            register(Exporter("murmur", lambda plan, options: "mm\n", "Low.", ".hush"))

    out = tmp_path / "plan.txt"
    assert invoke(["run", str(GLUTE_DAY), "-o", str(out)], plugins=[AlsoTxt()]).exit_code == 0
    assert out.read_text().startswith("Glute and hamstring day")
    result = invoke(["run", str(GLUTE_DAY), "-o", str(tmp_path / "plan.hush")], plugins=[AlsoTxt()])
    assert result.exit_code == 2
    assert "several exporters write .hush files (murmur, whisper); choose one with --format" in result.stderr


def test_an_exporter_refusing_a_plan_is_a_located_error_not_a_fault():
    from engine.errors import CannotExport

    class Picky:
        @engine.hookimpl
        def engine_register_exporters(self, register):
            def render(plan, options):
                raise CannotExport("needs at least 9 weeks")

            register(Exporter("picky", render, "Refuses short plans.", ".picky"))

    result = invoke(["run", str(GLUTE_DAY), "-f", "picky"], plugins=[Picky()])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{GLUTE_DAY}:1:1: $.export.picky: picky export: needs at least 9 weeks\n")
    assert "plugin" not in result.stderr


def test_custom_exporter_chosen_by_extension(tmp_path):
    out = tmp_path / "plan.mine"
    result = invoke(["run", str(GLUTE_DAY), "-o", str(out)], plugins=[MineExporter()])
    assert result.exit_code == 0, result.stderr
    assert out.read_text().startswith("MINE ")


def test_custom_exporter_options_from_the_rule_file(tmp_path):
    path = rules(tmp_path, extra="\n[export.mine]\nshout = true\n")
    result = invoke(["run", str(path), "-f", "mine"], plugins=[MineExporter()])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("shout=True\n")
    path = rules(tmp_path, extra='\n[export.mine]\nshout = "yes"\n')
    result = invoke(["run", str(path), "-f", "mine"], plugins=[MineExporter()])
    assert result.exit_code == 1
    [m] = problem_lines(result.stderr)
    assert m["path"] == "$.export.mine.shout"


def test_bytes_exporter_output_is_written_unchanged(tmp_path):
    result = invoke(["run", str(GLUTE_DAY), "-f", "raw"], plugins=[BytesExporter()])
    assert result.exit_code == 0
    assert result.stdout_bytes == b"\x00RAW\xff"
    out = tmp_path / "x.raw"
    result = invoke(["run", str(GLUTE_DAY), "-o", str(out)], plugins=[BytesExporter()])
    assert result.exit_code == 0
    assert out.read_bytes() == b"\x00RAW\xff"


def test_custom_exercise_in_a_slot(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(RULES.format(select='{ selector = "ordered", from = ["cable-pull-through"] }', extra="")
                    .replace('category = "secondary"', 'category = "tertiary"'))
    reg = make_registry(PullThroughExercise())
    assert reg.exercises["cable-pull-through"].plugin == "PullThroughExercise-0"
    plan = plan_rules(path, reg).plan
    ex = plan.weeks[0].days[0].exercises[0]
    assert (ex.exercise.id, ex.variant, ex.target.reps) == ("cable-pull-through", None, 12)

    result = invoke(["run", str(path)], plugins=[PullThroughExercise()])
    assert result.exit_code == 0, result.stderr
    assert "Cable pull-through" in result.stdout

    # Without the plugin the id is unknown (and a close match is suggested only if there is one).
    result = invoke(["run", str(path)])
    assert result.exit_code == 1
    assert "unknown exercise 'cable-pull-through'" in result.stderr

    # `engine exercises` lists it with the built-ins.
    listing = invoke(["exercises", "--format", "json"], plugins=[PullThroughExercise()])
    assert "cable-pull-through" in [e["id"] for e in json.loads(listing.stdout)]


def test_custom_exercise_clashing_with_a_rule_file_exercise(tmp_path):
    extra = ('\n[[exercise]]\nid = "cable-pull-through"\nname = "x"\ncategory = "tertiary"\n'
             'prescription = { sets = 2, reps = 12 }\n')
    path = rules(tmp_path, extra=extra)
    with pytest.raises(EngineError) as info:
        plan_rules(path, make_registry(PullThroughExercise()))
    [p] = info.value.problems
    assert p.message == "exercise id 'cable-pull-through' is already defined by plugin 'PullThroughExercise-0'"


# -- plan checks -------------------------------------------------------------------------------------


def test_plan_check_problem_fails_the_run(tmp_path):
    check = Check(Problem("", ("week",), "too little hamstring work"))
    result = invoke(["run", str(GLUTE_DAY)], plugins=[check])
    assert result.exit_code == 1
    assert result.stdout == ""
    [m] = problem_lines(result.stderr)
    assert (m["file"], m["path"], m["msg"]) == (str(GLUTE_DAY), "$.week", "too little hamstring work")
    assert m["line"] == "16"  # the [week] header
    assert result.stderr.endswith("engine: 1 problem found\n")


def test_plan_check_tuple(tmp_path):
    result = invoke(["run", str(GLUTE_DAY)], plugins=[Check((("week", "primary"), "one primary is not enough"))])
    assert result.exit_code == 1
    [m] = problem_lines(result.stderr)
    assert (m["path"], m["line"], m["msg"]) == ("$.week.primary", "18", "one primary is not enough")


def test_plan_check_string(tmp_path):
    result = invoke(["run", str(GLUTE_DAY)], plugins=[Check("the plan is too short")])
    assert result.exit_code == 1
    [m] = problem_lines(result.stderr)
    assert (m["path"], m["msg"]) == ("$", "the plan is too short")


def test_plan_check_warning_prints_and_the_run_succeeds(tmp_path):
    check = Check([Problem("", ("program", "weeks"), "consider a deload week", WARNING),
                   (("week",), "tuple warning", WARNING)])
    result = invoke(["run", str(GLUTE_DAY)], plugins=[check])
    assert result.exit_code == 0
    assert result.stdout.startswith("Glute and hamstring day\n")
    lines = problem_lines(result.stderr)
    assert [m["msg"] for m in lines] == ["warning: consider a deload week", "warning: tuple warning"]


def test_plan_check_may_be_a_generator():
    class Gen:
        @engine.hookimpl
        def engine_check_plan(self, plan):
            for week in plan.weeks:
                if week.number > 6:
                    yield (("program", "weeks"), f"week {week.number} is long", WARNING)

    result = invoke(["run", str(GLUTE_DAY)], plugins=[Gen()])
    assert result.exit_code == 0
    assert [m["msg"] for m in problem_lines(result.stderr)] == ["warning: week 7 is long", "warning: week 8 is long"]


def test_plan_check_returning_nothing_is_fine():
    assert invoke(["run", str(GLUTE_DAY)], plugins=[Check(None)]).exit_code == 0
    assert invoke(["run", str(GLUTE_DAY)], plugins=[Check([])]).exit_code == 0


def test_plan_check_fails_validate_too():
    result = invoke(["validate", str(GLUTE_DAY), "--format", "json"], plugins=[Check("nope")])
    assert result.exit_code == 1
    assert [p["message"] for p in json.loads(result.stdout)] == ["nope"]


def test_plan_check_returning_a_tuple_of_problems():
    """A check may return any iterable of problems, a tuple included."""
    check = Check((Problem("", ("week",), "first"), Problem("", ("slot",), "second")))
    result = invoke(["run", str(GLUTE_DAY)], plugins=[check])
    assert result.exit_code == 1
    assert sorted(m["msg"] for m in problem_lines(result.stderr)) == ["first", "second"]


def test_plan_check_tuple_with_a_string_path():
    """("week", msg): the path is one key, not the letters w, e, e, k."""
    result = invoke(["run", str(GLUTE_DAY)], plugins=[Check(("week", "not enough"))])
    assert result.exit_code == 1
    [m] = problem_lines(result.stderr)
    assert m["path"] == "$.week"


def test_plan_check_that_accepts_fewer_arguments_keeps_working():
    """hookspecs.py: a plugin that accepts fewer arguments than the spec keeps working."""

    class NoArgs:
        @engine.hookimpl
        def engine_check_plan(self):
            return [(("week",), "checked without looking", WARNING)]

    result = invoke(["run", str(GLUTE_DAY)], plugins=[NoArgs()])
    assert result.exit_code == 0, result.stderr
    assert "checked without looking" in result.stderr


def test_plan_check_that_raises_names_the_plugin():
    class Broken:
        @engine.hookimpl
        def engine_check_plan(self, plan):
            raise KeyError("oops")

    result = invoke(["run", str(GLUTE_DAY)], plugins=[Broken()])
    assert result.exit_code == 1
    assert "plugin 'Broken-0' failed in engine_check_plan: KeyError" in result.stderr
    assert "Traceback" not in result.stderr


def test_plan_check_returning_junk_names_the_plugin():
    result = invoke(["run", str(GLUTE_DAY)], plugins=[Check([42])])
    assert result.exit_code == 1
    assert "plugin 'Check-0' failed in engine_check_plan" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("found", [[(("week",), "msg", "fatal")],
                                   [engine.Problem("", ("week",), "msg", "info")]])
def test_plan_check_with_a_severity_the_contract_lacks_names_the_plugin(found):
    # The JSON contract's severity is "error" or "warning": a third word is the plugin's fault, not a warning
    # that lets the run exit 0 (it printed "fatal: msg" and exited 0, even with --strict).
    result = invoke(["--strict", "run", str(GLUTE_DAY)], plugins=[Check(found)])
    assert result.exit_code == 1
    assert "plugin 'Check-0' failed in engine_check_plan: ValueError: severity must be 'error' or 'warning', " \
           f"got {found[0][2] if isinstance(found[0], tuple) else 'info'!r}" in result.stderr


# -- fault isolation during registration ------------------------------------------------------------


def test_plugin_raising_in_registration_is_isolated(tmp_path):
    reg = make_registry(RaisesInRegistration(), ReverseSelector())
    [failure] = reg.failures
    assert failure.plugin == "RaisesInRegistration-0"
    assert failure.hook == "engine_register_selectors"
    assert failure.message == "RuntimeError: registration exploded"
    # The other plugin and the built-ins still work.
    assert {"ordered", "rotate", "random", "reverse"} <= set(reg.selectors)
    path = rules(tmp_path, '{ selector = "reverse", from = ["hip-thrust"] }')
    assert plan_rules(path, reg).plan is not None

    result = invoke(["plugins"], plugins=[RaisesInRegistration(), ReverseSelector()])
    assert result.exit_code == 0
    assert "failed: plugin 'RaisesInRegistration-0' failed in engine_register_selectors: " \
           "RuntimeError: registration exploded" in result.stdout
    # Extra plugins are named after their class and their place in the list.
    assert "ReverseSelector-1\n  selectors: reverse\n" in result.stdout
    # `engine plugins` lists failures itself, not a second time on stderr.
    assert "RaisesInRegistration" not in result.stderr

    result = invoke(["--strict", "plugins"], plugins=[RaisesInRegistration()])
    assert result.exit_code == 1
    assert "engine: error: plugin 'RaisesInRegistration-0'" in result.stderr


def test_registering_the_wrong_type_refuses_that_component_only():
    class WrongType:
        @engine.hookimpl
        def engine_register_selectors(self, register):
            register("not a selector")
            register(Exporter("oops", lambda p, o: ""))
            register(Selector("fine", lambda ctx: ctx.candidates[: ctx.count]))

    reg = make_registry(WrongType())
    assert [f.message for f in reg.failures] == [
        "register() expects Selector, got str", "register() expects Selector, got Exporter"]
    assert "fine" in reg.selectors and "oops" not in reg.exporters
    info = next(p for p in reg.plugins if p.name == "WrongType-0")
    assert info.registers == {"selectors": ["fine"]}


def test_duplicate_name_keeps_the_first_and_names_both():
    class Dup:
        @engine.hookimpl
        def engine_register_selectors(self, register):
            register(Selector("rotate", lambda ctx: []))

        @engine.hookimpl
        def engine_register_exercises(self, register):
            register(replace(PULL_THROUGH, id="squat"))

    reg = make_registry(Dup())
    # Built-ins are registered first, so they keep their names; the failure is the plugin's.
    failures = sorted((f.plugin, f.message) for f in reg.failures)
    assert failures == [("Dup-0", "exercise 'squat' is already registered by 'engine.catalog'"),
                        ("Dup-0", "selector 'rotate' is already registered by 'engine.selectors'")]
    assert reg.selectors["rotate"].plugin == "engine.selectors"
    assert reg.exercises["squat"].component.name == "Back squat"


def test_duplicate_between_two_plugins_keeps_the_first_registered():
    def plugin(tag):
        class Named:
            @engine.hookimpl
            def engine_register_exporters(self, register):
                register(Exporter("same", lambda plan, options: tag))
        return Named()

    reg = make_registry(plugin("first"), plugin("second"))
    assert reg.exporters["same"].plugin == "Named-0"
    [failure] = reg.failures
    assert (failure.plugin, failure.message) == ("Named-1", "exporter 'same' is already registered by 'Named-0'")


def test_unknown_hook_is_reported_by_check_pending():
    class Typo:
        @engine.hookimpl
        def engine_register_selector(self, register):  # missing "s"
            pass

    reg = make_registry(Typo())
    [failure] = reg.failures
    assert failure.hook == "check_pending"
    assert "engine_register_selector" in failure.message


# -- faults during a run ------------------------------------------------------------------------------


def test_selector_raising_during_run_names_the_plugin(tmp_path):
    path = rules(tmp_path, '{ selector = "boom", from = ["hip-thrust"] }')
    result = invoke(["run", str(path)], plugins=[ExplodingSelector()])
    assert result.exit_code == 1
    assert result.stderr == ("engine: error: plugin 'ExplodingSelector-0' failed in selector 'boom': "
                             "RuntimeError: selector exploded\n")
    assert result.stdout == ""


@pytest.mark.parametrize("how", ["flag", "env"])
def test_debug_shows_the_traceback(tmp_path, how):
    path = rules(tmp_path, '{ selector = "boom", from = ["hip-thrust"] }')
    args = ["--debug", "run", str(path)] if how == "flag" else ["run", str(path)]
    env = {"ENGINE_DEBUG": "1"} if how == "env" else None
    result = invoke(args, plugins=[ExplodingSelector()], env=env)
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: selector exploded" in result.stderr
    assert "plugin 'ExplodingSelector-0'" in result.stderr


def _catalog(ctx, exercise_id):
    from engine.catalog import builtin_exercises

    return next(e for e in builtin_exercises() if e.id == exercise_id)


@pytest.mark.parametrize("returned, words", [
    (lambda ctx: ["squat"], "must return Choice or Exercise"),
    (lambda ctx: [PULL_THROUGH], "not in the catalog"),
    (lambda ctx: None, "TypeError"),
    # Outside the slot's candidates: would slip past the athlete's filters.
    (lambda ctx: [_catalog(ctx, "squat")], "picked 'squat/high-bar', which is not among the eligible candidates "
                                           "(hip-thrust)"),
    (lambda ctx: [], "picked nothing; the slot needs 1 different exercise"),
    (lambda ctx: list(ctx.candidates) * 2, "the slot needs 1 different exercise"),
])
def test_selector_returning_junk_names_the_plugin(tmp_path, returned, words):
    class Junk:
        @engine.hookimpl
        def engine_register_selectors(self, register):
            register(Selector("junk", returned))

    path = rules(tmp_path, '{ selector = "junk", from = ["hip-thrust"] }')
    with pytest.raises(PluginError) as info:
        plan_rules(path, make_registry(Junk()))
    assert info.value.plugin == "Junk-0"
    assert words in str(info.value)


def test_progression_returning_the_wrong_type_names_the_plugin(tmp_path):
    class BadPolicy:
        @engine.hookimpl
        def engine_register_progressions(self, register):
            register(Progression("bad", lambda ctx: {"reps": 5}, lambda ctx, prev: prev))

    path = rules(tmp_path, extra='progression = "bad"\n')
    result = invoke(["run", str(path)], plugins=[BadPolicy()])
    assert result.exit_code == 1
    assert "plugin 'BadPolicy-0' failed in progression 'bad': TypeError: expected a Target, got dict" \
        in result.stderr


@pytest.mark.parametrize("percent, says", [
    (lambda reps, rpe: 1 / 0, "ZeroDivisionError: division by zero"),
    (lambda reps, rpe: "80%", "returned '80%'; expected a fraction of 1RM in (0, 1.5]"),
    (lambda reps, rpe: 0.0, "returned 0.0"),
    (lambda reps, rpe: float("nan"), "returned nan"),
    (lambda reps, rpe: True, "returned True"),
])
def test_effort_model_faults_and_nonsense_name_the_plugin(tmp_path, percent, says):
    class BadEffort:
        @engine.hookimpl
        def engine_register_effort_models(self, register):
            register(engine.EffortModel("bad", percent, "Broken on purpose."))

    path = tmp_path / "rules.toml"
    path.write_text(GLUTE_DAY.read_text().replace('units = "lb"', 'units = "lb"\neffort_model = "bad"'))
    athlete = tmp_path / "a.toml"
    athlete.write_text('[athlete]\nname = "A"\nunits = "lb"\n[maxes]\nsquat = 300\n')
    result = invoke(["run", str(path), "--athlete", str(athlete)], plugins=[BadEffort()])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "plugin 'BadEffort-0' failed in effort model 'bad': " in result.stderr and says in result.stderr


def test_exporter_returning_the_wrong_type_names_the_plugin(tmp_path):
    class BadExporter:
        @engine.hookimpl
        def engine_register_exporters(self, register):
            register(Exporter("bad", lambda plan, options: {"not": "text"}))

    out = tmp_path / "out.txt"
    out.write_text("keep me")
    result = invoke(["run", str(GLUTE_DAY), "-f", "bad", "-o", str(out)], plugins=[BadExporter()])
    assert result.exit_code == 1
    assert "plugin 'BadExporter-0' failed in exporter 'bad': returned dict, not str or bytes" in result.stderr
    assert out.read_text() == "keep me"


def test_exporter_raising_names_the_plugin():
    class Raises:
        @engine.hookimpl
        def engine_register_exporters(self, register):
            register(Exporter("bad", lambda plan, options: 1 / 0))

    result = invoke(["run", str(GLUTE_DAY), "-f", "bad"], plugins=[Raises()])
    assert result.exit_code == 1
    assert "plugin 'Raises-0' failed in exporter 'bad': ZeroDivisionError" in result.stderr
    assert "Traceback" not in result.stderr


# -- entry points --------------------------------------------------------------------------------------


GOOD_PLUGIN = (Path(__file__).resolve().parents[1] / "plugins" / "engine_fake_plugin_mod.py").read_text("utf-8")


@pytest.fixture
def fake_dist(tmp_path, monkeypatch):
    """A distribution on sys.path with two `engine` entry points: one that
    works and one whose module does not exist."""
    site = tmp_path / "site"
    info = site / "engine_fake-1.2.3.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: engine-fake\nVersion: 1.2.3\n")
    (info / "entry_points.txt").write_text(
        "[engine]\nfake = engine_fake_plugin_mod\nbroken = engine_no_such_module_xyz\n")
    (site / "engine_fake_plugin_mod.py").write_text(GOOD_PLUGIN)
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delitem(sys.modules, "engine_fake_plugin_mod", raising=False)
    monkeypatch.delenv("ENGINE_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    yield site
    sys.modules.pop("engine_fake_plugin_mod", None)


def test_entry_point_plugins_load_and_a_broken_one_is_isolated(fake_dist):
    reg = build_registry()
    assert reg.selectors["from-entry-point"].plugin == "fake"
    info = next(p for p in reg.plugins if p.name == "fake")
    assert (info.version, info.builtin, info.registers) == ("1.2.3", False, {"selectors": ["from-entry-point"]})
    [failure] = reg.failures
    assert (failure.plugin, failure.hook) == ("broken", "load")
    assert "ModuleNotFoundError" in failure.message and "engine_no_such_module_xyz" in failure.message


def test_broken_entry_point_is_reported_once_and_the_run_works(fake_dist):
    result = cli_run(["run", GLUTE_DAY])
    assert result.exit_code == 0
    assert result.stdout.startswith("Glute and hamstring day")
    assert result.stderr.count("broken") == 1
    assert result.stderr.startswith("engine: warning: plugin 'broken' failed in load: ModuleNotFoundError")


def test_strict_makes_a_load_failure_an_error(fake_dist):
    result = cli_run(["--strict", "run", GLUTE_DAY])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "engine: error: plugin 'broken' failed in load" in result.stderr


def test_plugins_command_lists_entry_points_and_failures(fake_dist):
    result = cli_run(["plugins"])
    assert result.exit_code == 0
    assert "fake 1.2.3\n  selectors: from-entry-point\n" in result.stdout
    assert "failed: plugin 'broken' failed in load: ModuleNotFoundError" in result.stdout
    data = json.loads(cli_run(["plugins", "--format", "json"]).stdout)
    # (The plugins in plugins/ may be installed too; only the fake one matters.)
    [fake] = [p for p in data["plugins"] if p["name"] == "fake"]
    assert fake == {"name": "fake", "version": "1.2.3", "builtin": False, "on_demand": False,
                    "registers": {"selectors": ["from-entry-point"]}}
    assert [f["plugin"] for f in data["failures"]] == ["broken"]
    assert cli_run(["--strict", "plugins"]).exit_code == 1


def test_disable_autoload_skips_entry_points(fake_dist, monkeypatch):
    monkeypatch.setenv("ENGINE_DISABLE_PLUGIN_AUTOLOAD", "1")
    reg = build_registry()
    assert "from-entry-point" not in reg.selectors and reg.failures == []
    result = cli_run(["plugins"])
    assert result.stdout.startswith("No plugins installed")
    assert cli_run(["--strict", "run", GLUTE_DAY]).exit_code == 0
    # An explicit request still loads them.
    assert "from-entry-point" in build_registry(load_entry_points=True).selectors


def test_engine_plugins_chooses_which_entry_points_load(fake_dist, monkeypatch):
    monkeypatch.setenv("ENGINE_PLUGINS", "fake")
    reg = build_registry()
    assert "from-entry-point" in reg.selectors and reg.failures == []
    assert cli_run(["--strict", "run", GLUTE_DAY]).exit_code == 0

    monkeypatch.setenv("ENGINE_PLUGINS", " broken , ")
    reg = build_registry()
    assert "from-entry-point" not in reg.selectors
    assert [f.plugin for f in reg.failures] == ["broken"]

    monkeypatch.setenv("ENGINE_PLUGINS", "")
    reg = build_registry()
    assert "from-entry-point" not in reg.selectors and reg.failures == []


def _declare(site, folder, entry_points):
    """A distribution's metadata folder on `site` declaring `entry_points`
    (no METADATA: a plugin's version then comes from its module)."""
    info = site / folder
    info.mkdir(parents=True)
    (info / "entry_points.txt").write_text("[engine]\n" + "".join(f"{n} = {v}\n" for n, v in entry_points))


def test_entry_point_failures_of_several_plugins(monkeypatch, tmp_path):
    """A plugin whose import raises, one with a bad hook signature, and a good one."""
    (tmp_path / "engine_ep_raises.py").write_text("raise ImportError('needs numpy 99')\n")
    (tmp_path / "engine_ep_badsig.py").write_text(textwrap.dedent("""
        import engine
        @engine.hookimpl
        def engine_register_selectors(reg, extra):
            pass
    """))
    (tmp_path / "engine_ep_good.py").write_text(GOOD_PLUGIN)
    _declare(tmp_path, "engine_eps.dist-info",
             [("raises", "engine_ep_raises"), ("badsig", "engine_ep_badsig"), ("good", "engine_ep_good")])
    monkeypatch.syspath_prepend(str(tmp_path))
    for mod in ("engine_ep_raises", "engine_ep_badsig", "engine_ep_good"):
        monkeypatch.delitem(sys.modules, mod, raising=False)
    reg = build_registry(load_entry_points=True)
    failures = {f.plugin: f for f in reg.failures}
    assert set(failures) == {"raises", "badsig"}
    assert failures["raises"].message == "ImportError: needs numpy 99"
    assert failures["badsig"].hook == "load"
    assert "from-entry-point" in reg.selectors
    good = next(p for p in reg.plugins if p.name == "good")
    assert good.version == "9.9"  # no METADATA: the module's __version__
    for mod in ("engine_ep_raises", "engine_ep_badsig", "engine_ep_good"):
        sys.modules.pop(mod, None)



@pytest.mark.parametrize("first_works", [False, True], ids=["first fails", "first works"])
def test_a_second_entry_point_of_a_name_loads_only_when_the_first_did_not(monkeypatch, tmp_path, first_works):
    """Two distributions (earlier and later on sys.path) declare `twin`:
    the later one is imported only if the earlier one failed to load or to
    register, as importlib.metadata's order and one plugin per name want."""
    early, late = tmp_path / "early", tmp_path / "late"
    early.mkdir()
    late.mkdir()
    (early / "engine_twin_early.py").write_text(GOOD_PLUGIN if first_works else textwrap.dedent("""
        import engine
        @engine.hookimpl
        def engine_register_selectors(reg, extra):
            pass
    """))
    (late / "engine_twin_late.py").write_text(GOOD_PLUGIN)
    _declare(early, "engine_twin_a.dist-info", [("twin", "engine_twin_early")])
    _declare(late, "engine_twin_b.dist-info", [("twin", "engine_twin_late")])
    monkeypatch.syspath_prepend(str(late))
    monkeypatch.syspath_prepend(str(early))
    for mod in ("engine_twin_early", "engine_twin_late"):
        monkeypatch.delitem(sys.modules, mod, raising=False)
    reg = build_registry(load_entry_points=True)
    assert reg.pm.get_plugin("twin").__name__ == ("engine_twin_early" if first_works else "engine_twin_late")
    assert ("engine_twin_late" in sys.modules) is not first_works
    assert [f.plugin for f in reg.failures] == ([] if first_works else ["twin"])
    assert "from-entry-point" in reg.selectors
    for mod in ("engine_twin_early", "engine_twin_late"):
        sys.modules.pop(mod, None)

# -- engine.testing -------------------------------------------------------------------------------------


def test_make_registry_does_not_load_entry_points(fake_dist):
    assert "from-entry-point" not in make_registry().selectors
    assert "from-entry-point" in make_registry(entry_points=True).selectors


def test_invoke_restores_build_registry():
    import engine.plugins as plugin_module

    before = plugin_module.build_registry
    invoke(["plugins"], plugins=[ReverseSelector()])
    assert plugin_module.build_registry is before


def test_pytest_is_no_runtime_dependency_and_no_plugin_of_every_pytest_run():
    import tomllib

    from engine.entrypoints import scan

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert not [d for d in project["dependencies"] if d.startswith(("pytest", "hypothesis", "fastjsonschema"))]
    assert project["optional-dependencies"]["testing"] == ["pytest>=7"]
    assert "pytest11" not in project.get("entry-points", {})
    assert not [e for e in scan("pytest11") if e.value.startswith("engine")]  # as installed
    code = "import sys; sys.modules['pytest'] = None; import engine.testing; engine.testing.make_registry()"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_the_pytest_fixtures_are_an_opt_in_plugin(tmp_path):
    (tmp_path / "test_mine.py").write_text(textwrap.dedent(f"""
        def test_fixtures(engine_registry, run_engine):
            assert "rotate" in engine_registry.selectors
            result = run_engine(["run", {str(GLUTE_DAY)!r}])
            assert result.exit_code == 0 and result.stdout.startswith("Glute and hamstring day")
    """))
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path),
            str(tmp_path / "test_mine.py")]
    without = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert without.returncode == 1 and "fixture 'engine_registry' not found" in without.stdout
    opted_in = subprocess.run([*args, "-p", "engine.pytest_plugin"], cwd=tmp_path, capture_output=True, text=True,
                              check=False)
    assert opted_in.returncode == 0, opted_in.stdout + opted_in.stderr


def test_builtins_are_registered_first_and_listed_with_all():
    reg = make_registry()
    assert [p.name for p in reg.plugins] == [
        "engine.catalog", "engine.selectors", "engine.progression", "engine.loads", "engine.exporters",
        "engine.checks"]
    assert all(p.builtin and p.version == engine.__version__ for p in reg.plugins)
    result = invoke(["plugins", "--all"])
    assert "engine.selectors 0.1.0 (built in)\n  selectors: ordered, rotate, random\n" in result.stdout


# -- entry points read from the distributions' metadata ---------------------------------------------


def test_a_malformed_entry_points_file_names_its_distribution_and_the_rest_loads(fake_dist):
    info = fake_dist / "engine_fake-1.2.3.dist-info"
    (info / "entry_points.txt").write_text("[engine]\nfake = engine_fake_plugin_mod\nno equals sign here\n")
    reg = build_registry()
    assert "from-entry-point" in reg.selectors
    [failure] = reg.failures
    assert failure.plugin == "engine_fake-1.2.3.dist-info"
    assert "expected 'name = module:attribute' under [engine], got 'no equals sign here'" in failure.message
    result = cli_run(["run", GLUTE_DAY])
    assert result.exit_code == 0 and "engine_fake-1.2.3.dist-info" in result.stderr


def test_an_entry_point_value_with_an_attribute_loads_it():
    from engine.entrypoints import EntryPoint

    assert EntryPoint("x", "os.path:join", None).load() is __import__("os").path.join
    assert EntryPoint("x", "json", None).load() is json
    assert EntryPoint("x", "os.path : join [extra]", None).load() is __import__("os").path.join
    with pytest.raises(ValueError, match="is not 'module' or 'module:attribute'"):
        EntryPoint("x", "not a module!", None).load()


def test_a_missing_format_mentions_plugins_that_failed_to_load(fake_dist):
    result = cli_run(["run", GLUTE_DAY, "-f", "fake-format"])
    assert result.exit_code == 2
    assert "no exporter named 'fake-format' is installed" in result.stderr
    assert "; failed to load: broken" in result.stderr


@pytest.mark.parametrize("schema, says", [
    ({"properties": 7}, "'properties' must map names to JSON Schema objects"),
    ("not a schema", "must be a JSON Schema object (a dict), got str"),
    ({"properties": {"x": {"type": "integer"}}, "required": "x"}, "'required' must be a list"),
])
def test_a_malformed_options_schema_refuses_that_component_only(schema, says):
    class BadSchema:
        @engine.hookimpl
        def engine_register_exporters(self, register):
            register(Exporter("bad", lambda plan, options: "", "Bad.", ".bad", schema))

    result = invoke(["run", str(GLUTE_DAY)], plugins=[BadSchema()])
    assert result.exit_code == 0 and result.stdout.startswith("Glute and hamstring day")
    assert "plugin 'BadSchema-0' failed in engine_register_exporters: exporter 'bad': options_schema" in result.stderr
    assert says in result.stderr


def test_a_plugin_calling_sys_exit_at_import_is_named_and_isolated(monkeypatch, tmp_path):
    (tmp_path / "engine_ep_exits.py").write_text("import sys\nsys.exit(3)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "engine_ep_exits", raising=False)
    _declare(tmp_path, "engine_ep_exits.dist-info", [("exits", "engine_ep_exits")])
    reg = build_registry(load_entry_points=True)
    [failure] = reg.failures
    assert (failure.plugin, failure.hook, failure.message) == ("exits", "load", "SystemExit: 3")
    assert "ordered" in reg.selectors


@pytest.mark.parametrize("value, loads", [("0", True), ("false", True), ("", True), ("1", False), ("yes", False)])
def test_disable_autoload_reads_zero_and_false_as_no(fake_dist, monkeypatch, value, loads):
    monkeypatch.setenv("ENGINE_DISABLE_PLUGIN_AUTOLOAD", value)
    assert ("from-entry-point" in build_registry().selectors) is loads


def test_every_hook_a_builtin_module_implements_is_registered():
    import importlib

    from engine.plugins import DEFAULT_PLUGINS, build_registry

    registry = build_registry(load_entry_points=False)
    for modname in DEFAULT_PLUGINS:
        module = importlib.import_module(modname)
        marked = {n for n in dir(module) if hasattr(getattr(module, n), "engine_impl")}
        registered = {impl.function.__name__ for hook in registry.pm.hook.__dict__.values()
                      if hasattr(hook, "get_hookimpls") for impl in hook.get_hookimpls()
                      if impl.plugin_name == modname}
        assert marked and marked == registered, modname


def test_a_plugin_module_registers_the_hook_implementations_pluggy_finds_in_it():
    """The engine registers a view of a plugin module holding only what
    pluggy could take as a hook implementation; pluggy sees the same hooks,
    each calling the same function, and the same unknown hook."""
    import types

    import pluggy

    from engine import hookspecs
    from engine.pluginloading import _hookable

    module = types.ModuleType("engine_view_probe")
    exec(textwrap.dedent("""
        import os, json
        from engine import hookimpl

        @hookimpl
        def engine_register_selectors(register):
            pass

        @hookimpl(specname="engine_register_exporters")
        def exporters(register):
            pass

        @hookimpl
        def engine_register_nothing_such(register):
            pass

        def engine_register_progressions(register):  # no marker: not a hook
            pass

        class Holder:
            @hookimpl
            def engine_register_exercises(self, register):
                pass

        engine_register_exercises = Holder().engine_register_exercises
        engine_register_effort_models = staticmethod(hookimpl(lambda register: None))
        VALUE, helper, Alias = 3, lambda: None, Holder
    """), module.__dict__)

    def hooks(plugin):
        pm = pluggy.PluginManager("engine")
        pm.add_hookspecs(hookspecs)
        pm.register(plugin, name="probe")
        found = {name: [impl.function for impl in caller.get_hookimpls()]
                 for name, caller in vars(pm.hook).items() if isinstance(caller, pluggy.HookCaller)}
        with pytest.raises(pluggy.PluginValidationError):
            pm.check_pending()
        return found

    view = _hookable(module, "engine_impl", {})
    assert view is not module and hooks(view) == hooks(module)
    assert set(hooks(view)) >= {"engine_register_selectors", "engine_register_exporters",
                                "engine_register_exercises", "engine_register_nothing_such"}
    assert _hookable(view, "engine_impl", {id(view): view}) is view  # the same module: the same view
    instance = object()
    assert _hookable(instance, "engine_impl", {}) is instance
