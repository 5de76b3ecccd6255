"""The verdict cache: valid files skip jsonschema; nothing invalid ever
slips through."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import engine
from engine import verdicts
from engine.components import Selector
from engine.testing import invoke

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"


def entries(cache: Path) -> list[Path]:
    return [p for p in (cache / "verdicts").rglob("*") if p.is_file() and p.name != ".count"]


def test_valid_files_are_remembered_and_invalid_ones_never(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("ENGINE_CACHE_DIR", str(cache))
    rules = tmp_path / "r.toml"
    rules.write_text((RULES / "glute-day.toml").read_text())
    assert invoke(["run", str(rules)]).exit_code == 0
    assert len(entries(cache)) == 1
    rules.write_text(rules.read_text().replace("weeks = 8", 'weeks = "eight"'))
    for _ in range(2):  # the second time must not be any different
        result = invoke(["run", str(rules)])
        assert result.exit_code == 1
        assert f"{rules}:11:9: $.program.weeks: expected a whole number" in result.stderr
    assert len(entries(cache)) == 1


def test_an_edited_cached_file_is_validated_again(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGINE_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "r.toml"
    rules.write_text((RULES / "glute-day.toml").read_text())
    assert invoke(["run", str(rules)]).exit_code == 0
    rules.write_text(rules.read_text().replace('units = "lb"', 'units = "stone"'))
    result = invoke(["validate", str(rules)])
    assert result.exit_code == 1 and "$.program.units" in result.stdout


class Picky:
    """A plugin whose selector option makes a once-valid option invalid."""

    @engine.hookimpl
    def engine_register_selectors(self, register):
        register(Selector("picky", lambda ctx: ctx.candidates[:ctx.count], "",
                          {"properties": {"every": {"type": "integer", "maximum": 1}}}))


def test_a_plugin_changing_the_schema_changes_the_key(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGINE_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "r.toml"
    rules.write_text((RULES / "glute-day.toml").read_text().replace(
        'selector = "rotate", from = ["squat", "deadlift"]', 'selector = "rotate", every = 2, from = ["squat", "deadlift"]'))
    assert invoke(["validate", str(rules)]).exit_code == 0
    from engine.schema import effective_schema
    from engine.testing import make_registry

    plain = verdicts.schema_fingerprint(effective_schema(make_registry()))
    picky = verdicts.schema_fingerprint(effective_schema(make_registry(Picky())))
    assert plain != picky


def test_a_broken_cache_directory_falls_back_to_validating(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("ENGINE_CACHE_DIR", str(blocker))
    assert invoke(["run", str(RULES / "glute-day.toml")]).exit_code == 0
    bad = tmp_path / "bad.toml"
    bad.write_text("version = 2\n")
    assert invoke(["run", str(bad)]).exit_code == 1
    # A corrupt counter is shrugged off too.
    cache = tmp_path / "cache"
    (cache / "verdicts").mkdir(parents=True)
    (cache / "verdicts" / ".count").write_text("garbage")
    monkeypatch.setenv("ENGINE_CACHE_DIR", str(cache))
    assert invoke(["run", str(RULES / "glute-day.toml")]).exit_code == 0


def test_no_cache_switch(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ENGINE_NO_CACHE", "1")
    assert invoke(["run", str(RULES / "glute-day.toml")]).exit_code == 0
    assert not (tmp_path / "cache").exists()


def test_the_cache_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(verdicts, "MAX_ENTRIES", 3)
    for i in range(7):
        verdicts.remember_valid("f", {"n": i})
    assert 1 <= len(entries(tmp_path / "cache")) <= 3


def test_a_cache_hit_never_imports_jsonschema(tmp_path):
    env = {**os.environ, "ENGINE_CACHE_DIR": str(tmp_path / "cache"), "ENGINE_DISABLE_PLUGIN_AUTOLOAD": "1"}
    code = ("import sys; from engine.cli import main; sys.argv = ['engine', 'run', sys.argv[1]];\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('JSONSCHEMA=%s' % ('jsonschema' in sys.modules))")
    runs = [subprocess.run([sys.executable, "-c", code, str(RULES / "glute-day.toml")], env=env,
                           capture_output=True, text=True) for _ in range(2)]
    assert "JSONSCHEMA=True" in runs[0].stderr   # first run validates
    assert "JSONSCHEMA=False" in runs[1].stderr  # second run trusts its own verdict
    assert runs[0].stdout == runs[1].stdout


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_a_marker_is_private_and_never_written_through_a_link(tmp_path, monkeypatch):
    from engine import verdicts

    monkeypatch.setenv("ENGINE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ENGINE_NO_CACHE", raising=False)
    data = {"x": 1}
    key = verdicts._key("fp", data)
    marker = tmp_path / "verdicts" / key[:2] / key
    marker.parent.mkdir(parents=True)
    victim = tmp_path / "victim"
    victim.write_text("keep")
    victim.chmod(0o644)
    marker.symlink_to(victim)
    verdicts.remember_valid("fp", data)
    assert not verdicts.known_valid("fp", data)  # a link never counts
    assert victim.read_text() == "keep" and victim.stat().st_mode & 0o777 == 0o644
    marker.unlink()
    marker.touch(mode=0o664)
    marker.chmod(0o664)
    assert not verdicts.known_valid("fp", data)  # group-writable: not trusted
    verdicts.remember_valid("fp", data)
    assert verdicts.known_valid("fp", data) and marker.stat().st_mode & 0o777 == 0o600



def test_only_an_empty_marker_counts(tmp_path, monkeypatch):
    monkeypatch.setenv("ENGINE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("ENGINE_NO_CACHE", raising=False)
    data = {"weeks": "eight"}
    verdicts.remember_valid("fp", data)
    assert verdicts.known_valid("fp", data)
    key = verdicts._key("fp", data)
    (tmp_path / "verdicts" / key[:2] / key).write_text("a file of this user's moved here")
    assert not verdicts.known_valid("fp", data)
