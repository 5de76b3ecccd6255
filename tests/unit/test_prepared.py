"""What a batch works out once for every athlete of a rule file
(`engine.prepared`: eligible candidates by sensitivities and equipment, the
built-in selectors' picks) never changes an athlete's plan: each plan made
with the others' is byte for byte the plan made alone, and an athlete whose
equipment leaves a slot empty is named in its own error, whoever came before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.errors import EngineError
from engine.pipeline import export, load_rules, plan_loaded
from engine.plugins import build_registry

ROOT = Path(__file__).resolve().parents[2]
RULES = ["glute-day.toml", "full-body.toml", "low-back-friendly.toml"]

BARE = ["rack", "bench"]  # nothing to load a squat, a hinge or a hip thrust with
HOME = ["barbell", "plates", "rack", "bench", "dumbbells", "box", "back-extension-bench", "band"]


def toml_list(items: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


def profile(name: str, *, available: list[str] | None = None, sensitivities: tuple[str, ...] = (),
            squat: int = 225, log: bool = False) -> str:
    text = ('version = 1\n' + ('logs = ["sam.csv"]\n' if log else "")
            + f'[athlete]\nname = "{name}"\nunits = "lb"\nbodyweight = 170\n'
            + f"sensitivities = {toml_list(sensitivities)}\n")
    if available is not None:
        text += f"[equipment]\navailable = {toml_list(available)}\n"
    return text + "[maxes]\nsquat = %d\nhip-thrust = { load = 185, reps = 8, rpe = 8 }\n" % squat


TEAM = [
    ("bare-1", profile("Bare One", available=BARE)),  # fails: its error names it
    ("home-1", profile("Home One", available=HOME, log=True)),
    ("bare-2", profile("Bare Two", available=BARE)),  # the same equipment as bare-1: named too, not bare-1
    ("back-1", profile("Back One", sensitivities=("low-back",), squat=245)),
    ("open-1", profile("Open One", squat=185, log=True)),
    ("home-2", profile("Home Two", available=HOME, squat=275)),
    ("back-2", profile("Back Two", sensitivities=("low-back",), available=HOME, log=True)),
    ("back-3", profile("Back Three", sensitivities=("low-back",), squat=300)),
    ("open-2", profile("Open Two", squat=315)),
]


def outcome(loaded, registry, path: Path) -> str:
    """The athlete's JSON plan, or the messages of the error that stopped it."""
    try:
        plan = plan_loaded(loaded, registry, athlete=path).plan
    except EngineError as exc:
        return "\n".join(p.message for p in exc.problems)
    assert plan is not None
    text = export(plan, registry, "json", {})
    assert isinstance(text, str)
    return text


@pytest.fixture
def team(tmp_path: Path) -> list[Path]:
    shutil.copy(ROOT / "athletes" / "logs" / "sam-strong.csv", tmp_path / "sam.csv")
    paths = []
    for stem, text in TEAM:
        path = tmp_path / f"{stem}.toml"
        path.write_text(text)
        paths.append(path)
    return paths


@pytest.mark.parametrize("rules", RULES)
def test_every_plan_made_with_the_others_is_the_plan_made_alone(team, rules):
    registry = build_registry(load_entry_points=False)
    loaded = load_rules(ROOT / "rules" / rules, registry)
    together = [outcome(loaded, registry, path) for path in team]
    for path, shared in zip(team, together, strict=True):
        alone = build_registry(load_entry_points=False)
        assert shared == outcome(load_rules(ROOT / "rules" / rules, alone), alone, path), path.name


def test_an_athlete_whose_equipment_leaves_a_slot_empty_is_named_whoever_came_before(team):
    registry = build_registry(load_entry_points=False)
    loaded = load_rules(ROOT / "rules" / "glute-day.toml", registry)
    first, second = (outcome(loaded, registry, team[i]) for i in (0, 2))
    assert "eligible for Bare One" in first and "Bare Two" not in first
    assert "eligible for Bare Two" in second and "Bare One" not in second
    assert outcome(loaded, registry, team[1]).startswith("{")  # the others are planned
