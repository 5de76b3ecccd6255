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
(`engine plugins`, `engine schema`, `--strict`) or plans many athletes
(`engine batch`). A run that uses only
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

    __slots__ = ("entries", "declared", "done")

    def __init__(self, entries: list[EntryPoint], declared: dict[str, dict[str, set[str]]]) -> None:
        self.entries = entries  # in the order they would have loaded in
        self.declared = declared  # by distribution (its metadata folder), then kind
        self.done: set[tuple[str, str]] = set()  # (kind, name) declared by a plugin loaded since

    def __bool__(self) -> bool:
        return bool(self.entries)

    def names(self, kind: str) -> set[str]:
        """The names of `kind` the plugins not loaded yet declare."""
        return {name for ep in self.entries for name in self.declared[ep.distribution].get(kind, ())}

    def load(self, registry: Registry, kind: str | None = None, name: str | None = None) -> None:
        """Load the plugins that declare `name` (as a `kind`); every one
        left if none does, nor any loaded (one may have left it
        undeclared). Without a name, those that declare any component of
        `kind`, or (no kind either) all of them. With each, those that
        declare a name it declares: the first in entry-point order keeps
        it, whatever the run asked for first, and the clash is named."""
        chosen = [ep for ep in self.entries if self._declares(ep, kind, name)]
        if name is not None and not chosen and (kind, name) not in self.done:
            chosen = list(self.entries)
        chosen = self._sharing(chosen)
        if not chosen:
            return
        self.entries = [ep for ep in self.entries if ep not in chosen]
        self.done |= self._pairs(chosen)
        before = len(registry.failures)
        _load(registry, chosen, {ep.name: self.declared[ep.distribution] for ep in chosen})
        _unregistered(registry, chosen, self.declared, before)
        if registry.report is not None:
            for failure in registry.failures[before:]:
                registry.report(failure)
        settle(registry)

    def _sharing(self, chosen: list[EntryPoint]) -> list[EntryPoint]:
        """`chosen` and the plugins left that declare a name one of them
        does, in entry-point order."""
        names = self._pairs(chosen)
        more = chosen
        while more:
            more = [ep for ep in self.entries if ep not in chosen and names & self._pairs([ep])]
            chosen = chosen + more
            names |= self._pairs(more)
        return [ep for ep in self.entries if ep in chosen]

    def _pairs(self, entries: list[EntryPoint]) -> set[tuple[str, str]]:
        """The (kind, name) pairs `entries` declare."""
        return {(k, n) for ep in entries for k, names in self.declared[ep.distribution].items() for n in names}

    def _declares(self, ep: EntryPoint, kind: str | None, name: str | None) -> bool:
        if kind is None:
            return True
        names = self.declared[ep.distribution].get(kind, ())
        return bool(names) if name is None else name in names


def _unregistered(registry: Registry, loaded: list[EntryPoint], declared: dict[str, dict[str, set[str]]],
                  since: int) -> None:
    """A name a plugin just loaded declares but neither registered nor had
    refused (a refusal names it already): said, for its author."""
    for ep in loaded:
        if not registry.pm.has_plugin(ep.name):
            continue
        said = " ".join(f.message for f in registry.failures[since:] if f.plugin == ep.name)
        for kind, names in sorted(declared[ep.distribution].items()):
            table = getattr(registry, kind)
            for name in sorted(names):
                if (name not in table or table[name].plugin != ep.name) and repr(name) not in said:
                    registry.failures.append(PluginFailure(ep.name, KINDS[kind][0], (
                        f"{UNREGISTERED}: {kind[:-1].replace('_', ' ')} {name!r}, under [engine.{kind}]")))


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
    """A component a plugin already loaded registered under a name a plugin
    not loaded yet declares: that one is loaded now too, so that the clash
    is named on every run, as it would be with both loaded at start-up (the
    first loaded keeps the name)."""
    from engine.plugins import DECLARED_GROUPS, DEFAULT_PLUGINS

    deferred = registry.deferred
    for kind in DECLARED_GROUPS.values():
        if not deferred:
            return
        declared = deferred.names(kind)
        for name, found in list(getattr(registry, kind).items()):
            if name in declared and found.plugin not in DEFAULT_PLUGINS:
                deferred.load(registry, kind, name)


def _load(registry: Registry, entries: list[EntryPoint], declared: dict[str, dict[str, set[str]]]) -> None:
    from engine.pluginloading import load_plugins
    from engine.plugins import check_pending, collect

    budgets: dict[str, Any] = {}
    load_plugins(registry.pm, registry, budgets, entries, on_demand=True)
    loaded = {ep.name: declared[ep.name] for ep in entries if registry.pm.has_plugin(ep.name)}
    check_pending(registry)
    collect(registry, budgets, only=loaded)
