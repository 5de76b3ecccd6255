"""A max of another form of an exercise the plan trains with no load is
warned about at that max (engine.maxuse.other_form_maxes): the seated
curl's max is not the lying curl's unless a ratio says so, and a coach
who wrote one likely meant it for the other."""

from __future__ import annotations

import pytest
from test_training import REG, athlete, rules, slot

from engine.pipeline import plan_rules

CURL = slot("hamstring-curl", '"double"', "tertiary", pick="hamstring-curl/lying")


@pytest.mark.parametrize("units", ["kg", "lb"])
def test_a_max_of_another_form_not_used_is_warned_about_at_that_max(tmp_path, units):
    a = athlete(tmp_path, "[maxes]\nhamstring-curl = { load = 40, reps = 12, rpe = 8 }\n", units=units)
    outcome = plan_rules(rules(tmp_path, CURL, units=units), REG, athlete=a)
    [w] = [p for p in outcome.warnings if p.path == ("maxes", "hamstring-curl")]
    assert w.message.startswith("this max is not used for hamstring-curl/lying, which the plan trains from week 1 "
                                "with no load (choose by effort)")
    assert (w.line, w.column, w.severity) == (6, 1, "warning")


@pytest.mark.parametrize("more", ['[ratios]\n"hamstring-curl/lying" = 1.0\n',
                                  '"hamstring-curl/lying" = 35\n'])
def test_a_ratio_or_the_forms_own_max_says_nothing(tmp_path, more):
    body = "[maxes]\nhamstring-curl = { load = 40, reps = 12, rpe = 8 }\n"
    body = body + more if more.startswith('"') else more + body
    outcome = plan_rules(rules(tmp_path, CURL), REG, athlete=athlete(tmp_path, body))
    assert not [p for p in outcome.warnings if p.path[:1] == ("maxes",)]
    lying = [ex for w in outcome.plan.weeks for d in w.days for ex in d.exercises]
    assert all(s.load is not None for ex in lying for s in ex.sets)
