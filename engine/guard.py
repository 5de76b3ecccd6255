"""Plugin code at arm's length.

A plugin is loaded (imported, then asked to register its components) in a
thread the engine waits for at most `time_limit()` seconds, so a plugin
that sleeps or spins at import never hangs a command; what it writes to
standard output there, printed or straight to descriptor 1, is kept off it
and named. Its components are wrapped so that what they write to standard
output goes to standard error, anything they raise, SystemExit and other
BaseExceptions included (KeyboardInterrupt aside), reaches the engine as an
ordinary exception naming the plugin, and a progression's numbers are
checked as they come out.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import threading
from collections import deque
from typing import Any, Callable

from engine.stdio import captured_stdout, stdout_to_stderr

TIMEOUT_ENV = "ENGINE_PLUGIN_TIMEOUT"
DEFAULT_TIMEOUT = 10.0


class TimedOut(Exception):
    """Plugin code did not finish within its time limit."""


class PluginAbort(Exception):
    """A plugin raised a BaseException (SystemExit, GeneratorExit, its own)."""

    def __init__(self, exc: BaseException):
        self.original = exc
        text = str(exc).strip().splitlines()
        super().__init__(f"raised {type(exc).__name__}" + (f": {text[0]}" if text else ""))


def time_limit() -> float:
    """Seconds one plugin may take to load: ENGINE_PLUGIN_TIMEOUT, else 10."""
    try:
        value = float(os.environ.get(TIMEOUT_ENV, "") or DEFAULT_TIMEOUT)
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if 0 < value < float("inf") else DEFAULT_TIMEOUT


def timed_out_message(plugin: str, limit: float) -> str:
    return (f"did not finish loading within {limit:g} s (a hang at import or in a registration hook?); "
            f"it was skipped. Set ENGINE_DISABLE_PLUGIN_AUTOLOAD=1 to start without plugins, "
            f"ENGINE_PLUGINS to choose them, or {TIMEOUT_ENV} to allow more time")


def call_limited(fn: Callable[[], Any], limit: float, plugin: str) -> tuple[Any, str]:
    """Run `fn` in the loader thread for at most `limit` seconds; returns
    its value and what it printed. Raises TimedOut, or what `fn` raised."""
    from engine import shutdown

    worker = _Worker.current()
    before = {t.ident for t in threading.enumerate() if t.ident is not None}
    printed = io.StringIO()
    # This thread only waits meanwhile; print() and writes to descriptor 1 are both kept.
    with contextlib.redirect_stdout(printed), captured_stdout() as written:
        box = worker.run(fn, plugin, limit)
        text = printed.getvalue() + written()
    shutdown.note_new_threads(before, plugin)
    if box is None:
        _Worker.abandon(worker)
        raise TimedOut(plugin)
    if "error" in box:
        raise box["error"]
    return box.get("value"), text


class _Worker:
    """One daemon thread that runs plugin code call after call: starting a
    thread per call costs more than loading a small plugin. A call that
    overruns its time limit keeps the thread; the next call gets a new one."""

    _live: _Worker | None = None

    def __init__(self) -> None:
        self._jobs: deque[tuple[Callable[[], Any], dict[str, Any], threading.Event]] = deque()
        self._waiting = threading.Semaphore(0)  # one release per job put
        self._thread = threading.Thread(target=self._serve, name="engine: loading plugins", daemon=True)
        self._thread.start()
        self.ident = self._thread.ident

    @classmethod
    def current(cls) -> _Worker:
        if cls._live is None:
            cls._live = cls()
        return cls._live

    @classmethod
    def abandon(cls, worker: _Worker) -> None:
        if cls._live is worker:
            cls._live = None

    def run(self, fn: Callable[[], Any], plugin: str, limit: float) -> dict[str, Any] | None:
        """`fn`'s value or error in a dict, or None when it did not finish in time."""
        box: dict[str, Any] = {}
        done = threading.Event()
        self._thread.name = f"engine: loading plugin {plugin}"
        self._jobs.append((fn, box, done))
        self._waiting.release()
        return box if done.wait(limit) else None

    @classmethod
    def forget(cls) -> None:
        """In a forked child: the thread did not come along."""
        cls._live = None

    def _serve(self) -> None:
        while True:
            self._waiting.acquire()
            fn, box, done = self._jobs.popleft()
            try:
                box["value"] = fn()
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                box["error"] = exc
            done.set()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_Worker.forget)


def contained(fn: Callable[..., Any]) -> Callable[..., Any]:
    """`fn`, writing to standard error what it writes to standard output,
    with BaseExceptions other than KeyboardInterrupt turned into
    PluginAbort: the engine's `except Exception` then names the plugin."""

    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            with stdout_to_stderr():
                return fn(*args, **kwargs)
        except (Exception, KeyboardInterrupt):
            raise
        except BaseException as exc:  # noqa: BLE001 - SystemExit and the like, from a plugin
            raise PluginAbort(exc) from exc

    call.__wrapped__ = fn  # type: ignore[attr-defined]
    return call


def _finite_target(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A progression step whose Target must hold finite numbers: NaN or
    infinite loads would reach every exporter."""
    guarded = contained(fn)

    def call(*args: Any, **kwargs: Any) -> Any:
        target = guarded(*args, **kwargs)
        bad = _not_finite(target)
        if bad:
            raise ValueError(f"returned a target with {bad}; every number must be finite")
        return target

    call.__wrapped__ = fn  # type: ignore[attr-defined]
    return call


def _not_finite(target: Any) -> str:
    from engine.model import Target

    if not isinstance(target, Target):
        return ""  # the engine reports the wrong type itself
    values: dict[str, Any] = {"sets": target.sets, "reps": target.reps, "added_load": target.added_load,
                              "load": target.load, "rpe": target.rpe}
    for name, value in values.items():
        for v in value if isinstance(value, (tuple, list)) else (value,):  # rpe is a (low, high) pair
            if isinstance(v, float) and not math.isfinite(v):
                return f"{name} = {value!r}"
    return ""


def _wrappers(component: Any) -> dict[str, Callable[[Callable[..., Any]], Callable[..., Any]]]:
    """The component's callables, and how each is wrapped."""
    from engine.components import EffortModel, Exporter, Progression, Selector

    if isinstance(component, Selector):
        return {"select": contained, "explain": contained}
    if isinstance(component, Progression):
        return {"start": _finite_target, "advance": _finite_target}
    if isinstance(component, Exporter):
        return {"render": contained}
    if isinstance(component, EffortModel):
        return {"percent": contained}
    return {}


def guard_component(component: Any) -> Any:
    """The component with every callable wrapped (a copy; others as they are)."""
    changes = {name: wrap(getattr(component, name)) for name, wrap in _wrappers(component).items()
               if callable(getattr(component, name, None))}
    if not changes:
        return component
    from engine.model.base import replace

    return replace(component, **changes)
