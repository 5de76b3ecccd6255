"""End the process when the command is done, whatever threads plugins left.

Python waits for every non-daemon thread before it exits, so a plugin that
starts one and never stops it would keep `engine` running forever after its
work is done. When such threads outlive the command (and a short grace
period), the engine runs the exit handlers (`atexit`, which also flush
logging), flushes its streams and ends the process without waiting for them.

The `engine` executable ends that way too when only the engine's own code
ran (no plugin was loaded, no worker pool or Dask started): everything it
opened is closed by then, so what the interpreter's teardown would add
after the exit handlers and the flush (collecting every object, clearing
every module) changes nothing but the time it takes. Where other code ran,
its objects get the usual teardown: an unclosed file it left is flushed
when it is collected.
"""

from __future__ import annotations

import os
import sys
import threading
import time

GRACE = 1.0  # seconds a leftover thread gets to finish on its own

# Thread ident -> the plugin that was loading when the thread started.
STARTED_BY: dict[int, str] = {}


def lingering() -> list[threading.Thread]:
    """Non-daemon threads other than this one that are still running."""
    me = threading.current_thread()
    return [t for t in threading.enumerate() if t is not me and not t.daemon and t.is_alive()]


def note_new_threads(before: set[int], plugin: str) -> None:
    """Remember which plugin started the threads that appeared since `before`."""
    for t in threading.enumerate():
        if t.ident is not None and t.ident not in before:
            STARTED_BY.setdefault(t.ident, plugin)


def _describe(threads: list[threading.Thread]) -> str:
    names = []
    for t in threads:
        owner = STARTED_BY.get(t.ident or 0)
        names.append(f"{t.name!r}" + (f" (plugin {owner!r})" if owner else ""))
    return ", ".join(names)


# What ran besides the engine's own code (a plugin, a worker pool): its
# objects may rely on the interpreter's teardown.
OTHERS: list[str] = []


def others_ran(what: str) -> None:
    """Note that code other than the engine's own ran in this process."""
    OTHERS.append(what)


def leave(code: int, *, teardown: bool = True) -> None:
    """Exit with `code`; never hang on threads a plugin left running.
    Without `teardown` (the executable), and when only the engine's own
    code ran, the process ends after the exit handlers and the flush of
    its streams, without the interpreter's teardown."""
    left = lingering()
    deadline = time.monotonic() + GRACE
    for t in left:
        t.join(max(0.0, deadline - time.monotonic()))
    left = [t for t in left if t.is_alive()]
    if not left and (teardown or OTHERS):
        sys.exit(code)
    if left:
        try:
            sys.stderr.write(f"engine: warning: not waiting for threads left running: {_describe(left)}\n")
        except (OSError, ValueError):
            pass
    end(code)


def end(code: int) -> None:
    """What a normal exit does, bar joining leftover threads and the
    teardown: the exit handlers (registered by the engine, plugins and
    libraries: logging's flushes its handlers), then the streams; then
    the process ends with `code`."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()  # type: ignore[union-attr]
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(code)
