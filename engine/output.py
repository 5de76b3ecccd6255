"""Write outputs so nothing is lost: temporary file in the target directory,
fsync, then rename over the target. A failed run leaves the old file as it was."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from engine.errors import UsageError


class Inputs:
    """The files a run read, resolved once, so that writing thousands of
    outputs does not compare each with every input again. `parent` adds
    the files shared by many outputs (a batch's rule file and profiles)."""

    def __init__(self, paths: Iterable[str | Path] = (), parent: Inputs | None = None):
        self.parent = parent
        self.paths: set[Path] = set()
        self.ids: set[tuple[int, int]] = set()
        for p in paths:
            path = Path(p)
            try:
                self.paths.add(path.resolve())
                st = os.stat(path)
                self.ids.add((st.st_dev, st.st_ino))  # the same file by another name (a hard link)
            except (OSError, ValueError, RuntimeError):
                pass

    def holds(self, target: Path) -> bool:
        try:
            resolved = target.resolve()
        except (OSError, RuntimeError):
            resolved = None
        try:
            st = os.stat(target)
            ident: tuple[int, int] | None = (st.st_dev, st.st_ino)
        except (OSError, ValueError):
            ident = None
        inputs: Inputs | None = self
        while inputs is not None:
            if resolved in inputs.paths or ident in inputs.ids:
                return True
            inputs = inputs.parent
        return False


def write_atomic(path: str | Path, data: str | bytes, *, inputs: Iterable[str | Path] | Inputs = ()) -> None:
    """Replace `path` with `data` in one step; refuse to overwrite an input."""
    target = Path(path)
    guard = inputs if isinstance(inputs, Inputs) else Inputs(inputs)
    if guard.holds(target):
        raise UsageError(f"refusing to write over {target}: it is one of this run's inputs")
    if target.is_dir():
        raise UsageError(f"{target} is a directory; give a file name for the output")
    if target.exists() and not target.is_file():
        # Renaming over /dev/null or a FIFO would replace it with a regular file.
        raise UsageError(f"{target} is not a regular file (a device, pipe or socket); "
                         "give a file name for the output, or leave out -o to print")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"cannot write {target}: directory {directory} does not exist")
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    host = _host()
    _remove_orphans(directory, target.name, host)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.{host}-{os.getpid()}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _host() -> str:
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
                    owner, _, pid = parts[1].rpartition("-") if len(parts) == 3 else ("", "", "")
                    if owner == host and pid.isdigit():
                        found.setdefault(parts[0], []).append((entry.path, int(pid)))
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
