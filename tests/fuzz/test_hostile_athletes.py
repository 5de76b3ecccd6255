"""Hostile athlete profiles: mutated copies of athletes/*.toml either plan
(exit 0, a well-formed plan with finite loads) or fail with located
`file:line:col: $.path: message` lines; never a traceback, never a hang.

The mutators and the contract checks are the rule-file fuzzer's
(test_hostile.py), applied to the profile given with --athlete.
"""

from __future__ import annotations

import json
import math
import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile import (
    FUZZ,
    MUTATIONS,
    SUMMARY,
    TEXT_MUTATIONS,
    _describe,
    _parse_located,
    dump_toml,
    examples,
    invoke,
)

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"
ATHLETES = ROOT / "athletes"
PROFILES = ("sam.toml", "alex.toml")
PLANS = ("glute-day.toml", "low-back-friendly.toml")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile-athletes")
    shutil.copytree(ATHLETES, base / "athletes")
    return base / "athletes"


def check_athlete_contract(rules: Path, athlete: Path, *extra: str, subject: Path | None = None) -> int:
    """`run` and `explain` with this profile (and `extra` arguments such as
    --log): exit 0 with finite loads, or exit 1 with located problems.
    `subject` is the file under test, shown when the contract breaks."""
    arg = str(athlete)
    subject = subject or athlete
    run = invoke(["run", str(rules), "--athlete", arg, *extra, "--format", "json"])
    context = _describe(subject, run.stderr, run.stdout[:500])
    assert "Traceback" not in run.stdout + run.stderr, f"traceback{context}"
    assert run.exit_code in (0, 1), f"exit code {run.exit_code}{context}"
    if run.exit_code == 1:
        problems = json.loads(run.stderr)  # --format json: problems as JSON on stderr
        assert problems and all(p["line"] >= 1 and p["column"] >= 1 for p in problems), context
        text = invoke(["run", str(rules), "--athlete", arg, *extra])
        lines = text.stderr.rstrip("\n").split("\n")
        assert SUMMARY.match(lines[-1]), f"no summary line{context}"
        located = _parse_located("\n".join(lines[:-1]), "run", context, arg)
        assert any(not p.message.startswith("warning: ") for p in located), context
        return 1
    plan = json.loads(run.stdout)
    for week in plan["weeks"]:
        for day in week["days"]:
            for ex in day["exercises"]:
                for s in ex["sets"]:
                    assert s["load"] is None or (math.isfinite(s["load"]) and s["load"] >= 0), context
    explain = invoke(["explain", str(rules), "--athlete", arg, *extra, "--format", "json"])
    assert explain.exit_code == 0 and json.loads(explain.stdout)["loads"], context
    return 0


@pytest.mark.parametrize("profile", PROFILES)
@settings(max_examples=examples(60), **FUZZ)
@given(data=st.data())
def test_structural_mutations_of_profiles_keep_the_contract(workdir, profile, data):
    doc = tomllib.loads((ATHLETES / profile).read_text("utf-8"))
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        data.draw(st.sampled_from(MUTATIONS), label="op")(doc, data.draw)
    text = dump_toml(doc, tables=data.draw(st.booleans(), label="tables"))
    target = workdir / profile
    target.write_text(text, "utf-8")
    check_athlete_contract(RULES / data.draw(st.sampled_from(PLANS), label="rules"), target)


@pytest.mark.parametrize("profile", PROFILES)
@settings(max_examples=examples(60), **FUZZ)
@given(data=st.data())
def test_text_mutations_of_profiles_keep_the_contract(workdir, profile, data):
    raw = (ATHLETES / profile).read_bytes()
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        raw = data.draw(st.sampled_from(TEXT_MUTATIONS), label="op")(raw, data.draw)
    target = workdir / profile
    target.write_bytes(raw)
    check_athlete_contract(RULES / "glute-day.toml", target)


CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "athletes"


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.toml")))
def test_corpus_of_hostile_profiles(tmp_path, name):
    """Every profile in tests/corpus/athletes/: hand-picked worst cases."""
    (tmp_path / "logs").mkdir()
    shutil.copy(ATHLETES / "logs" / "sam-strong.csv", tmp_path / "logs")
    (tmp_path / "profile").mkdir()
    athlete = tmp_path / "profile" / name
    shutil.copyfile(CORPUS / name, athlete)
    check_athlete_contract(RULES / "glute-day.toml", athlete)


def test_profile_corpus_is_not_empty():
    assert len(list(CORPUS.glob("*.toml"))) >= 15
