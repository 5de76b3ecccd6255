"""`engine batch` under hostile folders and dying workers.

* No output ever replaces one of the batch's inputs (the rule file, its
  includes, the profiles, the logs they name), whatever the names, links or
  folders: the batch is refused before anything is written.
* A worker process that dies during one athlete costs that athlete only:
  it is reported, the pool is rebuilt and every other athlete is planned.
"""

from __future__ import annotations

import faulthandler
import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_hostile import FUZZ, examples

import engine
from engine.testing import invoke

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules" / "glute-day.toml"
LOG = ROOT / "athletes" / "logs" / "sam-hevy.csv"

KINDS = ("own log", "another athlete's log", "rule file", "include", "profile")
SPELLINGS = ("plain", "dot", "parent", "symlink", "hard link")
OUTDIRS = ("the folder", "the folder/.", "a link to the folder")


def _toml_exporter():
    """An exporter writing .toml files, so that outputs are named like profiles."""

    class Plugin:
        @engine.hookimpl
        def engine_register_exporters(self, register):
            register(engine.Exporter("tomlish", lambda plan, options: "x = 1\n", "test", ".toml"))

    return Plugin()


def _spell(team: Path, name: str, spelling: str, link: str) -> str:
    """How a profile names the file `team/name`."""
    if spelling == "dot":
        return f"./{name}"
    if spelling == "parent":
        return f"../{team.name}/{name}"
    if spelling == "symlink":
        (team / "logs" / link).symlink_to(Path("..") / name)
        return f"logs/{link}"
    if spelling == "hard link":
        os.link(team / name, team / "logs" / link)
        return f"logs/{link}"
    return name


def _layout(base: Path, kind: str, spelling: str, n: int, victim: int) -> tuple[Path, Path, list]:
    """A team folder where athlete `victim`'s output would land on an
    input of the given kind; returns the rule file, the folder, plugins."""
    team = base / "team"
    (team / "logs").mkdir(parents=True)
    rules = base / "rules.toml"
    rules.write_text(RULES.read_text())
    out = f"a{victim}.json"
    logs = {i: [] for i in range(n)}
    plugins: list = []
    if kind in ("own log", "another athlete's log"):
        shutil.copy(LOG, team / out)
        owner = victim if kind == "own log" else (victim + 1) % n
        logs[owner].append(_spell(team, out, spelling, "log.csv"))
    elif kind == "rule file":
        shutil.copy(RULES, team / out)
        rules = team / out
        if spelling in ("symlink", "hard link"):
            alias = base / "rules-alias.toml"
            alias.symlink_to(team / out) if spelling == "symlink" else os.link(team / out, alias)
            rules = alias
    elif kind == "include":
        (team / out).write_text("version = 1\n")
        name = {"plain": f"team/{out}", "dot": f"./team/{out}", "parent": f"team/../team/{out}"}.get(spelling)
        if name is None:
            alias = team / "logs" / "inc.toml"
            alias.symlink_to(Path("..") / out) if spelling == "symlink" else os.link(team / out, alias)
            name = "team/logs/inc.toml"
        rules.write_text(RULES.read_text().replace("version = 1", f'version = 1\ninclude = ["{name}"]', 1))
    else:  # profile: an exporter writing .toml
        plugins.append(_toml_exporter())
    for i in range(n):
        listed = ", ".join(f'"{name}"' for name in logs[i])
        (team / f"a{i}.toml").write_text(f'logs = [{listed}]\n[athlete]\nname = "A{i}"\nunits = "lb"\n')
    return rules, team, plugins


def _snapshot(base: Path) -> dict[str, bytes]:
    return {str(p.relative_to(base)): (p.read_bytes() if p.is_file() else b"<link>")
            for p in sorted(base.rglob("*")) if p.is_file() or p.is_symlink()}


@settings(max_examples=examples(40), **FUZZ)
@given(kind=st.sampled_from(KINDS), spelling=st.sampled_from(SPELLINGS), outdir=st.sampled_from(OUTDIRS),
       n=st.integers(2, 4), victim=st.integers(0, 3))
def test_no_batch_output_ever_replaces_an_input(kind, spelling, outdir, n, victim):
    victim %= n
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        rules, team, plugins = _layout(base, kind, spelling, n, victim)
        target = {"the folder": team, "the folder/.": team / "."}.get(outdir)
        if target is None:
            target = base / "out-link"
            target.symlink_to(team, target_is_directory=True)
        before = _snapshot(base)
        args = ["batch", str(rules), str(team), "-o", str(target)]
        if plugins:
            args += ["-f", "tomlish"]
        result = invoke(args, plugins=plugins)
        assert result.exit_code == 2, result.stderr
        assert "refusing to write over the batch's inputs; nothing was written" in result.stderr
        assert "Traceback" not in result.stderr
        assert _snapshot(base) == before


def test_a_batch_beside_its_inputs_writes_when_no_name_clashes(tmp_path):
    rules, team, _ = _layout(tmp_path, "own log", "plain", 3, 1)
    result = invoke(["batch", str(rules), str(team), "-o", str(tmp_path / "plans")])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "plans").iterdir()) == ["a0.json", "a1.json", "a2.json"]


# -- dying workers -------------------------------------------------------------

DEATHS = {
    "SIGKILL": lambda: os.kill(os.getpid(), signal.SIGKILL),
    "SIGSEGV": lambda: (faulthandler.disable(), os.kill(os.getpid(), signal.SIGSEGV)),
    "SIGTERM": lambda: os.kill(os.getpid(), signal.SIGTERM),
    "os._exit(3)": lambda: os._exit(3),
}


def _killer(how: str):
    """An exporter whose process dies for the athlete named "Doomed"."""

    def render(plan, options):
        if plan.athlete is not None and plan.athlete.name == "Doomed":
            DEATHS[how]()
        return f"plan for {plan.athlete.name if plan.athlete else ''}\n"

    class Plugin:
        @engine.hookimpl
        def engine_register_exporters(self, register):
            register(engine.Exporter("fragile", render, "test", ".plan"))

    return Plugin()


def _athletes(folder: Path, n: int, doomed: set[int]) -> None:
    folder.mkdir()
    for i in range(n):
        name = "Doomed" if i in doomed else f"A{i}"
        (folder / f"a{i:02d}.toml").write_text(f'[athlete]\nname = "{name}"\nunits = "lb"\n')


def _batch_with_deaths(tmp: Path, n: int, doomed: set[int], jobs: int, how: str):
    folder, out = tmp / "team", tmp / "out"
    _athletes(folder, n, doomed)
    result = invoke(["batch", str(RULES), str(folder), "-o", str(out), "-f", "fragile", "-j", str(jobs)],
                    plugins=[_killer(how)])
    return result, folder, out


needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="the test plugin reaches workers by fork")


@needs_fork
def test_one_dying_worker_costs_one_athlete(tmp_path):
    result, folder, out = _batch_with_deaths(tmp_path, 19, {6}, 2, "SIGKILL")
    assert result.exit_code == 1, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"a{i:02d}.plan" for i in range(19) if i != 6]
    assert f"engine: {folder / 'a06.toml'} failed:" in result.stderr
    assert "was killed by signal 9 (SIGKILL)" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("engine: 18 planned, 1 failed")
    assert (out / "a07.plan").read_text() == "plan for A7\n"


@needs_fork
@settings(max_examples=examples(8), **FUZZ)
@given(n=st.integers(2, 24), doomed=st.sets(st.integers(0, 23), min_size=1, max_size=3),
       jobs=st.integers(2, 3), how=st.sampled_from(sorted(DEATHS)))
def test_dying_workers_never_abort_a_batch(n, doomed, jobs, how):
    doomed = {d % n for d in doomed}
    with tempfile.TemporaryDirectory() as tmp:
        result, folder, out = _batch_with_deaths(Path(tmp), n, doomed, jobs, how)
        assert result.exit_code == 1, result.stderr
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        planned = sorted(p.name for p in out.iterdir())
        assert planned == [f"a{i:02d}.plan" for i in range(n) if i not in doomed]
        for i in doomed:
            assert f"engine: {folder / f'a{i:02d}.toml'} failed:" in result.stderr
        assert f"{n - len(doomed)} planned, {len(doomed)} failed" in result.stderr
