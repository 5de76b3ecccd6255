"""Test helpers for plugin authors, for any test runner: a registry with the
built-ins plus your plugin, and the command line run in-process. Installed
plugins do not leak into them unless asked for. pytest fixtures built on
them are in `engine.pytest_plugin`, which a test suite opts into."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


def make_registry(*plugins: Any, entry_points: bool = False) -> Any:
    """A registry with the built-ins plus `plugins` (modules or objects)."""
    from engine.plugins import build_registry

    return build_registry(load_entry_points=entry_points, extra=plugins)


def catalog(*plugins: Any) -> dict[str, Any]:
    """Every exercise of the built-in catalog and of `plugins`, by id: the
    candidates to build an `engine.SelectionContext` from in a test."""
    return {name: registered.component for name, registered in make_registry(*plugins).exercises.items()}


def invoke(args: Sequence[str], *, plugins: Iterable[Any] = (), env: dict[str, str] | None = None) -> Any:
    """Run the CLI in-process with click's CliRunner; returns the click Result."""
    from click.testing import CliRunner

    from engine import plugins as plugin_module
    from engine.cli import cli

    extra = list(plugins)
    original = plugin_module.build_registry
    if extra:
        def patched(*, load_entry_points: bool | None = None, extra_plugins: list[Any] = extra,
                    **kw: Any) -> Any:
            return original(load_entry_points=load_entry_points, extra=extra_plugins, **kw)
        plugin_module.build_registry = patched
    try:
        runner = CliRunner()
        return runner.invoke(cli, list(args), env={"ENGINE_DISABLE_PLUGIN_AUTOLOAD": "1", **(env or {})},
                             catch_exceptions=False)
    finally:
        plugin_module.build_registry = original
