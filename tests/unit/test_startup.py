"""What an everyday run loads and leaves behind: the generated validator
accepts a valid rule file, so jsonschema (and the TOML locator behind error
messages) stay unloaded; nothing is written outside the outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# `locale`: imported by gettext's first use, which click makes for the
# wording of its help and version options and of click.Path.
HEAVY = ("jsonschema", "tree_sitter", "tree_sitter_toml", "fastjsonschema", "importlib.metadata",
         "importlib_metadata", "engine.locate", "locale")

PROBE = """
import contextlib, io, json, sys
from engine.cli import main
sys.argv = ["engine", *sys.argv[1:]]
out = io.StringIO()
try:
    with contextlib.redirect_stdout(out):
        main()
except SystemExit as exc:
    code = exc.code
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {h.split(".")[0] for h in HEAVY} and
               any(m == h or m.startswith(h + ".") for h in HEAVY))
print(json.dumps({"code": code, "heavy": heavy, "out": out.getvalue()[:40]}))
"""


def run(tmp_path: Path, *args: str, plugins: bool) -> dict:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    if not plugins:
        env["ENGINE_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    code = f"HEAVY = {HEAVY!r}\n{PROBE}"
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True)
    assert list(home.iterdir()) == [], "a run wrote into the home or cache folder"
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("plugins", [False, True], ids=["no plugins", "plugins"])
def test_a_valid_rule_file_runs_without_jsonschema_or_the_locator(tmp_path, plugins):
    found = run(tmp_path, "run", "rules/glute-day.toml", plugins=plugins)
    assert found == {"code": 0, "heavy": [], "out": "Glute and hamstring day\n8 weeks, body-pa"}
    found = run(tmp_path, "run", "rules/low-back-friendly.toml", "--athlete", "athletes/sam.toml", plugins=plugins)
    assert (found["code"], found["heavy"]) == (0, [])


def test_an_invalid_rule_file_loads_jsonschema_to_explain_it(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text((ROOT / "rules" / "glute-day.toml").read_text("utf-8").replace("weeks = 8", "weeks = 8.0"))
    found = run(tmp_path, "validate", str(bad), plugins=False)
    assert found["code"] == 1 and "jsonschema" in found["heavy"]
