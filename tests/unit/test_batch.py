"""`engine batch`: many athletes, one output each, failures isolated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.testing import invoke

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
ATHLETES = ROOT / "athletes"


def team(tmp_path: Path, n: int = 6, broken: tuple[int, ...] = ()) -> Path:
    folder = tmp_path / "team"
    (folder / "logs").mkdir(parents=True)
    shutil.copy(ATHLETES / "logs" / "sam-hevy.csv", folder / "logs" / "shared.csv")
    for i in range(n):
        text = (f'logs = ["logs/shared.csv"]\n[athlete]\nname = "Athlete {i}"\nunits = "lb"\n'
                f'[maxes]\nsquat = {200 + 5 * i}\n')
        if i in broken:
            text = text.replace(f"squat = {200 + 5 * i}", 'squat = "heavy"')
        (folder / f"a{i}.toml").write_text(text)
    return folder


def run(*args):
    return invoke(["batch", *map(str, args)])


def test_one_output_per_athlete_identical_to_single_runs(tmp_path):
    folder = team(tmp_path, 4)
    out = tmp_path / "out"
    result = run(RULES / "glute-day.toml", folder, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a0.json", "a1.json", "a2.json", "a3.json"]
    assert "engine: 4 planned, 0 failed" in result.stderr
    single = invoke(["run", str(RULES / "glute-day.toml"), "--athlete", str(folder / "a2.toml"), "-f", "json"])
    assert (out / "a2.json").read_bytes() == single.stdout_bytes


def test_jobs_give_the_same_bytes(tmp_path):
    folder = team(tmp_path, 12)
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(RULES / "full-body.toml", folder, "-o", one, "-f", "markdown").exit_code == 0
    result = run(RULES / "full-body.toml", folder, "-o", two, "-f", "markdown", "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    for f in one.iterdir():
        assert (two / f.name).read_bytes() == f.read_bytes()


def test_broken_athletes_are_reported_and_do_not_stop_the_others(tmp_path):
    folder = team(tmp_path, 5, broken=(1, 3))
    (folder / "logs" / "bad.csv").write_text("date,exercise,reps\n2026-12-07,squat,lots\n")
    (folder / "a4.toml").write_text(
        (folder / "a4.toml").read_text().replace("logs/shared.csv", "logs/bad.csv"))
    out = tmp_path / "out"
    for jobs in ("1", "2"):
        result = run(RULES / "glute-day.toml", folder, "-o", out, "-j", jobs)
        assert result.exit_code == 1
        assert "Traceback" not in result.stderr
        assert sorted(p.name for p in out.iterdir()) == ["a0.json", "a2.json"]
        lines = result.stderr.splitlines()
        assert f"engine: {folder / 'a1.toml'} failed:" in lines
        assert any("a1.toml:6:9: $.maxes.squat: expected a number" in line for line in lines)
        assert any("bad.csv:2:18: $[0].reps: expected a whole number of reps" in line for line in lines)
        assert lines[-1].startswith("engine: 2 planned, 3 failed")
        shutil.rmtree(out)


def test_a_failed_athletes_earlier_output_is_left_as_it_was_and_said_to_be_stale(tmp_path):
    # Nothing is lost: last week's plan of an athlete whose profile broke this week stays, byte for byte, and
    # the failure says it is not this run's, so it is not handed out again unawares (review 86 L4).
    folder = team(tmp_path, 3)
    out = tmp_path / "out"
    assert run(RULES / "glute-day.toml", folder, "-o", out).exit_code == 0
    before = (out / "a1.json").read_bytes()
    (folder / "a1.toml").write_text((folder / "a1.toml").read_text().replace("squat = 205", 'squat = "heavy"'))
    result = run(RULES / "glute-day.toml", folder, "-o", out)
    assert result.exit_code == 1
    assert (out / "a1.json").read_bytes() == before
    assert f"  {out / 'a1.json'} is an earlier run's plan, left as it was: not this run's" in result.stderr.splitlines()
    assert result.stderr.count("earlier run's plan") == 1
    shutil.rmtree(out)  # with no earlier output, nothing is said of one
    assert "earlier run's plan" not in run(RULES / "glute-day.toml", folder, "-o", out).stderr


def test_an_earlier_output_is_replaced_atomically_and_inputs_are_refused(tmp_path):
    folder = team(tmp_path, 2)
    out = tmp_path / "out"
    out.mkdir()
    (out / "a0.json").write_text("old")
    assert run(RULES / "glute-day.toml", folder, "-o", out).exit_code == 0
    assert (out / "a0.json").read_text().startswith("{")
    # Writing the outputs next to the profiles would overwrite nothing of
    # theirs (other extension), but text outputs named like a profile would.
    result = run(RULES / "glute-day.toml", folder, "-o", folder, "-f", "text")
    assert result.exit_code == 0 and (folder / "a0.txt").exists()


def test_an_output_that_would_replace_an_athletes_log_refuses_the_batch_before_writing(tmp_path):
    folder = team(tmp_path, 3)
    # a1 keeps its log next to its profile, under the name its output would get.
    shutil.copy(folder / "logs" / "shared.csv", folder / "a1.json")
    (folder / "a1.toml").write_text((folder / "a1.toml").read_text().replace("logs/shared.csv", "a1.json"))
    before = (folder / "a1.json").read_bytes()
    result = run(RULES / "glute-day.toml", folder, "-o", folder)
    assert result.exit_code == 2
    assert (folder / "a1.json").read_bytes() == before
    assert "refusing to write over the batch's inputs; nothing was written" in result.stderr
    # said once ("X is X, a log named by ..." repeated it)
    assert f"{folder / 'a1.json'} is a log named by {folder / 'a1.toml'}" in result.stderr
    assert not (folder / "a0.json").exists() and not (folder / "a2.json").exists()


def test_usage_errors(tmp_path):
    folder = team(tmp_path, 1)
    result = run(RULES / "glute-day.toml", tmp_path / "nobody", "-o", tmp_path / "o")
    assert result.exit_code == 2 and "does not exist" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(RULES / "glute-day.toml", empty, "-o", tmp_path / "o")
    assert result.exit_code == 2 and "no athlete profiles found" in result.stderr
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(folder / "a0.toml", other / "a0.toml")
    result = run(RULES / "glute-day.toml", folder, other, "-o", tmp_path / "o")
    assert result.exit_code == 2 and "would both write a0.json" in result.stderr
    result = run(RULES / "glute-day.toml", folder, "-o", tmp_path / "o", "-f", "nope")
    assert result.exit_code == 2 and "no exporter named 'nope'" in result.stderr


@pytest.mark.parametrize("broken", ["weeks", "syntax", "missing"])
def test_a_broken_rule_file_is_said_once_and_nothing_is_written(tmp_path, broken):
    # Once, not once per athlete (500 athletes printed it 500 times), and no output folder made for nothing.
    folder = team(tmp_path, 3)
    rules = tmp_path / "bad.toml"
    text = (RULES / "glute-day.toml").read_text()
    if broken != "missing":
        rules.write_text(text.replace("weeks = 8", 'weeks = "eight"') if broken == "weeks" else text + "[program\n")
    result = run(rules, folder, "-o", tmp_path / "o")
    assert result.exit_code == 1
    said = {"weeks": "$.program.weeks: expected a whole number", "syntax": "TOML syntax error",
            "missing": "no such file"}[broken]
    assert result.stderr.count(said) == 1
    assert f"engine: {rules} failed: no athlete planned, nothing written" in result.stderr
    assert not (tmp_path / "o").exists()


def test_athletes_planned_with_warnings_are_named(tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "calm.toml").write_text('[athlete]\nname = "Calm"\nunits = "lb"\n')
    for name in ("odd", "odder"):  # a log with no unit column: its weights are read in the athlete's units
        (folder / f"{name}.csv").write_text("date,exercise,reps,load\n2026-12-07,squat,5,225\n")
        (folder / f"{name}.toml").write_text(f'logs = ["{name}.csv"]\n[athlete]\nname = "{name}"\nunits = "lb"\n')
    result = run(RULES / "glute-day.toml", folder, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    # each with its own located warnings, as `engine run` prints them (at the header's load column)
    for name in ("odd", "odder"):
        assert (f"engine: {folder / (name + '.toml')} planned with warnings:\n  {folder / (name + '.csv')}:1:20: $: "
                "warning: no unit column: weights read as lb") in result.stderr, result.stderr
    assert "calm.toml planned with warnings" not in result.stderr


def test_past_ten_athletes_with_warnings_the_rest_are_counted(tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    for i in range(12):
        (folder / f"a{i:02}.csv").write_text("date,exercise,reps,load\n2026-12-07,squat,5,225\n")
        (folder / f"a{i:02}.toml").write_text(f'logs = ["a{i:02}.csv"]\n[athlete]\nname = "A{i}"\nunits = "lb"\n')
    result = run(RULES / "glute-day.toml", folder, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("planned with warnings:") == 10
    assert (f"engine: 2 more athletes planned with warnings ({folder / 'a10.toml'}, {folder / 'a11.toml'}); "
            "`engine run RULES --athlete FILE` shows them" in result.stderr)


def test_a_batch_locates_warnings_when_it_shows_them_as_engine_run_does(tmp_path):
    from engine import batch
    from engine.pipeline import load_rules, plan_loaded
    from engine.plugins import build_registry

    folder = team(tmp_path, 1)
    profile = folder / "a0.toml"
    # a sensitivity the rule file has no table for: a warning at a line of the profile
    profile.write_text(profile.read_text().replace('units = "lb"\n', 'units = "lb"\nsensitivities = ["knees"]\n'))
    registry = build_registry(load_entry_points=False)
    loaded = load_rules(RULES / "glute-day.toml", registry)
    eager = plan_loaded(loaded, registry, athlete=profile)
    lazy = plan_loaded(loaded, registry, athlete=profile, locate=False)
    own = [w for w in eager.warnings if w not in loaded.warnings]
    assert own and all(w.line for w in own)
    assert not any(w.line for w in lazy.warnings if w.file == str(profile))  # not located yet
    [result] = batch.run(batch.Job(str(RULES / "glute-day.toml"), "json"), [profile])
    assert result.located() == own


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_athletes_of_one_name_are_warned_about_at_the_later_name(tmp_path, jobs):
    # Two profiles both name their athlete "Alex": their sheets say the same name, and a calendar made from them
    # (whose event IDs come from the program and the athlete's name) mixes their events up. Both are planned; the
    # second is warned about at its name, naming the first.
    folder = tmp_path / "twins"
    folder.mkdir()
    for stem, units in (("alex-a", "kg"), ("alex-b", "lb"), ("sam", "lb")):
        name = "Sam" if stem == "sam" else "Alex"
        (folder / f"{stem}.toml").write_text(f'[athlete]\nname = "{name}"\nunits = "{units}"\nbodyweight = 80\n')
    result = run(RULES / "glute-day.toml", folder, "-o", tmp_path / "out", "--jobs", jobs)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"engine: {folder / 'alex-b.toml'} planned with warnings:",
        f"  {folder / 'alex-b.toml'}:2:8: $.athlete.name: warning: 'Alex' is also the athlete's name in "
        f"{folder / 'alex-a.toml'}: their plans carry the same name (a calendar made from them can mix their "
        "events up); give each athlete a name of its own",
        f"engine: 3 planned, 0 failed; outputs in {tmp_path / 'out'}"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["alex-a.json", "alex-b.json", "sam.json"]


def test_the_rule_files_own_warnings_are_said_once_before_the_athletes(tmp_path):
    # a rule-file warning (two slots of one name) is every athlete's: no athlete lists it, the batch says it once
    rules = tmp_path / "rules.toml"
    slots = "".join(f'[[slot]]\nname = "main"\ncategory = "primary"\n'
                    f'select = {{ selector = "ordered", from = ["{e}"] }}\n' for e in ("squat", "deadlift"))
    rules.write_text('version = 1\n[program]\nname = "P"\ndays = ["mon"]\nweeks = 2\nunits = "lb"\n' + slots)
    folder = team(tmp_path, 3)
    result = run(rules, folder, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    said = [line for line in lines if "main" in line and "warning" in line]
    assert len(said) == 1 and lines[0] == said[0] and said[0].startswith(f"{rules}:"), result.stderr
