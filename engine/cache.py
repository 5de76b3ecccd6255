"""The engine's cache directory: answers an earlier start already worked out.

Everything kept here can be recomputed, so anything wrong with it (missing,
corrupt, unwritable, a full disk) just means recomputing. `ENGINE_CACHE_DIR`
moves it (default `$XDG_CACHE_HOME/engine`, else `~/.cache/engine`) and
`ENGINE_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import os
from pathlib import Path

try:  # CPython's built-in SHA-256: hashlib would load OpenSSL, ~2 ms of every start
    from _sha256 import sha256  # Python 3.11
except ImportError:  # pragma: no cover - other versions and implementations
    try:
        from _sha2 import sha256  # Python 3.12+
    except ImportError:
        from hashlib import sha256

__all__ = ["cache_dir", "load", "sha256", "store"]


def cache_dir() -> Path | None:
    if os.environ.get("ENGINE_NO_CACHE", "") not in ("", "0"):
        return None
    base = os.environ.get("ENGINE_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    root = Path(xdg) if xdg else Path.home() / ".cache"
    return root / "engine"


def entry(kind: str, name: str) -> Path | None:
    """Where `kind/name` lives, or None when caching is off."""
    directory = cache_dir()
    return None if directory is None else directory / kind / name


def load(kind: str, name: str) -> bytes | None:
    path = entry(kind, name)
    if path is None:
        return None
    try:
        return path.read_bytes()
    except (OSError, ValueError):
        return None


def store(kind: str, name: str, data: bytes) -> None:
    """Write atomically (a reader sees the old entry or the new one, never
    half of one); failures are ignored."""
    path = entry(kind, name)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        # Private (0600 whatever the umask): engine.compiled only trusts
        # files nobody else can write.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass
