"""A barbell load logged under the profile's bar is an error at its load
cell, in `engine run` and `engine validate` alike (engine.logchecks);
0 for a loaded lift is no load, as an empty cell. Read as lifted, 20 lb
for a squat took the next squat from 255 lb down to the 45 lb bar."""

from __future__ import annotations

import pytest
from test_training import REG, athlete, log, plan, rules, series, slot

from engine.checkfiles import check_athlete
from engine.errors import EngineError

SQUAT = slot("squat", '{ policy = "linear", increment = 5 }')


def _errors(call):
    with pytest.raises(EngineError) as exc:
        call()
    return [(p.line, p.column, p.message) for p in exc.value.problems]


def test_lb_a_squat_logged_under_the_bar_is_an_error_at_its_load_cell(tmp_path):
    r, a = rules(tmp_path, SQUAT), athlete(tmp_path, "[maxes]\nsquat = 315\n")
    lg = log(tmp_path, "2027-01-04,squat,,5,20,lb,8\n2027-01-04,squat,,5,255,lb,8\n")
    assert _errors(lambda: plan(tmp_path, r, a, (lg,))) == [
        (2, 21, f"20 lb is under the 45 lb barbell of the profile ({a}): a barbell load is the bar and its plates; "
                "check the load, or the profile's bar; if it was 20 kg (44.09 lb), write its units")]


def test_kg_the_bar_in_the_other_units_is_the_bar_and_zero_is_no_load(tmp_path):
    # 44.09 lb is the 20 kg bar (2% under a 45 lb one, 0.0 under 20 kg): planned; 0 is an error as an empty cell.
    r, a = rules(tmp_path, SQUAT, units="kg"), athlete(tmp_path, "[maxes]\nsquat = 100\n", units="kg")
    exs = series(plan(tmp_path, r, a, (log(tmp_path, "2026-12-28,squat,,5,44.09,lb,8\n"),)), "squat")
    assert len(exs) == 6  # planned, no error
    said = _errors(lambda: plan(tmp_path, r, a, (log(tmp_path, "2027-01-04,squat,,5,0,kg,8\n"),)))
    assert said == [(2, 21, "0 is no load: squat is a barbell lift: write the weight of the bar and its plates (0 "
                            "means no added load only for a bodyweight exercise)")]


def test_kg_the_bar_is_the_one_the_profile_has_on_the_sets_date(tmp_path):
    # A 15 kg bar at home until 2027-01-10, the gym's 20 kg bar after: 15 kg on the 4th is the bar, on the 11th not.
    a = tmp_path / "a.toml"
    a.write_text('logs = ["log.csv"]\n[athlete]\nname = "A"\nunits = "kg"\n'
                 '[[equipment]]\navailable = ["barbell", "plates", "rack"]\nbar = 15\n'
                 '[[equipment]]\nfrom = 2027-01-10\navailable = ["barbell", "plates", "rack"]\nbar = 20\n')
    log(tmp_path, "2027-01-04,squat,,5,15,kg,8\n2027-01-11,squat,,5,15,kg,8\n")
    said = _errors(lambda: check_athlete(a, REG))
    assert [(line, column) for line, column, _ in said] == [(3, 21)]
    assert said[0][2].startswith("15 kg is under the 20 kg barbell of the profile")
