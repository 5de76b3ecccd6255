"""A deload session is never evidence: checked by hand, with the
arithmetic in the comments.

A deload is light on purpose (90 % of the load, RPE 5, where ratings mean
least), so no e1RM, policy or load from effort after it builds on it: the
last session before it stands, unless the athlete trained through the
deload at the working load.

Effort model (Epley on reps in reserve): a set of r reps at RPE x is
r + 10 - x reps to failure (RTF), and e1RM = load x (1 + RTF / 30); r reps
at RPE x take 1 / (1 + (r + 10 - x) / 30) of the e1RM.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_training import REG, athlete, log, plan, rules, series, slot

from engine import Progression, Target, hookimpl
from engine.explain import basis_text
from engine.pipeline import plan_rules
from engine.testing import make_registry

BENCH = """
[progressions.eff]
policy = "rpe"
step = 0.5

[deload]
every = 4
sets = 0.5
load = 0.9

[[exercise]]
id = "bench-press"
name = "Bench press"
category = "primary"
loading = "barbell"
equipment = ["barbell", "plates", "bench"]
tags = ["press", "compound"]

[exercise.prescription]
sets = [3, 4]
reps = [4, 6]
rpe = [7, 8]
"""
BENCH_SLOT = slot("bench-press", '"eff"', prescription="{ sets = [3, 3], reps = [5, 5], rpe = [6, 8] }")
KAI = ("[equipment]\navailable = [\"barbell\", \"plates\", \"rack\", \"bench\"]\nbar = 20\n"
       "plates = [25, 20, 15, 10, 5, 2.5, 1.25]\n"
       "[maxes]\nbench-press = { load = 90, reps = 5, rpe = 9, date = 2026-12-28 }\n")
# the bench rows of the log: weeks 1-3, then the deload week done as a deload (2 x 5 x 77.5 @ 5)
KAI_LOG = ("2027-01-04,bench-press,,5,85,kg,7\n2027-01-04,bench-press,,5,85,kg,7.5\n"
           "2027-01-04,bench-press,,5,85,kg,8\n"
           "2027-01-11,bench-press,,5,87.5,kg,8\n2027-01-11,bench-press,,5,87.5,kg,8.5\n"
           "2027-01-11,bench-press,,4,87.5,kg,9.5\n"
           "2027-01-18,bench-press,,5,87.5,kg,7.5\n2027-01-18,bench-press,,5,87.5,kg,8\n"
           "2027-01-18,bench-press,,5,87.5,kg,8\n"
           "2027-01-25,bench-press,,5,77.5,kg,5\n2027-01-25,bench-press,,5,77.5,kg,5\n")


def kai_bench(tmp_path: Path) -> list:
    r = rules(tmp_path, BENCH_SLOT, weeks=6, units="kg", extra=BENCH)
    a = athlete(tmp_path, KAI, units="kg")
    return series(plan(tmp_path, r, a, (log(tmp_path, KAI_LOG),)), "bench-press")


def test_the_rpe_policy_after_a_deload_builds_on_the_last_working_session_kg(tmp_path):
    # Kai's bench on the rpe policy (5 reps, RPE 6 -> 8 in 0.5 steps), plates 1.25 kg a side (2.5 kg steps).
    # Week 3 logged 87.5 x 5, 5, 5 @ 7.5, 8, 8; week 4 is the deload, logged 2 x 5 x 77.5 @ 5.
    # Week 5 reads week 3 (the state before the deload): median RPE 8 is 2 over the target's 6, too hard;
    # the weakest set, 5 @ 8 (7 RTF): e1RM 87.5 x (1 + 7/30) = 107.92; 5 at RPE 6 (9 RTF) is
    # 1 / 1.3 = 76.92% of it = 83.01 -> 82.5 kg.
    # Week 6: RPE 6.5, load from the e1RM. The last session that is evidence is still week 3 (and until the
    # next session the plan builds on its weakest set): 5 at RPE 6.5 (8.5 RTF) is 1 / 1.2833 = 77.92% of
    # 107.92 = 84.09 -> 85 kg. The deload's 5 x 77.5 @ 5 (10 RTF, e1RM 77.5 x 1.3333 = 103.33) used to set
    # it: 103.33 x 77.92% = 80.52 -> 80 kg, lighter while the target RPE rose from 6 to 6.5.
    w1, w2, w3, w4, w5, w6 = kai_bench(tmp_path)
    assert (w4.deload, [s.load for s in w4.performed]) == (True, [77.5, 77.5])
    assert (w5.target.rpe, w5.sets[0].load) == ((6.0, 6.0), 82.5)
    assert (w6.target.rpe, w6.sets[0].load) == ((6.5, 6.5), 85.0)
    assert round(w6.basis.e1rm, 2) == 107.92 and round(w6.basis.raw, 2) == 84.09
    where = tmp_path / "log.csv"
    # explain and the JSON's load_basis name the session the load comes from, and the deload passed over
    assert w6.basis.source == (f"logged 2027-01-18: 5 x 87.5 kg (RPE 8) at {where}:9, the weakest set of a "
                               "session that was too hard; the deload of 2027-01-25 sets no e1RM")
    assert basis_text(w6.basis, w6, "kg").startswith(f"logged 2027-01-18: 5 x 87.5 kg (RPE 8) at {where}:9")


RPE_LB = ('[progressions.eff]\npolicy = "rpe"\nstep = 0.5\n[deload]\nevery = 4\nsets = 0.5\nload = 0.9\n')
SQUAT_LB = "[maxes]\nsquat = { load = 200, reps = 5, rpe = 9 }\n"
EFFORT_5 = "{ sets = [3, 3], reps = [5, 5], rpe = [6, 8] }"


def squats_lb(tmp_path: Path, weeks: int, deload_week: str) -> list:
    """The rpe policy's squat, weeks 1-3 logged 3 x 5 x 185 at the target's RPE 6, 6.5, 7, then the
    deload week's rows."""
    r = rules(tmp_path, slot("squat", '"eff"', prescription=EFFORT_5), weeks=weeks, units="lb", extra=RPE_LB)
    rows = "".join(f"2027-01-{d},squat,,5,185,lb,{x}\n" for d, x in (("04", 6), ("11", 6.5), ("18", 7))
                   for _ in range(3))
    return series(plan(tmp_path, r, athlete(tmp_path, SQUAT_LB), (log(tmp_path, rows + deload_week),)), "squat")


def test_the_rpe_policy_after_a_deload_builds_on_the_last_working_session_lb(tmp_path):
    # Squat on the rpe policy, 3 x 5 @ RPE 6 -> 8 (0.5 a week), lb plates (5 lb steps on a 45 lb bar).
    # Max 200 x 5 @ 9 (6 RTF): e1RM 200 x 1.2 = 240. Week 1, RPE 6 (9 RTF): 240 / 1.3 = 184.6 -> 185.
    # Logged as planned each week, never too hard or too easy:
    #   week 1: 185 x 5 @ 6, 6, 6;       week 2 (RPE 6.5): 185 x 5 @ 6.5 x 3; week 3 (RPE 7): 185 x 5 @ 7 x 3
    # e1RM after week 3: 185 x (1 + 8/30) = 234.33. Week 4 deloads 0.9 x 185 = 166.5 -> 165, logged
    # 165 x 5 @ 5, 5 (e1RM 165 x (1 + 10/30) = 220).
    # Week 5, RPE 7.5 (7.5 RTF): 234.33 / 1.25 = 187.47 -> 185 (the deload would give 220 / 1.25 = 176 -> 175).
    # Week 6, RPE 8 (7 RTF): 234.33 / 1.2333 = 190.0 -> 190 (the deload: 220 / 1.2333 = 178.4 -> 180).
    w1, w2, w3, w4, w5, w6 = squats_lb(tmp_path, 6, "2027-01-25,squat,,5,165,lb,5\n" * 2)
    assert [w.sets[0].load for w in (w1, w2, w3)] == [185.0, 185.0, 185.0]
    assert (w4.deload, w4.sets[0].load) == (True, 165.0)
    assert [(w.target.rpe[0], w.sets[0].load) for w in (w5, w6)] == [(7.5, 185.0), (8.0, 190.0)]
    assert round(w5.basis.e1rm, 2) == round(w6.basis.e1rm, 2) == 234.33
    assert w6.basis.source.endswith("; the deload of 2027-01-25 sets no e1RM")


def test_a_load_from_effort_after_a_ramp_skips_the_deload_kg(tmp_path):
    # Linear 2.5 kg, 3 x 5 @ 7-8, deload every 2. Week 1 is logged as a ramp (one set per load: no load to
    # repeat), so week 2's load comes from its best set's e1RM; week 2 is the deload, logged 2 x 5 x 90 @ 5.
    # Week 3 again takes its load from an e1RM: the ramp's best set, 5 x 110 @ 8 (7 RTF): 110 x 1.2333 =
    # 135.67; 5 at RPE 7 (8 RTF) is 1 / 1.2667 of it = 107.11 -> 107.5 kg. The deload (90 x 1.3333 = 120)
    # used to give 120 / 1.2667 = 94.74 -> 95 kg.
    r = rules(tmp_path, slot("squat", '{ policy = "linear", increment = 2.5, reps = 5 }'), weeks=3, units="kg",
              extra="[deload]\nevery = 2\n")
    rows = ("2027-01-04,squat,,5,100,kg,7\n2027-01-04,squat,,5,105,kg,7.5\n2027-01-04,squat,,5,110,kg,8\n"
            + "2027-01-11,squat,,5,90,kg,5\n" * 2)
    a = athlete(tmp_path, "[maxes]\nsquat = { load = 120, reps = 5, rpe = 8, date = 2026-12-28 }\n", units="kg")
    w1, w2, w3 = series(plan(tmp_path, r, a, (log(tmp_path, rows),)), "squat")
    assert w2.deload and w3.sets[0].load == 107.5
    assert round(w3.basis.e1rm, 2) == 135.67
    assert w3.basis.source.startswith("logged 2027-01-04: 5 x 110 kg (RPE 8)")
    assert w3.basis.source.endswith("; the deload of 2027-01-11 sets no e1RM")


def test_a_deload_trained_through_is_still_evidence_lb(tmp_path):
    # The same lb squat, but the deload week lifted at the working 185 x 5 @ 7 x 2 (closer to 185 than to
    # the deload's 165): a normal session, so week 5 builds on it: e1RM 185 x (1 + 8/30) = 234.33, the
    # same numbers as week 3 but from 2027-01-25, and nothing is said about a deload.
    w5 = squats_lb(tmp_path, 5, "2027-01-25,squat,,5,185,lb,7\n" * 2)[4]
    assert w5.basis.source.startswith("logged 2027-01-25: 5 x 185 lb (RPE 7)")
    assert "sets no e1RM" not in w5.basis.source and w5.sets[0].load == 185.0


class Seen:
    """A plugin policy: the rpe policy's effort climb, recording what each
    exposure's context shows of the last session."""

    def __init__(self) -> None:
        self.performed: list[list[tuple[str, float | None]]] = []

    @hookimpl
    def engine_register_progressions(self, register):
        def start(ctx):
            return Target(sets=3, reps=5, rpe=(6.0, 6.0))

        def advance(ctx, prev):
            self.performed.append([(str(p.date), p.load) for p in ctx.performed or ()])
            rpe = prev.rpe[0] + 0.5
            return Target(prev.sets, prev.reps, (rpe, rpe), prev.added_load)  # the load from effort

        register(Progression("seen", start, advance, "Effort climbs; load from effort.", {"properties": {}}))


@pytest.mark.parametrize(("units", "work", "light", "load"), [
    # kg: weeks 1-3 logged 3 x 5 x 100 at the target's RPE 6, 6.5, 7; week 3's 5 @ 7 (8 RTF): e1RM
    # 100 x 1.2667 = 126.67. The deload, 0.9 x 100 = 90, logged 2 x 5 x 90 @ 5. Week 5 asks RPE 7.5 (the
    # climb pauses in the deload: 6, 6.5, 7, deload, 7.5): 7.5 RTF, 1 / 1.25 of the e1RM = 101.33 -> 102.5
    # kg (the nearer of 100 and 102.5). The deload's e1RM (90 x 1.3333 = 120) would give 96 -> 95.
    ("kg", 100, 90, 102.5),
    # lb: week 3 3 x 5 x 225 @ 7: e1RM 225 x 1.2667 = 285; 5 at RPE 7.5: 285 / 1.25 = 228 -> 230 (5 lb
    # steps). The deload asks 0.9 x 225 = 202.5 -> 200 (a tie goes lighter), logged at 205, still far from
    # 225 (a deload); its e1RM 205 x 1.3333 = 273.33 would give 218.67 -> 220.
    ("lb", 225, 205, 230.0),
])
def test_a_plugin_policy_reads_the_session_before_the_deload(tmp_path, units, work, light, load):
    seen = Seen()
    r = rules(tmp_path, slot("squat", '"seen"', prescription=EFFORT_5),
              weeks=5, units=units, extra="[deload]\nevery = 4\n")
    rows = "".join(f"2027-01-{d},squat,,5,{work},{units},{x}\n" for d, x in (("04", 6), ("11", 6.5), ("18", 7))
                   for _ in range(3))
    rows += f"2027-01-25,squat,,5,{light},{units},5\n" * 2
    a = athlete(tmp_path, f"[maxes]\nsquat = {{ load = {work}, reps = 5, rpe = 7 }}\n", units=units)
    exs = series(plan_rules(r, make_registry(seen), athlete=a, logs=[log(tmp_path, rows)]).plan, "squat")
    # the policy's context after the deload shows week 3's sets, not the deload's
    assert seen.performed[-1] == [("2027-01-18", float(work))] * 3
    assert exs[3].deload and exs[4].target.rpe == (7.5, 7.5) and exs[4].sets[0].load == load
    assert exs[4].basis.source.startswith(f"logged 2027-01-18: 5 x {work} {units} (RPE 7)")


@pytest.mark.parametrize(("units", "work", "light", "undated"), [
    # kg: week 1 logged 3 x 5 x 100 @ 8 (7 RTF): e1RM 100 x 1.2333 = 123.33. Week 2 (deload every 2) logged
    # 2 x 5 x 90 @ 5: 90 x 1.3333 = 120. An undated 1RM of 134 kg is 11.7% over the deload's 120 (warned
    # about before) but 8.65% over the session the plan builds on (123.33): within a session's swing, nothing
    # to say.
    ("kg", 100, 90, 134),
    # lb: 3 x 5 x 225 @ 8: e1RM 225 x 1.2333 = 277.5; the deload (0.9 x 225 -> 200) logged 2 x 5 x 205 @ 5:
    # 273.33. A 1RM of 303 lb is 9.2% over 277.5 but 10.9% over the deload: nothing to say.
    ("lb", 225, 205, 303),
])
def test_an_undated_max_is_compared_with_the_session_before_the_deload(tmp_path, units, work, light, undated):
    r = rules(tmp_path, slot("squat", '"double"'), weeks=3, units=units, extra="[deload]\nevery = 2\n")
    rows = f"2027-01-04,squat,,5,{work},{units},8\n" * 3 + f"2027-01-11,squat,,5,{light},{units},5\n" * 2
    a = athlete(tmp_path, f"[maxes]\nsquat = {undated}\n", units=units)
    outcome = plan_rules(r, REG, athlete=a, logs=[log(tmp_path, rows)])
    assert [w.message for w in outcome.warnings if w.path and w.path[0] == "maxes"] == []
    # 10 above that (kg: 144, 16.8% over 123.33; lb: 313, 12.8% over 277.5) and the warning names the
    # session before the deload
    a = athlete(tmp_path, f"[maxes]\nsquat = {undated + 10}\n", units=units)
    outcome = plan_rules(r, REG, athlete=a, logs=[log(tmp_path, rows)])
    said = [w.message for w in outcome.warnings if w.path and w.path[0] == "maxes"]
    assert len(said) == 1 and "the log's session of 2027-01-04" in said[0]
