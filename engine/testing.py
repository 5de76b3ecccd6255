"""Test helpers for plugin authors (also a pytest plugin: `engine_registry`,
`run_engine` fixtures). Installed plugins do not leak into these helpers
unless asked for."""

from __future__ import annotations

from typing import Any, Iterable, Sequence

import pytest


def make_registry(*plugins: Any, entry_points: bool = False):
    """A registry with the built-ins plus `plugins` (modules or objects)."""
    from engine.plugins import build_registry

    return build_registry(load_entry_points=entry_points, extra=plugins)


def invoke(args: Sequence[str], *, plugins: Iterable[Any] = (), env: dict[str, str] | None = None):
    """Run the CLI in-process with click's CliRunner; returns the click Result."""
    from click.testing import CliRunner

    from engine import plugins as plugin_module
    from engine.cli import cli

    extra = list(plugins)
    original = plugin_module.build_registry
    if extra:
        def patched(*, load_entry_points=None, extra_plugins=extra, **kw):
            return original(load_entry_points=load_entry_points, extra=extra_plugins, **kw)
        plugin_module.build_registry = patched
    try:
        runner = CliRunner()
        return runner.invoke(cli, list(args), env={"ENGINE_DISABLE_PLUGIN_AUTOLOAD": "1", **(env or {})},
                             catch_exceptions=False)
    finally:
        plugin_module.build_registry = original


@pytest.fixture
def engine_registry():
    """The built-in registry, without auto-loaded plugins."""
    return make_registry()


@pytest.fixture
def run_engine():
    """Call the CLI: `run_engine(["run", "rules.toml"], plugins=[my_plugin])`."""
    return invoke
