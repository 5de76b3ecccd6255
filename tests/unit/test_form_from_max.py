"""A slot's exercise with no form of it in the log starts at the form the
profile has a max of, when its default form has none (engine.selection.
current_form): Pat's only max is for machine-assisted pull-ups, and he had
3 x 1 bodyweight pull-ups @ RPE 10 ("past failure"), told to choose an
easier form himself. Hand arithmetic: Epley on reps in reserve, e1RM =
moved x (1 + (reps + 10 - RPE) / 30)."""

from __future__ import annotations

import pytest
from test_assisted import MACHINE, athlete, pulls, rules

from engine.testing import invoke


@pytest.mark.parametrize("units", ["kg", "lb"])
def test_an_assisted_max_alone_starts_the_slot_at_the_assisted_form(tmp_path, units):
    # kg: 82 kg with 40 kg of help, 8 @ 8: 42 x (1 + 10/30) = 56 moved. 5 @ 7 wants 56 / (1 + 8/30) = 44.21:
    # 40 kg of help (42 moved, 2.21 away; 35 is 2.79 away) is 75% of it: RTF 10, so 5 reps are RPE 5 and 7
    # reach RPE 7: 3 x 7 at BW - 40 kg.
    # lb: 180 lb with 90 of help, 8 @ 8: 90 x 4/3 = 120; 5 @ 7 wants 94.74 moved: 85 lb of help (95 moved) on
    # a 5 lb stack, RTF 30 x (120/95 - 1) = 7.89: 5 reps are RPE 7.1.
    body, help_, step, top = (82, 40, 5, 70) if units == "kg" else (180, 90, 5, 150)
    person = athlete(tmp_path, body, MACHINE.format(step=step, top=top),
                     f'"pull-up/machine-assisted" = {{ load = {help_}, reps = 8, rpe = 8 }}', units=units)
    first = pulls(tmp_path, rules(tmp_path, form="pull-up", units=units, weeks=2), person)[0]
    assert first.choice.key == "pull-up/machine-assisted"
    assert first.target.note.startswith("Machine-assisted pull-up in place of Pull-up: the form the profile has a "
                                        "max of")
    if units == "kg":
        assert ([s.load for s in first.sets], first.target.reps) == ([-40.0] * 3, 7)
    else:
        assert ([s.load for s in first.sets], first.target.reps) == ([-85.0] * 3, 5)


def test_a_weighted_max_alone_starts_at_the_weighted_form(tmp_path):
    person = athlete(tmp_path, 80, 'available = ["pull-up-bar", "dip-belt", "plates"]',
                     '"pull-up/weighted" = { load = 20, reps = 5, rpe = 8 }')
    first = pulls(tmp_path, rules(tmp_path, form="pull-up", weeks=1), person)[0]
    assert first.choice.key == "pull-up/weighted" and first.sets[0].load > 0


@pytest.mark.parametrize(("maxes", "equipment"), [
    # the default form's own max: it stays
    ('"pull-up" = { load = 0, reps = 8, rpe = 8 }\n"pull-up/machine-assisted" = { load = 20, reps = 8, rpe = 8 }',
     MACHINE.format(step=5, top=70)),
    # the max's form needs a machine the athlete does not have: the default stays
    ('"pull-up/machine-assisted" = { load = 40, reps = 8, rpe = 8 }', 'available = ["pull-up-bar"]'),
])
def test_the_default_form_stays_with_its_own_max_or_without_the_equipment(tmp_path, maxes, equipment):
    person = athlete(tmp_path, 82, equipment, maxes)
    first = pulls(tmp_path, rules(tmp_path, form="pull-up", weeks=1), person)[0]
    assert first.choice.key == "pull-up/bodyweight"


def test_the_log_outranks_the_max(tmp_path):
    # a bodyweight session logged before the program: the form the log shows, whatever the max names
    person = athlete(tmp_path, 82, MACHINE.format(step=5, top=70),
                     '"pull-up/machine-assisted" = { load = 40, reps = 8, rpe = 8 }')
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,variant,reps,load,units,rpe\n" + "2026-12-28,pull-up,bodyweight,5,,kg,8\n" * 3)
    exs = pulls(tmp_path, rules(tmp_path, form="pull-up", weeks=2), person, (log,))
    assert [e.choice.key for e in exs] == ["pull-up/bodyweight"] * 2


def test_explain_says_why(tmp_path):
    person = athlete(tmp_path, 82, MACHINE.format(step=5, top=70),
                     '"pull-up/machine-assisted" = { load = 40, reps = 8, rpe = 8 }')
    out = invoke(["explain", str(rules(tmp_path, form="pull-up", weeks=1)), "--athlete", str(person)]).stdout
    assert "the form the profile has a max of: pull-up/bodyweight -> pull-up/machine-assisted" in out


def test_a_max_dated_later_chooses_the_form_from_its_date_on(tmp_path):
    # the assisted max is tested in week 2 (2027-01-11): week 1 knows no max of any form, and stays on the default
    # form, as its load does; from week 2 the slot is on the machine
    person = athlete(tmp_path, 82, MACHINE.format(step=5, top=70),
                     '"pull-up/machine-assisted" = { load = 40, reps = 8, rpe = 8, date = 2027-01-11 }')
    exs = pulls(tmp_path, rules(tmp_path, form="pull-up", weeks=3), person)
    assert [e.choice.key for e in exs] == ["pull-up/bodyweight", "pull-up/machine-assisted", "pull-up/machine-assisted"]
