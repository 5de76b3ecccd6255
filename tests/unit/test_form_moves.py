"""A slot's moves between forms, checked by hand (engine.formmoves): back
down from a harder form a session too hard cuts to no added load, and not
up again before a session of the easier form shows more.

Effort model: a set of r reps at RPE x is r + 10 - x reps to failure (RTF),
e1RM = load x (1 + RTF / 30). Cleo weighs 70 kg; her split squat's max is 12
bodyweight reps at RPE 7: 15 RTF, e1RM 70 x 1.5 = 105 kg.
"""

from __future__ import annotations

from pathlib import Path

from test_training import log, rules, series, slot

from engine.exporters.common import load_text
from engine.exporters.json import exercise_dict
from engine.pipeline import plan_rules
from engine.testing import make_registry

REG = make_registry()
AFTER = ("first at 1 kg a hand: by its median set the session of 2027-01-18 (e1RM 93.73 kg) puts 10 reps at 2 kg "
         "a hand past the target")
RX = "{ sets = [3, 3], reps = [10, 15], rpe = [7, 8] }"
CLEO = ('[athlete]\nname = "Cleo"\nunits = "kg"\nbodyweight = 70\n[equipment]\navailable = ["dumbbells", "box"]\n'
        'dumbbells = [1, 2, 4, 6, 8]\n[maxes]\nsplit-squat = { load = 0, reps = 12, rpe = 7 }\n')
# Week 1: 12, 12, 12 @ 7, 7.5, 8. Week 2: 13, 13, 13 @ 7.5, 8, 8, the best set 13 @ 7.5 (15.5 RTF): e1RM 70 x
# (1 + 15.5/30) = 106.17, where r reps are RPE r - 5.5: 13 are 7.5, 14 are 8.5, past 8 + 0.25. At 13 reps the
# slot moves to the dumbbells: 10 reps at RPE 7 (13 RTF) are 106.17 / (1 + 13/30) = 74.07 kg, 2 kg a hand.
# Week 3 she fails them: 10, 8, 7 @ 9.5, 10, 10 with 2 x 2 kg.
WEEKS_1_TO_3 = "".join(
    [f"2027-01-04,split-squat,bodyweight,12,,kg,{rpe}\n" for rpe in (7, 7.5, 8)]
    + [f"2027-01-11,split-squat,bodyweight,13,,kg,{rpe}\n" for rpe in (7.5, 8, 8)]
    + [f"2027-01-18,split-squat,dumbbell,{reps},2,kg,{rpe}\n" for reps, rpe in ((10, 9.5), (8, 10), (7, 10))])


def split_squats(tmp_path: Path, rows: str, weeks: int = 7) -> list:
    r = rules(tmp_path, slot("split-squat", '"double"', "tertiary", pick="split-squat/bodyweight", prescription=RX),
              weeks=weeks, units="kg", extra="[deload]\nevery = 4\n")
    person = tmp_path / "cleo.toml"
    person.write_text(CLEO)
    return series(plan_rules(r, REG, athlete=person, logs=[log(tmp_path, rows)]).plan, "split-squat")


def test_kg_a_harder_form_cut_to_nothing_goes_back_to_the_easier_form_and_waits(tmp_path):
    exs = split_squats(tmp_path, WEEKS_1_TO_3)
    assert [ex.choice.key for ex in exs[:3]] == ["split-squat/bodyweight"] * 2 + ["split-squat/dumbbell"]
    assert (exs[2].target.reps, exs[2].sets[0].load) == (10, 2.0)
    # Week 4 deloads. Week 5: the failure's weakest set, 7 @ 10 at 74 kg, is an e1RM of 74 x (1 + 7/30) = 91.27;
    # 10 reps at RPE 8 there are 91.27 / 1.4 = 65.2 kg, under her 70 kg: no dumbbells at all, so the bodyweight
    # form again (the slot had its deload in week 4), and no more reps than that session, read with her own
    # bodyweight session of the week before it, says: its best set, 10 @ 9.5 (10.5 RTF), is 74 x 1.35 = 99.9 kg,
    # week 2's best, 13 @ 7.5, 70 x (1 + 15.5/30) = 106.17; their mean, 103.03, leaves bodyweight 14.16 reps to
    # failure: 12 reps are RPE 7.84, 13 are 8.84 (past 8 + 0.25). So 3 x 12, not week 2's 13.
    fifth = exs[4]
    assert (fifth.choice.key, fifth.target.sets, fifth.target.reps) == ("split-squat/bodyweight", 3, 12)
    assert fifth.target.note == (
        "back to Bodyweight split squat: Dumbbell split squat was too hard on 2027-01-18 (10, 8, 7 @ 9.5, 10, 10); "
        "12 reps reach RPE 8 with bodyweight alone (67.9% of the e1RM 103.03 kg, the mean of that session's best set "
        "and the Bodyweight split squat session of 2027-01-11); the 13 done in the last Bodyweight split squat "
        "session (2027-01-11) are past RPE 8 by it: aim for 12 reps")
    # Then a rep to week 2's 13 (13 reach RPE 7.5 by 106.17, 14 are 8.5), and no move up while the dumbbells'
    # last session was too hard.
    assert [(ex.choice.key, ex.target.reps) for ex in exs[5:]] == [("split-squat/bodyweight", 13),
                                                                  ("split-squat/bodyweight", 13)]


def test_kg_a_session_of_the_easier_form_since_the_failure_lets_the_slot_move_up_afresh(tmp_path):
    # Week 4 (the deload) 11, 11 @ 5, 5.5; week 5 13, 13, 13 @ 7, 7.5, 8: the best set, 13 @ 7 (16 RTF), is an
    # e1RM of 70 x (1 + 16/30) = 107.33, where r reps are RPE r - 6: 14 reach RPE 8. Week 6 asks 14; week 7, at
    # that cap, moves up again, afresh by that newer e1RM (not where the dumbbells failed): 10 reps at RPE 7
    # are 107.33 / (1 + 13/30) = 74.88 kg, 2 kg a hand. But 2 kg failed: by that session's median set, 8 @ 10,
    # 74 x (1 + 8/30) = 93.73, 10 reps at RPE 8 are 93.73 / 1.4 = 66.95 kg, under her 70: the lightest under
    # 2 kg first, 1 kg a hand.
    rows = WEEKS_1_TO_3 + "".join(
        [f"2027-01-25,split-squat,bodyweight,11,,kg,{rpe}\n" for rpe in (5, 5.5)]
        + [f"2027-02-01,split-squat,bodyweight,13,,kg,{rpe}\n" for rpe in (7, 7.5, 8)])
    exs = split_squats(tmp_path, rows)
    assert exs[4].choice.key == "split-squat/bodyweight" and [p.reps for p in exs[4].performed] == [13, 13, 13]
    assert (exs[5].choice.key, exs[5].target.reps) == ("split-squat/bodyweight", 14)
    seventh = exs[6]
    assert (seventh.choice.key, seventh.target.reps, seventh.sets[0].load) == ("split-squat/dumbbell", 10, 1.0)
    assert seventh.target.note == ("14 reps reach RPE 8 with bodyweight alone (65.2% of the e1RM 107.33 kg): "
                                   f"move to Dumbbell split squat; {AFTER}")


def test_kg_a_max_with_nothing_held_reads_so_for_the_dumbbell_form(tmp_path):
    # The dumbbell form's first exposure from Cleo's max (12 bodyweight reps at RPE 7, e1RM 105): 10 reps at
    # RPE 7 are 105 / (1 + 13/30) = 73.26 kg, 1.63 kg a hand: 2 kg. Its source names no "2 x 0 kg" and no
    # dumbbells counted: nothing was held.
    r = rules(tmp_path, slot("split-squat", '"double"', "tertiary", pick="split-squat/dumbbell", prescription=RX),
              weeks=1, units="kg")
    person = tmp_path / "cleo.toml"
    person.write_text(CLEO)
    first = series(plan_rules(r, REG, athlete=person).plan, "split-squat")[0]
    assert first.sets[0].load == 2.0
    assert first.basis.source == (f"max in {person}: split-squat with nothing held (12 reps at RPE 7, plus "
                                  "bodyweight 70 kg)")


BODYWEIGHT_5 = "".join(f"2027-01-25,split-squat,bodyweight,11,,kg,{rpe}\n" for rpe in (5, 5.5))


def test_kg_the_week_back_at_the_bodyweight_form_done_as_handed_out_reads_so(tmp_path):
    # Week 5 handed out "aim for 12 reps"; Cleo does 12, 12, 12 @ 7, 7.5, 8: the done week still reads as it was
    # handed out, and week 6 builds on it (12 @ 7: 15 RTF, e1RM 70 x 1.5 = 105, where 13 reps are RPE 8, within
    # the cap).
    rows = WEEKS_1_TO_3 + BODYWEIGHT_5 + "".join(f"2027-02-01,split-squat,bodyweight,12,,kg,{rpe}\n"
                                                 for rpe in (7, 7.5, 8))
    fifth, sixth = split_squats(tmp_path, rows)[4:6]
    assert (fifth.choice.key, fifth.target.reps, [p.reps for p in fifth.performed]) == (
        "split-squat/bodyweight", 12, [12, 12, 12])
    assert fifth.target.note.endswith("are past RPE 8 by it: aim for 12 reps")
    assert (sixth.target.reps, sixth.target.note) == (13, "fewest reps last time: 12: aim for 13 reps")


def test_kg_moving_up_again_starts_no_heavier_than_the_load_that_failed(tmp_path):
    # Week 5 she does 15, 15, 15 @ 7, 7.5, 8 (15 @ 7: 18 RTF, e1RM 70 x 1.6 = 112 kg), the top of the range:
    # week 6 moves up afresh. By that e1RM 10 reps at RPE 7 are 112 / (1 + 13/30) = 78.14 kg, 4 kg a hand, but
    # 2 kg a hand failed on 2027-01-18, and by its median set even that is past the target: 1 kg first.
    rows = WEEKS_1_TO_3 + BODYWEIGHT_5 + "".join(f"2027-02-01,split-squat,bodyweight,15,,kg,{rpe}\n"
                                                 for rpe in (7, 7.5, 8))
    sixth = split_squats(tmp_path, rows)[5]
    assert (sixth.choice.key, sixth.target.reps, sixth.sets[0].load) == ("split-squat/dumbbell", 10, 1.0)
    assert sixth.target.note == ("Bodyweight split squat reached the top of its rep range and takes no load: move to "
                                 f"Dumbbell split squat; {AFTER}")
    # With no dumbbell under 2 kg, the load that failed is the lightest there is: that load again.
    r = rules(tmp_path, slot("split-squat", '"double"', "tertiary", pick="split-squat/bodyweight", prescription=RX),
              weeks=7, units="kg", extra="[deload]\nevery = 4\n")
    person = tmp_path / "cleo.toml"
    person.write_text(CLEO.replace("dumbbells = [1, 2, 4, 6, 8]", "dumbbells = [2, 4, 6, 8]"))
    sixth = series(plan_rules(r, REG, athlete=person, logs=[log(tmp_path, rows)]).plan, "split-squat")[5]
    assert (sixth.choice.key, sixth.sets[0].load) == ("split-squat/dumbbell", 2.0)
    assert sixth.target.note.endswith("move to Dumbbell split squat; first at the load of 2027-01-18 again")


ELI = ('[athlete]\nname = "Eli"\nunits = "lb"\nbodyweight = 180\n[equipment]\navailable = ["dumbbells", "box"]\n'
       'dumbbells = { min = 5, max = 60, step = 5 }\n[maxes]\nstep-up = { load = 0, reps = 10, rpe = 7 }\n')
# 10 bodyweight step-ups at RPE 7: 13 RTF, e1RM 180 x (1 + 13/30) = 258 lb. Week 1 10, 10, 10 @ 7, 7.5, 8; week 2
# asks 11: 11, 11, 10 @ 8, 9, 9.5, too hard. Its weakest set, 10 @ 9.5 (10.5 RTF), is 180 x 1.35 = 243 lb, where r
# reps are RPE r - 0.5: 8 reach 7.5, 9 are 8.5: week 3 asks 3 x 8, the bottom of the 8-12 range.
ELI_1_2 = "".join([f"2027-01-04,step-up,bodyweight,10,,lb,{rpe}\n" for rpe in (7, 7.5, 8)]
                  + [f"2027-01-11,step-up,bodyweight,{reps},,lb,{rpe}\n"
                     for reps, rpe in ((11, 8), (11, 9), (10, 9.5))])


def step_ups(tmp_path: Path, rows: str) -> list:
    r = rules(tmp_path, slot("step-up", '"double"', "tertiary", pick="step-up/bodyweight",
                             prescription="{ sets = [3, 3], reps = [8, 12], rpe = [7, 8] }"), weeks=6, units="lb")
    person = tmp_path / "eli.toml"
    person.write_text(ELI)
    return series(plan_rules(r, REG, athlete=person, logs=[log(tmp_path, rows)]).plan, "step-up")


def test_lb_no_move_at_a_cap_the_log_puts_the_lightest_dumbbells_past(tmp_path):
    # Week 4, planned at 8 reps (the cap): the dumbbells' lightest, 2 x 5 lb, is 190 lb with bodyweight; by the
    # log's 243 lb that is 30 x (243/190 - 1) = 8.37 RTF, 8 reps at RPE 9.6: no step (by the profile's 258 lb
    # it would be 10.74 RTF, RPE 7.3, which let it through before). The bodyweight form stays.
    exs = step_ups(tmp_path, ELI_1_2)
    assert [(ex.choice.key, ex.target.reps) for ex in exs[2:]] == [("step-up/bodyweight", 8)] * 4
    assert exs[3].target.note == ("8 reps reach RPE 7.5 with bodyweight alone (74.1% of the e1RM 243 lb): keep 3 x 8; "
                                  "more reps once a logged session shows them")


def test_lb_a_second_session_too_hard_comes_down_to_what_bodyweight_allows_then_builds_up(tmp_path):
    # Week 3 done 8, 8, 7 @ 9, 9.5, 10: the weakest, 7 @ 10, is 7 RTF, e1RM 180 x (1 + 7/30) = 222 lb, where r
    # reps are RPE r + 3: 5 reach RPE 8; the 7 done are past it. Week 4 asks 5, under the range, then a rep a week.
    rows = ELI_1_2 + "".join(f"2027-01-18,step-up,bodyweight,{reps},,lb,{rpe}\n" for reps, rpe in ((8, 9), (8, 9.5),
                                                                                                  (7, 10)))
    exs = step_ups(tmp_path, rows)
    assert [ex.target.reps for ex in exs[3:]] == [5, 6, 7]
    assert exs[3].target.note == ("5 reps reach RPE 8 with bodyweight alone (81.1% of the e1RM 222 lb); the 7 done "
                                  "last time are past RPE 8: aim for 5 reps, under the range's 8, and build up from "
                                  "there")


def test_kg_the_first_week_the_log_s_form_takes_the_slot_says_so_once(tmp_path):
    # A conventional-deadlift slot; week 2 is done as sumo. From week 3 the slot's deadlift is the form the log
    # shows last (docs/athletes.md), and the first of those weeks says so; the next does not repeat it.
    r = rules(tmp_path, slot("deadlift", '{ policy = "linear", increment = 2.5, reps = 5 }',
                             prescription="{ sets = 3, reps = 5, rpe = [7, 8] }"), weeks=4, units="kg")
    person = tmp_path / "a.toml"
    person.write_text('[athlete]\nname = "M"\nunits = "kg"\n[maxes]\ndeadlift = { load = 110, reps = 5, rpe = 8 }\n')
    rows = "".join([f"2027-01-04,deadlift,conventional,5,105,kg,{rpe}\n" for rpe in (7, 7.5, 8)]
                   + [f"2027-01-11,deadlift,sumo,5,105,kg,{rpe}\n" for rpe in (7, 7.5, 8)])
    exs = series(plan_rules(r, REG, athlete=person, logs=[log(tmp_path, rows)]).plan, "deadlift")
    assert [ex.choice.key for ex in exs] == ["deadlift/conventional"] * 2 + ["deadlift/sumo"] * 2
    assert exs[2].target.note.startswith("Sumo deadlift in place of Conventional deadlift: the form the log shows "
                                         "trained last (2027-01-11)")
    assert "in place of" not in exs[3].target.note


def test_kg_the_week_back_down_takes_its_own_day_s_bodyweight_session_not_a_later_loaded_one(tmp_path):
    # Week 5 goes back to the bodyweight form. Cleo does it on Monday as handed out (13, 13, 13 @ 7, 7.5, 8)
    # and dumbbells on Thursday too: Monday's session is the week's; Thursday's is an extra one.
    rows = WEEKS_1_TO_3 + BODYWEIGHT_5 + "".join(
        [f"2027-02-01,split-squat,bodyweight,13,,kg,{rpe}\n" for rpe in (7, 7.5, 8)]
        + [f"2027-02-04,split-squat,dumbbell,10,2,kg,{rpe}\n" for rpe in (8, 8.5, 9)])
    r = rules(tmp_path, slot("split-squat", '"double"', "tertiary", pick="split-squat/bodyweight", prescription=RX),
              weeks=6, units="kg", extra="[deload]\nevery = 4\n")
    person = tmp_path / "cleo.toml"
    person.write_text(CLEO)
    plan = plan_rules(r, REG, athlete=person, logs=[log(tmp_path, rows)]).plan
    fifth = series(plan, "split-squat")[4]
    assert fifth.choice.key == "split-squat/bodyweight" and fifth.logged_as is None
    assert [(p.date.isoformat(), p.reps) for p in fifth.performed] == [("2027-02-01", 13)] * 3
    assert [(s.date.isoformat(), s.choice.key) for s in plan.weeks[4].extra] == [("2027-02-04", "split-squat/dumbbell")]


def test_kg_a_deload_of_the_loaded_form_at_no_added_load_is_the_bodyweight_form_by_name(tmp_path):
    # Week 3 moved to 2 x 2 kg (74 kg with bodyweight); week 4's deload, 0.9 x 74 = 66.6 kg, is under her 70 kg:
    # no dumbbells. The sheet names it the bodyweight split squat (not "Dumbbell split squat, BW"), and her
    # bodyweight session that week is the week done as handed out; week 5 goes on with the dumbbells.
    rows = "".join([f"2027-01-04,split-squat,bodyweight,12,,kg,{rpe}\n" for rpe in (7, 7.5, 8)]
                   + [f"2027-01-11,split-squat,bodyweight,13,,kg,{rpe}\n" for rpe in (7.5, 8, 8)]
                   + [f"2027-01-18,split-squat,dumbbell,10,2,kg,{rpe}\n" for rpe in (7, 7.5, 8)]
                   + [f"2027-01-25,split-squat,bodyweight,10,,kg,{rpe}\n" for rpe in (5, 5)])
    exs = split_squats(tmp_path, rows, weeks=5)
    fourth = exs[3]
    assert (fourth.choice.key, fourth.target.sets, fourth.sets[0].load) == ("split-squat/bodyweight", 2, None)
    # bodyweight alone, as the form's own weeks are: no load (JSON null, not 0.0 added) and "BW" on the sheet
    assert fourth.basis is not None and (fourth.basis.load, fourth.basis.raw, fourth.basis.note) == (
        None, None, "bodyweight only")
    assert exercise_dict(fourth)["sets"][0]["load"] is None and load_text(fourth, "kg") == "BW"
    assert fourth.logged_as is None and [p.reps for p in fourth.performed] == [10, 10]
    assert fourth.target.note.startswith("deload: 0.5 of the sets with no added load")
    assert (exs[4].choice.key, exs[4].sets[0].load) == ("split-squat/dumbbell", 2.0)


def test_lb_back_down_from_a_failed_loaded_form_reads_it_with_the_bodyweight_session_the_week_before(tmp_path):
    # Eli's bodyweight step-ups climb to the top of the range (12, 12, 12 @ 7.5, 8, 8) and week 4 moves to 2 x 5 lb
    # dumbbells (190 lb with bodyweight): 8, 6, 5 @ 9.5, 10, 10. Its weakest set, 5 @ 10, is 190 x (1 + 5/30) =
    # 221.67, where 8 reps at RPE 8 are 166.25 lb, under his 180: back to bodyweight. Not at the 12 reps he left
    # off at: the failed session's best set, 8 @ 9.5 (8.5 RTF), is 190 x (1 + 8.5/30) = 243.83 lb; read with his
    # bodyweight session of the week before (12 @ 7.5: 180 x (1 + 14.5/30) = 267), their mean, 255.42, leaves
    # bodyweight 12.57 reps to failure: 10 reps are RPE 7.43, 11 are 8.43 (past 8 + 0.25). Then a rep a week.
    rows = "".join([f"2027-01-04,step-up,bodyweight,10,,lb,{rpe}\n" for rpe in (7, 7.5, 8)]
                   + [f"2027-01-11,step-up,bodyweight,11,,lb,{rpe}\n" for rpe in (7, 7.5, 8)]
                   + [f"2027-01-18,step-up,bodyweight,12,,lb,{rpe}\n" for rpe in (7.5, 8, 8)]
                   + [f"2027-01-25,step-up,dumbbell,{reps},5,lb,{rpe}\n" for reps, rpe in ((8, 9.5), (6, 10), (5, 10))])
    exs = step_ups(tmp_path, rows)
    assert [(ex.choice.key, ex.target.reps, ex.sets[0].load) for ex in exs[3:]] == [
        ("step-up/dumbbell", 8, 5.0), ("step-up/bodyweight", 10, None), ("step-up/bodyweight", 11, None)]
    assert exs[4].target.note == (
        "back to Bodyweight step-up: Dumbbell step-up was too hard on 2027-01-25 (8, 6, 5 @ 9.5, 10, 10); 10 reps "
        "reach RPE 7.5 with bodyweight alone (70.5% of the e1RM 255.42 lb, the mean of that session's best set and "
        "the Bodyweight step-up session of 2027-01-18); the 12 done in the last Bodyweight step-up session "
        "(2027-01-18) are past RPE 8 by it: aim for 10 reps")


def test_kg_back_down_reads_the_failed_session_alone_when_the_bodyweight_form_is_older_than_a_week(tmp_path):
    # Cleo moves to 2 x 2 kg at week 3 (13 bodyweight reps on 2027-01-11), misses week 3 and fails the dumbbells
    # in week 4 (10, 8, 7 @ 9.5, 10, 10), two weeks after her last bodyweight session: by the failed session's best
    # set alone (74 x 1.35 = 99.9 kg), 11 reps are RPE 8.19, 12 are 9.19: 3 x 11.
    r = rules(tmp_path, slot("split-squat", '"double"', "tertiary", pick="split-squat/bodyweight", prescription=RX),
              weeks=6, units="kg")
    person = tmp_path / "cleo.toml"
    person.write_text(CLEO)
    rows = WEEKS_1_TO_3.replace("2027-01-18,", "2027-01-25,")
    fifth = series(plan_rules(r, REG, athlete=person, logs=[log(tmp_path, rows)]).plan, "split-squat")[4]
    assert (fifth.choice.key, fifth.target.reps) == ("split-squat/bodyweight", 11)
    assert "(70.1% of the e1RM 99.9 kg, by that session's best set)" in fifth.target.note


def test_kg_a_deload_at_no_added_load_is_the_bodyweight_form_where_the_log_moved_the_slot_too(tmp_path):
    # A plain `split-squat` slot (its default form the dumbbell one), three weeks at 2 x 2 kg (74 kg with her
    # bodyweight) on target. Week 4's deload, 0.9 x 74 = 66.6 kg, is under her 70 kg: no dumbbells, so the sheet
    # names the bodyweight split squat (not "Dumbbell split squat, BW"), and her bodyweight session that week is
    # the week done as handed out, not "done as Bodyweight split squat".
    r = rules(tmp_path, slot("split-squat", '"double"', "tertiary", prescription=RX), weeks=4, units="kg",
              extra="[deload]\nevery = 4\n")
    person = tmp_path / "cleo.toml"
    person.write_text(CLEO)
    rows = "".join([f"2027-01-{day:02d},split-squat,dumbbell,10,2,kg,{rpe}\n" for day in (4, 11, 18)
                    for rpe in (7, 7.5, 8)] + [f"2027-01-25,split-squat,bodyweight,10,,kg,{rpe}\n" for rpe in (5, 5)])
    fourth = series(plan_rules(r, REG, athlete=person, logs=[log(tmp_path, rows)]).plan, "split-squat")[3]
    assert (fourth.choice.key, fourth.target.sets, fourth.logged_as) == ("split-squat/bodyweight", 2, None)
    assert [p.reps for p in fourth.performed] == [10, 10]


def test_lb_a_deload_at_no_added_load_is_the_bodyweight_form_where_the_log_moved_the_slot_too(tmp_path):
    # Eli (180 lb) on a plain `step-up` slot at 2 x 10 lb (200 lb with bodyweight) for three weeks on target:
    # week 4's deload, 0.9 x 200 = 180 lb, is his bodyweight alone: the bodyweight step-up, by name.
    r = rules(tmp_path, slot("step-up", '"double"', "tertiary",
                             prescription="{ sets = [3, 3], reps = [8, 12], rpe = [7, 8] }"), weeks=4, units="lb",
              extra="[deload]\nevery = 4\n")
    person = tmp_path / "eli.toml"
    person.write_text(ELI)
    rows = "".join(f"2027-01-{day:02d},step-up,dumbbell,8,10,lb,{rpe}\n" for day in (4, 11, 18) for rpe in (7, 7.5, 8))
    fourth = series(plan_rules(r, REG, athlete=person, logs=[log(tmp_path, rows)]).plan, "step-up")[3]
    assert (fourth.choice.key, fourth.target.sets, fourth.sets[0].load) == ("step-up/bodyweight", 2, None)


def test_lb_a_cap_of_one_rep_says_one_rep(tmp_path):
    # Step-ups (8-12 @ 7-8) done 3, 3, 3 @ 10, 10, 10 at 180 lb bodyweight: the weakest set is an e1RM of
    # 180 x (1 + 3/30) = 198 lb, where bodyweight leaves 3 reps to failure: 1 rep is RPE 8, 2 are 9. "aim for 1
    # rep", not "1 reps".
    rows = ELI_1_2 + "".join(f"2027-01-18,step-up,bodyweight,3,,lb,{rpe}\n" for rpe in (10, 10, 10))
    fourth = step_ups(tmp_path, rows)[3]
    assert fourth.target.reps == 1
    assert "aim for 1 rep, under the range's 8" in fourth.target.note and "1 reps" not in fourth.target.note
