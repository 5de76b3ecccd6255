"""The `rpe` policy's reps serve the effort it asks (engine.coarse.span_of,
weigh; engine.foresee): where the equipment makes no load near that effort
for the reps asked, the reps move for that exposure, from half of them to
two more, and the next exposure asks the policy's own reps again.

Hand arithmetic: Epley, e1RM = load x (1 + n/30), n = reps + 10 - RPE;
at a load, RTF = 30 (e1RM / load - 1) reps to failure, and r reps there are
RPE 10 - (RTF - r).
"""

from __future__ import annotations

from test_coarse_effort import CURL
from test_foresee import gym
from test_training import log, plan, rules, series, slot


def pulls(tmp_path, max_: str, rows: str = "", weeks: int = 3, units: str = "kg", plates: str = "[20, 10, 5]",
          rx: str = "{ sets = 3, reps = 3, rpe = [7, 7] }"):
    r = rules(tmp_path, slot("deadlift", '{ policy = "rpe", step = 0.5 }', pick="deadlift/conventional",
                             prescription=rx), weeks=weeks, units=units)
    a = gym(tmp_path, units, plates, f'"deadlift/conventional" = {max_}')
    return series(plan(tmp_path, r, a, (log(tmp_path, rows),) if rows else ()), "deadlift")


def with_dumbbells(path, bells: str) -> None:
    """The profile's equipment with dumbbells of these weights added."""
    path.write_text(path.read_text().replace('available = ["barbell", "plates", "rack", "bench"]',
                                             'available = ["barbell", "plates", "rack", "bench", "dumbbells"]\n'
                                             f"dumbbells = {bells}"))


def shown(ex) -> tuple:
    return ex.target.reps, ex.sets[0].load, ex.sets[0].rpe


def test_a_first_load_far_under_the_effort_takes_more_reps_kg(tmp_path):
    # The max 100 x 3 @ 9 is an e1RM of 100 x (1 + 4/30) = 113.33 kg; 3 @ 7 wants 113.33 / 1.2 = 94.44, and on
    # 10 kg steps the nearest is 90: RTF 30 x (113.33/90 - 1) = 7.78, so 3 reps are RPE 5.2, two points under.
    # 100 x 2 would be RPE 8 (RTF 4), over 7; at 90, 4 reps are 6.2 and 5 reps 7.2: 3 x 5 at 90, "@ RPE 7".
    w1 = pulls(tmp_path, "{ load = 100, reps = 3, rpe = 9 }", weeks=1)[0]
    assert shown(w1) == (5, 90.0, 7.0)
    assert w1.target.note.endswith("about RPE 5 for 3 reps; 5 reps reach RPE 7: 3 x 5")


def test_a_load_whose_session_would_be_cut_takes_fewer_reps_and_the_reps_come_back_kg(tmp_path):
    # The max 100 x 3 @ 8: e1RM 100 x (1 + 5/30) = 116.67; 3 @ 7 wants 97.2 -> 100, RPE 8 for 3 (RTF 5): a
    # point over, and the sets ramping 8, 8.5, 9 have a median a point over the 7.5 a single 7 allows across 3
    # sets: cut by the too-hard rule. 90 is RPE 4.1 for 3 (RTF 8.89), 6.1 even for 5. 2 reps at 100 are RPE 7
    # exactly: 3 x 2 at 100, week 1 and (nothing logged, the same e1RM) week 2.
    rows = "".join(f"2027-01-11,deadlift,conventional,2,100,kg,{rpe}\n" for rpe in (6, 6.5, 7))
    w1, w2, w3 = pulls(tmp_path, "{ load = 100, reps = 3, rpe = 8 }", rows)
    assert [shown(w) for w in (w1, w2)] == [(2, 100.0, 7.0), (2, 100.0, 7.0)]
    assert w1.target.note.endswith("about RPE 8 for 3 reps; 2 reps are RPE 7: 3 x 2")
    # Week 2 logged 100 x 2 @ 6, 6.5, 7: the best set, 100 x (1 + 6/30) = 120 kg. Week 3 asks the policy's
    # own 3 reps again: 3 @ 7 is 120 / 1.2 = 100 kg exactly: 3 x 3 at 100.
    assert shown(w3) == (3, 100.0, 7.0)


def test_a_load_past_failure_after_a_log_takes_fewer_reps_lb(tmp_path):
    # lb, 10 lb plates only (20 lb steps on the bar: 245, 265). Squat 3 x 5 @ RPE 8-9, the max 255 x 5 @ 8:
    # e1RM 255 x (1 + 7/30) = 314.5 lb. 245 is RTF 30 x (314.5/245 - 1) = 8.51, 265 is 5.60.
    # Week 1, 5 @ 8 wants 255: 245 is RPE 6.5 for 5 (1.5 under); 245 x 6 only 7.5, and 7 are 8.5; 265 x 4 is
    # 8.4, over 8 + a quarter, 265 x 3 is 7.4: "3 reps are RPE 7.5: 3 x 3 at 265 lb".
    # Week 2, 5 @ 8.5 wants 314.5 / (1 + 6.5/30) = 258.5 -> 265: RPE 9.4 for 5, the sets 9.4, 9.9, 10.4 (the
    # last past failure); 245 is 2 points under. 265 x 4 is RPE 8.4: 3 x 4 at 265.
    r = rules(tmp_path, slot("squat", '{ policy = "rpe", step = 0.5 }',
                             prescription="{ sets = 3, reps = [5, 5], rpe = [8, 9] }"), weeks=2, units="lb")
    a = gym(tmp_path, "lb", "[10]", "squat = { load = 255, reps = 5, rpe = 8 }")
    w1, w2 = series(plan(tmp_path, r, a), "squat")
    assert [shown(w) for w in (w1, w2)] == [(3, 265.0, 7.5), (4, 265.0, 8.5)]
    assert w1.target.note.endswith("265 lb is 84.3% of it: 3 reps are RPE 7.5: 3 x 3 at 265 lb")
    assert w2.target.note.endswith("about RPE 9.5 for 5 reps; 4 reps are RPE 8.5: 3 x 4")


def test_linear_keeps_its_reps_where_the_rpe_policy_moves_them(tmp_path):
    # The same far-under load for a `linear` 3 x 3: its reps are the program's, so 90 x 3, printed with its
    # effort (RPE 5), as before.
    r = rules(tmp_path, slot("deadlift", '{ policy = "linear", increment = 2.5, reps = 3 }',
                             pick="deadlift/conventional", prescription="{ sets = 3, reps = 3, rpe = [7, 7] }"),
              weeks=1, units="kg")
    a = gym(tmp_path, "kg", "[20, 10, 5]", '"deadlift/conventional" = { load = 100, reps = 3, rpe = 9 }')
    (w1,) = series(plan(tmp_path, r, a), "deadlift")
    assert (w1.target.reps, w1.sets[0].load) == (3, 90.0)


def test_reps_short_of_a_narrow_target_say_the_next_would_be_over_it_lb(tmp_path):
    # lb, plates 20 and 10 (20 lb steps on a 45 lb bar: 225, 245). The max 245 x 3 @ 9: e1RM 245 x (1 + 4/30) =
    # 277.67. Week 2 asks 3 @ 7.5: 277.67 / (1 + 5.5/30) = 234.6 -> 225, RTF 7.02: 3 reps are RPE 6, 4 reps 7,
    # 5 reps 8 (over 7.5 by more than a quarter). 245 is RTF 4: 2 reps are RPE 8, 1 is under half the 3 asked.
    # So 3 x 4 at 225, and the note says why not 5 (it said "the most the 3 asked move to", where 5 may be).
    weeks = pulls(tmp_path, "{ load = 245, reps = 3, rpe = 9 }", weeks=2, units="lb", plates="[20, 10]",
                  rx="{ sets = 3, reps = 3, rpe = [7, 9] }")
    assert shown(weeks[1]) == (4, 225.0, 7.0)
    assert weeks[1].target.note.endswith("about RPE 7 for 4 reps (5 would be over the target): 3 x 4")


def test_fixed_reps_move_up_to_half_again_and_a_deload_lightens_the_policy_s_own(tmp_path):
    # A dumbbell curl 3 x 8 @ RPE 8 (rpe policy), dumbbells 5, 7.5 and 10 kg a hand; the max 2 x 7.5 kg x 12 @ 8
    # is an e1RM of 15 x (1 + 14/30) = 22 kg for the pair. 8 @ 8 wants 22 / (1 + 10/30) = 16.5 kg, 8.25 a hand:
    # 7.5 is RPE 4 for 8 (RTF 14), 10 past failure even for 4 (RTF 3). At 7.5, 12 reps reach RPE 8, within half
    # again the 8 asked: 3 x 12 (two more, 10, stopped at RPE 6). A deload after it lightens 3 x 8, the
    # policy's own, not 3 x 12: half the sets, and as the 5 kg pair would cut 33% the same 7.5 at fewer reps,
    # reckoned from 8 reps at RPE 8 (10 to failure): RPE 5 is 5 reps, 2 x 5 (from 12 reps it would be 2 x 9).
    r = rules(tmp_path, slot("db-curl", '{ policy = "rpe", step = 0.5 }', "tertiary",
                             prescription="{ sets = 3, reps = [8, 8], rpe = [8, 8] }"), weeks=2, units="kg",
              extra=CURL + '[deload]\nevery = 2\nsets = 0.5\nload = 0.9\n')
    a = gym(tmp_path, "kg", "[20, 10, 5]", "db-curl = { load = 7.5, reps = 12, rpe = 8 }")
    with_dumbbells(a, "[5, 7.5, 10]")
    w1, w2 = series(plan(tmp_path, r, a), "db-curl")
    assert shown(w1) == (12, 7.5, 8.0)
    assert w1.target.note.endswith("12 reps reach RPE 8: 3 x 12")
    assert (len(w2.sets), w2.target.reps, w2.sets[0].load) == (2, 5, 7.5)
