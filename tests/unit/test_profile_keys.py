"""An athlete profile's keys under [ratios] and [maxes]: a key that is not
a form, or names no exercise or variant, is reported at that key's own line
and column, however the table is written (a [table], an inline table,
dotted keys)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.checkfiles import check_athlete
from engine.errors import EngineError
from engine.testing import make_registry

REGISTRY = make_registry()
HEAD = 'version = 1\n[athlete]\nname = "A"\nunits = "kg"\n'
GOOD = {"ratios": ["deadlift/sumo", "squat/low-bar"], "maxes": ["squat", "deadlift/sumo"]}
# Keys the schema refuses (no "id/variant" form), and well-formed keys the catalog does not know.
MALFORMED = {"ratios": ["deadlift", "Deadlift/Sumo", "a/b/c", "x y/z", "squat/", "/sumo"],
             "maxes": ["Squat", "a/b/c", "squat/", "hip thrust"]}
UNKNOWN = {"ratios": ["foo/bar", "squat/nope", "deadlift/x-1"], "maxes": ["foo", "squat/nope", "bench/flat"]}


def _table(table: str, keys: list[str], style: str) -> str:
    value = "1.1" if table == "ratios" else "100"
    pairs = [f"{json.dumps(k)} = {value}" for k in keys]
    if style == "table":
        return f"[{table}]\n" + "\n".join(pairs) + "\n"
    if style == "inline":
        return f"{table} = {{ {', '.join(pairs)} }}\n"
    return "".join(f"{table}.{p}\n" for p in pairs)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(["ratios", "maxes"]), kind=st.sampled_from(["malformed", "unknown"]),
       style=st.sampled_from(["table", "inline", "dotted"]), data=st.data())
def test_a_bad_key_is_located_at_itself(tmp_path, table, kind, style, data):
    pool = (MALFORMED if kind == "malformed" else UNKNOWN)[table]
    bad = data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True), label="bad")
    keys = data.draw(st.permutations(bad + GOOD[table]), label="order")
    body = _table(table, keys, style)
    text = HEAD + body if style == "table" else HEAD.replace("[athlete]", body + "[athlete]")
    path = tmp_path / "a.toml"
    path.write_text(text, "utf-8")
    try:
        said = check_athlete(path, REGISTRY).warnings  # a max for an exercise nothing defines: not used
    except EngineError as exc:
        said = exc.problems
    found = {p.path[-1]: p for p in said if p.path[:1] == (table,)}
    lines = text.splitlines()
    for key in bad:
        quoted = json.dumps(key)
        line = next(i for i, ln in enumerate(lines, 1) if quoted in ln)
        problem = found[key]
        assert (problem.line, problem.column) == (line, lines[line - 1].index(quoted) + 1), (key, problem)


WITH_FORMS = sorted((ex.id, ex.default_form, [ex.form_key(v) for v in ex.variants[1:]])
                    for ex in (r.component for r in REGISTRY.exercises.values()) if len(ex.variants) > 1)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(exercise=st.sampled_from(WITH_FORMS), whole=st.booleans(), default=st.booleans(),
       ratio=st.none() | st.sampled_from([0.8, 1, 1.05]), other=st.booleans())
def test_a_max_or_ratio_said_twice_is_a_located_warning(tmp_path, exercise, whole, default, ratio, other):
    """A max for an exercise and for its default form: the form's is used,
    the other is named; a ratio other than 1 for the default form, the one
    ratios are fractions of, is named too. Other forms' keys never are."""
    ex_id, default_form, others = exercise
    maxes = [k for k, given in ((ex_id, whole), (default_form, default), (others[0], other)) if given]
    ratios = ([] if ratio is None else [f"{json.dumps(default_form)} = {ratio}"]) + (
        [f"{json.dumps(others[0])} = 0.9"] if other else [])
    text = (HEAD + "[maxes]\n" + "".join(f"{json.dumps(k)} = 100\n" for k in maxes)
            + "[ratios]\n" + "".join(f"{r}\n" for r in ratios))
    path = tmp_path / "a.toml"
    path.write_text(text, "utf-8")
    warned = {p.path: p for p in check_athlete(path, REGISTRY).warnings if p.path[:1] in (("maxes",), ("ratios",))}
    expected = set()
    if whole and default:
        expected.add(("maxes", ex_id))
    if ratio is not None and ratio != 1:
        expected.add(("ratios", default_form))
    assert set(warned) == expected
    lines = text.splitlines()
    for (table, key), problem in warned.items():
        start = lines.index(f"[{table}]")
        line = next(i for i, ln in enumerate(lines[start:], start + 1) if ln.startswith(json.dumps(key) + " ="))
        assert (problem.line, problem.column) == (line, 1)
    if ("maxes", ex_id) in warned:
        assert f"the max under {default_form!r} is used" in warned[("maxes", ex_id)].message
