"""The JSON exporter's layout against json.dumps, and the texts it keeps
for the next athlete never standing for other values.

The reference layout below is written from the rule the README states,
with json.dumps for every value: short innermost objects (and any array)
holding only numbers, strings, booleans and nulls on one line, everything
else one value per line.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from engine import model as M
from engine.exporters import json as json_exporter
from engine.exporters.jsonlayout import INLINE, Style, dumps


def reference(data: Any, indent: int, depth: int = 0) -> str:
    """The layout, value by value through json.dumps."""
    one_line = json.dumps(data, ensure_ascii=False)
    flat = isinstance(data, (dict, list)) and not any(
        isinstance(v, (dict, list)) for v in (data.values() if isinstance(data, dict) else data))
    if not isinstance(data, (dict, list)) or (flat and (isinstance(data, list) or len(one_line) <= INLINE or not data)):
        return one_line
    inner, outer = "\n" + " " * (indent * (depth + 1)), "\n" + " " * (indent * depth)
    if isinstance(data, list):
        return "[" + inner + ("," + inner).join(reference(v, indent, depth + 1) for v in data) + outer + "]"
    entries = (json.dumps({k: 0}, ensure_ascii=False)[1:-4] + ": " + reference(v, indent, depth + 1)
               for k, v in data.items())
    return "{" + inner + ("," + inner).join(entries) + outer + "}"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**64, 2**64) | st.floats() | st.text(max_size=60)
    | st.sampled_from(["%s", "%%", "a\nb", "\u2028", "x" * (INLINE - 12)]),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=6),
    max_leaves=50,
)


@settings(max_examples=500, deadline=None)
@given(data=JSON_VALUES, indent=st.integers(0, 8))
def test_the_layout_is_json_dumps_value_by_value(data, indent):
    assert dumps(data, indent) == reference(data, indent)


def test_the_reference_is_the_layout_the_readme_shows():
    data = {"sets": [{"reps": 5, "rpe": 8, "load": 100.0}], "range": [3, 4], "basis": {"source": "x" * INLINE}}
    assert reference(data, 2).split("\n") == [
        "{", '  "sets": [', '    {"reps": 5, "rpe": 8, "load": 100.0}', "  ],", '  "range": [3, 4],',
        '  "basis": {', f'    "source": "{"x" * INLINE}"', "  }", "}"]


# Plans whose values collide as Python keys: 1, 1.0 and True; 0, 0.0 and
# -0.0; 2**53 and 2.0**53; NaN. Each value is of the model's declared type
# (an int stands for a float, a bool for an int, as type checkers allow).
# FEW strings make whole objects collide too.

FLOAT = st.sampled_from([0, 0.0, -0.0, 1, 1.0, True, False, 7, 7.0, 7.5, 2**53, 2.0**53, 10**20, 1e20, math.nan,
                         math.inf, -math.inf, 290.0, 0.12345678]) | st.floats()
INT = st.sampled_from([0, 1, True, False, 5, 2**53, 10**20]) | st.integers(-10**25, 10**25)
MAYBE = st.none() | FLOAT
FEW = st.sampled_from(["", "a"])
TEXT = FEW | st.sampled_from(["50%s off", "%", '"q"', "\n", "é", "x" * (INLINE - 20)]) | st.text(max_size=30)


@st.composite
def exercises(draw, text=TEXT):
    variant = draw(st.none() | st.builds(M.Variant, id=text, name=text))
    rx = M.Prescription(sets=draw(st.tuples(INT, INT)), reps=draw(st.tuples(INT, INT)),
                        rpe=draw(st.none() | st.tuples(FLOAT, FLOAT)), per_side=draw(st.booleans()),
                        rest=draw(st.none() | st.tuples(INT, INT)))
    basis = draw(st.none() | st.builds(
        M.LoadBasis, source=text, e1rm=MAYBE, percent=MAYBE, raw=MAYBE, load=MAYBE, rounding=text, note=text,
        change=text, implements=st.sampled_from([1, 2, True]), owed=FLOAT))
    return M.PlannedExercise(
        slot=draw(text), choice=M.Choice(M.Exercise(id=draw(text), name=draw(text), category="primary",
                                                    prescription=rx), variant),
        category=draw(text), prescription=rx, progression=draw(text),
        target=M.Target(sets=3, reps=5, added_load=draw(FLOAT), note=draw(text)),
        sets=tuple(draw(st.lists(st.builds(M.PlannedSet, reps=INT, rpe=MAYBE, load=MAYBE), max_size=4))),
        notes=draw(text), basis=basis,
        performed=tuple(draw(st.lists(st.builds(M.Performed, date=st.dates(), reps=INT, load=MAYBE, rpe=MAYBE,
                                                 kind=text, form=text), max_size=3))),
        deload=draw(st.booleans()), missed=draw(st.booleans()))


@st.composite
def plans(draw, text=TEXT):
    found = draw(st.lists(exercises(text), max_size=6))
    days = tuple(M.Day(draw(text), draw(st.none() | st.dates()), tuple(found[i::2]), draw(st.booleans()))
                 for i in range(2))
    athlete = draw(st.none() | st.builds(M.Athlete, name=text, units=text, bodyweight=MAYBE,
                                         sensitivities=st.lists(text, max_size=3).map(tuple)))
    program = M.Program(draw(text), draw(text), tuple(draw(st.lists(text, max_size=3))), draw(st.integers(0, 60)),
                        draw(text), draw(st.none() | st.dates()))
    notes = tuple(draw(st.lists(st.builds(M.Note, id=text, title=text, text=text), max_size=2)))
    extra = tuple(draw(st.lists(st.builds(
        M.LoggedSession, date=st.dates(), choice=st.builds(M.Choice, st.builds(
            M.Exercise, id=text, name=text, category=st.just("primary"), prescription=st.just(RX)),
            st.none() | st.builds(M.Variant, id=text, name=text)),
        sets=st.lists(st.builds(M.Performed, date=st.dates(), reps=INT, load=MAYBE, rpe=MAYBE, kind=text, form=text),
                      max_size=3).map(tuple),
        implements=INT), max_size=2)))
    return M.Plan(program, (M.Week(1, days, draw(st.booleans()), extra), M.Week(2, ())), notes, athlete=athlete)


@settings(max_examples=100, deadline=None)
@given(plan=plans(), indent=st.integers(0, 8))
def test_a_plan_is_its_data_laid_out(plan, indent):
    data = json_exporter.plan_dict(plan)
    assert json_exporter.render(plan, {"indent": indent}) == reference(data, indent) + "\n"
    assert json_exporter.render(plan, {"compact": True}) == json.dumps(data, ensure_ascii=False) + "\n"


@settings(max_examples=100, deadline=None)
@given(batch=st.lists(plans(FEW), min_size=2, max_size=5), indent=st.integers(0, 2))
def test_a_text_kept_for_the_next_athlete_stands_for_its_own_values_only(batch, indent):
    # Each plan comes out as a layout with nothing kept yet writes it.
    layouts = (({"indent": indent}, Style("\n", " " * indent)), ({"compact": True}, Style("", "", compact=True)))
    for plan in batch:
        for options, style in layouts:
            alone = "".join(json_exporter._plan(plan, style)) + "\n"
            assert json_exporter.render(plan, options) == alone


RX = M.Prescription((3, 3), (5, 5))


def _exercise(rx: M.Prescription = RX, added_load: Any = 0.0, sets: Any = (), basis: Any = None) -> M.PlannedExercise:
    return M.PlannedExercise("main", M.Choice(M.Exercise("squat", "Squat", "primary", rx)), "primary", rx, "fixed",
                             M.Target(3, 5, added_load=added_load), tuple(M.PlannedSet(*s) for s in sets),
                             basis=basis)


def _line(ex: M.PlannedExercise, starts: str) -> str:
    text = json_exporter.render(M.Plan(M.Program("p", "s", ("mon",), 1, "kg"), (M.Week(1, (M.Day(
        "mon", dt.date(2027, 1, 4), (ex,)),)),)), {"compact": True})
    return text[text.index(starts):]


def _basis(**numbers: Any) -> M.LoadBasis:
    return M.LoadBasis("max", **numbers)


def test_values_python_calls_equal_are_written_as_their_own():
    # Each pair is equal as Python values, one after the other in a batch.
    cases = [
        (_exercise(sets=[(5, 8, 0.0)]), _exercise(sets=[(5, 8, -0.0)]), '"sets": [{"reps": 5, "rpe": 8, "load": -0.0}'),
        (_exercise(sets=[(1, 8, 1.0)]), _exercise(sets=[(True, 8, 1.0)]), '"sets": [{"reps": true, "rpe": 8, "load"'),
        (_exercise(sets=[(1, 1, 1.0)]), _exercise(sets=[(1, True, 1.0)]), '"sets": [{"reps": 1, "rpe": true, "load"'),
        (_exercise(sets=[(1, 2**53, 1.0)]), _exercise(sets=[(1, 2.0**53, 1.0)]), '"rpe": 9007199254740992.0, "load"'),
        (_exercise(added_load=1), _exercise(added_load=True), '"added_load": true'),
        (_exercise(basis=_basis(owed=0.0)), _exercise(basis=_basis(owed=-0.0)), '"owed": -0.0}'),
        (_exercise(basis=_basis(e1rm=100)), _exercise(basis=_basis(e1rm=100.0)), '"e1rm": 100.0, "percent"'),
        (_exercise(basis=_basis(load=1)), _exercise(basis=_basis(load=True)), '"load": true, "rounding"'),
        (_exercise(M.Prescription((1, 3), (5, 5))), _exercise(M.Prescription((True, 3), (5, 5))), '"sets": [true, 3]'),
        (_exercise(M.Prescription((3, 3), (5, 5), rpe=(2**53, 8))),
         _exercise(M.Prescription((3, 3), (5, 5), rpe=(2.0**53, 8))), '"rpe": [9007199254740992.0, 8]'),
    ]
    for first, second, want in cases:
        assert want not in _line(first, '"slot"')
        assert want in _line(second, '"slot"')
