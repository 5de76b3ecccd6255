"""Keep installed plugins out of the core's tests (they get their own), and
the clock out of every test but those of it: their logs are dated in the
years to come, which the engine warns about (`engine.commands.common.after_today`)."""

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


@pytest.fixture(autouse=True)
def _far_from_today(monkeypatch):
    import datetime as dt

    monkeypatch.setattr("engine.commands.common.today", lambda: dt.date(9999, 12, 31))


@pytest.fixture
def rules_dir() -> Path:
    return RULES
