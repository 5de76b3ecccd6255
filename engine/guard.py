"""Plugin code at arm's length.

A plugin is loaded (imported, then asked to register its components) in a
thread the engine waits for at most `time_limit()` seconds, so a plugin
that sleeps or spins at import never hangs a command; what it writes to
standard output there, printed or straight to descriptor 1, is kept off it
and named. The plugins' imports, and then their registration hooks, are
handed to that thread together (`run_each`): one handoff, not one per
plugin and hook, each still within what its plugin has left of its time.

Its components are wrapped so that what they write to standard output goes
to standard error, anything they raise, SystemExit and other
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
import time
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


class Budget:
    """Seconds a plugin has left to load in, shared by its calls: its
    import and each of its registration hooks spend from it."""

    __slots__ = ("left",)

    def __init__(self, left: float) -> None:
        self.left = left


class Call:
    """Plugin code to run in the loader thread, and what came of it.

    `wanted` is asked in the loader thread just before the call would start
    (a later entry point of the same name loads only if the first failed).
    `then` gets `fn`'s value there, once it has returned in time and never
    after the waiting thread has given up on it: the engine's own step
    that keeps what the plugin made (registering its module).
    """

    __slots__ = ("plugin", "fn", "budget", "wanted", "then", "value", "error", "printed", "timed_out", "skipped",
                 "threads", "deadline", "done")

    def __init__(self, plugin: str, fn: Callable[[], Any], budget: Budget,
                 wanted: Callable[[], bool] | None = None, then: Callable[[Any], Any] | None = None) -> None:
        self.plugin, self.fn, self.budget, self.wanted, self.then = plugin, fn, budget, wanted, then
        self.value: Any = None
        self.error: BaseException | None = None
        self.printed = ""
        self.timed_out = False  # ran out of time (or had none left): its thread was left behind
        self.skipped = False  # not wanted: never ran
        self.threads: set[int] = set()  # threads alive when it started
        self.deadline = 0.0  # time.monotonic() by which it must end, once started
        self.done = False  # ran to its end in time (or was skipped, or had no time to start)

    @property
    def ok(self) -> bool:
        return self.done and not (self.skipped or self.timed_out or self.error is not None)


def run_each(calls: list[Call]) -> None:
    """Run `calls` one after another in the loader thread, each within what
    its plugin has left of its time limit: one handoff for them all, not one
    per call. A call that overruns is marked `timed_out` and its thread left
    behind; the calls after it go on in a fresh thread. What each call
    printed, or wrote to descriptor 1, is kept apart in its `printed`."""
    printed = io.StringIO()
    # This thread only waits meanwhile; print() and writes to descriptor 1 are both kept.
    with contextlib.redirect_stdout(printed), captured_stdout() as written:
        capture = _Capture(printed, written)
        rest = calls
        while rest:
            batch = _Batch(rest, capture)
            worker = _Worker.current()
            worker.start(batch)
            rest = batch.wait()
            if batch.overran:
                _Worker.abandon(worker)


class _Capture:
    """What was printed since the last call took its share."""

    def __init__(self, printed: io.StringIO, written: Callable[[], str]):
        self.printed, self.written = printed, written
        self.mark = 0

    def take(self) -> str:
        text = self.printed.getvalue()[self.mark:] + self.written()
        self.mark = len(self.printed.getvalue())
        return text


class _Batch:
    """Calls handed to one loader thread at once. The waiting thread sleeps
    until the batch ends or the running call's time is up, not once per
    call (each wake-up would contend with the loader thread for the GIL);
    `lock` orders the loader thread starting a call against the waiting
    thread giving up on it."""

    def __init__(self, calls: list[Call], capture: _Capture):
        self.calls, self.capture = calls, capture
        self.lock = threading.Lock()
        self.running: Call | None = None
        self.handed = time.monotonic()  # when the loader thread was given the batch
        self.ended = False  # the loader thread is through with the batch
        self.abandoned = False  # the loader thread starts no more of these calls
        self.overran = False  # one of them did not finish in time: its thread is left behind
        # The waiting thread's alarm, set for `wake_at`: the loader thread
        # rings it early when the batch ends or a call must end before then.
        self.wake = threading.Event()
        self.wake_at = math.inf

    def serve(self) -> None:
        """In the loader thread: each call in turn, until one overruns."""
        try:
            for call in self.calls:
                begins = self._begin(call)
                if begins is None:
                    return
                if not begins:
                    continue  # skipped, or out of time before it started
                began = time.monotonic()
                try:
                    call.value = call.fn()
                except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                    call.error = exc
                if not self._finish(call, began) or isinstance(call.error, KeyboardInterrupt):
                    return  # what comes after a KeyboardInterrupt is not run, as if it had reached the waiting thread
        finally:
            with self.lock:
                self.ended = True
                self.wake.set()

    def _begin(self, call: Call) -> bool | None:
        """Whether `call` runs now; None once the waiting thread has given up."""
        with self.lock:
            if self.abandoned:
                return None
            if call.wanted is not None and not call.wanted():
                call.skipped = call.done = True
                return False
            if call.budget.left <= 0:
                call.timed_out = call.done = True  # nothing left to run in: it does not start
                return False
            threading.current_thread().name = f"engine: loading plugin {call.plugin}"
            call.threads = {t.ident for t in threading.enumerate() if t.ident is not None}
            call.deadline = time.monotonic() + call.budget.left
            self.running = call
            if call.deadline < self.wake_at:
                self.wake.set()
            return True

    def _finish(self, call: Call, began: float) -> bool:
        """Keep `call`'s outcome, unless the waiting thread has given up on it."""
        from engine import shutdown

        shutdown.note_new_threads(call.threads, call.plugin)
        with self.lock:
            if self.abandoned:  # too late
                return False
            if call.then is not None and call.error is None:
                try:
                    call.value = call.then(call.value)
                except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                    call.error = exc
            call.budget.left -= time.monotonic() - began
            call.printed = self.capture.take()
            call.done = True
            self.running = None
            return True

    def wait(self) -> list[Call]:
        """In the waiting thread: until the batch ends, or a call overruns;
        returns the calls still to run (in a new thread)."""
        try:
            while True:
                with self.lock:
                    if self.ended:
                        return []
                    call = self._overdue()
                    if call is None:
                        self.wake_at = self._deadline()
                        self.wake.clear()
                    else:
                        self.abandoned = self.overran = call.timed_out = True
                        call.budget.left = 0.0  # it has used all its plugin had
                if call is not None:
                    break
                left = self.wake_at - time.monotonic()
                self.wake.wait(None if left == math.inf else max(left, 0.0) + 0.001)
        finally:
            with self.lock:
                self.abandoned = True  # the loader thread starts nothing more of this batch
        from engine import shutdown

        shutdown.note_new_threads(call.threads, call.plugin)
        self.capture.take()  # what it printed in time is dropped with it
        return self.calls[self.calls.index(call) + 1:]

    def _deadline(self) -> float:
        """When the running call must end (with the lock held)."""
        if self.running is not None:
            return self.running.deadline
        if not any(call.done for call in self.calls):  # not begun: the thread may be busy with another batch
            return self.handed + self.calls[0].budget.left
        return math.inf  # between two calls: the next one rings when it starts

    def _overdue(self) -> Call | None:
        """The call past its deadline, if any (with the lock held)."""
        if time.monotonic() < self._deadline():
            return None
        if self.running is not None:
            return self.running
        return None if any(call.done for call in self.calls) else self.calls[0]


def call_limited(fn: Callable[[], Any], limit: float, plugin: str) -> tuple[Any, str]:
    """Run `fn` in the loader thread for at most `limit` seconds; returns
    its value and what it printed. Raises TimedOut, or what `fn` raised."""
    call = Call(plugin, fn, Budget(limit))
    run_each([call])
    if call.timed_out:
        raise TimedOut(plugin)
    if call.error is not None:
        raise call.error
    return call.value, call.printed


class _Worker:
    """One daemon thread that runs plugin code batch after batch: starting a
    thread per call costs more than loading a small plugin. A call that
    overruns its time limit keeps the thread; what comes next gets a new one."""

    _live: _Worker | None = None

    def __init__(self) -> None:
        self._jobs: deque[_Batch] = deque()
        self._waiting = threading.Semaphore(0)  # one release per batch put
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

    def start(self, batch: _Batch) -> None:
        self._jobs.append(batch)
        self._waiting.release()

    @classmethod
    def forget(cls) -> None:
        """In a forked child: the thread did not come along."""
        cls._live = None

    def _serve(self) -> None:
        while True:
            self._waiting.acquire()
            self._jobs.popleft().serve()


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
