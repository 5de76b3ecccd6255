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

from typing import TYPE_CHECKING, Any

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
    share a name with one loaded now are loaded now too: of several of a
    name, the first that loads wins, which needs them all in one pass."""
    from engine.entrypoints import EntryPoint

    declared: dict[str, dict[str, set[str]]] = {}
    for kind, entries in declarations.items():
        for ep in entries:
            if isinstance(ep, EntryPoint):
                declared.setdefault(ep.distribution, {}).setdefault(kind, set()).add(ep.name)
    now_names = {ep.name for ep in todo if ep.distribution not in declared}
    later = [ep for ep in todo if ep.distribution in declared and ep.name not in now_names]
    if later:
        registry.deferred = Deferred(later, declared)
    return [ep for ep in todo if ep not in later]


def _load(registry: Registry, entries: list[EntryPoint], declared: dict[str, dict[str, set[str]]]) -> None:
    from engine.pluginloading import load_plugins
    from engine.plugins import check_pending, collect

    budgets: dict[str, Any] = {}
    load_plugins(registry.pm, registry, budgets, entries, on_demand=True)
    loaded = {ep.name: declared[ep.name] for ep in entries if registry.pm.has_plugin(ep.name)}
    check_pending(registry)
    collect(registry, budgets, only=loaded)
