"""Keep installed plugins out of the core's tests (they get their own)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"


@pytest.fixture(scope="session")
def _verdict_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("verdict-cache")


@pytest.fixture(autouse=True)
def _no_plugin_autoload(monkeypatch, _verdict_cache):
    monkeypatch.setenv("ENGINE_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.setenv("ENGINE_CACHE_DIR", str(_verdict_cache))  # never the user's cache
    monkeypatch.delenv("ENGINE_PLUGINS", raising=False)
    monkeypatch.delenv("ENGINE_DEBUG", raising=False)


@pytest.fixture
def rules_dir() -> Path:
    return RULES
