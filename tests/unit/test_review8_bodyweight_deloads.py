"""Deloads of bodyweight-plus-load forms, checked by hand: the fraction is
of the load moved (bodyweight + added), the RPE label is the effort model's
for that moved load, and where bodyweight alone is over the fraction the
deload takes the rest off the reps. The arithmetic is in the comments.

Effort model (Epley on reps in reserve): r reps at RPE x are r + 10 - x
reps to failure (RTF) and take 1 / (1 + RTF / 30) of the e1RM; a load that
is a share s of the e1RM allows 30 x (1/s - 1) reps to failure. A deload
label is the RPE of the deload's reps at (moved fraction) x (the working
target's share), rounded down to a half point, never under 5.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from test_review8 import PUSH_UP  # the vest push-up: 2-4 x 10-20 @ 7-8
from test_training import athlete, log, plan, rules, series, slot

from engine.deloads import _over

# Rio's rule file (two days, a bodyweight and a loaded form of each exercise, deload every 4 weeks at the
# defaults: 0.5 of the sets, 0.9 of the load)
CALISTHENICS = """version = 1

[program]
name = "Bodyweight strength"
split = "full-body"
days = ["mon", "thu"]
weeks = 5
units = "kg"
start = 2027-01-04

[week]
primary = 2
secondary = 2
tertiary = 2

[progressions.dbl]
policy = "double"
increment = 2.5

[deload]
every = 4

[[exercise]]
id = "pull-up"
name = "Pull-up"
category = "primary"
loading = "bodyweight"
equipment = ["pull-up-bar"]
tags = ["pull"]
aliases = ["Pull Up"]

[exercise.prescription]
sets = [3, 4]
reps = [5, 8]
rpe = [7, 8]

[[exercise.variant]]
id = "bodyweight"
name = "Bodyweight pull-up"
equipment = ["pull-up-bar"]
harder = "weighted"

[[exercise.variant]]
id = "weighted"
name = "Weighted pull-up"
ratio = 1.0
equipment = ["pull-up-bar", "dip-belt"]

[[exercise]]
id = "dip"
name = "Dip"
category = "secondary"
loading = "bodyweight"
equipment = ["dip-bars"]
tags = ["press"]

[exercise.prescription]
sets = [3, 4]
reps = [6, 10]
rpe = [7, 8]

[[exercise.variant]]
id = "bodyweight"
name = "Bodyweight dip"
equipment = ["dip-bars"]
harder = "weighted"

[[exercise.variant]]
id = "weighted"
name = "Weighted dip"
ratio = 1.0
equipment = ["dip-bars", "dip-belt"]

""" + PUSH_UP + """
[[slot]]
name = "pull mon"
category = "primary"
day = "mon"
select = { selector = "ordered", from = ["pull-up"] }
progression = "dbl"

[[slot]]
name = "dip mon"
category = "secondary"
day = "mon"
select = { selector = "ordered", from = ["dip"] }
progression = "dbl"

[[slot]]
name = "pull thu"
category = "primary"
day = "thu"
select = { selector = "ordered", from = ["pull-up"] }
prescription = { reps = [8, 12], rpe = [7, 8] }
progression = "dbl"

[[slot]]
name = "dip thu"
category = "secondary"
day = "thu"
select = { selector = "ordered", from = ["dip"] }
prescription = { reps = [10, 15] }
progression = "dbl"

[[slot]]
name = "push-ups"
category = "tertiary"
count = 1
day = "mon"
select = { selector = "ordered", from = ["push-up"] }
progression = "dbl"

[[slot]]
name = "push-ups thu"
category = "tertiary"
day = "thu"
select = { selector = "ordered", from = ["push-up"] }
prescription = { sets = [3, 3] }
progression = "dbl"
"""

RIO = """[athlete]
name = "Rio"
units = "kg"
bodyweight = 75

[equipment]
available = ["pull-up-bar", "dip-bars", "dip-belt", "weighted-vest", "plates"]
plates = [20, 10, 5, 2.5, 1.25]
machines = { weighted-vest = { step = 2, max = 20 } }

[maxes]
"pull-up/weighted" = { load = 15, reps = 5, rpe = 8, date = 2027-01-01 }
dip = { load = 0, reps = 12, rpe = 8, date = 2027-01-01 }
push-up = { load = 0, reps = 25, rpe = 9, date = 2027-01-01 }
"""


def rio_week(tmp_path: Path, week: int) -> dict[tuple[str, str], object]:
    r, a = tmp_path / "calisthenics.toml", tmp_path / "rio.toml"
    r.write_text(CALISTHENICS)
    a.write_text(RIO)
    w = plan(tmp_path, r, a).weeks[week - 1]
    return {(d.name, ex.slot): ex for d in w.days for ex in d.exercises}


def test_rio_weighted_pull_up_deloads_ninety_percent_of_the_moved_load_kg(tmp_path):
    # Week 3 Monday: Weighted pull-up 3 x 7 @ RPE 7-8 at BW 75 + 12.5 kg, 87.5 kg moved. Its deload:
    # 0.9 x 87.5 = 78.75 kg, BW + 3.75 (2.5 + 1.25 on the belt): exactly 0.9. It used to be 0.9 x 12.5 =
    # 11.25 added, 86.25 moved: 98.6 % of the working load, labelled RPE 5 where the e1RM of 111 kg
    # (90 x (1 + 7/30)) put 7 reps at 86.25 at about RPE 8.4.
    # Label: 7 at RPE 7 take 1 / 1.3333 = 75% of the e1RM, x 0.9 = 67.5% (14.44 RTF): RPE 2.6; 7 at RPE 8,
    # 76.92% x 0.9 = 69.23% (13.33 RTF): RPE 3.7; both under 5, so RPE 5 (by the e1RM of 111 kg too:
    # 78.75 / 111 = 70.9%, 12.28 RTF, 7 reps at RPE 4.7).
    before, deload = rio_week(tmp_path, 3), rio_week(tmp_path, 4)
    work, ex = before[("mon", "pull mon")], deload[("mon", "pull mon")]
    assert (work.choice.key, len(work.sets), work.target.reps, work.sets[0].load) == ("pull-up/weighted", 3, 7, 12.5)
    assert (ex.deload, len(ex.sets), ex.target.reps, ex.target.rpe, ex.sets[0].load) == (True, 2, 7, (5.0, 5.0), 3.75)
    assert ex.target.note == "deload: 0.5 of the sets at 0.9 of the load with bodyweight (0.9 x 87.5 = 78.75 kg)"
    assert ex.basis.change == "deload: 0.9 x 87.5 kg (bodyweight 75 + 12.5) = 78.75 kg in all, less bodyweight 75"
    assert ex.state.target.load == 12.5  # progression pauses: the next exposure builds on BW + 12.5


def test_rio_deloads_where_bodyweight_alone_is_over_the_fraction_kg(tmp_path):
    deload = rio_week(tmp_path, 4)
    # Thursday pull-up, working 3 x 10 @ 7-8 at BW + 6.25 = 81.25 kg: 0.9 x 81.25 = 73.13 kg is under
    # bodyweight, so no added load: 75 / 81.25 = 0.923 of the load. 10 at RPE 8 take 71.43% of the e1RM,
    # x 0.923 = 65.93% (15.50 RTF): 10 reps are RPE 4.5, labelled RPE 5: the reps stay.
    pull = deload[("thu", "pull thu")]
    assert (len(pull.sets), pull.target.reps, pull.target.rpe, pull.sets[0].load) == (2, 10, (5.0, 5.0), None)
    assert pull.target.note == ("deload: 0.5 of the sets with no added load: bodyweight alone (75 kg) is 92.3% "
                                "of the working 81.25 kg, over 90% of it; 10 reps at RPE 5")
    # Thursday dip, working 3 x 12 @ 7-8 at BW + 1.25 = 76.25 kg: 0.9 x 76.25 = 68.63 kg, no added load:
    # 75 / 76.25 = 0.9836. 12 at RPE 8 take 68.18%, x 0.9836 = 67.06% (14.73 RTF): 12 reps are RPE 7.3,
    # 11 are 6.3, 10 are 5.3 (labelled 5): 10 reps. (12 at RPE 7: 66.67% x 0.9836 = 65.57%, 15.75 RTF;
    # 10 reps are RPE 4.3: RPE 5.) It used to say 2 x 12 @ RPE 7-8 at BW + 1.25, "same load".
    dip = deload[("thu", "dip thu")]
    assert (len(dip.sets), dip.target.reps, dip.target.rpe, dip.sets[0].load) == (2, 10, (5.0, 5.0), None)
    assert dip.target.note == ("deload: 0.5 of the sets with no added load: bodyweight alone (75 kg) is 98.4% "
                               "of the working 76.25 kg, over 90% of it; 10 reps instead of 12 at RPE 5")
    assert dip.state.target.reps == 12 and dip.state.target.load == 1.25  # the week after builds on 3 x 12


def test_rio_dip_and_vest_deloads_say_their_real_fraction_kg(tmp_path):
    deload = rio_week(tmp_path, 4)
    # Monday dip 3 x 8 at BW + 10 = 85 kg: 0.9 x 85 = 76.5, 1.5 added -> 1.25 (the belt's plates make
    # 1.25 kg steps): 76.25 moved, 0.897 of the load. 8 at RPE 8 take 75%, x 0.897 = 67.28% (14.59 RTF):
    # RPE 3.4, so RPE 5.
    dip = deload[("mon", "dip mon")]
    assert (len(dip.sets), dip.target.reps, dip.target.rpe, dip.sets[0].load) == (2, 8, (5.0, 5.0), 1.25)
    assert dip.target.note == ("deload: 0.5 of the sets at 0.90 of the load with bodyweight "
                               "(the nearest the equipment makes to 0.9 x 85 = 76.5 kg)")
    # Monday push-up 2 x 13 in a 20 kg vest (11 reps by effort in week 1, then a rep a week; 2 kg steps):
    # 95 kg moved, 0.9 x 95 = 85.5, 10.5 kg of vest -> 10 (0.5 away; 12 is 1.5 away): 85 kg, 0.89. One set
    # (round(2 x 0.5)).
    push = deload[("mon", "push-ups")]
    assert (len(push.sets), push.target.reps, push.target.rpe, push.sets[0].load) == (1, 13, (5.0, 5.0), 10.0)
    assert push.target.note == ("deload: 0.5 of the sets at 0.89 of the load with bodyweight "
                                "(the nearest the equipment makes to 0.9 x 95 = 85.5 kg)")


DIP_LB = """
[deload]
every = 2

[[exercise]]
id = "dip"
name = "Dip"
category = "secondary"
loading = "bodyweight"
equipment = ["dip-bars"]
tags = ["press"]

[exercise.prescription]
sets = [3, 3]
reps = [8, 12]
rpe = [7, 8]

[[exercise.variant]]
id = "weighted"
name = "Weighted dip"
equipment = ["dip-bars", "dip-belt"]
"""


def dips_lb(tmp_path: Path, load: float, reps: int, rows: str = "") -> list:
    r = rules(tmp_path, slot("dip", '"double"', "secondary", prescription=f"{{ sets = 3, reps = {reps} }}"),
              weeks=3, extra=DIP_LB)
    a = athlete(tmp_path, '[equipment]\navailable = ["dip-bars", "dip-belt", "plates"]\n'
                          "plates = [45, 25, 10, 5, 2.5]\n"
                          f"[maxes]\ndip = {{ load = {load}, reps = {reps}, rpe = 7 }}\n")
    return series(plan(tmp_path, r, a, (log(tmp_path, rows),) if rows else ()), "dip")


def test_a_dip_belt_deload_lightens_the_moved_load_lb(tmp_path):
    # Bodyweight 180 lb. Max 25 x 8 @ 7: week 1 is 3 x 8 @ 7-8 at BW + 25, 205 lb moved. The deload:
    # 0.9 x 205 = 184.5, 4.5 lb added -> 5 (the belt's plates make 2.5 lb steps; 4.5 is nearer 5): 185 lb,
    # 0.90 of the load (0.9 x 25 = 22.5 added used to move 202.5, 98.8 %). 8 at RPE 7 take
    # 1 / 1.3667 = 73.17% of the e1RM, x 0.9024 = 66.03% (15.43 RTF): RPE 2.6; at RPE 8, 75% x 0.9024 =
    # 67.68% (14.32 RTF): RPE 3.7; RPE 5.
    w1, w2, w3 = dips_lb(tmp_path, 25, 8)
    assert (w1.sets[0].load, w1.target.reps) == (25.0, 8)
    assert (w2.deload, len(w2.sets), w2.target.reps, w2.target.rpe, w2.sets[0].load) == (True, 2, 8, (5.0, 5.0),
                                                                                          5.0)
    assert w2.target.note == ("deload: 0.5 of the sets at 0.90 of the load with bodyweight "
                              "(the nearest the equipment makes to 0.9 x 205 = 184.5 lb)")
    # progression pauses: week 3 builds on week 1's BW + 25 (8 reps are the top of a fixed 8: +5 lb)
    assert (w3.deload, w3.target.reps, w3.sets[0].load) == (False, 8, 30.0)


def test_a_dip_belt_deload_under_bodyweight_takes_reps_off_lb(tmp_path):
    # Max 10 x 12 @ 7: week 1 is 3 x 12 @ 7-8 at BW + 10, 190 lb moved. The deload: 0.9 x 190 = 171 is
    # under bodyweight: no added load, 180 / 190 = 0.947 of the load. 12 at RPE 8 take 1 / 1.4667 = 68.18%
    # of the e1RM, x 0.9474 = 64.59% (16.45 RTF): 12 reps are RPE 5.55 (labelled 5.5, over 5), 11 are 4.55:
    # 11 reps at RPE 5. (12 at RPE 7: 66.67% x 0.9474 = 63.16%, 17.5 RTF: 11 reps are RPE 3.5: RPE 5.)
    w1, w2, w3 = dips_lb(tmp_path, 10, 12)
    assert (w1.sets[0].load, w1.target.reps) == (10.0, 12)
    assert (w2.deload, len(w2.sets), w2.target.reps, w2.target.rpe, w2.sets[0].load) == (True, 2, 11, (5.0, 5.0),
                                                                                          0.0)
    assert w2.target.note == ("deload: 0.5 of the sets with no added load: bodyweight alone (180 lb) is 94.7% of "
                              "the working 190 lb, over 90% of it; 11 reps instead of 12 at RPE 5")
    # progression pauses: week 3 builds on week 1's 3 x 12 at BW + 10 (the top of a fixed 12: +5 lb)
    assert (w3.target.reps, w3.sets[0].load) == (12, 15.0)


def test_a_bodyweight_deload_done_as_planned_stays_a_deload_lb(tmp_path):
    # The same dips, week 1 logged as planned (3 x 12 x 10 @ 7, 7.5, 8), the deload logged as asked
    # (2 x 11 at bodyweight, no belt, @ 5): a deload, so week 3 builds on week 1: the top of the range,
    # 12, at RPE 8 or less: +5 lb (the double policy's default), BW + 15. (Counted as a normal session, its
    # 11 reps at bodyweight would have made week 3 "aim for 12 reps" at no added load.)
    rows = ("2027-01-04,dip,weighted,12,10,lb,7\n2027-01-04,dip,weighted,12,10,lb,7.5\n"
            "2027-01-04,dip,weighted,12,10,lb,8\n"
            "2027-01-11,dip,weighted,11,0,lb,5\n2027-01-11,dip,weighted,11,0,lb,5\n")
    w1, w2, w3 = dips_lb(tmp_path, 10, 12, rows)
    assert w2.deload and "counts as a normal session" not in w2.target.note
    assert (w3.target.reps, w3.sets[0].load) == (12, 15.0)


@pytest.mark.parametrize(("units", "maxes", "plates", "loads", "note"), [
    # Kai's barbell squat (kg): 1RM 150, linear 2.5: 5 at RPE 7 (8 RTF) is 150 / 1.2667 = 118.4 -> 117.5,
    # then 120, 122.5, and the deload 0.9 x 122.5 = 110.25 -> 110 kg (no bodyweight in a barbell squat:
    # the fraction is of the bar). 5 at RPE 7 take 78.95% of the e1RM, x 110/122.5 = 70.89% (12.32 RTF):
    # RPE 2.7, so RPE 5, as before (by the e1RM itself, 110/150 = 73.3%, 10.9 RTF: RPE 4.1, RPE 5 too).
    ("kg", "squat = 150", "[25, 20, 15, 10, 5, 2.5, 1.25]", [117.5, 120.0, 122.5, 110.0],
     "deload: 0.5 of the sets at 0.90 of the load (the nearest the equipment makes to 0.9 x 122.5 = 110.25 kg)"),
    # lb: 1RM 330: 330 / 1.2667 = 260.5 -> 260, then 265, 270 (linear 5); the deload 0.9 x 270 = 243 ->
    # 245 lb (5 lb steps; 240 is 3 away): 0.91 of the load. 78.95% x 0.9074 = 71.64% (11.88 RTF): RPE 3.1,
    # so RPE 5.
    ("lb", "squat = 330", "[45, 25, 10, 5, 2.5]", [260.0, 265.0, 270.0, 245.0],
     "deload: 0.5 of the sets at 0.91 of the load (the nearest the equipment makes to 0.9 x 270 = 243 lb)"),
])
def test_a_barbell_deload_is_unchanged(tmp_path, units, maxes, plates, loads, note):
    increment = 2.5 if units == "kg" else 5
    r = rules(tmp_path, slot("squat", f'{{ policy = "linear", increment = {increment}, reps = 5 }}'), weeks=4,
              units=units, extra="[deload]\nevery = 4\n")
    a = athlete(tmp_path, f"[equipment]\nplates = {plates}\n[maxes]\n{maxes}\n", units=units)
    exs = series(plan(tmp_path, r, a), "squat")
    assert [ex.sets[0].load for ex in exs] == loads
    assert (exs[3].deload, len(exs[3].sets), exs[3].target.rpe, exs[3].target.note) == (True, 2, (5.0, 5.0), note)


@given(st.floats(0.5, 0.99), st.floats(1e-6, 0.5))
def test_a_share_over_the_fraction_never_reads_as_equal_to_it(fraction, over):
    # "bodyweight alone (80 kg) is 90.1% of the working 88.75 kg, over 90% of it", never "0.90 ... over 0.9"
    share = min(fraction + over, 1.0)
    assume(share > fraction * (1 + 1e-9))
    assert float(_over(share, fraction).rstrip("%")) > fraction * 100


def test_the_share_takes_the_decimals_that_show_it_over():
    assert _over(80 / 88.75, 0.9) == "90.1%"  # 0.90141
    assert _over(0.90004, 0.9) == "90.004%"
    assert _over(75 / 76.25, 0.85) == "98.4%"
