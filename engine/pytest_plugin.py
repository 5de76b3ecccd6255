"""pytest fixtures for plugin authors, built on `engine.testing`.

Not loaded by installing the engine (pytest is no dependency of it): opt in
with `pytest_plugins = ["engine.pytest_plugin"]` in your top-level
`conftest.py`, or `pytest -p engine.pytest_plugin`; `pip install
'engine[testing]'` brings pytest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from engine.testing import invoke, make_registry


@pytest.fixture
def engine_registry() -> Any:
    """The built-in registry, without auto-loaded plugins."""
    return make_registry()


@pytest.fixture
def run_engine() -> Callable[..., Any]:
    """Call the CLI: `run_engine(["run", "rules.toml"], plugins=[my_plugin])`."""
    return invoke
