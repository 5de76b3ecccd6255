"""A rule file or profile naming a selector, policy, effort model, exercise
or exporter that no installed plugin provides, while a plugin failed to
load: the problem names that plugin, which may be the one that provides
it. A plugin that loaded (even one that printed while loading) is never
named."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine
from engine.checkfiles import check_athlete
from engine.errors import EngineError
from engine.pipeline import load_rules
from engine.testing import make_registry

ROOT = Path(__file__).resolve().parents[2]
GLUTE_DAY = (ROOT / "rules" / "glute-day.toml").read_text("utf-8")
NOTE = "; plugin 'Broken-0' failed to load, and may be the one that provides it"

# Where a rule file names a component, with a name no installed plugin has.
PLACES = {
    "selector": ('selector = "rotate", from = ["squat"', 'selector = "fancy", from = ["squat"'),
    "policy": ('policy = "double"', 'policy = "fancy"'),
    "effort model": ('units = "lb"', 'units = "lb"\neffort_model = "fancy"'),
    "exercise": ('"step-up", "hamstring-curl"', '"nordic-curl", "hamstring-curl"'),
    "exporter": ("", "\n[export.fancy]\nx = 1\n"),  # appended
}


class Broken:
    @engine.hookimpl
    def engine_register_selectors(self, register):
        raise ImportError("no numpy here")


class Printed:
    @engine.hookimpl
    def engine_register_selectors(self, register):
        print("hello")


def _problems(path: Path, registry) -> list:
    try:
        return load_rules(path, registry).warnings
    except EngineError as exc:
        return list(exc.problems)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(place=st.sampled_from(sorted(PLACES)), plugins=st.sampled_from(["broken", "printed", "none"]))
def test_an_unknown_name_names_the_plugin_that_failed(tmp_path, place, plugins):
    old, new = PLACES[place]
    text = GLUTE_DAY.replace(old, new, 1) if old else GLUTE_DAY + new
    path = tmp_path / "rules.toml"
    path.write_text(text, "utf-8")
    extra = {"broken": [Broken()], "printed": [Printed()], "none": []}[plugins]
    found = _problems(path, make_registry(*extra))
    about = [p for p in found if "fancy" in p.message or "nordic-curl" in p.message]
    assert about, found
    for p in about:
        assert p.message.endswith(NOTE) is (plugins == "broken"), p.message
    assert all(NOTE not in p.message for p in found if p not in about)


def test_a_profile_max_for_an_unknown_exercise_names_it(tmp_path):
    # a max for an exercise nothing defines is not used (a warning): the plugin that failed may define it
    profile = tmp_path / "a.toml"
    profile.write_text('version = 1\n[athlete]\nname = "A"\nunits = "kg"\n[maxes]\nnordic-curl = 50\n')
    [p] = check_athlete(profile, make_registry(Broken())).warnings
    assert p.message == ("unknown exercise 'nordic-curl': neither this program nor the catalog defines it, so this "
                         "max is not used here" + NOTE)
