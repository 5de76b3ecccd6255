"""The entry points of the installed distributions, read from their metadata.

`importlib.metadata.entry_points(group=...)` answers the same question, but
importing and running it costs more than the rest of a run's plugin loading
(the email parser, zipfile, csv, pathlib objects for every distribution).
This reads each distribution's `entry_points.txt` and, for the few that
declare the group, the `Version` of its `METADATA`, with the rules
importlib.metadata follows (tests/unit/test_entrypoints.py compares the two on
the Python that runs them):

- distributions are the `*.dist-info` and `*.egg-info` entries (and an
  `.egg`'s `EGG-INFO`) of each `sys.path` folder or zip archive, in path
  order;
- of several distributions with the same normalised name, the first wins;
- `entry_points.txt` is read as importlib.metadata's own parser reads it:
  stripped lines, `#` comments, `[group]` headers, `name = value`.

A line of the group that is not `name = value` makes importlib.metadata
raise; here it is reported as a `Malformed` entry so the plugin loader can
name the distribution and go on.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

from engine.model.base import Frozen, set_field


class EntryPoint(Frozen):
    """One `name = module:attribute` line of a distribution's group."""

    __slots__ = ("name", "value", "version", "distribution")
    name: str
    value: str
    version: str | None  # of the distribution that declares it
    distribution: str  # its metadata folder, for messages

    def __init__(self, name: str, value: str, version: str | None, distribution: str = "") -> None:
        set_field(self, "name", name)
        set_field(self, "value", value)
        set_field(self, "version", version)
        set_field(self, "distribution", distribution)

    def load(self) -> Any:
        """Import the module and look up the attribute, as importlib.metadata does."""
        found = parse_value(self.value)
        if found is None:
            raise ValueError(f"entry point {self.name!r}: {self.value!r} is not 'module' or 'module:attribute'")
        module, attr = found
        obj: Any = importlib.import_module(module)
        for part in filter(None, attr.split(".")):
            obj = getattr(obj, part)
        return obj


def parse_value(value: str) -> tuple[str, str] | None:
    """`module:attr [extras]` as (module, attr), attr "" when there is
    none; None where importlib.metadata's pattern for an entry point's
    value does not match (tests/unit/test_entrypoints.py holds the two to
    the same answer). Read with string methods: compiling that pattern
    took longer than loading a small plugin."""
    module = _dotted(value)
    rest = value[len(module):].lstrip()
    attr = ""
    if rest.startswith(":"):
        attr = _dotted(rest[1:].lstrip())
        if not attr:
            return None
        rest = rest[1:].lstrip()[len(attr):].lstrip()
    extras = rest.rstrip()
    if extras and not (extras.startswith("[") and extras.endswith("]") and "\n" not in extras):
        return None
    return (module, attr) if module else None


def _dotted(text: str) -> str:
    """The longest start of `text` made of word characters and dots."""
    end = 0
    while end < len(text) and (text[end].isalnum() or text[end] in "_."):
        end += 1
    return text[:end]


class Malformed(Frozen):
    """A line of the group that is not `name = value`."""

    __slots__ = ("distribution", "line")
    distribution: str
    line: str

    def __init__(self, distribution: str, line: str) -> None:
        set_field(self, "distribution", distribution)
        set_field(self, "line", line)


def normalize(name: str) -> str:
    """PEP 503 normalisation with dashes as underscores (importlib.metadata's
    `Prepared.normalize`: runs of `-`, `_` and `.` become one `_`), with
    string methods: it runs for every installed distribution on every start."""
    name = name.lower().replace("-", "_").replace(".", "_")
    while "__" in name:
        name = name.replace("__", "_")
    return name


class _Folder:
    """A `sys.path` entry that is a directory."""

    def __init__(self, root: str):
        self.root = root

    def children(self) -> list[str]:
        return os.listdir(self.root or ".")

    def read(self, child: str, name: str) -> str | None:
        path = os.path.join(self.root, child, name) if name else os.path.join(self.root, child)
        try:
            with open(path, "rb") as f:  # (a text file object costs more than the file's read)
                data = f.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
            return None
        return _text(data)

    def stem(self, child: str) -> str:
        return child


class _Archive(_Folder):
    """A `sys.path` entry that is a zip archive (a zipapp, an egg file)."""

    def __init__(self, root: str):
        import zipfile

        super().__init__(root)
        self.zip = zipfile.ZipFile(root)
        self.names = set(self.zip.namelist())

    def children(self) -> list[str]:
        return list(dict.fromkeys(name.split("/", 1)[0] for name in self.zip.namelist()))

    def read(self, child: str, name: str) -> str | None:
        member = f"{child}/{name}" if name else child
        if member not in self.names:
            return None
        return _text(self.zip.read(member))

    def stem(self, child: str) -> str:
        return ""  # importlib.metadata names a zipped distribution by its metadata


def _text(data: bytes) -> str:
    """UTF-8 with universal newlines, as a text file reads it."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _open(entry: str) -> _Folder | None:
    if os.path.isdir(entry or "."):
        return _Folder(entry)
    if os.path.isfile(entry):
        try:
            return _Archive(entry)
        except Exception:  # noqa: BLE001 - not a zip archive: importlib.metadata skips it too
            return None
    return None


def _metadata_folders(folder: _Folder) -> list[str]:
    """The distributions' metadata entries, grouped and ordered as importlib.metadata's `Lookup` does."""
    egg = os.path.basename(folder.root).lower().endswith(".egg")
    infos: dict[str, list[str]] = {}
    eggs: list[str] = []
    for child in folder.children():
        if "-" not in child:  # (most of a folder: modules and packages; every metadata name has one)
            continue
        low = child.lower()
        if low.endswith((".dist-info", ".egg-info")):
            infos.setdefault(normalize(low.rpartition(".")[0].partition("-")[0]), []).append(child)
        elif egg and low == "egg-info":
            eggs.append(child)
    return [child for group in infos.values() for child in group] + eggs


def header(text: str, name: str) -> str | None:
    """The first `name:` header of a metadata file (RFC 822 headers, as the
    email parser reads them: case-insensitive names, folded lines)."""
    wanted, found = name.lower(), None
    for line in text.split("\n"):
        if line[:1] in (" ", "\t"):  # a folded line continues the header before it
            found = None if found is None else found + "\n" + line
            continue
        if found is not None or not is_header(line):
            break
        key, _, value = line.partition(":")
        if key.lower() == wanted:
            found = value.lstrip(" \t")
    return None if found is None else _unfold(found.rstrip("\r\n"))


def is_header(line: str) -> bool:
    """Whether the line starts a header, as the email parser decides: a
    name of printable ASCII other than spaces (and colons), then a colon."""
    name, colon, _ = line.partition(":")
    return bool(colon) and name.isascii() and name.isprintable() and " " not in name


def _unfold(value: str) -> str:
    """importlib.metadata's correction for RFC 822 indentation of folded values."""
    if "\n" not in value:
        return value
    import textwrap

    return textwrap.dedent(" " * 8 + value)


def _metadata(folder: _Folder, child: str) -> str:
    return folder.read(child, "METADATA") or folder.read(child, "PKG-INFO") or folder.read(child, "") or ""


def _identity(folder: _Folder, child: str) -> str:
    """The normalised name that makes a distribution unique."""
    stem, ext = os.path.splitext(folder.stem(child))
    named = normalize(stem.partition("-")[0]) if ext in (".dist-info", ".egg-info") else ""
    return named or normalize(header(_metadata(folder, child), "Name") or "")


def _sections(text: str, groups: tuple[str, ...]) -> dict[str, list[str]]:
    """The groups' lines, as importlib.metadata's `Sectioned` parser reads them."""
    section, out = None, dict[str, list[str]]()
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
        elif section in groups:
            out.setdefault(section, []).append(line)
    return out


def _declared(folder: _Folder, child: str, groups: tuple[str, ...]) -> dict[str, list[EntryPoint | Malformed]]:
    text = folder.read(child, "entry_points.txt")
    sections = _sections(text, groups) if text and any(g in text for g in groups) else {}  # (a section names its group)
    if not sections:
        return {}
    where = os.path.join(folder.root, child)
    version = header(_metadata(folder, child), "Version")
    out: dict[str, list[EntryPoint | Malformed]] = {}
    for group, lines in sections.items():
        for line in lines:
            name, sep, value = line.partition("=")
            out.setdefault(group, []).append(
                EntryPoint(name.strip(), value.strip(), version, where) if sep else Malformed(where, line))
    return out


def scan(group: str, path: list[str] | None = None) -> list[EntryPoint | Malformed]:
    """Every entry point of `group`, in the order importlib.metadata finds them."""
    return scan_groups((group,), path)[group]


def scan_groups(groups: tuple[str, ...], path: list[str] | None = None) -> dict[str, list[EntryPoint | Malformed]]:
    """Every entry point of each group, in the order importlib.metadata
    finds them, reading each distribution's metadata once."""
    seen: set[str] = set()
    found: dict[str, list[EntryPoint | Malformed]] = {group: [] for group in groups}
    for entry in sys.path if path is None else path:
        folder = _open(entry) if isinstance(entry, str) else None
        if folder is None:
            continue
        try:
            children = _metadata_folders(folder)
        except (OSError, ValueError):
            continue
        for child in children:
            identity = _identity(folder, child)
            if identity in seen:
                continue
            seen.add(identity)
            try:
                for group, entries in _declared(folder, child, groups).items():
                    found[group].extend(entries)
            except (OSError, UnicodeDecodeError) as exc:
                found[groups[0]].append(Malformed(os.path.join(folder.root, child), f"unreadable: {exc}"))
    return found


def entry_points(group: str) -> list[EntryPoint | Malformed]:
    """The group's entry points sorted by name (stable: the first found of a
    name comes first); malformed lines last."""
    return entry_points_of((group,))[group]


def entry_points_of(groups: tuple[str, ...]) -> dict[str, list[EntryPoint | Malformed]]:
    """`entry_points` of several groups, in one pass over the distributions."""
    return {group: _sorted(found) for group, found in scan_groups(groups).items()}


def _sorted(found: list[EntryPoint | Malformed]) -> list[EntryPoint | Malformed]:
    good = sorted((e for e in found if isinstance(e, EntryPoint)), key=lambda e: e.name)
    return [*good, *(e for e in found if isinstance(e, Malformed))]
