"""The base of the engine's value classes: frozen, slotted, cheap to make.

Each class lists its fields in `__slots__` and writes out its `__init__`;
this base adds what dataclasses would (equality, hashing, a readable repr,
`replace`) without compiling code at import, so creating the classes costs
nothing at start-up and creating objects costs no more than a frozen
dataclass's. Fields listed in `_not_compared` take no part in equality;
slots listed in `_derived` are worked out by `__init__` from the fields
(looked up often, made once), so they are neither compared nor passed on
by `replace`.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, Callable, ClassVar, TypeVar

T = TypeVar("T", bound="Frozen")

set_field = object.__setattr__  # what an `__init__` assigns with


def _slots(cls: type) -> tuple[str, ...]:
    """The fields of a class: every `__slots__` of it and its bases, in order."""
    fields: list[str] = []
    for klass in reversed(cls.__mro__):
        for f in klass.__dict__.get("__slots__", ()):
            if f not in fields:
                fields.append(f)
    return tuple(fields)


def _nothing(obj: Any) -> tuple[()]:
    return ()


class FrozenInstanceError(AttributeError):
    """Raised on an attempt to change a field of a frozen object."""


class Frozen:
    """Immutable value object; see the module docstring."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _not_compared: ClassVar[tuple[str, ...]] = ()
    _derived: ClassVar[tuple[str, ...]] = ()
    _key: ClassVar[Callable[[Any], Any]]
    _values: ClassVar[Callable[[Any], Any]]  # every field's value, in order
    _index: ClassVar[dict[str, int]]  # a field's place in `_values`

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # (Run for every model class at import: plain loops, no generators.)
        fields = _slots(cls)
        if cls._derived:
            fields = tuple([f for f in fields if f not in cls._derived])
        compared = [f for f in fields if f not in cls._not_compared] if cls._not_compared else fields
        cls._fields = fields
        cls._key = attrgetter(*compared) if compared else _nothing
        cls._values = attrgetter(*fields) if fields else _nothing
        cls._index = dict(zip(fields, range(len(fields)), strict=True))

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(self.__class__._key(self) == self.__class__._key(other))

    def __hash__(self) -> int:
        return hash((self.__class__.__name__, self.__class__._key(self)))

    def __repr__(self) -> str:
        body = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{self.__class__.__name__}({body})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickling (process pools, Dask) and copy go through __init__.
        return (self.__class__, tuple(getattr(self, f) for f in self._fields))

    def __replace__(self: T, **changes: Any) -> T:
        return _copy(self, changes)


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of `obj` with some fields changed (as `dataclasses.replace`);
    the model's classes without a `__replace__` of their own are copied
    without unpacking `changes` again (a plan makes thousands of copies)."""
    if obj.__class__.__replace__ is Frozen.__replace__:
        return _copy(obj, changes)
    return obj.__replace__(**changes)


def _copy(obj: T, changes: dict[str, Any]) -> T:
    # Positional, as `__reduce__`: every `__init__` takes the fields in order.
    cls = obj.__class__
    values = list(cls._values(obj)) if len(cls._fields) > 1 else [getattr(obj, f) for f in cls._fields]
    index = cls._index
    try:
        for name, value in changes.items():
            values[index[name]] = value
    except KeyError as exc:
        raise TypeError(f"{cls.__name__} has no field {exc.args[0]!r}") from None
    return cls(*values)


class Record:
    """A mutable value object (a registry, an outcome being filled in):
    slotted fields, a written-out `__init__`, equality and a repr."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._fields = _slots(cls)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self._fields)

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable

    def __repr__(self) -> str:
        body = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{self.__class__.__name__}({body})"
