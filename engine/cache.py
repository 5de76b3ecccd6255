"""The engine's cache directory: answers an earlier start already worked out.

Everything kept here can be recomputed, so anything wrong with an entry
(missing, corrupt, truncated, written by another Python, unwritable, a full
disk) just means recomputing. Entries carry a checksum of their content and
the tag of what wrote them, and are only read from regular files this user
owns and nobody else can write, opened once and checked on that open file:
a cache directory in a shared place cannot be used to feed the engine
someone else's data or code. `ENGINE_CACHE_DIR` moves it (default
`$XDG_CACHE_HOME/engine`, else `~/.cache/engine`) and `ENGINE_NO_CACHE=1`
turns it off.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

try:  # CPython's built-in SHA-256: hashlib would load OpenSSL, ~2 ms of every start
    from _sha256 import sha256  # Python 3.11
except ImportError:  # pragma: no cover - other versions and implementations
    try:
        from _sha2 import sha256  # Python 3.12+
    except ImportError:
        from hashlib import sha256

__all__ = ["cache_dir", "entry", "folder", "load", "sha256", "store", "trusted"]

MAGIC = b"engine cache 3\0"
MAX_BYTES = 64 * 1024 * 1024  # no entry is near this; a bigger file is not ours


def cache_dir() -> Path | None:
    if os.environ.get("ENGINE_NO_CACHE", "") not in ("", "0"):
        return None
    base = os.environ.get("ENGINE_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG spec: a relative path is ignored
        return Path(xdg) / "engine"
    if not os.path.isabs(os.environ.get("HOME", "/")):  # HOME="" or relative: no home to use
        return None
    try:
        return Path.home() / ".cache" / "engine"
    except (RuntimeError, KeyError):  # no home directory: run without a cache
        return None


def folder(*parts: str, create: bool = False) -> Path | None:
    """A folder inside the cache directory, made (private) when `create` is
    set. None when caching is off, or when any part of it is a link, not
    this user's, or writable by others: nothing is read from or written
    through a folder someone else controls."""
    path = cache_dir()
    if path is None:
        return None
    if create:
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)  # where the user put it, links allowed
        except (OSError, ValueError):
            return None
    for part in parts:
        path = path / part
        if create:
            try:
                os.mkdir(path, 0o700)
            except FileExistsError:
                pass
            except (OSError, ValueError):
                return None
        try:
            st = os.lstat(path)
        except (OSError, ValueError):
            return None
        if not stat.S_ISDIR(st.st_mode) or not _mine(st):
            return None
    return path


def entry(kind: str, name: str) -> Path | None:
    """Where `kind/name` lives, or None when caching is off or the folder
    cannot be trusted."""
    directory = folder(kind)
    return None if directory is None else directory / name


def _mine(st: os.stat_result) -> bool:
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the user's profile is private
        return True
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def trusted(st: os.stat_result) -> bool:
    """A regular file of this user's that nobody else can write (where
    POSIX owners and modes exist)."""
    return stat.S_ISREG(st.st_mode) and _mine(st)


def _check(data: bytes) -> bytes:
    """CRC-32, as zip and PNG use: it catches damaged bytes (a deliberate
    change needs write access to a private file, which `trusted` rules out)
    in a twentieth of the time of SHA-256 on the 250 KB of methods."""
    from binascii import crc32

    return crc32(data).to_bytes(4, "big")


def _prefix(kind: str, name: str, tag: str) -> bytes:
    """What an entry starts with: the format, where it belongs (an entry
    moved to another name is not that entry) and what wrote it."""
    return MAGIC + f"{kind}/{name}\0{tag}".encode("utf-8", "surrogateescape") + b"\0"


def load(kind: str, name: str, tag: str = "") -> bytes | None:
    """The content stored under `kind/name` with this `tag`, or None."""
    path = entry(kind, name)
    if path is None:
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except (OSError, ValueError):
        return None
    try:
        st = os.fstat(fd)
        if not trusted(st) or st.st_size > MAX_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            raw = f.read(MAX_BYTES + 1)
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)
    prefix = _prefix(kind, name, tag)
    if not raw.startswith(prefix):
        return None
    check, data = raw[len(prefix):len(prefix) + 4], raw[len(prefix) + 4:]
    return data if len(check) == 4 and _check(data) == check else None


def store(kind: str, name: str, data: bytes, tag: str = "") -> None:
    """Write atomically (a reader sees the old entry or the new one, never
    half of one) into a private temporary file of a fresh name; failures
    are ignored and leave nothing behind."""
    directory = folder(kind, create=True)
    if directory is None:
        return
    import tempfile

    path = directory / name
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)  # 0600, O_EXCL
    except (OSError, ValueError):
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_prefix(kind, name, tag) + _check(data))
            f.write(data)
        os.replace(tmp, path)
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
