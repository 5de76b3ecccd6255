"""Hostile input: whatever file a coach (or a fuzzer) hands the engine, it
either succeeds with a well-formed plan or fails with located problems.

The contract (DESIGN.md, "Errors: the contract"), checked for every input:

* `engine run FILE` and `engine validate FILE` exit 0 or 1, never anything
  else, never hang, never print a Python traceback;
* on exit 1, every line `run` prints on stderr (bar the final
  `engine: N problem(s) found`) and every line `validate` prints on stdout is
  `file:line:col: $.path: message`, with 1 <= line <= lines in the file (+1)
  and 1 <= col <= the length of that line (+1);
* on exit 0, `run --format json` prints a well-formed plan;
* `validate --format json` prints a list of objects with exactly the keys
  file, line, column, path, message, severity, and says the same as the text.

Three sources of input: random structural mutations of the example rule
files (parsed with tomllib, mutated, written back with a small TOML writer
below), random text-level mutations of the same files, and hand-picked
hostile cases. Every file in `tests/corpus/` (inputs that once broke the
engine, plus a few representative mutants) is run through the same check.

Set ENGINE_HOSTILE_SCALE=10 for a longer fuzzing session, and
ENGINE_HOSTILE_SHRINK=1 to have hypothesis shrink a failing mutant.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from engine.cli import cli

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
EXAMPLES = ("glute-day.toml", "full-body.toml", "low-back-friendly.toml")

LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<path>\$\S*): (?P<msg>.+)$")
SUMMARY = re.compile(r"^engine: (?P<n>\d+) problems? found$")
# Characters that editors (JavaScript regexes, VS Code problem matchers) or
# Python's str.splitlines() treat as line breaks: a message holding one
# would be split into lines that no longer match the format.
LINE_BREAKERS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
JSON_PATH = re.compile(r"\$\S*")
JSON_KEYS = {"file", "line", "column", "path", "message", "severity"}
CATEGORIES = {"primary", "secondary", "tertiary"}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

SCALE = float(os.environ.get("ENGINE_HOSTILE_SCALE", "1"))
# A message is read by a person in a terminal: user input in it is shortened.
MAX_MESSAGE = 500
# One invocation of the engine must finish well within this (seconds).
HANG_LIMIT = 20.0


def examples(n: int) -> int:
    return max(1, int(n * SCALE))


# Shrinking is off unless asked for: a failure prints its whole input file
# anyway, and shrinking a mutant costs minutes where finding it costs seconds.
SHRINK = os.environ.get("ENGINE_HOSTILE_SHRINK", "") not in ("", "0")

FUZZ = dict(
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, *([Phase.shrink] if SHRINK else [])],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
    print_blob=True,
)


# -- running the engine ---------------------------------------------------------


class Hang(BaseException):
    """An invocation ran past HANG_LIMIT (a BaseException, so that neither the
    engine's `except Exception` nor CliRunner can swallow it)."""


def _alarm(signum, frame):  # pragma: no cover - only on a hang
    raise Hang(f"engine did not finish within {HANG_LIMIT} s")


def invoke(args: list[str]):
    """Run the CLI in-process with a hang guard; an escaping exception fails."""
    guard = hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")
    if guard:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, HANG_LIMIT)
    try:
        result = CliRunner().invoke(cli, args, catch_exceptions=True)
    finally:
        if guard:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        tb = "".join(traceback.format_exception(*result.exc_info))
        pytest.fail(f"engine {' '.join(args)} raised:\n{tb}", pytrace=False)
    return result


def _file_lines(name: str) -> list[str] | None:
    """The lines of a reported file as the engine counts them, or None when
    the file is missing or not a regular file."""
    try:
        raw = Path(name).read_bytes()
    except (OSError, ValueError):
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    return raw.decode("utf-8", errors="replace").split("\n")


@dataclass
class Located:
    file: str
    line: int
    column: int
    path: str
    message: str


@dataclass
class Outcome:
    """What `run`, `validate` and `validate --format json` said about a file."""

    file: Path
    exit_code: int
    problems: list[Located] = field(default_factory=list)
    json_problems: list[dict[str, Any]] = field(default_factory=list)
    plan: dict[str, Any] | None = None
    run_stderr: str = ""

    @property
    def errors(self) -> list[Located]:
        return [p for p in self.problems if not p.message.startswith("warning: ")]


def _describe(path: Path, *outputs: str) -> str:
    try:
        raw = path.read_bytes() if path.is_file() else b"<not a regular file>"
    except OSError:  # pragma: no cover
        raw = b"<unreadable>"
    text = raw[:1200].decode("utf-8", errors="backslashreplace")
    more = f"\n... ({len(raw)} bytes in all)" if len(raw) > 1200 else ""
    shown = "\n".join(o[:1000] for o in outputs)
    return f"\n--- input {path}:\n{text}{more}\n--- output:\n{shown}"


def _parse_located(text: str, where: str, context: str, arg: str) -> list[Located]:
    out = []
    for row in text.split("\n"):
        if row == "":
            continue
        m = LINE.match(row)
        assert m, f"{where}: line does not read `file:line:col: $.path: message`: {row!r}{context}"
        assert not LINE_BREAKERS.search(row), f"{where}: raw line-break character in {row!r}{context}"
        line, col = int(m["line"]), int(m["col"])
        assert len(m["msg"]) <= MAX_MESSAGE, (
            f"{where}: a message of {len(m['msg'])} characters: {row[:400]!r}...{context}")
        assert line >= 1 and col >= 1, f"{where}: position must be 1-based: {row!r}{context}"
        lines = _file_lines(m["file"])
        if lines is None:
            # Only the path given on the command line may be unreadable (a
            # missing file, a directory); anything else must point into a file.
            assert m["file"] == arg, f"{where}: a problem located in {m['file']!r}, which is not a file{context}"
            assert (line, col) == (1, 1), f"{where}: position in a file that cannot be read: {row!r}{context}"
        else:
            assert line <= len(lines), (
                f"{where}: line {line} is past the end of {m['file']} ({len(lines)} lines): {row!r}{context}")
            assert col <= len(lines[line - 1]) + 1, (
                f"{where}: column {col} is past the end of line {line} "
                f"({len(lines[line - 1])} characters): {row!r}{context}")
        out.append(Located(m["file"], line, col, m["path"], m["msg"]))
    return out


def check_contract(path: Path) -> Outcome:
    """Run the engine on `path` three ways and check the error contract."""
    arg = str(path)
    run = invoke(["run", arg])
    context = _describe(path, run.stderr, run.stdout)
    for name, stream in (("stdout", run.stdout), ("stderr", run.stderr)):
        assert "Traceback" not in stream, f"run: traceback on {name}{context}"
    assert run.exit_code in (0, 1), f"run: exit code {run.exit_code}{context}"

    lines = run.stderr.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if run.exit_code == 1:
        assert lines, f"run: exit 1 without a word on stderr{context}"
        summary = SUMMARY.match(lines[-1])
        assert summary, f"run: last stderr line is not `engine: N problems found`: {lines[-1]!r}{context}"
        located = _parse_located("\n".join(lines[:-1]), "run", context, arg)
        errors = [p for p in located if not p.message.startswith("warning: ")]
        assert errors, f"run: exit 1 but no located error{context}"
        assert int(summary["n"]) == len(errors), f"run: summary counts {summary['n']}, not {len(errors)}{context}"
    else:
        located = _parse_located("\n".join(lines), "run (warnings)", context, arg)
        assert all(p.message.startswith("warning: ") for p in located), f"run: exit 0 with errors{context}"
        assert run.stdout.strip(), f"run: exit 0 but no plan on stdout{context}"

    validate = invoke(["validate", arg])
    vcontext = _describe(path, validate.stdout, validate.stderr)
    for name, stream in (("stdout", validate.stdout), ("stderr", validate.stderr)):
        assert "Traceback" not in stream, f"validate: traceback on {name}{vcontext}"
    assert validate.exit_code == run.exit_code, (
        f"validate exits {validate.exit_code} where run exits {run.exit_code}{vcontext}\n{run.stderr}")
    vlocated = _parse_located(validate.stdout, "validate", vcontext, arg)
    assert [(p.file, p.line, p.column, p.path, p.message) for p in vlocated] == \
        [(p.file, p.line, p.column, p.path, p.message) for p in located], (
            f"run and validate report different problems:\n{run.stderr}\n---\n{validate.stdout}")

    as_json = invoke(["validate", "--format", "json", arg])
    assert as_json.exit_code == validate.exit_code, f"validate --format json exits {as_json.exit_code}{vcontext}"
    assert "Traceback" not in as_json.stdout + as_json.stderr
    try:
        items = json.loads(as_json.stdout)
    except ValueError as exc:
        pytest.fail(f"validate --format json printed no JSON ({exc}): {as_json.stdout[:500]!r}", pytrace=False)
    assert isinstance(items, list), f"validate --format json: not a list: {as_json.stdout[:500]}"
    for item in items:
        assert isinstance(item, dict) and set(item) == JSON_KEYS, f"validate --format json: bad item {item!r}"
        assert isinstance(item["line"], int) and item["line"] >= 1, item
        assert isinstance(item["column"], int) and item["column"] >= 1, item
        assert item["severity"] in ("error", "warning"), item
        assert JSON_PATH.fullmatch(item["path"]), f"validate --format json: path {item['path']!r}"
    text_view = [(p.file, p.line, p.column, p.path, p.message) for p in vlocated]
    json_view = [(i["file"], i["line"], i["column"], i["path"],
                  ("warning: " if i["severity"] == "warning" else "") + i["message"]) for i in items]
    assert json_view == text_view, f"--format json and text disagree:\n{json_view}\n{text_view}"
    assert (validate.exit_code == 1) == any(i["severity"] == "error" for i in items)

    outcome = Outcome(path, run.exit_code, located, items, run_stderr=run.stderr)
    if run.exit_code == 0:
        outcome.plan = _check_plan(arg, context)
    return outcome


def _check_plan(arg: str, context: str) -> dict[str, Any]:
    """`run --format json` gives a plan of the documented shape."""
    result = invoke(["run", "--format", "json", arg])
    assert result.exit_code == 0, f"run --format json exits {result.exit_code}: {result.stderr}{context}"
    plan = json.loads(result.stdout)
    assert isinstance(plan, dict) and {"program", "weeks"} <= set(plan), context
    program = plan["program"]
    assert isinstance(program["weeks"], int) and not isinstance(program["weeks"], bool), (
        f"program.weeks is {program['weeks']!r}{context}")
    assert len(plan["weeks"]) == program["weeks"] >= 1, context
    for n, week in enumerate(plan["weeks"], 1):
        assert week["week"] == n, context
        for day in week["days"]:
            assert day["day"] in WEEKDAYS, context
            for ex in day["exercises"]:
                assert ex["category"] in CATEGORIES, context
                assert isinstance(ex["id"], str) and isinstance(ex["name"], str), context
                rx = ex["prescription"]
                for key in ("sets", "reps"):
                    lo, hi = rx[key]
                    assert type(lo) is int and type(hi) is int and 1 <= lo <= hi, (
                        f"prescription.{key} = {rx[key]!r}{context}")
                assert isinstance(rx["per_side"], bool), context
                assert ex["sets"], f"an exercise without sets: {ex}{context}"
                for s in ex["sets"]:
                    assert type(s["reps"]) is int and s["reps"] >= 1, f"set reps = {s['reps']!r}{context}"
                    assert s["rpe"] is None or (isinstance(s["rpe"], (int, float))
                                                and 1 <= s["rpe"] <= 10), f"set rpe = {s['rpe']!r}{context}"
                    assert s["load"] is None or (isinstance(s["load"], (int, float))
                                                 and math.isfinite(s["load"])), context
    return plan


# -- a small TOML writer (test side; no third-party writer) ---------------------

_BARE = re.compile(r"[A-Za-z0-9_-]+\Z")
_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def toml_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    return key if _BARE.match(key) else toml_string(key)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def dump_toml(data: dict[str, Any], tables: bool = True) -> str:
    """Write `data` as TOML: tables as `[a.b]`, arrays of tables as `[[a]]`
    when `tables`, otherwise everything as inline values at the top level."""
    out: list[str] = []

    def is_aot(v: Any) -> bool:
        return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)

    def body(table: dict[str, Any], prefix: list[str]) -> None:
        nested = [(k, v) for k, v in table.items() if tables and (isinstance(v, dict) or is_aot(v))]
        for k, v in table.items():
            if not (tables and (isinstance(v, dict) or is_aot(v))):
                out.append(f"{toml_key(k)} = {toml_value(v)}")
        for k, v in nested:
            name = ".".join(toml_key(p) for p in (*prefix, k))
            if isinstance(v, dict):
                out.extend(["", f"[{name}]"])
                body(v, [*prefix, k])
            else:
                for item in v:
                    out.extend(["", f"[[{name}]]"])
                    body(item, [*prefix, k])

    body(data, [])
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("name", [*EXAMPLES, "catalog/extra.toml"])
@pytest.mark.parametrize("tables", [True, False], ids=["tables", "inline"])
def test_toml_writer_round_trips_the_examples(name: str, tables: bool) -> None:
    data = tomllib.loads((RULES / name).read_text("utf-8"))
    assert tomllib.loads(dump_toml(data, tables)) == data


def test_toml_writer_round_trips_odd_values() -> None:
    data = {
        "a b": {"x.y": [1, -2, 2**62, 1.5, -0.0, 1e308, True, "q\"\\\x01\x7f\u202e😀\n"]},
        "": [{"k": dt.date(1, 1, 1)}, {"k": dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc)}],
        "t": dt.time(1, 2, 3), "e": [], "d": {}, "nested": [[[{"z": []}]]],
    }
    for tables in (True, False):
        assert tomllib.loads(dump_toml(data, tables)) == data


# -- structural mutations ----------------------------------------------------

ODD_STRINGS = [
    "", " ", "\t", "squat ", "SQUAT", "Squat", "hip_thrust", "-x", "x-", "a" * 65, "x" * 5000,
    "مرحبا بالعالم", "\u202eevil\u202c", "\u200f\u200e\u200b", "😀🏋️‍♀️", "🏋" * 300,
    "e\u0301\u0301\u0301", "\x01\x02\x1b[31m\x7f", "\u0085", "\u2028\u2029", "\ufeff", "\ufffd",
    "\U0010ffff", "a\nb", "a\r\nb", "\\", '"', "'", "${HOME}", "%s%n", "{0}", "../../etc/passwd",
    "/etc/passwd", "C:\\x", ".", "..", "catalog", "catalog/extra.toml", "mon", "kg", "primary",
]
NUMBERS = [
    0, -1, 1, 2, 7, 50, 51, 104, 105, -(2**63), 2**63, 2**70, 10**30, 4294967296,
    0.0, -0.0, 0.5, 1.0, 2.0, 8.0, 7.25, 1e-320, 1e308, -1e308, 1e16,
    math.inf, -math.inf, math.nan,
]
NAMES = ["ordered", "rotate", "random", "rotat", "Rotate", "random ", "double", "doubles", "linear",
         "rpe", "none", "None", "heavy-thrust", "pump", "linear-small", "effort", "x" * 65, "", "é"]
IDS = ["squat", "deadlift", "hip-thrust", "glute-bridge", "squatt", "hip_thrust", "HIP-THRUST", "",
       "a" * 65, "deadlift-", "-x", "nordic-curl", "step-up", "split-squat", "hamstring-curl"]

scalars = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from(NUMBERS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=30),
    st.sampled_from(ODD_STRINGS),
    st.dates(),
    st.datetimes(timezones=st.sampled_from([None, dt.timezone.utc, dt.timezone(dt.timedelta(hours=-5))])),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=8), st.sampled_from(ODD_STRINGS[:12])), inner, max_size=3),
    ),
    max_leaves=8,
)
keys = st.one_of(
    st.sampled_from(["seed", "every", "variants", "rep_step", "increment", "step", "reps", "sets", "day",
                     "count", "notes", "start", "progression", "prescription", "include", "rir", "rpe",
                     "exclude_tags", "tags", "avoid_repeats", "policy", "per_side", "rest", "weeks",
                     "from", "unknown", "Name", "name ", "export", "exercise", "variant", "version"]),
    st.sampled_from(ODD_STRINGS),
    st.text(max_size=12),
)

DataPath = tuple  # keys and indexes from the document root


def nodes(data: Any, path: DataPath = ()) -> list[tuple[DataPath, Any]]:
    """Every (path, value) in document order, the root first."""
    out, stack = [], [(path, data)]
    while stack:
        p, v = stack.pop()
        out.append((p, v))
        if isinstance(v, dict):
            stack.extend(reversed([((*p, k), x) for k, x in v.items()]))
        elif isinstance(v, list):
            stack.extend(reversed([((*p, i), x) for i, x in enumerate(v)]))
    return out


def get(data: Any, path: DataPath) -> Any:
    for part in path:
        data = data[part]
    return data


def put(data: Any, path: DataPath, value: Any) -> None:
    get(data, path[:-1])[path[-1]] = value


def _pick(draw, data: Any, keep: Callable[[DataPath, Any], bool]) -> DataPath | None:
    found = [p for p, v in nodes(data) if keep(p, v)]
    return draw(st.sampled_from(found)) if found else None


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def m_swap(data, draw):
    """Any value becomes a value of any type."""
    p = _pick(draw, data, lambda p, v: p != ())
    if p:
        put(data, p, draw(values))


def m_delete(data, draw):
    p = _pick(draw, data, lambda p, v: p != ())
    if p:
        del get(data, p[:-1])[p[-1]]


def m_add_key(data, draw):
    p = _pick(draw, data, lambda p, v: isinstance(v, dict))
    if p is not None:
        get(data, p)[draw(keys)] = draw(values)


def m_reverse(data, draw):
    p = _pick(draw, data, lambda p, v: isinstance(v, list) and len(v) >= 2)
    if p is not None:
        get(data, p).reverse()


def m_number(data, draw):
    p = _pick(draw, data, lambda p, v: p != () and (_is_number(v) or isinstance(v, list) and
                                                    any(_is_number(x) for x in v)))
    if p is None:
        return
    v = get(data, p)
    if isinstance(v, list):
        i = draw(st.sampled_from([i for i, x in enumerate(v) if _is_number(x)]))
        p = (*p, i)
    put(data, p, draw(st.one_of(st.sampled_from(NUMBERS), st.integers(-(2**70), 2**70), st.floats())))


def m_retype_number(data, draw):
    """A whole number written as a float (8 -> 8.0), a bool, or a string."""
    p = _pick(draw, data, lambda p, v: p != () and isinstance(v, int) and not isinstance(v, bool))
    if p:
        v = get(data, p)
        put(data, p, draw(st.sampled_from([float(v), float(v), bool(v), str(v), [v], [v, v]])))


def m_date(data, draw):
    """Dates anywhere in the calendar, and date-like values of other kinds."""
    p = _pick(draw, data, lambda p, v: isinstance(v, (dt.date, dt.time)) or (bool(p) and p[-1] == "start"))
    if p is None:
        p = _pick(draw, data, lambda p, v: p == ("program",) and isinstance(v, dict))
        if p is None:
            return
        p = (*p, "start")
    put(data, p, draw(st.one_of(
        st.dates(), st.sampled_from([dt.date(9999, 12, 31), dt.date(9999, 12, 20), dt.date(1, 1, 1)]),
        st.datetimes(), st.times(), st.dates().map(dt.date.isoformat))))


# Valid pieces of a rule file, grafted in so that mutants reach the code
# behind the schema (exporter options, custom exercises, selector options).
GRAFTS: list[tuple[DataPath, Any]] = [
    (("export",), {"json": {"indent": 2}, "text": {"notes": False}, "markdown": {"notes": True}}),
    (("export", "csv"), {"delimiter": ";"}),
    (("program", "progression"), "double"),
    (("program", "progression"), {"policy": "linear", "increment": 2.5, "reps": 5, "sets": "high"}),
    (("program", "notes"), False),
    (("program", "seed"), 7),
    (("prescriptions", "light"), {"sets": [2, 3], "reps": [8, 12], "rir": [1, 2], "per_side": True}),
    (("progressions", "effort"), {"policy": "rpe", "step": 1, "reps": 6}),
    (("exercise",), [{
        "id": "nordic-curl", "name": "Nordic curl", "category": "tertiary", "loading": "bodyweight",
        "tags": ["hamstrings"], "prescription": {"sets": [2, 3], "reps": [3, 6], "rpe": [8, 9]},
        "variant": [{"id": "band", "name": "Band-assisted Nordic curl", "equipment": ["band"]},
                    {"id": "full", "name": "Full Nordic curl"}],
    }]),
    (("slot", "*", "select"), {"selector": "random", "seed": 3, "avoid_repeats": False, "variants": True,
                               "tags": ["hamstrings"]}),
    (("slot", "*", "select"), {"selector": "rotate", "every": 2, "variants": True, "from": ["squat", "deadlift"]}),
    (("slot", "*", "prescription"), "light"),
    (("slot", "*", "progression"), "effort"),
    (("slot", "*", "progression"), {"policy": "double", "rep_step": 2, "increment": 5}),
    (("slot", "*", "day"), "wed"),
]


def m_graft(data, draw):
    """Put a valid piece somewhere it fits (then other mutations may break it)."""
    path, value = draw(st.sampled_from(GRAFTS))
    slots = data.get("slot")
    if "*" in path:
        if not (isinstance(slots, list) and slots):
            return
        path = tuple(draw(st.integers(0, len(slots) - 1)) if p == "*" else p for p in path)
    node = data
    for part in path[:-1]:
        if isinstance(node, dict):
            node = node.setdefault(part, {})
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return
    if isinstance(node, dict):
        node[path[-1]] = copy.deepcopy(value)


def m_string(data, draw):
    p = _pick(draw, data, lambda p, v: isinstance(v, str))
    if p:
        put(data, p, draw(st.one_of(st.sampled_from(ODD_STRINGS), st.text(max_size=40))))


def m_empty(data, draw):
    p = _pick(draw, data, lambda p, v: p != () and isinstance(v, (list, dict)))
    if p:
        put(data, p, draw(st.sampled_from([[], {}, [[]], [{}]])))


def m_duplicate(data, draw):
    """Duplicate a list element, slots preferred."""
    slots = data.get("slot")
    if isinstance(slots, list) and slots and draw(st.booleans()):
        p = ("slot",)
    else:
        p = _pick(draw, data, lambda p, v: isinstance(v, list) and v)
    if p is None:
        return
    items = get(data, p)
    i = draw(st.integers(0, len(items) - 1))
    for _ in range(draw(st.sampled_from([1, 1, 2, 60]))):
        items.insert(draw(st.integers(0, len(items))), copy.deepcopy(items[i]))


def m_names(data, draw):
    """Wrong selector, policy, progression or prescription names."""
    p = _pick(draw, data, lambda p, v: bool(p) and p[-1] in ("selector", "policy", "progression", "prescription",
                                                              "split", "units", "category", "day", "loading"))
    if p:
        put(data, p, draw(st.one_of(st.sampled_from(NAMES), st.sampled_from(ODD_STRINGS))))


def m_ids(data, draw):
    """Unknown or odd exercise ids (and include names)."""
    p = _pick(draw, data, lambda p, v: bool(p) and p[-1] in ("from", "include", "id", "tags", "exclude_tags"))
    if p is None:
        return
    v = get(data, p)
    new = draw(st.one_of(st.sampled_from(IDS), st.sampled_from(ODD_STRINGS)))
    if isinstance(v, list) and v and draw(st.booleans()):
        v[draw(st.integers(0, len(v) - 1))] = new
    elif isinstance(v, list):
        v.append(new)
    else:
        put(data, p, new)


MUTATIONS = [m_swap, m_delete, m_add_key, m_reverse, m_number, m_retype_number, m_date, m_string, m_empty,
             m_duplicate, m_names, m_ids, m_graft, m_graft]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A copy of rules/ (the example files and the catalog they include)."""
    base = tmp_path_factory.mktemp("hostile")
    shutil.copytree(RULES, base / "rules")
    return base / "rules"


def _restore(workdir: Path) -> None:
    for name in (*EXAMPLES, "catalog/extra.toml"):
        shutil.copyfile(RULES / name, workdir / name)


def _target(example: str, draw) -> str:
    """Which file to mutate: the example, or sometimes the file it includes."""
    if example == "low-back-friendly.toml" and draw(st.integers(0, 3)) == 0:
        return "catalog/extra.toml"
    return example


@pytest.mark.parametrize("example", EXAMPLES)
@settings(max_examples=examples(100), **FUZZ)
@given(data=st.data())
def test_structural_mutations_keep_the_contract(workdir: Path, example: str, data) -> None:
    _restore(workdir)
    target = _target(example, data.draw)
    doc = tomllib.loads((RULES / target).read_text("utf-8"))
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        op = data.draw(st.sampled_from(MUTATIONS), label="op")
        op(doc, data.draw)
    text = dump_toml(doc, tables=data.draw(st.booleans(), label="tables"))
    tomllib.loads(text)  # the writer itself must be right
    (workdir / target).write_text(text, "utf-8")
    check_contract(workdir / example)


# -- text-level mutations -----------------------------------------------------

TOML_BITS = ["[", "]", "[[", "]]", "{", "}", "=", '"', "'", '"""', "'''", ",", ".", "#", "\\", "\n", "\r\n",
             "\t", " ", "\\u", "\\U0011ffff", "0x", "1e", "inf", "nan", "-", "+", "_", ":", "T", "Z",
             "true", "1979-05-27", "slot", "program", "\u202e", "😀", "\x00", "\x7f", "\ufeff", "\u2028"]


def _lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\n")


def t_truncate(raw: bytes, draw) -> bytes:
    return raw[: draw(st.integers(0, len(raw)))]


def t_insert_bytes(raw: bytes, draw) -> bytes:
    i = draw(st.integers(0, len(raw)))
    return raw[:i] + draw(st.binary(min_size=1, max_size=8)) + raw[i:]


def t_insert_text(raw: bytes, draw) -> bytes:
    i = draw(st.integers(0, len(raw)))
    bit = draw(st.one_of(st.sampled_from(TOML_BITS), st.text(min_size=1, max_size=6)))
    return raw[:i] + bit.encode("utf-8", "surrogatepass") + raw[i:]


def t_replace_byte(raw: bytes, draw) -> bytes:
    if not raw:
        return raw
    i = draw(st.integers(0, len(raw) - 1))
    return raw[:i] + bytes([draw(st.integers(0, 255))]) + raw[i + 1:]


def t_duplicate_line(raw: bytes, draw) -> bytes:
    lines = _lines(raw)
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines)))
    return b"\n".join([*lines[:j], lines[i], *lines[j:]])


def t_delete_line(raw: bytes, draw) -> bytes:
    lines = _lines(raw)
    i = draw(st.integers(0, len(lines) - 1))
    return b"\n".join(lines[:i] + lines[i + 1:])


def t_swap_lines(raw: bytes, draw) -> bytes:
    lines = _lines(raw)
    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


TEXT_MUTATIONS = [t_truncate, t_insert_bytes, t_insert_text, t_replace_byte, t_duplicate_line,
                  t_delete_line, t_swap_lines]


@pytest.mark.parametrize("example", EXAMPLES)
@settings(max_examples=examples(100), **FUZZ)
@given(data=st.data())
def test_text_mutations_keep_the_contract(workdir: Path, example: str, data) -> None:
    _restore(workdir)
    target = _target(example, data.draw)
    raw = (RULES / target).read_bytes()
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        raw = data.draw(st.sampled_from(TEXT_MUTATIONS), label="op")(raw, data.draw)
    (workdir / target).write_bytes(raw)
    check_contract(workdir / example)


# -- hand-picked hostile cases ---------------------------------------------------


def _example(name: str = "glute-day.toml") -> str:
    return (RULES / name).read_text("utf-8")


def _with(old: str, new: str, name: str = "glute-day.toml") -> str:
    text = _example(name)
    assert old in text, old
    return text.replace(old, new, 1)


def _include(names: str) -> str:
    return _with("version = 1\n", f"version = 1\ninclude = [{names}]\n")


def _nested(n: int, open_: str, close: str, leaf: str = "") -> str:
    return "a = " + open_ * n + leaf + close * n + "\n"


@dataclass
class Case:
    """A hostile input: the files to write (relative to a fresh directory;
    bytes or text), the file to run, and what the engine must say."""

    files: dict[str, str | bytes]
    run: str = "rules.toml"
    exit: int | None = 1                # None: 0 or 1, the contract alone decides
    says: tuple[str, ...] = ()          # substrings of some error message (case-insensitive)
    at: tuple[int, int] | None = None   # (line, column) of the first error
    line: int | None = None             # line of the first error
    path: str | None = None             # JSON path of the first error
    in_file: str | None = None          # the file the first error is reported in
    setup: Callable[[Path], None] | None = None


def _symlink(link: str, target: str) -> Callable[[Path], None]:
    def make(base: Path) -> None:
        try:
            (base / link).symlink_to(target)
        except (OSError, NotImplementedError):  # pragma: no cover - e.g. Windows without privilege
            pytest.skip("cannot create symlinks here")
    return make


def _mkdir(name: str) -> Callable[[Path], None]:
    return lambda base: (base / name).mkdir(parents=True, exist_ok=True)


_SLOT = '\n[[slot]]\ncategory = "tertiary"\nselect = { selector = "rotate", tags = ["hamstrings"] }\n'
_MANY_IDS = ", ".join(f'"unknown-{i}"' for i in range(150))
_KEYS = ('\n"dotted.key" = 1\n"quote\\"d" = 2\n\'lit"eral\' = 3\n"ünïcödé-😀" = 4\n'
         'a."b.c".d = 5\n"" = 6\n')

CASES: dict[str, Case] = {
    # -- not TOML at all
    "empty file": Case({"rules.toml": b""}, says=("version",), at=(1, 1), path="$"),
    "only a comment": Case({"rules.toml": "# nothing here\n"}, says=("version",), at=(1, 1)),
    "only a BOM": Case({"rules.toml": b"\xef\xbb\xbf"}, says=("version",), at=(1, 1)),
    "BOM before a valid file": Case({"rules.toml": b"\xef\xbb\xbf" + _example().encode()}, exit=0),
    "CRLF line endings": Case({"rules.toml": _example().replace("\n", "\r\n").encode()}, exit=0),
    "binary garbage": Case({"rules.toml": random.Random(0).randbytes(4096)}, says=("utf-8",)),
    "all 256 byte values": Case({"rules.toml": bytes(range(256)) * 4}),
    "invalid UTF-8 in a string": Case(
        {"rules.toml": _with('name = "Glute', 'name = "GlXXute').encode().replace(b"XX", b"\xff\xfe")},
        says=("utf-8",), at=(8, 11)),
    "UTF-16 file": Case({"rules.toml": _example().encode("utf-16")}, says=("utf-8",)),
    "NUL byte in a string": Case({"rules.toml": _with('"Glute and', '"Glute\x00and').encode()}, at=(8, 14)),
    "NUL bytes after the document": Case({"rules.toml": _example().encode() + b"\x00" * 64}),
    "NUL bytes only": Case({"rules.toml": b"\x00" * 1024}),
    "5,000 nested arrays": Case({"rules.toml": _nested(5000, "[", "]")}, says=("nested",)),
    "100,000 nested arrays": Case({"rules.toml": _nested(100_000, "[", "]")}, says=("nested",)),
    "100,000 unclosed arrays": Case({"rules.toml": "a = " + "[" * 100_000 + "\n"}),
    "5,000 nested inline tables": Case({"rules.toml": _nested(5000, "{b = ", "}", "1")}, says=("nested",)),
    "100 nested inline tables": Case({"rules.toml": _nested(100, "{b = ", "}", "1")}, says=("nested", "64")),
    "100 nested table headers": Case({"rules.toml": "[" + ".".join(["a"] * 100) + "]\nx = 1\n"},
                                     says=("nested",)),
    "60 nested arrays in a slot": Case({"rules.toml": _with(
        'name = "main lift"', "name = " + "[" * 60 + "]" * 60)}, path="$.slot[0].name"),
    "file over 1 MiB": Case({"rules.toml": _example() + "#" + "x" * (1024 * 1024) + "\n"},
                            says=("larger than",), at=(1, 1)),
    "1 MiB of newlines": Case({"rules.toml": "\n" * (1024 * 1024 + 1)}, says=("larger than",)),
    "a directory": Case({}, run="somedir", setup=_mkdir("somedir"), says=("directory",), at=(1, 1)),
    "a missing path": Case({}, run="missing.toml", says=("no such file",), at=(1, 1)),
    # -- duplicated and broken structure
    "duplicated table": Case({"rules.toml": _example() + "\n[program]\nname = 'x'\n"},
                             line=_example().count("\n") + 2, says=("program",)),
    "duplicated key": Case({"rules.toml": _with("weeks = 8\n", "weeks = 8\nweeks = 9\n")}, line=12),
    "duplicated [[slot]] header line": Case({"rules.toml": _with("[[slot]]\n", "[[slot]]\n[[slot]]\n")},
                                            path="$.slot[0]", says=("category",)),
    "unterminated string": Case({"rules.toml": _with('name = "Glute and hamstring day"', 'name = "Glute')},
                                says=("syntax",)),
    "slot is a table": Case({"rules.toml": _example().split("[[slot]]")[0] + '[slot]\ncategory = "primary"\n'},
                            path="$.slot", says=("array",)),
    # -- includes
    "include ../outside.toml": Case({"outside.toml": "version = 1\n",
                                     "sub/rules.toml": _include('"../outside.toml"')},
                                    run="sub/rules.toml", says=("outside",), at=(6, 12), path="$.include[0]"),
    "include an absolute path": Case({"rules.toml": _include('"/etc/hostname"')},
                                     says=("relative",), at=(6, 12), path="$.include[0]"),
    "include a Windows drive path": Case({"rules.toml": _include('"C:/x.toml"')}, says=("relative",)),
    "include a symlink escaping the directory": Case(
        {"outside.toml": "version = 1\n", "sub/rules.toml": _include('"link.toml"')},
        run="sub/rules.toml", setup=_symlink("sub/link.toml", "../outside.toml"),
        says=("outside",), at=(6, 12)),
    "include through a directory symlink escaping": Case(
        {"outside/x.toml": "version = 1\n", "sub/rules.toml": _include('"dir/x.toml"')},
        run="sub/rules.toml", setup=_symlink("sub/dir", "../outside"), says=("outside",)),
    "include cycle": Case({"rules.toml": _include('"b.toml"'), "b.toml": 'version = 1\ninclude = ["rules.toml"]\n'},
                          says=("cycle",)),
    "include itself": Case({"rules.toml": _include('"rules.toml"')}, says=("cycle",), at=(6, 12)),
    "include a missing file": Case({"rules.toml": _include('"nope.toml"')}, says=("does not exist",),
                                   at=(6, 12), path="$.include[0]"),
    "include a directory": Case({"rules.toml": _include('"catalog"')}, setup=_mkdir("catalog"),
                                says=("directory",), at=(6, 12), path="$.include[0]", in_file="rules.toml"),
    "include the current directory": Case({"rules.toml": _include('"."')}, says=("directory",),
                                          at=(6, 12), path="$.include[0]", in_file="rules.toml"),
    "include a name too long for the file system": Case({"rules.toml": _include('"' + "🏋" * 300 + '.toml"')},
                                                        at=(6, 12), path="$.include[0]", in_file="rules.toml"),
    "include with a NUL character": Case({"rules.toml": _include('"a\\u0000b.toml"')},
                                         at=(6, 12), path="$.include[0]"),
    "include as a string": Case({"rules.toml": _with("version = 1\n", 'version = 1\ninclude = "x.toml"\n')},
                                path="$.include"),
    "include binary garbage": Case({"rules.toml": _include('"junk.toml"'),
                                    "junk.toml": random.Random(1).randbytes(512)},
                                   says=("utf-8",), in_file="junk.toml"),
    "include a broken TOML file": Case({"rules.toml": _include('"bad.toml"'), "bad.toml": "version = 1\n[[x\n"},
                                       says=("syntax",), at=(2, 4), in_file="bad.toml"),
    "include a file over 1 MiB": Case({"rules.toml": _include('"big.toml"'),
                                       "big.toml": "#" + "x" * (1024 * 1024) + "\n"},
                                      says=("larger than",), in_file="big.toml"),
    "include a program": Case({"rules.toml": _include('"p.toml"'),
                               "p.toml": "version = 1\n[program]\nname = 'x'\n"},
                              says=("unknown key",), in_file="p.toml"),
    "includes nested ten deep": Case(
        {"rules.toml": _include('"i1.toml"'),
         **{f"i{i}.toml": f'version = 1\ninclude = ["i{i + 1}.toml"]\n' for i in range(1, 10)},
         "i10.toml": "version = 1\n"},
        says=("nested more than",)),
    "include 70 files": Case(
        {"rules.toml": _with("version = 1\n", "version = 1\ninclude = [\"h.toml\"]\n"),
         "h.toml": "version = 1\ninclude = [" + ", ".join(f'"f{i}.toml"' for i in range(70)) + "]\n",
         **{f"f{i}.toml": "version = 1\n" for i in range(70)}}),
    # -- numbers and dates
    "weeks = 1e309 (infinity)": Case({"rules.toml": _with("weeks = 8", "weeks = 1e309")},
                                     path="$.program.weeks", at=(11, 9), says=("whole number",)),
    "weeks = -inf": Case({"rules.toml": _with("weeks = 8", "weeks = -inf")}, path="$.program.weeks"),
    "weeks = nan": Case({"rules.toml": _with("weeks = 8", "weeks = nan")}, path="$.program.weeks",
                        says=("whole number",)),
    "json exporter indent = 2.0": Case({"rules.toml": _example() + "\n[export.json]\nindent = 2.0\n"}, exit=None),
    "weeks = 8.0": Case({"rules.toml": _with("weeks = 8", "weeks = 8.0")}, exit=None),
    "weeks = 2**70": Case({"rules.toml": _with("weeks = 8", f"weeks = {2**70}")}, path="$.program.weeks",
                          says=("104",)),
    "weeks = -1": Case({"rules.toml": _with("weeks = 8", "weeks = -1")}, path="$.program.weeks"),
    "weeks = true": Case({"rules.toml": _with("weeks = 8", "weeks = true")}, path="$.program.weeks"),
    "count = 2.0": Case({"rules.toml": _with("count = 2", "count = 2.0")}, exit=None),
    "rotate every = 2.0": Case({"rules.toml": _with('selector = "rotate", from',
                                                    'selector = "rotate", every = 2.0, from')}, exit=None),
    "rep_step = 1.0": Case({"rules.toml": _with("increment = 5", "increment = 5\nrep_step = 1.0")}, exit=None),
    "sets = [3.0, 4.0]": Case({"rules.toml": _with('prescription = "heavy-thrust"',
                                                   "prescription = { sets = [3.0, 4.0] }",
                                                   "low-back-friendly.toml"),
                               "catalog/extra.toml": (RULES / "catalog/extra.toml").read_text("utf-8")},
                              exit=None),
    "seed = 2**70": Case({"rules.toml": _with("seed = 2026", f"seed = {2**70}", "low-back-friendly.toml"),
                          "catalog/extra.toml": (RULES / "catalog/extra.toml").read_text("utf-8")},
                         path="$.program.seed"),
    "a date-time where a date is expected": Case(
        {"rules.toml": _with("start = 2026-12-07", "start = 2026-12-07T10:00:00Z")},
        path="$.program.start", at=(13, 9)),
    "a local time where a date is expected": Case(
        {"rules.toml": _with("start = 2026-12-07", "start = 10:00:00")}, path="$.program.start"),
    "February 30th": Case({"rules.toml": _with("start = 2026-12-07", "start = 2026-02-30")}, at=(13, 9)),
    "February 30th as a string": Case({"rules.toml": _with("start = 2026-12-07", 'start = "2026-02-30"')},
                                      path="$.program.start", says=("calendar date",)),
    "start at the end of the calendar": Case(
        {"rules.toml": _with("start = 2026-12-07", "start = 9999-12-27")}, exit=None),
    "start in year 1": Case({"rules.toml": _with("start = 2026-12-07", "start = 0001-01-01")}, exit=None),
    # -- sizes
    "500 slots": Case({"rules.toml": _example() + _SLOT * 500}, path="$.slot", says=("50",)),
    "150 unknown ids in from": Case({"rules.toml": _with('from = ["squat", "deadlift"]', f"from = [{_MANY_IDS}]")},
                                    path="$.slot[0].select.from", says=("100",)),
    "a 5,000-character name": Case({"rules.toml": _with('"Glute and hamstring day"', '"' + "x" * 5000 + '"')},
                                   path="$.program.name", says=("200",)),
    "a 5,000-character unknown key": Case({"rules.toml": _example() + "\n" + "k" * 5000 + " = 1\n"}),
    # -- odd keys and strings
    "keys with dots, quotes and unicode": Case({"rules.toml": _example() + _KEYS}, says=("unknown key",)),
    "a key with a space": Case({"rules.toml": _example() + '\n"a b" = 1\n'}, says=("unknown key",)),
    "a key with a tab": Case({"rules.toml": _example() + '\n"a\\tb" = 1\n'}, says=("unknown key",)),
    "a key with a no-break space": Case({"rules.toml": _example() + '\n"a\u00a0b" = 1\n'}, says=("unknown key",)),
    "a key with a line separator": Case({"rules.toml": _example() + '\n"a\\u2028b" = 1\n'}, says=("unknown key",)),
    "a value with line separators": Case({"rules.toml": _with('units = "lb"', 'units = "l\\u2028b\\u0085"')},
                                         path="$.program.units"),
    "a value with a right-to-left override": Case({"rules.toml": _with('units = "lb"', 'units = "\\u202ebl"')},
                                                  path="$.program.units"),
    "terminal escapes in a value": Case({"rules.toml": _with('units = "lb"', 'units = "\\u001b[2J\\u009b2J"')},
                                        path="$.program.units"),
}


def _write_case(case: Case, base: Path) -> Path:
    for name, content in case.files.items():
        target = base / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, "utf-8", newline="\n")
    if case.setup:
        case.setup(base)
    return base / case.run


def _expectations(case: Case, outcome: Outcome, base: Path) -> None:
    shown = outcome.run_stderr[:3000]
    if case.exit is not None:
        assert outcome.exit_code == case.exit, f"exit {outcome.exit_code}, expected {case.exit}:\n{shown}"
    if outcome.exit_code == 0:
        return
    first = outcome.errors[0]
    for word in case.says:
        assert any(word.lower() in p.message.lower() for p in outcome.errors), (
            f"no message mentions {word!r}:\n{shown}")
    if case.path is not None:
        assert first.path == case.path, f"first error at {first.path}, expected {case.path}:\n{shown}"
    if case.at is not None:
        assert (first.line, first.column) == case.at, (
            f"first error at {first.line}:{first.column}, expected {case.at}:\n{shown}")
    if case.line is not None:
        assert first.line == case.line, f"first error on line {first.line}, expected {case.line}:\n{shown}"
    if case.in_file is not None:
        assert Path(first.file) == base / case.in_file, f"first error in {first.file}, expected {case.in_file}"


@pytest.mark.parametrize("name", list(CASES))
def test_hand_picked_hostile_input(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    path = _write_case(case, tmp_path)
    outcome = check_contract(path)
    _expectations(case, outcome, tmp_path)


# -- subprocess: the real interpreter, the real entry point -----------------------


def _engine(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ENGINE_DEBUG", "ENGINE_PLUGINS")}
    env["ENGINE_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    try:
        return subprocess.run([sys.executable, "-m", "engine", *args], cwd=cwd, env=env, capture_output=True,
                              text=True, encoding="utf-8", errors="replace", timeout=60)
    except subprocess.TimeoutExpired:  # pragma: no cover - only on a hang
        pytest.fail(f"engine {' '.join(args)} hung")


SUBPROCESS_CASES = ["100,000 nested arrays", "5,000 nested inline tables", "binary garbage",
                    "include cycle", "weeks = 8.0", "start at the end of the calendar"]


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_no_traceback_from_the_real_entry_point(tmp_path: Path, name: str) -> None:
    """A fresh interpreter: real recursion limit, real stdout/stderr, real exit
    code. Paths are relative to the working directory, as a coach types them."""
    case = CASES[name]
    _write_case(case, tmp_path)
    for args in (["run", case.run], ["validate", case.run]):
        proc = _engine(*args, cwd=tmp_path)
        out = proc.stderr if args[0] == "run" else proc.stdout
        assert "Traceback" not in proc.stdout + proc.stderr, f"engine {' '.join(args)}:\n{proc.stderr[-3000:]}"
        assert proc.returncode in (0, 1), f"engine {' '.join(args)} exited {proc.returncode}:\n{proc.stderr[-3000:]}"
        rows = [r for r in out.split("\n") if r and not SUMMARY.match(r)]
        if proc.returncode == 1:
            assert rows, f"engine {' '.join(args)}: exit 1 without a message"
        for row in rows:
            if args[0] == "run" and proc.returncode == 0:
                continue  # the plan is on stdout; stderr holds warnings only
            m = LINE.match(row)
            assert m, f"engine {' '.join(args)}: unlocated line {row!r}"
            assert not Path(m["file"]).is_absolute(), f"a relative argument is reported as {m['file']!r}"


def test_a_valid_file_through_the_real_entry_point() -> None:
    proc = _engine("run", "rules/glute-day.toml", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "Week 8" in proc.stdout


# -- the regression corpus -------------------------------------------------------

CORPUS_FILES = sorted(CORPUS.glob("*.toml")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("name", [p.name for p in CORPUS_FILES])
def test_corpus_keeps_the_contract(tmp_path: Path, name: str) -> None:
    """Every file in tests/corpus/ (copied with the corpus' catalog/ for includes)."""
    shutil.copytree(CORPUS / "catalog", tmp_path / "catalog")
    shutil.copyfile(CORPUS / name, tmp_path / name)
    check_contract(tmp_path / name)


def test_corpus_is_not_empty() -> None:
    assert len(CORPUS_FILES) >= 10


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("where", ["rules", "include", "athlete", "log", "profile log", "device", "validate",
                                   "validate with others"])
def test_a_pipe_or_device_as_an_input_is_refused_not_waited_on(tmp_path: Path, where: str) -> None:
    """A FIFO with no writer would block a plain open() forever."""
    os.mkfifo(tmp_path / "pipe")
    os.mkfifo(tmp_path / "pipe.toml")  # (validate reads a file's head to know what it is: never a pipe's)
    rules = (RULES / "glute-day.toml").read_text("utf-8")
    (tmp_path / "rules.toml").write_text(
        rules.replace("version = 1\n", 'version = 1\ninclude = ["pipe"]\n') if where == "include" else rules)
    (tmp_path / "a.toml").write_text(
        ('logs = ["pipe"]\n' if where == "profile log" else "") + '[athlete]\nname = "A"\nunits = "lb"\n')
    args = {
        "rules": ["run", "pipe"],
        "include": ["run", "rules.toml"],
        "athlete": ["run", "rules.toml", "--athlete", "pipe"],
        "log": ["run", "rules.toml", "--log", "pipe"],
        "profile log": ["run", "rules.toml", "--athlete", "a.toml"],
        "device": ["run", "rules.toml", "--log", os.devnull],
        "validate": ["validate", "pipe.toml"],
        "validate with others": ["validate", "rules.toml", "pipe", "a.toml"],
    }[where]
    proc = _engine(*args, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "not a regular file" in proc.stderr + proc.stdout, proc.stderr  # (validate reports on its output)
