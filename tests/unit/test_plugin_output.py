"""A plugin writing straight to file descriptor 1 (os.write(1, ...), as a
C library's printf would), under whatever sys.stdout the engine swapped in:
while it loads and whenever the engine calls it, none of it reaches
standard output, where a plan or a JSON document goes. What it writes while
loading is named with the plugin; what it writes when called lands on
standard error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from engine.stdio import captured_stdout, stdout_to_stderr

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules" / "glute-day.toml"
PLUGIN = ROOT / "tests" / "plugins" / "engine_fd_writer_plugin.py"
ATHLETE = ROOT / "athletes" / "sam.toml"
HOOKS = ("engine_register_selectors", "engine_register_progressions", "engine_register_effort_models",
         "engine_register_exporters")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The plugin installed through a real entry point."""
    info = tmp_path / "engine_fd_writer-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: engine-fd-writer\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[engine]\nfd-writer = engine_fd_writer_plugin\n")
    (tmp_path / "engine_fd_writer_plugin.py").write_text(PLUGIN.read_text("utf-8"))
    text = RULES.read_text("utf-8")
    text = text.replace('selector = "rotate", from = ["squat", "deadlift"]',
                        'selector = "fd-writer", from = ["squat", "deadlift"]')
    text = text.replace('policy = "double"', 'policy = "fd-writer"')
    text = text.replace('units = "lb"', 'units = "lb"\neffort_model = "fd-writer"')
    (tmp_path / "rules.toml").write_text(text)
    return tmp_path


def engine(site: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(site), "ENGINE_PLUGINS": "fd-writer", "ENGINE_CACHE_DIR": str(site / "c")}
    env.pop("ENGINE_DISABLE_PLUGIN_AUTOLOAD", None)
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=site, env=env, capture_output=True,
                          timeout=60)


def test_json_on_standard_output_stays_whole(site):
    done = engine(site, "run", "rules.toml", "--athlete", str(ATHLETE), "-f", "json")
    err = done.stderr.decode()
    assert done.returncode == 0, err
    plan = json.loads(done.stdout)  # nothing but the plan
    assert plan["weeks"][0]["days"][0]["exercises"][0]["id"] == "squat"
    assert b"<fd1" not in done.stdout
    for hook in ("load", *HOOKS):
        assert f"plugin 'fd-writer' failed in {hook}: wrote to standard output while loading (kept off it)" in err
    for where in ("select", "start", "advance", "percent", "engine_check_plan"):
        assert f"<fd1 in {where}>" in err, where


def test_an_exporter_writing_to_descriptor_1_prints_only_what_it_returns(site):
    done = engine(site, "run", "rules.toml", "-f", "fd-writer")
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"Glute and hamstring day\n"
    assert b"<fd1 in render>" in done.stderr


def test_validate_json_stays_whole(site):
    done = engine(site, "validate", "rules.toml", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_plugin_code_writes_to_standard_error_and_standard_output_comes_back(capfd):
    with stdout_to_stderr():
        os.write(1, b"a")
        with stdout_to_stderr():  # nested: one diversion
            os.write(1, b"b")
            print("c")
        os.write(1, b"d")
    os.write(1, b"e")
    out, err = capfd.readouterr()
    assert (out, err) == ("e", "abc\nd")


def test_concurrent_plugin_calls_share_one_diversion(capfd):
    inside = threading.Barrier(4)

    def call() -> None:
        with stdout_to_stderr():
            inside.wait()  # all four inside at once
            os.write(1, b"x")
            inside.wait()

    threads = [threading.Thread(target=call) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    os.write(1, b"after")
    out, err = capfd.readouterr()
    assert (out, err) == ("after", "xxxx")


def test_what_a_loading_plugin_writes_to_descriptor_1_is_kept(capfd):
    with captured_stdout() as written:
        os.write(1, b"loading")
        with stdout_to_stderr():
            os.write(1, b"called")
        os.write(1, b"!")
        assert written() == "loading!"
    os.write(1, b"then")
    assert capfd.readouterr() == ("then", "called")
