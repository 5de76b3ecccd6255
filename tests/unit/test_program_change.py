"""Which session a line reads, checked by hand. A new program after an
old one: a line's first exposure reads the old program's last session as
its own only as the new prescription has it (its first set's reps in the
range, enough sets); any other (an old light day's 8s, an old peak's
triples, a deload's 2 sets) gives it an e1RM, not a verdict on reps it
never asked, and an old light day gives way to the harder session before
it. A heavy and a light day of one lift: another, lighter line's light
day is no evidence for the heavy day, while a line's own session always is.

Effort model: a set of r reps at RPE x is r + 10 - x reps to failure
(RTF), and e1RM = load x (1 + RTF / 30). Default plates: 2.5 kg steps on a
20 kg bar, 5 lb steps on a 45 lb bar.
"""

from __future__ import annotations

import datetime as dt

from test_training import athlete, log, plan, rules, series, slot

FIVES = '{ policy = "linear", increment = 2.5, reps = 5 }'
RX = "{ sets = 3, reps = 5, rpe = [7, 8] }"


def squats(tmp_path, rows: str, units: str = "kg", progression: str = FIVES) -> list:
    r = rules(tmp_path, slot("squat", progression, prescription=RX), weeks=2, units=units)
    a = athlete(tmp_path, "", units=units)
    return series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")


def test_an_old_light_day_is_an_e1rm_not_a_five_rep_session_done_too_easy(tmp_path):
    # The old program: Monday 3 x 5 x 110 @ 7, 7.5, 8, Friday's light 2 x 8 x 100 @ 6, 6.5 (its last
    # squat). Read as its own session, the 8s were "5 were asked" and "too easy: every set at RPE 3.5 or
    # less for 5 reps", a step more (117.5 in review 67). Now its e1RM: 100 x (1 + 12/30) = 140 (the 6.5 is
    # the ramp's half point), a little over Monday's 110 x (1 + 8/30) = 139.33 (a light day is passed over
    # only for a harder session that reads more); the new 3 x 5 @ 7-8 starts at 5 at RPE 7 (8 RTF):
    # 140 / (1 + 8/30) = 110.53 -> 110.
    rows = "".join(f"2026-12-28,squat,,5,110,kg,{x}\n" for x in (7, 7.5, 8))
    rows += "2027-01-01,squat,,8,100,kg,6\n2027-01-01,squat,,8,100,kg,6.5\n"
    first, second = squats(tmp_path, rows)
    assert (first.sets[0].load, first.target.reps, len(first.sets)) == (110.0, 5, 3)
    assert "too easy" not in first.target.note and "were asked" not in first.target.note
    assert first.basis.change == "from the e1RM" and first.basis.e1rm == 140.0
    assert first.basis.source.startswith("logged 2027-01-01: 8 x 100 kg (RPE 6)")
    assert "not the light session" not in first.basis.source
    assert second.sets[0].load == 112.5  # the linear step on the 110 planned


def test_lb_an_old_light_day_under_the_triples_before_it_is_passed_over(tmp_path):
    # Review 72 M1. 305 lb x 3 @ 8 sixteen days before the light 205 x 10 @ 6: too long ago, the light
    # day is the e1RM: 205 x (1 + 14/30) = 300.67; 5 at RPE 7: 300.67 / (1 + 8/30) = 237.4 -> 235. Three
    # days before it, the triples are read: 305 x (1 + 5/30) = 355.83, 280.9 -> 280 (the light day's was
    # 16% under), and the load basis says which session was passed over.
    light = "".join(f"2027-01-01,squat,,10,205,lb,{x}\n" for x in (6, 6, 6))
    for day, load in (("2026-12-16", 235.0), ("2026-12-29", 280.0)):
        rows = "".join(f"{day},squat,,3,305,lb,{x}\n" for x in (8, 8.5, 9)) + light
        first, _ = squats(tmp_path, rows, units="lb", progression='{ policy = "linear", increment = 5, reps = 5 }')
        assert first.sets[0].load == load
        assert ("; not the light session of 2027-01-01 (RPE 6, 6, 6)" in first.basis.source) is (load == 280.0)


def test_lb_an_old_programs_triples_are_no_five_rep_session_short_of_reps(tmp_path):
    # The old program peaked at 3 x 3 x 275 lb @ 8, 8.5, 9 (a ramp of half a point a set): e1RM
    # 275 x (1 + 5/30) = 320.83. The new 3 x 5 @ 7-8: 320.83 / (1 + 8/30) = 253.3 -> 255. Read as its
    # own session, the triples were 3 reps where 5 were asked, and the load came from its weakest set.
    rows = "".join(f"2026-12-30,squat,,3,275,lb,{x}\n" for x in (8, 8.5, 9))
    first, second = squats(tmp_path, rows, units="lb", progression='{ policy = "linear", increment = 5, reps = 5 }')
    assert (first.sets[0].load, first.target.reps) == (255.0, 5)
    assert first.basis.e1rm is not None and round(first.basis.e1rm, 2) == 320.83
    assert "were asked" not in first.target.note
    assert second.sets[0].load == 260.0


def test_an_old_session_in_the_new_range_is_still_the_line_s_own(tmp_path):
    # 3 x 5 x 110 @ 7, 7.5, 8 on the old program's last Monday: 5 reps are the new range, so the first
    # exposure builds on it as the exposure before (the linear step: 112.5), not afresh from its e1RM.
    rows = "".join(f"2026-12-28,squat,,5,110,kg,{x}\n" for x in (7, 7.5, 8))
    first, _ = squats(tmp_path, rows)
    assert first.sets[0].load == 112.5


def test_a_newer_max_is_checked_against_an_old_session_of_other_reps(tmp_path):
    # Review 72 H1. The old block's last squat, 3 x 3 x 100 kg @ 7, 7.5, 8 (e1RM 100 x (1 + 6/30) = 120,
    # no seed for 3 x 5), then a max typed 150 x 3 @ 8 for 110 (e1RM 150 x (1 + 5/30) = 175, 46% over): the
    # first 5 at RPE 7 come from the max, 175 / (1 + 8/30) = 138.2 -> 137.5, and the note names both
    # numbers, as it does after a session the line read as its own.
    rows = "".join(f"2026-12-28,squat,,3,100,kg,{x}\n" for x in (7, 7.5, 8))
    r = rules(tmp_path, slot("squat", FIVES, prescription=RX), weeks=2, units="kg")
    a = athlete(tmp_path, "[maxes]\nsquat = { load = 150, reps = 3, rpe = 8, date = 2027-01-02 }\n", units="kg")
    first, _ = series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")
    assert first.sets[0].load == 137.5
    assert first.target.note == ("a newer max in the profile (e1RM 175 kg, 46% over the last session's 120): "
                                 "start from it; check the max if that is not what the athlete showed")
    # a max within 10% of it is still said to start the line: 110 x 3 @ 8 is 128.33, 7% over
    a.write_text(a.read_text().replace("load = 150", "load = 110"))
    first, _ = series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")
    assert first.target.note == "a newer max in the profile: start from it"


def test_a_session_of_the_program_is_read_as_logged_however_light(tmp_path):
    # Review 74 H2. The light rule is for another program's sessions, whose prescription the plan does not
    # know. In the program, 3 x 8 @ 6 by the `rpe` policy from 90 x 8 @ 8 (e1RM 120): 120 / 1.4 = 85.7 -> 85.
    # Week 1 done at 85 x 8 @ 8 (113.33: week 2 is 113.33 / 1.4 = 80.95 -> 80); week 2 done lighter by choice,
    # 70 x 8 @ 6.5 (96.83): week 3 is 96.83 / 1.4 = 69.2 -> 70, not 80 again from week 1.
    rx = slot("squat", '{ policy = "rpe" }', prescription="{ sets = 3, reps = 8, rpe = [6, 6] }")
    r = rules(tmp_path, rx, weeks=3, units="kg")
    a = athlete(tmp_path, "[maxes]\nsquat = { load = 90, reps = 8, rpe = 8 }\n", units="kg")
    rows = "2027-01-04,squat,,8,85,kg,8\n" * 3 + "2027-01-11,squat,,8,70,kg,6.5\n" * 3
    assert [ex.sets[0].load for ex in series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")] == [85, 80, 70]


def test_a_session_with_a_set_near_failure_is_no_light_day():
    # Review 74 H1: 8, 8, 5 @ 6, 6.5, 10 has a median of 6.5, but its last set failed: it is evidence.
    from engine.history import Session, light
    from engine.model import Performed

    def session(*rated: float) -> Session:
        sets = tuple(Performed(dt.date(2027, 1, 1), 8, 90.0, x) for x in rated)
        return Session("squat/high-bar", dt.date(2027, 1, 1), sets, (), None)

    assert light(session(6, 6.5, 6.5)) and light(session(5, 5, 8))
    assert not light(session(6, 6.5, 10)) and not light(session(6, 7, 7)) and not light(session())


def test_another_programs_session_is_the_lines_own_only_as_the_line_prescribes_it(tmp_path):
    # Review 72 M3. Before a 3 x 6-8 @ 6-7 double: the old block's deload, 2 x 8 x 80 kg @ 5.5, 6, was
    # "2 of 3 sets done at 80 kg: aim for 3 x 8"; now its e1RM, 80 x (1 + 12.5/30) = 113.33 (as a whole the
    # same): 6 at RPE 6 are 113.33 / (1 + 10/30) = 85. Its 10, 8, 6 x 100 @ 9, 10, 10 (a 3 x 10) was "a set
    # at RPE 10 for the 6 reps asked last time": now read as a whole, 10 @ 9, 8 @ 10 and 6 @ 10 as first
    # sets half a point easier (138.33, 130, 125), the median 130: 6 at RPE 6 are 130 / 1.3333 = 97.5.
    r = rules(tmp_path, slot("squat", '"double"', prescription="{ sets = 3, reps = [6, 8], rpe = [6, 7] }"),
              weeks=1, units="kg")
    a = athlete(tmp_path, "", units="kg")
    for rows, load in (("2027-01-01,squat,,8,80,kg,5.5\n2027-01-01,squat,,8,80,kg,6\n", 85.0),
                       ("".join(f"2027-01-01,squat,,{n},100,kg,{x}\n" for n, x in ((10, 9), (8, 10), (6, 10))), 97.5)):
        (first,) = series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")
        assert (first.target.reps, first.sets[0].load) == (6, load)
        assert "asked" not in first.target.note and "sets done" not in first.target.note


HEAVY_LIGHT = (slot("squat", '{ policy = "rpe", step = 0.5 }', prescription="{ sets = 3, reps = 5, rpe = [7, 8] }",
                    day='"mon"').replace('name = "squat"', 'name = "heavy"') +
               slot("squat", '{ policy = "rpe", step = 0.5 }', prescription="{ sets = 3, reps = 8, rpe = [6, 6] }",
                    day='"thu"').replace('name = "squat"', 'name = "light"'))


def heavy_light(tmp_path, rows: str) -> list:
    r = rules(tmp_path, HEAVY_LIGHT, weeks=3, units="kg", split="full-body", days='["mon", "thu"]')
    a = athlete(tmp_path, "", units="kg")
    return [ex.sets[0].load for ex in series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")]


def test_the_heavy_day_is_not_planned_from_the_light_days_easy_or_failed_session(tmp_path):
    # Review 75 H1. The heavy line (5 @ 7-8, `rpe`) and the light (8 @ 6) of one squat. Week 1: Monday 100 x
    # 5 @ 7, 7.5, 8 (126.67), Thursday the light day done lighter by choice, 85 x 8 @ 6 (85 x 1.4 = 119): the
    # light line reads its own session (119 / 1.4 = 85), the heavy one Monday's, 126.67 / (1 + 7.5/30) =
    # 101.3 -> 102.5 at week 2's 7.5 (it read 95 by the light day's 119).
    rows = "".join(f"2027-01-04,squat,,5,100,kg,{x}\n" for x in (7, 7.5, 8)) + "2027-01-07,squat,,8,85,kg,6\n" * 3
    assert heavy_light(tmp_path, rows)[2:4] == [102.5, 85.0]
    # the light day failed, 90 x 8, 8, 5 @ 6, 6.5, 10: its line is cut from the weakest set (90 x (1 + 5/30) =
    # 105, 105 / 1.4 = 75); the heavy day reads that session as a whole, its best set 90 x 1.4 = 126,
    # 126 / 1.25 = 100.8 -> 100 (it read the weakest set too: 85)
    rows = "".join(f"2027-01-04,squat,,5,100,kg,{x}\n" for x in (7, 7.5, 8))
    rows += "".join(f"2027-01-07,squat,,{n},90,kg,{x}\n" for n, x in ((8, 6), (8, 6.5), (5, 10)))
    assert heavy_light(tmp_path, rows)[2:4] == [100.0, 75.0]


def test_an_old_blocks_deload_in_the_new_lines_shape_gives_way_to_the_week_before_it(tmp_path):
    # Review 75 H2. The old block's last real week, 100 kg x 5 @ 7, 7.5, 8, then its deload, 80 x 5 @ 5, 5,
    # 5.5, the new 3 x 5's shape: the deload is a light session of another program, and the week before it
    # reads more, so the line starts from that week, its linear step: 102.5 (it built on the deload: 82.5).
    rows = "".join(f"2026-12-21,squat,,5,100,kg,{x}\n" for x in (7, 7.5, 8))
    rows += "".join(f"2026-12-28,squat,,5,80,kg,{x}\n" for x in (5, 5, 5.5))
    first, _ = squats(tmp_path, rows)
    assert first.sets[0].load == 102.5 and first.target.note == "add 2.5 kg"


def test_another_programs_failed_session_in_the_lines_shape_is_cut_as_its_own(tmp_path):
    # Review 75 M1. 100 kg x 5, 4, 3 @ 9, 10, 10 before a 3 x 5: its first set is the line's 5 (its median,
    # 4, is not), so it is the line's own last session, one that failed: cut from the weakest set, 100 x
    # (1 + 3/30) = 110, 5 at RPE 8 (110 / (1 + 7/30) = 89.2) -> 90, not 92.5 from the session as a whole; the
    # note names the session as another program's, not "last time".
    rows = "".join(f"2026-12-28,squat,,{n},100,kg,{x}\n" for n, x in ((5, 9), (4, 10), (3, 10)))
    first, _ = squats(tmp_path, rows)
    assert first.sets[0].load == 90.0
    assert first.target.note.startswith("too hard: 2 sets short of 5 reps in the session before the program "
                                        "(2026-12-28: 5, 4, 3): load from the weakest set")


def test_a_heavy_day_eased_into_is_no_light_day_for_the_light_line(tmp_path):
    # Review 76 M1. 100 kg x 5 @ 7, 7.5, 8 before the program prints Monday's heavy 100 x 5; the athlete
    # takes 85 x 5 @ 4, 4.5, 5, under the load printed: that is the heavy day eased into, evidence, not
    # another line's light day. The light day reads it: 85 x (1 + 11/30) = 116.17, 116.17 / 1.4 = 83 -> 82.5
    # (it read the older session, 126.67 / 1.4 = 90.5 -> 90, RPE 9.3 by 116.17).
    rows = "".join(f"2027-01-01,squat,,5,100,kg,{x}\n" for x in (7, 7.5, 8))
    rows += "".join(f"2027-01-04,squat,,5,85,kg,{x}\n" for x in (4, 4.5, 5))
    assert heavy_light(tmp_path, rows)[:2] == [100.0, 82.5]


def pair(heavy: str, light: str) -> str:
    return (slot("squat", '{ policy = "rpe", step = 0.5 }', prescription=heavy, day='"mon"').replace(
        'name = "squat"', 'name = "heavy"') +
        slot("squat", '{ policy = "rpe", step = 0.5 }', prescription=light, day='"thu"').replace(
        'name = "squat"', 'name = "light"'))


def test_which_line_is_the_lighter_is_read_from_the_plan_not_a_fixed_rpe(tmp_path):
    # Review 77. Lines compare by their planned intensity, the %1RM of the fewest reps at the top RPE.
    # A heavy 3 x 5 @ 7 (79%) eased into, 85 kg x 5 @ 4, 4.5, 5 where 100 was printed, is evidence for the
    # light 3 x 8 @ 6 (71%): 85 x (1 + 11/30) = 116.17, 116.17 / 1.4 = 83 -> 82.5 (not 90 from the week before).
    before = "".join(f"2027-01-01,squat,,5,100,kg,{x}\n" for x in (7, 7.5, 8))
    r = rules(tmp_path, pair("{ sets = 3, reps = 5, rpe = [7, 7] }", "{ sets = 3, reps = 8, rpe = [6, 6] }"),
              weeks=2, units="kg", split="full-body", days='["mon", "thu"]')
    rows = before + "".join(f"2027-01-04,squat,,5,85,kg,{x}\n" for x in (4, 4.5, 5))
    loads = [ex.sets[0].load for ex in series(plan(tmp_path, r, athlete(tmp_path, "", units="kg"),
                                                   (log(tmp_path, rows),)), "squat")]
    assert loads[:2] == [100.0, 82.5]
    # A volume day, 3 x 8 @ 7-8 (75%), eased into (75 x 8 @ 5, 5.5, 6 where 92.5 was printed) is lighter by
    # plan than the heavy 3 x 5 @ 7-8 (81%): the heavy day passes it over for Monday's 100 x 5 @ 7-8,
    # 126.67 / (1 + 7.5/30) = 101.3 -> 102.5 (not 75 x 1.4333 = 107.5, 86 -> 85).
    r = rules(tmp_path, pair("{ sets = 3, reps = 5, rpe = [7, 8] }", "{ sets = 3, reps = 8, rpe = [7, 8] }"),
              weeks=2, units="kg", split="full-body", days='["mon", "thu"]')
    rows = before + "".join(f"2027-01-04,squat,,5,100,kg,{x}\n" for x in (7, 7.5, 8))
    rows += "".join(f"2027-01-07,squat,,8,75,kg,{x}\n" for x in (5, 5.5, 6))
    loads = [ex.sets[0].load for ex in series(plan(tmp_path, r, athlete(tmp_path, "", units="kg"),
                                                   (log(tmp_path, rows),)), "squat")]
    assert loads[2] == 102.5


def test_passing_over_another_lines_light_day_falls_back_on_the_lines_own_session_light_or_not(tmp_path):
    # Review 78 M1. Monday's heavy day went well, 100 kg x 5 @ 6, 6.5, 6.5 (100 x 1.3 = 130: light by its
    # ratings, but the heavy line's own); Thursday's light day was eased, 75 x 8 @ 4, 4.5, 5. Passed over for
    # the heavy day, the light day gives way to Monday's own session, not to an older harder one: 130 / (1 +
    # 7.5/30) = 104 -> 105 (it read 95 x 5 @ 7 of the week before: 120.33, 97.5).
    rows = "".join(f"2027-01-01,squat,,5,95,kg,{x}\n" for x in (7, 7.5, 8))
    rows += "".join(f"2027-01-04,squat,,5,100,kg,{x}\n" for x in (6, 6.5, 6.5))
    rows += "".join(f"2027-01-07,squat,,8,75,kg,{x}\n" for x in (4, 4.5, 5))
    assert heavy_light(tmp_path, rows)[2] == 105.0


def test_another_lines_light_day_is_as_if_not_logged_for_the_heavier_line(tmp_path):
    # Review 79 M1. The heavy day's own 100 kg x 5 @ 7, 7.5, 8 (126.67); the light day's 95 x 8 @ 5.5, 6, 6
    # (done over its printed load, light by its ratings: 95 x (1 + 12.5/30) = 134.58, more): for the heavy
    # line it is as if not logged, whatever it reads, so the heavy day plans from its own session, 126.67 /
    # (1 + 7.5/30) = 101.3 -> 102.5 (it read 134.58: 107.7 -> 107.5, and a later eased light day flipped it back)
    rows = "".join(f"2027-01-04,squat,,5,100,kg,{x}\n" for x in (7, 7.5, 8))
    rows += "".join(f"2027-01-07,squat,,8,95,kg,{x}\n" for x in (5.5, 6, 6))
    assert heavy_light(tmp_path, rows)[2] == 102.5
