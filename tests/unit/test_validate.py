"""`engine validate` on athlete profiles and training logs: a profile's logs
are read and checked as `engine run` reads them; a log (*.csv, *.tsv, or any
file whose first line is a log header) is checked on its own."""

from __future__ import annotations

import json
from pathlib import Path

from test_training import athlete, rules, slot

from engine.testing import invoke

ROOT = Path(__file__).resolve().parents[2]
STRONG = ROOT / "athletes" / "logs" / "sam-strong.csv"
SAM = ROOT / "athletes" / "sam.toml"
BAD_ROW = "2026-12-08 18:00:00,Glute day,1h,Squat (Barbell),1,abc,6,0,0,,,8\n"


def _profile(tmp_path: Path, log: str) -> Path:
    profile = tmp_path / "sam.toml"
    profile.write_text(SAM.read_text("utf-8").replace("version = 1", f'version = 1\nlogs = ["{log}"]', 1), "utf-8")
    return profile


def _bad_log(tmp_path: Path, name: str = "log.csv") -> Path:
    log = tmp_path / name
    log.write_text(STRONG.read_text("utf-8") + BAD_ROW, "utf-8")
    return log


def test_a_profile_is_checked_with_the_logs_it_names(tmp_path):
    log = _bad_log(tmp_path)
    profile = _profile(tmp_path, log.name)
    result = invoke(["validate", str(profile)])
    rows = len(STRONG.read_text("utf-8").splitlines()) + 1
    assert result.exit_code == 1
    assert (f"{log}:{rows}:52: $[{rows - 2}]['Weight\\u0020(lb)']: expected a number for weight, got 'abc'"
            in result.stdout)
    assert f"{profile}: ok" not in result.stderr
    run = invoke(["run", str(ROOT / "rules" / "glute-day.toml"), "--athlete", str(profile)])
    assert run.exit_code == 1 and f"{log}:{rows}:52: " in run.stderr


def test_a_profile_with_a_clean_log_is_ok_and_repeats_are_warned_about(tmp_path):
    # an export with no unit in its header: the weights are read in the athlete's units, with a warning
    (tmp_path / "log.csv").write_text(STRONG.read_text("utf-8").replace("Weight (lb)", "Weight", 1))
    profile = _profile(tmp_path, 'log.csv", "./log.csv')
    result = invoke(["validate", str(profile), "--format", "json"])
    assert result.exit_code == 0, result.stdout
    messages = [p["message"] for p in json.loads(result.stdout)]
    assert f"log {str(tmp_path / 'log.csv')!r} is named twice: its sets are read once" in messages
    assert "no unit column: weights read as lb (the athlete's units)" in messages


def test_a_log_is_checked_on_its_own(tmp_path):
    log = _bad_log(tmp_path)
    result = invoke(["validate", str(log)])
    assert result.exit_code == 1
    assert "expected a number for weight, got 'abc'" in result.stdout
    assert "TOML" not in result.stdout
    assert invoke(["validate", str(STRONG)]).exit_code == 0


def test_a_log_with_another_suffix_is_told_by_its_header(tmp_path):
    log = _bad_log(tmp_path, "strong-export.txt")
    result = invoke(["validate", str(log), "--format", "json"])
    assert result.exit_code == 1
    [error] = [p for p in json.loads(result.stdout) if p["severity"] == "error"]
    assert error["message"] == "expected a number for weight, got 'abc'"


def test_an_unreadable_log_is_a_located_error(tmp_path):
    (tmp_path / "empty.csv").write_text("")
    result = invoke(["validate", str(tmp_path / "empty.csv"), str(tmp_path / "missing.csv")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'empty.csv'}:1:1: $: empty log: expected a header line" in result.stdout
    assert f"{tmp_path / 'missing.csv'}:1:1: $: no such file" in result.stdout


OWN_EXERCISE = """version = 1
[program]
name = "Goblet"
days = ["mon"]
weeks = 1
[[exercise]]
id = "goblet-squat"
name = "Goblet squat"
category = "primary"
loading = "dumbbell"
equipment = ["dumbbells"]
prescription = { sets = 3, reps = 8, rpe = [7, 8] }
[[slot]]
category = "primary"
select = { selector = "ordered", from = ["goblet-squat"] }
"""


def test_a_profile_named_with_a_rule_file_knows_the_rule_files_exercises(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(OWN_EXERCISE, "utf-8")
    profile = tmp_path / "a.toml"
    profile.write_text('[athlete]\nname = "A"\nunits = "kg"\n[maxes]\ngoblet-squat = 20\n', "utf-8")
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,reps,load,units\n2027-01-04,Goblet squat,8,20,kg\n", "utf-8")
    # in any order on the command line: the rule file's exercises are known to the profile and the log
    for order in ([profile, log, rules], [rules, profile, log]):
        result = invoke(["validate", *map(str, order)])
        assert result.exit_code == 0, result.stdout + result.stderr
        assert "unknown exercise" not in result.stdout + result.stderr
    alone = invoke(["validate", str(profile)])  # another program's lift, not a misspelling: a warning
    assert alone.exit_code == 0 and "warning: unknown exercise 'goblet-squat'" in alone.stdout + alone.stderr


def test_a_profile_named_with_a_rule_file_gives_the_warnings_of_its_plan(tmp_path):
    # week 1's 97.5 kg squats logged right, week 2's typed under kg as the plan in pounds (220.5)
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 2.5 }'), weeks=3, units="kg")
    a = athlete(tmp_path, "[maxes]\nsquat = { load = 100, reps = 5, rpe = 9 }\n", units="kg")
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,reps,load,units,rpe\n" + "".join(
        f"{day},squat,5,{load},kg,{rpe}\n" for day, load in (("2027-01-04", 97.5), ("2027-01-11", 220.5))
        for rpe in (7, 7.5, 8)), "utf-8")
    ran = invoke(["run", str(r), "--athlete", str(a), "--log", str(log), "-o", str(tmp_path / "p.json")])
    warned = [line for line in ran.stderr.splitlines() if "check the units" in line]
    assert ran.exit_code == 0 and len(warned) == 1, ran.stderr
    result = invoke(["validate", str(a), str(log), str(r)])
    assert result.exit_code == 0, result.stdout
    assert warned[0] in result.stdout.splitlines()  # the same located warning, once
    assert result.stdout.count("check the units") == 1
    assert f"{a}: ok" in result.stderr
    alone = invoke(["validate", str(a), str(log)])  # without a rule file there is no plan to compare with
    assert alone.exit_code == 0 and "check the units" not in alone.stdout


def test_validate_ends_with_how_many_problems_in_how_many_files(tmp_path):
    log = _bad_log(tmp_path)
    result = invoke(["validate", str(log), str(STRONG)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "engine: 1 problem found in 1 of 2 files"


def test_a_rule_file_and_a_profile_it_cannot_plan_both_fail(tmp_path):
    # A profile with no barbell: the rule file's only slot has no exercise for it. The problem is of the two
    # together, so neither is "ok", and the count says so.
    r = rules(tmp_path, slot("squat", '"double"'))
    a = athlete(tmp_path, '[equipment]\navailable = ["dumbbells"]\n')
    result = invoke(["validate", str(r), str(a)])
    assert result.exit_code == 1 and "0 are eligible for A" in result.stdout
    assert ": ok" not in result.stderr
    assert result.stderr.splitlines()[-1] == "engine: 1 problem found in 2 of 2 files"


def test_a_log_named_with_one_profile_is_read_once_as_that_athletes(tmp_path):
    # no unit column: read in the athlete's units (lb), said once, with or without a rule file
    a = athlete(tmp_path, "")
    lg = tmp_path / "plain.csv"
    lg.write_text("date,exercise,reps,load\n2027-01-04,squat,5,225\n", "utf-8")
    for args in ([a, lg], [rules(tmp_path, slot("squat", '"double"')), a, lg]):
        result = invoke(["validate", *map(str, args)])
        assert result.exit_code == 0, result.stdout
        said = [line for line in result.stdout.splitlines() if "no unit column" in line]
        assert said == [f"{lg}:1:20: $: warning: no unit column: weights read as lb (the athlete's units)"]
    alone = invoke(["validate", str(lg)])  # on its own, in no athlete's units
    assert "checked on its own" in alone.stdout


def test_a_log_the_profile_lists_is_not_named_twice_by_naming_it_to_validate(tmp_path):
    lg = tmp_path / "log.csv"
    lg.write_text("date,exercise,reps,load,units,rpe\n2027-01-04,squat,5,225,lb,8\n", "utf-8")
    a = athlete(tmp_path, "")
    a.write_text('logs = ["log.csv"]\n' + a.read_text("utf-8"), "utf-8")
    result = invoke(["validate", str(rules(tmp_path, slot("squat", '"double"'))), str(a), str(lg)])
    assert result.exit_code == 0 and "twice" not in result.stdout, result.stdout


def test_a_bad_log_named_with_a_profile_fails_itself_not_the_profile(tmp_path):
    # The log is read as the athlete's; its problem is its own: the profile is ok, "1 of 2 files". A log the
    # profile lists itself is the profile's own: a problem there fails the profile too.
    a, lg = athlete(tmp_path, ""), _bad_log(tmp_path)
    result = invoke(["validate", str(a), str(lg)])
    assert result.exit_code == 1
    assert f"{a}: ok" in result.stderr
    assert result.stderr.splitlines()[-1] == "engine: 1 problem found in 1 of 2 files"
    listed = _profile(tmp_path, lg.name)
    result = invoke(["validate", str(listed)])
    assert result.exit_code == 1 and f"{listed}: ok" not in result.stderr


def test_a_profile_and_a_log_are_read_with_the_rule_files_aliases(tmp_path):
    # The rule file names 'Strict Press (Barbell)' an exercise of its catalog: validate read the logs without it,
    # warned of an unknown exercise the file already maps, and said the overlap of two logs twice (32 and 42
    # sessions: with and without the alias)
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 5 }'),
              extra='[aliases]\n"Heavy Squat (Barbell)" = "squat"\n')
    log = tmp_path / "log.csv"
    log.write_text(STRONG.read_text("utf-8").replace("Squat (Barbell)", "Heavy Squat (Barbell)"), "utf-8")
    profile = _profile(tmp_path, log.name)
    result = invoke(["validate", str(r), str(profile)])
    assert result.exit_code == 0, result.output
    assert "unknown exercise 'Heavy Squat (Barbell)'" not in result.output
    result = invoke(["validate", str(r), str(log)])
    assert result.exit_code == 0 and "Heavy Squat" not in result.output, result.output
