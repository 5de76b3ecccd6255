"""The Dask runner gives the same outputs as the process pool."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine import batch
from engine.testing import invoke

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules"


@pytest.fixture(scope="module")
def dask_available():
    try:
        import distributed  # noqa: F401
    except ImportError:
        if os.environ.get("ENGINE_REQUIRE_DASK"):
            pytest.fail("Dask is required (ENGINE_REQUIRE_DASK is set) but not installed")
        pytest.skip("Dask is not installed: pip install 'engine[dask]'")


def team(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "team"
    folder.mkdir()
    for i in range(n):
        text = f'[athlete]\nname = "A{i}"\nunits = "kg"\n[maxes]\nsquat = {100 + i}\n'
        if i == 3:
            text = text.replace(f"squat = {100 + i}", "squat = -1")
        (folder / f"a{i}.toml").write_text(text)
    return folder


def test_dask_local_cluster_matches_the_process_pool(tmp_path, dask_available, monkeypatch):
    from engine.distributed import run_dask

    monkeypatch.chdir(tmp_path)
    folder = team(tmp_path, 8)
    files = batch.athlete_files([folder.relative_to(tmp_path)])
    job = batch.Job(str(RULES / "full-body.toml"), "json")
    pooled = list(batch.run(job, files, jobs=2))
    on_dask = list(run_dask(job, files, partitions=3))
    assert [r.athlete for r in on_dask] == [r.athlete for r in pooled]
    assert [r.data for r in on_dask] == [r.data for r in pooled]
    assert [r.sources for r in on_dask] == [r.sources for r in pooled]  # the input guard needs them
    assert [(r.ok, len(r.problems)) for r in on_dask].count((False, 1)) == 1


def test_batch_command_on_dask(tmp_path, dask_available, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = team(tmp_path, 4)
    result = invoke(["batch", str(RULES / "glute-day.toml"), "team", "-o", "out", "--dask", "local"])
    assert result.exit_code == 1  # a3 is broken
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a0.json", "a1.json", "a2.json"]
    assert "team/a3.toml:5:9: $.maxes.squat" in result.stderr
    assert folder.exists()
