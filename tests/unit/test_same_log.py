"""The same log named twice is read once.

Named twice in the profile, in the profile and with --log, or twice with
--log; spelled the same, through `./`, through `dir/..`, absolutely,
through a symbolic link or a hard link: the plan is byte for byte the plan
of the log named once, and a warning says where the repeat is. (The very
same name twice in a profile is a located schema error.)
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile import FUZZ, examples

from engine.testing import invoke

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules" / "glute-day.toml"
LOGS = ROOT / "athletes" / "logs"
PROFILE = '[athlete]\nname = "Sam"\nunits = "lb"\n[maxes]\nsquat = 315\n'

SPELLINGS = ("same", "dot", "parent", "absolute", "symlink", "hard link")
WHERE = ("profile twice", "profile and --log", "--log twice", "--log and profile")


def _spell(base: Path, spelling: str, in_profile: bool) -> str:
    """Another name for base/logs/log.csv, relative to base."""
    if spelling == "dot":
        return "./logs/log.csv"
    if spelling == "parent":
        return "logs/../logs/log.csv"
    if spelling == "absolute":  # a profile may not name an absolute path: out of its folder and back
        return str(base / "logs" / "log.csv") if not in_profile else f"../{base.name}/logs/log.csv"
    if spelling == "symlink":
        (base / "logs" / "link.csv").symlink_to("log.csv")
        return "logs/link.csv"
    if spelling == "hard link":
        os.link(base / "logs" / "log.csv", base / "logs" / "hard.csv")
        return "logs/hard.csv"
    return "logs/log.csv"


def _run(base: Path, in_profile: list[str], with_log: list[str]):
    listed = ", ".join(f'"{name}"' for name in in_profile)
    (base / "a.toml").write_text(f"logs = [{listed}]\n{PROFILE}")
    args = ["run", str(RULES), "--athlete", str(base / "a.toml"), "-f", "json"]
    for name in with_log:
        args += ["--log", str(base / name) if not os.path.isabs(name) else name]
    return invoke(args)


@settings(max_examples=examples(40), **FUZZ)
@given(spelling=st.sampled_from(SPELLINGS), where=st.sampled_from(WHERE),
       log=st.sampled_from(["sam-strong.csv", "sam-hevy.csv"]))
def test_the_same_log_named_twice_is_read_once(spelling, where, log):
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "logs").mkdir()
        shutil.copy(LOGS / log, base / "logs" / "log.csv")
        first = "logs/log.csv"
        second = _spell(base, spelling, in_profile=where in ("profile twice", "--log and profile"))
        if where == "--log and profile":  # --log names it first, by the other name
            first, second = second, first
        profile = {"profile twice": [first, second], "profile and --log": [first]}.get(where, [])
        given_logs = {"profile and --log": [second], "--log twice": [first, second],
                      "--log and profile": [first]}.get(where, [])
        if where == "--log and profile":
            profile = [second]
        twice = _run(base, profile, given_logs)
        if profile == [first, second] and first == second:  # the schema refuses it, located
            assert twice.exit_code == 1 and 'is listed twice"' in twice.stderr, twice.stderr
            return
        if where in ("profile twice", "profile and --log"):
            once = _run(base, [first], [])
        elif where == "--log twice":
            once = _run(base, [], [first])
        else:
            once = _run(base, [second], [])
        assert twice.exit_code == 0 == once.exit_code, twice.stderr
        assert twice.stdout == once.stdout
        repeats = [row for row in twice.stderr.splitlines() if "its sets are read once" in row]
        assert len(repeats) == 1, twice.stderr
        if where == "profile twice":
            assert repeats[0].startswith(f"{base / 'a.toml'}:1:") and "$.logs[1]: warning:" in repeats[0]


def test_a_log_named_twice_in_a_batch_profile_is_read_once(tmp_path):
    (tmp_path / "team").mkdir()
    shutil.copy(LOGS / "sam-strong.csv", tmp_path / "team" / "log.csv")
    (tmp_path / "team" / "a.toml").write_text(f'logs = ["log.csv", "./log.csv"]\n{PROFILE}')
    (tmp_path / "team" / "b.toml").write_text(f'logs = ["log.csv"]\n{PROFILE}')
    result = invoke(["batch", str(RULES), str(tmp_path / "team"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    a, b = ((tmp_path / "out" / f"{x}.json").read_text() for x in "ab")
    assert a.replace("a.toml", "b.toml") == b  # the profiles' names aside, the same plan
