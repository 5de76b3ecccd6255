"""The plugin manager: built-ins first, then entry points, with fault isolation.

A plugin that fails to import or to register is named in `Registry.failures`
and skipped; the rest of the engine keeps working. `--strict` turns those
failures into errors.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Generic, Iterable, Mapping, TypeVar

import pluggy

from engine import hookspecs
from engine.components import EffortModel, Exporter, Progression, Selector
from engine.errors import PluginError, Problem
from engine.model import Exercise

DEFAULT_PLUGINS = (
    "engine.catalog",
    "engine.selectors",
    "engine.progression",
    "engine.loads",
    "engine.exporters",
    "engine.checks",
)
ENTRY_POINT_GROUP = "engine"
DISABLE_ENV = "ENGINE_DISABLE_PLUGIN_AUTOLOAD"
SELECT_ENV = "ENGINE_PLUGINS"

T = TypeVar("T")


@dataclass(frozen=True)
class Registered(Generic[T]):
    """A component and the plugin that registered it (named in error messages)."""

    component: T
    plugin: str


@dataclass(frozen=True)
class PluginFailure:
    """A plugin that could not load or register, named for the coach."""

    plugin: str
    hook: str
    message: str

    def __str__(self) -> str:
        return f"plugin {self.plugin!r} failed in {self.hook}: {self.message}"


@dataclass
class PluginInfo:
    """What `engine plugins` shows about one plugin."""

    name: str
    version: str | None
    builtin: bool
    registers: dict[str, list[str]] = field(default_factory=dict)


KINDS: dict[str, tuple[str, type, Callable[[Any], str]]] = {
    "selectors": ("engine_register_selectors", Selector, lambda c: c.name),
    "progressions": ("engine_register_progressions", Progression, lambda c: c.name),
    "exporters": ("engine_register_exporters", Exporter, lambda c: c.name),
    "exercises": ("engine_register_exercises", Exercise, lambda c: c.id),
    "effort_models": ("engine_register_effort_models", EffortModel, lambda c: c.name),
}


@dataclass
class Registry:
    """Everything the plugins registered, by kind and name."""

    pm: pluggy.PluginManager
    selectors: dict[str, Registered[Selector]] = field(default_factory=dict)
    progressions: dict[str, Registered[Progression]] = field(default_factory=dict)
    exporters: dict[str, Registered[Exporter]] = field(default_factory=dict)
    exercises: dict[str, Registered[Exercise]] = field(default_factory=dict)
    effort_models: dict[str, Registered[EffortModel]] = field(default_factory=dict)
    plugins: list[PluginInfo] = field(default_factory=list)
    failures: list[PluginFailure] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict, repr=False)  # e.g. validators, built once per registry

    def check_plan(self, plan: Any) -> list[Problem]:
        """Run every plan check, each isolated so one broken check names itself."""
        problems: list[Problem] = []
        for impl in self.pm.hook.engine_check_plan.get_hookimpls():
            try:
                found = call_impl(impl, plan=plan)
                problems.extend(_as_problems(found, plan.source))
            except (Exception, SystemExit) as exc:  # noqa: BLE001 - isolate plugin faults (sys.exit too)
                raise PluginError(impl.plugin_name, "engine_check_plan", _describe(exc)) from exc
        return problems


def call_impl(impl: Any, **kwargs: Any) -> Any:
    """Call one hook implementation with only the arguments it asks for, as
    pluggy does: specs only ever gain arguments, old plugins keep working."""
    return impl.function(**{k: v for k, v in kwargs.items() if k in impl.argnames})


def _is_single(item: Any) -> bool:
    """`(path, message)` or `(path, message, severity)`, not a tuple of problems."""
    return (isinstance(item, tuple) and len(item) in (2, 3)
            and isinstance(item[0], (tuple, list, str)) and isinstance(item[1], str))


def _as_problems(found: Iterable[Any] | None, file: str) -> list[Problem]:
    if found is None:
        return []
    if isinstance(found, (str, Problem)) or _is_single(found):
        found = [found]
    out = []
    for item in found:
        if isinstance(item, Problem):
            out.append(item if item.file else Problem(file, item.path, item.message, item.severity))
        elif isinstance(item, str):
            out.append(Problem(file, (), item))
        elif _is_single(item):
            path, message, *severity = item
            path = (path,) if isinstance(path, str) else tuple(path)
            out.append(Problem(file, path, str(message), *severity))
        else:
            raise TypeError(f"expected Problem, (path, message) or str, got {type(item).__name__}")
    return out


def _bad_options_schema(schema: Any) -> str:
    """What is wrong with an options schema's shape, or "" (the engine merges
    it into the rule-file schema, so a malformed one would break every run)."""
    if schema is None:
        return ""
    if not isinstance(schema, Mapping):
        return f"must be a JSON Schema object (a dict), got {type(schema).__name__}"
    props = schema.get("properties", {})
    if not isinstance(props, Mapping) or not all(isinstance(k, str) and isinstance(v, Mapping)
                                                 for k, v in props.items()):
        return "'properties' must map option names to JSON Schema objects"
    required = schema.get("required", [])
    if not isinstance(required, list) or not all(isinstance(r, str) for r in required):
        return "'required' must be a list of option names"
    if not isinstance(schema.get("additionalProperties", False), (bool, Mapping)):
        return "'additionalProperties' must be true, false or a schema"
    return ""


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def build_registry(*, load_entry_points: bool | None = None, extra: Iterable[Any] = ()) -> Registry:
    """Create the plugin manager and collect every registered component.

    `extra` plugin objects (modules or class instances) are registered after
    the entry points; tests use it to add small in-test plugins.
    """
    import engine

    pm = pluggy.PluginManager("engine")
    pm.add_hookspecs(hookspecs)
    registry = Registry(pm=pm)
    for modname in DEFAULT_PLUGINS:
        module = importlib.import_module(modname)
        pm.register(_hooks_of(module), name=modname)
        registry.plugins.append(PluginInfo(modname, engine.__version__, builtin=True))

    if load_entry_points is None:
        # Like pytest: auto-loading can be switched off, and plugins named
        # in ENGINE_PLUGINS are loaded all the same.
        disabled = os.environ.get(DISABLE_ENV, "").strip().lower() not in ("", "0", "false", "no")
        load_entry_points = not disabled or os.environ.get(SELECT_ENV) is not None
    if load_entry_points:
        _load_entry_points(pm, registry)
    for i, plugin in enumerate(extra):
        name = getattr(plugin, "__name__", None) or f"{type(plugin).__name__}-{i}"
        pm.register(plugin, name=name)
        registry.plugins.append(PluginInfo(name, getattr(plugin, "__version__", None), builtin=False))

    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        registry.failures.append(PluginFailure(getattr(exc, "plugin_name", "?"), "check_pending", str(exc)))
    _collect(registry)
    return registry


def _hooks_of(module: Any) -> Any:
    """Just the module's hook implementations. pluggy inspects every
    attribute of what it registers, imports included: about 1 ms of each
    start for the built-in plugins."""
    from types import SimpleNamespace

    return SimpleNamespace(**{name: getattr(module, name) for name in _HOOK_NAMES if hasattr(module, name)})


_HOOK_NAMES = tuple(name for name in vars(hookspecs) if name.startswith("engine_"))


def _load_entry_points(pm: pluggy.PluginManager, registry: Registry) -> None:
    from engine.entrypoints import Malformed, entry_points

    wanted = os.environ.get(SELECT_ENV)
    chosen = {n.strip() for n in wanted.split(",") if n.strip()} if wanted is not None else None
    for ep in entry_points(ENTRY_POINT_GROUP):
        if isinstance(ep, Malformed):
            registry.failures.append(PluginFailure(os.path.basename(ep.distribution), "load", (
                f"{os.path.join(ep.distribution, 'entry_points.txt')}: expected 'name = module:attribute' "
                f"under [{ENTRY_POINT_GROUP}], got {ep.line!r}")))
            continue
        if chosen is not None and ep.name not in chosen:
            continue
        if pm.has_plugin(ep.name):
            continue
        try:
            module = ep.load()
            pm.register(module, name=ep.name)
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - a broken plugin must not brick the CLI
            registry.failures.append(PluginFailure(ep.name, "load", _describe(exc)))
            continue
        registry.plugins.append(PluginInfo(ep.name, ep.version or getattr(module, "__version__", None), builtin=False))


def _collect(registry: Registry) -> None:
    """Call each registration hook plugin by plugin, so a fault names its plugin."""
    infos = {p.name: p for p in registry.plugins}
    for kind, (hook_name, expected, name_of) in KINDS.items():
        table: dict[str, Registered[Any]] = getattr(registry, kind)
        hook = getattr(registry.pm.hook, hook_name)
        # Registration order: built-ins first, so a plugin cannot replace one.
        for impl in hook.get_hookimpls():
            plugin = impl.plugin_name
            added: list[str] = []

            def register(component: Any, _plugin: str = plugin, _added: list[str] = added) -> None:
                # Refuse one bad component, keep the plugin's others.
                if not isinstance(component, expected):
                    registry.failures.append(PluginFailure(_plugin, hook_name, (
                        f"register() expects {expected.__name__}, got {type(component).__name__}")))
                    return
                bad = _bad_options_schema(getattr(component, "options_schema", None))
                if bad:
                    registry.failures.append(PluginFailure(_plugin, hook_name, (
                        f"{kind[:-1]} {name_of(component)!r}: options_schema {bad}")))
                    return
                name = name_of(component)
                if name in table:
                    registry.failures.append(PluginFailure(_plugin, hook_name, (
                        f"{kind[:-1]} {name!r} is already registered by {table[name].plugin!r}")))
                    return
                table[name] = Registered(component, _plugin)
                _added.append(name)

            try:
                call_impl(impl, register=register)
            except (Exception, SystemExit) as exc:  # noqa: BLE001 - isolate plugin faults (sys.exit too)
                registry.failures.append(PluginFailure(plugin, hook_name, _describe(exc)))
            if added and plugin in infos:
                infos[plugin].registers.setdefault(kind, []).extend(added)
    for impl in registry.pm.hook.engine_check_plan.get_hookimpls():
        if impl.plugin_name in infos:
            infos[impl.plugin_name].registers.setdefault("checks", []).append("engine_check_plan")
