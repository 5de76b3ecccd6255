"""A planned week whose load was worked out from an e1RM (a cut after a
session too hard, a first load from a max) is taken as done at the effort
that e1RM puts its load at, not at the bottom of the target's RPE: the
plan's assumed rep a week starts the week after it (reviews 75 M3, 78 M2).

Hand arithmetic: Epley with reps in reserve, e1RM = load x (1 + (reps + 10
- RPE)/30); reps to failure at a load, RTF = 30 (e1RM/load - 1); r reps
there are RPE 10 - (RTF - r). A session's sets ramp half a point each.
"""

from __future__ import annotations

from test_training import athlete, log, plan, rules, series, slot

CURL = slot("hamstring-curl", '{ policy = "double", increment = "step" }', "tertiary", pick="hamstring-curl/seated",
            prescription="{ sets = 3, reps = [10, 15], rpe = [8, 9] }")
STACK = '[equipment]\navailable = ["leg-curl-machine"]\nmachines = { leg-curl-machine = { step = 10, max = 200 } }\n'
SQUAT = slot("squat", '{ policy = "double" }', prescription="{ sets = 3, reps = [4, 6], rpe = [7, 8] }")


def reps_and_loads(exs) -> list[tuple[int, float | None]]:
    return [(ex.target.reps, ex.target.load) for ex in exs]


def test_the_week_after_a_cut_repeats_it_before_the_plan_adds_reps(tmp_path):
    # 110 lb x 12, 9, 7 @ 9, 10, 10 on 3 x 10-15 @ RPE 8-9: the weakest set, 7 @ 10, is an e1RM of
    # 110 x (1 + 7/30) = 135.67; 10 reps at RPE 9 are 1/1.3667 of it, 99.3, so 100 lb on a 10 lb stack.
    # There RTF = 30 x (135.67/100 - 1) = 10.7: 10 reps are RPE 9.3 and an 11th past failure. The week
    # after the cut keeps 3 x 10; from there the plan adds its rep a week.
    r = rules(tmp_path, CURL, weeks=5)
    rows = "".join(f"2027-01-04,hamstring-curl,seated,{reps},110,lb,{rpe}\n"
                   for reps, rpe in ((12, 9), (9, 10), (7, 10)))
    exs = series(plan(tmp_path, r, athlete(tmp_path, STACK), (log(tmp_path, rows),)), "hamstring-curl")
    assert reps_and_loads(exs[1:]) == [(10, 100.0), (10, 100.0), (11, 100.0), (12, 100.0)]
    assert exs[1].target.note.startswith("too hard:")
    assert exs[2].target.note == (
        "aim for 10 reps at the same load: 11 would start past failure by the e1RM of the last sheet's 10 reps at "
        "100 lb taken as done at RPE 9.3, 135.67 lb, too hard for the program's RPE 8-9")
    assert exs[3].target.note == ""


def test_a_barbell_cut_in_kg_is_repeated_once(tmp_path):
    # 92.5 kg x 5, 4, 3 @ 9, 10, 10 on 3 x 4-6 @ 7-8: the weakest set is 92.5 x (1 + 3/30) = 101.75;
    # 4 reps at RPE 8 are 1/1.2 of it, 84.8, so 85 kg (4 reps there RPE 8.1). A 5th rep: RTF at 85 is
    # 30 x (101.75/85 - 1) = 5.91, so 5 reps start at RPE 9.1 and ramp to 10.1: too hard. Then 85 x 5.
    r = rules(tmp_path, SQUAT, weeks=4, units="kg")
    a = athlete(tmp_path, '[equipment]\nplates = [20, 10, 5, 2.5, 1.25]\n', units="kg")
    rows = "".join(f"2027-01-04,squat,,{reps},92.5,kg,{rpe}\n" for reps, rpe in ((5, 9), (4, 10), (3, 10)))
    exs = series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")
    assert reps_and_loads(exs[1:]) == [(4, 85.0), (4, 85.0), (5, 85.0)]
    assert "5 would start at about RPE 9 by the e1RM of the last sheet's 4 reps at 85 kg taken as done at RPE 8.1, " \
        "101.75 kg" in exs[2].target.note


def test_a_first_load_rounded_up_is_taken_as_done_at_its_effort(tmp_path):
    # A max of 110 lb x 7 @ 10 (135.67): 10 reps at RPE 8 are 71.4% of it, 96.9, and the stack makes 100,
    # RPE 9.3 for 10 reps. The plan does not assume a rep of growth on that first week: 100 x 10 again.
    r = rules(tmp_path, CURL, weeks=4)
    a = athlete(tmp_path, STACK + '[maxes]\n"hamstring-curl/seated" = { load = 110, reps = 7, rpe = 10 }\n')
    exs = series(plan(tmp_path, r, a), "hamstring-curl")
    assert reps_and_loads(exs) == [(10, 100.0), (10, 100.0), (11, 100.0), (12, 100.0)]


def test_a_first_load_at_the_bottom_of_the_target_grows_as_planned(tmp_path):
    # 100 kg x 5 @ 8 is an e1RM of 123.33; 4 reps at RPE 7 are 1/1.2333 of it: 100 kg exactly. Nothing
    # was rounded up, so the week is taken as done at RPE 7 and the plan adds its rep: 100 x 5, then 6.
    r = rules(tmp_path, SQUAT, weeks=3, units="kg")
    a = athlete(tmp_path, '[equipment]\nplates = [20, 10, 5, 2.5, 1.25]\n[maxes]\nsquat = { load = 100, reps = 5, '
                          'rpe = 8 }\n', units="kg")
    exs = series(plan(tmp_path, r, a), "squat")
    assert reps_and_loads(exs) == [(4, 100.0), (5, 100.0), (6, 100.0)]
    assert all(ex.target.note == "" for ex in exs[1:])
