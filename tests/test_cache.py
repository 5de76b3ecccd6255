"""engine.cache and the answers kept in it (the parsed catalog)."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest

from engine import cache
from engine import catalog as catalog_module


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGINE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ENGINE_NO_CACHE", raising=False)
    return tmp_path


def test_store_then_load(folder):
    assert cache.load("kind", "a") is None
    cache.store("kind", "a", b"one")
    cache.store("kind", "a", b"two")
    assert cache.load("kind", "a") == b"two"
    assert [p.name for p in (folder / "kind").iterdir()] == ["a"]  # no temporary file left


@pytest.mark.parametrize("value", ["1", "true", "yes"])
def test_turned_off(folder, monkeypatch, value):
    monkeypatch.setenv("ENGINE_NO_CACHE", value)
    cache.store("kind", "a", b"x")
    assert cache.load("kind", "a") is None and cache.entry("kind", "a") is None
    assert not any(folder.iterdir())


def test_unusable_directory_is_ignored(folder, monkeypatch):
    (folder / "file").write_text("")
    monkeypatch.setenv("ENGINE_CACHE_DIR", str(folder / "file"))
    cache.store("kind", "a", b"x")  # no exception
    assert cache.load("kind", "a") is None


def _catalog_source() -> dict:
    return tomllib.loads((Path(catalog_module.__file__).parent / "exercises.toml").read_text("utf-8"))


def test_catalog_parsed_once_then_read_back(folder):
    first = catalog_module._read("exercises.toml")
    assert first == _catalog_source()
    (entry,) = (folder / "catalog").iterdir()
    assert json.loads(cache.load("catalog", entry.name)) == first
    assert catalog_module._read("exercises.toml") == first


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2", b"[1, 2]"])
def test_a_corrupt_catalog_entry_is_parsed_again(folder, content):
    catalog_module._read("exercises.toml")
    (entry,) = (folder / "catalog").iterdir()
    entry.write_bytes(content)
    assert catalog_module._read("exercises.toml") == _catalog_source()


def test_entries_are_private_whatever_the_umask(folder):
    old = os.umask(0)
    try:
        cache.store("kind", "a", b"x")
    finally:
        os.umask(old)
    assert (folder / "kind" / "a").stat().st_mode & 0o777 == 0o600


def test_a_changed_byte_or_another_tag_is_not_read(folder):
    cache.store("kind", "a", b"some content", tag="t1")
    assert cache.load("kind", "a", tag="t1") == b"some content"
    assert cache.load("kind", "a", tag="t2") is None and cache.load("kind", "a") is None
    path = folder / "kind" / "a"
    raw = bytearray(path.read_bytes())
    for i in range(len(raw)):
        flipped = bytearray(raw)
        flipped[i] ^= 0x01
        path.write_bytes(bytes(flipped))
        assert cache.load("kind", "a", tag="t1") is None, i
    path.write_bytes(bytes(raw[:-1]))
    assert cache.load("kind", "a", tag="t1") is None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_only_private_regular_files_are_read(folder, tmp_path_factory):
    cache.store("kind", "a", b"x")
    path = folder / "kind" / "a"
    assert cache.load("kind", "a") == b"x"
    path.chmod(0o620)
    assert cache.load("kind", "a") is None
    path.chmod(0o600)
    elsewhere = tmp_path_factory.mktemp("other") / "entry"
    os.replace(path, elsewhere)
    path.symlink_to(elsewhere)
    assert cache.load("kind", "a") is None  # never followed
    path.unlink()
    os.mkfifo(path)
    assert cache.load("kind", "a") is None  # and never waited on


def test_a_failed_write_leaves_no_temporary_file(folder):
    (folder / "kind" / "a").mkdir(parents=True)  # os.replace onto a directory fails
    cache.store("kind", "a", b"x")
    assert [p.name for p in (folder / "kind").iterdir()] == ["a"]


def test_no_home_directory_means_no_cache(monkeypatch):
    monkeypatch.delenv("ENGINE_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("ENGINE_NO_CACHE", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache.cache_dir() is None and cache.load("kind", "a") is None
    cache.store("kind", "a", b"x")  # no exception


def test_an_entry_moved_to_another_name_is_not_read(folder):
    cache.store("kind", "a", b"one")
    os.replace(folder / "kind" / "a", folder / "kind" / "b")
    assert cache.load("kind", "b") is None
    os.makedirs(folder / "other")
    os.replace(folder / "kind" / "b", folder / "other" / "a")
    assert cache.load("other", "a") is None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_nothing_is_read_or_written_through_a_linked_or_shared_folder(folder, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "keep.json").write_text("{}")
    (folder / "kind").symlink_to(elsewhere, target_is_directory=True)
    cache.store("kind", "a", b"x")
    assert cache.load("kind", "a") is None
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.json"]
    (folder / "kind").unlink()
    (folder / "kind").mkdir()
    (folder / "kind").chmod(0o777)
    cache.store("kind", "a", b"x")
    assert cache.load("kind", "a") is None and not any((folder / "kind").iterdir())
    (folder / "kind").chmod(0o700)
    cache.store("kind", "a", b"x")
    assert cache.load("kind", "a") == b"x"


def test_entry_point_pruning_never_reaches_outside_the_cache(folder, tmp_path_factory):
    from engine import entrypoints

    elsewhere = tmp_path_factory.mktemp("elsewhere")
    for i in range(20):
        (elsewhere / f"f{i}.json").write_text("{}")
    (folder / "entry-points").symlink_to(elsewhere, target_is_directory=True)
    entrypoints.entry_points("engine")
    assert len(list(elsewhere.iterdir())) == 20
