"""A coach's fourth review, checked by hand: each case is one of the
reviewer's repros, made small, with the arithmetic in its comments.

Effort model (Epley on reps in reserve): a set of r reps at RPE x is
r + 10 - x reps to failure (RTF), and e1RM = load x (1 + RTF / 30).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_training import athlete, log, plan, rules, series, slot

# -- a too-hard cut the equipment can only make far coarser ------------------------------------

CURL_LB = ("[equipment]\nmachine_step = 15\nmachine_max = 210\n"
           "[maxes]\nhamstring-curl = { load = 120, reps = 12, rpe = 8 }\n")
CURL_KG = ("[equipment]\nmachines = { leg-curl-machine = { step = 10, max = 100 } }\n"
           "[maxes]\nhamstring-curl = { load = 60, reps = 10, rpe = 8 }\n")


def curls(tmp_path: Path, progression: str, rx: str, body: str, rows: str, units: str) -> list:
    r = rules(tmp_path, slot("hamstring-curl", progression, "tertiary", prescription=rx), weeks=2, units=units)
    lines = "".join(f"2027-01-04,hamstring-curl,,{reps},{load},{units},{rpe}\n" for reps, load, rpe in rows)
    return series(plan(tmp_path, r, athlete(tmp_path, body, units=units), (log(tmp_path, lines),)), "hamstring-curl")


def shown(ex) -> tuple:
    return (len(ex.sets), ex.target.reps, ex.target.rpe, ex.sets[0].load)


def test_a_small_cut_a_15_lb_stack_can_only_make_as_12_5_percent_holds_the_target_rpe_policy_lb(tmp_path):
    # Jordan's curl. Week 1 from the max: 120 x (1 + 14/30) = 176; 12 at RPE 8 (14 RTF) is 176 / 1.4667 = 120.
    # What 3 sets @ 8 allow as a whole: 8.5 (the ramp; no rounding: 120 is the load asked). Logged 120 x 12,
    # 12, 11 @ 9, 9.5, 9.5: only the last set one rep short (a grind), but median RPE 9.5 is 1 over 8.5: too
    # hard. (The same grind @ 8.5, 9, 9 is a grind: median 9, under 9.5.) The weakest set, 11 @ 9.5 (11.5
    # RTF): e1RM 120 x (1 + 11.5/30) = 166; after a too-hard session the rpe policy's effort does not climb
    # (12 @ 8.5): the target stays 12 @ 8 (14 RTF): 166 / 1.4667 = 113.18, a 5.7% cut (6.82 / 120). The 15 lb
    # stack's next step down is 105, a 12.5% cut: more than twice 5.7%, so the plan keeps 120 lb and says why;
    # it used to cut to 105. (The policy itself would give 12 @ 8.5 from the best set, 12 @ 9: 120 x 43/30 =
    # 172, / 1.45 = 118.62 -> 120, so holding 120 is not heavier than it.) At 120 lb the weakest set's e1RM
    # leaves 30 x (166/120 - 1) = 11.5 reps to failure: 12 reps are RPE 10.5 (past failure), 11 are 9.5, past
    # what the held reps stay under (8 + 1); 10 reps are RPE 8.5.
    week1, week2 = curls(tmp_path, '{ policy = "rpe", step = 0.5 }', "{ sets = 3, reps = 12, rpe = [8, 9] }",
                         CURL_LB, [(12, 120, 9), (12, 120, 9.5), (11, 120, 9.5)], "lb")
    assert shown(week1) == (3, 12, (8.0, 8.0), 120.0)
    assert shown(week2) == (3, 10, (8.0, 8.0), 120.0)
    assert week2.basis.change == "same load"
    assert week2.target.note == (
        "too hard: median RPE 9.5 last time, 1 over the 8.5 the target allows (RPE 8, +0.5 across 3 sets): load "
        "from the weakest set, 11 x 120 lb @ 9.5 (e1RM 166 lb): 12 at RPE 8 is 68% of it = 113.18 lb; the next "
        "lighter the equipment makes, 105 lb, would cut 12.5%, more than twice the 5.7% wanted: keep 120 lb, at "
        "10 reps: the most that stay under RPE 9 there")
    grind = curls(tmp_path, '{ policy = "rpe", step = 0.5 }', "{ sets = 3, reps = 12, rpe = [8, 9] }",
                  CURL_LB, [(12, 120, 8.5), (12, 120, 9), (11, 120, 9)], "lb")[1]
    assert shown(grind) == (3, 12, (8.0, 8.0), 120.0)
    assert grind.target.note == "the last set was one rep short (12, 12, 11): same load, same target"


LINEAR = '{ policy = "linear", increment = 2.5, reps = 10 }'
RX_10 = "{ sets = 3, reps = 10, rpe = [8, 9] }"


def test_a_small_cut_on_a_10_kg_stack_holds_but_a_real_failure_still_cuts_linear_kg(tmp_path):
    # Week 1 from the max: 60 x (1 + 12/30) = 84; 10 at RPE 8 (12 RTF): 84 / 1.4 = 60 kg.
    # Logged 10, 10, 9 @ 8, 9, 9.5 (median 9, not over the 9 top): only the last set one rep short, a grind:
    # the same 60 x 10 again.
    held = curls(tmp_path, LINEAR, RX_10, CURL_KG, [(10, 60, 8), (10, 60, 9), (9, 60, 9.5)], "kg")[1]
    assert shown(held) == (3, 10, (8.0, 9.0), 60.0)
    assert held.target.note == "the last set was one rep short (10, 10, 9): same load, same target"
    # Median RPE 10 on 10, 10, 9 @ 9.5, 10, 10 is too hard: the weakest, 9 @ 10 (9 RTF), is 60 x 1.3 = 78;
    # 10 at RPE 9 (11 RTF): 78 / 1.3667 = 57.07, a 4.9% cut; 50 kg cuts 16.7% (more than 9.8%): hold 60 kg,
    # at the reps that e1RM allows there: 9 RTF, so 10 reps are past failure and 8 are RPE 9 (under 9 + 1).
    held = curls(tmp_path, LINEAR, RX_10, CURL_KG, [(10, 60, 9.5), (10, 60, 10), (9, 60, 10)], "kg")[1]
    assert shown(held) == (3, 8, (8.0, 9.0), 60.0)
    assert held.target.note.endswith(
        "10 at RPE 9 is 73% of it = 57.07 kg; the next lighter the equipment makes, 50 kg, would cut 16.7%, "
        "more than twice the 4.9% wanted: keep 60 kg, at 8 reps: the most that stay under RPE 10 there")
    # A real failure, 10, 8, 6 @ 9, 10, 10: the weakest, 6 @ 10 (6 RTF), is 60 x 1.2 = 72; 72 / 1.3667 =
    # 52.68, a 12.2% cut; 50 kg's 16.7% is within twice that (24.4%), so the load comes down. 50 kg is
    # 69.4% of 72, 30 x (72/50 - 1) = 13.2 reps to failure: 10 reps are RPE 6.8, more than a point under
    # the 8-9 (52.68 x 10 is RPE 9): the note says so; linear fixes its reps, so they stay.
    cut = curls(tmp_path, LINEAR, RX_10, CURL_KG, [(10, 60, 9), (8, 60, 10), (6, 60, 10)], "kg")[1]
    assert shown(cut) == (3, 10, (8.0, 9.0), 50.0)
    assert cut.target.note.endswith("6 x 60 kg @ 10 (e1RM 72 kg): 10 at RPE 9 is 73% of it; the equipment's next "
                                    "load down is 50 kg, a 17% cut where the rule wanted 12%: 50 kg is 69.4% of "
                                    "the e1RM 72 kg: about RPE 7 for 10 reps")


@pytest.mark.parametrize(("percent", "load", "end"), [
    # 5% of 60 wanted (57 kg); 50 kg cuts 16.7%, more than 10%: held, at 9 reps (the weakest set, 10 @ 10, is
    # an e1RM of 80: 10 reps to failure at 60, 9 reps RPE 9, under 9 + 1)
    (5, 60.0, "5% off the load = 57 kg; the next lighter the equipment makes, 50 kg, would cut 16.7%, "
              "more than twice the 5.0% wanted: keep 60 kg, at 9 reps: the most that stay under RPE 10 there"),
    # 10% wanted (54 kg); 16.7% is within 20%: cut to 50
    (10, 50.0, "10% off the load"),
])
def test_a_percentage_cut_holds_only_when_the_step_down_is_more_than_twice_it_double_kg(tmp_path, percent, load,
                                                                                        end):
    # 10 x 60 kg @ 9, 10, 10 on an 8-9 target: median RPE 10, one over the top: too hard.
    rows = [(10, 60, 9), (10, 60, 10), (10, 60, 10)]
    nxt = curls(tmp_path, f'{{ policy = "double", autoregulation = {{ cut = {percent} }} }}', RX_10, CURL_KG,
                rows, "kg")[1]
    assert (nxt.target.reps, nxt.sets[0].load) == (9 if load == 60 else 10, load)
    assert nxt.target.note.endswith(end)


# -- a bodyweight form far too light (or too heavy) for the target's effort ---------------------

def hip_extensions(tmp_path: Path, body: str, units: str, pick: str = "hip-extension") -> list:
    # the catalog's hip extension: 2-4 sets of 10-20 at RPE 7-8, double progression from the bottom
    r = rules(tmp_path, slot("hip-extension", '"double"', "tertiary", pick=pick), weeks=2, units=units)
    a = athlete(tmp_path, body, units=units)
    if units == "kg":
        a.write_text(a.read_text().replace("bodyweight = 180", "bodyweight = 68"))
    return series(plan(tmp_path, r, a), "hip-extension")


def test_bodyweight_too_light_for_10_reps_starts_at_the_reps_that_reach_the_effort_kg(tmp_path):
    # Kim: bodyweight 68 kg, 15 hip extensions at RPE 7 (18 RTF): e1RM 68 x (1 + 18/30) = 108.8, bodyweight
    # 62.5% of it. 10 reps at RPE 7-8 need 1 / (1 + 13/30) = 69.8% (75.9 kg): bodyweight is 18 RTF, so 10
    # reps are RPE 10 - 8 = 2. The plan used to say 2 x 10 @ RPE 7-8. 20 reps at RPE 7 need 1 / (1 + 23/30)
    # = 56.6%, under 62.5%: the top of the range is not too light, so the plan starts at 15 reps (RPE 7).
    week1, week2 = hip_extensions(tmp_path, '[equipment]\navailable = ["back-extension-bench", "plates"]\n'
                                            '[maxes]\nhip-extension = { load = 0, reps = 15, rpe = 7 }\n', "kg")
    assert (week1.choice.key, len(week1.sets), week1.target.reps, week1.sets[0].load) == (
        "hip-extension/bodyweight", 2, 15, None)
    assert week1.target.note == ("bodyweight alone (68 kg) is 62.5% of the e1RM 108.8 kg: about RPE 2 for 10 "
                                 "reps; 15 reps reach RPE 7")
    assert (week2.target.reps, week2.target.note) == (16, "")  # double progression goes on from 15


def test_bodyweight_too_light_even_at_the_top_of_the_range_moves_to_the_loaded_form_kg(tmp_path):
    # 25 at RPE 7 (28 RTF): e1RM 68 x (1 + 28/30) = 131.47, bodyweight 51.7% of it; 20 reps at RPE 7 need
    # 56.6%: too light even at the top. Plates and the bench make the loaded form: 10 at RPE 7 is
    # 131.47 / (1 + 13/30) = 91.72 kg, minus bodyweight 68 = 23.72 -> 23.75 held (20 + 2.5 + 1.25).
    week1, week2 = hip_extensions(tmp_path, '[equipment]\navailable = ["back-extension-bench", "plates"]\n'
                                            '[maxes]\nhip-extension = { load = 0, reps = 25, rpe = 7 }\n', "kg")
    assert (week1.choice.key, week1.target.reps, week1.sets[0].load) == ("hip-extension/weighted", 10, 23.75)
    assert week1.target.note == ("bodyweight alone (68 kg) is 51.7% of the e1RM 131.47 kg: about RPE 2 even for "
                                 "20 reps, the top of the range: move to Loaded hip extension")
    assert (week2.choice.key, week2.target.reps, week2.sets[0].load) == ("hip-extension/weighted", 11, 23.75)


@pytest.mark.parametrize("units", ["kg", "lb"])
def test_a_form_far_too_light_moves_to_the_loaded_form_in_a_slot_that_rotates_forms_too(tmp_path, units):
    # A slot with `variants = true` keeps the forms its selector picks, but bodyweight alone far too light even
    # at the top of the range (RPE 2 for 20 reps, as above) is no variation: that week moves to the loaded form.
    # (Before, it printed 2 x 20 @ RPE 2.) kg: 23.75 kg as above; lb: 180 x 131.47 / 68 = 348 lb e1RM, 10 at
    # RPE 7: 348 / (1 + 13/30) = 242.8, minus 180 = 62.8 -> 62.5 (45 + 10 + 5 + 2.5) on lb plates.
    r = rules(tmp_path, '[[slot]]\nname = "hip-extension"\ncategory = "tertiary"\n'
                        'select = { selector = "ordered", from = ["hip-extension/bodyweight"], variants = true }\n'
                        'progression = "double"\n', weeks=1, units=units)
    a = athlete(tmp_path, '[equipment]\navailable = ["back-extension-bench", "plates"]\n'
                          '[maxes]\nhip-extension = { load = 0, reps = 25, rpe = 7 }\n', units=units)
    if units == "kg":
        a.write_text(a.read_text().replace("bodyweight = 180", "bodyweight = 68"))
    [week1] = series(plan(tmp_path, r, a), "hip-extension")
    load, e1, share = (23.75, "131.47 kg", "68 kg") if units == "kg" else (62.5, "348 lb", "180 lb")
    assert (week1.choice.key, week1.target.reps, week1.sets[0].load) == ("hip-extension/weighted", 10, load)
    assert week1.target.note == (f"bodyweight alone ({share}) is 51.7% of the e1RM {e1}: about RPE 2 even for 20 "
                                 "reps, the top of the range: move to Loaded hip extension")


def test_bodyweight_too_light_with_nothing_to_load_takes_the_top_of_the_range_and_the_most_sets_lb(tmp_path):
    # Bodyweight 180 lb, 25 at RPE 7: e1RM 180 x (1 + 28/30) = 348, bodyweight 51.7%; 20 reps (28 RTF)
    # are RPE 10 - 8 = 2. No plates: 4 x 20 (the most sets), and the note says RPE 2.
    week1, _ = hip_extensions(tmp_path, '[equipment]\navailable = ["back-extension-bench"]\n'
                                        '[maxes]\nhip-extension = { load = 0, reps = 25, rpe = 7 }\n', "lb")
    assert (week1.choice.key, len(week1.sets), week1.target.reps) == ("hip-extension/bodyweight", 4, 20)
    assert week1.target.note == ("bodyweight alone (180 lb) is 51.7% of the e1RM 348 lb: about RPE 2 even for "
                                 "20 reps, the top of the range: 4 x 20")


@pytest.mark.parametrize(("units", "bw"), [("lb", "180"), ("kg", "68")])
def test_bodyweight_enough_or_too_heavy_for_the_loaded_form_says_which(tmp_path, units, bw):
    # The loaded form, no load in the max. 0 x 12 @ 9.5 (12.5 RTF): 10 reps with bodyweight alone are
    # 12.5 RTF, RPE 7.5, within 7-8 (the added load comes out under zero): "enough at this effort".
    body = '[equipment]\navailable = ["back-extension-bench", "plates"]\n[maxes]\n"hip-extension/weighted" = '
    enough = hip_extensions(tmp_path, body + "{ load = 0, reps = 12, rpe = 9.5 }\n", units, "hip-extension/weighted")
    assert (enough[0].sets[0].load, enough[0].target.note) == (0.0, "")
    assert enough[0].basis.note == "bodyweight alone is enough at this effort"
    # 0 x 8 @ 8 (10 RTF): e1RM = bodyweight x 4/3, bodyweight 75%; 10 reps are all 10 RTF: RPE 10, over 7-8.
    # 8 reps leave 2: RPE 8, under the range's 10, so the plan starts at 8 and builds up to the range.
    e1 = {"lb": "240", "kg": "90.67"}[units]
    heavy = hip_extensions(tmp_path, body + "{ load = 0, reps = 8, rpe = 8 }\n", units, "hip-extension/weighted")
    assert (heavy[0].sets[0].load, heavy[0].target.reps, heavy[0].basis.note) == (0.0, 8, "")
    assert heavy[0].target.note == (f"bodyweight alone ({bw} {units}) is 75.0% of the e1RM {e1} {units}: RPE 10 "
                                    "(a set to failure) for 10 reps; 8 reps are RPE 8, under the range's 10: "
                                    "build up to it")


# -- wording -------------------------------------------------------------------------------

@pytest.mark.parametrize(("units", "increment", "equipment", "top", "loads", "note"), [
    # 160 kg max for 5 @ 7: 5 at RPE 7 is 160. +4 kg on 2.5 kg steps (2 x 1.25): 164 earned, 162.5 is the
    # largest load within it, 1.5 owed; then 162.5 + 1.5 + 4 = 168 -> 167.5 (0.5 owed), a step the plan's
    # own session bears: 162.5 x 5 taken as done at RPE 7 is 205.83, where 167.5 x 5 is RTF 6.86, sets from
    # RPE 8.14, a median of 8.64. The note used to call 162.5 "the nearest step": 165 is nearer to 164.
    ("kg", 4, "", 160, [160.0, 162.5, 167.5],
     "add 4 kg; the largest step the equipment makes within it: +2.5 kg, 1.5 kg owed"),
    # 405 lb, +15 lb on 10 lb steps (plates 45, 25, 10, 5 a side): 420 earned -> 415, 5 owed; then
    # 415 + 5 + 15 = 435 earned, but 435 is more than the 430 the increment asks, and too big a step for
    # 5 reps (engine.jumps): 415 x 5 planned at RPE 7 is an e1RM of 415 x (1 + 8/30) = 525.67, and 435 x 5
    # there is 30 x (525.67/435 - 1) = 6.25 reps to failure, sets from RPE 8.75, a median of 9.25. 425 (the
    # increment's own step) is 7.1 to failure, RPE 7.9: 425, with the 5 owed kept (the refused 5 is not owed).
    ("lb", 15, "[equipment]\nplates = [45, 25, 10, 5]\n", 405, [405.0, 415.0, 425.0],
     "add 15 lb; the largest step the equipment makes within it: +10 lb, 5 lb owed"),
])
def test_an_increase_the_equipment_makes_smaller_is_the_largest_step_within_it(tmp_path, units, increment,
                                                                               equipment, top, loads, note):
    r = rules(tmp_path, slot("squat", f'{{ policy = "linear", increment = {increment}, reps = 5 }}'), weeks=3,
              units=units)
    a = athlete(tmp_path, equipment + f"[maxes]\nsquat = {{ load = {top}, reps = 5, rpe = 7 }}\n", units=units)
    exs = series(plan(tmp_path, r, a), "squat")
    assert [ex.sets[0].load for ex in exs] == loads
    assert exs[1].target.note == note
    assert exs[2].state.owed == pytest.approx(0.5 if units == "kg" else 5.0)


@pytest.mark.parametrize(("units", "dumbbells", "logged", "printed", "note"), [
    # 10 x 11 kg a hand logged; the athlete's dumbbells go 10, 12.5: the nearest is 10, which the plan prints
    ("kg", "[6, 8, 10, 12.5]", 11, 10.0, "fewest reps last time: 10: aim for 11 reps at 10 kg a hand: 11 kg is not a "
                                   "dumbbell you have"),
    # 10 x 27 lb a hand logged; dumbbells 20, 25, 30: the nearest is 25
    ("lb", "[20, 25, 30]", 27, 25.0, "fewest reps last time: 10: aim for 11 reps at 25 lb a hand: 27 lb is not a "
                               "dumbbell you have"),
])
def test_aim_for_more_reps_names_the_printed_load_when_the_logged_one_is_not_made(tmp_path, units, dumbbells,
                                                                                 logged, printed, note):
    # Split squats (10-15 reps, double progression), two dumbbells: 10 reps logged at RPE 7, 8, short of
    # the top, so the same load for 11 reps; "the same load" was the 11 kg (27 lb) not owned.
    r = rules(tmp_path, slot("split-squat", '"double"', "tertiary"), weeks=2, units=units)
    a = athlete(tmp_path, f"[equipment]\ndumbbells = {dumbbells}\n", units=units)
    lg = log(tmp_path, "".join(f"2027-01-04,split-squat,,10,{logged},{units},{x}\n" for x in (7, 8)))
    nxt = series(plan(tmp_path, r, a, (lg,)), "split-squat")[1]
    assert (nxt.target.reps, nxt.sets[0].load, nxt.target.note, nxt.basis.note) == (
        11, printed, note, "")


def test_a_single_logged_set_reads_as_one_set_in_the_done_cell(tmp_path):
    # A top set of 3 x 90 kg @ 8 read "done 3 x 90 kg @ 8", three sets to a coach; a group of several
    # sets is unchanged. In lb: one set of 5 x 225 lb, no RPE.
    from engine.exporters.common import performed_text

    r = rules(tmp_path, slot("squat", '"double"'), weeks=2, units="kg")
    lg = log(tmp_path, "2027-01-04,squat,,3,90,kg,8\n" + "".join(f"2027-01-04,squat,,5,77.5,kg,{x}\n"
                                                               for x in (7, 7.5, 8)))
    first = series(plan(tmp_path, r, athlete(tmp_path, "", units="kg"), (lg,)), "squat")[0]
    assert performed_text(first, "kg") == "done 3 x 90 kg (1 set) @ 8; 5, 5, 5 x 77.5 kg @ 7, 7.5, 8"
    r = rules(tmp_path, slot("squat", '"double"'), weeks=2)
    first = series(plan(tmp_path, r, athlete(tmp_path, ""), (log(tmp_path, "2027-01-04,squat,,5,225,lb,\n"),)),
                   "squat")[0]
    assert performed_text(first, "lb") == "done 5 x 225 lb (1 set)"
