"""Write outputs so nothing is lost: temporary file in the target directory,
fsync, then rename over the target. A failed run leaves the old file as it was."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from engine.errors import UsageError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def write_atomic(path: str | Path, data: str | bytes, *, inputs: Iterable[str | Path] = ()) -> None:
    """Replace `path` with `data` in one step; refuse to overwrite an input."""
    target = Path(path)
    for src in inputs:
        if _same_file(target, Path(src)):
            raise UsageError(f"refusing to write over {target}: it is one of this run's inputs")
    if target.is_dir():
        raise UsageError(f"{target} is a directory; give a file name for the output")
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
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
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
