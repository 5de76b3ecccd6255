"""Nothing remembered between runs may change an answer or hang a command.

The engine keeps no cache any more; these regressions (a validation
verdict reused for another document, a FIFO where a cache entry was kept)
hold it to that at the command line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_hostile import LINE

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules" / "glute-day.toml"
NAME = 'name = "Glute and hamstring day"'


def _engine(args: list[str], cache: Path, cwd: Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ENGINE_CACHE_DIR": str(cache), "XDG_CACHE_HOME": str(cache),
           "ENGINE_DISABLE_PLUGIN_AUTOLOAD": "1"}
    try:
        return subprocess.run([sys.executable, "-m", "engine", *args], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"engine {' '.join(args)} hung")


# A verdict must never be reused for another document.
@pytest.mark.parametrize("value", ["nan", "-nan", "+nan", "inf", "-inf"])
def test_a_float_where_a_string_is_expected_is_rejected_every_time(tmp_path, value):
    """The float `nan` once hashed like the string "nan": after the string
    version was validated, the float version skipped validation and failed
    later, in an exporter that was blamed for it."""
    text = RULES.read_text()
    (tmp_path / "quoted.toml").write_text(text.replace(NAME, f'name = "{value}"'))
    (tmp_path / "bare.toml").write_text(text.replace(NAME, f"name = {value}"))
    cache = tmp_path / "cache"
    assert _engine(["validate", "quoted.toml"], cache, tmp_path).returncode == 0
    for _ in range(2):
        for args in (["validate", "bare.toml"], ["run", "bare.toml", "-f", "json"]):
            done = _engine(args, cache, tmp_path)
            assert done.returncode == 1, done.stdout + done.stderr
            if args[0] == "validate":
                rows = [row for row in done.stdout.splitlines() if LINE.match(row)]
                assert rows and rows[0].startswith("bare.toml:8:8: $.program.name: expected a string"), done.stdout
            else:  # with --format json, the problems go to standard error as JSON
                [first, *_] = json.loads(done.stderr)
                assert (first["line"], first["column"], first["path"]) == (8, 8, "$.program.name")
                assert first["message"].startswith("expected a string")
            assert "plugin" not in done.stdout + done.stderr


COMMANDS = [["validate", "rules.toml"], ["run", "rules.toml"], ["run", "rules.toml", "-f", "json"],
            ["exercises"], ["schema"], ["plugins"], ["explain", "rules.toml"]]


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_where_a_cache_entry_was_kept_never_hangs_a_command(tmp_path):
    """Earlier versions kept entries under the cache folder; a FIFO in
    their place (or anywhere there) is never opened, and no command writes
    there (a command normally takes well under a second)."""
    (tmp_path / "rules.toml").write_text(RULES.read_text())
    cache = tmp_path / "cache"
    for folder in (cache, cache / "engine"):
        folder.mkdir(exist_ok=True)
        for name in ("verdicts", "entry-points.json", "catalog.json", "methods"):
            os.mkfifo(folder / name, 0o600)
    for args in COMMANDS:
        done = _engine(args, cache, tmp_path, timeout=5)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
    assert _entries(cache) == []
