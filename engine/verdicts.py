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
from typing import Any, Mapping

from engine.cache import folder, load, sha256, store, trusted

MAX_ENTRIES = 20_000


def schema_fingerprint(schema: Mapping[str, Any]) -> str:
    from engine import __version__

    text = json.dumps(schema, sort_keys=True, separators=(",", ":"), default=repr)
    return sha256(f"{__version__}\0{text}".encode()).hexdigest()


def _key(fingerprint: str, data: Any) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=repr, ensure_ascii=False)
    return sha256(f"{fingerprint}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


def known_valid(fingerprint: str, data: Any) -> bool:
    key = _key(fingerprint, data)
    directory = folder("verdicts", key[:2])
    if directory is None:
        return False
    try:
        # Only an empty marker this user made, in folders only this user
        # controls, counts: anything else would skip validation.
        st = os.stat(directory / key, follow_symlinks=False)
    except (OSError, ValueError):
        return False
    return trusted(st) and st.st_size == 0


def remember_valid(fingerprint: str, data: Any) -> None:
    key = _key(fingerprint, data)
    if folder("verdicts", create=True) is None:
        return
    _prune()
    directory = folder("verdicts", key[:2], create=True)
    if directory is None:
        return
    try:
        # An empty file: creating it is atomic enough, and a half-written
        # entry cannot exist. Never through a link, and private even where
        # an older umask left it group-writable (it would never count again).
        fd = os.open(directory / key, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
    except (OSError, ValueError):
        pass


def _prune() -> None:
    """Keep the cache bounded: past MAX_ENTRIES, drop it and start again."""
    try:
        count = int(load("verdicts", ".count") or 0) + 1
    except ValueError:
        count = 1
    if count > MAX_ENTRIES:
        import shutil

        root = folder("verdicts")
        if root is not None:  # checked: a real, private folder (rmtree never follows links inside)
            shutil.rmtree(root, ignore_errors=True)
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
