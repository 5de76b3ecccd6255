"""A coach's sixth review, checked by hand: bodyweight too heavy for even one
rep, a far too light heaviest dumbbell, and efforts under RPE 1.

Effort model (Epley on reps in reserve): a set of r reps at RPE x is
n = r + 10 - x reps to failure (RTF), and takes 1 / (1 + n/30) of the e1RM.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_topout_review5 import DOUBLE, PUSH_UP, THRUST
from test_training import REG, athlete, log, plan, rules, series, slot
from test_training_review4 import hip_extensions

from engine.pipeline import plan_rules


def push_up_plan(tmp_path: Path, units: str, bodyweight: int, best: str):
    """3 weeks of push-ups (2-3 x 6-15 @ RPE 7-8, double progression) for athlete "Vee"."""
    r = rules(tmp_path, PUSH_UP + slot("push-up", DOUBLE, "tertiary"), weeks=3, units=units)
    a = tmp_path / "vee.toml"
    a.write_text(f'[athlete]\nname = "Vee"\nunits = "{units}"\nbodyweight = {bodyweight}\n'
                 f"[equipment]\navailable = []\n[maxes]\npush-up = {best}\n")
    return plan_rules(r, REG, athlete=a)


# -- 1. bodyweight over the target for even one rep: 1 rep a set, the note, and a warning at the slot -----

@pytest.mark.parametrize(("units", "bw", "best", "note"), [
    # 1 @ 10 is a 1RM: e1RM 120 kg, bodyweight 100%. 1 rep at RPE 8.25 (the top of 7-8 and its quarter
    # point of rounding) is 1 + 1.75 = 2.75 RTF: 1 / (1 + 2.75/30) = 91.6% < 100%: over, even for 1 rep.
    ("kg", 120, "{ load = 0, reps = 1, rpe = 10 }",
     "bodyweight alone (120 kg) is 100.0% of the e1RM 120 kg: past failure (more than RPE 10) for 6 reps, "
     "and even 1 rep is over the target: choose an easier form"),
    # 2 @ 10 (2 RTF): e1RM 180 x (1 + 2/30) = 192 lb, bodyweight 180 / 192 = 93.75%. 1 rep at RPE 8.25 is
    # 91.6% < 93.75% (1 rep is 2 RTF there: RPE 1 + 10 - 2 = 9, over 8): over, even for 1 rep.
    ("lb", 180, "{ load = 0, reps = 2, rpe = 10 }",
     "bodyweight alone (180 lb) is 93.8% of the e1RM 192 lb: past failure (more than RPE 10) for 6 reps, "
     "and even 1 rep is over the target: choose an easier form"),
])
def test_bodyweight_over_the_target_even_for_one_rep_prescribes_one_rep_and_warns_at_the_slot(
        tmp_path, units, bw, best, note):
    outcome = push_up_plan(tmp_path, units, bw, best)
    week1 = series(outcome.plan, "push-up")[0]
    # the fewest reps at the target's sets (2), not 2 x 6 as if the range were doable
    assert (len(week1.sets), week1.target.reps, [s.reps for s in week1.sets]) == (2, 1, [1, 1])
    assert week1.target.note == note
    warned = [w for w in outcome.warnings if "choose an easier form" in w.message]
    assert [(w.file, w.path, w.severity) for w in warned] == [(str(tmp_path / "rules.toml"), ("slot", 0, "select"),
                                                                 "warning")]
    assert warned[0].message == ("week 1: push-up is too heavy for Vee with bodyweight alone: even 1 rep is over "
                                 "the target at RPE 7-8, so the plan gives 2 x 1; choose an easier form")


@pytest.mark.parametrize(("units", "bw", "best", "effort"), [
    ("kg", 120, "{ load = 0, reps = 1, rpe = 10 }", "120 kg) is 100.0% of the e1RM 120 kg: RPE 10 (a set to failure)"),
    # 192 lb e1RM, 93.75%: 1 rep is 2 RTF there, RPE 9 (see above)
    ("lb", 180, "{ load = 0, reps = 2, rpe = 10 }", "180 lb) is 93.8% of the e1RM 192 lb: about RPE 9"),
])
def test_too_heavy_for_one_rep_the_projected_weeks_hold_one_rep(tmp_path, units, bw, best, effort):
    # Nothing logged says the athlete got stronger: 2 x 2 and 2 x 3 would be past the target too
    # (one warning for the slot and form, not one a week).
    outcome = push_up_plan(tmp_path, units, bw, best)
    weeks = series(outcome.plan, "push-up")
    assert [(w.target.sets, w.target.reps) for w in weeks] == [(2, 1)] * 3
    assert weeks[1].target.note == weeks[2].target.note == (
        f"bodyweight alone ({effort} for 1 rep, and even 1 rep is over the target: choose an easier form")
    assert len([w for w in outcome.warnings if "easier form" in w.message]) == 1


def test_a_week_done_is_not_warned_about_again(tmp_path):
    # Week 1 logged (1, 1 @ 10: still too heavy), as of week 2's day: week 1 is history, said by every run after;
    # the warning names the first week still to come
    r = rules(tmp_path, PUSH_UP + slot("push-up", DOUBLE, "tertiary"), weeks=3, units="kg")
    a = tmp_path / "vee.toml"
    a.write_text('[athlete]\nname = "Vee"\nunits = "kg"\nbodyweight = 120\n[equipment]\navailable = []\n'
                 "[maxes]\npush-up = { load = 0, reps = 1, rpe = 10 }\n")
    lg = log(tmp_path, "2027-01-04,push-up,,1,,kg,10\n2027-01-04,push-up,,1,,kg,10\n")
    outcome = plan_rules(r, REG, athlete=a, logs=[lg])
    warned = [w.message for w in outcome.warnings if "easier form" in w.message]
    assert len(warned) == 1 and warned[0].startswith("week 2: push-up is too heavy for Vee"), warned


def test_too_heavy_for_one_rep_a_logged_session_that_shows_more_builds_up_a_rep_at_a_time(tmp_path):
    # Logged 2 x 3 at bodyweight @ RPE 8 in week 1 (5 RTF): e1RM 120 x (1 + 5/30) = 140 kg, bodyweight 85.7%:
    # 1 rep is no longer over the target. Reps to failure 30 x (140/120 - 1) = 5: 3 reps are RPE 8, 6 would be
    # past failure, so not the range's bottom (the policy's jump): one rep more a week, 4 then 5.
    r = rules(tmp_path, PUSH_UP + slot("push-up", DOUBLE, "tertiary"), weeks=3, units="kg")
    a = tmp_path / "vee.toml"
    a.write_text('[athlete]\nname = "Vee"\nunits = "kg"\nbodyweight = 120\n'
                 "[equipment]\navailable = []\n[maxes]\npush-up = { load = 0, reps = 1, rpe = 10 }\n")
    done = tmp_path / "log.csv"
    done.write_text("date,exercise,reps,load,units,rpe\n2027-01-04,push-up,3,0,kg,8\n2027-01-04,push-up,3,0,kg,8\n")
    weeks = series(plan_rules(r, REG, athlete=a, logs=[done]).plan, "push-up")
    assert [(w.target.sets, w.target.reps) for w in weeks[1:]] == [(2, 4), (2, 5)]
    assert weeks[1].target.note == ("3 reps reach RPE 8 with bodyweight alone (85.7% of the e1RM 140 kg), under the "
                                    "range's 6: build up to it, a rep at a time: 4 reps")


def test_bodyweight_within_reach_of_one_rep_is_not_warned_about(tmp_path):
    # 3 @ 10 (3 RTF): e1RM 180 x 1.1 = 198 lb, bodyweight 90.9%; 1 rep at RPE 8 (3 RTF) is 1 / 1.1 = 90.9%:
    # reachable, so the plan builds up from 1 rep with no warning.
    outcome = push_up_plan(tmp_path, "lb", 180, "{ load = 0, reps = 3, rpe = 10 }")
    assert series(outcome.plan, "push-up")[0].target.reps == 1
    assert not [w for w in outcome.warnings if "easier form" in w.message]


# -- 2. the heaviest dumbbell far too light: the note gives the numbers ----------------------------------

def step_ups(tmp_path: Path, units: str, bodyweight: int, dumbbells: str, best: str):
    """Week 1 of the catalog's dumbbell step-up (2-4 x 8-12 a side @ RPE 7-8, double progression)."""
    r = rules(tmp_path, slot("step-up", DOUBLE, "tertiary", pick="step-up/dumbbell"), weeks=1, units=units)
    a = athlete(tmp_path, f'[equipment]\navailable = ["box", "dumbbells"]\ndumbbells = {dumbbells}\n'
                          f"[maxes]\nstep-up = {best}\n", units=units)
    a.write_text(a.read_text().replace("bodyweight = 180", f"bodyweight = {bodyweight}"))
    return series(plan(tmp_path, r, a), "step-up")[0]


@pytest.mark.parametrize(("units", "bw", "dumbbells", "best", "sets", "reps", "note"), [
    # 2 x 30 kg x 10 @ 8 with bodyweight 70: (70 + 60) x (1 + 12/30) = 182 kg. The heaviest, 2 x 12.5, moves
    # 70 + 25 = 95 kg, 95 / 182 = 52.2%: 30 x (182/95 - 1) = 27.47 RTF, so 12 reps (the top of the range)
    # are RPE 12 + 10 - 27.47 = -5.47: 15.47 reps in reserve, about 15. The most sets: 4 x 12.
    ("kg", 70, "[2, 4, 6, 8, 10, 12.5]", "{ load = 30, reps = 10, rpe = 8 }", 4, 12,
     "the heaviest the equipment makes (12.5 kg) is lighter than the target: 95 kg with bodyweight is 52.2% of "
     "the e1RM 182 kg: about 15 reps short of failure even for 12 reps, the top of the range: 4 x 12 with it"),
    # 2 x 120 lb x 10 @ 8 with bodyweight 180: (180 + 240) x 1.4 = 588 lb. 2 x 52.5 moves 285 lb, 48.5%:
    # 30 x (588/285 - 1) = 31.89 RTF, so 12 reps leave 19.89 in reserve, about 20.
    ("lb", 180, "[5, 10, 20, 30, 40, 50, 52.5]", "{ load = 120, reps = 10, rpe = 8 }", 4, 12,
     "the heaviest the equipment makes (52.5 lb) is lighter than the target: 285 lb with bodyweight is 48.5% of "
     "the e1RM 588 lb: about 20 reps short of failure even for 12 reps, the top of the range: 4 x 12 with it"),
    # 2 x 60 lb x 10 @ 8 with bodyweight 180: 300 x 1.4 = 420 lb. 285 / 420 = 67.9%: 30 x (420/285 - 1) =
    # 14.21 RTF; 8 reps are RPE 8 + 10 - 14.21 = 3.79 (about 4), 11 reps 6.79, within a quarter point of 7
    # (7 to the half point): 2 x 11.
    ("lb", 180, "[5, 10, 20, 30, 40, 50, 52.5]", "{ load = 60, reps = 10, rpe = 8 }", 2, 11,
     "the heaviest the equipment makes (52.5 lb) is lighter than the target: 285 lb with bodyweight is 67.9% of "
     "the e1RM 420 lb: about RPE 4 for 8 reps; 11 reps reach RPE 7: 2 x 11 with it"),
])
def test_the_heaviest_dumbbell_far_too_light_says_its_share_and_the_effort(tmp_path, units, bw, dumbbells, best,
                                                                          sets, reps, note):
    ex = step_ups(tmp_path, units, bw, dumbbells, best)
    assert (len(ex.sets), ex.target.reps, ex.target.note) == (sets, reps, note)


def test_two_dumbbells_without_bodyweight_name_the_pair(tmp_path):
    # A two-dumbbell hip thrust (3-4 x 10-15 @ RPE 7-8): 30 kg a hand x 10 @ 8 is 60 x 1.4 = 84 kg. The
    # heaviest pair, 2 x 24, is 48 kg, 57.1%: 30 x (84/48 - 1) = 22.5 RTF; 15 reps are RPE 15 + 10 - 22.5
    # = 2.5: the top of the range and the most sets, 4 x 15.
    pair = THRUST.replace("implements = 1", "implements = 2")
    r = rules(tmp_path, pair + slot("db-hip-thrust", DOUBLE, "secondary"), weeks=1, units="kg")
    a = athlete(tmp_path, '[equipment]\navailable = ["dumbbells", "bench"]\ndumbbells = [8, 16, 24]\n'
                          "[maxes]\ndb-hip-thrust = { load = 30, reps = 10, rpe = 8 }\n", units="kg")
    ex = series(plan(tmp_path, r, a), "db-hip-thrust")[0]
    assert (len(ex.sets), ex.target.reps, ex.sets[0].load) == (4, 15, 24.0)
    assert ex.target.note == ("the heaviest the equipment makes (24 kg) is lighter than the target: 2 x 24 kg "
                              "(48 kg) is 57.1% of the e1RM 84 kg: about RPE 2.5 even for 15 reps, the top of the "
                              "range: 4 x 15 with it")


# -- 3. bodyweight far too light: reps in reserve where the RPE would be under 1 -----------------------

BENCH = '[equipment]\navailable = ["back-extension-bench"]\n[maxes]\nhip-extension = '


@pytest.mark.parametrize(("units", "best", "note"), [
    # 30 @ 7 (33 RTF): e1RM 68 x (1 + 33/30) = 142.8 kg, bodyweight 47.6%. 20 reps leave 33 - 20 = 13 in
    # reserve: RPE 20 + 10 - 33 = -3, which the old note clamped to "about RPE 1".
    ("kg", "{ load = 0, reps = 30, rpe = 7 }",
     "bodyweight alone (68 kg) is 47.6% of the e1RM 142.8 kg: about 13 reps short of failure even for 20 reps, "
     "the top of the range: 4 x 20"),
    # the same in lb: e1RM 180 x 2.1 = 378 lb, 47.6%, 13 in reserve at 20 reps
    ("lb", "{ load = 0, reps = 30, rpe = 7 }",
     "bodyweight alone (180 lb) is 47.6% of the e1RM 378 lb: about 13 reps short of failure even for 20 reps, "
     "the top of the range: 4 x 20"),
    # 26 @ 6.5 (29.5 RTF): e1RM 180 x (1 + 29.5/30) = 357 lb, 50.4%; 20 reps are RPE 0.5, 9.5 in reserve
    # (rounded to 10 reps: no half reps)
    ("lb", "{ load = 0, reps = 26, rpe = 6.5 }",
     "bodyweight alone (180 lb) is 50.4% of the e1RM 357 lb: about 10 reps short of failure even for 20 reps, "
     "the top of the range: 4 x 20"),
    # 26 @ 7 (29 RTF): e1RM 68 x (1 + 29/30) = 133.73 kg, 50.8%; 20 reps are RPE 20 + 10 - 29 = 1: kept as RPE
    ("kg", "{ load = 0, reps = 26, rpe = 7 }",
     "bodyweight alone (68 kg) is 50.8% of the e1RM 133.73 kg: about RPE 1 even for 20 reps, "
     "the top of the range: 4 x 20"),
])
def test_bodyweight_far_too_light_gives_reps_in_reserve_rather_than_an_rpe_under_1(tmp_path, units, best, note):
    week1 = hip_extensions(tmp_path, BENCH + best + "\n", units)[0]
    assert (len(week1.sets), week1.target.reps, week1.target.note) == (4, 20, note)


def test_reps_in_reserve_also_word_the_reps_asked_before_the_range_settles(tmp_path):
    # 20 @ 7 (23 RTF): e1RM 68 x (1 + 23/30) = 120.13 kg, bodyweight 56.6%. 10 reps leave 13 in reserve
    # (RPE 10 + 10 - 23 = -3); 20 reps are RPE 20 + 10 - 23 = 7, the bottom of 7-8: the plan starts at 20.
    week1 = hip_extensions(tmp_path, BENCH + "{ load = 0, reps = 20, rpe = 7 }\n", "kg")[0]
    assert (week1.target.reps, week1.target.note) == (20, (
        "bodyweight alone (68 kg) is 56.6% of the e1RM 120.13 kg: about 13 reps short of failure for 10 reps; "
        "20 reps reach RPE 7"))


@pytest.mark.parametrize("units", ["kg", "lb"])
def test_a_logged_week_of_the_build_up_keeps_the_reps_the_sheet_gave(tmp_path, units):
    # Bodyweight 120 (kg or lb: one rep is one RPE point either way). Week 1 logged 2 x 3 @ 8:
    # e1RM 120 x (1 + 5/30) = 140, RTF 30 x (140/120 - 1) = 5, so week 2's sheet says 4 reps
    # (RPE 9 would be 6: past failure at the range's bottom). Week 2 logged as printed, 2 x 4 @ 8:
    # done, week 2 still shows 4 reps (not the policy's 6, past failure), and week 3 reads it
    # as a good session: e1RM 120 x (1 + 6/30) = 144, RTF 6: 4 reps are RPE 8, so a rep at a time, 5.
    r = rules(tmp_path, PUSH_UP + slot("push-up", DOUBLE, "tertiary"), weeks=3, units=units)
    a = tmp_path / "vee.toml"
    a.write_text(f'[athlete]\nname = "Vee"\nunits = "{units}"\nbodyweight = 120\n'
                 "[equipment]\navailable = []\n[maxes]\npush-up = { load = 0, reps = 1, rpe = 10 }\n")
    week1 = (f"2027-01-04,push-up,3,0,{units},8\n") * 2
    before = tmp_path / "w1.csv"
    before.write_text("date,exercise,reps,load,units,rpe\n" + week1)
    printed = series(plan_rules(r, REG, athlete=a, logs=[before]).plan, "push-up")
    after = tmp_path / "w2.csv"
    after.write_text("date,exercise,reps,load,units,rpe\n" + week1 + (f"2027-01-11,push-up,4,0,{units},8\n") * 2)
    done = series(plan_rules(r, REG, athlete=a, logs=[after]).plan, "push-up")
    assert (printed[1].target.sets, printed[1].target.reps) == (done[1].target.sets, done[1].target.reps) == (2, 4)
    assert done[1].target.note == printed[1].target.note
    assert "too hard" not in done[2].target.note
    assert (done[2].target.sets, done[2].target.reps) == (2, 5)
    assert done[2].target.note == (f"4 reps reach RPE 8 with bodyweight alone (83.3% of the e1RM 144 {units}), under "
                                   "the range's 6: build up to it, a rep at a time: 5 reps")
