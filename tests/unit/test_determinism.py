"""Same inputs, byte-identical output: across hash seeds, locales, working
directories and formats (the random selector included)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "rules" / "low-back-friendly.toml"  # uses the seeded random selector


# An athlete with a log: loads, rounding, done weeks and the log's sources.
WITH_LOG = ("--athlete", str(ROOT / "athletes" / "sam.toml"),
            "--log", str(ROOT / "athletes" / "logs" / "sam-strong.csv"))


def run(fmt: str, cwd: Path, *extra: str, **env: str) -> bytes:
    full = {k: v for k, v in os.environ.items() if k not in ("PYTHONHASHSEED", "LC_ALL", "LANG")}
    full.update(ENGINE_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONPATH=str(ROOT), **env)
    done = subprocess.run(
        [sys.executable, "-m", "engine", "run", str(EXAMPLE), "--format", fmt, *extra],
        cwd=cwd, env=full, capture_output=True, check=True,
    )
    return done.stdout


@pytest.mark.parametrize("extra", [(), WITH_LOG], ids=["rules", "athlete-and-log"])
@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_output_is_byte_identical_across_environments(fmt, extra, tmp_path):
    outputs = {
        run(fmt, ROOT, *extra, PYTHONHASHSEED="0", LC_ALL="C"),
        run(fmt, ROOT, *extra, PYTHONHASHSEED="12345", LC_ALL="C.UTF-8"),
        run(fmt, tmp_path, *extra, PYTHONHASHSEED="random", LANG="de_DE.UTF-8"),
    }
    assert len(outputs) == 1
    assert outputs.pop()  # and not empty


def test_two_runs_in_one_process_agree(tmp_path):
    from engine.pipeline import export, plan_rules
    from engine.testing import make_registry

    texts = []
    for _ in range(2):
        registry = make_registry()
        plan = plan_rules(EXAMPLE, registry).plan
        texts.append(export(plan, registry, "json", {}))
    assert texts[0] == texts[1]
