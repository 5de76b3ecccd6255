"""A plugin policy's target at a load the current e1RM puts outside its
RPE range is labelled with the effort expected there, and the note says
by which e1RM (engine.policylabel). The engine's own policies are checked
as their loads are made; a plugin's may ask any reps at any load. Checked
by hand."""

from __future__ import annotations

from test_training import athlete, rules, series

import engine
from engine.pipeline import plan_rules
from engine.testing import make_registry


class Climb:
    """Two reps more and a step more load each exposure: a policy that sets its own loads."""

    @engine.hookimpl
    def engine_register_progressions(self, register):
        def start(ctx):
            return engine.Target(sets=3, reps=6, rpe=ctx.prescription.rpe)

        def advance(ctx, prev):
            load = None if prev.load is None else prev.load + ctx.options["step"]
            return engine.replace(prev, reps=prev.reps + ctx.options.get("more", 2), load=load, note="climb")

        register(engine.Progression("climb", start, advance, "More reps, more load.",
                                    {"properties": {"step": {"type": "number"}, "more": {"type": "integer"}}}))


REG = make_registry(Climb())
SLOT = ('[[slot]]\nname = "rdl"\ncategory = "secondary"\n'
        'select = { selector = "ordered", from = ["romanian-deadlift"] }\n'
        'progression = { policy = "climb", step = STEP }\nprescription = { sets = 3, reps = [6, 10], rpe = [7, 8] }\n')


def _plan(tmp_path, units, top):
    r = rules(tmp_path, SLOT.replace("STEP", "5" if units == "lb" else "2.5"), weeks=3, units=units)
    a = athlete(tmp_path, f"[maxes]\nromanian-deadlift = {{ load = {top}, reps = 8, rpe = 8 }}\n", units=units)
    return series(plan_rules(r, REG, athlete=a).plan, "romanian-deadlift")


def test_lb_a_plugin_policys_heavier_load_for_more_reps_is_labelled_with_its_effort(tmp_path):
    # RDL 225 x 8 @ 8: e1RM 300; 6 at RPE 7 are 230.77, 230 lb. The policy asks 8 reps at 235: 300 / 235 = 1.2766,
    # 8.30 reps to failure, RPE 9.7, "about RPE 9.5" (it printed @ RPE 7-8). Its next step, 10 at 240 (RPE 12.5 by
    # 300), is refused by the step check that label now feeds: 3 x 8 at 235 again, at RPE 9.5.
    exs = _plan(tmp_path, "lb", 225)
    assert [(e.target.reps, e.sets[0].load, e.sets[0].rpe) for e in exs] == [(6, 230.0, 7.0), (8, 235.0, 9.5),
                                                                             (8, 235.0, 9.5)]
    assert exs[1].target.note == (f"climb; 8 reps at 235 lb are about RPE 9.5 by the e1RM 300 lb (max in "
                                  f"{tmp_path / 'a.toml'}: romanian-deadlift 225 lb (8 reps at RPE 8))")
    assert exs[1].target.rpe == (7.0, 8.0)  # the target stays the policy's: the label is the sets'


def test_kg_a_plugin_policys_heavier_load_for_more_reps_is_labelled_with_its_effort(tmp_path):
    # 100 x 8 @ 8: e1RM 133.33; 6 at RPE 7 are 102.56, 102.5 kg; 8 at 105 kg are 8.10 reps to failure, RPE 9.9.
    exs = _plan(tmp_path, "kg", 100)
    assert [(e.target.reps, e.sets[0].load, e.sets[0].rpe) for e in exs] == [(6, 102.5, 7.0), (8, 105.0, 10.0),
                                                                             (8, 105.0, 10.0)]
    assert "8 reps at 105 kg are about RPE 10 by the e1RM 133.33 kg" in exs[1].target.note


def test_a_plugin_policys_lighter_week_is_not_labelled(tmp_path):
    # The same policy stepping down 15 lb: 8 at 215 lb are 11.86 reps to failure by 300 (RPE 6.1), 10 at 200 lb
    # 15 (RPE 5): under the target's 7-8 is the policy's own easy week, printed at its target's RPE.
    r = rules(tmp_path, SLOT.replace("STEP", "-15"), weeks=3)
    a = athlete(tmp_path, "[maxes]\nromanian-deadlift = { load = 225, reps = 8, rpe = 8 }\n")
    exs = series(plan_rules(r, REG, athlete=a).plan, "romanian-deadlift")
    assert [(e.target.reps, e.sets[0].load, e.sets[0].rpe) for e in exs] == [(6, 230.0, 7.0), (8, 215.0, 7.0),
                                                                             (10, 200.0, 7.0)]
    assert [e.target.note for e in exs] == ["", "climb", "climb"]


def test_lb_a_plugin_target_past_failure_says_so(tmp_path):
    # Six reps more at the same 230 lb: 12 reps, where 300 / 230 leaves 9.13 reps to failure. The label stops at
    # RPE 10; the note says past failure (it said "about RPE 10").
    r = rules(tmp_path, SLOT.replace("STEP", "0, more = 6"), weeks=2)
    a = athlete(tmp_path, "[maxes]\nromanian-deadlift = { load = 225, reps = 8, rpe = 8 }\n")
    exs = series(plan_rules(r, REG, athlete=a).plan, "romanian-deadlift")
    assert [(e.target.reps, e.sets[0].load, e.sets[0].rpe) for e in exs] == [(6, 230.0, 7.0), (12, 230.0, 10.0)]
    assert "12 reps at 230 lb are past failure by the e1RM 300 lb" in exs[1].target.note
