"""Find where a JSON path lives in a TOML source, as 1-based (line, column).

Error messages read `file:line:col: $.json.path: message`, but tomllib gives
no positions. So, on the error path only, we re-read the source with
tree-sitter-toml and index every key and value it defines. tree-sitter is
imported lazily so that importing this module (and starting the CLI) stays
cheap, and it still yields a partial tree for broken TOML, so we can point at
something useful even when tomllib has rejected the file.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

Path = tuple[str | int, ...]
Position = tuple[int, int]

__all__ = ["Locator", "Path", "format_path", "locate"]

_KEY_TYPES = frozenset({"bare_key", "quoted_key", "dotted_key"})
_NOT_VALUES = _KEY_TYPES | {"comment", "ERROR"}
# Deeper paths fall back to their ancestor; this bounds time and memory on
# inputs like 5,000 nested arrays (every indexed path is a tuple of its depth).
_MAX_DEPTH = 200
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r",
                   "e": "\x1b", '"': '"', "\\": "\\"}


class Locator:
    """Maps JSON paths in one TOML document to 1-based (line, column)."""

    def __init__(self, source: str | bytes) -> None:
        # Parsing is deferred: most documents are valid and never need it.
        if isinstance(source, bytes):
            text = source.decode("utf-8-sig", errors="replace")
        else:
            text = source[1:] if source.startswith("\ufeff") else source
        # A BOM is not a column; bad bytes and lone surrogates each become one
        # replacement character, so byte and character offsets stay in step.
        self._data = text.encode("utf-8", errors="replace")
        self._index: dict[Path, tuple[Position, bool]] | None = None
        self._keys: dict[Path, Position] = {}  # where `key = ...` pairs name their key

    def locate(self, path: Path, *, key: bool = False) -> Position:
        """Position of `path`, else of its deepest ancestor found, else (1, 1).

        With `key=True`, a path written as `key = value` points at the key
        (for "unknown key" messages) rather than at the value.
        """
        if self._index is None:
            self._index = self._build()
        try:
            if key and tuple(path) in self._keys:
                return self._keys[tuple(path)]
            for depth in range(len(path), 0, -1):
                hit = self._index.get(tuple(path[:depth]))
                if hit is not None:
                    return hit[0]
        except TypeError:  # unhashable segment: nothing sensible to find
            pass
        return (1, 1)

    # -- building the index -------------------------------------------------

    def _build(self) -> dict[Path, tuple[Position, bool]]:
        """Index every defined path; whatever was indexed survives a failure."""
        index: dict[Path, tuple[Position, bool]] = {}
        try:
            self._walk(_parser().parse(self._data).root_node, index)
        except Exception:  # never let position-finding hide the real error
            pass
        return index

    def _walk(self, root: Any, index: dict[Path, tuple[Position, bool]]) -> None:
        """Visit the tree in document order with an explicit stack (no recursion)."""
        aot_sizes: dict[Path, int] = {}  # [[array]] path -> elements so far
        stack: list[tuple[bool, Any, Path]] = [(True, root, ())]  # (is_body, node, path)
        while stack:
            is_body, node, path = stack.pop()
            if len(path) > _MAX_DEPTH:
                continue
            todo: list[tuple[bool, Any, Path]] = []
            if is_body:  # document, table, inline table or ERROR: holds pairs/tables
                todo = self._body(node, path, aot_sizes, index)
            elif node.type == "inline_table":
                todo.append((True, node, path))
            elif node.type == "array":
                todo = self._items(node, path, index)
            stack.extend(reversed(todo))

    def _body(self, node: Any, path: Path, aot_sizes: dict[Path, int],
              index: dict[Path, tuple[Position, bool]]) -> list[tuple[bool, Any, Path]]:
        """Index the pairs and table headers of a body; return what to descend into."""
        todo: list[tuple[bool, Any, Path]] = []
        for child in node.children:
            if child.type == "pair":
                todo += self._pair(child, path, index)
            elif child.type in ("table", "table_array_element"):
                table = self._header(child, aot_sizes, index)
                todo.append((True, child, table))
            elif child.type == "ERROR":  # partial tree: salvage what we can
                todo.append((True, child, path))
        return todo

    def _items(self, array: Any, path: Path,
               index: dict[Path, tuple[Position, bool]]) -> list[tuple[bool, Any, Path]]:
        """Index an array's elements; return them to descend into."""
        todo: list[tuple[bool, Any, Path]] = []
        items = [c for c in array.named_children if c.type not in _NOT_VALUES]
        for i, item in enumerate(items):
            _put(index, path + (i,), self._pos(item))
            todo.append((False, item, path + (i,)))
        return todo

    def _pair(self, pair: Any, prefix: Path,
              index: dict[Path, tuple[Position, bool]]) -> list[tuple[bool, Any, Path]]:
        """Index `a.b = value`; return the value to descend into, if any."""
        key = next((c for c in pair.children if c.type in _KEY_TYPES), None)
        if key is None:
            return []
        segments = _segments(key)
        path = prefix + tuple(name for name, _ in segments[:-1])
        for depth, (_, node) in enumerate(segments[:-1]):
            _put(index, path[:len(prefix) + depth + 1], self._pos(node))
        path += (segments[-1][0],)
        values = [c for c in pair.named_children
                  if c.type not in _NOT_VALUES and c.start_byte >= key.end_byte]
        value = values[-1] if values else None
        # Tables are reported at their key; leaf values and arrays where they start.
        leaf = value is not None and value.type != "inline_table"
        _put(index, path, self._pos(value if leaf else segments[-1][1]))
        self._keys.setdefault(path, self._pos(segments[-1][1]))
        return [] if value is None else [(False, value, path)]

    def _header(self, table: Any, aot_sizes: dict[Path, int],
                index: dict[Path, tuple[Position, bool]]) -> Path:
        """Index a `[a.b]` or `[[a.b]]` header; return the table's concrete path."""
        key = next((c for c in table.children if c.type in _KEY_TYPES), None)
        if key is None:
            return ()
        where = self._pos(table)
        names = [name for name, _ in _segments(key)]
        path: Path = ()
        for name in names[:-1]:
            path += (name,)
            _put(index, path, where, explicit=False)  # `[a.b]` defines `a` implicitly
            if path in aot_sizes:  # `[[a]] ... [a.b]`: b is in the last a
                path += (aot_sizes[path] - 1,)
        path += (names[-1],)
        _put(index, path, where)
        if table.type == "table_array_element":
            aot_sizes[path] = aot_sizes.get(path, 0) + 1
            path += (aot_sizes[path] - 1,)
            _put(index, path, where)
        return path

    def _pos(self, node: Any) -> Position:
        """tree-sitter columns count bytes; users' editors count characters."""
        start = node.start_byte
        line_start = self._data.rfind(b"\n", 0, start) + 1
        column = len(self._data[line_start:start].decode("utf-8", errors="replace"))
        return (node.start_point[0] + 1, column + 1)


def locate(source: str | bytes, path: Path) -> Position:
    """One-off lookup; build a Locator to look up many paths in one source."""
    return Locator(source).locate(path)


def format_path(path: Path) -> str:
    """Render a path as `$.slot[1].select.from[0]`, quoting odd keys `['a b']`."""
    parts = ["$"]
    for segment in path:
        if isinstance(segment, int) and not isinstance(segment, bool):
            parts.append(f"[{segment}]")
        elif _IDENTIFIER.match(str(segment)):
            parts.append(f".{segment}")
        else:
            parts.append("['" + "".join(map(_escape_char, str(segment))) + "']")
    return "".join(parts)


def _escape_char(char: str) -> str:
    """JSON escaping, adapted to a single-quoted string; white space and
    invisible characters are escaped too, so a path never contains a space."""
    if char == "'":
        return "\\'"
    if char == '"':
        return '"'
    if char.isspace() or not char.isprintable():
        escaped = json.dumps(char)[1:-1]  # \n, \t, \u2028 ...; a space stays a space
        return escaped if escaped != char else f"\\u{ord(char):04x}"
    return json.dumps(char, ensure_ascii=False)[1:-1]


@functools.lru_cache(maxsize=1)
def _language() -> Any:
    import tree_sitter_toml
    from tree_sitter import Language

    return Language(tree_sitter_toml.language())


def _parser() -> Any:
    from tree_sitter import Parser

    return Parser(_language())


def _put(index: dict[Path, tuple[Position, bool]], path: Path,
         pos: Position, explicit: bool = True) -> None:
    """First definition wins, except that `[a]` beats an earlier implicit `a`."""
    old = index.get(path)
    if old is None or (explicit and not old[1]):
        index[path] = (pos, explicit)


def _segments(key: Any) -> list[tuple[str, Any]]:
    """Flatten tree-sitter's left-nested dotted_key into (name, node) pairs."""
    out: list[tuple[str, Any]] = []
    stack = [key]
    while stack:
        node = stack.pop()
        if node.type == "dotted_key":
            stack.extend(reversed([c for c in node.children if c.type in _KEY_TYPES]))
        else:
            out.append((_key_name(node.text.decode("utf-8", errors="replace")), node))
    return out


def _key_name(text: str) -> str:
    """The key a bare, 'literal' or "basic" (escaped) TOML key spells."""
    quote = text[:1]
    if quote not in ("'", '"'):
        return text
    body = text[1:-1] if len(text) > 1 and text.endswith(quote) else text[1:]
    return body if quote == "'" else _ESCAPE.sub(_unescape, body)


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in "uU" and len(code) > 1:
        try:
            return chr(int(code[1:], 16))
        except (ValueError, OverflowError):
            return match.group(0)
    return _SIMPLE_ESCAPES.get(code, match.group(0))
