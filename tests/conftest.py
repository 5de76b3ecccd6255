"""Keep installed plugins out of the core's tests (they get their own)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"


@pytest.fixture(autouse=True)
def _no_plugin_autoload(monkeypatch):
    monkeypatch.setenv("ENGINE_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.delenv("ENGINE_PLUGINS", raising=False)
    monkeypatch.delenv("ENGINE_DEBUG", raising=False)


@pytest.fixture
def rules_dir() -> Path:
    return RULES
