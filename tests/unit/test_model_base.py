"""The model's value classes: equality and hashing come from the compared fields."""

from __future__ import annotations

import pytest

from engine.model.base import Frozen, FrozenInstanceError, replace, set_field


class Pair(Frozen):
    __slots__ = ("a", "b")
    _not_compared = ("b",)

    def __init__(self, a: int, b: int) -> None:
        set_field(self, "a", a)
        set_field(self, "b", b)


class Nothing(Frozen):
    __slots__ = ()


class Ignored(Frozen):
    __slots__ = ("note",)
    _not_compared = ("note",)

    def __init__(self, note: str) -> None:
        set_field(self, "note", note)


def test_fields_left_out_of_comparison_do_not_count():
    assert Pair(1, 2) == Pair(1, 3) and hash(Pair(1, 2)) == hash(Pair(1, 3))
    assert Pair(1, 2) != Pair(2, 2)
    assert replace(Pair(1, 2), b=5).b == 5


def test_a_class_without_compared_fields_is_equal_and_hashable():
    assert Nothing() == Nothing() and hash(Nothing()) == hash(Nothing())
    assert Ignored("a") == Ignored("b") and len({Ignored("a"), Ignored("b")}) == 1
    assert Nothing() != Ignored("a")


def test_fields_cannot_change():
    with pytest.raises(FrozenInstanceError):
        Pair(1, 2).a = 3  # type: ignore[misc]


class Form(Frozen):
    __slots__ = ("exercise", "variant", "key")
    _derived = ("key",)

    def __init__(self, exercise: str, variant: str = "") -> None:
        set_field(self, "exercise", exercise)
        set_field(self, "variant", variant)
        set_field(self, "key", f"{exercise}/{variant}" if variant else exercise)


def test_a_derived_slot_is_made_by_init_and_neither_compared_nor_replaced():
    squat = Form("squat", "high-bar")
    assert squat.key == "squat/high-bar"
    assert Form._fields == ("exercise", "variant")
    low = replace(squat, variant="low-bar")
    assert low.key == "squat/low-bar"  # worked out again, not carried over
    assert replace(low, variant="") == Form("squat") and replace(low, variant="").key == "squat"
    assert "key" not in repr(squat)
    with pytest.raises(TypeError, match="no field 'key'"):
        replace(squat, key="deadlift")


def test_replace_names_an_unknown_field_and_keeps_the_rest():
    pair = Pair(1, 2)
    with pytest.raises(TypeError, match="no field 'c'"):
        replace(pair, c=3)
    changed = replace(pair, b=5)
    assert (changed.a, changed.b) == (1, 5)


def test_a_choice_keys_its_form_once_and_replace_works_it_out_again():
    from engine.model import Choice, Exercise, Prescription, Variant

    rx = Prescription(sets=(3, 3), reps=(5, 5))
    ex = Exercise("squat", "Squat", "squat", rx, variants=(Variant("high-bar", "High-bar squat"),
                                                          Variant("low-bar", "Low-bar squat")))
    assert ex.default_form == "squat/high-bar" and Exercise("curl", "Curl", "arms", rx).default_form == "curl"
    choice = Choice(ex, ex.variants[1])
    assert choice.key == "squat/low-bar"
    assert replace(choice, variant=None).key == "squat"
    assert replace(choice, variant=None) == Choice(ex)


def test_a_deload_of_one_rep_says_rep():
    from engine.deloads import _reps_text
    from engine.model import Target

    four = Target(sets=2, reps=4, rpe=(7.0, 8.0))
    assert _reps_text(four, 1, (5.0, 5.0), False) == "1 rep instead of 4 at RPE 5"
    assert _reps_text(four, 3, (5.0, 5.0), False) == "3 reps instead of 4 at RPE 5"


def _frozen_classes() -> list[type]:
    import importlib
    import pkgutil

    import engine

    for info in pkgutil.walk_packages(engine.__path__, "engine."):
        if info.name != "engine.__main__":
            importlib.import_module(info.name)
    found: list[type] = []
    todo = [Frozen]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return [c for c in found if c.__module__.startswith("engine.")]


def test_every_model_class_takes_its_fields_in_order():
    """`replace` and pickling pass the fields positionally, in `_fields` order."""
    import inspect

    classes = _frozen_classes()
    assert len(classes) > 20
    for cls in classes:
        params = list(inspect.signature(cls.__init__).parameters.values())[1:]
        assert tuple(p.name for p in params) == cls._fields, cls
        assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params), cls
