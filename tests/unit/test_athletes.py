"""Athlete profiles end to end: validation, equipment and sensitivities,
loads from maxes, deloads, units, and `engine explain`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from engine.errors import EngineError
from engine.pipeline import plan_rules
from engine.testing import invoke, make_registry

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
ATHLETES = ROOT / "athletes"
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<path>\$\S*): (?P<msg>.+)$")

SQUAT_DAY = """\
version = 1
[program]
name = "Squat day"
days = ["mon"]
weeks = {weeks}
units = "{units}"
start = 2026-12-07
{extra_program}
[[slot]]
category = "primary"
select = {{ selector = "ordered", from = ["squat"] }}
progression = {{ policy = "double", increment = {increment} }}
{extra}
"""


def squat_day(tmp_path, *, weeks=4, units="lb", increment=5, extra="", extra_program=""):
    path = tmp_path / "squat.toml"
    path.write_text(SQUAT_DAY.format(weeks=weeks, units=units, increment=increment, extra=extra,
                                     extra_program=extra_program))
    return path


def athlete(tmp_path, text, name="a.toml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def squats(plan):
    return [ex for w in plan.weeks for d in w.days for ex in d.exercises if ex.exercise.id == "squat"]


def test_example_profiles_plan_the_example_rule_files():
    reg = make_registry()
    for rules in sorted(RULES.glob("*.toml")):
        for person in sorted(ATHLETES.glob("*.toml")):
            plan = plan_rules(rules, reg, athlete=person).plan
            assert plan.athlete is not None and plan.units == plan.athlete.units


def test_loads_come_from_a_one_rep_max(tmp_path):
    person = athlete(tmp_path, '[athlete]\nname = "A"\nunits = "lb"\n[maxes]\nsquat = 315\n')
    plan = plan_rules(squat_day(tmp_path), make_registry(), athlete=person).plan
    first = squats(plan)[0]
    # 4 reps at RPE 7 is 7 reps to failure: 1 / (1 + 7/30) = 81.1% of 315 = 255.4 -> 255.
    assert [s.load for s in first.sets] == [255.0] * 3
    assert first.basis.e1rm == pytest.approx(315)
    assert first.basis.percent == pytest.approx(1 / (1 + 7 / 30))
    assert "2 x (45 + 45 + 10 + 5)" in first.basis.rounding
    # Double progression: reps climb to 6 at the same load, then +5 lb and back to 4.
    assert [(ex.target.reps, ex.sets[0].load) for ex in squats(plan)] == [
        (4, 255.0), (5, 255.0), (6, 255.0), (4, 260.0)]


def test_a_top_set_max_is_estimated(tmp_path):
    person = athlete(tmp_path, '[athlete]\nname = "A"\nunits = "lb"\n'
                               '[maxes]\nsquat = { load = 275, reps = 5, rpe = 8 }\n')
    first = squats(plan_rules(squat_day(tmp_path), make_registry(), athlete=person).plan)[0]
    assert first.basis.e1rm == pytest.approx(275 * (1 + 7 / 30))
    assert first.sets[0].load == 275.0  # 4 @ 7 is the same effort as 5 @ 8


def test_a_variant_max_beats_the_exercise_max(tmp_path):
    person = athlete(tmp_path, '[athlete]\nname = "A"\nunits = "lb"\n[maxes]\nsquat = 300\n"squat/high-bar" = 400\n')
    first = squats(plan_rules(squat_day(tmp_path), make_registry(), athlete=person).plan)[0]
    assert first.basis.e1rm == pytest.approx(400)


def test_without_a_max_the_load_is_left_to_effort(tmp_path):
    person = athlete(tmp_path, '[athlete]\nname = "A"\nunits = "lb"\n')
    first = squats(plan_rules(squat_day(tmp_path), make_registry(), athlete=person).plan)[0]
    assert first.sets[0].load is None
    assert "choose the load by effort" in first.basis.note


def test_kg_athlete_on_a_lb_program_gets_kg_loads_and_converted_increments(tmp_path):
    person = athlete(tmp_path, '[athlete]\nname = "A"\nunits = "kg"\n[maxes]\nsquat = 140\n')
    plan = plan_rules(squat_day(tmp_path, increment=5.5115), make_registry(), athlete=person).plan
    assert plan.units == "kg"
    loads = [ex.sets[0].load for ex in squats(plan)]
    assert loads[0] == 112.5  # 81.1% of 140 = 113.5 -> 112.5 (the nearest of 112.5 and 115)
    assert loads[3] - loads[2] == pytest.approx(2.5)  # 5.5115 lb is 2.5 kg


def test_equipment_makes_forms_and_exercises_ineligible(tmp_path):
    text = (RULES / "glute-day.toml").read_text()
    rules = tmp_path / "g.toml"
    rules.write_text(text)
    person = athlete(tmp_path, '[athlete]\nname = "A"\nunits = "lb"\n'
                     '[equipment]\navailable = ["barbell", "plates", "rack", "bench", "box", "dumbbells", "band"]\n')
    plan = plan_rules(rules, make_registry(), athlete=person).plan
    picked = {ex.choice.key for w in plan.weeks for d in w.days for ex in d.exercises}
    assert "hamstring-curl/band" in picked  # the only form without a machine
    assert not any(k.startswith("hip-extension") for k in picked)  # needs a back-extension bench
    trace = next(t for t in plan.selections if t.slot == "accessories")
    assert trace.removed["hip-extension"].startswith("equipment: needs back-extension-bench")


def test_no_eligible_exercise_says_which_filter_removed_which(tmp_path):
    rules = tmp_path / "g.toml"
    rules.write_text((RULES / "glute-day.toml").read_text().replace(
        'prefer = ["low-back-friendly"]', 'avoid = ["spinal-loading"]'))
    person = athlete(tmp_path, '[athlete]\nname = "Sam"\nunits = "lb"\nsensitivities = ["low-back"]\n')
    result = invoke(["run", str(rules), "--athlete", str(person)])
    assert result.exit_code == 1
    line, second, summary = result.stderr.strip().splitlines()
    assert summary == "engine: 2 problems found"  # every slot it empties, not the first only
    assert "$.slot[1].select: slot 'hip extension' needs 2 exercises but 1 is eligible for Sam" in second
    m = LINE.match(line)
    assert m and m["path"] == "$.slot[0].select" and m["line"] == "30"
    assert "squat (sensitivity low-back avoids the tag 'spinal-loading')" in m["msg"]
    assert "deadlift (sensitivity low-back" in m["msg"]


def test_sensitivity_prefers_tagged_exercises(tmp_path):
    reg = make_registry()
    plain = plan_rules(RULES / "low-back-friendly.toml", reg).plan
    sam = plan_rules(RULES / "low-back-friendly.toml", reg, athlete=ATHLETES / "sam.toml").plan
    keys = lambda plan: {ex.exercise.id for w in plan.weeks for d in w.days for ex in d.exercises}  # noqa: E731
    assert "squat" in keys(plain) and "squat" not in keys(sam)
    assert "split-squat" in keys(sam)


def test_unaddressed_sensitivity_is_a_located_warning(tmp_path):
    person = athlete(tmp_path, '[athlete]\nname = "A"\nunits = "lb"\nsensitivities = ["knees"]\n')
    result = invoke(["run", str(squat_day(tmp_path)), "--athlete", str(person)])
    assert result.exit_code == 0
    assert re.search(r"a\.toml:4:\d+: \$\.athlete\.sensitivities\[0\]: warning: the rule file has no "
                     r"\[sensitivity\.knees\] table", result.stderr)


@pytest.mark.parametrize("text, path, message", [
    ('[athlete]\nname = "A"\n', "$.athlete", "units"),
    ('[athlete]\nname = "A"\nunits = "stone"\n', "$.athlete.units", "stone"),
    ('[athlete]\nname = "A"\nunits = "kg"\nbodyweight = -3\n', "$.athlete.bodyweight", "-3"),
    ('[athlete]\nname = "A"\nunits = "kg"\n[maxes]\nsqaut = 100\n', "$.maxes.sqaut", "did you mean 'squat'"),
    ('[athlete]\nname = "A"\nunits = "kg"\n[maxes]\n"squat/front" = 100\n', "$.maxes['squat/front']", "no variant"),
    ('[athlete]\nname = "A"\nunits = "kg"\n[equipment]\ndumbbells = { min = 50, max = 5, step = 5 }\n',
     "$.equipment.dumbbells", "below min"),
    ('[athlete]\nname = "A"\nunits = "kg"\nfavourite = "squat"\n', "$.athlete.favourite", "unknown key"),
    ('logs = ["../../etc/passwd"]\n[athlete]\nname = "A"\nunits = "kg"\n', "$.logs[0]", "outside"),
    ('[athlete\nname = "A"\n', "$", "TOML syntax error"),
])
def test_bad_profiles_get_located_messages(tmp_path, text, path, message):
    person = athlete(tmp_path, text)
    result = invoke(["run", str(squat_day(tmp_path)), "--athlete", str(person)])
    assert result.exit_code == 1, result.stdout
    assert "Traceback" not in result.stderr
    lines = [LINE.match(x) for x in result.stderr.strip().splitlines()[:-1]]
    assert result.stderr.strip().splitlines()[-1].startswith("engine: ")
    assert all(lines), result.stderr
    assert any(m["path"] == path and message in m["msg"] and m["file"] == str(person) for m in lines), result.stderr


def test_missing_profile_is_a_clear_error(tmp_path):
    result = invoke(["run", str(squat_day(tmp_path)), "--athlete", str(tmp_path / "nobody.toml")])
    assert result.exit_code == 1
    assert "nobody.toml:1:1: $: no such file" in result.stderr


def test_deload_weeks_cut_sets_and_load_and_pause_progression(tmp_path):
    rules = squat_day(tmp_path, weeks=8, extra="[deload]\nevery = 4\nsets = 0.5\nload = 0.9\n")
    person = athlete(tmp_path, '[athlete]\nname = "A"\nunits = "lb"\n[maxes]\nsquat = 315\n')
    plan = plan_rules(rules, make_registry(), athlete=person).plan
    got = [(ex.target.reps, len(ex.sets), ex.sets[0].load, ex.deload) for ex in squats(plan)]
    assert got[3] == (6, 2, 230.0, True)   # 3 sets -> 2 (half, rounded), 0.9 x 255 = 229.5 -> 230
    assert got[4] == (4, 3, 260.0, False)  # continues as if week 4 had not happened
    assert got[7][3] is True


def test_per_week_progression_advances_in_weeks_without_the_exercise(tmp_path):
    text = (RULES / "glute-day.toml").read_text().replace(
        'policy = "double"\nincrement = 5', 'policy = "double"\nincrement = 5\nper = "week"')
    rules = tmp_path / "g.toml"
    rules.write_text(text)
    plan = plan_rules(rules, make_registry()).plan
    reps = [ex.target.reps for ex in squats(plan)]
    assert reps[:2] == [4, 6]  # squat in weeks 1 and 3: two weeks of progress between them


def test_explain_text_and_json(tmp_path):
    result = invoke(["explain", str(RULES / "glute-day.toml"), "--athlete", str(ATHLETES / "sam.toml")])
    assert result.exit_code == 0, result.stderr
    assert "slot 'main lift' (rotate): candidates squat, deadlift" in result.stdout
    assert "e1RM 315 lb -> 81.1% for 4 reps at RPE 7 -> 255.41 -> 255 lb" in result.stdout
    # Sam's low-back sensitivity puts the hip extension first among the accessories, and says so
    accessories = "slot 'accessories' (rotate): candidates hip-extension, step-up, hamstring-curl, split-squat"
    assert accessories in result.stdout
    assert "sensitivity low-back prefers exercises tagged low-back-friendly: hip-extension first" in result.stdout
    # the main lifts' order is the rule file's: nothing to say
    assert "main lift" in result.stdout and result.stdout.count("prefers exercises tagged") == 8  # (each week)
    result = invoke(["explain", str(RULES / "glute-day.toml"), "--athlete", str(ATHLETES / "sam.toml"),
                     "--format", "json"])
    data = json.loads(result.stdout)
    assert data["athlete"] == "Sam" and data["effort_model"] == "epley"
    first = data["loads"][0]
    assert first["exercise"] == "squat/high-bar" and first["basis"]["load"] == 255.0
    assert data["selections"][0]["picked"] == ["squat/high-bar"]


def test_json_export_carries_athlete_and_load_basis():
    result = invoke(["run", str(RULES / "glute-day.toml"), "--athlete", str(ATHLETES / "alex.toml"), "-f", "json"])
    data = json.loads(result.stdout)
    assert data["units"] == "kg" and data["athlete"]["name"] == "Alex"
    squat = data["weeks"][0]["days"][0]["exercises"][0]
    assert squat["sets"][0]["load"] == 100.0 and squat["load_basis"]["rounding"].startswith("barbell 20 kg")
    assert data["weeks"][0]["done"] is False


def test_athlete_without_rules_error_is_exit_1_not_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe garbage")
    result = invoke(["explain", str(RULES / "glute-day.toml"), "--athlete", str(bad)])
    assert result.exit_code == 1 and "not valid UTF-8" in result.stderr


def test_plan_rules_raises_engine_error_for_bad_profile(tmp_path):
    person = athlete(tmp_path, '[athlete]\nname = 3\nunits = "kg"\n')
    with pytest.raises(EngineError):
        plan_rules(squat_day(tmp_path), make_registry(), athlete=person)


@pytest.mark.parametrize("equipment, where, message", [
    ("machines = { leg-curl-machine = { step = 10, max = 5 } }", "$.equipment.machines.leg-curl-machine.max",
     "max 5 is below one step (10)"),
    ("machines = { leg-curl-machine = { step = 5, min = 20, max = 15 } }", "$.equipment.machines.leg-curl-machine.max",
     "max 15 is below min 20"),
    ("machine_max = 3", "$.equipment.machine_max", "3 is below one step (10)"),
    ("machine_step = 0.01", "$.equipment.machine_step", "0.01 is less than the minimum of 0.1"),
])
def test_a_stack_that_cannot_exist_is_a_located_error(tmp_path, equipment, where, message):
    person = athlete(tmp_path, f'[athlete]\nname = "A"\nunits = "lb"\n[equipment]\n{equipment}\n')
    result = invoke(["run", str(squat_day(tmp_path)), "--athlete", str(person)])
    assert result.exit_code == 1
    assert any(f"{where}: {message}" in line for line in result.stderr.splitlines()), result.stderr


def test_a_stack_with_a_tiny_step_is_planned_without_listing_every_setting(tmp_path):
    person = athlete(tmp_path, '[athlete]\nname = "A"\nunits = "lb"\n[equipment]\nmachine_step = 0.1\n'
                               '[maxes]\nhamstring-curl = 90\n')
    r = tmp_path / "curl.toml"
    r.write_text('version = 1\n[program]\nname = "C"\ndays = ["mon"]\nweeks = 3\nunits = "lb"\n[[slot]]\n'
                 'category = "tertiary"\nselect = { selector = "ordered", from = ["hamstring-curl"] }\n'
                 'progression = "double"\n')
    loads = [ex.sets[0].load for w in plan_rules(r, make_registry(), athlete=person).plan.weeks
             for d in w.days for ex in d.exercises]
    # a 90 lb one-rep max; 10 reps at RPE 8 (12 to failure): 90 / 1.4 = 64.29, to the 0.1 lb step
    assert loads == [64.3, 64.3, 64.3]


def test_a_max_for_an_exercise_no_program_here_defines_is_a_warning_and_a_misspelling_an_error(tmp_path):
    # One profile kept for several programs: a max for an exercise another rule file defines is not used here.
    profile = tmp_path / "kim.toml"
    profile.write_text('[athlete]\nname = "Kim"\nunits = "kg"\n[maxes]\nsquat = 100\npush-up = 20\n')
    result = invoke(["run", str(RULES / "glute-day.toml"), "--athlete", str(profile)])
    assert result.exit_code == 0, result.stderr
    assert (f"{profile}:6:1: $.maxes.push-up: warning: unknown exercise 'push-up': neither this program nor "
            "the catalog defines it, so this max is not used here") in result.stderr
    # a name close to one the program knows is a misspelling: an error that names the likely one
    profile.write_text('[athlete]\nname = "Kim"\nunits = "kg"\n[maxes]\nsquat = 100\nhip-thurst = 120\n')
    result = invoke(["run", str(RULES / "glute-day.toml"), "--athlete", str(profile)])
    assert result.exit_code == 1
    assert "$.maxes.hip-thurst: unknown exercise 'hip-thurst'; did you mean 'hip-thrust'?" in result.stderr


@pytest.mark.parametrize(("maxes", "error", "warned"), [
    # another program's lifts, only loosely like this one's (leg-press ~ bench-press 0.7, goblet-squat ~
    # split-squat 0.7): warnings with the hint, the athlete is planned
    ("leg-press = 300\ngoblet-squat = 40\n", None, ["leg-press", "goblet-squat"]),
    # a misspelling (0.9 alike) of a lift with no max of its own: an error
    ("hip-thurst = 120\n", "hip-thurst", []),
    # the same spelling next to the lift's own max is not its misspelling: a warning
    ("hip-thrust = 140\nhip-thurst = 120\n", None, ["hip-thurst"]),
])
def test_only_a_close_misspelling_of_a_lift_without_its_own_max_is_an_error(tmp_path, maxes, error, warned):
    profile = tmp_path / "kim.toml"
    profile.write_text(f'[athlete]\nname = "Kim"\nunits = "kg"\n[maxes]\nsquat = 100\n{maxes}')
    result = invoke(["run", str(RULES / "glute-day.toml"), "--athlete", str(profile)])
    assert result.exit_code == (1 if error else 0), result.stderr
    if error:
        assert f"$.maxes.{error}: unknown exercise '{error}'; did you mean" in result.stderr
    for name in warned:
        assert f"$.maxes.{name}: warning: unknown exercise '{name}'" in result.stderr
    assert ("(did you mean 'split-squat'?)" in result.stderr) == ("goblet-squat" in warned)


def test_equipment_no_exercise_needs_is_a_warning_only_when_it_looks_misspelt(tmp_path):
    # a gym's list names what other programs use (a cable stack, a leg press); 'barbel' is a slip for barbell
    profile = tmp_path / "gym.toml"
    profile.write_text('[athlete]\nname = "G"\nunits = "kg"\n[equipment]\n'
                       'available = ["barbel", "barbell", "plates", "rack", "bench", "box", "dumbbells", "cable", '
                       '"leg-press-machine"]\n')
    result = invoke(["run", str(RULES / "glute-day.toml"), "--athlete", str(profile)])
    said = [line for line in result.stderr.splitlines() if "no exercise needs" in line]
    assert said == [f"{profile}:5:14: $.equipment.available[0]: warning: no exercise needs 'barbel'; "
                    "did you mean 'barbell'?"]


def test_every_slot_the_athlete_cannot_fill_is_reported_at_once(tmp_path):
    person = athlete(tmp_path, '[athlete]\nname = "Bo"\nunits = "kg"\n[equipment]\navailable = []\n')
    with pytest.raises(EngineError) as info:
        plan_rules(RULES / "glute-day.toml", make_registry(), athlete=person)
    found = [(p.path, p.message.split(":")[0]) for p in info.value.problems]
    assert found == [
        (("slot", 0, "select"), "slot 'main lift' needs 1 exercise but 0 are eligible for Bo"),
        (("slot", 1, "select"), "slot 'hip extension' needs 2 exercises but 0 are eligible for Bo"),
        (("slot", 2, "select"), "slot 'accessories' needs 2 exercises but 1 is eligible for Bo"),
    ]
    assert all(p.line > 0 for p in info.value.problems)  # located in the rule file


def test_a_profile_the_schema_rejects_also_names_its_unknown_exercises_at_once(tmp_path):
    # A misspelt key, a bad value and a misspelt exercise under [maxes]: all three in one run (validate
    # reports on standard output, as check-jsonschema does).
    profile = tmp_path / "a.toml"
    profile.write_text('[athlete]\nname = "A"\nunits = "lb"\nbodyweigth = 180\n[equipment]\nmachine_step = "10lb"\n'
                       '[maxes]\nhip-thurst = { load = 200, reps = 8, rpe = 8 }\n')
    result = invoke(["validate", str(profile)])
    assert result.exit_code == 1
    found = [LINE.match(line).group("path") for line in result.stdout.splitlines() if LINE.match(line)]
    assert found == ["$.athlete.bodyweigth", "$.equipment.machine_step", "$.maxes.hip-thurst"]
    assert "unknown exercise 'hip-thurst'; did you mean 'hip-thrust'?" in result.stdout
