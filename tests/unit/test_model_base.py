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
