"""write_atomic: nothing is lost, inputs are never overwritten."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile import FUZZ, examples

from engine import outputs as output
from engine.errors import UsageError
from engine.outputs import write_atomic

RULES = Path(__file__).resolve().parents[2] / "rules"


def listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_writes_a_new_file(tmp_path):
    target = tmp_path / "plan.txt"
    write_atomic(target, "héllo\n")
    assert target.read_bytes() == "héllo\n".encode()
    assert listing(tmp_path) == ["plan.txt"]


def test_replaces_existing_content(tmp_path):
    target = tmp_path / "plan.txt"
    target.write_text("a much longer old content that must disappear entirely\n")
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert listing(tmp_path) == ["plan.txt"]


def test_writes_bytes_unchanged(tmp_path):
    target = tmp_path / "plan.bin"
    write_atomic(target, b"\x00\xff\r\n")
    assert target.read_bytes() == b"\x00\xff\r\n"


def test_replacement_is_a_new_inode_so_readers_never_see_half_a_file(tmp_path):
    target = tmp_path / "plan.txt"
    target.write_text("old")
    before = target.stat().st_ino
    with open(target) as reader:
        write_atomic(target, "new")
        assert reader.read() == "old"
    assert target.stat().st_ino != before


def test_keeps_the_mode_of_an_existing_file(tmp_path):
    target = tmp_path / "plan.txt"
    target.write_text("old")
    os.chmod(target, 0o600)
    write_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o600


def test_new_file_gets_the_umask_mode_not_mkstemps_0600(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "plan.txt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "plan.txt").stat().st_mode & 0o777 == 0o644


def test_keeps_the_old_file_if_the_rename_fails(tmp_path, monkeypatch):
    target = tmp_path / "plan.txt"
    target.write_text("old plan")

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_atomic(target, "new plan")
    assert target.read_text() == "old plan"
    assert listing(tmp_path) == ["plan.txt"]


def test_keeps_the_old_file_if_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "plan.txt"
    target.write_text("old plan")

    def failing_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(output.os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        write_atomic(target, "new plan")
    assert target.read_text() == "old plan"
    assert listing(tmp_path) == ["plan.txt"]


def test_keyboard_interrupt_also_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "plan.txt"

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new plan")
    assert listing(tmp_path) == []


def test_refuses_to_overwrite_an_input(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("version = 1\n")
    with pytest.raises(UsageError, match="refusing to write over"):
        write_atomic(rules, "plan", inputs=[rules])
    assert rules.read_text() == "version = 1\n"
    assert listing(tmp_path) == ["rules.toml"]


def test_refuses_an_input_reached_by_another_path(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    rules = tmp_path / "rules.toml"
    rules.write_text("version = 1\n")
    monkeypatch.chdir(tmp_path / "sub")
    with pytest.raises(UsageError):
        write_atomic(Path("../rules.toml"), "plan", inputs=[rules])
    if hasattr(os, "link"):
        os.link(rules, tmp_path / "hardlink.toml")
        with pytest.raises(UsageError):
            write_atomic(tmp_path / "hardlink.toml", "plan", inputs=[rules])
    if hasattr(os, "symlink"):
        (tmp_path / "symlink.toml").symlink_to(rules)
        with pytest.raises(UsageError):
            write_atomic(tmp_path / "symlink.toml", "plan", inputs=[rules])
    assert rules.read_text() == "version = 1\n"


def test_other_files_are_not_inputs(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("version = 1\n")
    write_atomic(tmp_path / "plan.txt", "plan", inputs=[rules, tmp_path / "missing.toml"])
    assert (tmp_path / "plan.txt").read_text() == "plan"


def test_directory_target_and_missing_directory(tmp_path):
    with pytest.raises(UsageError, match="is a directory"):
        write_atomic(tmp_path, "plan")
    with pytest.raises(UsageError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "plan.txt", "plan")


def test_relative_path_in_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_atomic("plan.txt", "plan")
    assert (tmp_path / "plan.txt").read_text() == "plan"
    assert listing(tmp_path) == ["plan.txt"]


KILL_SCRIPT = r"""
import sys
import engine
from engine.components import Exporter
from engine.testing import invoke

class Huge:
    @engine.hookimpl
    def engine_register_exporters(self, register):
        # Big enough that writing it takes a while: the test kills us mid-write.
        register(Exporter("huge", lambda plan, options: b"x" * (400 * 1024 * 1024), "", ".bin"))

sys.stderr.write("ready\n")
sys.stderr.flush()
invoke(["run", sys.argv[1], "-f", "huge", "-o", sys.argv[2]], plugins=[Huge()])
"""


def test_a_run_killed_mid_export_leaves_the_old_output(tmp_path):
    """SIGKILL while the new output is being written: the old file survives
    byte for byte (only a hidden temporary file may be left behind)."""
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "plan.bin"
    out.write_bytes(b"the earlier output\n")
    script = tmp_path / "kill.py"
    script.write_text(KILL_SCRIPT)
    proc = subprocess.Popen([sys.executable, str(script), str(RULES / "glute-day.toml"), str(out)],
                            stderr=subprocess.PIPE, env={**os.environ, "ENGINE_DISABLE_PLUGIN_AUTOLOAD": "1"})
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            temps = list(tmp_path.glob(".plan.bin.*.tmp"))
            if temps and temps[0].stat().st_size > 0:
                break
            if proc.poll() is not None:
                break
            time.sleep(0.005)
        else:
            pytest.fail("the export never started writing")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, "the export finished before it could be killed"
    assert out.read_bytes() == b"the earlier output\n"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["kill.py", "plan.bin"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_output_never_replaces_a_device_or_pipe(tmp_path):
    """Renaming over /dev/null (as root) or a FIFO would turn it into a file."""
    from engine.testing import invoke

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    rules = Path(__file__).resolve().parents[2] / "rules" / "glute-day.toml"
    for target in (fifo, Path(os.devnull)):
        result = invoke(["run", str(rules), "-o", str(target), "-f", "text"])
        assert result.exit_code == 2 and "is not a regular file" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_temporary_files_of_killed_runs_are_tidied_but_live_ones_are_not(tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(done.stdout)
    host = output._host()
    orphan = tmp_path / f".plan.txt.{host}-{dead}.abc123.tmp"
    live = tmp_path / f".plan.txt.{host}-{os.getppid()}.def456.tmp"  # our parent is running
    elsewhere = tmp_path / f".plan.txt.otherhost-{dead}.ghi789.tmp"  # another machine's: never ours to judge
    other_output = tmp_path / f".other.txt.{host}-{dead}.jkl012.tmp"
    for f in (orphan, live, elsewhere, other_output):
        f.write_text("partial")
    write_atomic(tmp_path / "plan.txt", "new")
    assert not orphan.exists()
    assert live.exists() and elsewhere.exists() and other_output.exists()
    assert (tmp_path / "plan.txt").read_text() == "new"


# -- long names --------------------------------------------------------------

NAME_CHARS = st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-_.éü日本")


def _fits(name: str) -> bool:
    return len(name.encode()) <= 255 and name not in (".", "..")


@settings(max_examples=examples(40), **FUZZ)
@given(name=st.text(NAME_CHARS, min_size=200, max_size=255).filter(_fits))
def test_any_name_the_file_system_takes_can_be_an_output(tmp_path_factory, name):
    """The temporary file beside the output has a longer name; it must
    still fit in 255 bytes when the output's own name nearly fills them."""
    tmp = tmp_path_factory.mktemp("long")
    write_atomic(tmp / name, "plan\n")
    assert (tmp / name).read_text() == "plan\n"
    assert listing(tmp) == [name]
    write_atomic(tmp / name, "again\n")  # and replacing it, with orphans looked for
    assert (tmp / name).read_text() == "again\n" and listing(tmp) == [name]


def test_a_236_character_output_name_through_the_cli(tmp_path):
    from engine.testing import invoke

    target = tmp_path / ("p" * 232 + ".txt")
    result = invoke(["run", str(RULES / "glute-day.toml"), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.read_text().startswith("Glute and hamstring day")


# -- many outputs, durable together -------------------------------------------------------


def test_staged_outputs_appear_whole_after_one_sync(tmp_path, monkeypatch):
    from engine.outputs import Staged

    syncs = []
    monkeypatch.setattr(os, "sync", lambda: syncs.append(1))
    (tmp_path / "b.json").write_text("old")
    with Staged(group=2) as staged:
        for name in "abc":
            staged.write(tmp_path / f"{name}.json", f"new {name}")
        # a and b are committed (a group of 2), c waits for the end
        assert (tmp_path / "a.json").read_text() == "new a" and not (tmp_path / "c.json").exists()
    assert [p.read_text() for p in sorted(tmp_path.glob("*.json"))] == ["new a", "new b", "new c"]
    assert len(syncs) == 2 and not list(tmp_path.glob(".*.tmp"))


def test_a_failed_batch_leaves_earlier_outputs_and_no_temporary_files(tmp_path):
    from engine.outputs import Staged

    (tmp_path / "a.json").write_text("old")
    with pytest.raises(KeyboardInterrupt), Staged() as staged:
        staged.write(tmp_path / "a.json", "new")
        raise KeyboardInterrupt
    assert (tmp_path / "a.json").read_text() == "old" and not list(tmp_path.glob(".*.tmp"))


def test_an_output_that_cannot_be_put_in_place_is_reported_with_its_tag(tmp_path):
    from engine.outputs import Staged

    with Staged() as staged:
        staged.write(tmp_path / "a.json", "one", tag="athlete a")
        (tmp_path / "a.json").mkdir()  # something else took the name meanwhile
        staged.write(tmp_path / "b.json", "two", tag="athlete b")
    assert [tag for tag, _ in staged.failed] == ["athlete a"]
    assert (tmp_path / "b.json").read_text() == "two" and not list(tmp_path.glob(".*.tmp"))


def test_staged_writes_never_replace_an_input(tmp_path):
    from engine.outputs import Staged

    source = tmp_path / "log.csv"
    source.write_text("keep")
    with pytest.raises(UsageError), Staged() as staged:
        staged.write(tmp_path / "log.csv", "plan", inputs=[source])
    assert source.read_text() == "keep"
