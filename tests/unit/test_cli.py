"""The `engine` command line: subcommands, formats, outputs and exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import engine
from engine.schema import effective_schema
from engine.testing import invoke, make_registry

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
GLUTE_DAY = RULES / "glute-day.toml"
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<path>\$\S*): (?P<msg>.+)$")
PROBLEM_KEYS = {"file", "line", "column", "path", "message", "severity"}

BAD = """\
version = 1
[program]
name = "Bad"
days = ["mon"]
weeks = "eight"
units = "stone"

[[slot]]
category = "primary"
select = { selector = "ordered", from = ["sqat"] }
"""

SEMANTIC = """\
version = 1
[program]
name = "Semantic"
days = ["mon", "wed"]
weeks = 2

[[slot]]
category = "primary"
select = { selector = "ordered", from = ["dedlift"] }
"""


def run(*args, **kw):
    return invoke([str(a) for a in args], **kw)


def copy_rules(tmp_path: Path, name="glute-day.toml") -> Path:
    target = tmp_path / name
    target.write_text((RULES / name).read_text())
    return target


def no_traceback(result):
    assert "Traceback" not in result.stdout + result.stderr


# -- version ----------------------------------------------------------------------------


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"engine, version {engine.__version__}\n"


def test_python_dash_m_engine_version():
    env = {**os.environ, "ENGINE_DISABLE_PLUGIN_AUTOLOAD": "1"}
    proc = subprocess.run([sys.executable, "-m", "engine", "--version"], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"engine, version {engine.__version__}"


# -- run ----------------------------------------------------------------------------------


def test_run_default_is_text():
    result = run("run", GLUTE_DAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (GOLDEN / "glute-day.txt").read_text()
    assert result.stderr == ""


@pytest.mark.parametrize("fmt, golden", [("json", "glute-day.json"), ("markdown", "glute-day.md"),
                                         ("text", "glute-day.txt")])
def test_run_format(fmt, golden):
    result = run("run", GLUTE_DAY, "--format", fmt)
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / golden).read_text()
    assert run("run", GLUTE_DAY, "-f", fmt).stdout == result.stdout


def test_run_json_is_the_contract():
    data = json.loads(run("run", GLUTE_DAY, "--format", "json").stdout)
    assert data["program"]["name"] == "Glute and hamstring day"
    assert data["weeks"][0]["days"][0]["exercises"][0]["id"] == "squat"


@pytest.mark.parametrize("name, starts", [
    ("plan.json", "{\n"), ("plan.md", "# Glute and hamstring day\n"), ("plan.txt", "Glute and hamstring day\n"),
    ("plan.MD", "# Glute"), ("plan", "Glute and hamstring day\n"),
])
def test_output_format_from_the_extension(tmp_path, name, starts):
    out = tmp_path / name
    result = run("run", GLUTE_DAY, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert out.read_text().startswith(starts)
    assert result.stderr.startswith(f"engine: wrote {out} (")


@pytest.mark.parametrize("command", [["run", GLUTE_DAY], ["schema"]])
def test_output_dash_is_standard_output(tmp_path, monkeypatch, command):
    # The usual way to say standard output: it wrote a file named "-".
    monkeypatch.chdir(tmp_path)
    result = run(*command, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == run(*command).stdout and result.stdout
    assert not (tmp_path / "-").exists()


def test_an_extension_no_exporter_writes_is_a_usage_error(tmp_path):
    out = tmp_path / "plan.ics"
    result = run("run", GLUTE_DAY, "-o", out)
    assert result.exit_code == 2 and not out.exists()
    assert ("no installed exporter writes .ics files (installed: json (.json), markdown (.md), text (.txt)"
            in result.stderr)
    assert "choose a format with --format" in result.stderr
    assert "(engine-ical, in the engine's repository: pip install ./plugins/engine-ical)" in result.stderr
    assert run("run", GLUTE_DAY, "-o", tmp_path / "plan.out", "-f", "text").exit_code == 0


def test_a_format_the_projects_own_plugin_writes_names_that_plugin(tmp_path):
    result = run("run", GLUTE_DAY, "-f", "csv")
    assert result.exit_code == 2
    assert "(engine-csv, in the engine's repository: pip install ./plugins/engine-csv)" in result.stderr
    assert "pip install" not in run("run", GLUTE_DAY, "-f", "pdf").stderr  # no plugin of ours writes it


def test_explicit_format_beats_the_extension(tmp_path):
    out = tmp_path / "plan.json"
    assert run("run", GLUTE_DAY, "-o", out, "--format", "markdown").exit_code == 0
    assert out.read_text().startswith("# ")


def test_output_replaces_atomically_and_leaves_no_temp_files(tmp_path):
    out = tmp_path / "plan.json"
    out.write_text("old")
    os.chmod(out, 0o640)
    result = run("run", GLUTE_DAY, "-o", out)
    assert result.exit_code == 0
    assert json.loads(out.read_text())["program"]["weeks"] == 8
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]
    assert out.stat().st_mode & 0o777 == 0o640


def test_failed_run_leaves_the_old_output(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD)
    out = tmp_path / "plan.txt"
    out.write_text("previous plan")
    result = run("run", bad, "-o", out)
    assert result.exit_code == 1
    assert out.read_text() == "previous plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml", "plan.txt"]


def test_output_never_overwrites_the_rule_file(tmp_path):
    rules = copy_rules(tmp_path)
    before = rules.read_bytes()
    result = run("run", rules, "-o", rules, "-f", "text")
    assert result.exit_code == 2
    assert "refusing to write over" in result.stderr
    assert rules.read_bytes() == before


def test_output_never_overwrites_an_included_file(tmp_path):
    rules = copy_rules(tmp_path, "low-back-friendly.toml")
    (tmp_path / "catalog").mkdir()
    extra = tmp_path / "catalog" / "extra.toml"
    extra.write_text((RULES / "catalog" / "extra.toml").read_text())
    before = extra.read_bytes()
    result = run("run", rules, "-o", extra, "-f", "text")
    assert result.exit_code == 2, "the included catalog was overwritten"
    assert "refusing to write over" in result.stderr
    assert extra.read_bytes() == before


def test_output_into_a_missing_directory_is_a_usage_error(tmp_path):
    result = run("run", GLUTE_DAY, "-o", tmp_path / "nope" / "plan.txt")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_exporter_option_notes_false():
    result = run("run", GLUTE_DAY, "-O", "notes=false")
    assert result.exit_code == 0
    assert "Notes" not in result.stdout and "Week 8" in result.stdout
    md = run("run", GLUTE_DAY, "-f", "markdown", "-O", "notes=false").stdout
    assert "## Notes" not in md


def test_exporter_option_beats_the_rule_file(tmp_path):
    rules = copy_rules(tmp_path)
    rules.write_text(rules.read_text() + "\n[export.text]\nnotes = false\n")
    assert "Notes" not in run("run", rules).stdout
    assert "\nNotes\n" in run("run", rules, "-O", "notes=true").stdout


@pytest.mark.parametrize("option, words", [
    ("notes", "must look like KEY=VALUE"),
    ("=true", "must look like KEY=VALUE"),
    ("notes=maybe", 'expected true or false, got "maybe"'),
    ("colour=red", "unknown key 'colour'"),
])
def test_bad_exporter_option_exits_2(option, words):
    result = run("run", GLUTE_DAY, "-O", option)
    assert result.exit_code == 2
    assert words in result.stderr
    assert result.stdout == ""
    no_traceback(result)


def test_json_indent_option():
    result = run("run", GLUTE_DAY, "-f", "json", "-O", "indent=4")
    assert result.exit_code == 0
    assert result.stdout.startswith('{\n    "program"')
    assert run("run", GLUTE_DAY, "-f", "json", "-O", "indent=9").exit_code == 2


def test_unknown_format_exits_2_naming_it():
    result = run("run", GLUTE_DAY, "--format", "ical")
    assert result.exit_code == 2
    assert "no exporter named 'ical'" in result.stderr
    assert "json, markdown, text" in result.stderr
    no_traceback(result)


def test_start_option():
    result = run("run", GLUTE_DAY, "--start", "2027-01-06", "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["program"]["start"] == "2027-01-06"
    # Week 1 starts on Wednesday 6 January; Monday is the 11th.
    assert [w["days"][0]["date"] for w in data["weeks"][:2]] == ["2027-01-11", "2027-01-18"]


@pytest.mark.parametrize("value", ["2027-13-01", "tomorrow", "06/01/2027"])
def test_bad_start_exits_2(value):
    result = run("run", GLUTE_DAY, "--start", value)
    assert result.exit_code == 2
    assert "--start" in result.stderr


def test_start_too_late_for_the_calendar_is_not_an_internal_error():
    """An 8-week block from 20 December 9999 ends after the last date Python
    knows: a clear error, like the same date in the rule file gets."""
    result = run("run", GLUTE_DAY, "--start", "9999-12-20")
    assert result.exit_code in (1, 2)
    assert "internal error" not in result.stderr
    assert "9999" in result.stderr
    no_traceback(result)


def test_run_invalid_file_exits_1_with_located_problems(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD)
    result = run("run", bad)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-1] == "engine: 3 problems found"
    matches = [LINE.match(ln) for ln in lines[:-1]]
    assert all(matches), lines
    # the misspelt exercise too, with the schema's errors (engine.references)
    assert {(m["path"], m["line"]) for m in matches} == {("$.program.weeks", "5"), ("$.program.units", "6"),
                                                         ("$.slot[0].select.from[0]", "10")}
    no_traceback(result)


def test_run_missing_file_and_directory(tmp_path):
    result = run("run", tmp_path / "nope.toml")
    assert result.exit_code == 1
    assert f"{tmp_path / 'nope.toml'}:1:1: $: no such file" in result.stderr
    result = run("run", tmp_path)
    assert result.exit_code == 1
    assert "is a directory" in result.stderr


@pytest.mark.parametrize("option", ["--athlete", "--log"])
def test_an_athlete_or_log_that_is_a_directory_is_named_where_it_is(tmp_path, option):
    # The engine reads these files itself and says what is wrong with one,
    # located like any other problem (click checks nothing before it).
    result = run("run", GLUTE_DAY, option, tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{tmp_path}:1:1: $: is a directory, not a "), result.stderr
    no_traceback(result)


def test_file_arguments_complete_as_file_names():
    from click.shell_completion import ShellComplete

    from engine.cli import cli

    for args in (["run"], ["run", "rules.toml", "--athlete"], ["explain", "x.toml", "--log"]):
        found = ShellComplete(cli, {}, "engine", "_ENGINE_COMPLETE").get_completions(args, "ath")
        assert [(c.value, c.type) for c in found] == [("ath", "file")], args


def test_help_and_version_options_are_described():
    text = run("--help").stdout
    assert "  --version   Show the version and exit." in text
    assert "  -h, --help  Show this message and exit." in text
    assert "  -h, --help              Show this message and exit." in run("run", "-h").stdout


def test_run_prints_warnings_and_succeeds(tmp_path):
    rules = copy_rules(tmp_path)
    rules.write_text(rules.read_text() + "\n[export.ical]\ntz = \"Europe/Paris\"\n")
    result = run("run", rules)
    assert result.exit_code == 0
    [m] = [LINE.match(ln) for ln in result.stderr.splitlines()]
    assert m["path"] == "$.export.ical"
    assert m["msg"].startswith("warning: options for exporter 'ical', which is not installed")


# -- validate ----------------------------------------------------------------------------------


@pytest.fixture
def files(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD)
    semantic = tmp_path / "semantic.toml"
    semantic.write_text(SEMANTIC)
    return bad, semantic


def test_validate_many_files_reports_every_problem(files):
    bad, semantic = files
    result = run("validate", bad, GLUTE_DAY, semantic, RULES / "full-body.toml")
    assert result.exit_code == 1
    matches = [LINE.match(ln) for ln in result.stdout.splitlines()]
    assert all(matches), result.stdout
    got = {(m["file"], m["path"]) for m in matches}
    assert got == {
        (str(bad), "$.program.weeks"), (str(bad), "$.program.units"), (str(bad), "$.slot[0].select.from[0]"),
        (str(semantic), "$.program.days"), (str(semantic), "$.slot[0].select.from[0]"),
    }
    assert f"{GLUTE_DAY}: ok" in result.stderr
    assert f"{RULES / 'full-body.toml'}: ok" in result.stderr
    assert f"{bad}: ok" not in result.stderr


def test_validate_json(files):
    bad, semantic = files
    result = run("validate", "--format", "json", bad, semantic, GLUTE_DAY)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert len(data) == 5
    for item in data:
        assert set(item) == PROBLEM_KEYS
        assert isinstance(item["line"], int) and item["line"] >= 1
        assert isinstance(item["column"], int) and item["column"] >= 1
        assert item["path"].startswith("$")
        assert item["severity"] == "error"
    weeks = next(i for i in data if i["path"] == "$.program.weeks")
    assert (weeks["file"], weeks["line"], weeks["column"]) == (str(bad), 5, 9)
    assert weeks["message"] == 'expected a whole number, got "eight"'
    # The text format says the same things.
    text = run("validate", bad, semantic, GLUTE_DAY).stdout.splitlines()
    assert text == [f"{i['file']}:{i['line']}:{i['column']}: {i['path']}: {i['message']}" for i in data]


def test_validate_good_files_exit_0():
    result = run("validate", *sorted(RULES.glob("*.toml")))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert result.stderr.count(": ok\n") == 3
    result = run("validate", "--format", "json", GLUTE_DAY)
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_validate_warnings_do_not_fail(tmp_path):
    rules = copy_rules(tmp_path)
    rules.write_text(rules.read_text() + "\n[export.ical]\ntz = 1\n")
    result = run("validate", "--format", "json", rules)
    assert result.exit_code == 0
    [item] = json.loads(result.stdout)
    assert item["severity"] == "warning"


def test_validate_needs_a_file():
    assert run("validate").exit_code == 2


# -- exercises -------------------------------------------------------------------------------


def test_exercises_tertiary_json():
    result = run("exercises", "--category", "tertiary", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [e["id"] for e in data] == ["step-up", "split-squat", "hamstring-curl", "hip-extension"]
    for e in data:
        assert {"id", "name", "category", "prescription", "equipment", "tags", "variants", "aliases"} <= set(e)
        assert {"sets", "reps", "rpe", "per_side"} <= set(e["prescription"])
        assert e["category"] == "tertiary"
        assert all(isinstance(v, dict) and {"id", "name"} <= set(v) for v in e["variants"])
    curl = data[2]
    assert curl["prescription"]["sets"] == [2, 4]
    assert curl["prescription"]["reps"] == [10, 15]
    assert curl["prescription"]["rpe"] == [8, 9]
    assert curl["prescription"]["per_side"] is False
    assert data[0]["prescription"]["per_side"] is True
    assert "Leg Curl" in curl["aliases"]


def test_exercises_all_text():
    result = run("exercises")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "CATEGORY", "PRESCRIPTION", "TAGS"]
    assert len(lines) == 9
    assert re.match(r"squat +primary +3-4 x 4-6 @ RPE 7-8 +squat-pattern, ", lines[1])
    assert re.search(r"step-up +tertiary +2-4 x 8-12/side @ RPE 7-8 .*unilateral", lines[5])


def test_exercise_details():
    result = run("exercises", "deadlift")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Deadlift (deadlift)\n")
    assert "  prescription: 3-4 x 4-6 @ RPE 7-8\n" in out
    assert "    sumo: Sumo deadlift (also: Sumo Deadlift (Barbell)); needs its own max or log\n" in out
    assert "Hex Bar Deadlift); max 1.06 x the default form's\n" in out
    assert "aliases:      Deadlift (Barbell)" in out


def test_unknown_exercise_details_exit_2_with_a_suggestion():
    result = run("exercises", "dedlift")
    assert result.exit_code == 2
    assert "no exercise 'dedlift' in the catalog; did you mean 'deadlift'?" in result.stderr


def test_unknown_exercise_in_a_slot_is_matched_by_alias(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text(
        'version = 1\n[program]\nname = "x"\ndays = ["mon"]\nweeks = 1\n'
        '[[slot]]\ncategory = "secondary"\nselect = { selector = "ordered", from = ["RDL"] }\n')
    result = run("run", str(path))
    assert result.exit_code == 1
    assert "$.slot[0].select.from[0]: unknown exercise 'RDL'; did you mean 'romanian-deadlift'?" in result.stderr


def test_exercises_bad_category_exits_2():
    result = run("exercises", "--category", "quaternary")
    assert result.exit_code == 2


# -- schema and plugins ------------------------------------------------------------------------


def test_schema_prints_the_effective_schema(tmp_path):
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == effective_schema(make_registry())
    out = tmp_path / "rules.schema.json"
    assert run("schema", "-o", out).exit_code == 0
    assert out.read_text() == result.stdout
    # The published copy is what `engine schema -o` writes.
    assert (ROOT / "schemas" / "rules.schema.json").read_text() == result.stdout


def test_schema_include(tmp_path):
    from engine.schema import include_schema

    result = run("schema", "--include")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data == include_schema(effective_schema(make_registry()))
    assert "program" not in data["properties"]
    assert (ROOT / "schemas" / "include.schema.json").read_text() == result.stdout


def test_plugins_without_plugins():
    result = run("plugins")
    assert (result.exit_code, result.stdout) == (0, "No plugins installed (use --all to see the built-in ones).\n")
    result = run("plugins", "--all", "--format", "json")
    data = json.loads(result.stdout)
    assert [p["name"] for p in data["plugins"]][:2] == ["engine.catalog", "engine.selectors"]
    assert data["failures"] == []


# -- exit codes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("args, code", [
    (["run", str(GLUTE_DAY)], 0),
    (["validate", str(GLUTE_DAY)], 0),
    (["exercises"], 0),
    (["schema"], 0),
    (["plugins"], 0),
    (["--help"], 0),
    (["run"], 2),
    (["frobnicate"], 2),
    (["run", str(GLUTE_DAY), "--bogus"], 2),
    (["run", str(GLUTE_DAY), "--format", "nope"], 2),
])
def test_exit_codes(args, code):
    result = run(*args)
    assert result.exit_code == code, result.stderr
    no_traceback(result)


def test_exit_1_for_invalid_input(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe not toml")
    for cmd in ("run", "validate"):
        result = run(cmd, bad)
        assert result.exit_code == 1
        no_traceback(result)
        assert "not valid UTF-8" in result.stdout + result.stderr


def test_run_with_json_format_reports_failures_as_json(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('version = 1\n[program]\nname = "x"\nweeks = "eight"\n')
    for args in (["-f", "json"], ["-o", str(tmp_path / "plan.json")]):
        result = invoke(["run", str(bad), *args])
        assert result.exit_code == 1
        problems = json.loads(result.stderr)
        assert {"file", "line", "column", "path", "message", "severity"} <= set(problems[0])
        assert any(p["path"] == "$.program.weeks" and p["line"] == 4 for p in problems)
    assert not (tmp_path / "plan.json").exists()
    result = invoke(["explain", str(bad), "--format", "json"])
    assert result.exit_code == 1 and json.loads(result.stderr)[0]["severity"] == "error"


def test_usage_errors_of_ours_are_one_line_naming_the_subcommand(tmp_path):
    result = run("run", GLUTE_DAY, "-f", "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("engine run: error: no exporter named 'nope' is installed")
    assert result.stderr.count("\n") == 1
    result = run("batch", GLUTE_DAY, tmp_path / "nobody", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == f"engine batch: error: athlete profile {tmp_path / 'nobody'} does not exist\n"


def test_validate_checks_athlete_profiles_too(tmp_path):
    good = run("validate", str(ROOT / "athletes" / "sam.toml"))
    assert good.exit_code == 0 and good.stderr.strip().endswith("sam.toml: ok")
    bad = tmp_path / "p.toml"
    bad.write_text('[athlete]\nname = "X"\nunits = "kg"\n[maxes]\nsqaut = 100\n')
    result = run("validate", "-f", "json", str(bad))
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)
    assert (problem["line"], problem["path"]) == (5, "$.maxes.sqaut")
    assert problem["message"] == "unknown exercise 'sqaut'; did you mean 'squat'?"


@pytest.mark.parametrize(("args", "said"), [
    (["run", "rules/glute-day.toml", "--bogus"],
     "engine run: error: no such option '--bogus'. Did you mean '--log'? (see `engine run --help`)"),
    (["run"], "engine run: error: missing argument 'RULES' (see `engine run --help`)"),
    (["bogus"], "engine: error: no such command 'bogus' (see `engine --help`)"),
    (["run", "rules/glute-day.toml", "-f"],
     "engine run: error: option '-f' requires an argument (see `engine run --help`)"),
    (["batch", "rules/glute-day.toml", "-o", "out", "-j", "-1"],
     "engine batch: error: invalid value for '-j' / '--jobs': -1 is not in the range 0<=x<=512 "
     "(see `engine batch --help`)"),
])
def test_click_s_own_usage_errors_are_one_line_naming_the_command(args, said):
    # as the README says of wrong command-line use (it was click's four-line usage block)
    result = invoke(args)
    assert (result.exit_code, result.stderr.splitlines(), result.stdout) == (2, [said], "")


@pytest.mark.parametrize(("fmt", "meant"), [("md", "markdown"), ("txt", "text"), ("MD", "markdown")])
def test_a_format_named_by_its_extension_suggests_the_exporter(fmt, meant):
    # `-f md` said to install a plugin, with the markdown exporter installed
    result = invoke(["run", str(ROOT / "rules" / "glute-day.toml"), "-f", fmt])
    assert (result.exit_code, result.stderr.splitlines()) == (2, [
        f"engine run: error: no exporter named {fmt!r}; did you mean {meant!r}? It writes .{fmt.lower()} files"])
