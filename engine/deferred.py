"""Plugins loaded only when a run needs one of their components.

A distribution may declare the components its plugin registers, in
entry-point groups named for their kind, next to the plugin's own entry
point:

    [project.entry-points.engine]
    csv = "engine_csv"

    [project.entry-points."engine.exporters"]
    csv = "engine_csv"

Such a plugin is not imported at start-up. It is loaded when a run names
one of its components and no built-in has that name (a plugin never
replaces a built-in), when a name is unknown (a plugin may have left it
undeclared), and when a command lists or describes every component
(`engine plugins`, `engine schema`, `--strict`). A run that uses only
built-ins so starts as fast as with no plugin installed. Exercises and plan
checks shape every run, so a plugin loaded on demand cannot register
them: it is told so, and one that needs them declares nothing and is
loaded on every run.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from engine.registration import IGNORED, KINDS, UNREGISTERED, PluginFailure

if TYPE_CHECKING:
    from engine.entrypoints import EntryPoint, Malformed
    from engine.plugins import Registry

# Hooks that shape every run, refused to a plugin loaded on demand.
EVERY_RUN = ("engine_register_exercises", "engine_check_plan")


class Deferred:
    """The plugins not loaded yet, and what each declares, by kind."""

    __slots__ = ("entries", "declared")

    def __init__(self, entries: list[EntryPoint], declared: dict[str, dict[str, set[str]]]) -> None:
        self.entries = entries  # in the order they would have loaded in
        self.declared = declared  # by distribution (its metadata folder), then kind

    def __bool__(self) -> bool:
        return bool(self.entries)

    def load(self, registry: Registry, kind: str | None = None, name: str | None = None) -> None:
        """Load the plugins that declare `name` (as a `kind`); every one
        left if none does. Without a name, those that declare any
        component of `kind`, or (no kind either) all of them."""
        chosen = [ep for ep in self.entries if self._declares(ep, kind, name)]
        if name is not None and not chosen:
            chosen = list(self.entries)
        if not chosen:
            return
        self.entries = [ep for ep in self.entries if ep not in chosen]
        before = len(registry.failures)
        _load(registry, chosen, {ep.name: self.declared[ep.distribution] for ep in chosen})
        if kind is not None and name is not None and name not in getattr(registry, kind):
            for ep in chosen:
                if registry.pm.has_plugin(ep.name) and name in self.declared[ep.distribution].get(kind, ()):
                    registry.failures.append(PluginFailure(ep.name, KINDS[kind][0], (
                        f"{UNREGISTERED}: {kind[:-1].replace('_', ' ')} {name!r}, under [engine.{kind}]")))
        if registry.report is not None:
            for failure in registry.failures[before:]:
                registry.report(failure)

    def _declares(self, ep: EntryPoint, kind: str | None, name: str | None) -> bool:
        if kind is None:
            return True
        names = self.declared[ep.distribution].get(kind, ())
        return bool(names) if name is None else name in names


def defer(registry: Registry, todo: list[EntryPoint],
          declarations: dict[str, list[EntryPoint | Malformed]]) -> list[EntryPoint]:
    """Keep on `registry` the plugins of `todo` whose distributions declare
    their components; return the others, to load now. Entry points that
    share a name with another are loaded now: of several of a name, the
    first that loads wins, which needs them all in one pass. A distribution
    with a malformed declaration is loaded now, and named."""
    from engine.entrypoints import EntryPoint

    declared: dict[str, dict[str, set[str]]] = {}
    broken: dict[str, str] = {}  # distribution -> what is wrong with its declarations
    for kind, entries in declarations.items():
        for ep in entries:
            if isinstance(ep, EntryPoint):
                declared.setdefault(ep.distribution, {}).setdefault(kind, set()).add(ep.name)
            else:
                broken.setdefault(ep.distribution, f"[engine.{kind}]: expected 'name = module', got {ep.line!r}")
    names = [ep.name for ep in todo]
    later = [ep for ep in todo if ep.distribution in declared and ep.distribution not in broken
             and names.count(ep.name) == 1]
    for ep in todo:
        if ep.distribution in broken:
            registry.failures.append(PluginFailure(ep.name, "load", (
                f"{os.path.join(ep.distribution, 'entry_points.txt')} {broken[ep.distribution]}: {IGNORED}, "
                "so it is loaded on every run")))
    if later:
        registry.deferred = Deferred(later, declared)
    return [ep for ep in todo if ep not in later]


def settle(registry: Registry) -> None:
    """A component a plugin loaded at start-up registered under a name
    another plugin declares: that one is loaded now too, so that the clash
    is named on every run, as it would be with both loaded at start-up (the
    first loaded keeps the name)."""
    from engine.plugins import DEFAULT_PLUGINS

    deferred = registry.deferred
    for kind in ("selectors", "progressions", "exporters", "effort_models"):
        for name, found in list(getattr(registry, kind).items()):
            if deferred and found.plugin not in DEFAULT_PLUGINS and any(
                    name in deferred.declared[ep.distribution].get(kind, ()) for ep in deferred.entries):
                deferred.load(registry, kind, name)


def _load(registry: Registry, entries: list[EntryPoint], declared: dict[str, dict[str, set[str]]]) -> None:
    from engine.pluginloading import load_plugins
    from engine.plugins import check_pending, collect

    budgets: dict[str, Any] = {}
    load_plugins(registry.pm, registry, budgets, entries, on_demand=True)
    loaded = {ep.name: declared[ep.name] for ep in entries if registry.pm.has_plugin(ep.name)}
    check_pending(registry)
    collect(registry, budgets, only=loaded)
