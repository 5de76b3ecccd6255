"""The RPE printed next to the sets is the effort the engine expects there.

Where the engine works out that the load the equipment makes, at the reps
printed, lands outside the prescription's RPE range (coarse dumbbells, a
stack at its heaviest, bodyweight alone, a deload the equipment makes far
deeper than asked), the sets are labelled with that effort, to the half
point the note gives, on the scale 1 to 10; the note says why. Decided once
(`engine.plannedsets.label`), so every exporter prints the same number; the
training state keeps the prescription's RPE.

Hand arithmetic (Epley on reps in reserve): a set of r reps at RPE x is
n = r + 10 - x reps to failure and takes 1 / (1 + n/30) of the e1RM; reps to
failure (RTF) at a load L are 30 x (e1RM / L - 1), and r reps there are RPE
r + 10 - RTF. Dumbbell e1RMs are of the pair.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from test_coarse_effort import CURL, KG_DUMBBELLS, LB_DUMBBELLS, PRESS, RAISE, RAISE_MAX, ROW, person, program
from test_training import REG, log, plan, rules, series, slot

from engine.model import Expected, Target
from engine.pipeline import plan_rules
from engine.plannedsets import label, planned_sets
from engine.testing import invoke

RAISE_FAILED = "".join(f"2027-01-04,lateral-raise,,{reps},20,lb,{rpe}\n" for reps, rpe in
                       ((12, 9), (11, 9.5), (10, 10)))


def labels(ex) -> list:
    return [s.rpe for s in ex.sets]


def raise_plan(tmp_path: Path) -> tuple[Path, Path, Path]:
    return (program(tmp_path, "lateral-raise", "lb", 2.5, 3, RAISE), person(tmp_path, "lb", RAISE_MAX),
            log(tmp_path, RAISE_FAILED))


# -- working sets the load cannot bring into the range ------------------------------------------------


def test_a_cut_to_the_next_dumbbell_is_labelled_with_its_effort_lb(tmp_path):
    # lb, dumbbells by 5. 20 x 12, 11, 10 @ 9, 9.5, 10 a hand on 12-20 @ 8-9: a failure. The weakest set,
    # 10 @ 10 (n 10), for the pair: 40 x (1 + 10/30) = 53.33. 12 at RPE 9 wants 37.21, 18.6 a hand; the
    # dumbbells make 15 (30 lb, 56.25%): RTF 30 x (53.33/30 - 1) = 23.33; 20 reps (the top of the range) are
    # RPE 20 + 10 - 23.33 = 6.67, 6.5 to the half point: "about RPE 6.5 even for 20 reps", and the sets say
    # RPE 6.5, not 8-9.
    w1, w2, w3 = series(plan(tmp_path, *raise_plan(tmp_path)[:2], (log(tmp_path, RAISE_FAILED),)), "lateral-raise")
    assert labels(w1) == [8.0, 8.5, 9.0]
    assert (len(w2.sets), w2.target.reps, w2.sets[0].load, labels(w2)) == (3, 20, 15.0, [6.5, 6.5, 6.5])
    assert "about RPE 6.5 even for 20 reps" in w2.target.note
    # Week 3, planned: the 2.5 lb owed make 20 lb, a 33% jump, refused by week 2 as planned, taken as done
    # at the RPE its sheet printed (6.5): 30 x (1 + 23.5/30) = 53.5 lb. The load stays at 15 lb x 20,
    # RPE 20 + 10 - 30 x (53.5/30 - 1) = 6.5, labelled 6.5 as the week before.
    assert (w3.target.reps, w3.sets[0].load, labels(w3)) == (20, 15.0, [6.5, 6.5, 6.5])
    assert "by the e1RM 53.5 lb" in w3.target.note and "keep 3 x 20 at 15 lb" in w3.target.note


def test_the_training_state_keeps_the_prescriptions_rpe(tmp_path):
    # The label is what the sheet shows; the next exposure builds on the target (8-9), with nothing expected.
    w2 = series(plan(tmp_path, *raise_plan(tmp_path)[:2], (log(tmp_path, RAISE_FAILED),)), "lateral-raise")[1]
    assert w2.target.rpe == (8.0, 9.0) and w2.target.expected is not None
    assert w2.state.target.rpe == (8.0, 9.0) and w2.state.target.expected is None


def test_every_exporter_prints_the_label(tmp_path):
    r, a, lg = raise_plan(tmp_path)
    args = ["run", str(r), "--athlete", str(a), "--log", str(lg)]
    text = invoke(args).stdout
    assert re.search(r"Week 2\n.*\n\s+tertiary\s+lateral-raise\s+3 x 20 @ RPE 6\.5\s+2 x 15 lb", text), text
    markdown = invoke(args + ["-f", "markdown"]).stdout
    assert re.search(r"\| lateral-raise \| 3 x 20 \| RPE 6\.5 \| 2 x 15 lb \|", markdown), markdown
    data = json.loads(invoke(args + ["-f", "json"]).stdout)
    week2 = data["weeks"][1]["days"][0]["exercises"][0]
    assert week2["prescription"]["rpe"] == [8, 9]  # the prescription is the rule file's
    assert week2["sets"] == [{"reps": 20, "rpe": 6.5, "load": 15}] * 3


def test_a_cut_far_under_the_scale_is_labelled_rpe_1_kg(tmp_path):
    # kg, dumbbells 2-10 by 2. 6 x 8 @ 8 a hand: e1RM 12 x (1 + 10/30) = 16. Logged 8, 6, 5 @ 9, 10, 10:
    # the weakest, 5 @ 10: 12 x (1 + 5/30) = 14. The cut lands on 4 a hand (8 kg, 57.1%): RTF 30 x (14/8 -
    # 1) = 22.5; 12 reps (the top) are RPE 12 + 10 - 22.5 = -0.5: under the scale, "about 11 reps short of
    # failure" (10.5), labelled 1, the scale's bottom. Week 3: 13 reps, RPE 0.5, labelled 1 again.
    r = program(tmp_path, "db-press", "kg", 1, 3, PRESS)
    a = person(tmp_path, "kg", f"[equipment]\n{KG_DUMBBELLS}\n[maxes]\ndb-press = {{ load = 6, reps = 8, rpe = 8 }}\n")
    lg = log(tmp_path, "".join(f"2027-01-04,db-press,,{reps},6,kg,{rpe}\n" for reps, rpe in ((8, 9), (6, 10), (5, 10))))
    w1, w2, w3 = series(plan(tmp_path, r, a, (lg,)), "db-press")
    assert (w2.target.reps, w2.sets[0].load, labels(w2)) == (12, 4.0, [1.0, 1.0, 1.0])
    assert "about 11 reps short of failure even for 12 reps" in w2.target.note
    assert (w3.target.reps, w3.sets[0].load, labels(w3)) == (13, 4.0, [1.0, 1.0, 1.0])


def test_a_first_curl_on_the_lighter_pair_is_labelled_with_its_effort_and_the_next_week_too(tmp_path):
    # lb. 25 x 8 @ 9 a hand: e1RM 50 x (1 + 9/30) = 65. 25 a hand (50 lb) is past failure for 10; 20 a hand
    # (40 lb, 61.5%): RTF 30 x (65/40 - 1) = 18.75, 15 reps (the top) RPE 6.25, 6.5 printed: the sets say 6.5.
    # Week 2: 25 a hand is refused again (10 reps past failure by the e1RM 65); a rep at 20 instead: 16 reps
    # are RPE 7.25, 7.5 to the half point (a quarter rounds up), still under 8: labelled 7.5.
    r = program(tmp_path, "db-curl", "lb", 2.5, 2, CURL)
    a = person(tmp_path, "lb", f"[equipment]\n{LB_DUMBBELLS}\n[maxes]\ndb-curl = {{ load = 25, reps = 8, rpe = 9 }}\n")
    w1, w2 = series(plan(tmp_path, r, a), "db-curl")
    assert (len(w1.sets), w1.target.reps, w1.sets[0].load, labels(w1)) == (3, 15, 20.0, [6.5] * 3)
    assert (w2.target.reps, w2.sets[0].load, labels(w2)) == (16, 20.0, [7.5] * 3)
    assert "by the e1RM 65 lb" in w2.target.note


def test_the_heaviest_dumbbell_after_a_too_easy_session_is_labelled_rpe_6_kg(tmp_path):
    # kg, dumbbells 5-25. A row on 8-12 @ 7-8, 25 x 11 @ 7: e1RM 25 x (1 + 14/30) = 36.67; 8 @ 7 wants 26.83,
    # over the heaviest: 25 kg (68.2%), RTF 14, 11 reps reach RPE 7 (3 x 11). Logged 11 x 25 @ 5, 5, 5: too
    # easy; the best set, 11 @ 5 (n 16), is 25 x (1 + 16/30) = 38.33. At 25 kg RTF = 30 x (38.33/25 - 1) =
    # 16, so 12 reps (the top) are RPE 12 + 10 - 16 = 6 exactly: "about RPE 6 even for 12 reps", labelled 6
    # (not 6.67: RTF is 16, not 15.33).
    r = program(tmp_path, "db-row", "kg", 2.5, 2, ROW)
    a = person(tmp_path, "kg", "[equipment]\ndumbbells = [5, 8, 12, 15, 20, 25]\n"
                               "[maxes]\ndb-row = { load = 25, reps = 11, rpe = 7 }\n")
    w1, w2 = series(plan(tmp_path, r, a, (log(tmp_path, "2027-01-04,db-row,,11,25,kg,5\n" * 3),)), "db-row")
    assert (w1.target.reps, w1.sets[0].load, labels(w1)) == (11, 25.0, [7.0, 7.5, 8.0])  # 11 reach RPE 7
    assert (w2.target.reps, w2.sets[0].load, labels(w2)) == (12, 25.0, [6.0, 6.0, 6.0])
    assert w2.target.note.endswith("25 kg is 65.2% of the e1RM 38.33 kg: about RPE 6 even for 12 reps at it")


def test_bodyweight_too_heavy_for_one_rep_is_labelled_rpe_10_and_the_warning_names_the_target(tmp_path):
    # kg, 1 @ 10 with bodyweight alone: e1RM 120 = bodyweight. 1 rep is RTF 1: RPE 10 (all there is), over
    # the 7-8: the sets say RPE 10; the plan check still names the target's 7-8.
    from test_review6_notes import push_up_plan

    outcome = push_up_plan(tmp_path, "kg", 120, "{ load = 0, reps = 1, rpe = 10 }")
    week1 = series(outcome.plan, "push-up")[0]
    assert ([s.reps for s in week1.sets], labels(week1)) == ([1, 1], [10.0, 10.0])
    assert any("over the target at RPE 7-8" in w.message for w in outcome.warnings)


# -- what stays as it was -----------------------------------------------------------------------------


def test_reps_that_reach_the_effort_keep_the_prescriptions_label(tmp_path):
    # lb, stack in 10s. 90 x 12 @ 8: e1RM 132; 90 lb: RTF 14, 12 reps reach RPE 8, inside the 8-9: the
    # target's ramp, 8 then 9.
    r = rules(tmp_path, slot("hamstring-curl", '"double"', "tertiary"), weeks=1)
    a = person(tmp_path, "lb", "[equipment]\nmachines = { leg-curl-machine = { step = 10, max = 200 } }\n"
                               "[maxes]\nhamstring-curl = { load = 90, reps = 12, rpe = 8 }\n")
    (w1,) = series(plan(tmp_path, r, a), "hamstring-curl")
    assert (w1.target.reps, labels(w1)) == (12, [8.0, 9.0])
    assert "12 reps reach RPE 8" in w1.target.note


def test_ordinary_barbell_rounding_keeps_the_label(tmp_path):
    # lb: 300 x 3 @ 9 is 340; 4 @ 7 wants 275.68 -> 275: RPE 6.9 by hand, but no note works out an effort
    # (rounding within a point is the plan's): the sets ramp 7, 7.5, 8 as the README describes.
    r = rules(tmp_path, slot("squat", '"double"'), weeks=1)
    a = person(tmp_path, "lb", "[maxes]\nsquat = { load = 300, reps = 3, rpe = 9 }\n")
    (w1,) = series(plan(tmp_path, r, a), "squat")
    assert (w1.sets[0].load, labels(w1), w1.target.note) == (275.0, [7.0, 7.5, 8.0], "")


# -- deloads ------------------------------------------------------------------------------------------


def stack_deload(tmp_path: Path, step: float) -> list:
    """kg, a leg curl on 10-15 @ 8-9 (2-4 sets), 25 x 12 @ 8: e1RM 25 x (1 + 14/30) = 36.67. 10 @ 8 wants
    25.6: 25 kg is RPE 6 for 10 reps, 12 reach RPE 8 (2 x 12); then 13, 14, and the deload in week 4."""
    r = rules(tmp_path, slot("hamstring-curl", '"double"', "tertiary"), weeks=4, units="kg",
              extra="[deload]\nevery = 4\n")
    a = person(tmp_path, "kg", f"[equipment]\nmachines = {{ leg-curl-machine = {{ step = {step:g}, max = 100 }} }}\n"
                               "[maxes]\nhamstring-curl = { load = 25, reps = 12, rpe = 8 }\n")
    return series(plan(tmp_path, r, a), "hamstring-curl")


def test_a_deload_the_stack_makes_twice_as_deep_is_labelled_with_its_effort(tmp_path):
    # 5 kg stack: 0.9 x 25 = 22.5 is not made; 20 kg cuts 20%, exactly twice the 10% asked, so it is taken
    # (more than twice would keep the load). From the hardest working set, 14 @ 9 (n 15, 66.7% of the e1RM):
    # 0.8 of it is 53.3%, RTF 30 x (1/0.5333 - 1) = 26.25: 14 reps are 12.25 short of failure (RPE -2.25),
    # where 0.9 would be 60%, RTF 20, RPE 4 (labelled 5, the deload floor). Off the scale (more than 9
    # reps short of failure): labelled RPE 1, the scale's bottom, and the note says how light it is.
    w4 = stack_deload(tmp_path, 5)[3]
    assert (w4.deload, len(w4.sets), w4.target.reps, w4.sets[0].load, labels(w4)) == (True, 1, 14, 20.0, [1.0])
    assert w4.target.note == (
        "deload: 0.5 of the sets at 0.80 of the load (the nearest the equipment makes to 0.9 x 25 = 22.5 kg): "
        "about 12 reps short of failure for 14 reps there, where 0.9 of the load would be about RPE 4")
    assert w4.target.rpe == (5.0, 5.0)  # the deload's own effort, as before


def test_a_deload_on_the_scale_keeps_the_floor_label(tmp_path):
    # 2.5 kg stack: 22.5 kg, 0.9 exactly: 14 reps RPE 4, labelled 5 (the deload floor), as the docs say.
    w4 = stack_deload(tmp_path, 2.5)[3]
    assert (w4.deload, w4.sets[0].load, labels(w4)) == (True, 22.5, [5.0])
    assert "short of failure" not in w4.target.note


def test_a_deload_that_keeps_the_dumbbells_still_takes_reps_to_rpe_5(tmp_path):
    # lb: 0.9 x 20 = 18 a hand, the next lighter (15) cuts 25%, over twice: the load stays, 13 at RPE 9 (12,
    # 12 and 13 before it: the first week is taken as done at RPE 9) is 14 to failure, 9 reps are RPE 5:
    # 2 x 9 @ RPE 5 at 20, as before.
    r = program(tmp_path, "lateral-raise", "lb", 2.5, 4, RAISE + "[deload]\nevery = 4\n")
    w4 = series(plan(tmp_path, r, person(tmp_path, "lb", RAISE_MAX)), "lateral-raise")[3]
    assert (w4.target.reps, w4.sets[0].load, labels(w4)) == (9, 20.0, [5.0, 5.0])


# -- the rule itself --------------------------------------------------------------------------------------


def test_label_uses_the_expected_effort_only_for_the_reps_and_load_it_was_worked_out_for():
    t = Target(3, 20, (8.0, 9.0), expected=Expected(20, 15.0, 6.67))
    assert label(t, 15.0) == (6.5, 6.5)
    assert label(t, 20.0) == (8.0, 9.0)  # another load: not what was worked out
    assert label(Target(3, 19, (8.0, 9.0), expected=Expected(20, 15.0, 6.67)), 15.0) == (8.0, 9.0)
    assert label(Target(3, 20, (8.0, 9.0), expected=Expected(20, 15.0, 7.76)), 15.0) == (8.0, 9.0)  # 8 by half
    assert label(Target(3, 20, (8.0, 9.0), expected=Expected(20, 15.0, 9.24)), 15.0) == (8.0, 9.0)
    assert label(Target(3, 20, (8.0, 9.0), expected=Expected(20, 15.0, 9.25)), 15.0) == (9.5, 9.5)  # up
    assert label(Target(3, 20, (8.0, 9.0), expected=Expected(20, 15.0, 11.0)), 15.0) == (10.0, 10.0)  # past
    assert label(Target(3, 20, (8.0, 9.0), expected=Expected(20, 15.0, -3.5)), 15.0) == (1.0, 1.0)
    assert label(Target(3, 20, None, expected=Expected(20, 15.0, 6.0)), 15.0) is None  # no RPE to label
    assert [s.rpe for s in planned_sets(t, 15.0)] == [6.5, 6.5, 6.5]
    assert label(Target(3, 8, (7.0, 8.0), expected=Expected(8, None, 4.0)), None) == (4.0, 4.0)  # bodyweight


# -- property: a label never names an effort the row's own note contradicts ---------------------------

CLAIM = re.compile(r"(?:about RPE ([\d.]+)|about (\d+) reps short of failure) even for (\d+) reps"
                   r"|(\d+) reps (?:reach|are) RPE ([\d.]+)")


def claims(note: str, reps: int) -> list[float]:
    """The efforts a note gives for the reps printed (1 for "N reps short of failure", under the scale)."""
    out = []
    for m in CLAIM.finditer(note):
        about, short, even, many, rpe = m.groups()
        if int(even or many) == reps:
            out.append(float(about or rpe) if (about or rpe) else 1.0)
    return out


@st.composite
def set_ups(draw):
    units = draw(st.sampled_from(["kg", "lb"]))
    if draw(st.booleans()):  # a pair of fixed dumbbells, or a stack
        loads = sorted(set(draw(st.lists(st.integers(2, 60), min_size=2, max_size=8))))
        gear = ("dumbbell", 2, '["dumbbells"]', f"dumbbells = {loads}")
    else:
        step, most = draw(st.sampled_from([2.5, 5, 10, 15, 20])), draw(st.integers(2, 20))
        loads = [step * k for k in range(1, most + 1)]
        gear = ("machine", 1, '["leg-press-machine"]', f"machines = {{ leg-press-machine = {{ step = {step:g}, "
                                                       f"max = {loads[-1]:g} }} }}")
    lo = draw(st.integers(5, 12))
    hi = lo + draw(st.integers(0, 8))
    bottom = draw(st.sampled_from([6.0, 6.5, 7.0, 7.5, 8.0]))
    top = bottom + draw(st.sampled_from([0.0, 0.5, 1.0, 1.5]))
    best = (draw(st.sampled_from(loads)), draw(st.integers(3, 15)), draw(st.sampled_from([6, 7, 8, 9, 10])))
    policy = draw(st.sampled_from(['{ policy = "double", increment = 2.5 }', '{ policy = "linear", increment = 5 }']))
    logged = draw(st.one_of(st.none(), st.tuples(st.integers(1, 20), st.sampled_from([4, 5, 6, 8, 9, 10]))))
    return units, gear, (lo, hi), (bottom, top), best, policy, logged


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(set_ups())
# a held step still under the target, taken now (110 kg x 8 @ 5 on a 10 kg stack: 120 about RPE 5.5)
@example(("kg", ("machine", 1, '["leg-press-machine"]', "machines = { leg-press-machine = { step = 10, max = 120 } }"),
          (5, 8), (6.0, 6.0), (110, 4, 6), '{ policy = "linear", increment = 5 }', (8, 5)))
def test_a_label_never_names_an_effort_the_note_contradicts(setup):
    # Dumbbells or a stack, kg or lb, double or linear progression, with or without a logged first week:
    # wherever a note gives the effort of the reps printed, the sets' label says the same (the target's
    # ramp when that effort is inside it, else that one effort), and a label of the engine's own comes with
    # the e1RM it was worked out from.
    units, (loading, hands, equipment, owned), (lo, hi), (bottom, top), (load, reps, rpe), policy, logged = setup
    definition = (f'[[exercise]]\nid = "lift"\nname = "lift"\ncategory = "tertiary"\nloading = "{loading}"\n'
                  f"implements = {hands}\nequipment = {equipment}\ntags = []\n[exercise.prescription]\n"
                  f"sets = [3, 3]\nreps = [{lo}, {hi}]\nrpe = [{bottom:g}, {top:g}]\n")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        r = rules(tmp, slot("lift", policy, "tertiary"), weeks=3, units=units, extra=definition)
        best = f"lift = {{ load = {load}, reps = {reps}, rpe = {rpe} }}"
        a = person(tmp, units, f"[equipment]\n{owned}\n[maxes]\n{best}\n")
        logs = ()
        if logged is not None:
            first = series(plan(tmp, r, a), "lift")[0]
            if first.sets and first.sets[0].load is not None:
                row = f"2027-01-04,lift,,{logged[0]},{first.sets[0].load:g},{units},{logged[1]}\n"
                logs = (log(tmp, row * 3),)
        for ex in series(plan_rules(r, REG, athlete=a, logs=list(logs)).plan, "lift"):
            if ex.deload or not ex.sets or ex.target.rpe is None:
                continue
            shown = {s.rpe for s in ex.sets}
            inside = all(ex.target.rpe[0] <= x <= ex.target.rpe[1] for x in shown)
            # either the prescription's ramp, or one effort the engine expects, outside it, on the scale
            assert inside or (len(shown) == 1 and 1.0 <= min(shown) <= 10.0), (shown, ex.target)
            for said in claims(ex.target.note, ex.target.reps):
                said = min(max(said, 1.0), 10.0)
                if ex.target.rpe[0] <= said <= ex.target.rpe[1]:
                    assert inside, (said, shown, ex.target.note)
                else:
                    assert shown == {said}, (said, shown, ex.target.note)
            event("relabelled" if not inside else "the ramp")
            if not inside:  # a label of its own comes with the numbers it comes from
                assert "e1RM" in ex.target.note, ex.target.note
