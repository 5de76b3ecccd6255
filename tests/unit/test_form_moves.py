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

from engine.pipeline import plan_rules
from engine.testing import make_registry

REG = make_registry()
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
    # form again, where it left off (week 2's 13 reps, its cap), and no move up while the dumbbells' last session
    # was too hard: 3 x 13, a working week (the slot had its deload in week 4).
    fifth = exs[4]
    assert (fifth.choice.key, fifth.target.sets, fifth.target.reps) == ("split-squat/bodyweight", 3, 13)
    assert fifth.target.note == (
        "back to Bodyweight split squat; 13 reps reach RPE 7.5 with bodyweight alone (65.9% of the e1RM 106.17 kg); "
        "Dumbbell split squat was too hard on 2027-01-18 (10, 8, 7 @ 9.5, 10, 10): keep 3 x 13; more reps once a "
        "logged session shows them")
    assert [(ex.choice.key, ex.target.reps) for ex in exs[5:]] == [("split-squat/bodyweight", 13)] * 2


def test_kg_a_session_of_the_easier_form_since_the_failure_lets_the_slot_move_up_afresh(tmp_path):
    # Week 4 (the deload) 11, 11 @ 5, 5.5; week 5 13, 13, 13 @ 7, 7.5, 8: the best set, 13 @ 7 (16 RTF), is an
    # e1RM of 70 x (1 + 16/30) = 107.33, where r reps are RPE r - 6: 14 reach RPE 8. Week 6 asks 14; week 7, at
    # that cap, moves up again, afresh by that newer e1RM (not where the dumbbells failed): 10 reps at RPE 7
    # are 107.33 / (1 + 13/30) = 74.88 kg, 2 kg a hand (74 kg: 13.5 RTF, RPE 6.5).
    rows = WEEKS_1_TO_3 + "".join(
        [f"2027-01-25,split-squat,bodyweight,11,,kg,{rpe}\n" for rpe in (5, 5.5)]
        + [f"2027-02-01,split-squat,bodyweight,13,,kg,{rpe}\n" for rpe in (7, 7.5, 8)])
    exs = split_squats(tmp_path, rows)
    assert exs[4].choice.key == "split-squat/bodyweight" and [p.reps for p in exs[4].performed] == [13, 13, 13]
    assert (exs[5].choice.key, exs[5].target.reps) == ("split-squat/bodyweight", 14)
    seventh = exs[6]
    assert (seventh.choice.key, seventh.target.reps, seventh.sets[0].load) == ("split-squat/dumbbell", 10, 2.0)
    assert seventh.target.note == ("14 reps reach RPE 8 with bodyweight alone (65.2% of the e1RM 107.33 kg): "
                                   "move to Dumbbell split squat")


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
