"""Messages and exit codes that used to mislead.

* `validate` never says "ok" for a file whose include failed, whatever the
  include's fault and however deep it sits.
* Include chains up to 8 deep are read (as the README says); 9 and more are
  refused with a located message.
* A message with line breaks (a plan check's, say) prints as one problem
  on one line, in text and in JSON.
* `-O` values nested at any depth give a one-line usage error or work,
  never `internal error: RecursionError`.
* A relative `XDG_CACHE_HOME` is ignored (the XDG spec) and `HOME=""` or a
  relative HOME means no cache: never a cache folder in the working folder
  or at `/.cache`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile import FUZZ, LINE, LINE_BREAKERS, examples

import engine
from engine.errors import Problem
from engine.testing import invoke

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules" / "glute-day.toml"
TEXT = RULES.read_text()


def _chain(base: Path, depth: int, last: str = "version = 1\n") -> Path:
    """rules.toml including c1.toml including ... c{depth}.toml (= `last`)."""
    (base / "rules.toml").write_text(TEXT.replace("version = 1", 'version = 1\ninclude = ["inc/c1.toml"]', 1))
    (base / "inc").mkdir()
    for i in range(1, depth + 1):
        body = f'version = 1\ninclude = ["c{i + 1}.toml"]\n' if i < depth else last
        (base / "inc" / f"c{i}.toml").write_text(body)
    return base / "rules.toml"


# What the deepest include holds, for each way an include can fail.
BROKEN_INCLUDES = {
    "a TOML syntax error": "version = 1\n[exercise\n",
    "an unknown key": "version = 1\nweeks = 8\n",
    "a program table": 'version = 1\n[program]\nname = "x"\n',
    "invalid UTF-8": b"version = 1\n# \xff\xfe\n",
    "a missing include": 'version = 1\ninclude = ["nowhere.toml"]\n',
    "an include outside the tree": 'version = 1\ninclude = ["../../../etc/passwd"]\n',
    "an include cycle": 'version = 1\ninclude = ["c1.toml"]\n',
    "a bad exercise": 'version = 1\n[[exercise]]\nid = "x"\n',
}


@settings(max_examples=examples(30), **FUZZ)
@given(fault=st.sampled_from(sorted(BROKEN_INCLUDES)), depth=st.integers(1, 7), fmt=st.sampled_from(["text", "json"]))
def test_validate_never_says_ok_for_a_file_whose_include_failed(fault, depth, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        rules = _chain(base, depth)
        last = base / "inc" / f"c{depth}.toml"
        content = BROKEN_INCLUDES[fault]
        last.write_bytes(content if isinstance(content, bytes) else content.encode())
        result = invoke(["validate", str(rules), "--format", fmt])
        assert result.exit_code == 1, result.stdout + result.stderr
        assert f"{rules}: ok" not in result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        if fmt == "json":
            assert json.loads(result.stdout)
        else:
            assert result.stdout and all(LINE.match(row) for row in result.stdout.splitlines())


def test_validate_says_ok_only_for_the_files_that_passed(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(TEXT)
    bad = _chain(tmp_path, 2, "version = 1\nweeks = 8\n")
    result = invoke(["validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{good}: ok" in result.stderr and f"{bad}: ok" not in result.stderr


@settings(max_examples=examples(12), **FUZZ)
@given(depth=st.integers(1, 12))
def test_include_chains_up_to_eight_deep_are_read(depth):
    with tempfile.TemporaryDirectory() as tmp:
        rules = _chain(Path(tmp), depth)
        result = invoke(["validate", str(rules)])
        if depth <= 8:
            assert result.exit_code == 0, result.stdout
        else:
            assert result.exit_code == 1
            [row] = result.stdout.splitlines()
            assert LINE.match(row) and "includes are nested more than 8 deep" in row


# -- messages with line breaks ---------------------------------------------------

BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
MESSAGE = st.text(st.sampled_from("ab -." + BREAKS + "\x1b\x00\t"), min_size=1, max_size=40).filter(
    lambda s: s.strip(BREAKS + " \t"))


class Check:
    """A plan check whose one problem says `message`."""

    def __init__(self, message: str):
        self.message = message

    @engine.hookimpl
    def engine_check_plan(self, plan):
        return [Problem("", ("week",), self.message)]


@settings(max_examples=examples(30), **FUZZ)
@given(message=MESSAGE)
def test_a_message_with_line_breaks_is_one_problem_on_one_line(message):
    text = invoke(["validate", str(RULES)], plugins=[Check(message)])
    assert text.exit_code == 1
    rows = text.stdout.splitlines()
    assert len(rows) == 1 and LINE.match(rows[0]) and not LINE_BREAKERS.search(rows[0]), rows
    assert not re.search(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]", rows[0])
    as_json = invoke(["validate", str(RULES), "--format", "json"], plugins=[Check(message)])
    [item] = json.loads(as_json.stdout)
    assert rows[0].endswith(item["message"])
    assert "\n" not in item["message"] and not LINE_BREAKERS.search(item["message"])
    run = invoke(["run", str(RULES)], plugins=[Check(message)])
    assert run.stderr.splitlines()[:-1] == rows


# -- deeply nested -O values -----------------------------------------------------

@settings(max_examples=examples(30), **FUZZ)
@given(depth=st.integers(1, 5000), kind=st.sampled_from(["array", "table", "mixed"]), key=st.sampled_from(
    ["notes", "x"]))
def test_deeply_nested_option_values_never_raise(depth, kind, key):
    opening = {"array": "[", "table": "{a = ", "mixed": "[{a = "}[kind]
    closing = {"array": "]", "table": "}", "mixed": "}]"}[kind]
    value = opening * depth + "1" + closing * depth
    result = invoke(["run", str(RULES), "-O", f"{key}={value}"])
    assert result.exit_code == 2, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    [row] = result.stderr.splitlines()
    assert row.startswith(f"engine run: error: -O {key}")


# -- where the cache goes ----------------------------------------------------------

RELATIVE = st.sampled_from(["cache", "./cache", "../cache", "a/b", ".", "~/cache", "$HOME/cache"])


@settings(max_examples=examples(20), **FUZZ)
@given(xdg=st.one_of(st.none(), RELATIVE), home=st.sampled_from(["", "relative/home", "."]))
def test_no_cache_in_the_working_folder_or_at_the_root(xdg, home):
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k not in ("ENGINE_CACHE_DIR", "XDG_CACHE_HOME")}
        env.update(HOME=home, ENGINE_DISABLE_PLUGIN_AUTOLOAD="1")
        if xdg is not None:
            env["XDG_CACHE_HOME"] = xdg
        before = set(os.listdir("/"))
        done = subprocess.run([sys.executable, "-m", "engine", "validate", str(RULES)], cwd=tmp, env=env,
                              capture_output=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert os.listdir(tmp) == []
        assert set(os.listdir("/")) <= before | {".cache"} and (".cache" in before or not os.path.exists("/.cache"))
