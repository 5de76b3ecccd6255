"""A coach's fifth review, checked by hand: each case is one of the
reviewer's repros, made small, with the arithmetic in its comments.

Effort model (Epley on reps in reserve): a set of r reps at RPE x is
r + 10 - x reps to failure (RTF), and e1RM = load x (1 + RTF / 30).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_training import athlete, log, plan, rules, series, slot

from engine import Progression, Target, hookimpl
from engine.pipeline import plan_rules
from engine.testing import make_registry

# -- the last set one rep short is a grind, not a failure ---------------------------------------

SQUAT_KG = "[equipment]\nbar = 20\nplates = [25, 20, 15, 10, 5, 2.5, 1.25]\n[maxes]\nsquat = 145\n"
LINEAR_5 = '{ policy = "linear", increment = 2.5, reps = 5 }'
RX_5 = "{ sets = 3, reps = 5, rpe = [7, 8] }"


def squats(tmp_path: Path, week2: list[tuple[int, float]]) -> list:
    """Week 1 logged 110 x 5, 5, 5 @ 7, 7.5, 8; week 2 (112.5 kg: +2.5) logged as `week2`."""
    r = rules(tmp_path, slot("squat", LINEAR_5, prescription=RX_5), weeks=3, units="kg")
    rows = "".join(f"2027-01-04,squat,,5,110,kg,{rpe}\n" for rpe in (7, 7.5, 8))
    rows += "".join(f"2027-01-11,squat,,{reps},112.5,kg,{rpe}\n" for reps, rpe in week2)
    return series(plan(tmp_path, r, athlete(tmp_path, SQUAT_KG, units="kg"), (log(tmp_path, rows),)), "squat")


def test_the_last_set_one_rep_short_repeats_the_load_and_the_target_kg(tmp_path):
    # 112.5 x 5, 5, 4 @ 8, 8.5, 9.5 on 3 x 5 @ RPE 7-8: median 8.5 is under 8 + 1, and only the last set
    # missed, by one rep: the same 3 x 5 at 112.5 kg. It used to cut to 102.5 kg (the 4 @ 9.5 set's e1RM
    # 112.5 x (1 + 4.5/30) = 129.38; 5 at RPE 8: 129.38 / (1 + 7/30) = 104.9, rounded down), 10 kg under
    # last week and under the 110 kg done easily the week before.
    week3 = squats(tmp_path, [(5, 8), (5, 8.5), (4, 9.5)])[2]
    assert (len(week3.sets), week3.target.reps, week3.target.rpe, week3.sets[0].load) == (3, 5, (7.0, 8.0), 112.5)
    assert week3.target.note == "the last set was one rep short (5, 5, 4): same load, same target"
    assert week3.basis.change == "same load"


@pytest.mark.parametrize("week2", [
    [(5, 8), (4, 9), (5, 9.5)],  # a set short that is not the last
    [(5, 8), (5, 8.5), (3, 9.5)],  # the last set short by 2
])
def test_more_than_one_rep_missed_still_cuts_kg(tmp_path, week2):
    week3 = squats(tmp_path, week2)[2]
    assert week3.target.note.startswith("too hard: a set short of 5 reps last time")
    assert week3.sets[0].load < 112.5


def test_a_cut_rounds_to_the_nearest_load_still_lighter_than_what_was_lifted_kg(tmp_path):
    # 112.5 x 5, 4, 4 @ 8, 9, 9.5: two sets short, too hard. The weakest set, 4 @ 9.5 (4.5 RTF): e1RM
    # 112.5 x 1.15 = 129.375 (4 @ 9: 112.5 x (1 + 5/30) = 131.25 is stronger); 5 at RPE 8 (7 RTF):
    # 129.375 / 1.2333 = 104.9. The nearest load the plates make is 105 (2.5 kg steps), still lighter than
    # 112.5: 105, not the 102.5 that rounding down gave. (Week 1 logged without RPEs here: rated on target,
    # 110 would be the floor, below.)
    r = rules(tmp_path, slot("squat", LINEAR_5, prescription=RX_5), weeks=3, units="kg")
    rows = "".join("2027-01-04,squat,,5,110,kg,\n" for _ in range(3))
    rows += "".join(f"2027-01-11,squat,,{reps},112.5,kg,{rpe}\n" for reps, rpe in ((5, 8), (4, 9), (4, 9.5)))
    week3 = series(plan(tmp_path, r, athlete(tmp_path, SQUAT_KG, units="kg"), (log(tmp_path, rows),)), "squat")[2]
    assert week3.sets[0].load == 105.0
    assert week3.basis.change == "-7.5 kg"
    cut = ("too hard: 2 sets short of 5 reps last time (5, 4, 4): load from the weakest set, 4 x 112.5 kg @ 9.5 "
           "(e1RM 129.38 kg): 5 at RPE 8 is 81% of it")
    assert week3.target.note == cut


def test_a_failed_jump_goes_back_to_the_load_done_on_target_kg(tmp_path):
    # After 110 x 5, 5, 5 @ 7, 7.5, 8 (every rep, none over RPE 8), 112.5 x 5, 5, 3 @ 8, 8.5, 10: the weakest
    # set, 3 @ 10, is 112.5 x 1.1 = 123.75, and 5 at RPE 8 is 123.75 / (1 + 7/30) = 100.34 kg. But the median set,
    # 5 @ 8.5 (6.5 RTF), is 112.5 x (1 + 6.5/30) = 136.88, where 110 x 5 is 30 x (136.88/110 - 1) = 7.33 RTF,
    # RPE 7.7: one bad last set, not a load gone out of reach. Week 3 goes back to 110.
    week3 = squats(tmp_path, [(5, 8), (5, 8.5), (3, 10)])[2]
    assert (week3.target.reps, week3.sets[0].load, week3.basis.change) == (5, 110.0, "-2.5 kg")
    assert week3.target.note == (
        "too hard: a set short of 5 reps last time (5, 5, 3): load from the weakest set, 3 x 112.5 kg @ 10 "
        "(e1RM 123.75 kg): 5 at RPE 8 is 81% of it = 100.34 kg; 110 kg made every rep on target on 2027-01-04 "
        "(5, 5, 5 @ 7, 7.5, 8): back to it")
    # 5, 4, 4 @ 8, 9, 9.5: the median set, 4 @ 9 (5 RTF), is 131.25, where 110 x 5 is RPE 9.2: the cut stands.
    week3 = squats(tmp_path, [(5, 8), (4, 9), (4, 9.5)])[2]
    assert week3.sets[0].load == 105.0 and "back to it" not in week3.target.note
    # A week 1 rated over the target's top (8.5 on 7-8) is no such load either.
    r = rules(tmp_path, slot("squat", LINEAR_5, prescription=RX_5), weeks=3, units="kg")
    rows = "".join(f"2027-01-04,squat,,5,110,kg,{rpe}\n" for rpe in (7.5, 8, 8.5))
    rows += "".join(f"2027-01-11,squat,,{reps},112.5,kg,{rpe}\n" for reps, rpe in ((5, 8), (5, 8.5), (3, 10)))
    week3 = series(plan(tmp_path, r, athlete(tmp_path, SQUAT_KG, units="kg"), (log(tmp_path, rows),)), "squat")[2]
    assert week3.sets[0].load < 110.0 and "back to it" not in week3.target.note


THRUST_LB = ("[equipment]\navailable = [\"hip-thrust-machine\"]\n"
             "machines = { hip-thrust-machine = { step = 15, max = 450 } }\n"
             "[maxes]\n\"hip-thrust/machine\" = { load = 270, reps = 8, rpe = 8 }\n")
LINEAR_8 = '{ policy = "linear", increment = 15, reps = 8 }'
RX_8 = "{ sets = 3, reps = 8, rpe = [7, 8] }"


def thrusts(tmp_path: Path, rows: list[tuple[int, float]]) -> list:
    """Week 1 from the max: e1RM 270 x (1 + 10/30) = 360; 8 at RPE 7 (11 RTF): 360 / 1.3667 = 263.4,
    nearest on a 15 lb stack 270; logged as `rows`."""
    r = rules(tmp_path, slot("hip-thrust", LINEAR_8, "secondary", pick="hip-thrust/machine", prescription=RX_8),
              weeks=2)
    lines = "".join(f"2027-01-04,hip-thrust,machine,{reps},270,lb,{rpe}\n" for reps, rpe in rows)
    return series(plan(tmp_path, r, athlete(tmp_path, THRUST_LB), (log(tmp_path, lines),)), "hip-thrust")


def test_the_last_set_one_rep_short_repeats_the_load_and_the_target_lb(tmp_path):
    # 270 x 8, 8, 7 @ 7, 8, 9.5 (median 8, not over 8 + 1): a grind, the same 3 x 8 at 270 lb. It used to
    # cut to 240: 7 @ 9.5 is 270 x (1 + 7.5/30) = 337.5; 8 at RPE 8: 337.5 / 1.3333 = 253.1, rounded down.
    week1, week2 = thrusts(tmp_path, [(8, 7), (8, 8), (7, 9.5)])
    assert week1.sets[0].load == 270.0
    assert (len(week2.sets), week2.target.reps, week2.sets[0].load) == (3, 8, 270.0)
    assert week2.target.note == "the last set was one rep short (8, 8, 7): same load, same target"


def test_a_cut_rounds_to_the_nearest_load_still_lighter_than_what_was_lifted_lb(tmp_path):
    # 270 x 8, 7, 7 @ 8, 9, 9.5: two sets short. The weakest, 7 @ 9.5: 337.5; 8 at RPE 8: 253.1, a 6.3%
    # cut. The stack's nearest is 255 (240 and 255 are its neighbours), lighter than 270: 255 lb (a 5.6%
    # cut, within twice 6.3%, so no hold), where rounding down gave 240.
    week2 = thrusts(tmp_path, [(8, 8), (7, 9), (7, 9.5)])[1]
    assert week2.sets[0].load == 255.0
    assert week2.basis.change == "-15 lb"


# -- a too-hard session's arithmetic uses the RPE printed; a hold never outweighs the policy -----------

THRUST_285 = THRUST_LB.replace("load = 270", "load = 285")


def test_a_too_hard_cut_uses_the_rpe_printed_and_the_effort_does_not_climb_rpe_policy_lb(tmp_path):
    # The max 285 x 8 @ 8: e1RM 285 x (1 + 10/30) = 380; week 1 is 8 @ 7.5 (10.5 RTF): 380 / 1.35 = 281.5,
    # nearest on the 15 lb stack 285: 75% of 380, 10 RTF, RPE 8 for 8 reps, 0.5 over the label by the
    # engine's own rounding. What 3 sets @ 7.5 allow: 7.5 + 0.5 (the ramp) + 0.5 (the rounding) = 8.5.
    # Logged 285 x 8, 8, 8 @ 9, 9.5, 10: median 9.5, 1 over 8.5, too hard (8, 8.5, 9, the model's own
    # ramp at 285 and what this test used to log, is not: below). The policy would climb to 8 @ 8; after a too-hard
    # session the effort stays at 7.5. The weakest set, 8 @ 10 (8 RTF): 285 x (1 + 8/30) = 361; 8 at RPE
    # 7.5: 361 / 1.35 = 267.41, a 6.2% cut; 270 (nearest, lighter than 285) cuts 5.3%, within twice 6.2%:
    # 270 lb at RPE 7.5. It used to print RPE 7.5 over arithmetic at RPE 8 and keep 285, heavier than the
    # policy's own 270 at RPE 7.5.
    r = rules(tmp_path, slot("hip-thrust", '{ policy = "rpe", step = 0.5, reps = 8 }', "secondary",
                             pick="hip-thrust/machine", prescription="{ sets = 3, reps = 8, rpe = [7.5, 9] }"),
              weeks=2)
    rows = "".join(f"2027-01-04,hip-thrust,machine,8,285,lb,{rpe}\n" for rpe in (9, 9.5, 10))
    week1, week2 = series(plan(tmp_path, r, athlete(tmp_path, THRUST_285), (log(tmp_path, rows),)), "hip-thrust")
    assert (week1.target.rpe, week1.sets[0].load) == ((7.5, 7.5), 285.0)
    assert (week2.target.reps, week2.target.rpe, week2.sets[0].load) == (8, (7.5, 7.5), 270.0)
    assert week2.target.note == (
        "too hard: median RPE 9.5 last time, 1 over the 8.5 the target allows (RPE 7.5, +0.5 across 3 sets, +0.5 "
        "for the load rounded up): load from the weakest set, 8 x 285 lb @ 10 (e1RM 361 lb): 8 at RPE 7.5 is 74% "
        "of it")
    # @ 8, 8.5, 9 (median 8.5, under 8.5 + 1): the effort climbs to 8 @ 8, from the best set, 8 @ 8 (10 RTF):
    # 285 x 40/30 = 380; 8 @ 8 is 380 / (40/30) = 285 lb.
    rows = "".join(f"2027-01-04,hip-thrust,machine,8,285,lb,{rpe}\n" for rpe in (8, 8.5, 9))
    week2 = series(plan(tmp_path, r, athlete(tmp_path, THRUST_285), (log(tmp_path, rows),)), "hip-thrust")[1]
    assert (week2.target.reps, week2.target.rpe, week2.sets[0].load) == (8, (8.0, 8.0), 285.0)


CURL_KG = ("[equipment]\nmachines = { leg-curl-machine = { step = 10, max = 100 } }\n"
           "[maxes]\nhamstring-curl = { load = 60, reps = 10, rpe = 7 }\n")


def curls_kg(tmp_path: Path, progression: str, rows: list[tuple[int, float]], registry=None) -> list:
    r = rules(tmp_path, slot("hamstring-curl", progression, "tertiary",
                             prescription="{ sets = 3, reps = 10, rpe = [7, 9] }"), weeks=2, units="kg")
    lines = "".join(f"2027-01-04,hamstring-curl,,{reps},60,kg,{rpe}\n" for reps, rpe in rows)
    a, lg = athlete(tmp_path, CURL_KG, units="kg"), log(tmp_path, lines)
    if registry is None:
        return series(plan(tmp_path, r, a, (lg,)), "hamstring-curl")
    return series(plan_rules(r, registry, athlete=a, logs=[lg]).plan, "hamstring-curl")


def test_a_hold_prints_the_rpe_its_arithmetic_uses_rpe_policy_kg(tmp_path):
    # Week 1 from the max: 60 x (1 + 13/30) = 86; 10 at RPE 7 (13 RTF): 60 kg. What 3 sets @ 7 allow as a
    # whole: 7.5 (the ramp; no rounding). Logged 60 x 10, 10, 10 @ 7.5, 8.5, 8.5: median 8.5, 1 over 7.5, too
    # hard; the effort stays at 7 (the policy would climb to 7.5). (7, 8, 8.5, median 8, is not too hard.)
    # The weakest, 10 @ 8.5 (11.5 RTF): 60 x 1.3833 = 83; 10 at RPE 7: 83 / 1.4333 = 57.91, a 3.5% cut; the
    # 10 kg stack's next lighter is 50, 16.7%, more than twice 3.5%: hold 60 kg at RPE 7 (label and note
    # agree; the note used to say "10 at RPE 7.5" under an RPE 7 label). The policy's own 10 @ 7.5 from the
    # best set (10 @ 7.5: 60 x 42.5/30 = 85) is 85 / 1.4167 = 60 -> 60, so holding 60 is not heavier than it.
    # At the 60 kg kept, that e1RM leaves 11.5 reps to failure: 10 reps are RPE 8.5, a first set a full point
    # over 7; 9 reps are RPE 7.5, the most under RPE 8.
    week2 = curls_kg(tmp_path, '{ policy = "rpe", step = 0.5, reps = 10 }', [(10, 7.5), (10, 8.5), (10, 8.5)])[1]
    assert (week2.target.reps, week2.target.rpe, week2.sets[0].load) == (9, (7.0, 7.0), 60.0)
    assert week2.target.note.endswith(
        "10 at RPE 7 is 70% of it = 57.91 kg; the next lighter the equipment makes, 50 kg, would cut 16.7%, "
        "more than twice the 3.5% wanted: keep 60 kg, at 9 reps: the most that stay under RPE 8 there")
    # The session this test used to log, 10, 10, 10 @ 7, 8, 8.5 (median 8, what 3 sets @ 7 allow plus 0.5),
    # is not too hard: the effort climbs to 7.5 from the best set, 10 @ 7 (86): 86 / 1.4167 = 60.71 -> 60 kg.
    week2 = curls_kg(tmp_path, '{ policy = "rpe", step = 0.5, reps = 10 }', [(10, 7), (10, 8), (10, 8.5)])[1]
    assert (week2.target.reps, week2.target.rpe, week2.sets[0].load) == (10, (7.5, 7.5), 60.0)


class Taper:
    """A policy that takes 5 kg off every exposure (a coach's taper)."""

    @hookimpl
    def engine_register_progressions(self, register):
        def start(ctx):
            return Target(sets=3, reps=ctx.prescription.reps[0], rpe=ctx.prescription.rpe)

        def advance(ctx, prev):
            return Target(prev.sets, prev.reps, prev.rpe, prev.added_load,
                          None if prev.load is None else prev.load - 5)

        register(Progression("taper", start, advance, "5 kg lighter every exposure.", {"properties": {}}))


def test_a_hold_on_coarse_equipment_is_never_heavier_than_the_policy_itself_kg(tmp_path):
    # Week 1: 10 at RPE 7 from the max, 60 kg. Logged 60 x 10, 10, 10 @ 9.5, 10, 10: median 10, 1 over the
    # top 9, too hard. The weakest, 10 @ 10 (10 RTF): 60 x 1.3333 = 80; 10 at RPE 9 (11 RTF): 80 / 1.3667 =
    # 58.54, a 2.4% cut; the next lighter, 50, cuts 16.7%: a hold would keep 60. But the taper itself asks
    # 60 - 5 = 55, which the 10 kg stack makes as 50 (the nearest lighter than 60; a tie goes lighter):
    # keeping 60 would be heavier than that, so the cut stands and rounds to 50. By the weakest set's 80,
    # 50 kg is 62.5%, 30 x (80/50 - 1) = 18 reps to failure: 10 reps are RPE 2, far under the 7-9 the
    # cut wanted (58.54 x 10 is RPE 9): the note says the cut is the equipment's (a 16.7% cut where 2.4%
    # was wanted); the taper fixes its reps, so they stay.
    registry = make_registry(Taper())
    week2 = curls_kg(tmp_path, '"taper"', [(10, 9.5), (10, 10), (10, 10)], registry)[1]
    assert (week2.target.reps, week2.sets[0].load) == (10, 50.0)
    assert week2.target.note.endswith(
        "10 at RPE 9 is 73% of it = 58.54 kg; the next lighter the equipment makes cuts more than twice that, "
        "but keeping 60 kg would be heavier than the 50 kg the progression itself gives; the equipment's next "
        "load down is 50 kg, a 17% cut where the rule wanted 2%: 50 kg is 62.5% of the e1RM 80 kg: about RPE 2 "
        "for 10 reps")


# -- a kept load the equipment does not make: the basis says what happened, never "same load" -------

def split_squats(tmp_path: Path, progression: str, dumbbells: str, units: str, rows: list[tuple[int, float, float]],
                 max_load: float) -> list:
    r = rules(tmp_path, slot("split-squat", progression, "tertiary", pick="split-squat/dumbbell"), weeks=2,
              units=units)
    a = athlete(tmp_path, f'[equipment]\navailable = ["dumbbells"]\ndumbbells = {dumbbells}\n'
                          f"[maxes]\nsplit-squat = {{ load = {max_load}, reps = 12, rpe = 8 }}\n", units=units)
    lines = "".join(f"2027-01-04,split-squat,dumbbell,{reps},{load},{units},{rpe}\n" for reps, load, rpe in rows)
    return series(plan(tmp_path, r, a, (log(tmp_path, lines),)), "split-squat")


def load_line(ex, units: str) -> str:
    from engine.explain import basis_text

    return basis_text(ex.basis, ex, units)


def test_a_logged_load_the_dumbbells_do_not_make_is_not_the_same_load_in_text_explain_and_json_kg(tmp_path):
    # Logged 9 kg a hand x 10, 10 @ 7, 8 (10-15 range): double progression aims for 11 at the same load,
    # but 9 kg is not a dumbbell the athlete has: 8 and 10 are equally near, a tie goes lighter, 8 kg.
    from engine.exporters.json import basis_dict

    week2 = split_squats(tmp_path, '"double"', "[2, 4, 6, 8, 10, 12]", "kg", [(10, 9, 7), (10, 9, 8)], 8)[1]
    assert week2.sets[0].load == 8.0
    assert week2.target.note == ("fewest reps last time: 10: aim for 11 reps at 8 kg a hand: 9 kg is not a "
                                 "dumbbell you have")
    data = basis_dict(week2.basis)
    assert data is not None and (data["change"], data["raw"], data["load"]) == (
        "nearest made to the logged 9 kg: -1 kg", 9.0, 8.0)
    assert "nearest made to the logged 9 kg: -1 kg" in load_line(week2, "kg")
    assert "same load" not in load_line(week2, "kg")


def test_a_logged_load_the_dumbbells_do_not_make_is_not_the_same_load_lb(tmp_path):
    # Logged 28 lb a hand x 10, 10 @ 7, 8 on dumbbells 20, 25, 30, 35: the nearest is 30 (2 over 28, 3 under):
    # +2 lb, raw 28; at 30 a rep more is foreseen too hard (as at a load the dumbbells make): 10 reps again. The
    # sets at 30, with bodyweight 180: 10 @ 7 at 236 lb moved is an e1RM of 236 x (1 + 13/30) = 338.27, where 11
    # at 240 have RTF 12.28, RPE 8.72 (10 @ 8: 330.4, RPE 9.7): "8.5, 9.5", not the "8, 9" they would be at 28.
    week2 = split_squats(tmp_path, '"double"', "[20, 25, 30, 35]", "lb", [(10, 28, 7), (10, 28, 8)], 25)[1]
    assert (week2.sets[0].load, week2.target.reps) == (30.0, 10)
    assert (week2.basis.change, week2.basis.raw) == ("nearest made to the logged 28 lb: +2 lb", 28.0)
    assert week2.target.note.startswith("aim for 10 reps at 30 lb a hand: 28 lb is not a dumbbell you have: 11 would "
                                        "take the sets rated 7, 8 last time to about RPE 8.5, 9.5")


def test_a_grind_at_a_load_the_dumbbells_do_not_make_names_the_load_printed_kg(tmp_path):
    # Linear, 2 x 10 at 9 kg a hand logged 10, 9 @ 7, 8: the last set one rep short, a grind. The same
    # target again, at 8 kg (9 is not a dumbbell the athlete has; 8 and 10 tie, the lighter wins).
    week2 = split_squats(tmp_path, '{ policy = "linear", increment = 2, reps = 10 }', "[2, 4, 6, 8, 10, 12]", "kg",
                         [(10, 9, 7), (9, 9, 8)], 8)[1]
    assert (len(week2.sets), week2.target.reps, week2.sets[0].load) == (2, 10, 8.0)
    assert week2.target.note == ("the last set was one rep short (10, 9): 8 kg, the nearest the equipment makes "
                                 "to the logged 9, same target")
    assert week2.basis.change == "nearest made to the logged 9 kg: -1 kg"


def test_a_failed_jump_on_dumbbells_with_bodyweight_goes_back_to_the_load_done_on_target_lb(tmp_path):
    # Ben (200 lb), step-ups 3 x 8 @ RPE 7-8, linear +5 lb: 30 lb a hand x 8, 8, 8 @ 7, 7.5, 8, then 35 lb x 8, 8, 6
    # @ 8, 9, 10. The weakest set, 6 @ 10, with both dumbbells and bodyweight: (200 + 70) x 1.2 = 324 lb; 8 at
    # RPE 8 (10 RTF) is 75% of it, 243 lb in all, 21.5 lb a hand: a third under the 30 lb of the week before,
    # done on target, so back to 30.
    r = rules(tmp_path, slot("step-up", '{ policy = "linear", increment = 5 }', "tertiary", pick="step-up/dumbbell",
                             prescription="{ sets = 3, reps = 8, rpe = [7, 8] }"), weeks=3, units="lb")
    ben = athlete(tmp_path, '[equipment]\navailable = ["dumbbells", "box"]\ndumbbells = { min = 5, max = 60, step = 5 }'
                            '\n[maxes]\nstep-up = { load = 25, reps = 10, rpe = 8 }\n')
    ben.write_text(ben.read_text().replace("bodyweight = 180", "bodyweight = 200"))
    rows = "".join([f"2027-01-04,step-up,dumbbell,8,30,lb,{rpe}\n" for rpe in (7, 7.5, 8)]
                   + [f"2027-01-11,step-up,dumbbell,{reps},35,lb,{rpe}\n" for reps, rpe in ((8, 8), (8, 9), (6, 10))])
    week3 = series(plan(tmp_path, r, ben, (log(tmp_path, rows),)), "step-up")[2]
    assert (week3.target.reps, week3.sets[0].load) == (8, 30.0)
    assert week3.target.note == (
        "too hard: a set short of 8 reps last time (8, 8, 6): load from the weakest set, 6 x 35 lb a hand @ 10, both "
        "dumbbells counted, plus bodyweight 200 lb (e1RM 324 lb): 8 at RPE 8 is 75% of it = 243 lb in all, 21.5 lb "
        "a hand; 30 lb a hand made every rep on target on 2027-01-04 (8, 8, 8 @ 7, 7.5, 8): back to it")


def third_week(tmp_path: Path, *sessions: tuple[str, float, tuple[tuple[int, float], ...]]):
    """Week 3 of the linear 3 x 5 squat, with these sessions logged: (date, load, ((reps, RPE), ...))."""
    r = rules(tmp_path, slot("squat", LINEAR_5, prescription=RX_5), weeks=3, units="kg")
    rows = "".join(f"{date},squat,,{reps},{load},kg,{rpe}\n" for date, load, sets in sessions for reps, rpe in sets)
    return series(plan(tmp_path, r, athlete(tmp_path, SQUAT_KG, units="kg"), (log(tmp_path, rows),)), "squat")[2]


def test_a_failed_jump_goes_back_to_the_heaviest_load_on_target_past_a_light_extra_day_kg(tmp_path):
    # 110 x 5, 5, 5 @ 7, 7.5, 8 on Monday, a light extra day on Saturday (100 x 5 @ 6, 6.5, 7), then 112.5 x 5, 5,
    # 3 @ 8, 8.5, 10: the heaviest load done on target in the four weeks before is 110, not the light day's 100.
    week3 = third_week(tmp_path, ("2027-01-04", 110, ((5, 7), (5, 7.5), (5, 8))),
                       ("2027-01-09", 100, ((5, 6), (5, 6.5), (5, 7))),
                       ("2027-01-11", 112.5, ((5, 8), (5, 8.5), (3, 10))))
    assert week3.sets[0].load == 110.0
    assert week3.target.note.endswith("110 kg made every rep on target on 2027-01-04 (5, 5, 5 @ 7, 7.5, 8): back to it")


def test_a_failed_jump_goes_back_to_the_heaviest_load_still_within_reach_kg(tmp_path):
    # 107.5 x 5 @ 7, 7.5, 8 (a week before the program), 112.5 x 5 @ 7, 7.5, 8, then 115 x 5, 4, 4 @ 9, 9.5, 10.
    # The median set, 4 @ 9.5, is 115 x (1 + 4.5/30) = 132.25: 112.5 x 5 is 30 x (132.25/112.5 - 1) = 5.27 RTF,
    # RPE 9.7, out of reach; 107.5 x 5 is 6.91 RTF, RPE 8.1: back to 107.5 (the weakest set, 4 @ 10, cuts to
    # 115 x (1 + 4/30) / (1 + 7/30) = 105.68).
    week3 = third_week(tmp_path, ("2026-12-28", 107.5, ((5, 7), (5, 7.5), (5, 8))),
                       ("2027-01-04", 112.5, ((5, 7), (5, 7.5), (5, 8))),
                       ("2027-01-11", 115, ((5, 9), (4, 9.5), (4, 10))))
    assert week3.sets[0].load == 107.5
    assert week3.target.note.endswith("= 105.68 kg; 107.5 kg made every rep on target on 2026-12-28 (5, 5, 5 @ 7, "
                                      "7.5, 8): back to it")
