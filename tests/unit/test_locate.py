"""Tests for engine.locate: JSON paths -> 1-based (line, column) in TOML text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from typing import Any, Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.locate import Locator, Path, format_path, locate


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Expected position of the nth occurrence of needle (1-based, in characters)."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    line_start = text.rfind("\n", 0, i) + 1
    return text.count("\n", 0, i) + 1, i - line_start + 1


# -- the shapes TOML can take -------------------------------------------------


def test_top_level_keys_point_at_values() -> None:
    src = "name = 'Block A'\nweeks   =   4\n"
    assert locate(src, ("name",)) == (1, 8)
    assert locate(src, ("weeks",)) == (2, 13)


def test_table_headers_point_at_the_bracket() -> None:
    src = "x = 1\n\n[program]\nweeks = 4\n\n  [a.b]\nc = true\n"
    assert locate(src, ("program",)) == (3, 1)
    assert locate(src, ("program", "weeks")) == (4, 9)
    assert locate(src, ("a", "b")) == (6, 3)
    assert locate(src, ("a", "b", "c")) == (7, 5)


def test_header_defines_parent_tables_implicitly() -> None:
    src = "[program.extra]\nv = 1\n"
    assert locate(src, ("program",)) == (1, 1)
    assert locate(src, ("program", "missing")) == (1, 1)
    # An explicit [program] later is the better place to point at.
    src = "[program.extra]\nv = 1\n[program]\nw = 2\n"
    assert locate(src, ("program",)) == (3, 1)
    assert locate(src, ("program", "extra", "v")) == (2, 5)


def test_array_of_tables() -> None:
    src = "[[slot]]\ncount = 1\n\n[[slot]]\ncount = 2\nname = 'b'\n"
    assert locate(src, ("slot",)) == (1, 1)
    assert locate(src, ("slot", 0)) == (1, 1)
    assert locate(src, ("slot", 1)) == (4, 1)
    assert locate(src, ("slot", 0, "count")) == (2, 9)
    assert locate(src, ("slot", 1, "count")) == (5, 9)
    assert locate(src, ("slot", 1, "name")) == (6, 8)
    assert locate(src, ("slot", 2, "count")) == (1, 1)  # no third slot: the array


def test_nested_arrays_of_tables() -> None:
    src = (
        "[[slot]]\n"            # 1
        "day = 1\n"             # 2
        "[[slot.exercise]]\n"   # 3
        "n = 'squat'\n"         # 4
        "[[slot.exercise]]\n"   # 5
        "n = 'bench'\n"         # 6
        "[slot.select]\n"       # 7
        "from = ['a']\n"        # 8
        "[[slot]]\n"            # 9
        "day = 2\n"             # 10
        "[[slot.exercise]]\n"   # 11
        "n = 'dead'\n"          # 12
        "[[a.b]]\n"             # 13
        "c = 1\n"               # 14
    )
    assert tomllib.loads(src)["slot"][1]["exercise"][0]["n"] == "dead"
    assert locate(src, ("slot", 0, "exercise", 1)) == (5, 1)
    assert locate(src, ("slot", 0, "exercise", 1, "n")) == (6, 5)
    assert locate(src, ("slot", 0, "select", "from", 0)) == (8, 9)
    assert locate(src, ("slot", 1, "day")) == (10, 7)
    assert locate(src, ("slot", 1, "exercise", 0, "n")) == (12, 5)
    assert locate(src, ("slot", 1, "exercise", 0, "x")) == (11, 1)
    assert locate(src, ("a",)) == (13, 1)
    assert locate(src, ("a", "b", 0, "c")) == (14, 5)


def test_dotted_keys_point_at_each_segment() -> None:
    src = "[slot]\nselect.selector = \"x\"\nselect . from = [1]\n"
    assert locate(src, ("slot", "select")) == (2, 1)
    assert locate(src, ("slot", "select", "selector")) == (2, 19)
    assert locate(src, ("slot", "select", "from", 0)) == (3, 18)
    assert locate(src, ("slot", "select", "missing")) == (2, 1)
    src = "a.b.c = 1"
    assert locate(src, ("a", "b")) == (1, 3)


def test_quoted_keys() -> None:
    src = "\"odd key\" = 1\n'lit' = 2\n\"caf\\u00e9\" = 3\n[\"a.b\".'c d']\ne = 4\n"
    assert tomllib.loads(src)["a.b"]["c d"] == {"e": 4}
    assert locate(src, ("odd key",)) == (1, 13)
    assert locate(src, ("lit",)) == (2, 9)
    assert locate(src, ("café",)) == (3, 15)
    assert locate(src, ("a.b", "c d")) == (4, 1)
    assert locate(src, ("a.b", "c d", "e")) == (5, 5)


def test_inline_tables_point_at_their_key() -> None:
    src = "t = { x = 1, y.z = [1, { q = 2 }] }\n[u]\nv = {}\n"
    assert locate(src, ("t",)) == (1, 1)
    assert locate(src, ("t", "x")) == at(src, "1")
    assert locate(src, ("t", "y")) == at(src, "y")
    assert locate(src, ("t", "y", "z")) == at(src, "[1")
    assert locate(src, ("t", "y", "z", 1)) == at(src, "{ q")
    assert locate(src, ("t", "y", "z", 1, "q")) == at(src, "2")
    assert locate(src, ("u", "v")) == (3, 1)
    assert locate(src, ("u", "v", "w")) == (3, 1)


def test_arrays_nested_multiline_and_of_inline_tables() -> None:
    src = (
        "sets = [\n"
        "  # warm-up\n"
        "  [5, 5],  # comment, with [brackets]\n"
        "  [3,\n"
        "   3],\n"
        "]\n"
        "from = [ { name = 'squat' },\n"
        "         { name = 'bench' } ]\n"
    )
    assert locate(src, ("sets",)) == (1, 8)
    assert locate(src, ("sets", 0)) == (3, 3)
    assert locate(src, ("sets", 1, 1)) == (5, 4)
    assert locate(src, ("sets", 2)) == (1, 8)
    assert locate(src, ("from", 1)) == (8, 10)
    assert locate(src, ("from", 1, "name")) == (8, 19)


def test_multiline_strings_and_comments_do_not_shift_lines() -> None:
    src = (
        "# header comment\n"
        'notes = """\n'
        "[not.a.table]\n"
        'key = "not a key"\n'
        '"""\n'
        "lit = '''\n"
        "x = 1'''\n"
        "after = 2 # trailing\n"
    )
    assert tomllib.loads(src)["after"] == 2
    assert locate(src, ("notes",)) == (2, 9)
    assert locate(src, ("lit",)) == (6, 7)
    assert locate(src, ("after",)) == (8, 9)
    assert locate(src, ("not",)) == (1, 1)
    assert locate(src, ("key",)) == (1, 1)


def test_crlf_line_endings() -> None:
    src = "a = 1\r\n[t]\r\nb = [\r\n  2,\r\n]\r\n"
    assert locate(src, ("a",)) == (1, 5)
    assert locate(src, ("t",)) == (2, 1)
    assert locate(src, ("t", "b", 0)) == (4, 3)


def test_bom_is_not_a_column() -> None:
    text = "a = 1\n[t]\nb = 2\n"
    for src in ("\ufeff" + text, ("\ufeff" + text).encode()):
        assert locate(src, ("a",)) == (1, 5)
        assert locate(src, ("t", "b")) == (3, 5)


def test_columns_count_characters_not_bytes() -> None:
    src = "name = \"Übung für Kräftig\"\n\"schlüssel\" = \"wert\"\narr = [\"€\", \"😀\", 3]\n"
    assert locate(src, ("schlüssel",)) == (2, 15)
    assert locate(src, ("arr", 2)) == (3, 18)
    assert locate(src.encode(), ("arr", 2)) == (3, 18)
    assert locate(src, ("arr", 2)) == at(src, "3]")


# -- missing paths, and inputs that are not TOML --------------------------------


def test_missing_paths_fall_back_to_the_deepest_ancestor() -> None:
    src = "top = 1\n[program]\nweeks = 4\n[program.slot]\nx = [1, 2]\n"
    assert locate(src, ()) == (1, 1)
    assert locate(src, ("nothing",)) == (1, 1)
    assert locate(src, ("program", "name")) == (2, 1)
    assert locate(src, ("program", "slot", "missing")) == (4, 1)
    assert locate(src, ("program", "slot", "x", 7)) == (5, 5)
    assert locate(src, ("top", "into", "a", "scalar")) == (1, 7)


def test_broken_toml_still_locates_what_it_can() -> None:
    src = "a = 1\nb = = 2\n[t]\nc = 3\n[u\nd = 4\n"
    assert locate(src, ("a",)) == (1, 5)
    assert locate(src, ("t",)) == (3, 1)
    assert locate(src, ("t", "c")) == (4, 5)
    src = "a = 1\ns = \"unterminated\n[t]\nc = [1, 2\n"
    assert locate(src, ("a",)) == (1, 5)
    assert isinstance(locate(src, ("t", "c", 1)), tuple)


def test_garbage_and_deep_nesting_never_raise() -> None:
    inputs: list[str | bytes] = [
        "",
        b"",
        b"\x00\xff\xfe\x80garbage = = [[\n\x81",
        bytes(range(256)) * 8,
        "\ud800 = 1",  # a lone surrogate cannot even be encoded
        "a = " + "[" * 5000,
        "a = " + "[" * 5000 + "]" * 5000,
        "a = " + "{b = " * 3000 + "1" + "}" * 3000,
        "[" * 5000,
        "\"\\UFFFFFFFF\" = 1\n\"\\q\" = 2",
        "[[a]]\n[a]\n[a.b]\n[[a.b]]\n[[]]\n[.]\n= 1\n",
    ]
    deep: Path = ("a",) + (0,) * 5000
    for src in inputs:
        locator = Locator(src)
        for path in [(), ("a",), deep, ("a", "b") * 3000, ("x", 1, "y")]:
            line, column = locator.locate(path)
            assert line >= 1 and column >= 1
    # Deep but valid: close enough positions are still found.
    assert locate("a = " + "[" * 5000 + "]" * 5000, deep)[0] == 1


def test_locator_is_reusable_and_parses_lazily() -> None:
    locator = Locator("a = 1\nb = 2\n")
    assert locator._index is None
    assert locator.locate(("b",)) == (2, 5)
    assert locator.locate(("a",)) == (1, 5)


def test_importing_the_module_does_not_import_tree_sitter() -> None:
    code = "import sys, engine.locate; print(any(m.startswith('tree_sitter') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- format_path ----------------------------------------------------------------


def test_format_path() -> None:
    assert format_path(()) == "$"
    assert format_path(("slot", 1, "select", "from", 0)) == "$.slot[1].select.from[0]"
    assert format_path(("a-b_c", "_x", "A1")) == "$.a-b_c._x.A1"
    assert format_path(("odd key",)) == "$['odd\\u0020key']"  # no spaces in a path
    assert format_path(("1x", "", "a.b", "-a")) == "$['1x']['']['a.b']['-a']"
    assert format_path(("it's", 'say "hi"')) == "$['it\\'s']['say\\u0020\"hi\"']"
    assert format_path(("back\\slash", "new\nline", "tab\t")) == "$['back\\\\slash']['new\\nline']['tab\\t']"
    assert format_path(("\x01", "café")) == "$['\\u0001']['café']"


# -- property: every leaf of a generated document is found ---------------------

BARE = re.compile(r"[A-Za-z0-9_-]+\Z")


def toml_key(key: str) -> str:
    return key if BARE.match(key) else toml_string(key)


def toml_string(text: str) -> str:
    # JSON string escapes are TOML basic-string escapes; TOML also bans raw DEL.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def is_aot(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(inline(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return toml_string(value)


def render(doc: dict[str, Any], inline_tables: bool) -> str:
    """A tiny TOML writer: [tables], [[arrays]] and multi-line arrays, or all inline."""
    lines: list[str] = []

    def table(d: dict[str, Any], prefix: list[str]) -> None:
        nested = {k: v for k, v in d.items() if not inline_tables and (isinstance(v, dict) or is_aot(v))}
        for k, v in d.items():
            if k in nested:
                continue
            if isinstance(v, list) and v and not inline_tables:
                lines.append(f"{toml_key(k)} = [")
                lines.extend(f"  {inline(item)}," for item in v)
                lines.append("]")
            else:
                lines.append(f"{toml_key(k)} = {inline(v)}")
        for k, v in nested.items():
            name = ".".join(toml_key(p) for p in prefix + [k])
            for item in v if is_aot(v) else [v]:
                lines.append(f"[[{name}]]" if is_aot(v) else f"[{name}]")
                table(item, prefix + [k])

    table(doc, [])
    return "\n".join(lines) + "\n"


def leaves(doc: dict[str, Any], prefix: Path = ()) -> Iterator[tuple[Path, Any, str | None]]:
    """(path, value, key) for every scalar and array element; key None inside arrays."""
    for k, v in doc.items():
        path = prefix + (k,)
        if isinstance(v, dict):
            yield from leaves(v, path)
        elif is_aot(v):
            for i, item in enumerate(v):
                yield from leaves(item, path + (i,))
        elif isinstance(v, list) and v:
            for i, item in enumerate(v):
                yield path + (i,), item, None
        else:
            yield path, v, k


keys = st.one_of(
    st.from_regex(r"[a-z_][a-z0-9_]{0,6}", fullmatch=True),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=6),
)
scalars = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=10),
)
values = st.recursive(
    st.one_of(scalars, st.lists(scalars, max_size=4)),
    lambda children: st.one_of(
        st.dictionaries(keys, children, max_size=4),
        st.lists(st.dictionaries(keys, children, max_size=3), min_size=1, max_size=3),
    ),
    max_leaves=12,
)
documents = st.dictionaries(keys, values, max_size=5)


@settings(deadline=None, max_examples=200)
@given(documents, st.booleans())
def test_every_leaf_is_located_on_its_own_line(doc: dict[str, Any], inline_tables: bool) -> None:
    src = render(doc, inline_tables)
    assert tomllib.loads(src) == doc  # the test-side writer is right
    lines = src.split("\n")  # only "\n" ends a TOML line (not U+2028 etc.)
    locator = Locator(src)
    for path, value, key in leaves(doc):
        line, column = locator.locate(path)
        text = lines[line - 1]
        assert (toml_key(key) if key is not None else inline(value)) in text, (path, src)
        assert text[column - 1:].startswith(inline(value)), (path, src)
