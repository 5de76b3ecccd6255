"""Remember which documents passed schema validation, so the common case
(running an unchanged, valid rule file again) never imports jsonschema.

Only "valid" verdicts are stored, keyed by a hash of the engine version, the
effective schema and the document's exact data. A changed file, a new
plugin option or a new engine version is a different key and is validated
in full. An invalid file is never cached, so its problems are always
reported by jsonschema with their locations. The cache is a directory of
empty files; anything wrong with it (unwritable, corrupt, full disk) just
means validating again. `ENGINE_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Mapping

from engine.cache import cache_dir, load, sha256, store, trusted

MAX_ENTRIES = 20_000


def schema_fingerprint(schema: Mapping[str, Any]) -> str:
    from engine import __version__

    text = json.dumps(schema, sort_keys=True, separators=(",", ":"), default=repr)
    return sha256(f"{__version__}\0{text}".encode()).hexdigest()


def _key(fingerprint: str, data: Any) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=repr, ensure_ascii=False)
    return sha256(f"{fingerprint}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


def _path(directory: Path, key: str) -> Path:
    return directory / "verdicts" / key[:2] / key


def known_valid(fingerprint: str, data: Any) -> bool:
    directory = cache_dir()
    if directory is None:
        return False
    try:
        # Only a marker this user made counts: one planted by someone else
        # in a shared cache directory would skip validation.
        return trusted(os.stat(_path(directory, _key(fingerprint, data)), follow_symlinks=False))
    except (OSError, ValueError):
        return False


def remember_valid(fingerprint: str, data: Any) -> None:
    directory = cache_dir()
    if directory is None:
        return
    try:
        path = _path(directory, _key(fingerprint, data))
        (directory / "verdicts").mkdir(parents=True, exist_ok=True)
        _prune(directory / "verdicts")
        path.parent.mkdir(parents=True, exist_ok=True)
        # An empty file: creating it is atomic enough, and a half-written
        # entry cannot exist. Never through a link, and private even where
        # an older umask left it group-writable (it would never count again).
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
    except (OSError, ValueError):
        pass


def _prune(root: Path) -> None:
    """Keep the cache bounded: past MAX_ENTRIES, drop it and start again."""
    try:
        count = int(load("verdicts", ".count") or 0) + 1
    except ValueError:
        count = 1
    if count > MAX_ENTRIES:
        import shutil

        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True, exist_ok=True)
        count = 1
    store("verdicts", ".count", str(count).encode())


class CachedValidator:
    """A schema validator that asks the verdict cache first and compiles
    the jsonschema validator only when it has to."""

    def __init__(self, schema: Mapping[str, Any]):
        self.schema = schema
        self.fingerprint = schema_fingerprint(schema)
        self._validator: Any = None

    def problems(self, data: Any, file: str) -> list[Any]:
        if known_valid(self.fingerprint, data):
            return []
        if self._validator is None:
            from engine.schema import SchemaValidator

            self._validator = SchemaValidator(self.schema)
        found = self._validator.problems(data, file)
        if not found:
            remember_valid(self.fingerprint, data)
        return found
