"""How the `engine` executable ends (engine.shutdown).

With only the engine's own code loaded, the process ends once the exit
handlers have run and the streams are flushed, without the interpreter's
teardown: every handler still runs, everything written still arrives, and
the exit code is the command's. Once a plugin has loaded, the usual
teardown finalizes what it left (tests/fuzz/test_plugin_faults.py: an
unclosed file in a reference cycle is still flushed). `engine.cli.main`,
for programs that run the command in their own process, always raises
SystemExit (tests/unit/test_startup.py goes on after it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine import shutdown
from engine.plugins import build_registry

ROOT = Path(__file__).resolve().parents[2]
RULES = str(ROOT / "rules" / "glute-day.toml")

WRAPPER = """
import atexit, logging, sys
marker, logged, args = sys.argv[1], sys.argv[2], sys.argv[3:]

def last():
    open(marker, "w").write("ran")
    print("printed by an exit handler")  # buffered: the flush after the handlers writes it
    logging.getLogger("wrapper").info("logged by an exit handler")

atexit.register(last)
handler = logging.FileHandler(logged)
handler.flush = lambda: None  # written only when logging's own exit handler closes it
log = logging.getLogger("wrapper")
log.addHandler(handler)
log.setLevel(logging.INFO)
log.info("logged before the command")
sys.argv = ["engine", *args]
from engine.cli import executable
executable()
"""


def executable(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    marker, logged = tmp_path / "handler-ran", tmp_path / "wrapper.log"
    env = {**os.environ, "ENGINE_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONIOENCODING": "utf-8"}
    env.pop("ENGINE_PLUGINS", None)
    done = subprocess.run([sys.executable, "-c", WRAPPER, str(marker), str(logged), *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    return done, marker, logged


def test_the_executable_runs_every_exit_handler_and_flushes_every_stream(tmp_path):
    done, marker, logged = executable(tmp_path, "run", RULES, "-f", "json")
    assert done.returncode == 0, done.stderr
    plan, _, after = done.stdout.partition("\n}\n")
    assert json.loads(plan + "\n}")["program"]["name"] == "Glute and hamstring day"
    assert after == "printed by an exit handler\n"
    assert marker.read_text() == "ran"
    assert logged.read_text() == "logged before the command\nlogged by an exit handler\n"


@pytest.mark.parametrize("args, code", [
    (["validate", str(ROOT / "tests" / "corpus" / "weeks-nan.toml")], 1),
    (["run", RULES, "-f", "no-such-format"], 2),
    (["--version"], 0),
], ids=["problems", "usage error", "version"])
def test_the_executable_exits_with_the_commands_code(tmp_path, args, code):
    done, marker, _ = executable(tmp_path, *args)
    assert done.returncode == code, done.stderr
    assert marker.read_text() == "ran"
    assert done.stdout.endswith("printed by an exit handler\n")


def test_a_plugin_leaves_the_exit_to_the_interpreter(tmp_path):
    plugin = type(sys)("a_registered_plugin")
    before = len(shutdown.OTHERS)
    build_registry(load_entry_points=False, extra=[plugin])
    assert shutdown.OTHERS[before:] == ["plugin a_registered_plugin"]
