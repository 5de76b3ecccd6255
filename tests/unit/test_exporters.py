"""Exporters: golden files, the JSON contract, markdown escaping.

Regenerate the golden files after an intended change with

    UPDATE_GOLDEN=1 python -m pytest tests/unit/test_exporters.py

and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import model as M
from engine.exporters import json as json_exporter
from engine.exporters.jsonlayout import INLINE, dumps
from engine.pipeline import export, plan_rules
from engine.testing import make_registry

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN", "") not in ("", "0")

FORMATS = {"text": ".txt", "json": ".json", "markdown": ".md"}
EXAMPLES = ("glute-day", "full-body")


def render(name: str, fmt: str, options=None) -> str:
    reg = make_registry()
    plan = plan_rules(RULES / f"{name}.toml", reg).plan
    return export(plan, reg, fmt, options or {})


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("name", EXAMPLES)
def test_golden(name, fmt):
    out = render(name, fmt).encode("utf-8")
    golden = GOLDEN / f"{name}{FORMATS[fmt]}"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(out)
    assert golden.exists(), f"{golden} is missing; create it with UPDATE_GOLDEN=1"
    expected = golden.read_bytes()
    assert out == expected, (
        f"{name} as {fmt} differs from {golden.name}; if the change is intended, "
        "regenerate with UPDATE_GOLDEN=1 python -m pytest tests/unit/test_exporters.py and review the diff")


def test_output_is_byte_identical_across_runs():
    for fmt in FORMATS:
        assert render("glute-day", fmt) == render("glute-day", fmt)


# -- the JSON contract ---------------------------------------------------------------------


def contract(name="glute-day"):
    return json.loads(render(name, "json"))


def test_json_contract_keys():
    data = contract()
    assert {"program", "weeks"} <= set(data)
    assert {"name", "split", "days", "weeks", "units", "start"} <= set(data["program"])
    assert len(data["weeks"]) == 8
    for n, week in enumerate(data["weeks"], 1):
        assert {"week", "days"} <= set(week) and week["week"] == n
        for day in week["days"]:
            assert {"day", "date", "exercises"} <= set(day)
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", day["date"])
            for ex in day["exercises"]:
                assert {"slot", "id", "name", "category", "prescription", "sets"} <= set(ex)
                rx = ex["prescription"]
                assert {"sets", "reps", "rpe", "per_side"} <= set(rx)
                for key in ("sets", "reps", "rpe"):
                    assert isinstance(rx[key], list) and len(rx[key]) == 2
                    assert all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in rx[key])
                assert isinstance(rx["per_side"], bool)
                assert ex["category"] in ("primary", "secondary", "tertiary")
                assert ex["sets"]
                for s in ex["sets"]:
                    assert {"reps", "rpe", "load"} <= set(s)
                    assert isinstance(s["reps"], int)
                    assert s["load"] is None or isinstance(s["load"], float)


def test_json_contract_values():
    data = contract()
    assert data["program"] == {"name": "Glute and hamstring day", "split": "body-part", "days": ["mon"],
                               "weeks": 8, "units": "lb", "start": "2026-12-07"}
    day = data["weeks"][0]["days"][0]
    assert (day["day"], day["date"]) == ("mon", "2026-12-07")
    squat = day["exercises"][0]
    assert (squat["slot"], squat["id"], squat["name"], squat["category"]) == (
        "main lift", "squat", "Back squat", "primary")
    assert squat["prescription"]["sets"] == [3, 4]
    assert squat["prescription"]["reps"] == [4, 6]
    assert squat["prescription"]["rpe"] == [7, 8]
    assert squat["prescription"]["per_side"] is False
    assert squat["sets"] == [{"reps": 4, "rpe": 7, "load": None}, {"reps": 4, "rpe": 7.5, "load": None},
                             {"reps": 4, "rpe": 8, "load": None}]
    step_up = day["exercises"][3]
    assert step_up["id"] == "step-up" and step_up["prescription"]["per_side"] is True


def test_json_without_start_has_null_dates(tmp_path):
    text = (RULES / "glute-day.toml").read_text().replace("start = 2026-12-07\n", "")
    path = tmp_path / "r.toml"
    path.write_text(text)
    reg = make_registry()
    data = json.loads(export(plan_rules(path, reg).plan, reg, "json", {}))
    assert data["program"]["start"] is None
    assert {d["date"] for w in data["weeks"] for d in w["days"]} == {None}


def test_json_indent_option():
    compact = render("glute-day", "json", {"indent": 0})
    assert "\n  " not in compact
    assert json.loads(compact) == contract()


# -- text ---------------------------------------------------------------------------------------


def test_text_notes_option():
    assert "\nNotes\n" in render("glute-day", "text")
    without = render("glute-day", "text", {"notes": False})
    assert "Notes" not in without and "REP model" not in without


def test_text_columns_are_aligned():
    lines = [ln for ln in render("glute-day", "text").splitlines()
             if re.match(r"    (primary|secondary|tertiary) ", ln)]
    assert len(lines) == 40
    # The exercise name and the sets x reps start in the same column on every line.
    names = {re.match(r"    \w+ +", ln).end() for ln in lines}
    schemes = {re.search(r"  \d+ x \d+", ln).start() for ln in lines}
    assert len(names) == 1 and len(schemes) == 1


def test_text_marks_per_side_and_added_load():
    out = render("glute-day", "text")
    assert "2 x 8/side @ RPE 7-8" in out
    assert "+5 lb" in out
    assert "rest 1-2 min" in out


def test_text_and_markdown_show_rest_days(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text("""\
version = 1
[program]
name = "T"
split = "full-body"
days = ["mon", "thu"]
weeks = 1
[[slot]]
category = "primary"
select = { selector = "ordered", from = ["squat"] }
""")
    reg = make_registry()
    plan = plan_rules(path, reg).plan
    assert "  Thu\n    rest day\n" in export(plan, reg, "text", {})
    assert "### Thu\n\nRest day.\n" in export(plan, reg, "markdown", {})


# -- markdown -------------------------------------------------------------------------------------


PIPES = """\
version = 1
[program]
name = "Pipes | *stars* _under_"
days = ["mon"]
weeks = 1

[[exercise]]
id = "pull-through"
name = "Cable | band pull-through"
category = "tertiary"
prescription = { sets = [2, 3], reps = [12, 15], rpe = [7, 8] }

[[slot]]
category = "tertiary"
select = { selector = "ordered", from = ["pull-through"] }
notes = "Hips back | squeeze\\nat the top <b>"
"""


def test_markdown_escapes_pipes_and_markup(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text(PIPES)
    reg = make_registry()
    out = export(plan_rules(path, reg).plan, reg, "markdown", {})
    assert out.startswith("# Pipes \\| \\*stars\\* \\_under\\_\n")
    [row] = [ln for ln in out.splitlines() if "pull-through" in ln]
    assert "Cable \\| band pull-through" in row
    assert "Hips back \\| squeeze at the top \\<b\\>" in row
    # Exactly eight unescaped pipes: seven cells.
    assert len(re.findall(r"(?<!\\)\|", row)) == 8


def test_markdown_one_table_per_day_and_notes_option():
    out = render("full-body", "markdown")
    assert out.count("| Category | Exercise |") == 8 * 3
    assert out.count("## Week ") == 8
    assert "## Notes" in out
    assert "## Notes" not in render("full-body", "markdown", {"notes": False})


def test_markdown_rows_have_seven_cells():
    for line in render("glute-day", "markdown").splitlines():
        if line.startswith("|"):
            assert len(re.findall(r"(?<!\\)\|", line)) == 8, line


# -- the JSON layout ---------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**60, 2**60) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(data=JSON_VALUES, indent=st.integers(0, 8))
def test_the_layout_is_json_that_reads_back_the_same(data, indent):
    text = dumps(data, indent)
    assert json.loads(text) == data
    assert dumps(data, indent) == text


def test_short_leaves_sit_on_one_line_and_long_ones_are_spread():
    data = {"sets": [{"reps": 5, "load": 100.0}], "basis": {"source": "x" * INLINE, "load": 1}, "empty": {}}
    assert dumps(data).split("\n") == [
        "{",
        '  "sets": [',
        '    {"reps": 5, "load": 100.0}',
        "  ],",
        '  "basis": {',
        f'    "source": "{"x" * INLINE}",',
        '    "load": 1',
        "  },",
        '  "empty": {}',
        "}",
    ]


# The JSON contract is plan_dict/exercise_dict; `dumps` lays it out. Whatever
# the data (odd strings, values at the inline limit, NaN, huge numbers), the
# text reads back as the same data, at any indent.

TEXT = st.text(max_size=120) | st.sampled_from(["", "x" * (INLINE - 20), 'quo"te\\', "\u2028", "é"])
NUMBER = st.none() | st.integers(0, 10**20) | st.floats(allow_nan=True, allow_infinity=True) | st.just(-0.0)
PAIR = st.tuples(st.integers(0, 100), st.integers(0, 100))
RPE = st.none() | st.tuples(st.floats(1, 10) | st.integers(1, 10), st.floats(1, 10))


@st.composite
def planned_exercises(draw):
    variant = draw(st.none() | st.builds(M.Variant, id=TEXT, name=TEXT))
    rx = M.Prescription(sets=draw(PAIR), reps=draw(PAIR), rpe=draw(RPE), per_side=draw(st.booleans()),
                        rest=draw(st.none() | PAIR))
    exercise = M.Exercise(id=draw(TEXT), name=draw(TEXT), category="primary", prescription=rx)
    number = st.none() | st.floats(allow_nan=False, allow_infinity=False) | st.integers(-10, 10**6)
    return M.PlannedExercise(
        slot=draw(TEXT), choice=M.Choice(exercise, variant), category=draw(TEXT), prescription=rx,
        progression=draw(TEXT),
        target=M.Target(sets=3, reps=5, added_load=draw(st.floats(-1e9, 1e9) | st.integers(-5, 5)), note=draw(TEXT)),
        sets=tuple(draw(st.lists(st.builds(M.PlannedSet, reps=st.integers(0, 10**30), rpe=NUMBER, load=number),
                                 max_size=4))),
        notes=draw(TEXT),
        basis=draw(st.none() | st.builds(M.LoadBasis, source=TEXT, e1rm=number, percent=number, raw=number,
                                         load=number, rounding=TEXT, note=TEXT)),
        performed=tuple(draw(st.lists(st.builds(
            M.Performed, date=st.dates(), reps=st.integers(0, 50), load=number, rpe=NUMBER, kind=TEXT), max_size=3))),
        deload=draw(st.booleans()),
    )


@settings(max_examples=300, deadline=None)
@given(ex=planned_exercises(), indent=st.integers(0, 4))
def test_exercises_read_back_as_the_same_data(ex, indent):
    data = json_exporter.exercise_dict(ex)
    text = dumps(data, indent)
    assert _same(json.loads(text), data)
    for line in text.splitlines():  # short innermost objects and arrays sit on one line
        assert not line.strip().startswith(('"reps"', '"rpe"')) or indent == 0 or len(line) < 200


def _same(a: Any, b: Any) -> bool:
    """Equal, NaN being equal to itself (it is written as NaN)."""
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


@pytest.mark.parametrize("rules", ["glute-day", "full-body", "low-back-friendly"])
@pytest.mark.parametrize("athlete", [None, "sam", "alex"])
def test_whole_plans_read_back_as_their_contract(rules, athlete):
    reg = make_registry()
    profile = ROOT / "athletes" / f"{athlete}.toml" if athlete else None
    plan = plan_rules(RULES / f"{rules}.toml", reg, athlete=profile).plan
    data = json_exporter.plan_dict(plan)
    for indent in (2, 4):
        text = export(plan, reg, "json", {"indent": indent})
        assert json.loads(text) == data
        assert text.splitlines()[1].startswith(" " * indent + '"program"')


def test_compact_json_is_one_line_with_the_same_data():
    pretty, compact = render("glute-day", "json"), render("glute-day", "json", {"compact": True})
    assert compact.count("\n") == 1 and compact.endswith("}\n")
    assert json.loads(compact) == json.loads(pretty) and len(compact) < len(pretty) * 0.8


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_control_characters_in_names_cannot_drive_the_terminal(tmp_path, fmt):
    rules = tmp_path / "odd.toml"
    rules.write_text((RULES / "glute-day.toml").read_text()
                     .replace('name = "Glute and hamstring day"', 'name = "Glute \\u001b[2J\\u0007day\\r"'))
    reg = make_registry()
    out = export(plan_rules(rules, reg).plan, reg, fmt, {})
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "\\x1b" in out and "\\x07day" in out  # shown, escaped


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("control", ["\u202e", "\u2067", "\u200f", "\u061c"])
def test_bidirectional_controls_in_names_cannot_reorder_the_sheet(tmp_path, fmt, control):
    # U+202E (right-to-left override) in a name turns the rest of its line around on screen.
    rules = tmp_path / "odd.toml"
    rules.write_text((RULES / "glute-day.toml").read_text()
                     .replace('name = "Glute and hamstring day"', f'name = "Glute {control}day"'))
    reg = make_registry()
    out = export(plan_rules(rules, reg).plan, reg, fmt, {})
    assert control not in out and f"Glute \\u{ord(control):04x}day" in out


# Text with every kind of line break and white space a TOML string can hold.
BREAKING = st.text(alphabet=st.sampled_from(list("ab |\n\r\t\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\u00a0 ")),
                   min_size=1, max_size=12).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None)
@given(program=BREAKING, name=BREAKING, notes=BREAKING, athlete=BREAKING)
def test_text_prints_every_name_and_note_on_one_line(tmp_path_factory, program, name, notes, athlete):
    """A line break in a program, exercise or athlete name, or in a slot's
    notes, prints as a space: the plan has the lines a plain one has, and
    each exercise's line holds its name and notes."""
    tmp = tmp_path_factory.mktemp("breaks")

    def text(program, name, notes, athlete) -> str:
        rules = tmp / "r.toml"
        rules.write_text(PIPES.replace('"Pipes | *stars* _under_"', json.dumps(program))
                         .replace('"Cable | band pull-through"', json.dumps(name))
                         .replace('"Hips back | squeeze\\nat the top <b>"', json.dumps(notes)), "utf-8")
        profile = tmp / "a.toml"
        profile.write_text(f'version = 1\n[athlete]\nname = {json.dumps(athlete)}\nunits = "kg"\n', "utf-8")
        reg = make_registry()
        return export(plan_rules(rules, reg, athlete=profile).plan, reg, "text", {})

    out = text(program, name, notes, athlete)
    plain = text("P", "N", "notes", "A")
    assert len(out.splitlines()) == len(plain.splitlines())
    [row] = [ln for ln in out.splitlines() if ln.startswith("    tertiary ")]
    assert f"  {' '.join(name.split())}  " in row and f"  {' '.join(notes.split())}" in row
    assert out.splitlines()[0] == " ".join(program.split())


def test_json_performed_sets_name_the_form_the_log_has(tmp_path):
    """Planned as a conventional deadlift, logged as a sumo one: each
    performed set carries the form it was lifted as."""
    rules = tmp_path / "r.toml"
    rules.write_text('version = 1\n[program]\nname = "P"\ndays = ["mon"]\nweeks = 2\nunits = "lb"\n'
                     'start = 2027-01-04\n[[slot]]\ncategory = "primary"\n'
                     'select = { selector = "ordered", from = ["deadlift"] }\n')
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,variant,reps,load,units\n" + "2027-01-04,deadlift,sumo,5,315,lb\n" * 2)
    reg = make_registry()
    data = json.loads(export(plan_rules(rules, reg, logs=[log]).plan, reg, "json", {}))
    [done] = data["weeks"][0]["days"][0]["exercises"]
    assert (done["variant"], [p["form"] for p in done["performed"]]) == ("conventional", ["deadlift/sumo"] * 2)
