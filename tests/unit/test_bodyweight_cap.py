"""A projected target of a form that takes no load never asks more reps
than reach the top of its effort with bodyweight alone.

The effort model: %1RM = 1 / (1 + (reps + 10 - RPE) / 30). With bodyweight
at a share s of the e1RM, reps r are RPE r + 10 - 30 (1/s - 1): one rep is
one RPE point.
"""

from __future__ import annotations

from pathlib import Path

from test_training import REG, log, rules, series, slot

from engine.pipeline import plan_rules

HIP = '"double"'


def person(tmp_path: Path, units: str, bodyweight: float, body: str) -> Path:
    path = tmp_path / "athlete.toml"
    path.write_text(f'[athlete]\nname = "K"\nunits = "{units}"\nbodyweight = {bodyweight}\n{body}')
    return path


def hips(tmp_path: Path, rule_file: Path, athlete: Path, logs: tuple[Path, ...] = ()) -> list:
    return series(plan_rules(rule_file, REG, athlete=athlete, logs=list(logs)).plan, "hip-extension")


KIM = ('[equipment]\navailable = ["back-extension-bench", "plates"]\nplates = [25, 20, 15, 10, 5, 2.5, 1.25]\n'
       "[maxes]\nhip-extension = { load = 0, reps = 15, rpe = 7 }\n")


def test_kg_the_projection_stops_at_the_capped_reps_then_moves_to_the_loaded_form(tmp_path):
    # 15 reps at RPE 7 with bodyweight 74 kg alone: 15 + 10 - 7 = 18 reps in the
    # model, %1RM 1 / (1 + 18/30) = 62.5%, e1RM 74 / 0.625 = 118.4 kg. RPE at r reps:
    # r + 10 - 18 = r - 8: 16 reps are RPE 8 (the top of 7-8), 17 are RPE 9 (over 8 + 0.25).
    # Double progression: 15 (the first exposure's fit: 10 reps are RPE 2), 16, then 17 is
    # past the cap: the top of the range, so the loaded form (Kim has plates) at 10 reps
    # at RPE 7: 118.4 / (1 + 13/30) = 82.60 kg, minus 74 = 8.60: plates held 8.75 kg.
    r = rules(tmp_path, slot("hip-extension", HIP, "tertiary"), weeks=4, units="kg")
    exs = hips(tmp_path, r, person(tmp_path, "kg", 74, KIM))
    assert [ex.choice.key for ex in exs[:2]] == ["hip-extension/bodyweight"] * 2
    assert [ex.target.reps for ex in exs[:2]] == [15, 16]
    moved = exs[2]
    assert moved.choice.key == "hip-extension/weighted"
    assert (moved.target.sets, moved.target.reps, moved.sets[0].load) == (2, 10, 8.75)
    assert moved.target.note == ("16 reps reach RPE 8 with bodyweight alone (62.5% of the e1RM 118.4 kg): "
                                 "move to Loaded hip extension; first at 8.75 kg: 10 at RPE 7 are 70% of the e1RM "
                                 "118.4 kg (planned 2 x 16 of Bodyweight hip extension at RPE 8, taken as done, plus "
                                 "bodyweight 74 kg)")
    assert exs[3].choice.key == "hip-extension/weighted" and exs[3].target.reps == 11


def test_kg_a_rep_step_past_the_cap_stops_at_it_first(tmp_path):
    # The same Kim with 3 reps a step: 15, then 18 would skip past the cap (16), so 16
    # reps ("aim for 16"), then the next step (19) is past it again: the loaded form.
    r = rules(tmp_path, slot("hip-extension", '{ policy = "double", rep_step = 3 }', "tertiary"), weeks=3,
              units="kg")
    exs = hips(tmp_path, r, person(tmp_path, "kg", 74, KIM))
    assert [ex.target.reps for ex in exs[:2]] == [15, 16]
    assert exs[1].choice.key == "hip-extension/bodyweight"
    assert exs[1].target.note == ("16 reps reach RPE 8 with bodyweight alone (62.5% of the e1RM 118.4 kg): "
                                  "aim for 16 reps")
    assert exs[2].choice.key == "hip-extension/weighted"


def test_lb_with_nothing_to_load_the_cap_adds_sets_then_holds(tmp_path):
    # Bodyweight 180 lb, 15 reps at RPE 7: 62.5% again, e1RM 180 / 0.625 = 288 lb, 16 reps
    # are RPE 8. No plates, so no loaded form: past the cap the engine adds a set (2 -> 3
    # -> 4, the most the catalog's [2, 4] allows), then holds at 4 x 16 with a note: the cap
    # is under the range's top (20), so more reps wait for a logged session, not a new exercise.
    body = ('[equipment]\navailable = ["back-extension-bench"]\n'
            "[maxes]\nhip-extension = { load = 0, reps = 15, rpe = 7 }\n")
    r = rules(tmp_path, slot("hip-extension", HIP, "tertiary"), weeks=6, units="lb")
    exs = hips(tmp_path, r, person(tmp_path, "lb", 180, body))
    assert {ex.choice.key for ex in exs} == {"hip-extension/bodyweight"}
    assert [(ex.target.sets, ex.target.reps) for ex in exs] == [(2, 15), (2, 16), (3, 16), (4, 16), (4, 16),
                                                                 (4, 16)]
    why = "16 reps reach RPE 8 with bodyweight alone (62.5% of the e1RM 288 lb)"
    assert exs[2].target.note == f"{why}: add a set instead"
    assert exs[3].target.note == f"{why}: add a set instead"
    assert exs[4].target.note == f"{why}: keep 4 x 16; more reps once a logged session shows them"


def test_kg_a_cap_at_the_bottom_of_the_range_waits_for_the_log(tmp_path):
    # Bodyweight 58 kg, 5 reps at RPE 7: 5 + 10 - 7 = 8 reps in the model, e1RM 58 x (1 + 8/30)
    # = 73.47 kg (78.9%), 8 reps to failure: 6 reps are RPE 8, 7 are RPE 9. On a 6-10 range
    # (a dip's) the projection holds 6 reps, the range's bottom: said as waiting for the log,
    # not as an exercise topped out.
    body = ('[equipment]\navailable = ["back-extension-bench"]\n'
            "[maxes]\nhip-extension = { load = 0, reps = 5, rpe = 7 }\n")
    r = rules(tmp_path, slot("hip-extension", HIP, "tertiary",
                                  prescription="{ sets = 2, reps = [6, 10], rpe = [7, 8] }"), weeks=4, units="kg")
    exs = hips(tmp_path, r, person(tmp_path, "kg", 58, body))
    assert [(ex.target.sets, ex.target.reps) for ex in exs] == [(2, 6)] * 4
    assert exs[3].target.note == ("6 reps reach RPE 8 with bodyweight alone (78.9% of the e1RM 73.47 kg): keep 2 x 6; "
                                  "more reps once a logged session shows them")


def test_lb_a_cap_above_the_rep_range_changes_nothing(tmp_path):
    # 12 reps at RPE 8 with bodyweight 180 lb: 12 + 10 - 8 = 14, %1RM 1 / (1 + 14/30) =
    # 68.2%, e1RM 180 x 44/30 = 264 lb; RPE at r reps: r - 4. Range 10-12 at RPE 6-9: 10
    # reps are RPE 6 (fits), 12 are RPE 8, the cap (RPE 9.25) is 13 reps, over the range.
    # Double progression runs 10, 11, 12 as before and moves on at the top of the range
    # with the engine's own words.
    rx = '{ sets = 2, reps = [10, 12], rpe = [6, 9] }'
    r = rules(tmp_path, slot("hip-extension", HIP, "tertiary", prescription=rx), weeks=4, units="lb")
    body = "[maxes]\nhip-extension = { load = 0, reps = 12, rpe = 8 }\n"
    exs = hips(tmp_path, r, person(tmp_path, "lb", 180, body))
    assert [ex.target.reps for ex in exs[:3]] == [10, 11, 12]
    assert all("bodyweight alone" not in ex.target.note for ex in exs[:3])
    assert exs[3].choice.key == "hip-extension/weighted"
    assert exs[3].target.note.startswith("Bodyweight hip extension reached the top of its rep range and takes no load: "
                                  "move to Loaded hip extension")


def test_kg_a_week_the_sheet_moved_on_done_in_the_bodyweight_form_reads_as_handed_out(tmp_path):
    # Kim logs 15, 15 @ 7, 8 and 16, 16 @ 8, 8 (the best set, 16 at RPE 8: 16 + 2 = 18, e1RM
    # 118.4 kg, the cap stays 16), so week 3's sheet moves to the loaded form: 10 reps at RPE 7
    # are 118.4 / (1 + 13/30) = 82.6 kg, 8.6 over her 74: 8.75 kg. She does bodyweight 19, 19 @ 8
    # instead. The done week shows the sheet handed out, done as the other form (as sumo on a
    # conventional day), and the loaded form keeps its target; the 19 reps are the bodyweight
    # form's history.
    rows = ("2027-01-04,hip-extension,bodyweight,15,,kg,7\n2027-01-04,hip-extension,bodyweight,15,,kg,8\n"
            "2027-01-11,hip-extension,bodyweight,16,,kg,8\n2027-01-11,hip-extension,bodyweight,16,,kg,8\n"
            "2027-01-18,hip-extension,bodyweight,19,,kg,8\n2027-01-18,hip-extension,bodyweight,19,,kg,8\n")
    exs = kim_logged(tmp_path, rows)
    third = exs[2]
    assert (third.choice.key, third.target.reps, third.sets[0].load) == ("hip-extension/weighted", 10, 8.75)
    assert [p.reps for p in third.performed] == [19, 19]
    assert third.logged_as is not None and third.logged_as.key == "hip-extension/bodyweight"
    assert third.target.note.startswith("16 reps reach RPE 8 with bodyweight alone (62.5% of the e1RM 118.4 kg): "
                                 "move to Loaded hip extension")
    assert (exs[3].choice.key, exs[3].target.reps, exs[3].sets[0].load) == ("hip-extension/weighted", 10, 8.75)
    assert exs[3].target.note == "done as another form last time: same target again"


def kim_logged(tmp_path: Path, rows: str) -> list:
    """Kim's four weeks of hip extensions, with `rows` logged."""
    r = rules(tmp_path, slot("hip-extension", HIP, "tertiary"), weeks=4, units="kg")
    return hips(tmp_path, r, person(tmp_path, "kg", 74, KIM), (log(tmp_path, rows),))


ON_TARGET = ("2027-01-04,hip-extension,bodyweight,15,,kg,7\n2027-01-04,hip-extension,bodyweight,15,,kg,7.5\n")


def test_kg_a_done_week_of_the_loaded_form_the_sheet_moved_to_reads_as_handed_out(tmp_path):
    # Kim logs 15, 15 @ 7, 7.5 and 16, 16 @ 7.5, 8: the best set, 16 at RPE 7.5, is 18.5
    # reps in the model, e1RM 74 x (1 + 18.5/30) = 119.63 kg (61.9%); 17 reps would be RPE
    # 8.5, past 8 + 0.25, so week 3's sheet moves to the loaded form: 10 reps at RPE 7 are
    # 119.63 / (1 + 13/30) = 83.47 kg, minus 74 = 9.47: 10 kg. She does exactly that. The
    # done week still shows the loaded form it handed out (not "done as another form"
    # under a bodyweight 2 x 17 no sheet ever printed), and week 4 builds on it.
    rows = ON_TARGET + ("2027-01-11,hip-extension,bodyweight,16,,kg,7.5\n2027-01-11,hip-extension,bodyweight,16,,kg,8\n"
                        "2027-01-18,hip-extension,weighted,10,10,kg,7\n2027-01-18,hip-extension,weighted,10,10,kg,7.5\n")
    exs = kim_logged(tmp_path, rows)
    third = exs[2]
    assert (third.choice.key, third.target.reps, third.sets[0].load) == ("hip-extension/weighted", 10, 10.0)
    assert third.logged_as is None and [p.reps for p in third.performed] == [10, 10]
    assert third.target.note.startswith("16 reps reach RPE 7.5 with bodyweight alone (61.9% of the e1RM 119.63 kg): "
                                 "move to Loaded hip extension")
    assert (exs[3].choice.key, exs[3].target.reps, exs[3].sets[0].load) == ("hip-extension/weighted", 11, 10.0)


def test_kg_a_session_too_hard_in_the_bodyweight_form_cuts_reps_never_moves_up(tmp_path):
    # Week 2 asks 16 and Kim does 16, 15 @ 8.5, 9.5 (median 9: too hard). Her weakest set,
    # 15 at RPE 9.5, is 15.5 reps in the model: e1RM 74 x (1 + 15.5/30) = 112.23 kg (65.9%),
    # where r reps are RPE r - 5.5: 13 are RPE 7.5, 14 are 8.5. The 15 she did are past RPE
    # 8, so week 3 asks 13 in the bodyweight form; before, the cap "reached" sent her to the
    # loaded form, heavier still. Week 4, 13 reps planned at the cap, moves on as usual: 10
    # reps at RPE 7 are 112.23 / (1 + 13/30) = 78.3 kg, minus 74: 3.75 kg on her plates.
    rows = ON_TARGET + ("2027-01-11,hip-extension,bodyweight,16,,kg,8.5\n"
                        "2027-01-11,hip-extension,bodyweight,15,,kg,9.5\n")
    exs = kim_logged(tmp_path, rows)
    third = exs[2]
    assert (third.choice.key, third.target.sets, third.target.reps) == ("hip-extension/bodyweight", 2, 13)
    assert third.target.note == ("13 reps reach RPE 7.5 with bodyweight alone (65.9% of the e1RM 112.23 kg); "
                                 "the 15 done last time are past RPE 8: aim for 13 reps")
    assert (exs[3].choice.key, exs[3].target.reps, exs[3].sets[0].load) == ("hip-extension/weighted", 10, 3.75)


def test_kg_no_move_to_a_loaded_form_whose_lightest_load_is_past_the_effort(tmp_path):
    # Kim's plates are 25 kg only: the loaded form's lightest is 74 + 25 = 99 kg, 83.6% of
    # 118.4, where 10 reps are RPE 10 + 10 - 30 x (118.4/99 - 1) = 14.1, far past failure.
    # At the cap (16 reps) the bodyweight form stays: a set more up to the catalog's 4, then
    # the reps wait for the log, as when there is nothing to load.
    body = KIM.replace("plates = [25, 20, 15, 10, 5, 2.5, 1.25]", "plates = [25]")
    r = rules(tmp_path, slot("hip-extension", HIP, "tertiary"), weeks=5, units="kg")
    exs = hips(tmp_path, r, person(tmp_path, "kg", 74, body))
    assert {ex.choice.key for ex in exs} == {"hip-extension/bodyweight"}
    assert [(ex.target.sets, ex.target.reps) for ex in exs] == [(2, 15), (2, 16), (3, 16), (4, 16), (4, 16)]
    assert exs[4].target.note == ("16 reps reach RPE 8 with bodyweight alone (62.5% of the e1RM 118.4 kg): "
                                  "keep 4 x 16; more reps once a logged session shows them")
