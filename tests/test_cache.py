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
    assert json.loads(entry.read_bytes()) == first
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
