"""How the JSON exporter lays its text out: indented, with short innermost
objects and arrays (those holding only numbers, strings, booleans and
nulls) on one line, so that a set or a range reads at a glance; or all on
one line (compact), as `json.dumps` writes it.

A `Style` is one nesting depth of one layout. Objects whose keys are known
in advance (`Fields`) are filled into templates made once per depth, and
values are written by the C encoder, several in one call where it can.
`dumps` lays out any JSON-like data by the same rules.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Callable, Iterable, TypeVar

T = TypeVar("T")
INLINE = 100  # a leaf longer than this is spread over lines, one value each
_FLOAT_MAX = 1.7976931348623157e308


def _unserialisable(o: Any) -> Any:
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def _c_encoder(item_separator: str) -> Callable[[Any, int], list[str]]:
    """The C encoder made once, with json.dumps's other settings
    (JSONEncoder.encode would build a new one for every call); the
    pure-Python one elsewhere. Called with a value and 0, it returns the
    text in pieces."""
    from json import encoder

    c_make_encoder = getattr(encoder, "c_make_encoder", None)  # CPython's, not in the type stubs
    if c_make_encoder is None:  # pragma: no cover - CPython has the C encoder
        encode = json.JSONEncoder(ensure_ascii=False, separators=(item_separator, ": ")).encode
        return lambda o, _: [encode(o)]
    make: Callable[[Any, int], list[str]] = c_make_encoder(
        None, _unserialisable, encoder.encode_basestring, None, ": ", item_separator, False, False, True)
    return make


_one_line = _c_encoder(", ")  # as json.dumps writes
_each_line = _c_encoder("\n")  # the encoder escapes every newline inside a value: these separate values
string = json.encoder.encode_basestring


def leaf(value: Any) -> str:
    """Any JSON-like value on one line, as json.dumps writes it."""
    return "".join(_one_line(value, 0))


def scalars(values: tuple[Any, ...]) -> tuple[str, ...]:
    """Each of one or more numbers, strings, booleans and nulls as
    json.dumps writes it, from one call of the C encoder."""
    return tuple("".join(_each_line(values, 0))[1:-1].split("\n"))


def scalar(value: Any) -> str:
    """A string, number, boolean or null as json.dumps writes it."""
    t = type(value)
    if t is str:
        return string(value)
    if value is None:
        return "null"
    if t is bool:
        return "true" if value else "false"
    if t is int:
        return int.__repr__(value)
    if t is float and -_FLOAT_MAX <= value <= _FLOAT_MAX:
        return float.__repr__(value)
    return leaf(value)  # NaN, the infinities, anything else


class Fields:
    """The keys of an object, in order. With `opens` or `closes` False, the
    first or the last part of an object whose other part another Fields
    holds (an exercise: the part every athlete shares, then its own)."""

    __slots__ = ("labels", "opens", "closes", "name", "inline", "width")

    def __init__(self, *keys: str, opens: bool = True, closes: bool = True) -> None:
        self.labels = tuple(string(k) + ": " for k in keys)
        self.opens, self.closes = opens, closes
        self.name = f"{opens:d}{closes:d}" + "".join(self.labels)  # what a Style finds its forms of it by
        segments, self.inline = COMPACT.form(self)
        self.width = len("".join(segments))  # on one line, without the values


class Style:
    """One nesting depth of a layout: `newline` starts the line of this
    depth's closing bracket; a value inside is written at `deeper`."""

    __slots__ = ("newline", "inner", "compact", "deeper", "memos", "_step", "_forms", "_list")
    deeper: Style  # made when first asked for (see __getattr__)

    def __init__(self, newline: str, step: str, compact: bool = False) -> None:
        self.newline, self._step, self.compact = newline, step, compact
        self.inner = newline + step
        if compact:
            self.deeper = self
        self._forms: dict[str, tuple[tuple[str, ...], str]] = {}
        self._list = ("[", ", ", "]") if compact else ("[" + self.inner, "," + self.inner, newline + "]")
        # Texts written at this depth, by the name of their Fields, for the
        # caller to keep by their values (never by the identity of an object).
        self.memos: defaultdict[str, dict[Any, Any]] = defaultdict(dict)

    def __getattr__(self, name: str) -> Style:
        """`deeper`, made once: after that it is a plain attribute."""
        if name != "deeper":
            raise AttributeError(name)
        self.deeper = Style(self.inner, self._step)
        return self.deeper

    def bounds(self, opens: bool = True, closes: bool = True) -> tuple[str, str, str]:
        """What starts an object, separates its values and ends it."""
        sep = ", " if self.compact else "," + self.inner
        start = ("{" if self.compact else "{" + self.inner) if opens else sep
        return start, sep, (("}" if self.compact else self.newline + "}") if closes else "")

    def form(self, fields: Fields) -> tuple[tuple[str, ...], str]:
        """An object of `fields` at this depth: the text around its values,
        and the same as a template with a `%s` for each."""
        found = self._forms.get(fields.name)
        if found is None:
            start, sep, end = self.bounds(fields.opens, fields.closes)
            segments = (start + fields.labels[0], *(sep + label for label in fields.labels[1:]), end)
            found = self._forms[fields.name] = (segments, "%s".join(s.replace("%", "%%") for s in segments))
        return found

    def obj(self, fields: Fields, texts: tuple[str, ...]) -> str:
        """An object holding arrays or objects: spread over lines."""
        return self.form(fields)[1] % texts

    def leaf(self, fields: Fields, values: tuple[Any, ...]) -> str:
        """An object of numbers, strings, booleans and nulls: on one line
        when short."""
        texts = scalars(values)
        if self.compact or fields.width + sum(map(len, texts)) <= INLINE:
            return fields.inline % texts
        return self.form(fields)[1] % texts

    def pieces(self, fields: Fields, texts: tuple[str | None, ...]) -> tuple[str, ...]:
        """An object of `fields` with some values in place, as the texts
        around the others (None: a value the caller puts between them)."""
        segments = self.form(fields)[0]
        out: list[str] = []
        current: list[str] = []
        for segment, text in zip(segments[:-1], texts, strict=True):
            current.append(segment)
            if text is None:
                out.append("".join(current))
                current = []
            else:
                current.append(text)
        current.append(segments[-1])
        out.append("".join(current))
        return tuple(out)

    def parts(self, fields: Fields, values: tuple[str | list[str], ...]) -> list[str]:
        """An object as pieces, some of its values already pieces: a whole
        plan is joined once, not copied again at every depth."""
        segments = self.form(fields)[0]
        out: list[str] = []
        for segment, value in zip(segments[:-1], values, strict=True):
            out.append(segment)
            if type(value) is str:
                out.append(value)
            else:
                out += value
        out.append(segments[-1])
        return out

    def items(self, texts: list[str]) -> str:
        """An array of arrays or objects, one per line."""
        if not texts:
            return "[]"
        start, sep, end = self._list
        return start + sep.join(texts) + end

    def item_parts(self, values: list[list[str]]) -> list[str]:
        """An array as pieces, from each item's pieces."""
        if not values:
            return ["[]"]
        start, sep, end = self._list
        out = [start]
        for value in values:
            out += value
            out.append(sep)
        out[-1] = end
        return out


COMPACT = Style("", "", compact=True)
_indented: dict[str, Style] = {}


def indented(indent: int) -> Style:
    """The outermost depth of the layout with `indent` spaces a level."""
    step = " " * indent
    style = _indented.get(step)
    if style is None:
        if len(_indented) >= 16:
            _indented.clear()
        style = _indented[step] = Style("\n", step)
    return style


def keep(memo: dict[Any, T], key: Any, text: T) -> T:
    """Keep a text (or pieces of one) in a memo, bounded: a batch's athletes
    repeat a few thousand sets and slots, but a stream of rule files would not end."""
    if len(memo) >= 4096:
        memo.clear()
    memo[key] = text
    return text


def dumps(data: Any, indent: int = 2) -> str:
    """Any JSON-like data laid out as the exporter lays out a plan."""
    return _value(data, indented(indent))


def _value(node: Any, at: Style) -> str:
    kind = type(node)
    if kind is dict:
        return _dict(node, at)
    if kind is list:
        return leaf(node) if _flat(node) else at.items([_value(v, at.deeper) for v in node])
    return scalar(node)


def _flat(values: Iterable[Any]) -> bool:
    """Only numbers, strings, booleans and nulls: one line, by the C encoder."""
    return not any(type(v) is dict or type(v) is list for v in values)


def _dict(node: dict[Any, Any], at: Style) -> str:
    flat = _flat(node.values())
    if flat:
        line = leaf(node)
        if len(line) <= INLINE or not node:
            return line
    inner = at.deeper
    start, sep, end = at.bounds()
    return start + sep.join([_key(k) + (scalar(v) if flat else _value(v, inner)) for k, v in node.items()]) + end


def _key(key: Any) -> str:
    if type(key) is str:
        return string(key) + ": "
    return leaf({key: 0})[1:-4] + ": "  # as json.dumps writes 1, True or None as a key
