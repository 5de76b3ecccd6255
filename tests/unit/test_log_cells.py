"""Cells a log leaves out or gets wrong that a plan must not guess at: an
empty load on a loaded lift, a short row, one session in two units, a done
set without reps; and warnings that point at the cell they are about."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.catalog import builtin_exercises
from engine.errors import EngineError
from engine.logs import LOG_COLUMNS, ExerciseNames, read_logs
from engine.testing import invoke

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules" / "glute-day.toml"
SAM = ROOT / "athletes" / "sam.toml"
STRONG = ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight (lb),Reps,Distance,Seconds,Notes,"
          "Workout Notes,RPE\n")
HEVY = ("title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,"
        "weight_lbs,reps,distance_km,duration_seconds,rpe\n")
HAND = "date,exercise,reps,load,units,rpe\n"


@pytest.fixture(scope="module")
def names():
    return ExerciseNames.from_exercises({e.id: e for e in builtin_exercises()})


def write(tmp_path, text, name="log.csv"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def errors(path, names):
    with pytest.raises(EngineError) as exc:
        read_logs([path], names, default_units="kg")
    return [(p.line, p.column, p.path, p.message) for p in exc.value.problems if p.severity == "error"]


# -- a loaded lift with an empty load --------------------------------------------

def test_an_empty_load_on_a_barbell_lift_is_an_error_at_the_load_cell(tmp_path, names):
    path = write(tmp_path, HAND + "2027-01-04,squat,4,,kg,7\n" * 3)
    found = errors(path, names)
    assert [(line, col, where) for line, col, where, _ in found] == [(n, 20, (n - 2, "load")) for n in (2, 3, 4)]
    assert "missing load: squat is a barbell lift: write the weight of the bar and its plates" in found[0][3]


@pytest.mark.parametrize("row, kind", [
    ("hamstring-curl,10,,kg,8", "machine or cable"),  # the default form: the machine
    ("hip-thrust/machine,10,,kg,8", "machine or cable"),
    ("Trap Bar Deadlift,5,,kg,8", "trap-bar"),
])
def test_every_loaded_form_needs_its_load(tmp_path, names, row, kind):
    [(_, _, where, message)] = errors(write(tmp_path, HAND + f"2027-01-04,{row}\n"), names)
    assert where == (0, "load") and kind in message


def test_an_empty_load_is_bodyweight_alone_for_bodyweight_exercises_and_bands(tmp_path, names):
    text = ("date,exercise,variant,reps,load,units\n2027-01-04,hip-extension,,10,,kg\n"
            "2027-01-04,split-squat,dumbbell,10,,kg\n2027-01-04,hamstring-curl,band,12,,kg\n")
    log, warnings = read_logs([write(tmp_path, text)], names, default_units="kg")
    assert [(s.exercise, s.load) for s in log.sets] == [
        ("hip-extension", None), ("split-squat", None), ("hamstring-curl", None)]
    assert warnings == []


def test_a_dumbbell_form_of_a_machine_exercise_needs_its_load(tmp_path, names):
    path = write(tmp_path, "date,exercise,variant,reps,load\n2027-01-04,hamstring-curl,dumbbell,12,\n")
    [(_, _, where, message)] = errors(path, names)
    assert where == (0, "load") and "hamstring-curl/dumbbell is a dumbbell lift: write the weight of one" in message


def test_an_exported_plan_filled_in_without_loads_still_reads_its_target_load(tmp_path, names):
    row = dict.fromkeys(LOG_COLUMNS, "")
    row.update(date="2027-01-04", exercise="squat", target_load="100", units="kg", reps="5")
    text = ",".join(LOG_COLUMNS) + "\n" + ",".join(row.values()) + "\n"
    log, warnings = read_logs([write(tmp_path, text)], names, default_units="kg")
    assert [s.load for s in log.sets] == [100.0] and "target_load" in warnings[0].message
    row["target_load"] = ""  # the plan had no load to give: the athlete must write one
    text = ",".join(LOG_COLUMNS) + "\n" + ",".join(row.values()) + "\n"
    [(_, _, where, _)] = errors(write(tmp_path, text), names)
    assert where == (0, "load")


def test_a_log_without_a_load_column_is_one_error(tmp_path, names):
    found = errors(write(tmp_path, "date,exercise,reps\n" + "2027-01-04,squat,5\n" * 5), names)
    assert [(line, col, where) for line, col, where, _ in found] == [(2, 19, (0, "load"))]
    assert "no 'load' column" in found[0][3]


def test_strong_and_hevy_weights_left_empty_on_loaded_lifts(tmp_path, names):
    strong = STRONG + ("2027-01-04 10:00:00,A,1h,Squat (Barbell),1,,5,0,0,,,8\n"
                       "2027-01-04 10:00:00,A,1h,Back Extension,1,,12,0,0,,,8\n")
    [(line, col, where, message)] = errors(write(tmp_path, strong), names)
    assert (line, col, where) == (2, 44, (0, "Weight (lb)"))
    assert "'Squat (Barbell)' (squat) is a barbell lift" in message
    hevy = HEVY + ("A,2027-01-04 10:00,,,Hip Thrust (Barbell),,,0,normal,,8,,,8\n"
                   "A,2027-01-04 10:00,,,Back Extension,,,1,normal,,12,,,\n")
    [(line, col, where, _)] = errors(write(tmp_path, hevy, "hevy.csv"), names)
    assert (line, col, where) == (2, 54, (0, "weight_lbs"))


def test_run_and_validate_both_refuse_the_empty_load(tmp_path):
    log = write(tmp_path, HAND + "2026-12-07,squat,4,,kg,7\n")
    expected = f"{log}:2:20: $[0].load: missing load: squat"
    run = invoke(["run", str(RULES), "--athlete", str(SAM), "--log", str(log)])
    assert run.exit_code == 1 and expected in run.stderr
    for target in (log, _profile(tmp_path, log)):
        checked = invoke(["validate", str(target)])
        assert checked.exit_code == 1 and expected in checked.stdout, checked.stdout


def _profile(tmp_path: Path, log: Path) -> Path:
    profile = tmp_path / "sam.toml"
    profile.write_text(SAM.read_text("utf-8").replace("version = 1", f'version = 1\nlogs = ["{log.name}"]', 1))
    return profile


# -- short rows -------------------------------------------------------------------

def test_a_short_row_is_an_error_naming_its_missing_cells(tmp_path, names):
    text = HAND + "2027-01-04,squat,5,120,kg,7\n2027-01-04,squat,5,120\n"
    with pytest.raises(EngineError) as exc:
        read_logs([write(tmp_path, text)], names, default_units="kg")
    [p] = exc.value.problems  # no false "no unit column" warning beside it
    assert (p.line, p.column, p.path) == (3, 23, (1, "units"))
    assert "this row has 4 cells, the header 6: no 'units' and 'rpe' cells" in p.message


def test_a_row_short_only_of_cells_not_read_is_read(tmp_path, names):
    text = "date,exercise,reps,load,units,notes\n2027-01-04,squat,5,120,kg\n"
    log, warnings = read_logs([write(tmp_path, text)], names, default_units="lb")
    assert [(s.load, s.units) for s in log.sets] == [(120.0, "kg")] and warnings == []


def test_a_short_strong_row_is_an_error(tmp_path, names):
    text = STRONG + "2027-01-04 10:00:00,A,1h,Squat (Barbell),1,225\n"
    [(line, col, where, message)] = errors(write(tmp_path, text), names)
    assert (line, col, where) == (2, 47, (0, "Reps")) and "no 'Reps', 'Distance', 'Seconds' and 'RPE' cells" in message


def test_an_empty_units_cell_is_not_called_a_missing_column(tmp_path, names):
    _, warnings = read_logs([write(tmp_path, HAND + "2027-01-04,squat,5,100,,8\n")], names, default_units="kg")
    [w] = warnings
    assert (w.line, w.column, w.path) == (2, 24, (0, "units")) and "empty units cell: read as kg" in w.message


# -- one session in two units ---------------------------------------------------

def test_one_set_in_other_units_is_a_warning_at_its_units_cell(tmp_path, names):
    text = "date,exercise,set,reps,load,units\n"
    text += "".join(f"2027-01-04,hip-thrust,{n},6,112.5,{u}\n" for n, u in ((1, "lb"), (2, "kg"), (3, "kg")))
    text += "".join(f"2027-01-11,hip-thrust,{n},6,112.5,{u}\n" for n, u in ((1, "kg"), (2, "kg"), (3, "lb")))
    text += "2027-01-12,hip-thrust,1,6,250,lb\n2027-01-12,hip-thrust/machine,1,6,100,kg\n"  # two forms
    log, warnings = read_logs([write(tmp_path, text)], names, default_units="kg")
    assert len(log.sets) == 8
    assert [(w.line, w.column, w.path) for w in warnings] == [(2, 33, (0, "units")), (7, 33, (5, "units"))]
    assert warnings[0].message == ("sets of hip-thrust on 2027-01-04 in kg and lb: check the units "
                                   "(line 2 in lb, the session's other sets in kg)")


def test_strong_rows_in_two_weight_units_in_one_session(tmp_path, names):
    text = "Date,Workout Name,Exercise Name,Set Order,Weight,Weight Unit,Reps\n"
    text += "".join(f"2027-01-04 10:00:00,A,Squat (Barbell),{n},100,{u},5\n"
                    for n, u in ((1, "kg"), (2, "lbs"), (3, "kg")))
    _, warnings = read_logs([write(tmp_path, text)], names, default_units="kg")
    [w] = warnings
    assert (w.line, w.path) == (3, (1, "Weight Unit")) and "sets of squat on 2027-01-04 in kg and lb" in w.message


# -- a done set without reps ------------------------------------------------------

def test_a_row_with_load_or_rpe_but_no_reps_is_an_error_at_the_reps_cell(tmp_path, names):
    text = HAND + "2027-01-04,squat,,100,kg,8\n2027-01-04,squat,,,kg,7\n2027-01-04,squat,,,kg,\n"
    found = errors(write(tmp_path, text), names)
    assert [(line, col, where) for line, col, where, _ in found] == [(2, 18, (0, "reps")), (3, 18, (1, "reps"))]
    assert "missing reps: this row has load and rpe filled in" in found[0][3]


# -- warnings point at their cell -------------------------------------------------

def test_unknown_exercise_warnings_point_at_the_exercise_cell(tmp_path, names):
    text = HAND + "2027-01-04,squat,5,100,kg,8\n2027-01-04,Glute Kickback,12,20,kg,8\n"
    [w] = read_logs([write(tmp_path, text)], names, default_units="kg")[1]
    assert (w.line, w.column, w.path) == (3, 12, (1, "exercise"))
    strong = STRONG + "2027-01-04 10:00:00,A,1h,Glute Kickback,1,20,12,0,0,,,8\n"
    [w] = read_logs([write(tmp_path, strong, "strong.csv")], names, default_units="kg")[1]
    assert (w.line, w.column, w.path) == (2, 26, (0, "Exercise Name"))


def test_json_problems_carry_the_cell_path(tmp_path):
    log = write(tmp_path, HAND + "2026-12-07,squat,5,100,kg,8\n2026-12-07,Glute Kickback,12,20,kg,8\n")
    checked = invoke(["validate", str(log), "--format", "json"])
    [p] = [p for p in json.loads(checked.stdout) if "unknown exercise" in p["message"]]
    assert (p["line"], p["column"], p["path"]) == (3, 12, "$[1].exercise")
