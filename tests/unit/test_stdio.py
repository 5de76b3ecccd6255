"""Where the output goes, through the real `engine` entry point.

* A closed standard output, a full disk or a broken pipe ends every command
  with one line, `engine: error: cannot write to standard output: ...`, and
  exit code 1: never exit 0 with nothing written, never a traceback or
  Python's exit code 120.
* `-o` through links (`/dev/stdout`, `/proc/self/fd/1`, links to devices,
  links to links) writes to what the path designates or is refused; a link
  is never replaced by a regular file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile import FUZZ, examples

ROOT = Path(__file__).resolve().parents[2]
RULES = str(ROOT / "rules" / "glute-day.toml")
BAD = str(ROOT / "tests" / "corpus" / "weeks-nan.toml")

COMMANDS = {
    "run": ["run", RULES],
    "run json": ["run", RULES, "-f", "json"],
    "run -o /dev/stdout": ["run", RULES, "-o", "/dev/stdout"],
    "validate": ["validate", RULES, "--format", "json"],
    "validate with problems": ["validate", BAD],
    "explain": ["explain", RULES],
    "schema": ["schema"],
    "exercises": ["exercises"],
    "one exercise": ["exercises", "squat"],
    "plugins": ["plugins", "--all"],
    "version": ["--version"],
    "help": ["--help"],
    "a command's help": ["run", "--help"],
}
FAILURES = ("closed", "full disk", "broken pipe")
posix = pytest.mark.skipif(os.name != "posix", reason="descriptors and /dev")


def env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "ENGINE_DISABLE_PLUGIN_AUTOLOAD": "1", "ENGINE_CACHE_DIR": str(tmp / "cache")}


def engine(args: list[str], tmp: Path, *, stdout=None, close_stdout: bool = False, cwd: Path | None = None):
    """Run `python -m engine` with standard output as given."""
    return subprocess.run(
        [sys.executable, "-m", "engine", *args], stdout=stdout, stderr=subprocess.PIPE, env=env(tmp),
        cwd=cwd or tmp, timeout=60, preexec_fn=(lambda: os.close(1)) if close_stdout else None)


def failing_output(args: list[str], tmp: Path, failure: str):
    if failure == "closed":
        return engine(args, tmp, close_stdout=True)
    if failure == "full disk":
        with open("/dev/full", "wb") as full:
            return engine(args, tmp, stdout=full)
    read, write = os.pipe()
    os.close(read)
    try:
        return engine(args, tmp, stdout=write)
    finally:
        os.close(write)


@posix
@pytest.mark.parametrize("failure", FAILURES)
@settings(max_examples=examples(8), **FUZZ)
@given(command=st.sampled_from(sorted(COMMANDS)))
def test_an_output_that_cannot_be_written_fails_with_one_line(tmp_path, failure, command):
    if failure == "full disk" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    done = failing_output(COMMANDS[command], tmp_path, failure)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1, err
    assert "Traceback" not in err and "Exception ignored" not in err
    said = [line for line in err.splitlines() if "cannot write to standard output" in line]
    assert len(said) == 1 and said[0].startswith("engine: error: cannot write to standard output: "), err


@posix
def test_commands_that_print_nothing_succeed_with_standard_output_closed(tmp_path):
    done = engine(["run", RULES, "-o", str(tmp_path / "plan.txt")], tmp_path, close_stdout=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "plan.txt").read_text().startswith("Glute and hamstring day")
    done = engine(["validate", RULES], tmp_path, close_stdout=True)
    assert done.returncode == 0 and b"ok" in done.stderr


@posix
def test_a_closed_standard_output_does_not_hand_its_number_to_an_output_file(tmp_path):
    """With descriptor 1 closed, the next file opened would get it: the
    plan written with -o must not also receive what goes to stdout."""
    done = engine(["run", RULES, "-o", str(tmp_path / "plan.json")], tmp_path, close_stdout=True)
    assert done.returncode == 0
    import json

    assert json.loads((tmp_path / "plan.json").read_text())["program"]["name"] == "Glute and hamstring day"


# -- -o through links ---------------------------------------------------------

# What the last link of a chain points at, and whether -o may write there.
TARGETS = {
    "/dev/stdout": "stdout",
    "/proc/self/fd/1": "stdout",
    "/dev/stderr": "refused",
    "/proc/self/fd/2": "refused",
    "/proc/self/fd/7": "refused",  # not open in the engine
    "/dev/null": "refused",
    "a fifo": "refused",
    "a directory": "refused",
    "a regular file": "file",
    "a new file": "file",
}


def _make_target(tmp: Path, target: str) -> Path:
    if target == "a fifo":
        os.mkfifo(tmp / "fifo")
        return tmp / "fifo"
    if target == "a directory":
        (tmp / "folder").mkdir()
        return tmp / "folder"
    if target == "a regular file":
        (tmp / "real").mkdir()
        (tmp / "real" / "plan.txt").write_text("the earlier plan\n")
        return tmp / "real" / "plan.txt"
    if target == "a new file":
        (tmp / "real").mkdir()
        return tmp / "real" / "plan.txt"
    return Path(target)


def _links(tmp: Path, target: Path, depth: int) -> tuple[Path, dict[Path, str]]:
    """A chain of `depth` links ending at `target`; returns its start and
    every link with what it points at."""
    made: dict[Path, str] = {}
    current = target
    for i in range(depth):
        link = tmp / f"link{i}"
        link.symlink_to(current)
        made[link] = os.readlink(link)
        current = link
    return current, made


@posix
@settings(max_examples=examples(30), **FUZZ)
@given(target=st.sampled_from(sorted(TARGETS)), depth=st.integers(0, 2), stdout=st.sampled_from(["file", "pipe"]))
def test_o_writes_to_what_a_path_designates_or_refuses_never_replacing_a_link(tmp_path_factory, target, depth,
                                                                             stdout):
    if target.startswith("/proc") and not Path("/proc/self/fd").is_dir():
        pytest.skip("no /proc here")
    tmp = tmp_path_factory.mktemp("o")
    end = _make_target(tmp, target)
    start, links = _links(tmp, end, depth)
    expect = TARGETS[target]
    capture = tmp / "stdout.txt"
    with open(capture, "wb") as out:
        if stdout == "file":
            done = engine(["run", RULES, "-o", str(start), "-f", "text"], tmp, stdout=out)
            printed = capture.read_bytes()
        else:
            done = subprocess.run(
                [sys.executable, "-m", "engine", "run", RULES, "-o", str(start), "-f", "text"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(tmp), cwd=tmp, timeout=60)
            printed = done.stdout
    err = done.stderr.decode()
    assert "Traceback" not in err
    for link, points in links.items():  # never replaced, never re-pointed
        assert link.is_symlink() and os.readlink(link) == points
    if expect == "refused":
        assert done.returncode == 2, err
        assert len(err.splitlines()) == 1 and err.startswith("engine run: error: ")
        assert not printed
    else:
        assert done.returncode == 0, err
        plan = printed if expect == "stdout" else end.read_bytes()
        assert plan.startswith(b"Glute and hamstring day\n"), (printed, err)
    if target == "a fifo":
        import stat

        assert stat.S_ISFIFO(end.lstat().st_mode)
