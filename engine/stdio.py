"""Standard output that cannot fail silently or noisily.

A plan printed into a closed descriptor, a full disk or a closed pipe must
end the command with one clear line and exit code 1, never with exit 0 and
nothing written, and never with a traceback at interpreter exit (Python's
own exit code 120). The command's writes go through `Guarded`, which
remembers the first failure instead of raising it in the middle of click's
machinery (`--help`, `--version`) or of an export; `finish` reports it once
the command is done.

Plugin code runs with descriptor 1 pointed away from standard output
(`stdout_to_stderr`, `captured_stdout`): what it writes there itself never
lands in the middle of a plan.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
import threading
from typing import Any, Callable, Iterator


class Guarded(io.RawIOBase):
    """A descriptor that records its first write failure and then drops
    the rest: what was lost is reported once, after the command."""

    def __init__(self, fd: int, closed: bool = False):
        super().__init__()
        self.fd = fd
        self.closed_at_start = closed  # nothing written to it is lost until something is
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        size = len(view)
        if self.error is not None or not size:
            return size
        if self.closed_at_start:
            self.error = OSError(errno.EBADF, "it was closed when the engine started")
            return size
        try:
            while view:
                view = view[os.write(self.fd, view):]
        except OSError as exc:
            self.error = exc
        return size

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return self.error is None and os.isatty(self.fd)


def _open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _reserve(fd: int) -> None:
    """Put /dev/null on a descriptor that was closed at start: otherwise the
    next file the engine opens (a log, an output) would get its number and
    anything written to "standard output" would land in that file."""
    null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)


def _wrap(raw: Guarded, like: Any) -> io.TextIOWrapper:
    encoding = getattr(like, "encoding", None) or "utf-8"
    errors = getattr(like, "errors", None) or "strict"
    buffered = io.BufferedWriter(raw)
    return io.TextIOWrapper(buffered, encoding=encoding, errors=errors,
                            line_buffering=bool(getattr(like, "line_buffering", False)))


def guard() -> Guarded | None:
    """Route sys.stdout and sys.stderr through guarded descriptors; returns
    standard output's, whose failure `finish` reports. Streams someone has
    already replaced (an embedding program, a test runner) are left alone."""
    for fd in (0, 1, 2):
        if not _open(fd):
            _reserve(fd)
    out = None
    for fd, name in ((1, "stdout"), (2, "stderr")):
        stream = getattr(sys, name)
        if stream is not None and _fileno(stream) != fd:
            continue
        raw = Guarded(fd, closed=stream is None)
        setattr(sys, name, _wrap(raw, stream))
        if fd == 1:
            out = raw
    return out


def _fileno(stream: Any) -> int | None:
    try:
        fd: int = stream.fileno()
        return fd
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return None


def finish(out: Guarded | None, code: int) -> int:
    """Flush both streams; a failed standard output turns `code` into 1
    with one line saying why (on standard error, when that still works)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    if out is None or out.error is None:
        return code
    reason = out.error.strerror or str(out.error)
    try:
        sys.stderr.write(f"engine: error: cannot write to standard output: {reason}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return 1


# -- plugin code's own writes ---------------------------------------------------

# Plugin code may write to descriptor 1 itself (os.write(1, ...), a C
# library's printf), under any sys.stdout the engine has swapped in. While
# it runs, descriptor 1 points elsewhere; `_lock` guards the switch and
# `_diverted` counts the callers inside, so nested and concurrent calls
# share one diversion and the last one out puts standard output back.
_lock = threading.Lock()
_diverted = 0
_kept: list[Any] = []  # while diverted: descriptor 1's copy (or None) and sys.stdout


@contextlib.contextmanager
def stdout_to_stderr() -> Iterator[None]:
    """Send what plugin code writes to standard output, by print() or
    straight to descriptor 1, to standard error while it runs: a plan or a
    JSON document on standard output stays whole."""
    global _diverted
    with _lock:
        if not _diverted:
            _kept[:] = [_point_stdout_at(2), sys.stdout]
            sys.stdout = sys.stderr
        _diverted += 1
    try:
        yield
    finally:
        with _lock:
            _diverted -= 1
            if not _diverted:
                saved, sys.stdout = _kept
                _restore_stdout(saved)
                _kept.clear()


@contextlib.contextmanager
def captured_stdout() -> Iterator[Callable[[], str]]:
    """Keep what is written to descriptor 1 meanwhile (plugins loading);
    yields a function that returns what was written since it was last
    called, at most `CAPTURED` bytes of it, as text."""
    scratch = _scratch()
    with _lock:
        saved = _point_stdout_at(scratch) if scratch is not None else None
    mark = 0

    def written() -> str:
        nonlocal mark
        if scratch is None:
            return ""
        end = os.fstat(scratch).st_size
        data = _read_at(scratch, mark, min(end - mark, CAPTURED)) if end > mark else b""
        mark = end
        return data.decode("utf-8", "replace")

    try:
        yield written
    finally:
        with _lock:
            _restore_stdout(saved)
        if scratch is not None:
            os.close(scratch)


CAPTURED = 4096


def _read_at(fd: int, offset: int, size: int) -> bytes:
    """`size` bytes at `offset`, leaving the file's position (shared with
    descriptor 1, where writes go on) at its end."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    try:
        return os.read(fd, size)
    finally:
        os.lseek(fd, 0, os.SEEK_END)


def _scratch() -> int | None:
    """An anonymous file (memory-backed where the system offers one)."""
    try:
        if hasattr(os, "memfd_create"):
            return os.memfd_create("engine-plugin-output", os.MFD_CLOEXEC)
        import tempfile

        with tempfile.TemporaryFile() as f:
            return os.dup(f.fileno())
    except OSError:
        return None


def _point_stdout_at(fd: int) -> int | None:
    """Point descriptor 1 at `fd`; returns a copy of what it was, or None
    when it cannot (descriptor 1 or `fd` closed: there is nothing to keep whole)."""
    try:
        saved = os.dup(1)
    except OSError:
        return None
    try:
        os.dup2(fd, 1)
    except OSError:
        os.close(saved)
        return None
    return saved


def _restore_stdout(saved: int | None) -> None:
    if saved is not None:
        os.dup2(saved, 1)
        os.close(saved)
