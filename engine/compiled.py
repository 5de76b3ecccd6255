"""`dataclasses.dataclass`, with the methods it generates compiled once, not
at every start.

The standard library builds `__init__`, `__eq__`, `__hash__`, `__repr__` and
the frozen `__setattr__`/`__delattr__` of every dataclass from source text
and compiles that text each time the class is defined: about 0.5 ms per
class on Python 3.11, some 15 ms of every `engine` start for the model's
classes. This decorator is `dataclasses.dataclass` itself; while it runs,
the `exec` that dataclasses calls looks the text up among code objects
compiled by an earlier start (kept in the cache directory, one file per
interpreter build) and compiles only text it has not seen. The classes are
the same: the text is the same and a code object compiled from it is what
`exec` would have compiled. Anything wrong with the cache file (missing,
corrupt, unwritable; see engine.cache for the checks made before marshal
reads it) just means compiling, and `ENGINE_NO_CACHE=1` turns it
off.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import marshal
import sys
from types import CodeType
from typing import TYPE_CHECKING, Any

from engine import cache
from engine.cache import sha256

MAX_ENTRIES = 2_000  # past this the file starts again from this process's classes

_code: dict[str, CodeType] | None = None  # loaded on first use
_used: dict[str, CodeType] = {}
_dirty = False


def _build() -> str:
    """Marshalled code only loads into the interpreter build that wrote it."""
    return sha256(f"{sys.version}\0{sys.implementation.cache_tag}".encode()).hexdigest()[:16]


def _name() -> str:
    return f"{_build()}.marshal"


def _load() -> dict[str, CodeType]:
    # cache.load checks the owner, the permissions, the build tag and the
    # checksum first: marshal is not meant for data it did not write.
    data = cache.load("methods", _name(), tag=_build())
    try:
        found = marshal.loads(data) if data else {}
    except Exception:  # noqa: BLE001 - whatever is wrong with the file, compile instead
        return {}
    if not isinstance(found, dict) or not all(
            isinstance(k, str) and isinstance(v, CodeType) for k, v in found.items()):
        return {}
    return found


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    global _code, _dirty
    if not isinstance(source, str):
        return builtins.exec(source, globals, locals)
    if _code is None:
        _code = _load()
    code = _code.get(source)
    if code is None:
        # dont_inherit: the text is compiled as dataclasses would compile it,
        # without this module's `from __future__` flags.
        code = compile(source, "<string>", "exec", dont_inherit=True)
        _code[source] = code
        if not _dirty:
            _dirty = True
            atexit.register(_save)
    _used[source] = code
    builtins.exec(code, globals, locals)


def _save() -> None:
    if _code is not None:
        cache.store("methods", _name(), marshal.dumps(_code if len(_code) <= MAX_ENTRIES else _used), tag=_build())


if TYPE_CHECKING:  # type checkers see the standard decorator, which this is
    from dataclasses import dataclass
else:
    def dataclass(cls: Any = None, /, **kwargs: Any) -> Any:
        """`dataclasses.dataclass(cls, **kwargs)`, compiling through the cache."""
        if cls is None:
            return lambda c: dataclass(c, **kwargs)
        dataclasses.exec = _exec  # type: ignore[attr-defined]  # shadows the builtin in that module only
        try:
            return dataclasses.dataclass(cls, **kwargs)
        finally:
            vars(dataclasses).pop("exec", None)  # tolerant of another thread's decorator
