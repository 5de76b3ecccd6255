"""Write outputs so nothing is lost: temporary file in the target directory,
fsync, then rename over the target. A failed run leaves the old file as it was."""

from __future__ import annotations

import itertools
import os
import stat
from pathlib import Path
from typing import IO, Any, Iterable

from engine.errors import UsageError


class Inputs:
    """The files a run read, resolved once, so that writing thousands of
    outputs does not compare each with every input again. `parent` adds
    the files shared by many outputs (a batch's rule file and profiles).
    Each input is remembered with what it is, for the refusal message."""

    def __init__(self, paths: Iterable[str | Path] = (), parent: Inputs | None = None, what: str = ""):
        self.parent = parent
        self.paths: dict[Path, str] = {}
        self.ids: dict[tuple[int, int], str] = {}
        self.names: set[str] = set()  # as given: a name `parent` has is not resolved again
        for p in paths:
            if parent is None or not parent.knows(p):
                self.add(p, what or f"one of this run's inputs ({p})")

    def knows(self, path: str | Path) -> bool:
        """Whether `path`, by the very name given, is already among the inputs."""
        name = str(path)
        inputs: Inputs | None = self
        while inputs is not None:
            if name in inputs.names:
                return True
            inputs = inputs.parent
        return False

    def add(self, path: str | Path, what: str) -> None:
        """Remember `path` by its resolved name and by its identity (the
        same file under another name, a hard link, another letter case)."""
        self.names.add(str(path))
        path = Path(path)
        try:
            self.paths.setdefault(path.resolve(), what)
            st = os.stat(path)
            self.ids.setdefault((st.st_dev, st.st_ino), what)
        except (OSError, ValueError, RuntimeError):
            pass

    def holds(self, target: Path) -> str:
        """What `target` is among the inputs ("" when it is none of them)."""
        try:
            resolved: Path | None = target.resolve()
        except (OSError, RuntimeError, ValueError):
            resolved = None
        try:
            st = os.stat(target)
            ident: tuple[int, int] | None = (st.st_dev, st.st_ino)
        except (OSError, ValueError):
            ident = None
        inputs: Inputs | None = self
        while inputs is not None:
            found = inputs.paths.get(resolved) if resolved is not None else None
            if found is None and ident is not None:
                found = inputs.ids.get(ident)
            if found is not None:
                return found
            inputs = inputs.parent
        return ""


def write_atomic(path: str | Path, data: str | bytes, *, inputs: Iterable[str | Path] | Inputs = (),
                 stdout: IO[Any] | None = None) -> None:
    """Replace `path` with `data` in one step; refuse to overwrite an input.

    A link is written through (the link stays, the file it leads to is
    replaced); a path that designates this process's standard output
    (`/dev/stdout`, `/proc/self/fd/1`, the file stdout is redirected to)
    writes to `stdout` when given; any other device, pipe or descriptor is
    refused, never replaced by a regular file."""
    target = Path(path)
    guard = inputs if isinstance(inputs, Inputs) else Inputs(inputs)
    found = guard.holds(target)
    if found:
        raise UsageError(f"refusing to write over {target}: it is {found}")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    destination = _destination(target, stdout is not None)
    if destination is None:
        assert stdout is not None
        _to_stream(stdout, payload)
        return
    directory = destination.parent if str(destination.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"cannot write {target}: directory {directory} does not exist")
    _replace(destination, payload)


def _replace(target: Path, payload: bytes) -> None:
    """Temporary file beside the target, fsync, rename over it."""
    _commit(_stage(target, payload, sync=True, fresh=False), target)


def _stage(target: Path, payload: bytes, *, sync: bool, fresh: bool) -> str:
    """Write `payload` to a temporary file beside `target` (flushed to disk
    when `sync`), with the mode the target has, or for a `fresh` target (or
    one that is gone) the mode a new file gets; returns its name."""
    directory = str(target.parent) or "."
    mode = None
    if not fresh:
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:
            pass
    host = _host()
    name = _short(target.name)
    _remove_orphans(Path(directory), name, host)
    fd, tmp = _create(directory, f".{name}.{host}-{os.getpid()}.", 0o666 if mode is None else mode)
    try:
        try:
            if mode is not None:
                os.chmod(tmp, mode)  # the old file's mode, whatever the umask
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        _discard(tmp)
        raise
    return tmp


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_serial = itertools.count(int.from_bytes(os.urandom(3), "big"))


def _create(directory: str, prefix: str, mode: int) -> tuple[int, str]:
    """A new file of ours, `{prefix}{serial}.tmp`, created with `mode` less
    the umask (a new output's mode, in the one system call that makes it)."""
    for _ in range(1000):
        tmp = os.path.join(directory, f"{prefix}{next(_serial):x}.tmp")
        try:
            return os.open(tmp, _CREATE, mode), tmp
        except FileExistsError:  # a killed run's, with this process id: take the next name
            continue
    raise FileExistsError(f"no free name for a temporary file in {directory}")


def _commit(tmp: str, target: Path) -> None:
    try:
        os.replace(tmp, target)
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


class Staged:
    """Many outputs written the same safe way, with the cost of durability
    shared: each goes to a temporary file beside its target, and every
    `group` files one filesystem sync makes them all durable before they are
    renamed into place. An output is never seen half-written, and a run
    killed before a rename leaves the old file and a temporary file the next
    write removes. Use as a context manager: leaving it commits the rest
    (or, on an error, discards what was not renamed)."""

    def __init__(self, group: int = 256) -> None:
        self.group = group
        self._pending: list[tuple[str, Path, Any]] = []
        self.failed: list[tuple[Any, OSError]] = []  # (tag, error) for outputs that could not be put in place

    def write(self, path: str | Path, data: str | bytes, *, inputs: Iterable[str | Path] | Inputs = (),
              tag: Any = None) -> None:
        """As `write_atomic`, for a regular file (never standard output).
        A file that cannot be renamed into place later is listed in `failed`
        with its `tag`."""
        target = Path(path)
        try:
            os.lstat(target)
            fresh = False
        except FileNotFoundError:  # nothing there: no input to replace, no link to follow
            fresh = not _special(target)
        destination: Path | None = target
        if not fresh:
            guard = inputs if isinstance(inputs, Inputs) else Inputs(inputs)
            found = guard.holds(target)
            if found:
                raise UsageError(f"refusing to write over {target}: it is {found}")
            destination = _destination(target, False)
        assert destination is not None
        payload = data.encode("utf-8") if isinstance(data, str) else data
        tmp = _stage(destination, payload, sync=False, fresh=fresh)
        self._pending.append((tmp, destination, tag))
        if len(self._pending) >= self.group:
            self.commit()

    def commit(self) -> None:
        """Make the staged files durable, then rename each into place."""
        if not self._pending:
            return
        os.sync()
        pending, self._pending = self._pending, []
        for i, (tmp, target, tag) in enumerate(pending):
            try:
                _commit(tmp, target)
            except OSError as exc:
                self.failed.append((tag, exc))
            except BaseException:
                for rest, *_ in pending[i + 1:]:
                    _discard(rest)
                raise

    def __enter__(self) -> Staged:
        return self

    def __exit__(self, kind: Any, *exc: Any) -> None:
        if kind is None:
            self.commit()
            return
        for tmp, *_ in self._pending:
            _discard(tmp)
        self._pending = []


# Where a path designates one of this process's output streams.
_STREAMS = {1: "standard output", 2: "standard error"}


def _stream_of(st: os.stat_result) -> int | None:
    for fd in _STREAMS:
        try:
            other = os.fstat(fd)
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
            return fd
    return None


def _destination(target: Path, printable: bool) -> Path | None:
    """The regular file to replace for `target`, or None for standard
    output; raises UsageError (about the `output` argument) for anything else."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot write {target}: {getattr(exc, 'strerror', None) or exc}") from None
    if st is not None:
        stream = _stream_of(st)
        if stream == 1 and printable:
            return None
        if stream is not None:
            raise UsageError(f"{target} is this process's {_STREAMS[stream]}", hint="print")
        if stat.S_ISDIR(st.st_mode):
            raise UsageError(f"{target} is a directory; give a file name for the output")
        if not stat.S_ISREG(st.st_mode):
            # Renaming over /dev/null or a FIFO would replace it with a regular file.
            raise UsageError(f"{target} is not a regular file (a device, pipe or socket); "
                             "give a file name for the output", hint="print")
    if not os.path.islink(target) and (st is not None or not _special(target)):
        return target
    return _through_link(target, st)


def _special(path: Path) -> bool:
    """Under /proc or /dev: descriptors and devices, never an output file."""
    return Path(os.path.abspath(path)).parts[1:2] in (("proc",), ("dev",))


def _through_link(target: Path, st: os.stat_result | None) -> Path:
    """Where a link leads, if that is a regular file (or a new one in a
    real directory): the link itself is never replaced."""
    real = Path(os.path.realpath(target))
    if st is None and _special(real):
        raise UsageError(f"{target} leads to a descriptor or device ({real}) that is not this "
                         "process's standard output; give a file name for the output")
    try:
        st_real: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        st_real = None
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot write {target}: {getattr(exc, 'strerror', None) or exc}") from None
    same = (st is None and st_real is None) or (
        st is not None and st_real is not None and (st.st_dev, st.st_ino) == (st_real.st_dev, st_real.st_ino))
    if not same:
        raise UsageError(f"cannot tell where the link {target} leads; give a file name for the output")
    return real


def _to_stream(stream: IO[Any], payload: bytes) -> None:
    stream.flush()
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        buffer.write(payload)
        buffer.flush()
    else:
        stream.write(payload.decode("utf-8", "replace"))
        stream.flush()


# A file name holds at most 255 bytes: a long output name is shortened in
# its temporary file's name (with a checksum, so two long names that share
# their beginning still differ).
MAX_NAME_PART = 120


def _short(name: str) -> str:
    raw = name.encode("utf-8", "surrogateescape")
    if len(raw) <= MAX_NAME_PART:
        return name
    from zlib import crc32

    cut = raw[:MAX_NAME_PART - 9].decode("utf-8", "ignore")
    return f"{cut}~{crc32(raw):08x}"


def _host() -> str:
    """This machine's name, as temporary files carry it (worked out once)."""
    if not _HOST:
        _HOST.append(_hostname())
    return _HOST[0]


_HOST: list[str] = []


def _hostname() -> str:
    if hasattr(os, "uname"):
        name = os.uname().nodename
    else:  # pragma: no cover - Windows
        import socket

        name = socket.gethostname()
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name)[:64] or "host"


# Per directory, the temporary files of this host found on the first write
# there, by output name: a batch writing 10,000 outputs into one directory
# lists it once, not once per output.
_ORPHANS: dict[str, dict[str, list[tuple[str, int]]]] = {}


def _remove_orphans(directory: Path, name: str, host: str) -> None:
    """Temporary files a killed run left beside this output: only ours (this
    host's) and only when the process that made them is gone, so a run in
    progress, here or on another machine sharing the directory, is never
    touched."""
    key = os.path.abspath(directory)
    if key not in _ORPHANS:
        found: dict[str, list[tuple[str, int]]] = {}
        try:
            with os.scandir(directory) as entries:
                for entry in entries:
                    # ".{output}.{host}-{pid}.{random}.tmp"
                    if not (entry.name.startswith(".") and entry.name.endswith(".tmp")):
                        continue
                    parts = entry.name[1:-4].rsplit(".", 2)
                    owner, _, number = parts[1].rpartition("-") if len(parts) == 3 else ("", "", "")
                    if owner == host and number.isdigit():
                        found.setdefault(parts[0], []).append((entry.path, int(number)))
        except OSError:
            pass
        _ORPHANS[key] = found
    for path, pid in _ORPHANS[key].pop(name, ()):
        if pid == os.getpid() or _alive(pid):
            continue
        try:
            os.unlink(path)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # exists (another user's) or cannot tell: leave it
    return True
