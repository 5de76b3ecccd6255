"""Generated logs of barbell and trap-bar lifts for kg and lb athletes,
each load in either units: every set lighter than the profile's bar (by
more than a bar in the other units differs) is an error at its load cell,
and nothing else is (engine.logchecks). Read as lifted, 20 lb for a squat
would take the next squat down to the empty bar."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile import FUZZ, examples

from engine.errors import EngineError
from engine.loads import convert
from engine.logchecks import SAME_BAR
from engine.pipeline import plan_rules
from engine.plugins import build_registry

REG = build_registry(load_entry_points=False)
RULES = ('version = 1\n[program]\nname = "T"\nsplit = "full-body"\ndays = ["mon"]\nweeks = 2\nunits = "{units}"\n'
         'start = 2027-01-04\n[[slot]]\nname = "main"\ncategory = "primary"\n'
         'select = {{ selector = "ordered", from = ["squat"] }}\nprogression = "linear"\n')
# (spelling in the log, the bar it goes on)
FORMS = [("squat", "bar"), ("deadlift", "bar"), ("deadlift/trap-bar", "trap_bar"), ("hip-thrust", "bar"),
         ("split-squat/smith-machine", None)]  # (a Smith machine's bar is often counterweighted: never checked)
BARS = {"kg": ([20, 15, 10], [25, 30]), "lb": ([45, 35, 33], [55, 60])}


@pytest.mark.parametrize("units", ["kg", "lb"])
@settings(max_examples=examples(40), **FUZZ)
@given(data=st.data())
def test_a_barbell_load_under_the_profiles_bar_is_an_error_at_its_cell(tmp_path_factory, units, data):
    bars, traps = BARS[units]
    bar, trap = data.draw(st.sampled_from(bars), label="bar"), data.draw(st.sampled_from(traps), label="trap")
    rows = data.draw(st.lists(st.tuples(st.sampled_from(FORMS), st.sampled_from(["kg", "lb"]),
                                        st.sampled_from([0.5, 2.5, 5, 10, 15, 20, 25, 33, 35, 40, 44.09, 45, 55,
                                                         60, 100, 225]),
                                        st.sampled_from(["working", "warmup", "failure"])),
                              min_size=1, max_size=8), label="rows")
    folder = tmp_path_factory.mktemp("bar")
    (folder / "rules.toml").write_text(RULES.format(units=units))
    (folder / "a.toml").write_text(f'[athlete]\nname = "A"\nunits = "{units}"\n[equipment]\nbar = {bar}\n'
                                   f'trap_bar = {trap}\n')
    lines = [f"2027-01-0{1 + i % 3},{form},5,{load:g},{logged},{'' if kind == 'failure' else 8},{kind}"
             for i, ((form, _), logged, load, kind) in enumerate(rows)]
    (folder / "log.csv").write_text("date,exercise,reps,load,units,rpe,set_type\n" + "\n".join(lines) + "\n")
    # (a warm-up is never read for progress: a lighter bar's, or a slip, is nothing to stop a plan for)
    expected = sorted((i + 2, len(",".join(line.split(",")[:3])) + 2) for i, (((_, which), logged, load, kind), line)
                      in enumerate(zip(rows, lines, strict=True))
                      if kind != "warmup" and which is not None
                      and convert(load, logged, units) < {"bar": bar, "trap_bar": trap}[which] * (1 - SAME_BAR))
    try:
        plan_rules(folder / "rules.toml", REG, athlete=folder / "a.toml", logs=[folder / "log.csv"])
        found = []
    except EngineError as exc:
        found = sorted((p.line, p.column) for p in exc.problems if p.severity == "error")
        assert all("is under the" in p.message for p in exc.problems if p.severity == "error")
    assert found == expected
