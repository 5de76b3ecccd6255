"""A rule file the schema rejects still has the names it refers to checked
in the same run (engine.references): a misspelt exercise or progression is
reported beside a wrong type, located, not left for the next run. Generated:
any example rule file, any slot's `from` entry or progression misspelt, any
of several type errors elsewhere."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.testing import invoke

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ("glute-day.toml", "full-body.toml", "low-back-friendly.toml")
# (find, replace, the JSON path the schema reports): one wrong type or range each
BREAKS = (
    ("weeks = ", 'weeks = "six" # ', "$.program.weeks"),
    ('days = [', 'days = "mon" # [', "$.program.days"),
    ('split = "', 'split = 3 # "', "$.program.split"),
)
WORDS = st.text(alphabet="qxzjvkw", min_size=4, max_size=9)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(example=st.sampled_from(EXAMPLES), bad=st.sampled_from(BREAKS), word=WORDS, data=st.data(),
       progression=st.booleans())
def test_a_misspelt_name_is_reported_with_the_schema_errors(tmp_path, example, bad, word, data, progression):
    text = (ROOT / "rules" / example).read_text("utf-8")
    slots = tomllib.loads(text)["slot"]
    i = data.draw(st.sampled_from([k for k, s in enumerate(slots) if "from" in s.get("select", {})]), label="slot")
    shutil.copytree(ROOT / "rules" / "catalog", tmp_path / "catalog", dirs_exist_ok=True)  # (what the file includes)
    find, replace, schema_path = bad
    text = text.replace(find, replace, 1)
    lines = text.splitlines(keepends=True)
    starts = [n for n, line in enumerate(lines) if line.strip() == "[[slot]]"]
    end = starts[i + 1] if i + 1 < len(starts) else len(lines)
    body = "".join(lines[starts[i]:end])
    names = slots[i]["select"]["from"]
    j = data.draw(st.integers(0, len(names) - 1), label="from")
    if progression and isinstance(slots[i].get("progression"), str):
        wanted = f"$.slot[{i}].progression"
        body = body.replace(f'progression = "{slots[i]["progression"]}"', f'progression = "{word}"', 1)
        message = f"unknown progression {word!r}"
    else:
        wanted = f"$.slot[{i}].select.from[{j}]"
        head, at, rest = body.partition("from = [")  # (the name may be the slot's too)
        listed, close, tail = rest.partition("]")
        items = listed.split(",")
        items[j] = items[j].replace(f'"{names[j]}"', f'"{word}"')
        body = head + at + ",".join(items) + close + tail
        message = f"unknown exercise {word!r}"
    path = tmp_path / example
    path.write_text("".join(lines[:starts[i]]) + body + "".join(lines[end:]), "utf-8")
    result = invoke(["validate", "-f", "json", str(path)])
    assert result.exit_code == 1
    found = {(p["path"], p["message"].split(";")[0].split(" (")[0]) for p in json.loads(result.stdout)}
    assert (wanted, message) in found
    assert any(p == schema_path for p, _ in found)
    assert all(p["line"] >= 1 and p["column"] >= 1 for p in json.loads(result.stdout))


def test_a_misspelt_variant_and_alias_target_are_reported_with_the_schema_errors(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('version = 1\n[program]\nname = "Bad"\nsplit = "full-body"\ndays = ["mon"]\nweeks = "eight"\n'
                    '[aliases]\n"Leg Curl (Machine)" = "hamstrin-curl"\n"Curl" = "hamstring-curl/lyng"\n'
                    '[[slot]]\ncategory = "secondary"\n'
                    'select = { selector = "ordered", from = ["hamstring-curl/lyng", "squat/high-bar"] }\n', "utf-8")
    result = invoke(["validate", "-f", "json", str(path)])
    assert result.exit_code == 1
    found = [(p["path"], p["line"], p["message"].split(" (")[0]) for p in json.loads(result.stdout)]
    assert found == [("$.program.weeks", 6, 'expected a whole number, got "eight"'),
                     ("$.aliases['Leg\\u0020Curl\\u0020(Machine)']", 8,
                      "unknown exercise 'hamstrin-curl'; did you mean 'hamstring-curl'?"),
                     ("$.aliases.Curl", 9, "'hamstring-curl' has no variant 'lyng'"),
                     ("$.slot[0].select.from[0]", 12, "'hamstring-curl' has no variant 'lyng'")]
