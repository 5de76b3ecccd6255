"""A logged session's effort read allowing the ramp (engine.ramp): one rule
for "at or under the target" (double and linear add load) and "too hard"
(autoregulation cuts), checked by hand.

Effort model (Epley on reps in reserve): a set of r reps at RPE x is
r + 10 - x reps to failure (RTF), e1RM = load x (1 + RTF / 30), and r reps at
a load are RPE 10 - (RTF - r), RTF = 30 x (e1RM / load - 1).

What a target allows as a whole: a range's top (7-8: 8); a single RPE on
several sets half a point more (3 x 5 @ 7.5: 8, the sets ramping 7.5, 8,
8.5 from a load taken for the first set at 7.5); plus what the engine's own
rounding up of a load from the e1RM added to the first set, up to 0.5.
At or under: the median set at or under that, no set more than 0.5 over.
Too hard: the median `overshoot` (1) or more over it, or one set 2 or more
over the RPE's own allowance.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_training import athlete, log, plan, rules, series, slot

from engine.autoregulation import assess
from engine.model import Performed, Prescription, Target, TrainingState
from engine.model.rules import Autoregulation
from engine.ramp import ceiling, session_effort, within

# -- the rpe policy: the coach's report, in kg and in lb --------------------------------------------

BENCH_PRESS = ('[[exercise]]\nid = "bench-press"\nname = "Bench press"\ncategory = "primary"\nloading = "barbell"\n'
               'equipment = ["barbell", "plates", "bench"]\n'
               '[exercise.prescription]\nsets = [3, 3]\nreps = [5, 5]\nrpe = [7, 9]\n')
BENCH = slot("bench-press", '{ policy = "rpe", step = 0.5 }', prescription="{ sets = 3, reps = 5, rpe = [7, 9] }")
GEAR = '[equipment]\navailable = ["barbell", "plates", "rack", "bench"]\n'


def benches(tmp_path: Path, units: str, max_load: float, week1: float, week2: float,
            rpes: tuple[float, ...], reps: tuple[int, ...] = (5, 5, 5)) -> list:
    """Week 1 at `week1` x 5 @ 6.5, 7, 7.5; week 2 at `week2` with `rpes`."""
    r = rules(tmp_path, BENCH, weeks=3, units=units, extra=BENCH_PRESS)
    a = athlete(tmp_path, f"{GEAR}[maxes]\nbench-press = {{ load = {max_load}, reps = 5, rpe = 7 }}\n", units=units)
    rows = "".join(f"2027-01-04,bench-press,,5,{week1},{units},{rpe}\n" for rpe in (6.5, 7, 7.5))
    rows += "".join(f"2027-01-11,bench-press,,{n},{week2},{units},{rpe}\n" for n, rpe in zip(reps, rpes, strict=True))
    return series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "bench-press")


def shown(ex) -> tuple:
    return (len(ex.sets), ex.target.reps, ex.target.rpe, ex.sets[0].load)


def test_the_model_s_own_ramp_at_a_load_rounded_up_is_not_too_hard_kg(tmp_path):
    # Week 1: the max 67.5 x 5 @ 7 is an e1RM of 67.5 x (1 + 8/30) = 85.5; 5 @ 7 is 85.5 / (1 + 8/30) = 67.5 kg.
    # Logged 67.5 x 5, 5, 5 @ 6.5, 7, 7.5: the best set, 5 @ 6.5 (8.5 RTF), is 67.5 x 1.2833 = 86.625.
    # Week 2, 5 @ 7.5 (7.5 RTF): 86.625 / 1.25 = 69.3; the plates (2.5 kg a step on the bar) make 70, 0.7 up.
    # At 70 that e1RM leaves 30 x (86.625 / 70 - 1) = 7.125 RTF: 5 reps are RPE 7.875, 0.38 over the 7.5
    # asked. What 3 x 5 @ 7.5 allows: 7.5 + 0.5 (ramp) + 0.38 = 8.38. Logged 70 x 5 @ 8, 8.5, 9, the model's
    # 7.875 and half a point a set: median 8.5, 0.12 over 8.38, far under 9.38: not too hard. Week 3 climbs
    # to 5 @ 8 (7 RTF) from the best set, 5 @ 8: 70 x (1 + 7/30) = 86.33; 86.33 / (37/30) = 70 kg.
    weeks = benches(tmp_path, "kg", 67.5, 67.5, 70, (8, 8.5, 9))
    assert [shown(w) for w in weeks] == [(3, 5, (7.0, 7.0), 67.5), (3, 5, (7.5, 7.5), 70.0),
                                         (3, 5, (8.0, 8.0), 70.0)]
    assert weeks[1].state.rounded == 0.38
    assert "too hard" not in weeks[2].target.note


def test_a_session_a_point_over_the_model_at_that_load_is_still_cut_kg(tmp_path):
    # The same week 2 logged 70 x 5 @ 9, 9.5, 10: median 9.5, 1.12 over the 8.38 allowed: too hard. The effort
    # does not climb (5 @ 7.5 again). The weakest set, 5 @ 10 (5 RTF): 70 x (1 + 5/30) = 81.67; 5 @ 7.5 is
    # 81.67 / 1.25 = 65.33 kg, a 6.7% cut; the bar makes 65 (lighter than 70, a 7.1% cut, within twice 6.7%).
    # (Week 1's 67.5 kg was on target, but by this session's median set, 5 @ 9.5, 70 x (1 + 5.5/30) = 82.83,
    # 5 reps at 67.5 are RPE 8.2, over the 7.5 asked: no going back to it, engine.lastgood.)
    weeks = benches(tmp_path, "kg", 67.5, 67.5, 70, (9, 9.5, 10))
    assert shown(weeks[2]) == (3, 5, (7.5, 7.5), 65.0)
    assert weeks[2].target.note == (
        "too hard: median RPE 9.5 last time, 1.12 over the 8.38 the target allows (RPE 7.5, +0.5 across 3 sets, "
        "+0.38 for the load rounded up): load from the weakest set, 5 x 70 kg @ 10 (e1RM 81.67 kg): 5 at RPE 7.5 "
        "is 80% of it")


def test_a_missed_rep_is_still_cut_and_a_grind_still_held_kg(tmp_path):
    # 70 x 5, 4, 5 @ 8, 9, 9.5: a set short of 5 that is not the last (no grind): too hard by reps. The
    # weakest, 4 @ 9 (5 RTF): 70 x 35/30 = 81.67 -> 5 @ 7.5 = 65.33 -> 65 kg.
    weeks = benches(tmp_path, "kg", 67.5, 67.5, 70, (8, 9, 9.5), reps=(5, 4, 5))
    assert shown(weeks[2]) == (3, 5, (7.5, 7.5), 65.0)
    assert weeks[2].target.note.startswith("too hard: a set short of 5 reps last time (5, 4, 5)")
    # 70 x 5, 5, 4 @ 8, 9, 10: the last set one rep short, a grind; median 9, under 9.38, and the sets before it
    # rate 8.5 on average, within the 8.38 the target lets them reach (7.5, +0.5 across 3 sets, +0.38 for the
    # load rounded up) and a quarter point: the same 70 x 5 @ 7.5.
    weeks = benches(tmp_path, "kg", 67.5, 67.5, 70, (8, 9, 10), reps=(5, 5, 4))
    assert shown(weeks[2]) == (3, 5, (7.5, 7.5), 70.0)
    assert weeks[2].target.note == "the last set was one rep short (5, 5, 4): same load, same target"
    # 5, 5, 4 @ 9, 9, 10: median 9 (not too hard as a whole), but the sets before the missed rep rate 9, over
    # 8.38 + 0.25: the load's, not one bad set; too hard. The weakest, 4 @ 10, cuts to 63.47 (below); the median
    # set, 5 @ 9, is 70 x (1 + 6/30) = 84, where 67.5 x 5 (done on target before) is RPE 7.67: back to 67.5 kg.
    weeks = benches(tmp_path, "kg", 67.5, 67.5, 70, (9, 9, 10), reps=(5, 5, 4))
    assert shown(weeks[2]) == (3, 5, (7.5, 7.5), 67.5)
    assert weeks[2].target.note.startswith("too hard: a set short of 5 reps last time (5, 5, 4), after sets at RPE "
                                           "9, 9: ")
    # A grind rated too hard as a whole, 5, 5, 4 @ 9, 9.5, 10 (median 9.5), is cut: the weakest, 4 @ 10 (4 RTF),
    # is 70 x 34/30 = 79.33; 5 @ 7.5: 63.47 -> the nearest the bar makes lighter than 70, 62.5 kg.
    weeks = benches(tmp_path, "kg", 67.5, 67.5, 70, (9, 9.5, 10), reps=(5, 5, 4))
    assert shown(weeks[2]) == (3, 5, (7.5, 7.5), 62.5)


def test_the_model_s_own_ramp_at_a_load_rounded_up_is_not_too_hard_lb(tmp_path):
    # Week 1: the max 150 x 5 @ 7 is 150 x 38/30 = 190; 5 @ 7 is 150 lb. Logged 150 x 5 @ 6.5, 7, 7.5: the
    # best, 5 @ 6.5, is 150 x 1.2833 = 192.5. Week 2, 5 @ 7.5: 192.5 / 1.25 = 154; the plates (5 lb a step on
    # the bar) make 155, 1 up: 30 x (192.5 / 155 - 1) = 7.26 RTF, 5 reps are RPE 7.74, 0.24 over 7.5. Allowed:
    # 7.5 + 0.5 + 0.24 = 8.24. Logged 155 x 5 @ 8, 8.5, 9: median 8.5, under 9.24: not too hard. Week 3 at
    # 5 @ 8 from the best set, 5 @ 8: 155 x 37/30 = 191.17; / (37/30) = 155 lb.
    weeks = benches(tmp_path, "lb", 150, 150, 155, (8, 8.5, 9))
    assert [shown(w) for w in weeks] == [(3, 5, (7.0, 7.0), 150.0), (3, 5, (7.5, 7.5), 155.0),
                                         (3, 5, (8.0, 8.0), 155.0)]
    assert weeks[1].state.rounded == 0.24
    # @ 9, 9.5, 10: median 9.5, 1.26 over 8.24: too hard. The weakest, 5 @ 10: 155 x 35/30 = 180.83; 5 @ 7.5
    # is 180.83 / 1.25 = 144.67, a 6.7% cut: the plates make 145 (lighter than 155).
    weeks = benches(tmp_path, "lb", 150, 150, 155, (9, 9.5, 10))
    assert shown(weeks[2]) == (3, 5, (7.5, 7.5), 145.0)
    assert weeks[2].target.note.startswith(
        "too hard: median RPE 9.5 last time, 1.26 over the 8.24 the target allows (RPE 7.5, +0.5 across 3 sets, "
        "+0.24 for the load rounded up)")


def test_without_rounding_the_ramp_alone_is_allowed_and_a_point_over_it_is_not_kg(tmp_path):
    # The max 70 x 5 @ 7.5 is 70 x (1 + 7.5/30) = 87.5; a bench at 3 x 5 @ 7.5-9 starts at 5 @ 7.5: 87.5 / 1.25
    # = 70 kg exactly, nothing rounded. Allowed: 7.5 + 0.5 = 8. Logged 70 x 5 @ 8, 8.5, 9: median 8.5, under 9:
    # week 2 climbs to 5 @ 8 from the best, 5 @ 8: 70 x 37/30 = 86.33 -> 70 kg. (It used to be cut: median
    # 8.5 was "1 over the target's 7.5".)
    rx = slot("bench-press", '{ policy = "rpe", step = 0.5 }', prescription="{ sets = 3, reps = 5, rpe = [7.5, 9] }")
    body = GEAR + "[maxes]\nbench-press = { load = 70, reps = 5, rpe = 7.5 }\n"

    def week2(rpes: tuple[float, ...]):
        rows = "".join(f"2027-01-04,bench-press,,5,70,kg,{rpe}\n" for rpe in rpes)
        r, a = rules(tmp_path, rx, weeks=2, units="kg", extra=BENCH_PRESS), athlete(tmp_path, body, units="kg")
        w1, w2 = series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "bench-press")
        assert shown(w1) == (3, 5, (7.5, 7.5), 70.0) and w1.state.rounded == 0.0
        return w2

    assert shown(week2((8, 8.5, 9))) == (3, 5, (8.0, 8.0), 70.0)
    # @ 8.5, 9, 9.5: median 9, 1 over 8: too hard. The weakest, 5 @ 9.5 (5.5 RTF): 70 x 35.5/30 = 82.83;
    # 5 @ 7.5: 66.27 kg, a 5.3% cut; the bar makes 67.5 (nearer than 65, lighter than 70).
    hard = week2((8.5, 9, 9.5))
    assert shown(hard) == (3, 5, (7.5, 7.5), 67.5)
    assert hard.target.note.startswith("too hard: median RPE 9 last time, 1 over the 8 the target allows "
                                       "(RPE 7.5, +0.5 across 3 sets): ")


# -- double and linear: the same judgement, allowing the ramp ----------------------------------------

SQUAT_LB = "[maxes]\nsquat = { load = 225, reps = 4, rpe = 7 }\n"


def squats(tmp_path: Path, progression: str, rx: str, body: str, units: str, reps: int, load: float,
           rpes: tuple[float, ...]):
    r = rules(tmp_path, slot("squat", progression, prescription=rx), weeks=2, units=units)
    rows = "".join(f"2027-01-04,squat,,{reps},{load},{units},{rpe}\n" for rpe in rpes)
    return series(plan(tmp_path, r, athlete(tmp_path, body, units=units), (log(tmp_path, rows),)), "squat")


def test_double_adds_load_when_the_ramp_started_half_a_point_high_lb(tmp_path):
    # Week 1 from the max: 4 @ 7 is 225 lb exactly (225 x (1 + 7/30) / (1 + 7/30)). Logged 225 x 6, 6, 6 @ 7.5,
    # 8, 8.5 on 3 x 4-6 @ 7-8, the README's ramp half a point high: median 8 (at the top), the hardest 8.5 (one
    # rating step over): at or under the target, so the top of the range adds 5 lb: 230 x 4. It used to repeat
    # "effort was above target" every week.
    week1, week2 = squats(tmp_path, '"double"', "{ sets = 3, reps = [4, 6], rpe = [7, 8] }", SQUAT_LB, "lb", 6,
                          225, (7.5, 8, 8.5))
    assert shown(week1) == (3, 4, (7.0, 8.0), 225.0)
    assert shown(week2) == (3, 4, (7.0, 8.0), 230.0)
    assert week2.target.note.startswith(
        "all sets reached 6 reps within RPE 7-8 as a whole (median 8, the hardest set 8.5): add 5 lb")
    # Every set at or under the top keeps the old words.
    week2 = squats(tmp_path, '"double"', "{ sets = 3, reps = [4, 6], rpe = [7, 8] }", SQUAT_LB, "lb", 6, 225,
                   (7, 7.5, 8))[1]
    assert week2.target.note.startswith("all sets reached 6 reps at or below RPE 8: add 5 lb")


def test_double_holds_a_ramp_a_point_high_or_a_set_a_point_over_without_calling_it_too_hard_lb(tmp_path):
    # @ 8, 8.5, 9: median 8.5, over 8; not too hard (under 8 + 1): the same 225 lb, aim for 6 again.
    # @ 7.5, 8, 9: median 8, but the hardest set a full point over 8 (more than one rating step): the same.
    for rpes in ((8, 8.5, 9), (7.5, 8, 9)):
        week2 = squats(tmp_path, '"double"', "{ sets = 3, reps = [4, 6], rpe = [7, 8] }", SQUAT_LB, "lb", 6, 225,
                       rpes)[1]
        assert shown(week2) == (3, 6, (7.0, 8.0), 225.0)
        assert week2.target.note.startswith("effort was above target: aim for 6 reps at the same load")


def test_double_on_a_single_rpe_reads_the_ramp_too_kg(tmp_path):
    # 3 x 8-10 @ 8 (a single RPE): the max 100 x 8 @ 8 is 100 x (1 + 10/30) = 133.33; 8 @ 8 is 100 kg exactly.
    # Logged 100 x 10, 10, 10 @ 8, 8.5, 9 (the load for the first set at 8, half a point a set after it):
    # allowed 8 + 0.5 = 8.5, median 8.5, the hardest 9 (one step over 8.5): add 2.5 kg, at 9 reps: by the sets'
    # e1RMs (140, 138.33, 136.67), 102.5 x 8 is about RPE 7, 7.5, 8, under 8 (its first set a point under it),
    # and x 9 about 8, 8.5, 9.
    # @ 8.5, 9, 9.5 (median 9) holds 100 kg, and is not too hard (9 < 8.5 + 1).
    body = "[maxes]\nsquat = { load = 100, reps = 8, rpe = 8 }\n"
    rx = "{ sets = 3, reps = [8, 10], rpe = [8, 8] }"
    week1, week2 = squats(tmp_path, '"double"', rx, body, "kg", 10, 100, (8, 8.5, 9))
    assert shown(week1) == (3, 8, (8.0, 8.0), 100.0)
    assert shown(week2) == (3, 9, (8.0, 8.0), 102.5)
    assert week2.target.note.startswith(
        "all sets reached 10 reps within RPE 8 as a whole (median 8.5, the hardest set 9): add 2.5 kg")
    week2 = squats(tmp_path, '"double"', rx, body, "kg", 10, 100, (8.5, 9, 9.5))[1]
    assert shown(week2) == (3, 10, (8.0, 8.0), 100.0)
    assert "too hard" not in week2.target.note


def test_linear_adds_load_on_the_ramp_and_repeats_a_point_over_it_kg(tmp_path):
    # The max 100 x 5 @ 7 is 100 x 38/30 = 126.67; 5 @ 7 is 100 kg. 3 x 5 @ 7-8, +2.5 kg: logged 100 x 5 @ 7,
    # 7.5, 8 (median 7.5) adds 2.5 kg: each set by its own e1RM (126.67, 125, 123.33) is about 7.9, 8.4, 8.9
    # at 102.5, a median of 8.4, under the too-hard line. @ 7.5, 8, 8.5 (median 8, within the target) the
    # same sets at 102.5 are about 8.4, 8.9, 9.4: a median rated 9, a point over 8, a session the engine
    # would cut, so 100 kg again (engine.jumps); @ 8, 8.5, 9 (median 8.5) repeats 100 kg.
    body = "[maxes]\nsquat = { load = 100, reps = 5, rpe = 7 }\n"
    linear, rx = '{ policy = "linear", increment = 2.5, reps = 5 }', "{ sets = 3, reps = [5, 5], rpe = [7, 8] }"
    week2 = squats(tmp_path, linear, rx, body, "kg", 5, 100, (7, 7.5, 8))[1]
    assert (shown(week2), week2.target.note) == ((3, 5, (7.0, 8.0), 102.5), "add 2.5 kg")
    week2 = squats(tmp_path, linear, rx, body, "kg", 5, 100, (7.5, 8, 8.5))[1]
    assert (shown(week2), week2.target.note) == ((3, 5, (7.0, 8.0), 100.0), (
        "repeat 3 x 5 at 100 kg; not yet 102.5 kg (add 2.5 kg): it would take the sets rated 7.5, 8, 8.5 last "
        "time to about RPE 8.5, 9, 9.5, too hard for the program's RPE 7-8"))
    week2 = squats(tmp_path, linear, rx, body, "kg", 5, 100, (8, 8.5, 9))[1]
    assert shown(week2) == (3, 5, (7.0, 8.0), 100.0)
    assert week2.target.note == "every set made 5 reps, but over RPE 8 (median 8.5, the hardest set 9): repeat 100 kg"


# -- properties ------------------------------------------------------------------------------------

DAY = _dt.date(2027, 1, 4)
HALVES = st.integers(10, 20).map(lambda h: h / 2)  # RPE 5 to 10 in half points


@st.composite
def sessions(draw, over: float = 0.0):
    """A target (a range or a single RPE), the rounding it came with, and a
    session that made every rep, each set rated at most `over` above the
    target's top."""
    lo = draw(HALVES)
    hi = draw(st.sampled_from([lo, lo + 0.5, lo + 1, lo + 2]).filter(lambda x: x <= 10))
    sets, reps = draw(st.integers(1, 6)), draw(st.integers(1, 12))
    target = Target(sets, reps, (lo, hi), load=100.0)
    rpes = draw(st.lists(HALVES.filter(lambda r: r <= hi + over), min_size=1, max_size=8))
    done = tuple(Performed(DAY, reps + draw(st.integers(0, 2)), 100.0, r) for r in rpes)
    rounded = draw(st.floats(0, 2))
    state = TrainingState("squat", target, 1, status="logged", performed=done, rounded=rounded)
    return state, Prescription((sets, sets), (reps, reps + 2), (lo, hi))


@settings(max_examples=300, deadline=None)
@given(sessions(), st.sampled_from([0.5, 1.0, 1.5, 2.0, 5.0]))
def test_every_set_at_or_under_the_target_s_top_is_on_target_and_never_too_hard(case, overshoot):
    state, rx = case
    assert within(state.target, state.performed, state.rounded)
    assert assess(state, rx, Autoregulation(overshoot=overshoot)).kind not in ("hard", "failed")


@settings(max_examples=300, deadline=None)
@given(sessions(over=3.0), st.sampled_from([0.5, 1.0, 2.0]), st.integers(0, 7))
def test_a_harder_rating_never_makes_a_session_easier(case, overshoot, which):
    # One set rated half a point harder: never from too hard to not, never from off target to on it.
    state, rx = case
    i = which % len(state.performed)
    p = state.performed[i]
    harder = state.performed[:i] + (Performed(p.date, p.reps, p.load, min((p.rpe or 0) + 0.5, 10.0)),) \
        + state.performed[i + 1:]
    tougher = TrainingState(state.form, state.target, 1, status="logged", performed=harder, rounded=state.rounded)
    rules_ = Autoregulation(overshoot=overshoot)
    if assess(state, rx, rules_).kind == "hard":
        assert assess(tougher, rx, rules_).kind == "hard"
    if not within(state.target, state.performed, state.rounded):
        assert not within(tougher.target, tougher.performed, tougher.rounded)


@settings(max_examples=200, deadline=None)
@given(HALVES.filter(lambda t: t <= 9), st.integers(2, 3), st.floats(0, 0.5))
def test_the_model_s_own_ramp_is_on_target_and_a_point_over_it_is_too_hard(label, sets, rounded):
    # A single RPE on 2 or 3 sets: the first set at the label plus what the rounding added, half a point a set
    # after it, is at or under the target; on 3 sets (the median set the middle one) the same sets a full
    # point harder (overshoot 1) are too hard.
    target = Target(sets, 5, (label, label), load=100.0)
    rx = Prescription((sets, sets), (5, 5), (label, label))
    model = [label + rounded + 0.5 * i for i in range(sets)]
    done = tuple(Performed(DAY, 5, 100.0, r) for r in model)
    assert within(target, done, rounded)
    if sets == 2:
        return
    over = tuple(Performed(DAY, 5, 100.0, r + 1) for r in model)
    state = TrainingState("squat", target, 1, status="logged", performed=over, rounded=rounded)
    assert assess(state, rx, Autoregulation()).kind == "hard"


def test_the_ceiling_is_the_range_s_top_or_half_a_point_over_a_single_rpe():
    assert ceiling(Target(3, 5, (7.0, 8.0))) == 8.0
    assert ceiling(Target(3, 5, (7.5, 7.5))) == 8.0
    assert ceiling(Target(1, 5, (7.5, 7.5))) == 7.5
    assert ceiling(Target(3, 5, None)) is None
    # what a load rounded up adds stops at half a point: a coarser step is the equipment's
    found = session_effort(Target(3, 5, (7.5, 7.5)), [Performed(DAY, 5, 70.0, 9.0)], rounded=1.2)
    assert found is not None and (found.ceiling, found.label) == (8.5, 8.0)


@settings(max_examples=300, deadline=None)
@given(sessions(over=3.0), st.sampled_from([0.5, 1.0, 2.0]), st.integers(0, 7), st.integers(1, 6))
def test_more_reps_at_the_same_rating_never_make_a_session_too_hard(case, overshoot, which, more):
    # A set of more reps than before at the same RPE shows more in reserve at the reps asked:
    # never from not too hard to too hard.
    state, rx = case
    i = which % len(state.performed)
    p = state.performed[i]
    longer = state.performed[:i] + (Performed(p.date, p.reps + more, p.load, p.rpe),) + state.performed[i + 1:]
    stronger = TrainingState(state.form, state.target, 1, status="logged", performed=longer, rounded=state.rounded)
    rules_ = Autoregulation(overshoot=overshoot)
    if assess(state, rx, rules_).kind != "hard":
        assert assess(stronger, rx, rules_).kind != "hard"


DB_ROW = ('[[exercise]]\nid = "dumbbell-row"\nname = "One-arm dumbbell row"\ncategory = "tertiary"\n'
          'loading = "dumbbell"\nequipment = ["dumbbells", "bench"]\n'
          '[exercise.prescription]\nsets = [3, 3]\nreps = [6, 12]\nrpe = [7, 8]\n')
ROW = slot("dumbbell-row", '"double"', "tertiary")


def rows(tmp_path: Path, units: str, bells: str, load: float, done: tuple[tuple[int, float], ...]) -> list:
    r = rules(tmp_path, ROW, weeks=2, units=units, extra=DB_ROW)
    a = athlete(tmp_path, f'[equipment]\navailable = ["dumbbells", "bench"]\ndumbbells = {bells}\n'
                          f"[maxes]\ndumbbell-row = {{ load = {load}, reps = 6, rpe = 8 }}\n", units=units)
    week1 = "".join(f"2027-01-04,dumbbell-row,,{n},{load},{units},{rpe}\n" for n, rpe in done)
    return series(plan(tmp_path, r, a, (log(tmp_path, week1),)), "dumbbell-row")


def test_more_reps_than_asked_at_a_high_rpe_is_read_at_the_reps_asked_kg(tmp_path):
    # 25 kg x 6 @ 8 (max): week 1 asks 3 x 6 at 25 kg. Logged 10, 10, 9 @ 8, 9, 9.5: at the 6 reps asked
    # that is RPE 4, 5 and 6.5 (a point a rep), median 5: not too hard (it used to read median 9, one over
    # the target's 8, and hold the load at 6 reps). Double progression reads the reps done: the fewest, 9,
    # at RPE 9.5, over the target's 8 as a whole: the same load again.
    week2 = rows(tmp_path, "kg", "[10, 15, 20, 25]", 25, ((10, 8), (10, 9), (9, 9.5)))[1]
    assert "too hard" not in week2.target.note
    assert week2.sets[0].load == 25.0


def test_more_reps_than_asked_at_a_high_rpe_is_read_at_the_reps_asked_lb(tmp_path):
    # The same in lb: 55 lb x 6 @ 8; logged 10, 10, 9 @ 8, 9, 9.5 at 55 lb: RPE 4, 5, 6.5 at 6 reps.
    week2 = rows(tmp_path, "lb", "[25, 35, 45, 55]", 55, ((10, 8), (10, 9), (9, 9.5)))[1]
    assert "too hard" not in week2.target.note
    assert week2.sets[0].load == 55.0


def test_the_reps_asked_at_a_high_rpe_are_still_too_hard_kg(tmp_path):
    # 6, 6, 6 @ 9, 9.5, 10 where 6 were asked: median 9.5. Week 1's load came from the max rounded up
    # (e1RM 25 x (1 + 8/30) = 31.67; 6 @ 7 wants 31.67 / 1.3 = 24.36, the dumbbells make 25: by that e1RM
    # 6 reps there are RPE 7.8, 0.8 over 7, counted up to 0.5): the target allows 8.5, and 9.5 is 1 over.
    week2 = rows(tmp_path, "kg", "[10, 15, 20, 25]", 25, ((6, 9), (6, 9.5), (6, 10)))[1]
    assert week2.target.note.startswith("too hard: median RPE 9.5 last time, 1 over the 8.5 the target allows")


@pytest.mark.parametrize(("units", "max_", "load"), [
    # 1RM 250 lb: 4 @ 7 (7 to failure) is 250 / (1 + 7/30) = 202.7 -> 205 lb; 1RM 110 kg: 89.2 -> 90 kg.
    ("lb", 250, 205.0),
    ("kg", 110, 90.0),
])
def test_double_below_the_top_adds_a_rep_only_after_a_session_within_the_target(tmp_path, units, max_, load):
    # 4, 4, 4 @ 8, 8.5, 9 on 7-8 (median 8.5, over the target as a whole): the same reps at the same load,
    # not a fifth rep that would start at about RPE 9.5 (by 4 @ 8: e1RM = load x 1.2, 6 to failure, so 5
    # reps are RPE 9). @ 7.5, 8, 8.5 (median 8, within) a fifth rep adds a point to each set (one rep less
    # in reserve at the same load): 8.5, 9, 9.5, a median of 9 the too-hard rule cuts: 4 reps again
    # (engine.foresee). @ 7, 7.5, 8: 8, 8.5, 9, a median of 8.5: a rep.
    r = rules(tmp_path, slot("squat", '"double"'), weeks=2, units=units)
    a = athlete(tmp_path, f"[maxes]\nsquat = {max_}\n", units=units)
    for rpes, reps, note in (
            ((8, 8.5, 9), 4, "effort was above target: aim for 4 reps at the same load"),
            ((7.5, 8, 8.5), 4, "aim for 4 reps at the same load: 5 would take the sets rated 7.5, 8, 8.5 last time to "
                               "about RPE 8.5, 9, 9.5, too hard for the program's RPE 7-8"),
            ((7, 7.5, 8), 5, "fewest reps last time: 4: aim for 5 reps at the same load")):
        lg = log(tmp_path, "".join(f"2027-01-04,squat,,4,{load:g},{units},{rpe}\n" for rpe in rpes))
        week2 = series(plan(tmp_path, r, a, (lg,)), "squat")[1]
        assert (week2.target.reps, week2.sets[0].load) == (reps, load)
        assert week2.target.note == note
