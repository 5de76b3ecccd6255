"""A line's load against a newer hard session of its form from another line,
and against a heavier line of the form after it (engine.otherline), checked by
hand.

Effort model: a set of r reps at RPE x is r + 10 - x reps to failure (RTF), and
e1RM = load x (1 + RTF / 30).
"""

from __future__ import annotations

from pathlib import Path

from test_training import athlete, log, plan, rules, series, slot

LINEAR = '{ policy = "linear", increment = 2.5, reps = 5 }'
TWO_DAYS = (slot("squat", LINEAR, pick="squat/high-bar", day='"mon"',
                 prescription="{ sets = 3, reps = 5, rpe = [7, 8] }").replace('name = "squat"', 'name = "heavy"')
            + slot("squat", LINEAR, pick="squat/high-bar", day='"thu"',
                   prescription="{ sets = 3, reps = 5, rpe = [6, 7] }").replace('name = "squat"', 'name = "light"'))
ON_TARGET = "".join([f"2027-01-04,squat,high-bar,5,97.5,kg,{rpe}\n" for rpe in (7, 7.5, 8)]
                    + [f"2027-01-07,squat,high-bar,5,95,kg,{rpe}\n" for rpe in (6, 6.5, 7)]
                    + [f"2027-01-11,squat,high-bar,5,100,kg,{rpe}\n" for rpe in (7, 7.5, 8)]
                    + [f"2027-01-14,squat,high-bar,5,97.5,kg,{rpe}\n" for rpe in (6, 6.5, 7)])


def squats(tmp_path: Path, rows: str, weeks: int = 3, units: str = "kg") -> list:
    days = TWO_DAYS if units == "kg" else TWO_DAYS.replace("2.5", "5")
    r = rules(tmp_path, days, weeks=weeks, units=units, split="full-body", days='["mon", "thu"]')
    a = athlete(tmp_path, f"[maxes]\nsquat = {{ load = {100 if units == 'kg' else 220}, reps = 5, rpe = 8 }}\n",
                units=units)
    return series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")


FAILED_MONDAY = ON_TARGET + "".join(f"2027-01-18,squat,high-bar,{reps},102.5,kg,{rpe}\n"
                                    for reps, rpe in ((5, 8.5), (4, 10), (3, 10)))


def test_kg_a_failed_heavy_day_brings_the_light_day_down_after_it(tmp_path):
    # Monday 102.5 x 5, 4, 3 @ 8.5, 10, 10. Its sets' e1RMs: 102.5 x (1 + 6.5/30) = 124.71, x (1 + 4/30) = 116.17,
    # x (1 + 3/30) = 112.75: the median, 116.17. Thursday's light day would add 2.5 kg to 100 kg x 5 @ 6-7: by
    # 116.17, 100 x 5 is 30 x (116.17/100 - 1) = 4.85 RTF, RPE 10.15. 5 reps at RPE 7 (8 RTF) are
    # 116.17 / (1 + 8/30) = 91.71 kg: 90, the heaviest the plates make at or under it (92.5 would be RPE 7.3).
    rows = ON_TARGET + "".join(f"2027-01-18,squat,high-bar,{reps},102.5,kg,{rpe}\n"
                               for reps, rpe in ((5, 8.5), (4, 10), (3, 10)))
    light = squats(tmp_path, rows)[5]
    assert (light.slot, light.sets[0].load) == ("light", 90.0)
    assert light.target.note == ("90 kg, not 100 kg (add 2.5 kg): the session of 2027-01-18 (5, 4, 3 @ 8.5, 10, 10), "
                                 "by its median set (e1RM 116.17 kg), puts 100 kg x 5 past failure")
    # The week once done (Thursday at 100 kg, as the sheet of the Sunday before said) keeps that sheet.
    done = squats(tmp_path, rows + "".join(f"2027-01-21,squat,high-bar,5,100,kg,{rpe}\n" for rpe in (8, 8.5, 9)))[5]
    assert (done.sets[0].load, [p.load for p in done.performed]) == (100.0, [100.0] * 3)
    assert "median set" not in done.target.note


def test_kg_a_failed_light_day_brings_the_heavy_day_down_after_it(tmp_path):
    # Thursday's light day fails at 97.5 kg (5, 4, 3 @ 9, 10, 10; the median set, 4 @ 10, 97.5 x (1 + 4/30) =
    # 110.5). Monday's heavy day would add 2.5 kg to 102.5 kg x 5 @ 7-8: by 110.5, 30 x (110.5/102.5 - 1) = 2.34
    # RTF, past failure. 5 at RPE 8 (7 RTF) are 110.5 / (1 + 7/30) = 89.6 kg: 87.5.
    rows = ON_TARGET.replace("2027-01-14,squat,high-bar,5,97.5,kg,6\n", "2027-01-14,squat,high-bar,5,97.5,kg,9\n") \
        .replace("2027-01-14,squat,high-bar,5,97.5,kg,6.5\n", "2027-01-14,squat,high-bar,4,97.5,kg,10\n") \
        .replace("2027-01-14,squat,high-bar,5,97.5,kg,7\n", "2027-01-14,squat,high-bar,3,97.5,kg,10\n")
    heavy = squats(tmp_path, rows)[4]
    assert (heavy.slot, heavy.sets[0].load) == ("heavy", 87.5)
    assert heavy.target.note.startswith("87.5 kg, not 102.5 kg (add 2.5 kg): the session of 2027-01-14 (5, 4, 3 @ "
                                        "9, 10, 10)")


def test_kg_a_heavy_day_on_target_leaves_the_light_day_alone(tmp_path):
    # Monday 102.5 x 5 @ 7, 7.5, 8 (no set at 10, median 7.5): the light day adds its 2.5 kg, 100 kg.
    rows = ON_TARGET + "".join(f"2027-01-18,squat,high-bar,5,102.5,kg,{rpe}\n" for rpe in (7, 7.5, 8))
    light = squats(tmp_path, rows)[5]
    assert (light.slot, light.sets[0].load, light.target.note) == ("light", 100.0, "add 2.5 kg")


def test_kg_the_light_day_stays_under_the_heavy_day_after_a_failed_heavy_day(tmp_path):
    # After Monday's failure (FAILED_MONDAY) Thursday is capped at 90 kg (the test above). Next Monday the heavy
    # line's own cut: its weakest set, 3 @ 10, is 102.5 x (1 + 3/30) = 112.75, 5 at RPE 8 (7 RTF) 112.75 /
    # (1 + 7/30) = 91.42: 92.5 kg. The light line would add its 2.5 kg to 90: 92.5, as heavy as the heavy day. By
    # the heavy day, 92.5 x (1 + 7/30) = 114.08 is the e1RM, where 5 at RPE 7 (8 RTF) are 114.08 / (1 + 8/30) =
    # 90.07: 90 kg. The cut week is taken as done at the effort its e1RM puts it at (92.5 x 5 by 112.75: RTF
    # 6.57, RPE 8.4), where 95 x 5 would start at RPE 9.4, too hard: both lines hold a week, a plate apart.
    week3, mon4, thu4, mon5, thu5 = squats(tmp_path, FAILED_MONDAY, weeks=5)[5:]
    assert [e.sets[0].load for e in (week3, mon4, thu4, mon5, thu5)] == [90.0, 92.5, 90.0, 92.5, 90.0]
    assert thu4.target.note == ("90 kg, not 92.5 kg (add 2.5 kg): the heavier day of 2027-01-25, 3 x 5 @ RPE 7-8 "
                                "at 92.5 kg (e1RM 114.08 kg), puts 5 at RPE 7 at 90.07 kg")
    assert thu5.target.note == ("90 kg, not 92.5 kg (add 2.5 kg): the heavier day of 2027-02-01, 3 x 5 @ RPE 7-8 "
                                "at 92.5 kg (e1RM 114.08 kg), puts 5 at RPE 7 at 90.07 kg")


def test_lb_the_light_day_stays_under_the_heavy_day_after_a_failed_heavy_day(tmp_path):
    # Monday 230 x 5, 4, 3 @ 8.5, 10, 10 after 220 and 225 on target (light days 215, 220). Thursday: by the median
    # set, 230 x (1 + 4/30) = 260.67, 5 at RPE 7 are 260.67 / (1 + 8/30) = 205.79: 205 lb (the heaviest at or under
    # it). Monday's cut by the weakest set, 230 x 1.1 = 253: 5 at RPE 8 are 253 / (1 + 7/30) = 205.14: 205 lb.
    # Thursday would add 5 lb, 210, heavier than Monday; by Monday's 205 (e1RM 205 x (1 + 7/30) = 252.83) 5 at
    # RPE 7 are 199.61: 200 lb.
    rows = "".join([f"2027-01-04,squat,high-bar,5,220,lb,{rpe}\n" for rpe in (7, 7.5, 8)]
                   + [f"2027-01-07,squat,high-bar,5,215,lb,{rpe}\n" for rpe in (6, 6.5, 7)]
                   + [f"2027-01-11,squat,high-bar,5,225,lb,{rpe}\n" for rpe in (7, 7.5, 8)]
                   + [f"2027-01-14,squat,high-bar,5,220,lb,{rpe}\n" for rpe in (6, 6.5, 7)]
                   + [f"2027-01-18,squat,high-bar,{r},230,lb,{rpe}\n" for r, rpe in ((5, 8.5), (4, 10), (3, 10))])
    week3, mon4, thu4 = squats(tmp_path, rows, weeks=4, units="lb")[5:]
    assert [e.sets[0].load for e in (week3, mon4, thu4)] == [205.0, 205.0, 200.0]
    assert thu4.target.note == ("200 lb, not 210 lb (add 5 lb): the heavier day of 2027-01-25, 3 x 5 @ RPE 7-8 "
                                "at 205 lb (e1RM 252.83 lb), puts 5 at RPE 7 at 199.61 lb")


def test_kg_a_light_day_done_well_after_the_failed_heavy_day_raises_the_heavy_day_and_stays_under_it(tmp_path):
    # Thursday done at 92.5 x 5 @ 6, 6.5, 7 after Monday's failure. Monday's own cut (its weakest set: 92.5 kg)
    # is older than that session, which by its median set, 5 @ 6.5 (92.5 x (1 + 8.5/30) = 118.71), puts 5 at RPE
    # 8 at 96.25: next Monday 95 kg (at or under it, under the 102.5 that failed), not 92.5 under a light day of
    # 92.5. Thursday, which would add 2.5 kg to 95, stays under Monday: by 95 x 5 @ 8 (e1RM 117.17), 5 at RPE 7
    # are 92.5 kg. (Before, Monday 92.5 and Thursday 95: the light day over the heavy one.)
    rows = FAILED_MONDAY + "".join(f"2027-01-21,squat,high-bar,5,92.5,kg,{rpe}\n" for rpe in (6, 6.5, 7))
    mon4, thu4 = squats(tmp_path, rows, weeks=4)[6:]
    assert (mon4.sets[0].load, thu4.sets[0].load) == (95.0, 92.5)
    assert mon4.target.note.startswith("95 kg, not 92.5 kg (too hard: 2 sets short of 5 reps")
    assert mon4.target.note.endswith("the session of 2027-01-21 (5, 5, 5 @ 6, 6.5, 7), newer, by its median set (e1RM "
                                     "118.71 kg), puts 5 at RPE 8 at 96.25 kg")
    assert thu4.target.note == ("92.5 kg, not 95 kg (add 2.5 kg): the heavier day of 2027-01-25, 3 x 5 @ RPE 7-8 at "
                                "95 kg (e1RM 117.17 kg), puts 5 at RPE 7 at 92.5 kg")


def test_lb_a_light_day_done_well_after_the_failed_heavy_day_keeps_the_lines_apart(tmp_path):
    # lb: Monday 230 x 5, 4, 3 @ 8.5, 10, 10 (cut to 205 by its weakest set, 253 lb), Thursday 205 x 5 @ 6, 6.5,
    # 7: by its median set (205 x (1 + 8.5/30) = 263.08) 5 at RPE 8 are 213.31: Monday 210 lb; Thursday by
    # 210 x 5 @ 8 (259 lb) 5 at RPE 7 are 204.47: 205 lb, not 210 (its 205 and a step).
    rows = "".join([f"2027-01-04,squat,high-bar,5,220,lb,{rpe}\n" for rpe in (7, 7.5, 8)]
                   + [f"2027-01-07,squat,high-bar,5,215,lb,{rpe}\n" for rpe in (6, 6.5, 7)]
                   + [f"2027-01-11,squat,high-bar,5,225,lb,{rpe}\n" for rpe in (7, 7.5, 8)]
                   + [f"2027-01-14,squat,high-bar,5,220,lb,{rpe}\n" for rpe in (6, 6.5, 7)]
                   + [f"2027-01-18,squat,high-bar,{r},230,lb,{rpe}\n" for r, rpe in ((5, 8.5), (4, 10), (3, 10))]
                   + [f"2027-01-21,squat,high-bar,5,205,lb,{rpe}\n" for rpe in (6, 6.5, 7)])
    mon4, thu4 = squats(tmp_path, rows, weeks=4, units="lb")[6:]
    assert (mon4.sets[0].load, thu4.sets[0].load) == (210.0, 205.0)


def test_kg_a_lighter_extra_session_too_hard_caps_the_next_exposure_of_its_own_line(tmp_path):
    # One squat line (Mondays, 3 x 5 @ 7-8): 97.5 x 5 @ 7, 7.5, 8 on Monday, then an extra session on Wednesday,
    # lighter, 95 x 5, 5, 4 @ 9, 9.5, 10. It is no session of the line's target (lighter), but it is the form's
    # newest and hard: by its median set, 5 @ 9.5 (95 x (1 + 5.5/30) = 112.42), Monday's 100 kg x 5 is past
    # failure, and 5 at RPE 8 are 112.42 / (1 + 7/30) = 91.15: 90 kg, not the 2.5 kg step over it.
    r = rules(tmp_path, slot("squat", LINEAR, pick="squat/high-bar",
                             prescription="{ sets = 3, reps = 5, rpe = [7, 8] }"), weeks=2, units="kg")
    a = athlete(tmp_path, "[maxes]\nsquat = { load = 100, reps = 5, rpe = 8 }\n", units="kg")
    rows = "".join(f"2027-01-04,squat,high-bar,5,97.5,kg,{rpe}\n" for rpe in (7, 7.5, 8)) \
        + "".join(f"2027-01-06,squat,high-bar,{reps},95,kg,{rpe}\n" for reps, rpe in ((5, 9), (5, 9.5), (4, 10)))
    second = series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")[1]
    assert second.sets[0].load == 90.0
    assert second.target.note.startswith("90 kg, not 100 kg (add 2.5 kg): the session of 2027-01-06 (5, 5, 4 @ 9, 9.5, "
                                         "10), by its median set (e1RM 112.42 kg)")


def test_kg_after_a_failed_light_day_the_light_day_stays_under_the_heavy_day(tmp_path):
    # The mirror of the failed heavy day: Monday 102.5 x 5 @ 7, 7.5, 8 on target, Thursday's light day fails at
    # 100 (5, 4, 3 @ 8.5, 10, 10). Then both lines go on from their own sessions, and the light day would add its
    # 2.5 kg as the heavy day does, as heavy as it. A light line is never planned as heavy as a heavier one: by
    # the heavy day's target each week (92.5 x 5 @ 8: an e1RM of 114.08, where 5 at RPE 7 are 90.07) it is a
    # plate under it.
    rows = ON_TARGET + "".join(f"2027-01-18,squat,high-bar,5,102.5,kg,{rpe}\n" for rpe in (7, 7.5, 8)) \
        + "".join(f"2027-01-21,squat,high-bar,{reps},100,kg,{rpe}\n" for reps, rpe in ((5, 8.5), (4, 10), (3, 10)))
    exs = squats(tmp_path, rows, weeks=6)[6:]
    pairs = [(exs[i].sets[0].load, exs[i + 1].sets[0].load) for i in range(0, len(exs), 2)]
    assert all(light < heavy for heavy, light in pairs), pairs


def test_lb_with_no_log_a_light_dumbbell_day_is_planned_under_the_heavy_day(tmp_path):
    # Two lines of one dumbbell split squat from one max (bodyweight 180 lb, 25 lb a hand x 8 @ 8): 3 x 8 @ RPE
    # 7-8 on Monday and 3 x 8 @ 6-7 on Thursday would both come to 20 lb a hand. By Monday's 20 lb x 8 @ 8 (an
    # e1RM of (180 + 40) x (1 + 10/30) = 293.33 lb), 8 at RPE 7 are 214.63 lb, 17.32 lb a hand: 15 lb, a step
    # under the heavy day, and so every week after. Week 3's +5 lb a hand on Monday (25 x 8 taken as done at RPE
    # 7: 230 x (1 + 11/30) = 314.33; 30 a hand, 240 lb, is RTF 9.29, sets from RPE 8.7, a median of 9.2) is too
    # hard: a rep at 25 instead, and Thursday stays a step under it.
    def day(name: str, weekday: str, rpe: str) -> str:
        return slot("split-squat", '{ policy = "linear", increment = 5, reps = 8 }', "tertiary",
                    pick="split-squat/dumbbell", day=f'"{weekday}"',
                    prescription=f"{{ sets = 3, reps = 8, rpe = {rpe} }}").replace('name = "split-squat"',
                                                                                 f'name = "{name}"')

    r = rules(tmp_path, day("heavy", "mon", "[7, 8]") + day("light", "thu", "[6, 7]"), weeks=3, units="lb",
              split="full-body", days='["mon", "thu"]')
    a = athlete(tmp_path, '[equipment]\navailable = ["dumbbells"]\ndumbbells = { min = 5, max = 100, step = 5 }\n'
                          '[maxes]\nsplit-squat = { load = 25, reps = 8, rpe = 8 }\n')
    exs = series(plan(tmp_path, r, a), "split-squat")
    assert [e.sets[0].load for e in exs] == [20.0, 15.0, 25.0, 20.0, 25.0, 20.0]
    assert exs[1].target.note == ("15 lb a hand, not 20 lb a hand: the heavier day of 2027-01-04, 3 x 8 @ RPE 7-8 at "
                                  "20 lb a hand (e1RM 293.33 lb), puts 8 at RPE 7 at 17.32 lb")


def test_kg_a_done_heavy_day_capped_by_the_light_day_of_the_week_before_reads_as_handed_out(tmp_path):
    # Thursday's light day fails (the test above); next Monday's sheet, handed out on Sunday, caps the heavy day
    # by it (87.5 kg, not 102.5 + 2.5). Monday done at that load: the done week still reads 87.5 kg, the sheet
    # that knew Thursday's session, not the 105 a sheet blind to it would have said.
    rows = ON_TARGET.replace("2027-01-14,squat,high-bar,5,97.5,kg,6\n", "2027-01-14,squat,high-bar,5,97.5,kg,9\n") \
        .replace("2027-01-14,squat,high-bar,5,97.5,kg,6.5\n", "2027-01-14,squat,high-bar,4,97.5,kg,10\n") \
        .replace("2027-01-14,squat,high-bar,5,97.5,kg,7\n", "2027-01-14,squat,high-bar,3,97.5,kg,10\n")
    handed = squats(tmp_path, rows)[4]
    done = squats(tmp_path, rows + "".join(f"2027-01-18,squat,high-bar,5,87.5,kg,{rpe}\n" for rpe in (7, 7.5, 8)))[4]
    assert (handed.sets[0].load, done.sets[0].load) == (87.5, 87.5)
    assert done.target.note == handed.target.note


def test_kg_a_deload_after_a_failed_light_day_lightens_what_the_heavy_day_comes_to(tmp_path):
    # Week 3: Monday on target at 102.5 kg, Thursday's light day fails at 100 (5, 4, 3 @ 8.5, 10, 10: a median set
    # of 100 x (1 + 4/30) = 113.33 kg). Week 4 deloads: Monday's is 0.9 x what the heavy day comes to after it (5
    # at RPE 8 by 113.33: 91.89, 90 kg; 0.9 x 90 = 81: 80 kg), not 0.9 x the 102.5 kg it lifted (92.5 kg, RPE 8.2
    # by that session: heavier than the work after it).
    rows = ON_TARGET + "".join(f"2027-01-18,squat,high-bar,5,102.5,kg,{rpe}\n" for rpe in (7, 7.5, 8)) \
        + "".join(f"2027-01-21,squat,high-bar,{reps},100,kg,{rpe}\n" for reps, rpe in ((5, 8.5), (4, 10), (3, 10)))
    r = rules(tmp_path, TWO_DAYS, weeks=4, units="kg", split="full-body", days='["mon", "thu"]',
              extra="[deload]\nevery = 4\n")
    a = athlete(tmp_path, "[maxes]\nsquat = { load = 100, reps = 5, rpe = 8 }\n", units="kg")
    mon4 = series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")[6]
    assert (mon4.deload, mon4.sets[0].load) == (True, 80.0)
