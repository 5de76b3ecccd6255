"""An unclosed array is pointed at where it opened, with its key's path,
for any document: generated tables and keys (bare and quoted, dotted,
under `[table]` and `[[array]]` headers), values holding brackets inside
strings and comments, arrays over several lines; and any text at all
reads as a document or as one located problem, never a crash."""

from __future__ import annotations

import json
import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.documents import parse_toml
from engine.errors import EngineError

BARE = st.from_regex(r"[a-z][a-z0-9_-]{0,6}", fullmatch=True)
QUOTED = st.text(alphabet="ab ]['#.=\"{}", min_size=1, max_size=6)
KEY = st.one_of(BARE.map(lambda k: (k, k)), QUOTED.map(lambda k: (k, json.dumps(k))))
SCALAR = st.one_of(st.integers(-99, 99).map(str), QUOTED.map(json.dumps), st.just("'[{'"), st.just('"""]\n["""'))


@st.composite
def documents(draw):
    """A TOML document with one array left open: its text, and where the
    array opened (line, column) and its path."""
    lines: list[str] = []
    table: tuple = ()
    counts: dict = {}
    for _ in range(draw(st.integers(0, 3))):
        name, written = draw(KEY)
        if draw(st.booleans()):
            counts[name] = counts.get(name, 0) + 1
            lines.append(f"[[{written}]]  # a table ] [")
            table = (name, counts[name] - 1)
        else:
            lines.append(f"[{written}]")
            table = (name,)
        for _ in range(draw(st.integers(0, 2))):
            k, kw = draw(KEY)
            lines.append(f"{kw} = {draw(SCALAR)}")
    name, written = draw(KEY)
    items = draw(st.lists(SCALAR, min_size=1, max_size=4))
    prefix = f"{written} = "
    line, column = "\n".join(lines).count("\n") + 1 + bool(lines), len(prefix) + 1
    if draw(st.booleans()):
        lines.append(prefix + "[" + ", ".join(items))
    else:  # over several lines, a comment with a bracket on one
        lines.append(prefix + "[  # ]")
        last = "," if draw(st.booleans()) else ""  # a trailing comma: what follows is read as an element
        lines += [f"  {item}," for item in items[:-1]] + [f"  {items[-1]}{last}"]
    lines += draw(st.sampled_from([[], ["after = 1"], ["[after]"], ["[[after]]", "a = 1"]]))
    return "\n".join(lines) + "\n", (line, column), table + (name,)


@settings(max_examples=300, deadline=None)
@given(documents())
def test_an_unclosed_array_points_at_its_bracket_and_key(case):
    text, (line, column), path = case
    try:
        parse_toml(text, "r.toml")
    except EngineError as exc:
        [p] = exc.problems
    else:
        raise AssertionError(f"read: {text!r}")
    if "unclosed array" not in p.message:  # a key repeated by the draw: another error, where the parser says
        return
    if p.line != line:
        assert "has no ']'" in p.message
    assert (p.line, p.column) == (line, column), (text, p)
    assert p.path in (path, ()), (text, p)
    assert p.path == path or "has no" not in p.message


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab=[]{},.\"'#\n 1", max_size=60))
def test_any_text_reads_or_gives_one_located_problem(text):
    try:
        parse_toml(text, "r.toml")
    except EngineError as exc:
        [p] = exc.problems
        assert 1 <= p.line <= text.count("\n") + 1 and p.column >= 1
        assert p.message.startswith("TOML syntax error")
    except tomllib.TOMLDecodeError:  # pragma: no cover - never escapes
        raise
