"""Calling a progression policy: the target it returns is checked, and a
fault inside it (a built-in's or a plugin's) is raised naming the plugin;
and whether a policy is a plugin's."""

from __future__ import annotations

import math
from typing import Any

from engine.errors import PluginError
from engine.model import Target


def call_policy(registry: Any, policy: str, what: str, *args: Any) -> Target:
    """`start` or `advance` of the policy registered as `policy`."""
    reg = registry.progressions[policy]
    try:
        target = getattr(reg.component, what)(*args)
        if not isinstance(target, Target):
            raise TypeError(f"expected a Target, got {type(target).__name__}")
        _check_numbers(target)
    except Exception as exc:  # noqa: BLE001 - a plugin's fault names the plugin
        raise PluginError(reg.plugin, f"progression {policy!r}", f"{type(exc).__name__}: {exc}") from exc
    return target


def _check_numbers(target: Target) -> None:
    """A policy's numbers must be real: a NaN or infinite load would
    print as a load nobody can lift."""
    load, added, reps, sets = target.load, target.added_load, target.reps, target.sets
    if (load is None or type(load) is float and math.isfinite(load)) and type(added) is float \
            and math.isfinite(added) and type(reps) is int and type(sets) is int and reps >= 0 and sets >= 0:
        return  # (the usual target: each check below passes)
    for name, value in (("load", load), ("added_load", added)):
        if value is not None and (not isinstance(value, (int, float)) or not math.isfinite(value)):
            raise ValueError(f"{name} is {value!r}, not a finite number")
    if not isinstance(target.reps, int) or not isinstance(target.sets, int) or target.reps < 0 or target.sets < 0:
        raise ValueError(f"sets and reps must be whole numbers >= 0, got {target.sets!r} x {target.reps!r}")


def from_plugin(registry: Any, policy: str) -> bool:
    """Whether the policy registered as `policy` comes from a plugin, not the engine's own."""
    key = f"from plugin: {policy}"
    found = registry.cache.get(key)
    if found is None:
        builtin = {p.name for p in registry.plugins if p.builtin}
        found = registry.cache[key] = registry.progressions[policy].plugin not in builtin
    return bool(found)
