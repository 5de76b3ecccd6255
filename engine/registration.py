"""What plugins register, and the checks each component passes on the way
in: one bad component is refused and named, the plugin's others are kept."""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Any, Callable, Collection, Generic, Mapping, TypeVar

from engine.components import EffortModel, Exporter, Progression, Selector
from engine.model import Exercise
from engine.model.base import Frozen, set_field

if TYPE_CHECKING:
    from engine.plugins import Registry

T = TypeVar("T")


class Registered(Frozen, Generic[T]):
    """A component and the plugin that registered it (named in error messages)."""

    __slots__ = ("component", "plugin")
    component: T
    plugin: str

    def __init__(self, component: T, plugin: str) -> None:
        set_field(self, "component", component)
        set_field(self, "plugin", plugin)


class PluginFailure(Frozen):
    """A plugin that could not load or register, named for the coach."""

    __slots__ = ("plugin", "hook", "message")
    plugin: str
    hook: str
    message: str

    def __init__(self, plugin: str, hook: str, message: str) -> None:
        set_field(self, "plugin", plugin)
        set_field(self, "hook", hook)
        set_field(self, "message", message)

    def __str__(self) -> str:
        return f"plugin {self.plugin!r} failed in {self.hook}: {self.message}"


KINDS: dict[str, tuple[str, type, Callable[[Any], str]]] = {
    "selectors": ("engine_register_selectors", Selector, lambda c: c.name),
    "progressions": ("engine_register_progressions", Progression, lambda c: c.name),
    "exporters": ("engine_register_exporters", Exporter, lambda c: c.name),
    "exercises": ("engine_register_exercises", Exercise, lambda c: c.id),
    "effort_models": ("engine_register_effort_models", EffortModel, lambda c: c.name),
}


def _bad_options_schema(schema: Any) -> str:
    """What is wrong with an options schema, or "" (the engine merges it
    into the rule-file schema, so a malformed one would break every run)."""
    from engine.optionschema import problem

    def base() -> Mapping[str, Any]:
        from engine.schema import base_schema

        return base_schema()

    return problem(schema, base)


# An exporter's extension names files (`engine batch` writes
# `<athlete><extension>`, `-o plan.csv` picks the exporter by it): a dot and
# a few name characters, never a path ("/x", "../x") or a bare dot. Only a
# plugin's exporter is checked, so `re` compiles it on that first use.
EXTENSION = r"\.[A-Za-z0-9][A-Za-z0-9._-]{0,15}"


def _bad_component(component: Any) -> str:
    """What makes a plugin's component unusable, or ""."""
    if isinstance(component, Exporter):
        extension = component.extension
        if not isinstance(extension, str) or not re.fullmatch(EXTENSION, extension):
            return (f"extension {extension!r} is not a file extension (a dot, then up to 16 letters, digits, "
                    "dots, dashes or underscores, such as '.csv')")
    bad = _bad_options_schema(getattr(component, "options_schema", None))
    return f"options_schema {bad}" if bad else ""


# Failures that lose no component: a plugin named by them still provides
# what it registered (they are not why a name is unknown).
PRINTED = "wrote to standard output while loading"
UNDECLARED = "registered a component its distribution does not declare"
REFUSED = "not called: its distribution declares its components"
UNREGISTERED = "declared a component it did not register"
IGNORED = "its declarations are ignored"  # (after the file and line at fault)
KEPT = (PRINTED, UNDECLARED, REFUSED, UNREGISTERED)


def kept(failure: PluginFailure) -> bool:
    """A failure that loses no component."""
    return failure.message.startswith(KEPT) or IGNORED in failure.message


class Registration:
    """The `register` callable one registration hook gets. It checks each
    component, and stops accepting any once the hook has run out of time
    (its thread may go on calling it). `declared` holds the names a plugin
    loaded on demand declared for this kind (engine.deferred)."""

    def __init__(self, registry: Registry, kind: str, plugin: str, builtin: bool,
                 declared: Collection[str] | None = None):
        self.registry, self.kind, self.plugin, self.builtin = registry, kind, plugin, builtin
        self.declared = declared
        self.added: list[str] = []
        self.open = True
        self.lock = threading.Lock()

    def fail(self, message: str) -> None:
        hook_name = KINDS[self.kind][0]
        self.registry.failures.append(PluginFailure(self.plugin, hook_name, message))

    def __call__(self, component: Any) -> None:
        with self.lock:
            if self.open:
                self._add(component)

    def close(self) -> None:
        with self.lock:
            self.open = False

    def _add(self, component: Any) -> None:
        # Refuse one bad component, keep the plugin's others.
        _, expected, name_of = KINDS[self.kind]
        what = self.kind[:-1]
        if not isinstance(component, expected):
            self.fail(f"register() expects {expected.__name__}, got {type(component).__name__}")
            return
        bad = "" if self.builtin else _bad_component(component)
        if bad:
            self.fail(f"{what} {name_of(component)!r}: {bad}")
            return
        table: dict[str, Registered[Any]] = getattr(self.registry, self.kind)
        name = name_of(component)
        if name in table:
            self.fail(f"{what} {name!r} is already registered by {table[name].plugin!r}")
            return
        if not self.builtin:
            from engine.guard import guard_component

            component = guard_component(component)
        table[name] = Registered(component, self.plugin)
        self.added.append(name)
        if self.declared is not None and name not in self.declared:
            self.fail(f"{UNDECLARED}: {what} {name!r} (add `{name} = ...` under [engine.{self.kind}] in its "
                      "entry points, or a run that names it loads every plugin to find it)")


