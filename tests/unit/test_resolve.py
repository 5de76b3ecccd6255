"""Semantic checks JSON Schema cannot express, and the `Rules` they build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.errors import WARNING, EngineError
from engine.pipeline import load_rules
from engine.testing import make_registry

HEAD = """\
version = 1
{top}
[program]
name = "T"
split = "{split}"
days = {days}
weeks = 3
{program}
"""

PRIMARY = """
[[slot]]
name = "main"
category = "primary"
select = { selector = "ordered", from = ["squat"] }
"""


def rule_file(*slots: str, split: str = "body-part", days: str = '["mon"]', program: str = "",
              top: str = "", tail: str = "") -> str:
    return HEAD.format(split=split, days=days, program=program, top=top) + "".join(slots) + tail


def load(tmp_path: Path, text: str, registry=None):
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return load_rules(path, registry or make_registry())


def problems(tmp_path: Path, text: str, registry=None):
    with pytest.raises(EngineError) as info:
        load(tmp_path, text, registry)
    found = list(info.value.problems)
    assert all(p.line >= 1 and p.column >= 1 for p in found)
    return found


def only(tmp_path: Path, text: str):
    found = problems(tmp_path, text)
    assert len(found) == 1, found
    return found[0]


# -- exercises -------------------------------------------------------------------


def test_unknown_exercise_id_with_suggestion(tmp_path):
    p = only(tmp_path, rule_file(PRIMARY.replace('"squat"', '"dedlift"')))
    assert p.path == ("slot", 0, "select", "from", 0)
    assert p.message == "unknown exercise 'dedlift'; did you mean 'deadlift'?"


def test_every_unknown_exercise_is_reported(tmp_path):
    found = problems(tmp_path, rule_file(PRIMARY.replace('["squat"]', '["sqat", "deadlift", "hip-thrusts"]')))
    assert [p.path for p in found] == [("slot", 0, "select", "from", 0), ("slot", 0, "select", "from", 2)]
    assert "did you mean 'hip-thrust'?" in found[1].message


def test_duplicate_exercise_id_vs_builtin(tmp_path):
    extra = ('\n[[exercise]]\nid = "squat"\nname = "My squat"\ncategory = "primary"\n'
             'prescription = { sets = 3, reps = 5 }\n')
    p = only(tmp_path, rule_file(PRIMARY, tail=extra))
    assert p.path == ("exercise", 0, "id")
    assert p.message == "exercise id 'squat' is already defined by the built-in catalog"


def test_duplicate_exercise_id_within_the_file(tmp_path):
    ex = ('\n[[exercise]]\nid = "good-morning"\nname = "GM"\ncategory = "secondary"\n'
          'prescription = { sets = 3, reps = 8 }\n')
    p = only(tmp_path, rule_file(PRIMARY, tail=ex + ex))
    assert p.path == ("exercise", 1, "id")
    assert "already defined by" in p.message and "rules.toml" in p.message


def test_duplicate_variant_id(tmp_path):
    ex = ('\n[[exercise]]\nid = "good-morning"\nname = "GM"\ncategory = "secondary"\n'
          'prescription = { sets = 3, reps = 8 }\n'
          'variant = [{ id = "a", name = "A" }, { id = "a", name = "B" }]\n')
    p = only(tmp_path, rule_file(PRIMARY, tail=ex))
    assert p.path == ("exercise", 0, "variant")
    assert p.message == "variant id 'a' is used twice"


def test_custom_exercise_is_a_candidate(tmp_path):
    ex = ('\n[[exercise]]\nid = "good-morning"\nname = "Good morning"\ncategory = "secondary"\n'
          'tags = ["hinge"]\nprescription = { sets = [3, 4], reps = [8, 12], rir = [2, 3] }\n')
    slot = '\n[[slot]]\ncategory = "secondary"\nselect = { selector = "ordered", tags = ["hinge"] }\n'
    rules = load(tmp_path, rule_file(PRIMARY, slot, tail=ex)).rules
    # Category filter then tag filter: romanian-deadlift and good-morning, in catalog order.
    assert [e.id for e in rules.slots[1].candidates] == ["romanian-deadlift", "good-morning"]
    assert rules.exercises["good-morning"].prescription.rpe == (7.0, 8.0)


# -- ranges ----------------------------------------------------------------------


@pytest.mark.parametrize("where, text, path", [
    ("slot", PRIMARY + "prescription = { reps = [8, 4] }\n", ("slot", 0, "prescription", "reps")),
    ("named", PRIMARY + "\n[prescriptions.x]\nsets = [5, 3]\n", ("prescriptions", "x", "sets")),
    ("rpe", PRIMARY + "prescription = { rpe = [9, 7] }\n", ("slot", 0, "prescription", "rpe")),
    ("rest", PRIMARY + "prescription = { rest = [180, 60] }\n", ("slot", 0, "prescription", "rest")),
    ("week", "\n[week]\nprimary = [2, 1]\n" + PRIMARY, ("week", "primary")),
    ("exercise", PRIMARY + '\n[[exercise]]\nid = "gm"\nname = "GM"\ncategory = "primary"\n'
                            'prescription = { sets = 3, reps = [12, 8] }\n',
     ("exercise", 0, "prescription", "reps")),
])
def test_inverted_ranges(tmp_path, where, text, path):
    found = problems(tmp_path, rule_file(text))
    inverted = [p for p in found if "minimum above its maximum" in p.message]
    assert [p.path for p in inverted] == [path], found


def test_inverted_range_message(tmp_path):
    p = only(tmp_path, rule_file(PRIMARY + "prescription = { reps = [8, 4] }\n"))
    assert p.message == "range [8, 4] has its minimum above its maximum"


# -- the weekly composition --------------------------------------------------------


def test_categories_cannot_add_up_to_the_total(tmp_path):
    week = "\n[week]\nexercises = 2\nprimary = 1\nsecondary = 2\ntertiary = 1\n"
    p = only(tmp_path, rule_file(week + PRIMARY))
    assert p.path == ("week", "exercises")
    assert p.message == "impossible week: the categories allow 4 to 4 exercises, but exercises asks for 2"


def test_slots_give_the_wrong_count_for_a_category(tmp_path):
    p = only(tmp_path, rule_file("\n[week]\nprimary = 2\n" + PRIMARY))
    assert p.path == ("week", "primary")
    assert "the slots give 1 primary exercise each week ('main' x1)" in p.message
    assert "asks for 2" in p.message


def test_category_with_no_slot(tmp_path):
    p = only(tmp_path, rule_file("\n[week]\nsecondary = [1, 2]\n" + PRIMARY))
    assert p.path == ("week", "secondary")
    assert "0 secondary exercises" in p.message and "(no slot)" in p.message and "1 to 2" in p.message


def test_slots_give_the_wrong_total(tmp_path):
    p = only(tmp_path, rule_file("\n[week]\nexercises = [4, 5]\n" + PRIMARY))
    assert p.path == ("week", "exercises")
    assert p.message == "impossible week: the slots give 1 exercises each week, but [week] asks for 4 to 5"


def test_the_article_week_is_possible(tmp_path):
    rules = load(tmp_path, (Path(__file__).resolve().parents[2] / "rules" / "glute-day.toml").read_text()).rules
    assert rules.composition.exercises == (4, 5)
    assert dict(rules.composition.per_category) == {"primary": (1, 1), "secondary": (2, 2), "tertiary": (1, 2)}


# -- names -----------------------------------------------------------------------------


def test_unknown_prescription_name(tmp_path):
    text = rule_file(PRIMARY + 'prescription = "hevy"\n', tail="\n[prescriptions.heavy]\nsets = 5\n")
    p = only(tmp_path, text)
    assert p.path == ("slot", 0, "prescription")
    assert p.message == "unknown prescription 'hevy'; did you mean 'heavy'? (defined: heavy)"


def test_unknown_prescription_name_with_none_defined(tmp_path):
    p = only(tmp_path, rule_file(PRIMARY + 'prescription = "heavy"\n'))
    assert "define it in a [prescriptions.heavy] table" in p.message


def test_unknown_progression_name(tmp_path):
    p = only(tmp_path, rule_file(PRIMARY + 'progression = "dubble"\n'))
    assert p.path == ("slot", 0, "progression")
    assert p.message.startswith("unknown progression 'dubble'; did you mean 'double'?")
    assert "double, linear, none, rpe" in p.message


def test_unknown_program_level_progression(tmp_path):
    p = only(tmp_path, rule_file(PRIMARY, program='progression = "lineer"'))
    assert p.path == ("program", "progression")
    assert "did you mean 'linear'?" in p.message


def test_unknown_policy_in_a_named_progression_is_a_schema_error(tmp_path):
    p = only(tmp_path, rule_file(PRIMARY, tail='\n[progressions.mine]\npolicy = "doubel"\n'))
    assert p.path == ("progressions", "mine", "policy")
    assert "did you mean 'double'?" in p.message


def test_named_progression_options_are_passed_through(tmp_path):
    text = rule_file(PRIMARY + 'progression = "heavy-double"\n',
                     tail='\n[progressions.heavy-double]\npolicy = "double"\nincrement = 10\nrep_step = 2\n')
    rule = load(tmp_path, text).rules.slots[0].progression
    assert (rule.name, rule.policy) == ("heavy-double", "double")
    assert dict(rule.options) == {"increment": 10, "rep_step": 2}
    assert rule.plugin == "engine.progression"


def test_inline_progression_table(tmp_path):
    text = rule_file(PRIMARY + 'progression = { policy = "linear", increment = 5 }\n')
    rule = load(tmp_path, text).rules.slots[0].progression
    assert (rule.name, rule.policy, dict(rule.options)) == ("linear", "linear", {"increment": 5})


def test_policy_name_used_directly(tmp_path):
    rule = load(tmp_path, rule_file(PRIMARY + 'progression = "rpe"\n')).rules.slots[0].progression
    assert (rule.name, rule.policy, dict(rule.options)) == ("rpe", "rpe", {})


def test_program_level_default_progression(tmp_path):
    second = ('\n[[slot]]\ncategory = "secondary"\nselect = { selector = "ordered", from = ["hip-thrust"] }\n'
              'progression = "none"\n')
    text = rule_file(PRIMARY, second, program='progression = "steady"',
                     tail='\n[progressions.steady]\npolicy = "linear"\nincrement = 2.5\n')
    slots = load(tmp_path, text).rules.slots
    assert (slots[0].progression.name, slots[0].progression.policy) == ("steady", "linear")
    assert dict(slots[0].progression.options) == {"increment": 2.5}
    # A slot's own progression wins over the program default.
    assert slots[1].progression.policy == "none"


def test_without_any_progression_the_default_is_none(tmp_path):
    assert load(tmp_path, rule_file(PRIMARY)).rules.slots[0].progression.policy == "none"


def test_named_prescription_patches_each_exercise(tmp_path):
    slot = PRIMARY.replace('["squat"]', '["squat", "deadlift"]') + 'count = 2\nprescription = "heavy"\n'
    text = rule_file(slot, tail="\n[prescriptions.heavy]\nreps = [3, 5]\nrir = 1\n")
    rule = load(tmp_path, text).rules.slots[0]
    assert dict(rule.prescription) == {"reps": [3, 5], "rir": 1}


def test_duplicate_named_prescription_across_an_include(tmp_path):
    (tmp_path / "shared.toml").write_text('version = 1\n[prescriptions.heavy]\nsets = 5\n')
    text = rule_file(PRIMARY, top='include = ["shared.toml"]', tail="\n[prescriptions.heavy]\nsets = 4\n")
    p = only(tmp_path, text)
    assert p.path == ("prescriptions", "heavy")
    assert p.file.endswith("shared.toml")
    assert "already defined in" in p.message


# -- program and days ---------------------------------------------------------------------


def test_body_part_split_with_two_days(tmp_path):
    p = only(tmp_path, rule_file(PRIMARY, days='["mon", "thu"]'))
    assert p.path == ("program", "days")
    assert "2 days" in p.message and 'split = "full-body"' in p.message


def test_pinned_day_not_in_days(tmp_path):
    p = only(tmp_path, rule_file(PRIMARY + 'day = "fri"\n', split="full-body", days='["mon", "thu"]'))
    assert p.path == ("slot", 0, "day")
    assert p.message == "day 'fri' is not a training day (days: mon, thu)"


def test_days_are_put_in_week_order(tmp_path):
    rules = load(tmp_path, rule_file(PRIMARY, split="full-body", days='["fri", "mon", "wed"]')).rules
    assert rules.program.days == ("mon", "wed", "fri")


def test_program_defaults(tmp_path):
    rules = load(tmp_path, rule_file(PRIMARY)).rules
    p = rules.program
    assert (p.units, p.start, p.seed, p.weeks) == ("kg", None, 0, 3)
    assert [n.id for n in rules.notes] == ["rep-model", "pain", "effort"]
    slot = rules.slots[0]
    assert (slot.name, slot.count, slot.selector, slot.day) == ("main", 1, "ordered", None)


def test_notes_can_be_turned_off(tmp_path):
    assert load(tmp_path, rule_file(PRIMARY, program="notes = false")).rules.notes == ()


def test_start_date_is_read(tmp_path):
    import datetime as dt

    assert load(tmp_path, rule_file(PRIMARY, program="start = 2026-12-09")).rules.program.start == dt.date(2026, 12, 9)


# -- candidates ------------------------------------------------------------------------------


def test_tags_that_leave_no_candidates_name_what_was_removed(tmp_path):
    slot = PRIMARY.replace('from = ["squat"]', 'from = ["squat", "deadlift"], tags = ["unilateral"]')
    p = only(tmp_path, rule_file(slot))
    assert p.path == ("slot", 0, "select")
    assert "no exercise is left for slot 'main'" in p.message
    assert "(squat, deadlift)" in p.message
    assert "['unilateral']" in p.message


def test_exclude_tags_that_leave_no_candidates(tmp_path):
    slot = '\n[[slot]]\ncategory = "secondary"\nselect = { selector = "ordered", exclude_tags = ["glutes"] }\n'
    p = only(tmp_path, rule_file(slot))
    assert "of category secondary (hip-thrust, romanian-deadlift)" in p.message
    assert "exclude_tags ['glutes']" in p.message


def test_count_larger_than_candidates(tmp_path):
    slot = ('\n[[slot]]\ncategory = "tertiary"\ncount = 3\n'
            'select = { selector = "ordered", tags = ["low-back-friendly"] }\n')
    p = only(tmp_path, rule_file(slot))
    assert p.path == ("slot", 0, "count")
    assert "asks for 3 exercises each week" in p.message
    assert "(hip-extension)" in p.message


def test_tag_and_exclude_filters(tmp_path):
    slot = ('\n[[slot]]\ncategory = "tertiary"\ncount = 2\n'
            'select = { selector = "rotate", tags = ["hamstrings"], exclude_tags = ["unilateral"] }\n')
    rules = load(tmp_path, rule_file(slot)).rules
    assert [e.id for e in rules.slots[0].candidates] == ["hamstring-curl", "hip-extension"]


def test_selector_options_exclude_the_component_keys(tmp_path):
    slot = PRIMARY.replace('selector = "ordered", from = ["squat"]',
                           'selector = "rotate", every = 2, variants = true, from = ["squat", "deadlift"]')
    rule = load(tmp_path, rule_file(slot)).rules.slots[0]
    assert dict(rule.options) == {"every": 2, "variants": True}
    assert [e.id for e in rule.candidates] == ["squat", "deadlift"]


# -- exporter options --------------------------------------------------------------------------


def test_options_for_an_exporter_that_is_not_installed_warn(tmp_path):
    outcome = load(tmp_path, rule_file(PRIMARY, tail="\n[export.ical]\ncalendar = \"x\"\n"))
    [w] = outcome.warnings
    assert w.severity == WARNING and w.path == ("export", "ical")
    assert "not installed" in w.message and "json, markdown, text" in w.message


def test_export_options_are_kept(tmp_path):
    outcome = load(tmp_path, rule_file(PRIMARY, tail="\n[export.text]\nnotes = false\n"))
    assert outcome.rules.export_options == {"text": {"notes": False}}
    assert outcome.warnings == []


def test_all_semantic_problems_at_once(tmp_path):
    slot = PRIMARY.replace('"squat"', '"sqat"') + 'progression = "dubble"\nday = "sun"\n'
    found = problems(tmp_path, rule_file(slot, days='["mon", "wed"]'))
    assert {p.path for p in found} == {
        ("slot", 0, "select", "from", 0), ("slot", 0, "progression"), ("slot", 0, "day"), ("program", "days")}


def test_progression_reps_outside_the_rep_range_is_a_warning(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(
        'version = 1\n[program]\nname = "T"\ndays = ["mon"]\nweeks = 2\n'
        '[[slot]]\ncategory = "primary"\nselect = { selector = "rotate", from = ["squat", "deadlift"] }\n'
        'progression = { policy = "linear", reps = 8 }\n')
    from engine.pipeline import load_rules
    from engine.testing import make_registry

    warnings = load_rules(path, make_registry()).warnings
    assert [(w.severity, w.path, w.message) for w in warnings] == [(
        "warning", ("slot", 0, "progression"),
        "progression 'linear' sets 8 reps, outside the rep range of squat (4-6), deadlift (4-6)")]


# -- deloads ---------------------------------------------------------------------

HALVES = st.integers(2, 20).map(lambda n: n / 2)  # RPE 1 to 10 in half points


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(every=st.integers(2, 52), weeks=st.integers(1, 104), rpe=st.tuples(HALVES, HALVES))
def test_a_deload_that_cannot_happen_is_located(tmp_path, every, weeks, rpe):
    """A reversed [deload] rpe range is an error at it; a deload every N
    weeks in a program shorter than N weeks never comes: a warning at every."""
    text = rule_file(PRIMARY, tail=f"\n[deload]\nevery = {every}\nrpe = [{rpe[0]:g}, {rpe[1]:g}]\n")
    text = text.replace("weeks = 3", f"weeks = {weeks}")
    lines = text.splitlines()
    at = {key: (i + 1, 1) for i, line in enumerate(lines) for key in ("every", "rpe") if line.startswith(key)}
    if rpe[0] > rpe[1]:
        found = problems(tmp_path, text)
        errors = [p for p in found if p.is_error]
        assert [(p.path, p.line) for p in errors] == [(("deload", "rpe"), at["rpe"][0])]
        assert errors[0].message == f"range [{rpe[0]:g}, {rpe[1]:g}] has its minimum above its maximum"
    else:
        found = load(tmp_path, text).warnings
    late = [p for p in found if p.path == ("deload", "every")]
    assert bool(late) is (every > weeks)
    if late:
        assert late[0].severity == WARNING and late[0].line == at["every"][0]
        assert f"the first deload would be in week {every}, after the program's last week (week {weeks})" in (
            late[0].message)


# -- forms in `from` ---------------------------------------------------------------

FORM_TAILS = st.one_of(st.just(""), st.sampled_from(["high-bar", "low-bar", "sumo", "/", "high-bar/", " "]),
                       st.text(alphabet="abcdefgh-/ ", max_size=10))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tail=FORM_TAILS)
def test_a_form_in_from_names_a_real_variant_or_is_located(tmp_path, tail):
    """`from = ["squat/<tail>"]`: a known variant picks that form; anything
    else after the slash, nothing included ("squat/"), is an error at that
    item, never read as the whole exercise."""
    text = rule_file(PRIMARY.replace('from = ["squat"]', f"from = [{json.dumps('squat/' + tail)}]"))
    if tail in ("high-bar", "low-bar"):
        rules = load(tmp_path, text).rules
        assert [v.id for v in rules.slots[0].candidates[0].variants] == [tail]
        return
    [p] = problems(tmp_path, text)
    assert p.path == ("slot", 0, "select", "from", 0)
    line = text.splitlines().index(next(ln for ln in text.splitlines() if ln.startswith("select =")))
    assert p.line == line + 1
    assert ("names no variant after the '/'" if tail == "" else f"has no variant {tail!r}") in p.message


def test_slots_sharing_a_name_are_warned_about_at_each_later_one(tmp_path):
    # The CSV's slot column, explain and the sheet tell slots apart by name: two "main" slots read as one.
    second = PRIMARY.replace('"squat"', '"deadlift"')
    third = PRIMARY.replace('"squat"', '"hip-thrust"').replace('"primary"', '"secondary"')
    outcome = load(tmp_path, rule_file(PRIMARY, second, third, split="full-body"))
    said = [(w.path, w.line, w.message) for w in outcome.warnings if w.path[-1:] == ("name",)]
    assert said == [(("slot", 1, "name"), 16, "slot[0] is named 'main' too: exports and explain tell slots apart "
                                               "by name; give each slot a name of its own"),
                    (("slot", 2, "name"), 21, "slot[0] is named 'main' too: exports and explain tell slots apart "
                                               "by name; give each slot a name of its own")]
    assert all(w.severity == WARNING for w in outcome.warnings if w.path[-1:] == ("name",))
