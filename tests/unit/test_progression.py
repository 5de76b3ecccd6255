"""Built-in progression policies: double, linear, rpe, none."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.catalog import builtin_exercises
from engine.components import ProgressionContext
from engine.model import Prescription, Target
from engine.pipeline import plan_rules
from engine.testing import make_registry

EX = {e.id: e for e in builtin_exercises()}


def policy(name):
    return make_registry().progressions[name].component


def run(name, *, reps=(6, 10), sets=(3, 4), rpe=(7.0, 8.0), units="lb", options=None, exposures=8):
    """Targets for successive exposures under a policy (planned mode)."""
    rx = Prescription(sets=sets, reps=reps, rpe=rpe)
    p = policy(name)
    out: list[Target] = []
    for n in range(1, exposures + 1):
        ctx = ProgressionContext(prescription=rx, options=options or {}, units=units,
                                 exercise=EX["hip-thrust"], week=n, exposure=n)
        out.append(p.start(ctx) if not out else p.advance(ctx, out[-1]))
    return out


def test_registered_through_the_hook():
    reg = make_registry()
    assert list(reg.progressions) == ["none", "double", "linear", "rpe"]
    assert {r.plugin for r in reg.progressions.values()} == {"engine.progression"}


# -- double ----------------------------------------------------------------------------


def test_double_climbs_to_the_top_then_adds_load_and_resets():
    targets = run("double", reps=(6, 10), exposures=12)
    assert [t.reps for t in targets] == [6, 7, 8, 9, 10, 6, 7, 8, 9, 10, 6, 7]
    assert [t.added_load for t in targets] == [0] * 5 + [5] * 5 + [10] * 2
    assert targets[5].note == "top of the rep range reached: add 5 lb"
    assert targets[10].note == "top of the rep range reached: add 5 lb"
    assert [i for i, t in enumerate(targets) if t.note] == [5, 10]


@pytest.mark.parametrize("units, default", [("kg", 2.5), ("lb", 5.0)])
def test_double_default_increment_by_units(units, default):
    targets = run("double", reps=(4, 6), units=units, exposures=4)
    assert [t.reps for t in targets] == [4, 5, 6, 4]
    assert targets[-1].added_load == default
    assert targets[-1].note == f"top of the rep range reached: add {default:g} {units}"


def test_double_increment_option():
    targets = run("double", reps=(4, 6), units="kg", options={"increment": 1.25}, exposures=7)
    assert [t.added_load for t in targets] == [0, 0, 0, 1.25, 1.25, 1.25, 2.5]


def test_double_rep_step():
    targets = run("double", reps=(6, 10), options={"rep_step": 2}, exposures=7)
    assert [t.reps for t in targets] == [6, 8, 10, 6, 8, 10, 6]
    assert [t.added_load for t in targets] == [0, 0, 0, 5, 5, 5, 10]


def test_double_rep_step_that_overshoots_stops_at_the_top_first():
    # 4 -> 7 would leave the range: the athlete does the top (6) first,
    # and only then does the load go up.
    targets = run("double", reps=(4, 6), options={"rep_step": 3}, exposures=4)
    assert [t.reps for t in targets] == [4, 6, 4, 6]
    assert [t.added_load for t in targets] == [0, 0, 5, 5]


def test_double_known_load_goes_up():
    p = policy("double")
    rx = Prescription(sets=(3, 4), reps=(4, 6), rpe=(7.0, 8.0))
    ctx = ProgressionContext(prescription=rx, options={}, units="kg", exercise=EX["squat"], week=2, exposure=2)
    nxt = p.advance(ctx, Target(sets=3, reps=6, rpe=(7.0, 8.0), added_load=0.0, load=100.0))
    assert (nxt.reps, nxt.load, nxt.added_load) == (4, 102.5, 2.5)
    same = p.advance(ctx, Target(sets=3, reps=5, rpe=(7.0, 8.0), load=100.0))
    assert (same.reps, same.load) == (6, 100.0)


def test_sets_low_or_high():
    assert {t.sets for t in run("double", sets=(3, 4))} == {3}
    assert {t.sets for t in run("double", sets=(3, 4), options={"sets": "high"})} == {4}
    assert {t.sets for t in run("none", sets=(2, 4), options={"sets": "high"})} == {4}


def test_double_keeps_the_rpe_range():
    assert {t.rpe for t in run("double")} == {(7.0, 8.0)}


# -- linear ------------------------------------------------------------------------------


def test_linear_same_reps_more_load_every_exposure():
    targets = run("linear", reps=(4, 6), units="kg", exposures=5)
    assert [t.reps for t in targets] == [4] * 5
    assert [t.added_load for t in targets] == [0, 2.5, 5.0, 7.5, 10.0]
    assert targets[0].note == ""
    assert {t.note for t in targets[1:]} == {"add 2.5 kg"}


def test_linear_options():
    targets = run("linear", reps=(4, 8), units="lb", options={"reps": 5, "increment": 10}, exposures=3)
    assert [(t.reps, t.added_load) for t in targets] == [(5, 0), (5, 10), (5, 20)]


# -- rpe -----------------------------------------------------------------------------------


def test_rpe_climbs_by_step_then_wraps():
    targets = run("rpe", rpe=(7.0, 8.0), exposures=7)
    assert [t.rpe for t in targets] == [(7.0, 7.0), (7.5, 7.5), (8.0, 8.0), (7.0, 7.0),
                                        (7.5, 7.5), (8.0, 8.0), (7.0, 7.0)]
    assert {t.reps for t in targets} == {6}
    assert {t.added_load for t in targets} == {0}


def test_rpe_step_and_reps_options():
    targets = run("rpe", rpe=(6.0, 9.0), options={"step": 1.5, "reps": 5}, exposures=4)
    assert [t.rpe[0] for t in targets] == [6.0, 7.5, 9.0, 6.0]
    assert {t.reps for t in targets} == {5}


def test_rpe_without_an_rpe_range_holds_steady():
    targets = run("rpe", rpe=None, exposures=3)
    assert [t.rpe for t in targets] == [None] * 3
    assert [t.reps for t in targets] == [6] * 3


# -- none ----------------------------------------------------------------------------------


def test_none_keeps_the_first_target():
    targets = run("none", reps=(10, 15), sets=(2, 4), exposures=5)
    assert {(t.sets, t.reps, t.rpe, t.added_load, t.note) for t in targets} == {(2, 10, (7.0, 8.0), 0, "")}


# -- through the engine --------------------------------------------------------------------


def _by_exercise(plan):
    """exercise id -> [(week, reps, added_load)] in week order."""
    out: dict[str, list] = {}
    for w in plan.weeks:
        for d in w.days:
            for ex in d.exercises:
                out.setdefault(ex.exercise.id, []).append((w.number, ex.target.reps, ex.target.added_load))
    return out


def test_rotating_primary_progresses_once_per_exposure(rules_dir):
    plan = plan_rules(rules_dir / "glute-day.toml", make_registry()).plan
    seen = _by_exercise(plan)
    # Squat on weeks 1, 3, 5, 7; deadlift on 2, 4, 6, 8; each climbs 4-5-6, then +5 lb.
    assert seen["squat"] == [(1, 4, 0), (3, 5, 0), (5, 6, 0), (7, 4, 5)]
    assert seen["deadlift"] == [(2, 4, 0), (4, 5, 0), (6, 6, 0), (8, 4, 5)]
    # Trained every week, the hip thrust climbs every week.
    assert [r for _, r, _ in seen["hip-thrust"]] == [6, 7, 8, 9, 10, 6, 7, 8]
    assert [a for _, _, a in seen["hip-thrust"]] == [0] * 5 + [5] * 3


def test_full_body_kg_file_uses_its_increment(rules_dir):
    plan = plan_rules(rules_dir / "full-body.toml", make_registry()).plan
    seen = _by_exercise(plan)
    assert seen["hip-thrust"][5] == (6, 6, 2.5)
    assert seen["squat"][-1] == (7, 4, 2.5)


def test_program_default_and_named_options_reach_the_policy(tmp_path: Path):
    text = """\
version = 1
[program]
name = "T"
days = ["mon"]
weeks = 4
units = "kg"
progression = "big-steps"

[progressions.big-steps]
policy = "linear"
increment = 10

[[slot]]
category = "primary"
select = { selector = "ordered", from = ["deadlift"] }
"""
    path = tmp_path / "r.toml"
    path.write_text(text)
    plan = plan_rules(path, make_registry()).plan
    assert _by_exercise(plan)["deadlift"] == [(1, 4, 0), (2, 4, 10), (3, 4, 20), (4, 4, 30)]
