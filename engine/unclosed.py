"""Where an unclosed TOML array or inline table opened.

tomllib reports an unclosed bracket where it gave up: often the next
key, lines below (`days = ["mon"` then `weeks = 8` reads as "unclosed
array" at `weeks`). A coach looks for the bracket, so the problem points
at it, with the path of the key it belongs to. Read only for that error,
in one pass over the text before it: comments and strings are skipped,
so a bracket inside them is not one.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

_ONE = r"(?:[A-Za-z0-9_-]+|\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*')"
_DOTTED = rf"({_ONE}(?:[ \t]*\.[ \t]*{_ONE})*)[ \t]*=[ \t]*"
_KEY = re.compile(rf"[ \t]*{_DOTTED}")  # a key at the start of a line
_LAST_KEY = re.compile(rf"[{{,][ \t]*{_DOTTED}$")  # the key an inline table's value opens after
_HEADER = re.compile(rf"[ \t]*(\[\[?)[ \t]*({_ONE}(?:[ \t]*\.[ \t]*{_ONE})*)[ \t]*\]\]?[ \t]*(?:#[^\n]*)?\r?")
_QUOTES = ('"""', "'''", '"', "'")


def opened(source: str, end: int) -> int | None:
    """The offset of the innermost bracket (array or inline table) still
    open at `end`, outside comments and strings; None if there is none."""
    stack, _ = _scan(source, end)
    return stack[-1] if stack else None


def _scan(source: str, end: int) -> tuple[list[int], list[int]]:
    """The brackets still open at `end`, and where each table header
    before it starts (a `[` first on its line, outside any value)."""
    stack: list[int] = []
    headers: list[int] = []
    first = True  # nothing but blanks yet on this line
    i = 0
    while i < end:
        c = source[i]
        if c == "#":
            i = _line_end(source, i)
            continue
        if c in "\"'":
            i, first = _string_end(source, i), False
            continue
        if c == "[" and first and not stack:
            headers.append(i)
        if c in "[{":
            stack.append(i)
        elif c in "]}" and stack:
            stack.pop()
        first = c == "\n" or first and c in " \t\r"
        i += 1
    return stack, headers


def starts_key(rest: str) -> bool:
    """Whether the text from a line on cannot go on an array: the line
    starts a key (`weeks = 4`), is a table header or starts with `}`, or
    nothing but blanks is left of the document."""
    line = rest.split("\n", 1)[0]
    return _KEY.match(line) is not None or _HEADER.fullmatch(line.rstrip("\r")) is not None \
        or line.lstrip().startswith("}") or not rest.strip()


def _line_end(source: str, i: int) -> int:
    j = source.find("\n", i)
    return len(source) if j < 0 else j


def _string_end(source: str, i: int) -> int:
    quote = next(q for q in _QUOTES if source.startswith(q, i))
    j = i + len(quote)
    while j < len(source):
        if source[j] == "\\" and quote[0] == '"':
            j += 2
        elif source.startswith(quote, j):
            return j + len(quote)
        elif source[j] == "\n" and len(quote) == 1:
            return j  # an unterminated one-line string ends with its line
        else:
            j += 1
    return j


def key_path(source: str, bracket: int) -> tuple[str | int, ...]:
    """The path of the value that opens with the bracket at `bracket`, when
    its line says whose it is: `days = [`, or `select = { from = [` (one
    inline table in, its values before closed); else (), the document."""
    line_start = source.rfind("\n", 0, bracket) + 1
    text = source[line_start:bracket]
    outer = _KEY.match(text)
    keys = _keys(outer.group(1)) if outer else None
    if outer is None or keys is None:
        return ()
    if outer.end() < len(text):  # inside an inline table: the key just before the bracket, if there is one
        inner = _LAST_KEY.search(text, outer.end())
        between = text[outer.end() + 1:inner.start()] if inner else ""
        more = _keys(inner.group(1)) if inner and text[outer.end()] == "{" and "{" not in between \
            and opened(between, len(between)) is None else None
        if more is None:
            return _table(source, line_start) + keys
        keys += more
    return _table(source, line_start) + keys


def _table(source: str, before: int) -> tuple[str | int, ...]:
    """The path of the table header in force at `before`: `[a.b]` is
    ("a", "b"); the n-th `[[slot]]` is ("slot", n - 1)."""
    path: tuple[str | int, ...] = ()
    counts: dict[tuple[str, ...], int] = {}
    for start in _scan(source, before)[1]:
        end = _line_end(source, start)
        found = _HEADER.match(source, source.rfind("\n", 0, start) + 1, end)
        keys = _keys(found.group(2)) if found and found.end() == end else None
        if found is None or keys is None:
            continue
        path = _indexed(keys, counts)
        if found.group(1) == "[[":
            counts[keys] = counts.get(keys, 0) + 1
            path = _indexed(keys, counts) + (counts[keys] - 1,)
    return path


def _indexed(keys: tuple[str, ...], counts: dict[tuple[str, ...], int]) -> tuple[str | int, ...]:
    """The keys with the index of the last table of each array of tables
    they pass through (`[slot.select]` after the second `[[slot]]`)."""
    path: tuple[str | int, ...] = ()
    for k in range(len(keys)):
        path += (keys[k],)
        if k < len(keys) - 1 and keys[:k + 1] in counts:
            path += (counts[keys[:k + 1]] - 1,)
    return path


def _keys(text: str) -> tuple[str, ...] | None:
    """The keys of a dotted key, as TOML reads them (quotes and escapes)."""
    try:
        data: Any = tomllib.loads(f"{text} = 0")
    except tomllib.TOMLDecodeError:
        return None
    keys: list[str] = []
    while isinstance(data, dict) and len(data) == 1:
        key, data = next(iter(data.items()))
        keys.append(key)
    return tuple(keys)
