"""One reporter: problems become text or JSON in engine.reporters for every
command; locating them uses the text already read; the library words its
errors for any caller, and the command line names its own options."""

from __future__ import annotations

import ast
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from engine import documents
from engine.errors import WARNING, EngineError, Problem, UsageError
from engine.pipeline import plan_rules
from engine.reporters import JsonReporter, TextReporter, locate_all, reporter
from engine.testing import invoke, make_registry

ROOT = Path(__file__).resolve().parents[2]
GLUTE_DAY = ROOT / "rules" / "glute-day.toml"
PROBLEMS = [Problem("a.toml", ("program", "weeks"), "expected a whole number", line=5, column=9),
            Problem("a.toml", ("slot", 0), "odd\nmessage", WARNING, line=9, column=1)]


def test_the_text_reporter_prints_one_line_per_problem_and_a_count_when_a_run_failed():
    out = io.StringIO()
    reporter("text", out).failed(PROBLEMS)
    assert out.getvalue().splitlines() == [
        "a.toml:5:9: $.program.weeks: expected a whole number",
        "a.toml:9:1: $.slot[0]: warning: odd message",
        "engine: 1 problem found",
    ]


def test_the_json_reporter_prints_the_same_problems_as_a_list():
    out = io.StringIO()
    reporter("json", out).failed(PROBLEMS)
    assert json.loads(out.getvalue()) == [
        {"file": "a.toml", "line": 5, "column": 9, "path": "$.program.weeks", "message": "expected a whole number",
         "severity": "error"},
        {"file": "a.toml", "line": 9, "column": 1, "path": "$.slot[0]", "message": "odd message",
         "severity": "warning"},
    ]


def test_faults_and_usage_errors_in_each_format():
    text, data = io.StringIO(), io.StringIO()
    TextReporter(text).fault("plugin 'x' failed in load: boom", severity=WARNING, plugin="x", hook="load")
    TextReporter(text).usage("no exporter named 'ics' is installed", "run")
    JsonReporter(data).fault("plugin 'x' failed in render: boom", plugin="x", hook="render")
    assert text.getvalue().splitlines() == [
        "engine: warning: plugin 'x' failed in load: boom", "engine run: error: no exporter named 'ics' is installed"]
    [item] = json.loads(data.getvalue())
    assert (item["severity"], item["plugin"], item["hook"], item["path"]) == ("error", "x", "render", "$")


def test_locating_uses_the_sources_given_and_never_opens_a_file(tmp_path, monkeypatch):
    rules = tmp_path / "r.toml"
    rules.write_text("version = 1\n\n[program]\nweeks = 8\n")
    problem = Problem(str(rules), ("program", "weeks"), "too many")
    [located] = locate_all([problem], {str(rules): rules.read_text()})
    assert (located.line, located.column) == (4, 9)

    def no_reading(*args, **kwargs):
        raise AssertionError("a file was read while locating")

    monkeypatch.setattr(documents, "read_text", no_reading)
    monkeypatch.setattr(Path, "read_text", no_reading)
    monkeypatch.setattr(Path, "open", no_reading)
    [unknown] = locate_all([problem])  # its text was never read: the first line
    assert (unknown.line, unknown.column) == (1, 1)


def _count_reads(monkeypatch) -> dict[str, int]:
    reads: dict[str, int] = {}
    original = documents.read_regular

    def counted(path, limit):
        reads[Path(path).name] = reads.get(Path(path).name, 0) + 1
        return original(path, limit)

    monkeypatch.setattr(documents, "read_regular", counted)
    return reads


def test_a_failed_run_reads_each_input_once_and_locates_every_problem(tmp_path, monkeypatch):
    """An include naming a missing file and a profile with an unknown key:
    the problems point at their lines, and no file was read twice."""
    rules = tmp_path / "r.toml"
    rules.write_text(GLUTE_DAY.read_text("utf-8").replace("version = 1\n", 'version = 1\ninclude = ["x.toml"]\n'))
    athlete = tmp_path / "a.toml"
    athlete.write_text('[athlete]\nname = "A"\nunits = "kg"\ncolour = "red"\n')
    reads = _count_reads(monkeypatch)
    registry = make_registry()
    with pytest.raises(EngineError) as exc:
        plan_rules(rules, registry)
    [p] = exc.value.problems
    line = rules.read_text("utf-8").splitlines().index('include = ["x.toml"]') + 1
    assert (p.line, p.column, p.message) == (line, 12, "included file 'x.toml' does not exist")
    rules.write_text(GLUTE_DAY.read_text("utf-8"))
    with pytest.raises(EngineError) as exc:
        plan_rules(rules, registry, athlete=athlete)
    [p] = exc.value.problems
    assert (p.file, p.line, p.column) == (str(athlete), 4, 1) and "colour" in p.message
    assert reads == {"r.toml": 2, "x.toml": 1, "a.toml": 1}  # the rule file once per run, x.toml tried once


def test_an_exporter_refusal_is_located_from_the_sources_read(tmp_path, monkeypatch):
    import engine

    class Picky:
        @engine.hookimpl
        def engine_register_exporters(self, register):
            def render(plan, options):
                raise engine.CannotExport("no", option="when")
            register(engine.Exporter("picky", render, options_schema={"properties": {"when": {"type": "string"}}}))

    rules = tmp_path / "r.toml"
    rules.write_text(GLUTE_DAY.read_text("utf-8") + '\n[export.picky]\nwhen = "now"\n')
    reads = _count_reads(monkeypatch)
    result = invoke(["run", str(rules), "-f", "picky"], plugins=[Picky()])
    assert result.exit_code == 1
    line = len(GLUTE_DAY.read_text("utf-8").splitlines()) + 3
    assert result.stderr.startswith(f"{rules}:{line}:8: $.export.picky.when: picky export: no\n")
    assert reads == {"r.toml": 1}


def test_the_library_names_the_argument_and_the_command_line_its_option():
    with pytest.raises(UsageError) as exc:
        plan_rules(GLUTE_DAY, make_registry(), start=dt.date(9999, 12, 20))
    assert exc.value.argument == "start" and "--" not in str(exc.value)
    assert str(exc.value) == "a program of 8 weeks starting 9999-12-20 would end after the year 9999"
    result = invoke(["run", str(GLUTE_DAY), "--start", "9999-12-20"])
    assert result.exit_code == 2
    assert result.stderr == f"engine run: error: --start: {exc.value}\n"


# Option names and commands, as the command line spells them.
CLI_WORDS = re.compile(r"(?:^|[\s(`'\"])(?:--[a-z]|-[oOfj]\b)|\bengine (?:run|batch|explain|validate|schema|plugins|"
                       r"exercises)\b")
FRONT_END = ("cli.py", "commands", "validators", "build.py", "testing.py", "pytest_plugin.py", "__main__.py")


def _library_strings():
    for path in sorted((ROOT / "engine").rglob("*.py")):
        if any(part in FRONT_END for part in path.relative_to(ROOT / "engine").parts):
            continue
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                yield path.relative_to(ROOT), node.lineno, node.value


def test_the_library_words_no_message_for_the_command_line():
    worded = [(str(path), line, text) for path, line, text in _library_strings() if CLI_WORDS.search(text)]
    assert worded == []


def test_the_scan_finds_command_line_wording():
    assert CLI_WORDS.search("set it (or --start) to see") and CLI_WORDS.search("leave out -o to print")
    assert CLI_WORDS.search("run `engine run RULES`") and not CLI_WORDS.search("a well-known step-up")
