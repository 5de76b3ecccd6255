"""The plugin manager: built-ins first, then entry points, with fault isolation.

A plugin that fails to import or to register is named in `Registry.failures`
and skipped; the rest of the engine keeps working. `--strict` turns those
failures into errors.
"""

from __future__ import annotations

import contextlib
import importlib
import os
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

import pluggy

from engine import hookspecs, shutdown
from engine.components import EffortModel, Exporter, Progression, Selector
from engine.errors import ERROR, WARNING, PluginError, Problem
from engine.model import Exercise
from engine.model.base import Record
from engine.registration import KINDS, PRINTED, PluginFailure, Registered, Registration, kept
from engine.stdio import stdout_to_stderr

if TYPE_CHECKING:
    from engine.deferred import Deferred

DEFAULT_PLUGINS = (
    "engine.catalog",
    "engine.selectors",
    "engine.progression",
    "engine.loads",
    "engine.exporters",
    "engine.checks",
)
ENTRY_POINT_GROUP = "engine"
# Where a distribution declares the components its plugin registers, one
# `name = module` line each: such a plugin is loaded only when a run needs
# one of them (engine.deferred).
DECLARED_GROUPS = {f"engine.{kind}": kind for kind in ("selectors", "progressions", "exporters", "effort_models")}
DISABLE_ENV = "ENGINE_DISABLE_PLUGIN_AUTOLOAD"
SELECT_ENV = "ENGINE_PLUGINS"


class PluginInfo(Record):
    """What `engine plugins` shows about one plugin."""

    __slots__ = ("name", "version", "builtin", "registers", "on_demand")
    name: str
    version: str | None
    builtin: bool
    registers: dict[str, list[str]]
    on_demand: bool  # loaded only when a run needs it (engine.deferred)

    def __init__(
        self,
        name: str,
        version: str | None,
        builtin: bool,
        registers: dict[str, list[str]] | None = None,
        on_demand: bool = False,
    ) -> None:
        self.name = name
        self.version = version
        self.builtin = builtin
        self.registers = dict() if registers is None else registers
        self.on_demand = on_demand


class Registry(Record):
    """Everything the plugins registered, by kind and name."""

    __slots__ = (
        "pm", "selectors", "progressions", "exporters", "exercises", "effort_models", "plugins", "failures",
        "cache", "deferred", "report",
    )
    pm: pluggy.PluginManager
    selectors: dict[str, Registered[Selector]]
    progressions: dict[str, Registered[Progression]]
    exporters: dict[str, Registered[Exporter]]
    exercises: dict[str, Registered[Exercise]]
    effort_models: dict[str, Registered[EffortModel]]
    plugins: list[PluginInfo]
    failures: list[PluginFailure]
    cache: dict[str, Any]  # e.g. validators, built once per registry
    deferred: Deferred | None  # the plugins not loaded until a run needs them
    report: Callable[[PluginFailure], None] | None  # told of each failure found once built

    def __init__(
        self,
        pm: pluggy.PluginManager,
        selectors: dict[str, Registered[Selector]] | None = None,
        progressions: dict[str, Registered[Progression]] | None = None,
        exporters: dict[str, Registered[Exporter]] | None = None,
        exercises: dict[str, Registered[Exercise]] | None = None,
        effort_models: dict[str, Registered[EffortModel]] | None = None,
        plugins: list[PluginInfo] | None = None,
        failures: list[PluginFailure] | None = None,
        cache: dict[str, Any] | None = None,
    ) -> None:
        self.pm = pm
        self.selectors = dict() if selectors is None else selectors
        self.progressions = dict() if progressions is None else progressions
        self.exporters = dict() if exporters is None else exporters
        self.exercises = dict() if exercises is None else exercises
        self.effort_models = dict() if effort_models is None else effort_models
        self.plugins = list() if plugins is None else plugins
        self.failures = list() if failures is None else failures
        self.cache = dict() if cache is None else cache
        self.deferred = None
        self.report = None

    def has(self, kind: str, name: str) -> bool:
        """Whether a component of this kind and name is registered, loading
        first the plugins that declare it if it is not (engine.deferred)."""
        table: dict[str, Any] = getattr(self, kind)
        if name not in table and self.deferred:
            self.deferred.load(self, kind, name)
        return name in table

    def complete(self, kind: str | None = None) -> Registry:
        """Load every plugin not loaded yet (of those declaring a component
        of `kind`, if given): for what lists or describes every component."""
        if self.deferred:
            self.deferred.load(self, kind)
        return self

    def check_plan(self, plan: Any) -> list[Problem]:
        """Run every plan check, each isolated so one broken check names itself."""
        problems: list[Problem] = []
        for impl in self.pm.hook.engine_check_plan.get_hookimpls():
            try:
                with contextlib.nullcontext() if impl.plugin_name in DEFAULT_PLUGINS else stdout_to_stderr():
                    found = call_impl(impl, plan=plan)
                problems.extend(_as_problems(found, plan.source))
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - isolate plugin faults (sys.exit too)
                raise PluginError(impl.plugin_name, "engine_check_plan", describe_fault(exc)) from exc
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
        if out[-1].severity not in (ERROR, WARNING):  # (the JSON contract has these two)
            raise ValueError(f"severity must be 'error' or 'warning', got {out[-1].severity!r}")
    return out


def describe_fault(exc: BaseException) -> str:
    from engine.guard import TimedOut

    if isinstance(exc, TimedOut):
        from engine.guard import time_limit, timed_out_message

        return timed_out_message(str(exc), time_limit())
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def build_registry(*, load_entry_points: bool | None = None, extra: Iterable[Any] = (),
                   skip: Iterable[str] = ()) -> Registry:
    """Create the plugin manager and collect every registered component.

    `extra` plugin objects (modules or class instances) are registered after
    the entry points; tests use it to add small in-test plugins. Entry
    points named in `skip` are not loaded (a batch's workers skip those
    that failed to load in the process that started them).
    """
    import engine

    pm = pluggy.PluginManager("engine")
    pm.add_hookspecs(hook_view(hookspecs.__name__, {name: getattr(hookspecs, name) for name in _HOOK_NAMES}))
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
        if not load_entry_points:
            registry.cache["left out"] = (f"plugin autoloading is off ({DISABLE_ENV})", None)
    budgets: dict[str, Any] = {}  # each plugin's engine.guard.Budget: seconds it has left to load in
    if load_entry_points:
        _load_entry_points(pm, registry, budgets, set(skip))
    for i, plugin in enumerate(extra):
        name = getattr(plugin, "__name__", None) or f"{type(plugin).__name__}-{i}"
        shutdown.others_ran(f"plugin {name}")
        pm.register(plugin, name=name)
        registry.plugins.append(PluginInfo(name, getattr(plugin, "__version__", None), builtin=False))

    check_pending(registry)
    collect(registry, budgets)
    if registry.deferred:
        from engine.deferred import settle

        settle(registry)
    return registry


def check_pending(registry: Registry) -> None:
    """A hook implementation no specification knows, named as a failure."""
    try:
        registry.pm.check_pending()
    except pluggy.PluginValidationError as exc:
        registry.failures.append(PluginFailure(getattr(exc, "plugin_name", "?"), "check_pending", str(exc)))


def _hooks_of(module: Any) -> Any:
    """Just the module's hook implementations, in a bare module object.
    pluggy inspects every attribute of what it registers, imports and an
    object's own methods included: about 1 ms of each start for the
    built-in plugins."""
    return hook_view(module.__name__, {name: getattr(module, name) for name in _HOOK_NAMES if hasattr(module, name)})


def hook_view(name: str, hooks: dict[str, Any]) -> ModuleType:
    """A bare module named `name` holding just `hooks`, and listing just
    them: pluggy looks at every name `dir()` gives, which for a module also
    means `__name__`, `__spec__` and the like, unless the module has a
    `__dir__` of its own (PEP 562)."""
    view = ModuleType(name)
    for key, value in hooks.items():
        setattr(view, key, value)
    names = list(hooks)
    view.__dir__ = lambda: names  # type: ignore[method-assign]
    return view


_HOOK_NAMES = tuple(name for name in vars(hookspecs) if name.startswith("engine_"))


def _load_entry_points(pm: pluggy.PluginManager, registry: Registry, budgets: dict[str, Any],
                       skip: set[str]) -> None:
    """Load the plugins found by entry point, except those whose
    distributions declare their components: engine.deferred loads those
    when a run needs one."""
    from engine.entrypoints import Malformed, entry_points_of

    wanted = os.environ.get(SELECT_ENV)
    chosen = {n.strip() for n in wanted.split(",") if n.strip()} if wanted is not None else None
    groups = entry_points_of((ENTRY_POINT_GROUP, *DECLARED_GROUPS))
    found = groups[ENTRY_POINT_GROUP]
    todo = [ep for ep in found if not isinstance(ep, Malformed) and (chosen is None or ep.name in chosen)
            and ep.name not in skip and not pm.has_plugin(ep.name)]
    if chosen is not None:  # what the choice leaves out, said where a missing component may be one of them
        names = {ep.name for ep in found if not isinstance(ep, Malformed)}
        registry.cache["left out"] = (f"{SELECT_ENV} chooses {', '.join(sorted(chosen))}", sorted(names - chosen))
        registry.failures.extend(PluginFailure(name, "load", (
            f"{SELECT_ENV} names {name!r}, which no installed plugin is called "
            f"(installed: {', '.join(sorted(names)) or 'none'})")) for name in sorted(chosen - names))
    if any(groups[group] for group in DECLARED_GROUPS):
        from engine.deferred import defer

        todo = defer(registry, todo, {DECLARED_GROUPS[group]: groups[group] for group in DECLARED_GROUPS})
    if todo:
        from engine.pluginloading import load_plugins

        load_plugins(pm, registry, budgets, todo)
    for ep in found:  # (last in the list; a declaration's, engine.deferred names)
        if isinstance(ep, Malformed):
            registry.failures.append(PluginFailure(os.path.basename(ep.distribution), "load", (
                f"{os.path.join(ep.distribution, 'entry_points.txt')}: expected 'name = module:attribute' "
                f"under [{ENTRY_POINT_GROUP}], got {ep.line!r}")))


def note_printed(registry: Registry, plugin: str, hook: str, text: str) -> None:
    """What a plugin wrote to standard output while loading (print() or
    straight to descriptor 1): kept off it (it would garble a plan or JSON
    there) and named."""
    if text:
        from engine.errors import shorten

        registry.failures.append(PluginFailure(plugin, hook, f"{PRINTED} (kept off it): {shorten(repr(text), 80)}"))


def name_failed_plugins(problems: Iterable[Problem], registry: Registry) -> list[Problem]:
    """A name that no installed selector, policy, effort model, exercise
    or exporter has may be one that a plugin which failed to load (or to
    register a component) would have given: such problems say which."""
    failed = sorted({f.plugin for f in registry.failures if not kept(f) and not f.message.startswith(SELECT_ENV)})
    out = list(problems)
    names = ", ".join(repr(name) for name in failed)
    note = "" if not failed else (
        f"; plugin {names} failed to load, and may be the one that provides it" if len(failed) == 1 else
        f"; plugins {names} failed to load, and one of them may provide it")
    left = left_out(registry) if any(_names_a_missing_component(p) and "did you mean" not in p.message
                                      for p in out) else ""
    if not note and not left:
        return out
    from engine.model.base import replace

    # (a name close to one installed is a typo: the plugins left out are no help there)
    return [replace(p, message=p.message + note + ("" if "did you mean" in p.message else left))
            if _names_a_missing_component(p) else p for p in out]


def left_out(registry: Registry) -> str:
    """"; ENGINE_PLUGINS leaves out installed plugins: 'ical'": plugins installed but not loaded by choice."""
    why, names = registry.cache.get("left out", ("", []))
    if names is None:  # autoloading off: which are installed is looked up only now, for this message
        from engine.entrypoints import Malformed, entry_points_of

        names = sorted(ep.name for ep in entry_points_of((ENTRY_POINT_GROUP,))[ENTRY_POINT_GROUP]
                       if not isinstance(ep, Malformed) and not registry.pm.has_plugin(ep.name))
    return f"; {why}: installed plugins not loaded: {', '.join(repr(n) for n in names)}" if names else ""


def _names_a_missing_component(problem: Problem) -> bool:
    last = problem.path[-1] if problem.path else None
    if last in ("selector", "policy", "effort_model"):
        return "is not allowed here" in problem.message
    return problem.message.startswith(("unknown exercise ", "unknown progression ", "options for exporter "))


def collect(registry: Registry, budgets: dict[str, Any], only: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """Call each registration hook plugin by plugin, so a fault names its
    plugin: the built-ins' here, first, so a plugin cannot replace one; then
    the plugins' in the loader thread, within what each has left of its
    time limit. `only` names the plugins just loaded on demand, each with
    the names it declared, by kind."""
    infos = {p.name: p for p in registry.plugins}
    theirs = []
    for impl, register in _registrations(registry, only):
        if not register.builtin:
            theirs.append((impl, register))
            continue
        try:
            call_impl(impl, register=register)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - isolate plugin faults (sys.exit too)
            register.fail(describe_fault(exc))
        _note(infos, register)
    if theirs:
        from engine.pluginloading import register_plugins

        register_plugins(registry, budgets, theirs)
        for _, register in theirs:
            _note(infos, register)
    for impl in registry.pm.hook.engine_check_plan.get_hookimpls():
        if impl.plugin_name in infos and (only is None or impl.plugin_name in only):
            infos[impl.plugin_name].registers.setdefault("checks", []).append("engine_check_plan")


def _registrations(registry: Registry, only: Mapping[str, Mapping[str, Any]] | None) -> list[tuple[Any, Registration]]:
    """Each registration hook to call, kind by kind, with its `register`."""
    out = []
    for kind, (hook_name, _, _) in KINDS.items():
        for impl in getattr(registry.pm.hook, hook_name).get_hookimpls():
            if only is None or impl.plugin_name in only:
                declared = None if only is None else only[impl.plugin_name].get(kind, ())
                out.append((impl, Registration(registry, kind, impl.plugin_name, impl.plugin_name in DEFAULT_PLUGINS,
                                               declared)))
    return out


def _note(infos: dict[str, PluginInfo], register: Registration) -> None:
    if register.added and register.plugin in infos:
        infos[register.plugin].registers.setdefault(register.kind, []).extend(register.added)
