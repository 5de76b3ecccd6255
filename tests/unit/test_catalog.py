"""The built-in catalog: the article's eight exercises with its exact numbers."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from engine.catalog import (
    as_range,
    builtin_exercises,
    builtin_notes,
    exercise_from_data,
    prescription_from_data,
    rpe_range,
)
from engine.model import Prescription
from engine.schema import base_schema
from engine.testing import make_registry

IDS = (
    "squat",
    "deadlift",
    "hip-thrust",
    "romanian-deadlift",
    "step-up",
    "split-squat",
    "hamstring-curl",
    "hip-extension",
)

# id -> (category, sets, reps, rpe, per_side), straight from the article.
ARTICLE = {
    "squat": ("primary", (3, 4), (4, 6), (7.0, 8.0), False),
    "deadlift": ("primary", (3, 4), (4, 6), (7.0, 8.0), False),
    "hip-thrust": ("secondary", (3, 4), (6, 10), (7.0, 8.0), False),
    "romanian-deadlift": ("secondary", (3, 4), (6, 10), (7.0, 8.0), False),
    "step-up": ("tertiary", (2, 4), (8, 12), (7.0, 8.0), True),
    "split-squat": ("tertiary", (2, 4), (10, 15), (7.0, 8.0), True),
    "hamstring-curl": ("tertiary", (2, 4), (10, 15), (8.0, 9.0), False),
    "hip-extension": ("tertiary", (2, 4), (10, 20), (7.0, 8.0), False),
}

REQUIRED_ALIASES = {
    "Squat (Barbell)": "squat",
    "Romanian Deadlift (Barbell)": "romanian-deadlift",
    "Hip Thrust (Barbell)": "hip-thrust",
    "Seated Leg Curl (Machine)": "hamstring-curl",
    "Back Extension": "hip-extension",
}


def by_id():
    return {e.id: e for e in builtin_exercises()}


def all_aliases():
    """(alias, exercise id) for exercise-level and variant-level aliases."""
    out = []
    for e in builtin_exercises():
        out += [(a, e.id) for a in e.aliases]
        out += [(a, e.id) for v in e.variants for a in v.aliases]
    return out


def test_exactly_the_eight_article_exercises_in_article_order():
    assert tuple(e.id for e in builtin_exercises()) == IDS


@pytest.mark.parametrize("ex_id", IDS)
def test_prescription_matches_the_article(ex_id):
    category, sets, reps, rpe, per_side = ARTICLE[ex_id]
    ex = by_id()[ex_id]
    assert ex.category == category
    assert ex.prescription.sets == sets
    assert ex.prescription.reps == reps
    assert ex.prescription.rpe == rpe
    assert ex.prescription.per_side is per_side


def test_categories_give_one_two_and_four():
    cats = [e.category for e in builtin_exercises()]
    assert cats.count("primary") == 2
    assert cats.count("secondary") == 2
    assert cats.count("tertiary") == 4


def test_only_unilateral_work_is_per_side():
    per_side = {e.id for e in builtin_exercises() if e.prescription.per_side}
    assert per_side == {"step-up", "split-squat"}
    for ex_id in per_side:
        assert "unilateral" in by_id()[ex_id].tags


def test_split_squat_rest_is_one_to_two_minutes():
    assert by_id()["split-squat"].prescription.rest == (60, 120)


@pytest.mark.parametrize("alias, ex_id", sorted(REQUIRED_ALIASES.items()))
def test_required_alias_present(alias, ex_id):
    owners = [i for a, i in all_aliases() if a == alias]
    assert owners == [ex_id], f"{alias!r} should belong to {ex_id} only, found {owners}"


def test_aliases_unique_case_insensitively():
    seen: dict[str, str] = {}
    clashes = []
    for alias, ex_id in all_aliases():
        key = alias.casefold()
        if key in seen:
            clashes.append((alias, seen[key], ex_id))
        seen[key] = ex_id
    assert clashes == []


def test_aliases_never_equal_an_exercise_or_variant_name():
    names = {e.name.casefold() for e in builtin_exercises()}
    names |= {v.name.casefold() for e in builtin_exercises() for v in e.variants}
    assert [a for a, _ in all_aliases() if a.casefold() in names] == []


def test_variants_from_the_article():
    ex = by_id()
    assert [v.id for v in ex["squat"].variants] == ["high-bar", "low-bar"]
    assert [v.id for v in ex["deadlift"].variants] == ["conventional", "sumo", "trap-bar", "rack-pull"]
    assert {"barbell", "machine"} <= {v.id for v in ex["hip-thrust"].variants}
    assert {"seated", "lying", "standing", "band", "dumbbell"} <= {v.id for v in ex["hamstring-curl"].variants}
    # The preferred hamstring curl (seated) is the default form.
    assert ex["hamstring-curl"].variants[0].id == "seated"


def test_variant_ids_unique_within_each_exercise():
    for e in builtin_exercises():
        ids = [v.id for v in e.variants]
        assert len(ids) == len(set(ids)), e.id


def test_low_back_friendly_tags():
    friendly = {e.id for e in builtin_exercises() if "low-back-friendly" in e.tags}
    assert {"hip-thrust", "hip-extension"} <= friendly
    assert not friendly & {"squat", "deadlift", "romanian-deadlift"}


def test_every_exercise_trains_glutes_or_hamstrings():
    for e in builtin_exercises():
        assert {"glutes", "hamstrings"} & set(e.tags), e.id


def test_packaged_catalog_validates_against_the_exercise_schema():
    schema = base_schema()
    validator = Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/exercise"})
    raw = tomllib.loads(resources.files("engine.catalog").joinpath("exercises.toml").read_text("utf-8"))
    assert len(raw["exercise"]) == 8
    for entry in raw["exercise"]:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(entry)]
        assert errors == [], (entry["id"], errors)


def test_exercise_schema_rejects_a_broken_entry():
    """The schema check above can fail: a broken entry is caught."""
    schema = base_schema()
    validator = Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/exercise"})
    broken = {"id": "Bad Id", "name": "x", "category": "quaternary", "prescription": {"sets": 3}}
    assert len(list(validator.iter_errors(broken))) >= 3


def test_registry_exposes_the_catalog_through_the_hook():
    reg = make_registry()
    assert tuple(reg.exercises) == IDS
    assert all(r.plugin == "engine.catalog" for r in reg.exercises.values())
    assert all(r.component.source == "builtin" for r in reg.exercises.values())


def test_notes_printed_once_per_plan_include_a_pain_note():
    notes = {n.id: n for n in builtin_notes()}
    assert {"rep-model", "pain", "effort"} <= set(notes)
    assert "pain" in notes["pain"].text.lower()
    assert all(n.title and n.text for n in notes.values())


# -- converters shared with rule files ---------------------------------------


def test_as_range():
    assert as_range(3) == (3, 3)
    assert as_range([3, 4]) == (3, 4)


def test_rir_converts_to_rpe_and_flips():
    assert rpe_range({"rir": [2, 3]}) == (7.0, 8.0)
    assert rpe_range({"rir": 1}) == (9.0, 9.0)
    assert rpe_range({"rpe": [7, 8]}) == (7.0, 8.0)
    assert rpe_range({}) is None


def test_prescription_patch_keeps_the_rest_from_the_base():
    base = Prescription(sets=(3, 4), reps=(6, 10), rpe=(7.0, 8.0), per_side=True, rest=(60, 120))
    rx = prescription_from_data({"reps": [12, 20], "rir": [2, 3]}, base)
    assert rx == Prescription(sets=(3, 4), reps=(12, 20), rpe=(7.0, 8.0), per_side=True, rest=(60, 120))
    assert prescription_from_data({"sets": 5}, base).sets == (5, 5)
    assert prescription_from_data({"per_side": False}, base).per_side is False


def test_exercise_from_data_variants_inherit_equipment():
    ex = exercise_from_data({
        "id": "x", "name": "X", "category": "tertiary",
        "prescription": {"sets": [2, 3], "reps": [10, 15]},
        "equipment": ["band"],
        "variant": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "equipment": []}],
    }, "file.toml")
    assert ex.loading == "barbell"
    assert ex.variants[0].equipment == ("band",)
    assert ex.variants[1].equipment == ()
    assert ex.source == "file.toml"
    assert ex.prescription.rpe is None
