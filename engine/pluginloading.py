"""Third-party plugins (found by entry point, engine.plugins) imported,
registered with pluggy and asked for their components in the loader
thread (engine.guard), each within its time limit, so that a broken or
hanging plugin is named and skipped and the rest of the engine keeps
working. Imported only when there is such a plugin to load.
"""

from __future__ import annotations

from types import FunctionType, MethodType, ModuleType
from typing import Any, Callable

import pluggy

from engine import shutdown
from engine.deferred import EVERY_RUN
from engine.guard import Budget, Call, TimedOut, run_each, time_limit, timed_out_message
from engine.plugins import (
    PluginInfo,
    Registry,
    call_impl,
    describe_fault,
    hook_view,
    note_printed,
)
from engine.registration import KINDS, REFUSED, PluginFailure, Registration


def load_plugins(pm: pluggy.PluginManager, registry: Registry, budgets: dict[str, Any], todo: list[Any],
                 on_demand: bool = False) -> None:
    """Import and register the plugins one after another in the loader
    thread (engine.guard), each within its time limit; a later entry point
    of a name loads only if none before it did. Plugins loaded `on_demand`
    (engine.deferred) are refused the hooks that run on every run."""
    refuse = EVERY_RUN if on_demand else ()
    shutdown.others_ran(f"plugins {', '.join(ep.name for ep in todo)}")
    limit = time_limit()
    calls: list[Call] = []
    earlier: dict[str, list[Call]] = {}
    views: dict[int, ModuleType] = {}
    refused: dict[str, list[str]] = {}
    for ep in todo:
        before = tuple(earlier.get(ep.name, ()))
        calls.append(Call(ep.name, ep.load, Budget(limit), wanted=_none_loaded(before) if before else None,
                          then=_registering(pm, ep.name, views, refuse, refused)))
        earlier.setdefault(ep.name, []).append(calls[-1])
    run_each(calls)
    for ep, call in zip(todo, calls, strict=True):
        if call.skipped:
            continue
        if isinstance(call.error, KeyboardInterrupt):
            raise call.error
        if call.timed_out or call.error is not None:
            registry.failures.append(PluginFailure(ep.name, "load", describe_fault(call.error or TimedOut(ep.name))))
            continue
        budgets[ep.name] = call.budget
        note_printed(registry, ep.name, "load", call.printed)
        for hook in refused.get(ep.name, ()):
            registry.failures.append(PluginFailure(ep.name, hook, (
                f"{REFUSED}, so it is loaded only by runs that name one, and {hook} must run on every run "
                "(remove its [engine.*] declarations to load it always)")))
        module = call.value
        registry.plugins.append(PluginInfo(ep.name, ep.version or getattr(module, "__version__", None), builtin=False,
                                           on_demand=on_demand))


def _none_loaded(before: tuple[Any, ...]) -> Callable[[], bool]:
    return lambda: not any(call.ok for call in before)


def _registering(pm: pluggy.PluginManager, name: str, views: dict[int, ModuleType], refuse: tuple[str, ...],
                 refused: dict[str, list[str]]) -> Callable[[Any], Any]:
    def register(module: Any) -> Any:
        plugin = _hookable(module, pm.project_name + "_impl", views)
        if refuse:
            plugin = _without(plugin, refuse, refused.setdefault(name, []))
        pm.register(plugin, name=name)
        return module

    return register


_HOOKABLE = (FunctionType, staticmethod, classmethod, MethodType)


def _hookable(plugin: Any, marker: str, views: dict[int, ModuleType]) -> Any:
    """A plugin module as pluggy needs to see it: a bare module holding the
    attributes it could take as hook implementations (functions, static,
    class and bound methods carrying the engine's marker), not every import
    and helper it would inspect one by one. A module registered twice (two
    entry points naming it) gets the same view, which pluggy refuses the
    second time as it would the module; other plugin objects are left
    as they are."""
    if not isinstance(plugin, ModuleType) or "__dir__" in vars(plugin):
        return plugin
    view = views.get(id(plugin))
    if view is None:
        hooks = {name: value for name, value in vars(plugin).items()
                 if isinstance(value, _HOOKABLE) and _marked(value, marker)}
        view = views[id(plugin)] = hook_view(plugin.__name__, hooks)
    return view


def _without(plugin: Any, refuse: tuple[str, ...], refused: list[str]) -> Any:
    """The plugin's hooks but those in `refuse` (noted in `refused`)."""
    hooks = {name: getattr(plugin, name) for name in dir(plugin)
             if name.startswith("engine_") and callable(getattr(plugin, name, None))}
    refused.extend(name for name in refuse if name in hooks)
    return hook_view(getattr(plugin, "__name__", type(plugin).__name__),
                     {name: value for name, value in hooks.items() if name not in refuse})


def _marked(value: Any, marker: str) -> bool:
    """Whether pluggy would find the marker: on the object, or on the
    function a method or wrapper holds."""
    return hasattr(value, marker) or hasattr(getattr(value, "__func__", None), marker)


def _none_timed_out(before: tuple[Any, ...]) -> Callable[[], bool]:
    return lambda: not any(call.timed_out for call in before)


def _hook_call(impl: Any, register: Registration) -> Callable[[], Any]:
    return lambda: call_impl(impl, register=register)


def register_plugins(registry: Registry, budgets: dict[str, Any], hooks: list[tuple[Any, Registration]]) -> None:
    """Run the plugins' registration hooks in the loader thread; a plugin
    out of time is named once and its later hooks are not called."""
    limit = time_limit()
    calls: list[Call] = []
    for impl, register in hooks:
        plugin = impl.plugin_name
        before = tuple(c for c in calls if c.plugin == plugin)
        budget = budgets.setdefault(plugin, Budget(limit))
        calls.append(Call(plugin, _hook_call(impl, register), budget, wanted=_none_timed_out(before)))
    run_each(calls)
    for (_, register), call in zip(hooks, calls, strict=True):
        hook_name = KINDS[register.kind][0]
        if call.skipped:
            register.close()
        elif call.timed_out:
            register.close()
            registry.failures.append(PluginFailure(call.plugin, hook_name, timed_out_message(call.plugin, limit)))
        elif isinstance(call.error, KeyboardInterrupt):
            raise call.error
        elif call.error is not None:
            register.fail(describe_fault(call.error))
        else:
            note_printed(registry, call.plugin, hook_name, call.printed)
