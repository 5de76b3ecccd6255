"""engine-variety: the least-recent selector, alone and through the engine."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import engine_variety
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import Choice, Program, SelectionContext, plan_rules
from engine.testing import catalog, invoke, make_registry

REPO = Path(__file__).resolve().parents[3]
RULES = REPO / "rules"
ATHLETES = REPO / "athletes"
CATALOG = catalog()
TERTIARY = ("step-up", "hamstring-curl", "split-squat", "hip-extension")
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<path>\$\S*): (?P<msg>.+)$")


def context(candidates=TERTIARY, count=1, week=1, history=(), last_done=None, **options):
    return SelectionContext(
        slot="accessories", slot_index=0, category="tertiary", count=count,
        candidates=tuple(CATALOG[c] for c in candidates), week=week, weeks=8, options=options, seed=3,
        program=Program("p", "body-part", ("mon",), 8, "lb"), history=tuple(history),
        last_done=last_done or {},
    )


def ids(choices):
    return [c.exercise.id for c in choices]


def pick(*names):
    return tuple(Choice(CATALOG[n], CATALOG[n].variants[0]) for n in names)


def test_never_done_first_in_listed_order():
    assert ids(engine_variety.least_recent(context(count=2))) == ["step-up", "hamstring-curl"]


def test_oldest_log_date_wins():
    done = {"step-up": dt.date(2026, 11, 20), "hamstring-curl": dt.date(2026, 11, 1),
            "split-squat": dt.date(2026, 11, 10), "hip-extension": dt.date(2026, 11, 25)}
    assert ids(engine_variety.least_recent(context(count=2, last_done=done))) == ["hamstring-curl", "split-squat"]


def test_this_plans_weeks_are_more_recent_than_the_log():
    done = {"step-up": dt.date(2026, 11, 20), "hamstring-curl": dt.date(2026, 11, 1)}
    history = [pick("split-squat"), pick("hip-extension")]
    got = ids(engine_variety.least_recent(context(count=4, week=3, history=history, last_done=done)))
    assert got == ["hamstring-curl", "step-up", "split-squat", "hip-extension"]


def test_variants_count_on_their_own():
    done = {"squat/high-bar": dt.date(2026, 11, 20), "squat": dt.date(2026, 11, 20)}
    got = engine_variety.least_recent(context(candidates=("squat",), variants=True, last_done=done))
    assert [c.key for c in got] == ["squat/low-bar"]


def test_seeded_tie_breaking_is_deterministic():
    a = ids(engine_variety.least_recent(context(count=2, shuffle_ties=True)))
    b = ids(engine_variety.least_recent(context(count=2, shuffle_ties=True)))
    assert a == b and len(set(a)) == 2


def test_four_weeks_four_exercises_end_to_end(tmp_path):
    rules = tmp_path / "r.toml"
    rules.write_text((RULES / "glute-day.toml").read_text().replace(
        'count = 2\n# One single-leg', 'count = 1\n# One single-leg').replace(
        'select = { selector = "rotate", from = ["step-up"',
        'select = { selector = "least-recent", from = ["step-up"').replace(
        "tertiary = [1, 2]", "tertiary = 1"))
    plan = plan_rules(rules, make_registry(engine_variety)).plan
    picks = [ex.exercise.id for w in plan.weeks[:4] for d in w.days for ex in d.exercises if ex.category == "tertiary"]
    assert sorted(picks) == sorted(TERTIARY)
    trace = [t for t in plan.selections if t.slot == "accessories"][1]
    assert trace.selector == "least-recent" and "never done" in trace.why


def test_log_drives_the_first_pick(tmp_path):
    rules = tmp_path / "r.toml"
    rules.write_text((RULES / "glute-day.toml").read_text().replace(
        'selector = "rotate", from = ["step-up"', 'selector = "least-recent", from = ["step-up"').replace(
        "start = 2026-12-07", "start = 2026-12-21"))
    result = invoke(["explain", str(rules), "--athlete", str(ATHLETES / "sam.toml"),
                     "--log", str(ATHLETES / "logs" / "sam-hevy.csv")], plugins=[engine_variety])
    assert result.exit_code == 0, result.stderr
    # Sam did hip extension and step-up on Dec 7, hamstring curl and split squat on Dec 14.
    assert "picked hip-extension/bodyweight, step-up/dumbbell: least recently done first: " \
           "hip-extension/bodyweight (last logged 2026-12-07)" in result.stdout


def test_bad_option_is_a_located_schema_error(tmp_path):
    rules = tmp_path / "r.toml"
    rules.write_text((RULES / "glute-day.toml").read_text().replace(
        'selector = "rotate", from = ["step-up"', 'selector = "least-recent", shuffle_ties = "yes", from = ["step-up"'))
    result = invoke(["validate", str(rules)], plugins=[engine_variety])
    assert result.exit_code == 1
    m = LINE.match(result.stdout.splitlines()[0])
    assert m and m["path"] == "$.slot[2].select.shuffle_ties" and m["line"] == "46"
    # Without the plugin the selector's name itself is the problem.
    result = invoke(["validate", str(rules)])
    assert result.exit_code == 1 and "least-recent" in result.stdout


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_any_history_gives_count_distinct_candidates(data):
    names = data.draw(st.lists(st.sampled_from(sorted(CATALOG)), min_size=1, max_size=8, unique=True))
    count = data.draw(st.integers(1, len(names)))
    done = data.draw(st.dictionaries(st.sampled_from(sorted(CATALOG)), st.dates(), max_size=5))
    history = [pick(*data.draw(st.lists(st.sampled_from(names), max_size=2, unique=True))) for _ in range(3)]
    ctx = context(candidates=names, count=count, week=4, history=history, last_done=done,
                  variants=data.draw(st.booleans()), shuffle_ties=data.draw(st.booleans()))
    got = engine_variety.least_recent(ctx)
    assert len(got) == count and len(set(ids(got))) == count and set(ids(got)) <= set(names)
    assert engine_variety.least_recent(ctx) == got


def test_listed_by_engine_plugins():
    env = {**os.environ, "ENGINE_PLUGINS": "variety"}
    proc = subprocess.run([sys.executable, "-m", "engine", "plugins"], capture_output=True, text=True, env=env)
    assert "variety 0.1.0" in proc.stdout and "selectors: least-recent" in proc.stdout
