"""Loads a coach can trust: each rule of the training state on a small,
hand-checked case (the arithmetic is in the comments)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.errors import EngineError
from engine.explain import basis_text
from engine.pipeline import plan_rules
from engine.testing import invoke, make_registry

REG = make_registry()


def rules(tmp_path: Path, slots: str, *, weeks: int = 6, units: str = "lb", days: str = '["mon"]',
          split: str = "body-part", extra: str = "") -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(f'version = 1\n[program]\nname = "T"\nsplit = "{split}"\ndays = {days}\nweeks = {weeks}\n'
                    f'units = "{units}"\nstart = 2027-01-04\n{extra}\n{slots}')
    return path


def slot(exercise: str, progression: str, category: str = "primary", pick: str | None = None,
         **more: str) -> str:
    lines = [f'[[slot]]\nname = "{exercise}"\ncategory = "{category}"',
             f'select = {{ selector = "ordered", from = ["{pick or exercise}"] }}', f"progression = {progression}"]
    lines += [f"{k} = {v}" for k, v in more.items()]
    return "\n".join(lines) + "\n"


def athlete(tmp_path: Path, body: str, units: str = "lb", name: str = "a.toml") -> Path:
    path = tmp_path / name
    path.write_text(f'[athlete]\nname = "A"\nunits = "{units}"\nbodyweight = 180\n{body}')
    return path


def log(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "log.csv"
    path.write_text("date,exercise,variant,reps,load,units,rpe\n" + rows)
    return path


def plan(tmp_path: Path, rule_file: Path, person: Path | None = None, logs: tuple[Path, ...] = ()):
    return plan_rules(rule_file, REG, athlete=person, logs=list(logs)).plan


def series(p, exercise: str) -> list:
    return [ex for w in p.weeks for d in w.days for ex in d.exercises if ex.exercise.id == exercise]


# -- rounding happens once, and progression builds on the rounded load --------------------


def test_an_increment_smaller_than_the_step_is_owed_hold_hold_add(tmp_path):
    # 2.5 lb a week on plates that move in 10 lb steps (5 lb pairs): 225 is
    # held three times while 7.5 lb are owed, then 235 (4 x 2.5 = 10).
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 2.5, reps = 5 }'), weeks=6)
    a = athlete(tmp_path, "[equipment]\nplates = [45, 25, 10, 5]\n[maxes]\nsquat = { load = 225, reps = 5, rpe = 7 }\n")
    exs = series(plan(tmp_path, r, a), "squat")
    assert [ex.sets[0].load for ex in exs] == [225.0, 225.0, 225.0, 225.0, 235.0, 235.0]
    assert [ex.basis.owed for ex in exs] == [0.0, 2.5, 5.0, 7.5, 0.0, 2.5]
    assert exs[1].target.note == "add 2.5 lb: 2.5 lb owed until the next step (235 lb); repeat 3 x 5"


def test_a_dumbbell_increase_is_never_taken_back(tmp_path):
    # 5 lb steps per hand, a 2.5 lb increment: 25, 25 (2.5 owed), 30, 30, 35 ...
    r = rules(tmp_path, slot("step-up", '{ policy = "linear", increment = 2.5, reps = 8 }', "tertiary"), weeks=8)
    a = athlete(tmp_path, "[maxes]\nstep-up = { load = 25, reps = 8, rpe = 7 }\n")
    loads = [ex.sets[0].load for ex in series(plan(tmp_path, r, a), "step-up")]
    assert loads == [25.0, 25.0, 30.0, 30.0, 35.0, 35.0, 40.0, 40.0]


def test_same_load_is_the_logged_number(tmp_path):
    # 102.5 kg x 4 logged at RPE 7, the range is 4-6: aim for 5 at exactly 102.5 kg (a 5th rep starts at
    # RPE 8 by that session: 102.5 is 7 reps to failure).
    r = rules(tmp_path, slot("squat", '"double"'), units="kg")
    a = athlete(tmp_path, "", units="kg")
    lg = log(tmp_path, "2027-01-04,squat,,4,102.5,kg,7\n" * 3)
    nxt = series(plan(tmp_path, r, a, (lg,)), "squat")[1]
    assert (nxt.target.reps, nxt.sets[0].load, nxt.basis.change) == (5, 102.5, "same load")


def test_a_planned_increase_is_never_doubled(tmp_path):
    # A 5 lb increment on a 10 lb machine stack: held once (5 owed), then +10,
    # never +20, and never more than was earned. Each step passes the effort
    # check (engine.jumps): 300 x 12 at RPE 8, the bottom of 8-9, is an e1RM of
    # 300 x (1 + 14/30) = 440; 310 x 12 there is 30 x (440/310 - 1) = 12.6 reps
    # to failure, RPE 9.4, within a point of the top (9). From 310: 454.67, and
    # 320 x 12 is RPE 9.4 again. (90 -> 100 at 12 reps is past failure:
    # tests/unit/test_review8.py.)
    r = rules(tmp_path, slot("hamstring-curl", '{ policy = "linear", increment = 5, reps = 12 }', "tertiary"),
              weeks=5)
    a = athlete(tmp_path, "[maxes]\nhamstring-curl = { load = 300, reps = 12, rpe = 8 }\n")
    loads = [ex.sets[0].load for ex in series(plan(tmp_path, r, a), "hamstring-curl")]
    assert loads == [300.0, 300.0, 310.0, 310.0, 320.0]


# -- equipment that tops out ---------------------------------------------------------------


def test_past_the_heaviest_dumbbell_progression_moves_to_reps_then_sets_and_says_so(tmp_path):
    # 8-12 reps, 2-4 sets: at the heaviest dumbbells the reps climb to 12,
    # then the sets to 4, then the plan holds and says what to do instead.
    r = rules(tmp_path, slot("step-up", '{ policy = "linear", increment = 5, reps = 10 }', "tertiary"), weeks=7)
    a = athlete(tmp_path, "[equipment]\ndumbbells = [20, 25, 30]\n"
                          "[maxes]\nstep-up = { load = 30, reps = 10, rpe = 7 }\n")
    exs = series(plan(tmp_path, r, a), "step-up")
    assert [(len(ex.sets), ex.target.reps, ex.sets[0].load) for ex in exs] == [
        (2, 10, 30.0), (2, 11, 30.0), (2, 12, 30.0), (3, 12, 30.0), (4, 12, 30.0), (4, 12, 30.0), (4, 12, 30.0)]
    assert exs[1].target.note == "30 lb is the heaviest the equipment makes: add a rep instead"
    assert exs[3].target.note == "30 lb is the heaviest the equipment makes: add a set instead"
    assert exs[5].target.note.startswith("30 lb is the heaviest the equipment makes: keep 4 x 12")
    assert all(ex.state.topped for ex in exs[1:])


def test_a_full_stack_is_a_top_too(tmp_path):
    r = rules(tmp_path, slot("hamstring-curl", '{ policy = "linear", increment = 10, reps = 12 }', "tertiary"),
              weeks=3)
    a = athlete(tmp_path, "[equipment]\nmachines = { leg-curl-machine = { step = 10, max = 100 } }\n"
                          "[maxes]\nhamstring-curl = { load = 100, reps = 12, rpe = 8 }\n")
    exs = series(plan(tmp_path, r, a), "hamstring-curl")
    assert [ex.sets[0].load for ex in exs] == [100.0, 100.0, 100.0]
    assert exs[1].target.note == "100 lb is the heaviest the equipment makes: add a rep instead"


def test_bodyweight_at_the_top_of_its_range_moves_to_the_loaded_form(tmp_path):
    # Bodyweight hip extensions, 10-20 reps: at 20 the next exposure is the
    # loaded form at 10 reps. From the planned 2 x 20 taken as done at RPE 8
    # (22 reps to failure): e1RM 180 x (1 + 22/30) = 312; 10 reps at RPE 7
    # (13 to failure): 312 / (1 + 13/30) = 217.7, minus bodyweight 37.7:
    # plates held, 37.5 lb (35 + 2.5).
    r = rules(tmp_path, slot("hip-extension", '"double"', "tertiary"), weeks=13)
    a = athlete(tmp_path, "")
    exs = series(plan(tmp_path, r, a), "hip-extension")
    assert [ex.choice.key for ex in exs[:11]] == ["hip-extension/bodyweight"] * 11
    assert exs[10].target.reps == 20
    moved = exs[11]
    assert moved.choice.key == "hip-extension/weighted"
    assert (moved.target.reps, moved.sets[0].load) == (10, 37.5)
    assert moved.target.note.startswith("Bodyweight hip extension reached the top of its rep range and takes no load: "
                                 "move to Loaded hip extension")
    assert exs[12].choice.key == "hip-extension/weighted" and exs[12].target.reps == 11


def test_a_logged_loaded_bodyweight_exercise_feeds_the_loaded_form(tmp_path):
    # "Back Extension" with 25 lb is the loaded hip extension: the plan moves
    # to it and starts from that set, 20 x (180 + 25) at RPE 8.
    r = rules(tmp_path, slot("hip-extension", '"double"', "tertiary"), weeks=2)
    a = athlete(tmp_path, "")
    lg = log(tmp_path, "2027-01-04,Back Extension,,20,25,lb,8\n2027-01-04,Back Extension,,20,25,lb,8\n")
    exs = series(plan(tmp_path, r, a, (lg,)), "hip-extension")
    assert exs[0].performed and exs[0].performed[0].form == "hip-extension/weighted"
    assert exs[1].choice.key == "hip-extension/weighted"
    assert exs[1].sets[0].load > 0


# -- variants --------------------------------------------------------------------------------


def test_a_variant_without_its_own_max_or_a_ratio_is_not_planned_from_the_parent(tmp_path):
    r = rules(tmp_path, slot("deadlift", '"double"', pick="deadlift/rack-pull"))
    a = athlete(tmp_path, "[maxes]\ndeadlift = 405\n")
    first = series(plan(tmp_path, r, a), "deadlift")[0]
    assert first.choice.key == "deadlift/rack-pull"
    assert first.sets[0].load is None
    assert first.basis.note == "no max or log for this form yet: choose the load by effort"


def test_a_variant_with_a_catalog_ratio_scales_the_parent(tmp_path):
    # Trap bar: 1.06 x the conventional deadlift. 405 x 1.06 = 429.3; 4 reps
    # at RPE 7 (7 to failure): 429.3 / (1 + 7/30) = 348.1 -> 350 on a 55 lb trap bar
    # (it moves in 5 lb steps with 2.5 lb plates: 345 or 350).
    r = rules(tmp_path, slot("deadlift", '"double"', pick="deadlift/trap-bar"))
    a = athlete(tmp_path, "[maxes]\ndeadlift = 405\n")
    first = series(plan(tmp_path, r, a), "deadlift")[0]
    assert first.sets[0].load == 350.0
    assert "x 1.06 for Trap-bar (hex-bar) deadlift (form ratio)" in first.basis.source


def test_the_profile_ratio_overrides_the_catalog_and_its_own_max_beats_both(tmp_path):
    r = rules(tmp_path, slot("deadlift", '"double"', pick="deadlift/rack-pull"))
    # 405 x 1.2 = 486; / (1 + 7/30) = 394.1 -> 395
    a = athlete(tmp_path, '[maxes]\ndeadlift = 405\n[ratios]\n"deadlift/rack-pull" = 1.2\n')
    assert series(plan(tmp_path, r, a), "deadlift")[0].sets[0].load == 395.0
    own = athlete(tmp_path, '[maxes]\ndeadlift = 405\n"deadlift/rack-pull" = 500\n'
                            '[ratios]\n"deadlift/rack-pull" = 1.2\n', name="b.toml")
    # 500 / (1 + 7/30) = 405.4 -> 405
    assert series(plan(tmp_path, r, own), "deadlift")[0].sets[0].load == 405.0


def test_logged_sets_of_a_variant_feed_that_variant(tmp_path):
    r = rules(tmp_path, slot("deadlift", '"double"', pick="deadlift/sumo"),
              weeks=2)
    a = athlete(tmp_path, "[maxes]\ndeadlift = 405\n")
    lg = log(tmp_path, "2027-01-04,deadlift,sumo,4,315,lb,7\n" * 3 + "2027-01-04,deadlift,,5,365,lb,8\n")
    exs = series(plan(tmp_path, r, a, (lg,)), "deadlift")
    assert [p.load for p in exs[0].performed] == [315.0, 315.0, 315.0]
    assert (exs[1].target.reps, exs[1].sets[0].load) == (5, 315.0)


def test_a_slot_can_name_a_variant(tmp_path):
    r = rules(tmp_path, slot("squat", '"double"', pick="squat/low-bar"))
    assert {ex.choice.key for ex in series(plan(tmp_path, r), "squat")} == {"squat/low-bar"}
    bad = rules(tmp_path, slot("squat", '"double"', pick="squat/front"))
    with pytest.raises(EngineError) as err:
        plan(tmp_path, bad)
    assert "'squat' has no variant 'front' (variants: high-bar, low-bar)" in str(err.value)


# -- set shapes from the log -------------------------------------------------------------------


def test_a_top_set_and_back_offs_keep_their_shape(tmp_path):
    # 1 x 3 at 315 then 3 x 8 at 255: the plain 6-10 prescription follows
    # the back-offs (8 -> aim for 9 at 255: 8 @ 7 is 11 reps to failure, so a
    # 9th starts at RPE 8), never 315 for 3; the top set is kept as its own state.
    r = rules(tmp_path, slot("hip-thrust", '"double"', "secondary"), weeks=2)
    a = athlete(tmp_path, "")
    lg = log(tmp_path, "2027-01-04,hip-thrust,,3,315,lb,8\n" + "2027-01-04,hip-thrust,,8,255,lb,7\n" * 3)
    p = plan_rules(r, REG, athlete=a, logs=[lg])
    nxt = series(p.plan, "hip-thrust")[1]
    assert (nxt.target.reps, nxt.sets[0].load) == (9, 255.0)


def test_a_ramp_plans_from_the_best_set(tmp_path):
    # 5 x 225 @ 7, 5 x 245 @ 8, 5 x 265 @ 9: no load repeats, so the next
    # load is the e1RM of the best set at the target (the RPEs rise with the
    # loads, median 8: not too hard, so the reps go up). 265 x (1 + 6/30) =
    # 318; 6 reps at RPE 7 (9 to failure): 318 / (1 + 9/30) = 244.6 -> 245.
    r = rules(tmp_path, slot("squat", '"double"'), weeks=2)
    a = athlete(tmp_path, "")
    lg = log(tmp_path, "2027-01-04,squat,,5,225,lb,7\n2027-01-04,squat,,5,245,lb,8\n2027-01-04,squat,,5,265,lb,9\n")
    nxt = series(plan(tmp_path, r, a, (lg,)), "squat")[1]
    assert (nxt.target.reps, nxt.sets[0].load) == (6, 245.0)
    assert nxt.target.note == ("fewest reps last time: 5: aim for 6 reps; "
                               "a ramp last time (a new load each set): the load comes from its best set's e1RM")


# -- days, deloads, checks ----------------------------------------------------------------------


def test_a_partly_logged_week_keeps_its_untrained_days_planned(tmp_path):
    slots = slot("squat", '"double"', day='"mon"') + slot("hip-thrust", '"double"', "secondary", day='"wed"')
    r = rules(tmp_path, slots, days='["mon", "wed"]', split="full-body", weeks=2)
    a = athlete(tmp_path, "[maxes]\nhip-thrust = 300\n")
    lg = log(tmp_path, "2027-01-04,squat,,5,225,lb,8\n" * 3)
    p = plan(tmp_path, r, a, (lg,))
    week = p.weeks[0]
    assert [d.done for d in week.days] == [True, False] and not week.done
    wed = week.days[1].exercises[0]
    assert wed.target.note == "" and wed.state.status == "planned"
    assert series(p, "hip-thrust")[1].target.reps == 7  # progressed from the planned 6, not held


def test_deloads_rotate_over_alternating_lifts(tmp_path):
    slots = ('[[slot]]\nname = "main"\ncategory = "primary"\n'
             'select = { selector = "rotate", from = ["squat", "deadlift"] }\nprogression = "double"\n')
    r = rules(tmp_path, slots, weeks=10, extra="[deload]\nevery = 4\n")
    p = plan(tmp_path, r)
    deloaded = [(w.number, ex.exercise.id) for w in p.weeks for d in w.days for ex in d.exercises if ex.deload]
    # the deadlift falls on even weeks, the squat on odd ones: each gets its deload in turn
    assert deloaded == [(4, "deadlift"), (5, "squat"), (8, "deadlift"), (9, "squat")]


def test_a_deload_is_labelled_with_a_lower_effort(tmp_path):
    r = rules(tmp_path, slot("squat", '"double"'), weeks=4, extra="[deload]\nevery = 4\n")
    a = athlete(tmp_path, "[maxes]\nsquat = 315\n")
    ex = series(plan(tmp_path, r, a), "squat")[3]
    assert ex.deload and ex.target.rpe == (5.0, 5.0) and ex.prescription.rpe == (7.0, 8.0)
    custom = rules(tmp_path, slot("squat", '"double"'), weeks=4, extra="[deload]\nevery = 4\nrpe = [5, 6]\n")
    assert series(plan(tmp_path, custom, a), "squat")[3].target.rpe == (5.0, 6.0)


def test_a_slot_picking_another_category_is_an_error_unless_it_overrides(tmp_path):
    r = rules(tmp_path, slot("hamstring-curl", '"double"', "primary"))
    with pytest.raises(EngineError) as err:
        plan(tmp_path, r)
    assert ("slot 'hamstring-curl' is primary, but its exercises are filed under another category: hamstring-curl "
            "(tertiary)") in str(err.value)
    ok = rules(tmp_path, slot("hamstring-curl", '"double"', "primary", override_category="true"))
    assert series(plan(tmp_path, ok), "hamstring-curl")[0].category == "primary"


# -- equipment semantics -------------------------------------------------------------------------


def test_dumbbell_loads_are_per_hand_in_every_export(tmp_path):
    r = rules(tmp_path, slot("split-squat", '"double"', "tertiary"), weeks=1)
    a = athlete(tmp_path, "[maxes]\nsplit-squat = { load = 25, reps = 10, rpe = 7 }\n")
    text = invoke(["run", str(r), "--athlete", str(a)])
    assert "BW + 2 x 25 lb" in text.stdout
    data = json.loads(invoke(["run", str(r), "--athlete", str(a), "-f", "json"]).stdout)
    ex = data["weeks"][0]["days"][0]["exercises"][0]
    assert ex["implements"] == 2 and ex["sets"][0]["load"] == 25.0
    assert ex["load_basis"]["rounding"] == "dumbbells 2 x 25 lb"


def test_a_cable_exercise_with_a_max_is_planned_on_its_stack(tmp_path):
    extra = ('[[exercise]]\nid = "cable-kickback"\nname = "Cable kickback"\ncategory = "tertiary"\n'
             'loading = "cable"\nequipment = ["cable-station", "ankle-strap"]\n'
             '[exercise.prescription]\nsets = [2, 3]\nreps = [12, 15]\nrpe = [8, 9]\n')
    r = rules(tmp_path, slot("cable-kickback", '"double"', "tertiary"), weeks=1, extra=extra)
    a = athlete(tmp_path, "[equipment]\nmachines = { cable-station = { step = 5, max = 100 } }\n"
                          "[maxes]\ncable-kickback = { load = 40, reps = 12, rpe = 8 }\n")
    first = series(plan(tmp_path, r, a), "cable-kickback")[0]
    # 40 x (1 + 14/30) = 58.7; 12 at RPE 8: 58.7 / (1 + 14/30) = 40 -> 40 on 5 lb steps
    assert first.sets[0].load == 40.0
    assert first.basis.rounding == "stack in steps of 5 lb, full stack 100"


# -- found by a coach's review ------------------------------------------------------------------


def test_a_session_well_under_the_target_never_progresses_less_than_a_normal_one(tmp_path):
    # 10 x 10 kg at RPE 6 on an 8-9 target is too easy, but the extra its
    # best set supports (0.23 kg) is no dumbbell step, and the step, 12 kg, is
    # past failure for 11 reps by its e1RM (10 x (1 + 14/30) = 14.67: 30 x
    # (14.67/12 - 1) = 6.7 reps to failure). At 10 kg, 14 reps to failure: 12
    # reps reach RPE 8 (11 would be 7): reps by effort, more than the usual +1.
    r = rules(tmp_path, slot("hamstring-curl", '{ policy = "double", increment = 1 }', "tertiary",
                             pick="hamstring-curl/dumbbell"), units="kg", weeks=2)
    a = athlete(tmp_path, '[equipment]\ndumbbells = [6, 8, 10, 12, 14]\n', units="kg")
    lg = log(tmp_path, "2027-01-04,hamstring-curl,dumbbell,10,10,kg,6\n" * 2)
    nxt = series(plan(tmp_path, r, a, (lg,)), "hamstring-curl")[1]
    assert (nxt.target.reps, nxt.sets[0].load) == (12, 10.0)


@pytest.mark.parametrize(("rated", "shown", "note"), [
    # @ 9, 9.5: +1 kg is owed on 2 kg dumbbell steps, and 15 reps at 10
    # would be too hard again: aim for 14 at 10 kg, not 2 x 10.
    (("9", "9.5"), (2, 14, 10.0), "aim for 14 reps at the same load"),
    # @ 7, 8 with 180 kg of bodyweight (the helper's 180, in kg): the next dumbbell, 12 kg,
    # is about RPE 3.5 for 10 reps by the sets' e1RMs, so double starts
    # there at the fewest reps within the range that reach the target: 14
    # (about RPE 7.5), not 2 x 15 at 10 kg while 1 kg a week is owed.
    (("7", "8"), (2, 14, 12.0), "1 kg owed until the next step (12 kg), but 12 kg a hand is about RPE 7.5 for 14 "
                                "reps by the last session's rated sets, inside the target's 7-8: take the step, +2 kg"),
])
def test_double_at_the_top_of_its_range_on_dumbbells(tmp_path, rated, shown, note):
    # Planned 2 x 10, done 2 x 15 (the top of 10-15) with 10 kg a hand.
    r = rules(tmp_path, slot("split-squat", '{ policy = "double", increment = 1 }', "tertiary"), units="kg", weeks=2)
    a = athlete(tmp_path, '[equipment]\ndumbbells = [6, 8, 10, 12, 14]\n'
                          '[maxes]\nsplit-squat = { load = 10, reps = 12, rpe = 8 }\n', units="kg")
    lg = log(tmp_path, "".join(f"2027-01-04,split-squat,dumbbell,15,10,kg,{rpe}\n" for rpe in rated))
    nxt = series(plan(tmp_path, r, a, (lg,)), "split-squat")[1]
    assert (len(nxt.sets), nxt.target.reps, nxt.sets[0].load) == shown
    assert note in nxt.target.note


def test_double_at_its_top_on_a_coarse_stack_takes_the_step_at_the_bottom_of_the_range(tmp_path):
    # 120 lb x 14 @ 9, 9, 9 on 8-12 @ 7-8, a 15 lb stack step, +5 lb a week:
    # e1RM 120 x (1 + 15/30) = 180; 135 x 8 is 0.75 of it, 10 reps to
    # failure, RPE 8: inside the target, taken now (not two weeks at 3 x 13
    # while 5 lb a week is owed toward it).
    extra = ('[[exercise]]\nid = "lat-pulldown"\nname = "Lat pulldown"\ncategory = "primary"\n'
             'loading = "machine"\nequipment = ["lat-pulldown-machine"]\n'
             '[exercise.prescription]\nsets = [3, 3]\nreps = [8, 12]\nrpe = [7, 8]\n')
    r = rules(tmp_path, slot("lat-pulldown", '{ policy = "double", increment = 5 }'), weeks=3, extra=extra)
    a = athlete(tmp_path, "[equipment]\nmachines = { lat-pulldown-machine = { step = 15, max = 255 } }\n"
                          "[maxes]\nlat-pulldown = { load = 105, reps = 10, rpe = 8 }\n")
    lg = log(tmp_path, "2027-01-04,lat-pulldown,,14,120,lb,9\n" * 3)
    w1, w2, w3 = series(plan(tmp_path, r, a, (lg,)), "lat-pulldown")
    assert [(w.target.reps, w.sets[0].load) for w in (w2, w3)] == [(8, 135.0), (9, 135.0)]
    assert w2.target.note.endswith("but 135 lb is about RPE 8 for 8 reps by the last session's rated sets, inside the "
                                   "target's 7-8: take the step, +15 lb")


def test_a_session_of_another_form_is_that_forms_history(tmp_path):
    # Sumo pulled on a conventional day, 3 x 6 at 315 @ 7, 8, 8: next time the
    # plan is sumo and the double rule applies to it: 320 lb (not a new max),
    # at 5 reps: by the sets' e1RMs (409.5, 399, 399) 4 are about RPE 5.6,
    # 6.6, 6.6, under 7-8, and 5 are 6.6, 7.6, 7.6.
    slots = slot("deadlift", '"double"') + slot("hip-extension", '"double"', "tertiary")
    r = rules(tmp_path, slots, weeks=2)
    a = athlete(tmp_path, "[maxes]\ndeadlift = 400\n")
    lg = log(tmp_path, "2027-01-04,deadlift,sumo,6,315,lb,7\n2027-01-04,deadlift,sumo,6,315,lb,8\n"
                       "2027-01-04,deadlift,sumo,6,315,lb,8\n2027-01-04,hip-extension,weighted,15,25,lb,7\n"
                       "2027-01-04,hip-extension,weighted,14,25,lb,8\n")
    p = plan(tmp_path, r, a, (lg,))
    first, nxt = series(p, "deadlift")
    assert first.logged_as.key == "deadlift/sumo"
    assert (nxt.choice.key, nxt.target.reps, nxt.sets[0].load) == ("deadlift/sumo", 5, 320.0)
    ext = series(p, "hip-extension")[1]
    assert (ext.choice.key, ext.target.reps, ext.sets[0].load) == ("hip-extension/weighted", 15, 25.0)


def test_moving_to_a_loaded_form_holds_at_least_the_lightest_load(tmp_path):
    # Bodyweight step-ups at the top of 8-10: the dumbbell form, whose
    # effort-based load is 2.1 lb a hand, starts at the lightest pair.
    r = rules(tmp_path, slot("step-up", '"double"', "tertiary", pick="step-up/bodyweight",
                             prescription="{ reps = [8, 10] }"), weeks=5)
    a = athlete(tmp_path, '[equipment]\navailable = ["box", "dumbbells"]\n'
                          'dumbbells = { min = 5, max = 60, step = 5 }\n')
    moved = series(plan(tmp_path, r, a), "step-up")[3]
    assert (moved.choice.key, moved.sets[0].load) == ("step-up/dumbbell", 5.0)
    assert "the lightest the equipment makes (dumbbells 2 x 5 lb)" in moved.basis.note


def test_a_weighted_vest_is_loaded_in_blocks_and_keeps_what_was_logged(tmp_path):
    r = rules(tmp_path, slot("step-up", '"double"', "tertiary", pick="step-up/weighted-vest"), weeks=3)
    a = athlete(tmp_path, "[maxes]\nstep-up = { load = 25, reps = 10, rpe = 8 }\n")
    ex = series(plan(tmp_path, r, a), "step-up")[0]
    # The vest carries what the dumbbells did (ratio 1): (180 + 2 x 25) x (1 + 12/30) = 322; 8 reps at
    # RPE 7: 322 / (1 + 11/30) = 235.6, less 180: 55.6, in 2.5 lb blocks 55 lb.
    assert (ex.sets[0].load, ex.basis.rounding) == (55.0, "weighted vest 55 lb")
    # 3 x 10 logged wearing 20 lb: the next exposure keeps 20 lb and aims for 11 (double progression)
    lg = log(tmp_path, "2027-01-04,step-up,weighted-vest,10,20,lb,7\n" * 3)
    nxt = series(plan(tmp_path, r, a, (lg,)), "step-up")[1]
    assert (nxt.sets[0].load, nxt.target.reps) == (20.0, 11)
    # the profile gives the vest's blocks and its heaviest setting
    kg = rules(tmp_path, slot("step-up", '"double"', "tertiary", pick="step-up/weighted-vest"), weeks=1, units="kg")
    vest = athlete(tmp_path, "[equipment]\nmachines = { weighted-vest = { step = 2.5, max = 20 } }\n"
                             "[maxes]\nstep-up = { load = 12, reps = 10, rpe = 8 }\n", units="kg")
    ex = series(plan(tmp_path, kg, vest), "step-up")[0]
    assert (ex.sets[0].load, ex.basis.rounding) == (20.0, "weighted vest 20 kg")


def test_a_deload_after_a_too_hard_session_is_lighter_than_the_work_after_it(tmp_path):
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 5, reps = 5 }'), weeks=3,
              extra="[deload]\nevery = 2\n")
    a = athlete(tmp_path, "[maxes]\nsquat = 315\n")
    lg = log(tmp_path, "2027-01-04,squat,,5,245,lb,8\n2027-01-04,squat,,5,245,lb,9\n2027-01-04,squat,,3,245,lb,10\n")
    _, deload, after = series(plan(tmp_path, r, a, (lg,)), "squat")
    # the cut: 245 x (1 + 3/30) = 269.5; 5 at RPE 8: 218.5 -> 220 (the nearest, still lighter than 245);
    # the deload 0.9 x 220 = 198 -> 200, and it says where the 220 no sheet showed comes from
    assert (deload.deload, deload.sets[0].load, after.sets[0].load) == (True, 200.0, 220.0)
    assert deload.target.note.endswith("; from the 220 lb the session too hard points to (a set under the 4-6 rep "
                                       "range last time (5, 5, 3)), not 245 lb")
    # Two sets under the range (a real failure, 5, 3, 2 @ 8, 10, 10) is no different: the weakest set, 2 @ 10, is
    # 245 x (1 + 2/30) = 261.33; 5 at RPE 8: 211.9 -> 210 after it, and 0.9 x 210 = 189 -> 190 for the deload.
    # Before, only a one-set miss lightened the deload: this one stayed 0.9 x 245 = 220.5 -> 220, over the 210 after.
    lg = log(tmp_path, "2027-01-04,squat,,5,245,lb,8\n2027-01-04,squat,,3,245,lb,10\n2027-01-04,squat,,2,245,lb,10\n")
    _, deload, after = series(plan(tmp_path, r, a, (lg,)), "squat")
    assert (deload.deload, deload.sets[0].load, after.sets[0].load) == (True, 190.0, 210.0)
    assert "the session too hard points to (2 sets under the 4-6 rep range last time (5, 3, 2))" in deload.target.note


def test_overlapping_logs_count_each_session_once(tmp_path):
    r = rules(tmp_path, slot("squat", '"double"'), weeks=2)
    a = athlete(tmp_path, "")
    rows = "2027-01-04,squat,,5,225,lb,7\n2027-01-04,squat,,5,245,lb,7.5\n2027-01-04,squat,,5,265,lb,8\n"
    one = log(tmp_path, rows)
    two = tmp_path / "copy.csv"
    two.write_text(one.read_text())
    outcome = plan_rules(r, REG, athlete=a, logs=[one, two])
    first, nxt = series(outcome.plan, "squat")
    assert len(first.performed) == 3
    # a ramp: 265 x (1 + 7/30) = 326.8; 6 at RPE 7: 251.4 -> 250 (not the 265 a doubled ramp gave)
    assert nxt.sets[0].load == 250.0 and nxt.target.note.startswith("fewest reps last time: 5: aim for 6 reps; a ramp")
    assert any("also in" in w.message and "read from there only" in w.message for w in outcome.warnings)


def test_two_top_sets_and_back_offs_follow_the_back_offs_at_a_coherent_load(tmp_path):
    # 2 x 3 at 265, then 2 x 8 at 205 for a 4-6 squat: the back-offs are
    # followed. 8 reps are over the range, so they stand for what their best
    # set gives at 6 reps, RPE 7: 205 x (1 + 10/30) / (1 + 9/30) = 210.3 ->
    # 210 ... and all of them made the top: +5 lb, at 5 reps (by 205 x (1 +
    # 10/30) = 273.33, 215 x 4 is RPE 5.9, under 7-8, and 5 reps 6.9).
    r = rules(tmp_path, slot("squat", '"double"'), weeks=2)
    a = athlete(tmp_path, "")
    lg = log(tmp_path, "2027-01-04,squat,,3,265,lb,8\n2027-01-04,squat,,3,265,lb,8.5\n"
                       "2027-01-04,squat,,8,205,lb,8\n2027-01-04,squat,,8,205,lb,8\n")
    nxt = series(plan(tmp_path, r, a, (lg,)), "squat")[1]
    assert (nxt.target.reps, nxt.sets[0].load) == (5, 215.0)


def test_a_step_increment_with_no_load_yet_is_the_equipments_step(tmp_path):
    r = rules(tmp_path, slot("romanian-deadlift", '{ policy = "double", increment = "step" }', "secondary",
                             prescription="{ reps = [8, 10] }"), weeks=4)
    a = athlete(tmp_path, "[equipment]\nplates = [45, 25, 10, 5]\n")
    ex = series(plan(tmp_path, r, a), "romanian-deadlift")[3]
    assert ex.target.added_load == 10.0 and "add 10 lb" in ex.target.note


def test_unrated_sets_line_up_with_the_rated_ones(tmp_path):
    r = rules(tmp_path, slot("squat", '"double"'), weeks=1)
    lg = log(tmp_path, "2027-01-04,squat,,6,285,lb,8\n2027-01-04,squat,,6,285,lb,9\n2027-01-04,squat,,4,285,lb,\n")
    out = invoke(["run", str(r), "--log", str(lg)]).stdout
    assert "done 6, 6, 4 x 285 lb @ 8, 9, -" in out


def test_a_deload_week_trained_heavy_counts_as_a_normal_session(tmp_path):
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 5, reps = 5 }'), weeks=3,
              extra="[deload]\nevery = 2\n")
    a = athlete(tmp_path, "[maxes]\nsquat = 315\n")
    lg = log(tmp_path, "2027-01-04,squat,,5,245,lb,8\n" * 3 + "2027-01-11,squat,,5,250,lb,8\n" * 3)
    first, deload, after = series(plan(tmp_path, r, a, (lg,)), "squat")
    # the deload asked for 0.9 x 245 -> 220; 250 x 5 x 3 was lifted, so week 3 adds 5 lb to 250
    assert (deload.deload, deload.sets[0].load, after.sets[0].load) == (True, 220.0, 255.0)
    assert "counts as a normal session" in deload.target.note
    # a deload done as planned changes nothing: week 3 builds on week 1 (245 + 5)
    light = log(tmp_path, "2027-01-04,squat,,5,245,lb,8\n" * 3 + "2027-01-11,squat,,5,220,lb,5\n" * 2)
    assert series(plan(tmp_path, r, a, (light,)), "squat")[2].sets[0].load == 250.0


def test_a_note_names_an_increase_it_does_not_already_say():
    from engine.wording import says
    assert says("add 5 kg", "5 kg") and not says("add 2.5 kg", "5 kg") and not says("add 15 kg", "5 kg")


CIRCLE = """
[[exercise]]
id = "hang"
name = "Hang"
category = "tertiary"
prescription = { sets = [2, 3], reps = [8, 12], rpe = [7, 8] }
[[exercise.variant]]
id = "a"
name = "A"
harder = "b"
[[exercise.variant]]
id = "b"
name = "B"
harder = "{back}"
"""


@pytest.mark.parametrize(("back", "says"), [
    ("a", "harder forms go round in a circle: b -> a -> b; the hardest form names none"),
    ("b", "harder forms go round in a circle: b -> b; the hardest form names none"),
    ("c", "'c' is not a variant of 'hang' (variants: a, b)"),
])
def test_a_harder_form_must_lead_somewhere(tmp_path, back, says):
    r = rules(tmp_path, slot("hang", '"double"', "tertiary", pick="hang/a"), extra=CIRCLE.replace("{back}", back))
    with pytest.raises(EngineError) as err:
        plan(tmp_path, r)
    found = {(p.message, tuple(p.path)) for p in err.value.problems}
    assert (says, ("exercise", 0, "variant", 1, "harder")) in found


DB_PRESS = """
[[exercise]]
id = "db-press"
name = "Dumbbell press"
category = "tertiary"
loading = "dumbbell"
implements = 2
equipment = ["dumbbells"]
tags = ["press"]

[exercise.prescription]
sets = [3, 4]
reps = [8, 12]
rpe = [7, 8]
"""


@pytest.mark.parametrize(("dumbbells", "best", "loads", "says"), [
    # A dumbbell press, max 22.5 a hand x 10 @ 8 (12 RTF): e1RM 45 x 1.4 = 63 for both; 10 at RPE 7 (13 RTF)
    # is 63 / 1.4333 = 43.95, 21.98 a hand -> 22.5. Deload: 0.9 x 22.5 = 20.25 -> 20 per hand: near enough
    # to the stated fraction. Week 3: linear's +5 a hand is 27.5 (55 lb, 85% of the week-1 target's e1RM
    # of 45 x 1.4333 = 64.5: 5.2 RTF, 10 reps past failure; 25 a hand, 8.7 RTF, too): 22.5 again, a rep more
    ("[20, 22.5, 25, 27.5, 30]", 22.5, [22.5, 20.0, 22.5],
     "deload: 0.5 of the sets at 0.89 of the load (the nearest the equipment makes to 0.9 x 22.5 = 20.25 lb)"),
    # max 40 x 10 @ 8: 40 x 1.4 / 1.4333 = 39.07 -> 40 a hand. 0.9 x 40 = 36: the next lighter, 30, cuts 25 %
    # (more than twice 10 %): fewer sets, same load, and fewer reps: 10 at RPE 8 are 12 to failure, so RPE 5
    # (what 0.9 of the load would make them, at least) is 7 reps
    ("[10, 20, 30, 40, 50]", 40, [40.0, 40.0, 40.0],
     "deload: 0.5 of the sets, same load (0.9 x 40 = 36 lb is not a load the equipment makes; "
     "the next lighter, 30 lb, would cut 25%); 7 reps instead of 10 at RPE 5"),
])
def test_a_deload_on_coarse_equipment_says_what_it_really_cuts(tmp_path, dumbbells, best, loads, says):
    r = rules(tmp_path, slot("db-press", '{ policy = "linear", increment = 5, reps = 10 }', "tertiary"),
              weeks=3, extra="[deload]\nevery = 2\n" + DB_PRESS)
    a = athlete(tmp_path, f'[equipment]\ndumbbells = {dumbbells}\n'
                          f'[maxes]\ndb-press = {{ load = {best}, reps = 10, rpe = 8 }}\n')
    exs = series(plan(tmp_path, r, a), "db-press")
    assert [ex.sets[0].load for ex in exs] == loads and exs[1].target.note == says


@pytest.mark.parametrize(("dumbbells", "best", "loads", "rpe", "says"), [
    # A split squat moves bodyweight (180 lb) and the dumbbells, and its deload is 0.9 of all of it: 22.5 a
    # hand moves 180 + 45 = 225; 0.9 x 225 = 202.5 is 11.25 a hand, and the nearest the rack makes is 20
    # (8.75 away; none is 11.25 away): 220 lb moved, 0.98 of it. Its effort at the same 10 reps: 10 at
    # RPE 7 is 1 / 1.4333 = 69.77% of the e1RM, x 0.9778 = 68.22% (13.98 RTF): RPE 6.0; at RPE 8, 71.43% x
    # 0.9778 = 69.84% (12.96 RTF): RPE 7.0. The deload is mostly in its sets, and its label says so, as one
    # number, the hardest its sets read: RPE 7 (it said "RPE 6-7"). Week 3's +5 lb a hand, 27.5 (235 lb),
    # is too hard by week 1 taken as done at RPE 7 (225 x 1.4333 = 322.5: RTF 11.17, sets from 8.8): 25.
    ("[20, 22.5, 25, 27.5, 30]", 25, [22.5, 20.0, 25.0], (7.0, 7.0),
     "deload: 0.5 of the sets at 0.98 of the load with bodyweight "
     "(the nearest the equipment makes to 0.9 x 225 = 202.5 lb)"),
    # 40 a hand moves 260; 0.9 x 260 = 234 is 27 a hand -> 30: 240 lb, 0.92 of the load, a cut of 7.7% of
    # what is moved (not the 25% of the dumbbells that kept 40 before). 10 at RPE 8: 71.43% x 0.9231 =
    # 65.93% (15.50 RTF): RPE 4.5, so RPE 5.
    ("[10, 20, 30, 40, 50]", 40, [40.0, 30.0, 40.0], (5.0, 5.0),
     "deload: 0.5 of the sets at 0.92 of the load with bodyweight "
     "(the nearest the equipment makes to 0.9 x 260 = 234 lb)"),
])
def test_a_bodyweight_deload_lightens_the_moved_load(tmp_path, dumbbells, best, loads, rpe, says):
    r = rules(tmp_path, slot("split-squat", '{ policy = "linear", increment = 5, reps = 10 }', "tertiary"),
              weeks=3, extra="[deload]\nevery = 2\n")
    a = athlete(tmp_path, f'[equipment]\ndumbbells = {dumbbells}\n'
                          f'[maxes]\nsplit-squat = {{ load = {best}, reps = 10, rpe = 8 }}\n')
    exs = series(plan(tmp_path, r, a), "split-squat")
    assert [ex.sets[0].load for ex in exs] == loads
    assert (exs[1].target.reps, exs[1].target.rpe, exs[1].target.note) == (10, rpe, says)


@pytest.mark.parametrize(("variants", "warned"), [("", True), (", variants = false", False),
                                                    (", variants = true", False)])
def test_two_forms_of_one_exercise_in_from_say_how_the_slot_trains_them(tmp_path, variants, warned):
    slots = ('[[slot]]\nname = "main"\ncategory = "primary"\n'
             f'select = {{ selector = "rotate", from = ["squat/high-bar", "squat/low-bar"]{variants} }}\n')
    outcome = plan_rules(rules(tmp_path, slots, weeks=2), REG)
    said = [w for w in outcome.warnings if "is named in 2 forms (high-bar, low-bar)" in w.message]
    assert bool(said) == warned
    picked = [ex.choice.key for ex in series(outcome.plan, "squat")]
    assert picked == (["squat/high-bar", "squat/low-bar"] if "true" in variants else ["squat/high-bar"] * 2)
    if said:
        assert said[0].path == ("slot", 0, "select", "from")


def test_double_steps_to_the_fewest_reps_that_reach_the_target_lb(tmp_path):
    # A 4-6 squat @ 7-8 logged 225 lb x 6 @ 7, 7.5, 8 (e1RMs 225 x (1 + 9/30) = 292.5, 288.75, 285): at 230,
    # 4 reps are about RPE 5.9, 6.3, 6.8 (a median under 7), 5 reps 6.9, 7.3, 7.8.
    r = rules(tmp_path, slot("squat", '"double"', prescription="{ sets = [3, 3], reps = [4, 6], rpe = [7, 8] }"),
              weeks=3)
    a = athlete(tmp_path, "[equipment]\nbar = 45\nplates = [45, 25, 10, 5, 2.5]\n")
    lg = log(tmp_path, "".join(f"2027-01-04,squat,,6,225,lb,{rpe}\n" for rpe in (7, 7.5, 8)))
    w1, w2, w3 = series(plan(tmp_path, r, a, (lg,)), "squat")
    assert (w2.target.reps, w2.sets[0].load, w3.target.reps, w3.sets[0].load) == (5, 230.0, 6, 230.0)
    assert w2.target.note.endswith("230 lb x 4 would be about RPE 6.5 by the last session's rated sets: 5 reps reach "
                                   "the target's 7-8 there")


FIRST = "".join(f"2027-01-04,squat,,6,225,lb,{rpe}\n" for rpe in (7, 7.5, 8))  # 4-6 @ 7-8: asks 230 x 5 next
HARD = "".join(f"2027-01-11,squat,,5,230,lb,{rpe}\n" for rpe in (8.5, 9, 9.5))  # that, a median a point over 8


def squats_after(tmp_path, rows: str, weeks: int) -> list:
    """A 4-6 @ RPE 7-8 double-progression squat on 2.5 lb plates after `rows`."""
    r = rules(tmp_path, slot("squat", '"double"', prescription="{ sets = [3, 3], reps = [4, 6], rpe = [7, 8] }"),
              weeks=weeks)
    a = athlete(tmp_path, "[equipment]\nbar = 45\nplates = [45, 25, 10, 5, 2.5]\n")
    return series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")


def test_double_too_hard_above_the_bottom_of_its_range_takes_reps_off_before_load_lb(tmp_path):
    # By the too-hard session's e1RMs (279.83, 276, 272.17), 230 x 4 is about 7.5, 8, 8.5, on target: the
    # same load at 4 reps, not 220 x 5 from the weakest set. Sets short of the reps asked still take load off.
    w1, w2, w3 = squats_after(tmp_path, FIRST + HARD, 3)
    assert [(w.target.reps, w.sets[0].load) for w in (w2, w3)] == [(5, 230.0), (4, 230.0)]
    assert w3.target.note.endswith("4 reps at 230 lb, about RPE 8 by the last session's rated sets, before any load "
                                   "comes off")
    lower = "".join(f"2027-01-11,squat,,4,230,lb,{rpe}\n" for rpe in (9, 9.5, 10))  # short of the 5: a cut
    assert squats_after(tmp_path, FIRST + lower, 3)[2].sets[0].load < 230.0


def test_a_deload_after_a_session_too_hard_lightens_the_load_the_work_after_it_keeps_lb(tmp_path):
    # As above, with week 3 a deload: the work after it keeps 230 lb at 4 reps ("before any load comes off"),
    # so the deload lightens 230 (0.9 x 230 = 207 -> 205), not a cut load no later week uses.
    r = rules(tmp_path, slot("squat", '"double"', prescription="{ sets = [3, 3], reps = [4, 6], rpe = [7, 8] }"),
              weeks=4, extra="[deload]\nevery = 3\n")
    a = athlete(tmp_path, "[equipment]\nbar = 45\nplates = [45, 25, 10, 5, 2.5]\n")
    w1, w2, deload, w4 = series(plan(tmp_path, r, a, (log(tmp_path, FIRST + HARD),)), "squat")
    assert (deload.deload, deload.sets[0].load) == (True, 205.0)
    assert "session too hard points to" not in deload.target.note
    assert (w4.target.reps, w4.sets[0].load) == (4, 230.0)


def test_fewer_reps_answer_a_session_too_hard_once_and_only_at_a_load_the_equipment_makes_lb(tmp_path):
    # 230 x 4 after the session too hard; done @ 8.5, 9, 9.5 again: a second session too hard in a row takes
    # load off. A session lifted at a load the equipment does not make (233 lb on 5 lb steps) is cut from,
    # never answered at the load the sheet would round it to.
    again = "".join(f"2027-01-18,squat,,4,230,lb,{rpe}\n" for rpe in (8.5, 9, 9.5))
    w1, w2, w3, w4 = squats_after(tmp_path, FIRST + HARD + again, 4)
    assert (w3.target.reps, w3.sets[0].load) == (4, 230.0)
    assert w4.sets[0].load < 230.0 and "load from the weakest set" in w4.target.note
    w3 = squats_after(tmp_path, FIRST + HARD.replace(",230,", ",233,"), 3)[2]
    assert w3.sets[0].load < 230.0 and "before any load comes off" not in w3.target.note


def test_fewer_reps_never_keep_a_set_that_failed_at_the_same_load_lb(tmp_path):
    # 230 x 5, 4, 4 @ 6, 9.5, 10 where 5 were asked: the last set, at RPE 10 (e1RM 230 x 1.1333 = 260.67), is
    # still RPE 10 for 4 reps at 230, too hard (median 9.5, 1.5 over 8): the load comes off, 215 x 4 (4 at RPE
    # 8 is 83.3% of 260.67 = 217.2, on 5 lb steps 215). Sets all made at 6, 6, 10 take 230 x 4 (the last about
    # 9). (5, 5, 4 @ 6, 6, 10 is a grind: the same target again, test_grinds.py.) Not back to the 225 x 6, 6, 6
    # on target the week before: by the median set, 4 @ 9.5 (264.5), 4 reps at 225 are RPE 8.7 (engine.lastgood).
    failed = "".join(f"2027-01-11,squat,,{reps},230,lb,{rpe}\n" for reps, rpe in ((5, 6), (4, 9.5), (4, 10)))
    w3 = squats_after(tmp_path, FIRST + failed, 3)[2]
    assert (w3.target.reps, w3.sets[0].load) == (4, 215.0)
    assert "e1RM 260.67 lb -> 83.3% for 4 reps at RPE 8 -> 217.22" in basis_text(w3.basis, w3, "lb")  # (not RPE 7)
    made = "".join(f"2027-01-11,squat,,5,230,lb,{rpe}\n" for rpe in (6, 6, 10))
    w3 = squats_after(tmp_path, FIRST + made, 3)[2]
    assert (w3.target.reps, w3.sets[0].load) == (4, 230.0) and "before any load comes off" in w3.target.note


@pytest.mark.parametrize(("back_off", "top", "note"), [
    # 90 x 5, 5 unrated, then 100 x 5 @ 8 where 100 was printed: the 90s are lighter than the sheet, so the plan
    # follows the one set at 100 (1 of 3): 100 again, not 90 while 2.5 kg a week is owed toward 100.
    (90, 100, "1 of 3 sets done at 100 kg: repeat 100 kg"),
    # 100s under 120 x 5 @ 8 (e1RM 148): 110 is about RPE 4.5, 120 is 8, the set just lifted: 120, not 110.
    (100, 120, "but 120 kg is about RPE 8 for 5 reps by the last session's rated sets, inside the target's 7-8, where "
               "100 kg is RPE 1 or less: take the step, +20 kg (to the heaviest set of 5 lifted, 120 kg)"),
])
def test_a_rated_top_set_over_unrated_back_offs_takes_the_held_step_to_it_kg(tmp_path, back_off, top, note):
    # Linear 3 x 5 @ 7-8 on 20/10/5 kg plates (10 kg steps): printed @ 7-8, inside the target.
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 2.5 }',
                             prescription='{ sets = [3, 3], reps = [5, 5], rpe = [7, 8] }'), units="kg", weeks=2)
    a = athlete(tmp_path, "[equipment]\nbar = 20\nplates = [20, 10, 5]\n"
                          "[maxes]\nsquat = { load = 100, reps = 5, rpe = 8 }\n", units="kg")
    lg = log(tmp_path, f"2027-01-04,squat,,5,{back_off},kg,\n" * 2 + f"2027-01-04,squat,,5,{top},kg,8\n")
    nxt = series(plan(tmp_path, r, a, (lg,)), "squat")[1]
    assert (nxt.target.reps, nxt.sets[0].load, nxt.sets[0].rpe) == (5, float(top), 7.0)
    assert nxt.target.note.endswith(note)


def test_double_whose_range_top_is_still_under_the_target_at_the_step_says_so_lb(tmp_path):
    # 225 lb x 6 @ 5.5, 5.5, 6 on 4-6 @ 7-8 (not too easy: the sets are not all 2 under 7): at 230 even 6
    # reps, the range's top, are about RPE 6.5 (by 225 x (1 + 10.5/30) = 303.75, RTF 9.6).
    r = rules(tmp_path, slot("squat", '"double"', prescription="{ sets = [3, 3], reps = [4, 6], rpe = [7, 8] }"),
              weeks=2)
    a = athlete(tmp_path, "[equipment]\nbar = 45\nplates = [45, 25, 10, 5, 2.5]\n")
    lg = log(tmp_path, "".join(f"2027-01-04,squat,,6,225,lb,{rpe}\n" for rpe in (5.5, 5.5, 6)))
    nxt = series(plan(tmp_path, r, a, (lg,)), "squat")[1]
    assert (nxt.target.reps, nxt.sets[0].load) == (6, 230.0)
    assert "even 6, the range's top, are about RPE 6.5 there" in nxt.target.note


@pytest.mark.parametrize(("reset", "reps"), [(None, 5), ('"effort"', 5), ('"bottom"', 4)])
def test_double_reset_bottom_keeps_the_classic_step_to_the_bottom_of_the_range_lb(tmp_path, reset, reps):
    # 225 lb x 6 @ 7, 7.5, 8 on 4-6 @ 7-8: 230 x 5 by default (4 reps would be about 6.5 by the sets' e1RMs);
    # `reset = "bottom"` keeps double progression's classic step, 230 x 4.
    policy = '{ policy = "double"' + (f", reset = {reset}" if reset else "") + " }"
    r = rules(tmp_path, slot("squat", policy, prescription="{ sets = [3, 3], reps = [4, 6], rpe = [7, 8] }"), weeks=2)
    a = athlete(tmp_path, "[equipment]\nbar = 45\nplates = [45, 25, 10, 5, 2.5]\n")
    lg = log(tmp_path, "".join(f"2027-01-04,squat,,6,225,lb,{rpe}\n" for rpe in (7, 7.5, 8)))
    nxt = series(plan(tmp_path, r, a, (lg,)), "squat")[1]
    assert (nxt.target.reps, nxt.sets[0].load) == (reps, 230.0)


def test_a_double_reset_other_than_effort_or_bottom_is_located(tmp_path):
    r = rules(tmp_path, slot("squat", '{ policy = "double", reset = "top" }'), weeks=2)
    result = invoke(["run", str(r)])
    assert result.exit_code == 1
    assert "reset" in result.stderr and "rules.toml:" in result.stderr


@pytest.mark.parametrize(("units", "max_", "plates", "top", "back_off", "printed"), [
    # 3 x 5 @ 7-8 from a max of 100 kg (225 lb) x 5 @ 9; P, the load week 1 prints, is read from the plan
    ("kg", "{ load = 100, reps = 5, rpe = 9 }", "[20, 10, 5, 2.5, 1.25]", 0.0, -12.5, None),
    ("lb", "{ load = 225, reps = 5, rpe = 9 }", "[45, 25, 10, 5, 2.5]", 0.0, -30.0, None),
    ("kg", "{ load = 100, reps = 5, rpe = 9 }", "[20, 10, 5, 2.5, 1.25]", 2.5, -12.5, None),  # a top over the sheet
])
def test_back_offs_lighter_than_the_sheet_after_a_set_at_it_repeat_the_load_printed(tmp_path, units, max_, plates,
                                                                                      top, back_off, printed):
    # Linear 3 x 5: week 1 at the load printed P. Logged: P (+ top) x 5 @ 8, then 2 x 5 at P + back_off @ 7.5, 7.
    # The back-offs are extra work: one set of three was done at P, so week 2 repeats P ("1 of 3 sets done at
    # P"), where following the back-offs planned 10 kg (or 25 lb) under the sheet with "add 2.5 kg".
    step = 2.5 if units == "kg" else 5.0
    r = rules(tmp_path, slot("squat", f'{{ policy = "linear", increment = {step} }}',
                             prescription="{ sets = [3, 3], reps = [5, 5], rpe = [7, 8] }"), units=units, weeks=3)
    a = athlete(tmp_path, f"[equipment]\nbar = {20 if units == 'kg' else 45}\nplates = {plates}\n"
                          f"[maxes]\nsquat = {max_}\n", units=units)
    first = series(plan(tmp_path, r, a), "squat")[0].sets[0].load
    lg = log(tmp_path, f"2027-01-04,squat,,5,{first + top},{units},8\n"
                       + "".join(f"2027-01-04,squat,,5,{first + back_off},{units},{x}\n" for x in (7.5, 7)))
    w1, w2, w3 = series(plan(tmp_path, r, a, (lg,)), "squat")
    assert [s.load for s in w2.sets] == [first] * 3
    at = "at or over" if top else "at"
    assert w2.target.note == f"1 of 3 sets done {at} {first:g} {units}: repeat {first:g} {units}"
    assert w3.sets[0].load == first + step  # and on from there once the sets are done


def test_back_offs_at_the_sheet_after_a_heavier_top_set_are_still_followed(tmp_path):
    # 1 x 3 at 315 then 3 x 8 at 255 where 3 x 8 at 255 was the plan: the back-offs are the plan's sets.
    r = rules(tmp_path, slot("hip-thrust", '"double"', "secondary"), weeks=3)
    a = athlete(tmp_path, "[maxes]\nhip-thrust = { load = 255, reps = 10, rpe = 8 }\n")
    printed = series(plan(tmp_path, r, a), "hip-thrust")[0]
    lg = log(tmp_path, f"2027-01-04,hip-thrust,,3,{printed.sets[0].load + 60},lb,8\n"
                       + f"2027-01-04,hip-thrust,,{printed.target.reps},{printed.sets[0].load},lb,7\n" * 3)
    nxt = series(plan(tmp_path, r, a, (lg,)), "hip-thrust")[1]
    assert nxt.sets[0].load == printed.sets[0].load and "sets done" not in nxt.target.note


def test_a_heavier_set_short_of_the_reps_asked_does_not_take_the_back_offs_place(tmp_path):
    # P + 10 x 3 where 3 x 5 at P was printed, then 2 x 5 at P - 12.5: a heavy triple is not the fives' work,
    # so the plan follows what was done for 5 (the back-offs), as before.
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 2.5 }',
                             prescription="{ sets = [3, 3], reps = [5, 5], rpe = [7, 8] }"), units="kg", weeks=2)
    a = athlete(tmp_path, "[maxes]\nsquat = { load = 100, reps = 5, rpe = 9 }\n", units="kg")
    first = series(plan(tmp_path, r, a), "squat")[0].sets[0].load
    lg = log(tmp_path, f"2027-01-04,squat,,3,{first + 10},kg,8\n" + f"2027-01-04,squat,,5,{first - 12.5},kg,7\n" * 2)
    nxt = series(plan(tmp_path, r, a, (lg,)), "squat")[1]
    assert nxt.sets[0].load < first and "sets done" not in nxt.target.note and "too hard" not in nxt.target.note


def linear_squat(tmp_path: Path, units: str) -> tuple[Path, Path, float]:
    """Linear 3 x 5 @ 7-8 (2.5 kg, 5 lb a week) from a squat of 100 kg (225 lb) x 5 @ 9, two weeks: the rule
    file, the profile and the load week 1 prints."""
    step = 2.5 if units == "kg" else 5.0
    r = rules(tmp_path, slot("squat", f'{{ policy = "linear", increment = {step} }}',
                             prescription="{ sets = [3, 3], reps = [5, 5], rpe = [7, 8] }"), units=units, weeks=2)
    a = athlete(tmp_path, "[maxes]\nsquat = { load = %s, reps = 5, rpe = 9 }\n" % (100 if units == "kg" else 225),
                units=units)
    return r, a, series(plan(tmp_path, r, a), "squat")[0].sets[0].load


@pytest.mark.parametrize(("units", "back_off"), [("kg", -12.5), ("lb", -30.0)])
def test_a_set_at_the_sheet_one_rep_short_before_back_offs_is_the_session_followed(tmp_path, units, back_off):
    # P x 4 @ 9 where 3 x 5 at P was printed, then 2 x 5 lighter: too hard at P (a set short of 5), so the next
    # load is cut from that set's e1RM, P x (1 + 5/30), at 5 reps @ 8 (81.08%), not the back-offs plus a step.
    r, a, first = linear_squat(tmp_path, units)
    lg = log(tmp_path, f"2027-01-04,squat,,4,{first},{units},9\n"
                       + f"2027-01-04,squat,,5,{first + back_off},{units},7\n" * 2)
    nxt = series(plan(tmp_path, r, a, (lg,)), "squat")[1]
    assert nxt.target.note.startswith("too hard: a set short of 5 reps last time (4)")
    assert first + back_off < nxt.sets[0].load < first


@pytest.mark.parametrize(("units", "ramp"), [("kg", (20, 60, 80)), ("lb", (45, 135, 185))])
def test_a_ramp_of_unmarked_warm_ups_up_to_a_set_at_the_sheet_is_that_set(tmp_path, units, ramp):
    # 20 x 5, 60 x 5, 80 x 3 not marked as warm-ups, then P x 5 @ 8 where 3 x 5 at P was printed: one set of
    # three at P, as the same warm-ups repeated (a group lighter than the sheet) read, not "a set short of 5".
    r, a, first = linear_squat(tmp_path, units)
    rows = "".join(f"2027-01-04,squat,,{n},{w},{units},\n" for n, w in zip((5, 5, 3), ramp, strict=True))
    nxt = series(plan(tmp_path, r, a, (log(tmp_path, rows + f"2027-01-04,squat,,5,{first},{units},8\n"),)), "squat")[1]
    said = f"1 of 3 sets done at {first:g} {units}: repeat {first:g} {units}"
    assert (nxt.sets[0].load, nxt.target.note) == (first, said)


def test_lb_a_load_logged_in_kg_as_printed_gives_the_e1rm_of_the_load_printed(tmp_path):
    # The `rpe` policy, 3 x 5 from RPE 7, +0.5 an exposure; max 225 x 5 @ 8 (e1RM 277.5): week 1 5 @ 7 is 219.08,
    # 220 lb. Logged as 100 kg x 5, 5, 5 @ 8 (220.46 lb, an app set to kg): the load printed, for the e1RM too.
    # Week 2, 5 @ 7.5 of 220 x (1 + 7/30) = 271.33: x 0.8 = 217.07, 215 lb, as with the log in lb (from 220.46,
    # 271.9 x 0.8 = 217.52 gave 220).
    r = rules(tmp_path, slot("squat", '{ policy = "rpe", step = 0.5 }',
                             prescription="{ sets = [3, 3], reps = [5, 5], rpe = [7, 8] }"), weeks=2)
    a = athlete(tmp_path, "[maxes]\nsquat = { load = 225, reps = 5, rpe = 8 }\n")
    loads = []
    for row in ("2027-01-04,squat,,5,100,kg,8\n", "2027-01-04,squat,,5,220,lb,8\n"):
        week2 = series(plan(tmp_path, r, a, (log(tmp_path, row * 3),)), "squat")[1]
        assert week2.basis is not None and week2.basis.e1rm is not None
        loads.append((week2.sets[0].load, round(week2.basis.e1rm, 2)))
    assert loads == [(215.0, 271.33), (215.0, 271.33)]


@pytest.mark.parametrize(("units", "plates", "logged", "kept"), [
    # lb, 2.5 lb steps: 248 x 6 @ 7.5, 8, 8.5 (e1RMs 318.27, 314.13, 310) put 7 reps at 247.5, the load the plates
    # make, at RPE 8.4, 8.9, 9.4 (median 8.9, over 8 + 0.5): hold 6 reps, as 247.5 or 250 logged do. It asked 7.
    ("lb", "[45, 25, 10, 5, 2.5, 1.25]", 248.0, 247.5),
    # kg, 2.5 kg steps: 99 x 6 @ 7.5, 8, 8.5 (e1RMs 127.05, 125.4, 123.75) at 100 kg, the nearest made: 7 reps
    # at RPE 8.9, 9.4, 9.9: hold 6.
    ("kg", "[20, 10, 5, 2.5, 1.25]", 99.0, 100.0),
])
def test_a_load_logged_off_the_equipment_s_steps_holds_reps_foreseen_too_hard(tmp_path, units, plates, logged, kept):
    r = rules(tmp_path, slot("squat", '"double"', prescription="{ sets = 3, reps = [4, 8], rpe = [7, 8] }"),
              weeks=2, units=units)
    top = f"squat = {{ load = {logged}, reps = 6, rpe = 8 }}"
    a = athlete(tmp_path, f"[equipment]\nplates = {plates}\n[maxes]\n{top}\n", units=units)
    rows = "".join(f"2027-01-04,squat,,6,{logged},{units},{rpe}\n" for rpe in (7.5, 8, 8.5))
    second = series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")[1]
    assert (second.sets[0].load, second.target.reps) == (kept, 6)
    assert "7 would take the sets rated 7.5, 8, 8.5 last time to about RPE" in second.target.note

