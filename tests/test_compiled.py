"""engine.compiled: dataclasses whose generated methods come from a cache.

No `from __future__ import annotations` here on purpose: the generated
methods must not inherit the flags of the module that compiles them.
"""

import dataclasses
import inspect
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine import cache, compiled


def _define(decorator):
    @decorator(frozen=True)
    class Point:
        x: int
        y: float = 1.5
        tags: tuple = dataclasses.field(default_factory=tuple)

    return Point


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGINE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ENGINE_NO_CACHE", raising=False)
    monkeypatch.setattr(compiled, "_code", None)
    monkeypatch.setattr(compiled, "_used", {})
    monkeypatch.setattr(compiled, "_dirty", True)  # no atexit hook from tests
    return tmp_path


def test_same_class_as_the_standard_decorator(cache_dir):
    Ours, Theirs = _define(compiled.dataclass), _define(dataclasses.dataclass)
    a, b = Ours(1, 2.0, ("x",)), Theirs(1, 2.0, ("x",))
    assert repr(a).replace("Point", "") == repr(b).replace("Point", "")
    assert a == Ours(1, 2.0, ("x",)) and a != Ours(2) and hash(a) == hash(Ours(1, 2.0, ("x",)))
    assert Ours(3).tags == () and Ours(3).y == 1.5
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.x = 5
    with pytest.raises(dataclasses.FrozenInstanceError):
        del a.x
    assert dataclasses.replace(a, x=9).x == 9
    assert [f.name for f in dataclasses.fields(Ours)] == ["x", "y", "tags"]
    assert Ours.__match_args__ == Theirs.__match_args__
    # Annotations of __init__ are the real types, as the standard decorator
    # makes them, not strings from this module's compiler flags.
    assert inspect.get_annotations(Ours.__init__) == inspect.get_annotations(Theirs.__init__)
    assert inspect.get_annotations(Ours.__init__)["x"] is int
    assert "exec" not in vars(dataclasses)  # the builtin is back


def test_methods_come_from_the_cache_once_saved(cache_dir):
    _define(compiled.dataclass)
    compiled._save()
    saved = marshal.loads(cache.load("methods", compiled._name(), tag=compiled._build()))
    assert any("def __init__(self,x:_type_x" in text for text in saved)
    compiled._code, compiled._used = None, {}
    calls = []
    real = compile

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    compiled.compile = counting  # module global shadows the builtin
    try:
        Point = _define(compiled.dataclass)
    finally:
        del compiled.compile
    assert calls == []
    assert Point(4) == Point(4, 1.5, ())


@pytest.mark.parametrize("content", [b"", b"not marshal", marshal.dumps([1, 2]), marshal.dumps({"a": 1})])
def test_a_broken_cache_file_means_compiling(cache_dir, content):
    (cache_dir / "methods").mkdir()
    path = cache_dir / "methods" / compiled._name()
    path.write_bytes(content)
    Point = _define(compiled.dataclass)
    assert Point(1) == Point(1)
    compiled._save()
    assert isinstance(marshal.loads(cache.load("methods", compiled._name(), tag=compiled._build())), dict)


def test_no_cache_when_turned_off(cache_dir, monkeypatch):
    monkeypatch.setenv("ENGINE_NO_CACHE", "1")
    assert cache.entry("methods", compiled._name()) is None
    Point = _define(compiled.dataclass)
    compiled._save()
    assert Point(1).x == 1 and not any(cache_dir.iterdir())


def test_an_unwritable_cache_is_ignored(cache_dir, monkeypatch):
    monkeypatch.setenv("ENGINE_CACHE_DIR", str(cache_dir / "file"))
    (cache_dir / "file").write_text("a file, not a directory")
    _define(compiled.dataclass)
    compiled._save()  # no exception


def test_a_warm_start_compiles_nothing(tmp_path):
    env = {**os.environ, "ENGINE_CACHE_DIR": str(tmp_path)}
    env.pop("ENGINE_NO_CACHE", None)
    probe = ("import engine.api, engine.model, engine.compiled as c; "
             "print(len(c._used), sum(1 for _ in c._code), c._dirty)")
    first = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    used, _, dirty = first.stdout.split()
    assert int(used) > 50 and dirty == "True"
    assert second.stdout.split()[0] == used and second.stdout.split()[2] == "False"
    assert len(list(Path(tmp_path, "methods").iterdir())) == 1


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_code_from_a_file_others_can_write_is_not_used(cache_dir):
    _define(compiled.dataclass)
    compiled._save()
    path = cache.entry("methods", compiled._name())
    assert compiled._load()
    path.chmod(0o666)
    assert compiled._load() == {}
    path.chmod(0o644)
    assert compiled._load()


def test_a_damaged_methods_file_never_stops_the_engine(tmp_path):
    """A flipped byte in marshalled code could crash the interpreter: the
    checksum keeps any damaged file from being unmarshalled."""
    env = {**os.environ, "ENGINE_CACHE_DIR": str(tmp_path)}
    env.pop("ENGINE_NO_CACHE", None)
    run = [sys.executable, "-m", "engine", "run", str(Path(__file__).parent.parent / "rules" / "glute-day.toml")]
    first = subprocess.run(run, env=env, capture_output=True, check=True).stdout
    (path,) = Path(tmp_path, "methods").iterdir()
    raw = path.read_bytes()
    for i in range(60, len(raw), max(1, len(raw) // 12)):
        damaged = bytearray(raw)
        damaged[i] ^= 0x23
        path.write_bytes(bytes(damaged))
        done = subprocess.run(run, env=env, capture_output=True)
        assert done.returncode == 0 and done.stdout == first, (i, done.stderr[-300:])
