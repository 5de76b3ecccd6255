"""Nothing logged is lost from the plan's exports (review 61 H1): the
warm-up and drop sets of a session are no evidence (no rule reads them),
but the JSON's `performed` keeps them, in the order logged, with their
kind, and the text sheet still names the working sets."""

from __future__ import annotations

import json

from test_training import REG, athlete, rules, series, slot

from engine.pipeline import export, plan_rules

ROWS = ("date,exercise,variant,set,set_type,reps,load,units,rpe\n"
        "2027-01-04,squat,high-bar,,warmup,5,60,kg,\n"
        "2027-01-04,squat,high-bar,1,working,5,117.5,kg,7\n"
        "2027-01-04,squat,high-bar,2,working,5,117.5,kg,7.5\n"
        "2027-01-04,squat,high-bar,3,working,5,117.5,kg,8\n"
        "2027-01-04,squat,high-bar,,drop,8,90,kg,9\n")


def test_warm_up_and_drop_sets_are_kept_in_the_json_and_read_by_no_rule(tmp_path):
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 2.5, reps = 5 }',
                             prescription="{ sets = 3, reps = 5, rpe = [7, 8] }"), weeks=2, units="kg")
    a = athlete(tmp_path, "[maxes]\nsquat = 150\n", units="kg")
    lg = tmp_path / "log.csv"
    lg.write_text(ROWS)
    plan = plan_rules(r, REG, athlete=a, logs=[lg]).plan
    first, second = series(plan, "squat")
    assert [p.kind for p in first.performed] == ["working"] * 3
    assert [(p.kind, p.reps, p.load) for p in first.others] == [("warmup", 5, 60.0), ("drop", 8, 90.0)]
    done = json.loads(export(plan, REG, "json", {}))["weeks"][0]["days"][0]["exercises"][0]["performed"]
    assert [(p["kind"], p["reps"], p["load"]) for p in done] == [
        ("warmup", 5, 60), ("working", 5, 117.5), ("working", 5, 117.5), ("working", 5, 117.5), ("drop", 8, 90)]
    # the progression reads the working sets alone: 117.5 x 5 @ 7, 7.5, 8, the linear step
    assert second.sets[0].load == 120.0
    assert "done 5, 5, 5 x 117.5 kg @ 7, 7.5, 8" in export(plan, REG, "text", {})
