"""Read TOML documents safely: size limit, encoding, syntax, confined includes.

Reading never executes anything from the file and never writes to it. Every
failure becomes a located `Problem` rather than an exception from tomllib.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import re
import stat
import tomllib
from typing import Any

from engine.errors import EngineError, JsonPath, Problem, lower_first, shorten
from engine.model.base import Frozen, set_field

MAX_FILE_BYTES = 1024 * 1024
MAX_INCLUDE_DEPTH = 8
MAX_DOCUMENTS = 64
MAX_NESTING = 64

# Where tomllib's message says the error is; compiled (by `re`) only for a
# file that fails to parse.
_AT = r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$"


class Document(Frozen):
    """One TOML file as read: display name, resolved path, text and data."""

    __slots__ = ("file", "path", "source", "data")
    file: str
    path: str  # resolved
    source: str
    data: dict[str, Any]

    def __init__(self, file: str, path: str, source: str, data: dict[str, Any]) -> None:
        set_field(self, "file", file)
        set_field(self, "path", path)
        set_field(self, "source", source)
        set_field(self, "data", data)


class UnreadableFile(EngineError):
    """The path is not a readable file at all (missing, a directory, ...):
    for an include, reported where the include names it."""


def _problem(file: str, message: str, line: int = 1, column: int = 1, path: JsonPath = ()) -> EngineError:
    return EngineError([Problem(file, path, message, line=line, column=column)])


def _unreadable(file: str, message: str) -> UnreadableFile:
    return UnreadableFile([Problem(file, (), message, line=1, column=1)])


class NotRegularFile(OSError):
    pass


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most `limit + 1` bytes of a regular file. The file is opened
    without blocking and checked before reading: a FIFO or a device named
    as an input would otherwise hang the engine or feed it forever."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with open(fd, "rb", closefd=True) as fh:
        st = os.fstat(fd)
        mode = st.st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "is a directory")
        if not stat.S_ISREG(mode):
            raise NotRegularFile("not a regular file (a pipe, socket or device); save it to a file first")
        # As much as the file says it holds, and one byte more: reading `limit + 1` at once would make a
        # buffer that large for every small file. Only a file longer than it says (growing, or one of
        # /proc's, which say 0) is read on, up to the limit.
        first = fh.read(min(st.st_size, limit) + 1)
        if st.st_size < len(first) <= limit:
            return first + fh.read(limit + 1 - len(first))
        return first


def read_text(path: str | os.PathLike[str], display: str) -> str:
    """Read a UTF-8 text file within the size limit, or raise a located error."""
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except IsADirectoryError:
        raise _unreadable(display, "is a directory, not a file") from None
    except NotRegularFile as exc:
        raise _unreadable(display, str(exc)) from None
    except FileNotFoundError:
        raise _unreadable(display, "no such file") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        reason = getattr(exc, "strerror", None) or str(exc)
        raise _unreadable(display, f"cannot read: {reason}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _problem(display, f"file is larger than the {MAX_FILE_BYTES // 1024} KiB limit")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise _problem(display, "not valid UTF-8 text (is this a TOML file?)", line, column) from None


def _unclosed(source: str, display: str, message: str, line: int, column: int) -> EngineError:
    """An unclosed bracket, pointed at where it opened (engine.unclosed)
    rather than where the parser gave up, when that is another line; on
    its own line, where the parser says, with its key's path. "Invalid
    value" at a line that starts a key or a table header, at a `}`, or at
    the end of the document is a bracket left open above it (`"thu",` then
    `weeks = 4`: the key read as an element)."""
    from engine.unclosed import key_path, opened, starts_key

    lines = source.split("\n")
    start = sum(len(text) + 1 for text in lines[:line - 1])
    invalid = message == "Invalid value"
    bracket = None if invalid and not starts_key(source[min(start, len(source)):]) \
        else opened(source, min(start if invalid else start + column - 1, len(source)))
    said = f"TOML syntax error: {lower_first(message)}"
    if bracket is None:
        return _problem(display, said, line, column)
    path = key_path(source, bracket)
    at_line = source.count("\n", 0, bracket) + 1
    if at_line == line:
        return _problem(display, said, line, column, path)
    kind, closer = ("array", "]") if source[bracket] == "[" else ("inline table", "}")
    at_column = bracket - (source.rfind("\n", 0, bracket) + 1) + 1
    return _problem(display, f"TOML syntax error: unclosed {kind}: the {source[bracket]!r} opened here has no "
                             f"{closer!r} before line {line}", at_line, at_column, path)


def _tables(message: str, text: str) -> str:
    """tomllib's "Cannot declare ('a', 'b') twice" as a coach reads it: "cannot
    declare the table [a.b] twice", and where the line is a header left
    open ("[athlete" with no "]"), that first."""
    found = re.search(r"\((?:'[^'\n]*',? ?)+\)", message)
    if found is None:
        return message
    import ast

    names = ast.literal_eval(found.group(0))
    keys = [k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else '"' + k.replace("\\", "\\\\").replace('"', '\\"') + '"'
            for k in (names if isinstance(names, tuple) else (names,))]  # as the file writes them: quoted if not bare
    table = "[" + ".".join(keys) + "]"
    said = message[:found.start()] + f"the table {table}" + message[found.end():]
    header = text.strip()
    if header.startswith("[") and "]" not in header:
        return f"unclosed table header {header!r}: no ']' after it (read as {table}, which is declared already)"
    return said


def parse_toml(source: str, display: str) -> dict[str, Any]:
    """Parse TOML 1.0 with the standard library, mapping its errors to problems."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = getattr(exc, "lineno", None)
        column = getattr(exc, "colno", None)
        match = re.search(_AT, message)
        if match:
            message = message[: match.start()]
            if match.group(1):
                line, column = int(match.group(1)), int(match.group(2))
            else:
                line = source.count("\n") + 1
                column = len(source.rsplit("\n", 1)[-1]) + 1
        message = getattr(exc, "msg", message)
        bad = _bad_date(source, line or 1)
        if bad is not None:  # (tomllib reads 2026-13-01 as a number and what follows it, not as a date)
            from engine.unclosed import key_path

            offset = sum(len(text) + 1 for text in source.split("\n")[:(line or 1) - 1]) + bad[0] - 1
            raise _problem(display, f"TOML syntax error: {bad[1]}", line or 1, bad[0],
                           key_path(source, offset)) from None
        if message in ("Unclosed array", "Unclosed inline table", "Invalid value"):
            raise _unclosed(source, display, message, line or 1, column or 1) from None
        message = _tables(message, source.split("\n")[(line or 1) - 1] if line else "")
        raise _problem(display, f"TOML syntax error: {lower_first(message)}", line or 1, column or 1) from None
    except RecursionError:
        raise _problem(display, "values are nested too deeply to read") from None
    depth = nesting(data)
    if depth > MAX_NESTING:
        raise _problem(display, f"values are nested {depth} levels deep; the limit is {MAX_NESTING}")
    return data


_DATE = r"(?:^|[=\[,{])\s*((\d{4})-(\d{2})-(\d{2}))(?![\d:])"  # where a value starts (compiled when needed)


def _bad_date(source: str, line: int) -> tuple[int, str] | None:
    """(column, words) for a date on the failing line that is no day of
    the calendar: "2026-13-01 is not a date: month must be in 1..12"."""
    text = source.split("\n")[line - 1] if line <= source.count("\n") + 1 else ""
    for match in re.finditer(_DATE, text):
        try:
            _dt.date(*(int(g) for g in match.groups()[1:]))
        except ValueError as exc:
            return match.start(1) + 1, f"{match.group(1)} is not a date: {exc}"
    return None


def nesting(value: Any) -> int:
    """Nesting depth, computed without recursion so hostile files cannot crash it."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest


def to_json_compatible(value: Any) -> Any:
    """TOML dates become ISO strings; NaN and infinity become `NonFinite`,
    which the schema rejects rather than letting them slip past range checks."""
    if type(value) is str or type(value) is int:  # (most values: nothing to change)
        return value
    if isinstance(value, dict):
        return {k: to_json_compatible(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json_compatible(v) for v in value]
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return NonFinite(value)
    return value


class NonFinite:
    """inf or nan from TOML: matches no JSON type, so the schema rejects it
    wherever a number is expected, and prints as the coach wrote it."""

    __slots__ = ("value",)

    def __init__(self, value: float):
        self.value = value

    def __repr__(self) -> str:
        return str(self.value)

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


def read_document(path: str, display: str) -> Document:
    source = read_text(path, display)
    data = to_json_compatible(parse_toml(source, display))
    return Document(display, path, source, data)


def confine(name: str, base: str, root: str, what: str, owner: str, folder: str | None = None) -> str:
    """Resolve `name` (relative to `base`'s directory, or to `folder` when
    the caller has resolved that directory already) and make sure it stays
    inside `root` (a resolved directory): no absolute path, no `..` or
    symlink escape. Raises ValueError with a message for the user."""
    if os.path.isabs(name) or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        raise ValueError(f"{what} {name!r} must be a relative path inside {root}")
    try:
        folder = os.path.dirname(os.path.realpath(base)) if folder is None else folder
        target = os.path.realpath(os.path.join(folder, name))
    except (OSError, RuntimeError, ValueError) as exc:  # e.g. a name too long, a symlink loop
        raise ValueError(f"cannot use {what} {name!r}: {getattr(exc, 'strerror', None) or exc}") from None
    if os.path.commonpath([target, root]) != root:
        raise ValueError(f"{what} {name!r} points outside {owner} directory")
    return target


def load_documents(path: str | os.PathLike[str]) -> list[Document]:
    """The rule file and every file it includes (depth first, each once).

    Includes are confined to the rule file's directory tree: no absolute
    paths, no `..` escape, no symlink escape. A cycle is an error.
    """
    display = os.fspath(path)
    resolved = os.path.realpath(display)
    main = read_document(display, display)
    includes = _Includes(main, resolved)
    includes.visit(main, (resolved,))
    if includes.problems:
        raise EngineError(includes.problems, {d.file: d.source for d in includes.docs})
    return includes.docs


class _Includes:
    """The documents read so far and the problems found, while following
    the include lists depth first."""

    def __init__(self, main: Document, resolved: str):
        self.root = os.path.dirname(resolved)
        self.docs = [main]
        self.seen = {resolved}
        self.problems: list[Problem] = []

    def visit(self, doc: Document, chain: tuple[str, ...]) -> None:
        includes = doc.data.get("include")
        if not isinstance(includes, list):
            return  # the schema reports a wrong type
        for i, name in enumerate(includes):
            if not isinstance(name, str) or not name:
                continue
            where = ("include", i)
            target = self._target(doc, where, name, chain)
            if target is None or target in self.seen:
                continue
            if len(self.docs) >= MAX_DOCUMENTS:
                self.problems.append(Problem(doc.file, where, f"more than {MAX_DOCUMENTS} included files"))
                continue
            self.seen.add(target)
            child = self._read(doc, where, name, target)
            if child is not None:
                self.docs.append(child)
                self.visit(child, (*chain, target))

    def _target(self, doc: Document, where: JsonPath, name: str, chain: tuple[str, ...]) -> str | None:
        """The file an include names, or None (with a problem) when it may not be read."""
        if "\x00" in name:
            message = "include name contains a NUL character"
        elif len(chain) > MAX_INCLUDE_DEPTH:  # the chain holds the rule file and each include
            message = f"includes are nested more than {MAX_INCLUDE_DEPTH} deep"
        else:
            try:
                target = confine(name, doc.path, self.root, "include", "the rule file's")
            except ValueError as exc:
                message = str(exc)
            else:
                if target not in chain:
                    return target
                message = "include cycle: " + " -> ".join(os.path.basename(p) for p in (*chain, target))
        self.problems.append(Problem(doc.file, where, message))
        return None

    def _read(self, doc: Document, where: JsonPath, name: str, target: str) -> Document | None:
        display = os.path.normpath(os.path.join(os.path.dirname(doc.file), name))
        try:
            return read_document(target, display)
        except UnreadableFile as exc:
            reason = exc.problems[0].message
            if reason == "no such file":
                reason = "does not exist"
            self.problems.append(Problem(doc.file, where, f"included file {shorten(repr(name))} {reason}"))
        except EngineError as exc:
            self.problems.extend(exc.problems)
        return None
