"""The `engine` entry points, remembered between runs.

importlib.metadata costs about 20 ms to import and scan on every start; the
set of installed distributions rarely changes. The answer is kept in the
cache directory under a fingerprint of every `*.dist-info` and `*.egg-info`
entry on sys.path (name and modification time: installing, upgrading or
removing a distribution changes it), and importlib.metadata is asked again
whenever the fingerprint differs or the cache cannot be read.
`ENGINE_NO_CACHE=1` always asks.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from typing import Any

from engine.compiled import dataclass
from engine import cache
from engine.cache import sha256

KEEP = 16  # environments remembered


@dataclass(frozen=True)
class EntryPoint:
    """An installed plugin's entry point, as remembered in the cache."""

    name: str
    value: str  # "module:attribute"
    version: str | None  # of the distribution that declares it

    def load(self) -> Any:
        module, _, attr = self.value.partition(":")
        obj = importlib.import_module(module.strip())
        for part in attr.strip().split(".") if attr.strip() else ():
            obj = getattr(obj, part)
        return obj


def _fingerprint(group: str) -> str:
    digest = sha256(f"{group}\0{sys.version}".encode())
    for entry in sys.path:
        digest.update(b"\1" + os.fsencode(entry or "."))
        try:
            with os.scandir(entry or ".") as it:
                found = sorted((e.name, e.stat().st_mtime_ns) for e in it
                               if e.name.endswith((".dist-info", ".egg-info")))
        except (OSError, ValueError):
            continue
        for name, mtime in found:
            digest.update(f"\2{name}\0{mtime}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _scan(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points

    out = []
    for ep in entry_points(group=group):
        dist = getattr(ep, "dist", None)
        out.append(EntryPoint(ep.name, ep.value, getattr(dist, "version", None)))
    return sorted(out, key=lambda e: e.name)


def entry_points(group: str) -> list[EntryPoint]:
    """The group's entry points, sorted by name."""
    if cache.cache_dir() is None:
        return _scan(group)
    name = f"{_fingerprint(group)}.json"
    try:
        cached = [EntryPoint(*item) for item in json.loads(cache.load("entry-points", name) or b"")]
        if all(isinstance(e.name, str) and isinstance(e.value, str) and isinstance(e.version, (str, type(None)))
               for e in cached):
            return cached
    except (ValueError, TypeError, RecursionError):
        pass
    found = _scan(group)
    folder = cache.folder("entry-points")
    try:  # one answer per environment (venvs share the cache); keep the newest few of ours
        ours = [f for f in folder.glob("*.json") if len(f.stem) == 64] if folder else []
        for old in sorted(ours, key=lambda f: f.stat(follow_symlinks=False).st_mtime_ns)[:-(KEEP - 1)]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
    cache.store("entry-points", name, json.dumps([[e.name, e.value, e.version] for e in found]).encode())
    return found
