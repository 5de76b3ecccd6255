"""Reading rule files: size and nesting limits, encoding, TOML syntax, includes."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from engine import documents as rules_mod
from engine.documents import (
    MAX_FILE_BYTES,
    MAX_INCLUDE_DEPTH,
    MAX_NESTING,
    load_documents,
    parse_toml,
    read_document,
    read_text,
    to_json_compatible,
)
from engine.errors import EngineError
from engine.pipeline import load_rules
from engine.testing import make_registry

VALID = """\
version = 1
{include}
[program]
name = "Test"
days = ["mon"]
weeks = 2

[[slot]]
category = "primary"
select = {{ selector = "ordered", from = ["{exercise}"] }}
"""


def problems_of(call, *args):
    with pytest.raises(EngineError) as info:
        call(*args)
    return list(info.value.problems)


def one_problem(call, *args):
    found = problems_of(call, *args)
    assert len(found) == 1, found
    return found[0]


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# -- size, encoding ----------------------------------------------------------


def test_file_at_the_size_limit_is_read(tmp_path):
    body = b"version = 1\n# "
    data = body + b"x" * (MAX_FILE_BYTES - len(body) - 1) + b"\n"
    assert len(data) == MAX_FILE_BYTES
    doc = read_document(write(tmp_path / "r.toml", data), "r.toml")
    assert doc.data == {"version": 1}


def test_file_over_the_size_limit_is_refused(tmp_path):
    data = b"# " + b"x" * (MAX_FILE_BYTES - 2) + b"\n"
    assert len(data) == MAX_FILE_BYTES + 1
    p = one_problem(read_text, write(tmp_path / "r.toml", data), "r.toml")
    assert p.file == "r.toml"
    assert "1024 KiB" in p.message and "larger" in p.message
    assert (p.line, p.column) == (1, 1)


def test_utf8_bom_is_skipped(tmp_path):
    doc = read_document(write(tmp_path / "r.toml", b"\xef\xbb\xbfversion = 1\n"), "r.toml")
    assert doc.data == {"version": 1}
    assert not doc.source.startswith("\ufeff")


def test_bom_does_not_shift_error_columns(tmp_path):
    p = one_problem(read_document, write(tmp_path / "r.toml", b"\xef\xbb\xbfversion = = 1\n"), "r.toml")
    assert (p.line, p.column) == (1, 11)


def test_invalid_utf8_reports_line_and_character_column(tmp_path):
    # 'é' is two bytes but one column: the bad byte sits at column 10.
    data = 'version = 1\nname = "é'.encode() + b"\xff" + b'"\n'
    p = one_problem(read_text, write(tmp_path / "r.toml", data), "r.toml")
    assert "UTF-8" in p.message
    assert (p.line, p.column) == (2, 10)


def test_invalid_utf8_on_first_byte(tmp_path):
    p = one_problem(read_text, write(tmp_path / "r.toml", b"\xfe\xfe"), "r.toml")
    assert (p.line, p.column) == (1, 1)


def test_missing_file_and_directory(tmp_path):
    assert one_problem(read_text, tmp_path / "nope.toml", "nope.toml").message == "no such file"
    assert "directory" in one_problem(read_text, tmp_path, "dir").message


# -- syntax ------------------------------------------------------------------


@pytest.mark.parametrize("text, line, column, words", [
    ('version = 1\nname = "x\n', 2, 10, "illegal character"),
    ("version = 1\n[program]\nname = = 3\n", 3, 8, "invalid value"),
    ("a = 1\na = 2\n", 2, 6, "overwrite"),
    ("[t]\nx = 1\n[t]\n", 3, 3, "twice"),
    # an unclosed bracket points at where it opened, not at the line the parser gave up on
    ("x = [1, 2\n", 1, 5, "unclosed array: the '[' opened here has no ']' before line 2"),
    ('x = { a = 1\n', 1, 12, "unclosed inline table"),  # (on its one line, where the parser says)
    ("x = [1, 2]]\n", 1, 11, "expected newline"),
])
def test_syntax_error_positions(text, line, column, words):
    p = one_problem(parse_toml, text, "r.toml")
    assert p.message.startswith("TOML syntax error: ")
    assert words in p.message
    # The "(at line N, column M)" suffix moved into the position fields.
    assert "(at" not in p.message
    assert (p.file, p.line, p.column) == ("r.toml", line, column)


@pytest.mark.parametrize("text, line, column, path", [
    ('[program]\nname = "x"\ndays = ["mon"\nweeks = 8\n', 3, 8, ("program", "days")),
    ('[[slot]]\nname = "a"\n[[slot]]\nname = "b"\nselect = { from = ["squat", "deadlift"\n', 5, 19,
     ("slot", 1, "select", "from")),
    ('[[slot]]\n[slot.select]\n"odd key".x = [1, # ] not this one\n "]", \'[\'\n', 3, 15,
     ("slot", 0, "select", "odd key", "x")),
    ('x = [\n  [1, 2],\n  [3,\n]\ny = 1\n', 1, 5, ("x",)),  # the outer one: the inner closed on line 4
    ('x = """[""" \n[t]\ny = [1\nz = 2\n', 3, 5, ("t", "y")),
    ('[t]\ny = { a = 1, b = [2\n', 2, 18, ("t", "y", "b")),
    ('[t]\ny = [[1, 2\n', 2, 6, ("t", "y")),  # the inner one, where the value goes on: under y
    # a trailing comma: the next key is read as an element ("invalid value" there), and so is a header or a `}`
    ('[program]\ndays = [\n  "mon",\n  "thu",\nweeks = 4\n', 2, 8, ("program", "days")),
    ('[equipment]\navailable = [\n  "bench",\n\n[maxes]\nsquat = 100\n', 2, 13, ("equipment", "available")),
    ('[[slot]]\nselect = { from = [\n  "a",\n}\n', 2, 19, ("slot", 0, "select", "from")),
    ('[t]\nx = { a = [1, 2], b = [\n', 2, 23, ("t", "x", "b")),  # at the end of the document
])
def test_an_unclosed_bracket_points_at_where_it_opened(text, line, column, path):
    p = one_problem(parse_toml, text, "r.toml")
    assert "has no" in p.message and "(at" not in p.message
    assert (p.line, p.column, p.path) == (line, column, path)


@pytest.mark.parametrize("text, said", [
    # tomllib's tuple of keys ("Cannot declare ('athlete',) twice") is the table as the file writes it
    ('[athlete]\nname = "x"\n[athlete]\n', "TOML syntax error: cannot declare the table [athlete] twice"),
    ("[a.b]\nx = 1\n[a.b]\n", "TOML syntax error: cannot declare the table [a.b] twice"),
    # a key that is not bare keeps its quotes: the name is TOML a coach can search the file for
    ('[maxes."pull-up/a"]\nx = 1\n[maxes."pull-up/a"]\n',
     'TOML syntax error: cannot declare the table [maxes."pull-up/a"] twice'),
    # a header left open, of a table declared already: the missing ']' first
    ('[athlete]\nname = "x"\n[athlete\n', "TOML syntax error: unclosed table header '[athlete': no ']' after it "
                                          "(read as [athlete], which is declared already)"),
])
def test_a_table_declared_twice_is_named_as_written(text, said):
    assert one_problem(parse_toml, text, "r.toml").message == said


def test_syntax_error_is_located_through_load_rules(tmp_path):
    path = write(tmp_path / "r.toml", "version = 1\n\n[program\n")
    p = one_problem(load_rules, path, make_registry())
    assert (p.line, p.column) == (3, 9)
    assert p.file == str(path)


# -- nesting -----------------------------------------------------------------


def nested(levels: int) -> str:
    return "x = " + "[" * levels + "]" * levels + "\n"


def test_nesting_at_the_limit_is_fine():
    # The document table is level 1, so MAX_NESTING - 1 arrays reach the limit.
    assert parse_toml(nested(MAX_NESTING - 1), "r.toml")


def test_nesting_over_the_limit_is_refused():
    p = one_problem(parse_toml, nested(MAX_NESTING), "r.toml")
    assert f"limit is {MAX_NESTING}" in p.message


def test_very_deep_nesting_gives_a_problem_not_a_crash():
    p = one_problem(parse_toml, nested(5000), "r.toml")
    assert "nested" in p.message


def test_nested_inline_tables_count_too():
    text = "x = " + "{a = " * MAX_NESTING + "1" + "}" * MAX_NESTING + "\n"
    p = one_problem(parse_toml, text, "r.toml")
    assert "nested" in p.message


# -- conversion to JSON-compatible data --------------------------------------


def test_dates_become_iso_strings():
    data = to_json_compatible({"d": dt.date(2026, 12, 7), "t": dt.time(6, 30), "l": [1.5, "x"]})
    assert data == {"d": "2026-12-07", "t": "06:30:00", "l": [1.5, "x"]}


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_numbers_are_no_longer_numbers(value):
    """nan/inf must not slip past range checks: they stop being floats."""
    from jsonschema import Draft202012Validator

    converted = to_json_compatible({"x": [value]})["x"][0]
    assert not isinstance(converted, (int, float))
    assert not Draft202012Validator({"type": "number"}).is_valid(converted)


def test_toml_date_reads_as_string(tmp_path):
    doc = read_document(write(tmp_path / "r.toml", "start = 2026-12-07\n"), "r.toml")
    assert doc.data == {"start": "2026-12-07"}


# -- includes ----------------------------------------------------------------


@pytest.fixture
def project(tmp_path):
    """tmp/outside.toml next to tmp/proj/ (the rule file's tree)."""
    write(tmp_path / "outside.toml", "version = 1\n")
    root = tmp_path / "proj"
    root.mkdir()
    return root


def include(*names: str) -> str:
    return "version = 1\ninclude = [" + ", ".join(f'"{n}"' for n in names) + "]\n"


def test_relative_includes_load_depth_first(project):
    write(project / "sub" / "a.toml", include("b.toml"))
    write(project / "sub" / "b.toml", "version = 1\n")
    write(project / "c.toml", "version = 1\n")
    main = write(project / "main.toml", include("sub/a.toml", "c.toml"))
    docs = load_documents(main)
    assert [os.path.basename(d.path) for d in docs] == ["main.toml", "a.toml", "b.toml", "c.toml"]
    assert docs[1].file == str(project / "sub" / "a.toml")


def test_include_up_and_back_inside_the_tree_is_allowed(project):
    write(project / "shared.toml", "version = 1\n")
    write(project / "sub" / "a.toml", include("../shared.toml"))
    docs = load_documents(write(project / "main.toml", include("sub/a.toml")))
    assert os.path.realpath(docs[-1].path) == os.path.realpath(project / "shared.toml")


def test_dotdot_escape_is_refused(project):
    main = write(project / "main.toml", include("../outside.toml"))
    p = one_problem(load_documents, main)
    assert p.path == ("include", 0)
    assert "outside" in p.message and "../outside.toml" in p.message


def test_nested_dotdot_escape_is_refused(project):
    # sub/../../outside.toml: the parent of an included file is not the root.
    write(project / "sub" / "a.toml", include("../../outside.toml"))
    p = one_problem(load_documents, write(project / "main.toml", include("sub/a.toml")))
    assert p.file.endswith("a.toml")
    assert "outside" in p.message


def test_absolute_include_is_refused(project, tmp_path):
    main = write(project / "main.toml", include((tmp_path / "outside.toml").as_posix()))
    p = one_problem(load_documents, main)
    assert p.path == ("include", 0)
    assert "relative" in p.message


@pytest.mark.parametrize("name", ["C:/outside.toml", "\\\\server\\share\\x.toml"])
def test_windows_style_absolute_include_is_refused(project, name):
    main = write(project / "main.toml", include(name.replace("\\", "\\\\")))
    assert "relative" in one_problem(load_documents, main).message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_escape_is_refused(project, tmp_path):
    (project / "link.toml").symlink_to(tmp_path / "outside.toml")
    p = one_problem(load_documents, write(project / "main.toml", include("link.toml")))
    assert "outside" in p.message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinked_directory_escape_is_refused(project, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    write(tmp_path / "elsewhere" / "x.toml", "version = 1\n")
    (project / "cat").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    p = one_problem(load_documents, write(project / "main.toml", include("cat/x.toml")))
    assert "outside" in p.message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_inside_the_tree_is_fine(project):
    write(project / "real.toml", "version = 1\n")
    (project / "alias.toml").symlink_to(project / "real.toml")
    docs = load_documents(write(project / "main.toml", include("alias.toml")))
    assert len(docs) == 2


def test_include_cycle_is_reported_with_the_loop(project):
    write(project / "b.toml", include("a.toml"))
    main = write(project / "a.toml", include("b.toml"))
    p = one_problem(load_documents, main)
    assert p.message == "include cycle: a.toml -> b.toml -> a.toml"
    assert p.file.endswith("b.toml") and p.path == ("include", 0)


def test_self_include_is_a_cycle(project):
    p = one_problem(load_documents, write(project / "a.toml", include("a.toml")))
    assert "cycle" in p.message


def test_missing_includes_are_all_reported(project):
    found = problems_of(load_documents, write(project / "main.toml", include("x.toml", "nope.toml")))
    assert [q.path for q in found] == [("include", 0), ("include", 1)]
    assert found[1].message == "included file 'nope.toml' does not exist"


def test_diamond_include_is_loaded_once(project):
    write(project / "left.toml", include("shared.toml"))
    write(project / "right.toml", include("shared.toml"))
    write(project / "shared.toml", "version = 1\n")
    docs = load_documents(write(project / "main.toml", include("left.toml", "right.toml")))
    names = [os.path.basename(d.path) for d in docs]
    assert sorted(names) == ["left.toml", "main.toml", "right.toml", "shared.toml"]
    assert names.count("shared.toml") == 1


def test_include_depth_limit(project):
    for i in range(MAX_INCLUDE_DEPTH + 2):
        write(project / f"f{i}.toml", include(f"f{i + 1}.toml"))
    write(project / f"f{MAX_INCLUDE_DEPTH + 2}.toml", "version = 1\n")
    p = one_problem(load_documents, project / "f0.toml")
    assert f"more than {MAX_INCLUDE_DEPTH} deep" in p.message


def test_include_count_limit(project, monkeypatch):
    monkeypatch.setattr(rules_mod, "MAX_DOCUMENTS", 3)
    for name in "abcd":
        write(project / f"{name}.toml", "version = 1\n")
    found = problems_of(load_documents, write(project / "main.toml", include("a.toml", "b.toml", "c.toml", "d.toml")))
    # main, a and b fill the three places; c and d are refused.
    assert [q.path for q in found] == [("include", 2), ("include", 3)]
    assert all("more than 3 included files" in q.message for q in found)


def test_syntax_error_inside_an_include_names_that_file(project):
    write(project / "broken.toml", "version = = 1\n")
    p = one_problem(load_documents, write(project / "main.toml", include("broken.toml")))
    assert p.file.endswith("broken.toml")
    assert (p.line, p.column) == (1, 11)


def test_include_problems_are_located_in_the_including_file(project):
    main = write(project / "main.toml", VALID.format(include='include = ["../outside.toml"]', exercise="squat"))
    p = one_problem(load_rules, main, make_registry())
    assert (p.line, p.column) == (2, 12)
    assert p.path == ("include", 0)


def test_included_exercise_is_usable_and_include_may_not_hold_a_program(project):
    write(project / "extra.toml", """\
version = 1
[[exercise]]
id = "good-morning"
name = "Good morning"
category = "primary"
prescription = { sets = [3, 4], reps = [6, 8] }
""")
    main = write(project / "main.toml", VALID.format(include='include = ["extra.toml"]', exercise="good-morning"))
    outcome = load_rules(main, make_registry())
    assert outcome.rules.slots[0].candidates[0].id == "good-morning"
    assert outcome.rules.exercises["good-morning"].source.endswith("extra.toml")

    write(project / "extra.toml", 'version = 1\n[program]\nname = "sneaky"\n')
    with pytest.raises(EngineError) as exc:
        load_rules(main, make_registry())
    # (and, in the same run, the exercise the main file names that nothing defines any more)
    assert [(p.file.rpartition("/")[2], p.path, p.message.split(" (")[0]) for p in exc.value.problems] == [
        ("extra.toml", ("program",), "unknown key 'program'"),
        ("main.toml", ("slot", 0, "select", "from", 0), "unknown exercise 'good-morning'")]


def test_reading_never_writes(project):
    main = write(project / "main.toml", VALID.format(include="", exercise="squat"))
    before = (main.read_bytes(), main.stat().st_mtime_ns)
    load_rules(main, make_registry())
    assert (main.read_bytes(), main.stat().st_mtime_ns) == before
