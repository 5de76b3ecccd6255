"""Assisted forms (machine- and band-assisted pull-ups), checked by hand.

An assisted machine's stack takes help off bodyweight: the moved load is
bodyweight minus the help, carried as a negative added load. Effort model
(Epley on reps in reserve): r reps at RPE x are n = r + 10 - x reps to
failure and take 1 / (1 + n/30) of the e1RM; a load that is a share s of
the e1RM allows RTF = 30 x (1/s - 1) reps to failure, and r reps there are
RPE 10 - (RTF - r).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.catalog import builtin_exercises
from engine.errors import EngineError
from engine.logs import ExerciseNames, read_logs
from engine.pipeline import plan_rules
from engine.testing import invoke, make_registry

REG = make_registry()

PULL_UP = """
[[exercise]]
id = "pull-up"
name = "Pull-up"
category = "tertiary"
loading = "bodyweight"
equipment = ["pull-up-bar"]
aliases = ["Pull Up"]
[exercise.prescription]
sets = [3, 3]
reps = [5, 8]
rpe = [7, 8]
[[exercise.variant]]
id = "bodyweight"
name = "Pull-up"
harder = "weighted"
equipment = ["pull-up-bar"]
[[exercise.variant]]
id = "weighted"
name = "Weighted pull-up"
ratio = 1.0
equipment = ["pull-up-bar", "dip-belt"]
[[exercise.variant]]
id = "band-assisted"
name = "Band-assisted pull-up"
harder = "bodyweight"
assisted = true
equipment = ["pull-up-bar", "band"]
aliases = ["Pull Up (Band)"]
[[exercise.variant]]
id = "machine-assisted"
name = "Machine-assisted pull-up"
harder = "bodyweight"
equipment = ["assisted-pull-up-machine"]
aliases = ["Pull Up (Assisted)"]
"""


def rules(tmp_path: Path, form: str = "pull-up/machine-assisted", units: str = "kg", weeks: int = 9) -> Path:
    increment = 2.5 if units == "kg" else 5
    path = tmp_path / "rules.toml"
    path.write_text(f"""version = 1
[program]
name = "Pull"
split = "body-part"
days = ["mon"]
weeks = {weeks}
units = "{units}"
start = 2027-01-04
[progressions.dbl]
policy = "double"
increment = {increment}
[deload]
every = 4
[[slot]]
name = "pull"
category = "tertiary"
select = {{ selector = "ordered", from = ["{form}"] }}
progression = "dbl"
{PULL_UP}""")
    return path


def athlete(tmp_path: Path, bodyweight: float, equipment: str, maxes: str = "", units: str = "kg") -> Path:
    path = tmp_path / "athlete.toml"
    path.write_text(f'[athlete]\nname = "A"\nunits = "{units}"\nbodyweight = {bodyweight}\n'
                    f"[equipment]\n{equipment}\n[maxes]\n{maxes}")
    return path


MACHINE = ('available = ["pull-up-bar", "assisted-pull-up-machine"]\n'
           "machines = {{ assisted-pull-up-machine = {{ step = {step}, max = {top} }} }}")
RAVI = '"pull-up/machine-assisted" = { load = 50, reps = 8, rpe = 8, date = 2027-01-01 }'


def pulls(tmp_path: Path, rule_file: Path, person: Path, logs: tuple[Path, ...] = (), as_of: str | None = None):
    import datetime as dt

    day = dt.date.fromisoformat(as_of) if as_of else None
    p = plan_rules(rule_file, REG, athlete=person, logs=list(logs), as_of=day).plan
    return [ex for w in p.weeks for d in w.days for ex in d.exercises]


def ravi(tmp_path: Path) -> Path:
    return athlete(tmp_path, 140, MACHINE.format(step=5, top=70), RAVI)


# -- the moved load is bodyweight minus the help ---------------------------------------------------


def test_a_max_of_an_assisted_form_is_bodyweight_minus_the_help_kg(tmp_path):
    # 140 kg with 50 kg of help is 90 kg moved for 8 @ 8: n = 10, e1RM = 90 x (1 + 10/30) = 120 kg
    # (not (140 + 50) x 4/3 = 253.33, the help read as a load added).
    # Week 1, 5 @ 7: n = 8, 1 / (1 + 8/30) = 78.95%, x 120 = 94.74 kg moved, 45.26 kg of help:
    # the nearest setting of a 5 kg stack is 45 (0.26 away; 50 is 4.74 away). At 95 kg moved,
    # RTF = 30 x (120/95 - 1) = 7.89, so 5 reps are RPE 7.1: inside 7-8.
    first = pulls(tmp_path, rules(tmp_path), ravi(tmp_path))[0]
    assert first.choice.key == "pull-up/machine-assisted"
    assert first.basis.e1rm == pytest.approx(120.0)
    assert first.basis.raw == pytest.approx(-45.263, abs=1e-3)
    assert [s.load for s in first.sets] == [-45.0, -45.0, -45.0]
    assert first.basis.rounding == "45 kg of assistance, on a stack in steps of 5 kg, up to 70"
    assert "help taken off bodyweight 140 kg" in first.basis.source
    assert "bodyweight alone" not in first.target.note


def test_a_max_of_an_assisted_form_in_lb(tmp_path):
    # 200 lb with 90 lb of help: 110 lb moved for 8 @ 8, e1RM = 110 x 4/3 = 146.67 lb.
    # 5 @ 7: 146.67 x 30/38 = 115.79 lb moved, 84.21 lb of help: on a 10 lb stack 80 (4.21 away)
    # beats 90 (5.79 away): BW - 80 lb. The week-4 deload: 0.9 x 120 = 108 lb moved, 92 lb of help:
    # 90 (2 away), 110 lb moved, 110/120 = 0.92 of the load.
    person = athlete(tmp_path, 200, MACHINE.format(step=10, top=150),
                     '"pull-up/machine-assisted" = { load = 90, reps = 8, rpe = 8 }', units="lb")
    exs = pulls(tmp_path, rules(tmp_path, units="lb"), person)
    assert exs[0].basis.e1rm == pytest.approx(146.667, abs=1e-3)
    assert exs[0].sets[0].load == -80.0
    assert (exs[3].deload, exs[3].sets[0].load) == (True, -90.0)
    assert exs[3].target.note == ("deload: 0.5 of the sets at 0.92 of the load with bodyweight "
                                  "(the nearest the equipment makes to 0.9 x 120 = 108 lb)")


def test_between_two_settings_a_tie_goes_to_more_help(tmp_path):
    # 100 kg with 50.125 kg of help for 8 @ 8: 49.875 x 4/3 = 66.5 kg e1RM. 5 @ 7: 66.5 x 30/38 =
    # 52.5 kg moved, 47.5 kg of help: halfway between 45 and 50, and the lighter moved load (more
    # help, 50 kg) wins, as every tie goes to the lighter load.
    person = athlete(tmp_path, 100, MACHINE.format(step=5, top=70),
                     '"pull-up/machine-assisted" = { load = 50.125, reps = 8, rpe = 8 }')
    assert pulls(tmp_path, rules(tmp_path, weeks=1), person)[0].sets[0].load == -50.0


def test_a_coarse_stack_moves_the_reps_by_effort_as_for_any_load(tmp_path):
    # the same 120 kg e1RM on a 10 kg stack: 45.26 kg of help wanted, 50 is the nearest (4.74 away; 40
    # is 5.26): 90 kg moved is 75% of 120, RTF = 30 x (120/90 - 1) = 10, so 5 reps are RPE 5, two
    # points under the target; 7 reps reach RPE 7 (and 40 kg of help, 100 kg moved, RTF 6, would be
    # RPE 9 for 5): 3 x 7 at BW - 50
    person = athlete(tmp_path, 140, MACHINE.format(step=10, top=70), RAVI)
    first = pulls(tmp_path, rules(tmp_path, weeks=1), person)[0]
    assert (first.target.reps, first.sets[0].load) == (7, -50.0)
    assert first.target.note == ("90 kg with bodyweight, the nearest load the equipment makes, is 75.0% of the "
                                 "e1RM 120 kg: about RPE 5 for 5 reps; 7 reps reach RPE 7: 3 x 7")


# -- progression takes help off, a deload adds some ------------------------------------------------


def test_progression_takes_help_off_and_a_deload_adds_it(tmp_path):
    exs = pulls(tmp_path, rules(tmp_path), ravi(tmp_path))
    # weeks 1-3 build reps at BW - 45; week 4 deloads 0.9 x 95 = 85.5 kg moved, 54.5 kg of help:
    # 55 (0.5 away), 85/95 = 0.89 of the load, lighter than the working weeks. Weeks 5-6 go on at 45
    # (8 reps: the top of 5-8); week 6 earns 2.5 kg, 42.5 kg of help is no setting, so it is owed;
    # week 7 with 5 kg earned is BW - 40 (100 kg moved) at 5 reps. Week 8 deloads 0.9 x 100 = 90 kg
    # moved: exactly BW - 50.
    assert [ex.sets[0].load for ex in exs] == [-45.0, -45.0, -45.0, -55.0, -45.0, -45.0, -40.0, -50.0, -40.0]
    assert [ex.target.reps for ex in exs[:7]] == [5, 6, 7, 7, 8, 8, 5]
    assert exs[3].target.note == ("deload: 0.5 of the sets at 0.89 of the load with bodyweight "
                                  "(the nearest the equipment makes to 0.9 x 95 = 85.5 kg)")
    assert exs[3].basis.change == "deload: 0.9 x 95 kg (bodyweight 140 - 45) = 85.5 kg in all, less bodyweight 140"
    assert exs[5].target.note == ("top of the rep range reached: 2.5 kg less help: 2.5 kg owed until the "
                                  "next step (BW - 40 kg); repeat 3 x 8")
    assert exs[6].target.note == ("top of the rep range reached: 2.5 kg less help; with what was owed that "
                                  "makes a step: 5 kg less help")
    assert exs[7].target.note == "deload: 0.5 of the sets at 0.9 of the load with bodyweight (0.9 x 100 = 90 kg)"
    # The load basis (explain, JSON) says the step in help too, as the sheet does: not "+5 kg" by a load of -40.
    assert exs[6].basis.change == "5 kg less help"


def test_the_least_help_tops_out_to_the_bodyweight_form(tmp_path):
    # 80 kg with 10 kg of help for 8 @ 8: 70 x 4/3 = 93.33 kg. 5 @ 7 wants 73.68 kg moved, 6.32 kg of
    # help: BW - 5 (75 kg moved, RTF 30 x (93.33/75 - 1) = 7.33, 5 reps RPE 7.7). That first week is
    # taken as done at RPE 7.7, so a 6th rep (8.7, 9.2, 9.7) waits a week; reps build to 8 by week 6
    # (the week-4 deload: 0.9 x 75 = 67.5, 12.5 kg of help, a tie: 15); week 7 earns 2.5 kg, but 5 kg
    # of help is the machine's least: the next step up is the bodyweight pull-up, from week 6 taken as
    # done (8 @ 8 at 75 kg: 100 kg e1RM, so 80 kg for 5 reps is RPE 7.5).
    person = athlete(tmp_path, 80, MACHINE.format(step=5, top=70),
                     '"pull-up/machine-assisted" = { load = 10, reps = 8, rpe = 8 }')
    exs = pulls(tmp_path, rules(tmp_path, weeks=7), person)
    assert [(ex.target.reps, ex.sets[0].load) for ex in exs[:6]] == [
        (5, -5.0), (5, -5.0), (6, -5.0), (6, -15.0), (7, -5.0), (8, -5.0)]
    assert exs[6].choice.key == "pull-up/bodyweight"
    assert (exs[6].target.reps, exs[6].sets[0].load) == (5, None)
    assert exs[6].target.note == "BW - 5 kg is the least help the machine gives: move to Pull-up"


def test_when_even_the_most_help_is_too_heavy_the_plan_says_so(tmp_path):
    # 140 kg with 95 kg of help for 3 @ 8: 45 x (1 + 5/30) = 52.5 kg. The machine's most help, 70 kg,
    # leaves 70 kg moved, 133.3% of it: past failure for 1 rep; a note and a warning say so
    person = athlete(tmp_path, 140, MACHINE.format(step=5, top=70),
                     '"pull-up/machine-assisted" = { load = 95, reps = 3, rpe = 8 }')
    r = rules(tmp_path, weeks=1)
    first = pulls(tmp_path, r, person)[0]
    assert first.sets[0].load == -70.0
    assert first.target.note == ("BW - 70 kg (70 kg with bodyweight), the most help the machine gives, is 133.3% of "
                                 "the e1RM 52.5 kg: past failure even for 1 rep: choose an easier form: the machine "
                                 "helps no more")
    res = invoke(["run", str(r), "--athlete", str(person)])
    assert "pull-up/machine-assisted is too heavy for A even at the most help the machine gives " \
           "(BW - 70 kg)" in res.stderr


def test_help_never_reaches_bodyweight(tmp_path):
    # a max whose help is not less than bodyweight moves nothing: an error at its load
    person = athlete(tmp_path, 60, MACHINE.format(step=10, top=150),
                     '"pull-up/machine-assisted" = { load = 65, reps = 3, rpe = 8 }')
    res = invoke(["run", str(rules(tmp_path, weeks=1)), "--athlete", str(person)])
    assert res.exit_code != 0
    assert (f"{person}:9:39: $.maxes['pull-up/machine-assisted'].load: 65 kg of help is not less than bodyweight "
            "(60 kg): an assisted form's max gives the help set on the machine, and the athlete moves the rest"
            ) in res.stderr
    # 60 kg with 50 kg of help for 3 @ 8: 10 x (1 + 5/30) = 11.67 kg. The stack goes to 150, but the most
    # help that leaves something to move is 50 (60 would be all of her): 10 kg moved for 5 reps is RPE 10,
    # 3 reps RPE 8, so the plan builds up from 3 x 3 at BW - 50, once that first week (RPE 8 by the max,
    # a point over the bottom of 7-8) is repeated: a 4th rep there starts at RPE 9
    person = athlete(tmp_path, 60, MACHINE.format(step=10, top=150),
                     '"pull-up/machine-assisted" = { load = 50, reps = 3, rpe = 8 }')
    exs = pulls(tmp_path, rules(tmp_path, weeks=3), person)
    assert [(ex.target.reps, ex.sets[0].load) for ex in exs] == [(3, -50.0), (3, -50.0), (4, -50.0)]


def test_a_harder_form_is_never_an_assisted_one(tmp_path):
    # the bodyweight pull-up names the weighted one as harder; with no dip belt, a form that takes no
    # load used to fall back to any loadable form: the assisted machine, an easier form. 120 lb,
    # 8 @ 8 with bodyweight alone: 160 lb e1RM; 8 reps are the top of the range, so the plan keeps
    # 3 x 8 with a note, and never prints the assisted machine.
    person = athlete(tmp_path, 120, MACHINE.format(step=10, top=100), 'pull-up = { load = 0, reps = 8, rpe = 8 }',
                     units="lb")
    exs = pulls(tmp_path, rules(tmp_path, form="pull-up", units="lb", weeks=3), person)
    assert {ex.choice.key for ex in exs} == {"pull-up/bodyweight"}
    assert "Machine-assisted" not in " ".join(ex.target.note for ex in exs)


# -- too hard, too easy ----------------------------------------------------------------------------

STRONG = ("Date,Workout Name,Duration,Exercise Name,Set Order,Weight (kg),Reps,Distance,Seconds,Notes,"
          "Workout Notes,RPE\n")


def strong(tmp_path: Path, sets: list[tuple[float, int, float]], name: str = "Pull Up (Assisted)") -> Path:
    path = tmp_path / "strong.csv"
    path.write_text(STRONG + "".join(f"2027-01-04 18:00:00,Pull,1h,{name},{i},{w:g},{r},0,0,,,{rpe:g}\n"
                                     for i, (w, r, rpe) in enumerate(sets, 1)))
    return path


def test_a_session_too_hard_adds_help_and_one_too_easy_takes_it_off(tmp_path):
    # Strong logs help as a negative weight. Too hard: 4, 3, 3 @ 9.5, 10, 10 at BW - 45 (95 kg moved);
    # the weakest set, 3 @ 10, is 95 x (1 + 3/30) = 104.5 kg; 5 @ 8 take 1 / (1 + 7/30) = 81.08% of
    # it, 84.73 kg moved, 55.27 kg of help: BW - 55.
    log = strong(tmp_path, [(-45, 4, 9.5), (-45, 3, 10), (-45, 3, 10)])
    hard = pulls(tmp_path, rules(tmp_path, weeks=2), ravi(tmp_path), (log,), "2027-01-10")
    assert [p.load for p in hard[0].performed] == [-45.0, -45.0, -45.0]
    assert hard[1].sets[0].load == -55.0
    assert "3 x BW - 45 kg @ 10, help taken off bodyweight 140 kg (e1RM 104.5 kg)" in hard[1].target.note
    # Too easy: 5, 5, 5 @ 4, 4.5, 5 at BW - 45: the best set, 5 @ 4 (n = 11), is 95 x 41/30 = 129.83 kg;
    # BW - 40 (100 kg moved) is RTF 30 x (1.2983 - 1) = 8.95, 6 reps RPE 7.05: the step is taken.
    log = strong(tmp_path, [(-45, 5, 4), (-45, 5, 4.5), (-45, 5, 5)])
    easy = pulls(tmp_path, rules(tmp_path, weeks=2), ravi(tmp_path), (log,), "2027-01-10")
    assert (easy[1].sets[0].load, easy[1].target.reps) == (-40.0, 6)
    assert "BW - 40 kg is RPE 7 for 6 reps by the best set's e1RM (129.83 kg)" in easy[1].target.note


def test_a_cut_the_stack_rounds_up_past_the_target_is_printed_with_its_effort_lb(tmp_path):
    # Review 73 M2. lb, bodyweight 180, a 10 lb stack. 6, 4, 3 @ 9, 10, 10 at BW - 60 (120 lb moved): the
    # weakest set is 120 x (1 + 3/30) = 132; 5 @ 8 want 132 / (1 + 7/30) = 107.03 moved, 72.97 of help. The
    # nearest setting, BW - 70 (110 moved, 83.3%: RTF 6), is RPE 9 for 5 reps: it was labelled 7-8, and the
    # planned weeks added reps to it past failure. As a first load rounded up is: within a point of the
    # target, printed with its effort (the planned weeks then read it at 9 and hold); further, the settings
    # either side at the reps that reach the target (`engine.coarse.weigh`).
    path = tmp_path / "strong.csv"
    path.write_text(STRONG.replace("Weight (kg)", "Weight (lb)") + "".join(
        f"2027-01-04 18:00:00,Pull,1h,Pull Up (Assisted),{i},-60,{r},0,0,,,{rpe:g}\n"
        for i, (r, rpe) in enumerate(((6, 9), (4, 10), (3, 10)), 1)))
    person = athlete(tmp_path, 180, MACHINE.format(step=10, top=150), units="lb",
                     maxes='"pull-up/machine-assisted" = { load = 60, reps = 8, rpe = 8, date = 2027-01-01 }')
    _, cut, after = pulls(tmp_path, rules(tmp_path, units="lb", weeks=3), person, (path,), "2027-01-10")
    assert (cut.sets[0].load, cut.target.reps, [s.rpe for s in cut.sets]) == (-70.0, 5, [9.0, 9.0, 9.0])
    assert cut.target.note.endswith("110 lb with bodyweight, the nearest load the equipment makes, is 83.3% of the "
                                    "e1RM 132 lb: about RPE 9 for 5 reps")
    assert (after.sets[0].load, after.target.reps) == (-70.0, 5)


# -- logs -------------------------------------------------------------------------------------------


def test_an_assisted_forms_weight_is_its_help_whatever_its_sign(tmp_path):
    # Strong writes the help as -60, Hevy as 60, the engine's CSV as its own -45: each is help.
    r, person = rules(tmp_path, weeks=2), ravi(tmp_path)
    minus = strong(tmp_path, [(-60, 5, 8)])
    assert pulls(tmp_path, r, person, (minus,), "2027-01-10")[0].performed[0].load == -60.0
    plus = strong(tmp_path, [(60, 5, 8)])
    assert pulls(tmp_path, r, person, (plus,), "2027-01-10")[0].performed[0].load == -60.0
    own = tmp_path / "own.csv"
    own.write_text("date,exercise,variant,reps,load,units,rpe\n2027-01-04,pull-up,machine-assisted,5,-45,kg,8\n")
    done = pulls(tmp_path, r, person, (own,), "2027-01-10")[0]
    assert done.performed[0].load == -45.0
    # 5 @ 8 at 95 kg moved: 95 x (1 + 7/30) = 117.17 kg
    assert "done 5 x BW - 45 kg (1 set) @ 8" in invoke(["run", str(r), "--athlete", str(person), "--log", str(own),
                                                       "--as-of", "2027-01-10"]).stdout


def test_a_negative_weight_for_a_form_not_assisted_is_an_error_at_its_cell(tmp_path):
    r, person = rules(tmp_path, form="pull-up", weeks=2), ravi(tmp_path)
    log = strong(tmp_path, [(-10, 5, 8)], name="Pull Up")
    res = invoke(["run", str(r), "--athlete", str(person), "--log", str(log)])
    assert res.exit_code != 0
    assert (f"{log}:2:39: $[0]['Weight\\u0020(kg)']: -10 is a negative load: only an assisted form "
            "(a machine-assisted pull-up) takes one, its help, and pull-up is not assisted; write the weight "
            "lifted") in res.stderr
    squat = ExerciseNames.from_exercises({e.id: e for e in builtin_exercises()})
    path = tmp_path / "squat.csv"
    path.write_text("date,exercise,reps,load\n2027-01-04,squat,5,-5\n")
    with pytest.raises(EngineError) as exc:
        read_logs([path], squat, default_units="kg")
    assert "-5 is a negative load" in exc.value.problems[0].message


# -- a band is not counted --------------------------------------------------------------------------


@pytest.mark.parametrize("weight", [0, 15])
@pytest.mark.parametrize("flag", ["assisted = true\n", ""])
def test_a_band_form_is_never_evidence_of_bodyweight_alone(tmp_path, flag, weight):
    # 58 kg, band pull-ups 5, 5, 5 @ 8, 8.5, 9: read as bodyweight alone that was 58 x (1 + 7/30) =
    # 71.53 kg, an unassisted pull-up's e1RM, and the plan moved her to unassisted pull-ups. The band's
    # help is not known: the band form goes by effort, a rep a week, with no e1RM. A weight logged with it
    # (15: the band's rating, as apps let one type) is the band's too: it was read as a pull-up with 15 kg
    # added, 73 x (1 + 7/30) = 90 kg, and the band session as the bodyweight form's progress.
    person = athlete(tmp_path, 58, 'available = ["pull-up-bar", "band"]')
    log = strong(tmp_path, [(weight, 5, 8), (weight, 5, 8.5), (weight, 5, 9)], name="Pull Up (Band)")
    # with or without the flag: a band is counted by neither
    r = rules(tmp_path, form="pull-up/band-assisted", weeks=3)
    r.write_text(r.read_text().replace('harder = "bodyweight"\nassisted = true\n', f'harder = "bodyweight"\n{flag}'))
    exs = pulls(tmp_path, r, person, (log,), "2027-01-10")
    assert {ex.choice.key for ex in exs} == {"pull-up/band-assisted"}
    assert [ex.target.reps for ex in exs] == [5, 6, 7]
    assert all(ex.basis is None or ex.basis.e1rm is None for ex in exs)
    notes = " ".join(ex.target.note + (ex.basis.note if ex.basis else "") for ex in exs)
    assert "bodyweight alone" not in notes
    assert "load not counted (e.g. a band): go by effort" in notes


# -- the rule file, the exports ---------------------------------------------------------------------


def test_assisted_belongs_to_a_bodyweight_exercise(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('version = 1\n[program]\nname = "x"\nsplit = "body-part"\ndays = ["mon"]\nweeks = 1\n'
                    'units = "kg"\n[[slot]]\nname = "a"\ncategory = "tertiary"\n'
                    'select = { selector = "ordered", from = ["lat"] }\n[[exercise]]\nid = "lat"\nname = "Lat"\n'
                    'category = "tertiary"\nloading = "machine"\n[exercise.prescription]\nsets = [3, 3]\n'
                    'reps = [8, 12]\n[[exercise.variant]]\nid = "a"\nname = "A"\nassisted = true\n')
    res = invoke(["run", str(path)])
    assert res.exit_code != 0
    assert (f"{path}:23:12: $.exercise[0].variant[0].assisted: an assisted form takes its help off bodyweight, "
            "and 'lat' is loaded with 'machine': give the exercise loading = \"bodyweight\"") in res.stderr


def test_every_export_says_the_help_the_same_way(tmp_path):
    r, person = rules(tmp_path, weeks=1), ravi(tmp_path)
    text = invoke(["run", str(r), "--athlete", str(person)]).stdout
    assert "Machine-assisted pull-up  3 x 5 @ RPE 7-8  BW - 45 kg" in text
    markdown = invoke(["run", str(r), "--athlete", str(person), "-f", "markdown"]).stdout
    assert "BW - 45 kg" in markdown
    data = json.loads(invoke(["run", str(r), "--athlete", str(person), "-f", "json"]).stdout)
    ex = data["weeks"][0]["days"][0]["exercises"][0]
    assert [s["load"] for s in ex["sets"]] == [-45, -45, -45]
    assert ex["load_basis"]["rounding"] == "45 kg of assistance, on a stack in steps of 5 kg, up to 70"


def test_explain_words_the_help_as_the_sheet_does(tmp_path):
    out = invoke(["explain", str(rules(tmp_path, weeks=1)), "--athlete", str(ravi(tmp_path))]).stdout
    assert ("pull-up/machine-assisted 50 kg (8 reps at RPE 8, help taken off bodyweight 140 kg) -> e1RM 120 kg "
            "-> 78.9% for 5 reps at RPE 7 -> 94.74 kg in all, less bodyweight 140 -> BW - 45.26 -> BW - 45 kg "
            "(45 kg of assistance") in out
    assert "next time builds on: 3 x 5 at BW - 45 kg, as planned" in out


def test_without_an_athlete_the_step_is_less_help(tmp_path):
    # no loads: the plan marks double progression's step; on an assisted form it is help taken off
    text = invoke(["run", str(rules(tmp_path, weeks=6))]).stdout
    assert "2.5 kg less help  top of the rep range reached: 2.5 kg less help" in text
    assert "+2.5 kg" not in text and "add 2.5 kg" not in text


# -- a property: more help is never a harder prescription --------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bodyweight=st.integers(66, 150), help_=st.integers(5, 45), more=st.integers(1, 20),
       step=st.sampled_from([2.5, 5.0, 10.0]), reps=st.integers(3, 12), rpe=st.sampled_from([7.0, 8.0, 9.0, 10.0]))
def test_more_help_in_the_max_never_prescribes_less_help(tmp_path, bodyweight, help_, more, step, reps, rpe):
    # of two athletes of one bodyweight, the one who needed more help for the same set is weaker: the
    # plan never gives them less help, nor a heavier moved load, in any week; a deload never takes
    # help off, and without a log the help never grows outside a deload
    def loads(h: int) -> list[float]:
        person = athlete(tmp_path, bodyweight, MACHINE.format(step=step, top=150),
                         f'"pull-up/machine-assisted" = {{ load = {h}, reps = {reps}, rpe = {rpe} }}')
        return [ex.sets[0].load for ex in pulls(tmp_path, rules(tmp_path, weeks=5), person)
                if ex.choice.key == "pull-up/machine-assisted"]

    strong_, weak = loads(help_), loads(help_ + more)
    for a, b in zip(strong_, weak, strict=False):
        assert a >= b - 1e-9  # loads are negative: the weaker athlete's is at least as much help
    for exs in (strong_, weak):
        if len(exs) >= 4:
            assert exs[3] <= exs[2] + 1e-9  # the deload week: never less help than the week before
        assert all(later >= earlier - 1e-9 for earlier, later in zip(exs[:3], exs[1:3], strict=False))


def test_notes_on_an_assisted_machine_speak_of_help():
    from engine.assist import help_words

    # a change is help taken off; a load printed as a signed number is the sheet's "BW - x"
    assert help_words("top of the rep range reached: add 2.5 kg; with what was owed that makes a step: +5 kg",
                      "assist") == ("top of the rep range reached: 2.5 kg less help; with what was owed that makes "
                                    "a step: 5 kg less help")
    assert help_words("too hard: 2 sets under the 5-8 rep range last time (3, 3): keep -10 lb", "assist") == \
        "too hard: 2 sets under the 5-8 rep range last time (3, 3): keep BW - 10 lb"
    assert help_words("the weakest set, 3 x -45 kg @ 10; until the next step (BW - 40 kg)", "assist") == \
        "the weakest set, 3 x BW - 45 kg @ 10; until the next step (BW - 40 kg)"
    assert help_words("add 2.5 kg: -5 kg", "machine") == "add 2.5 kg: -5 kg"  # other loads are as they were


def test_help_off_a_stack_the_profile_does_not_count_is_not_counted(tmp_path):
    # an assisted form with no machine to count its help (a partner's spot) moves an unknown load: its
    # max says nothing of bodyweight alone, and the plan goes by effort
    r = rules(tmp_path, form="pull-up/spotted", weeks=2)
    r.write_text(r.read_text() + '[[exercise.variant]]\nid = "spotted"\nname = "Spotted pull-up"\n'
                                 'harder = "bodyweight"\nassisted = true\nequipment = ["pull-up-bar"]\n')
    person = athlete(tmp_path, 90, 'available = ["pull-up-bar"]',
                     '"pull-up/spotted" = { load = 20, reps = 8, rpe = 8 }')
    exs = pulls(tmp_path, r, person)
    assert [(ex.target.reps, ex.sets[0].load) for ex in exs] == [(5, None), (6, None)]
    assert exs[0].basis.note == "load not counted (e.g. a band): go by effort"


HEVY = ('"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes",'
        '"set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"\n')


def _row(fmt: str, name: str, weight: str) -> str:
    if fmt == "strong":
        return STRONG + f"2027-01-04 18:00:00,Pull,1h,{name},1,{weight},5,0,0,,,8\n"
    if fmt == "hevy":
        return HEVY + f'"Pull","4 Jan 2027, 18:00","4 Jan 2027, 19:00","","{name}","","","0","normal","{weight}","5",' \
                      '"","","8"\n'
    return f"date,exercise,reps,load,units,rpe\n2027-01-04,{name},5,{weight},kg,8\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fmt=st.sampled_from(["strong", "hevy", "engine"]), weight=st.decimals("0.5", "500", places=1),
       form=st.sampled_from(["assisted", "bodyweight", "squat"]))
def test_a_negative_weight_is_help_for_an_assisted_form_and_an_error_for_any_other(tmp_path, fmt, weight, form):
    from engine.pipeline import load_rules

    names = ExerciseNames.from_exercises(dict(load_rules(rules(tmp_path), REG).rules.exercises))
    name = {"assisted": "Pull Up (Assisted)", "bodyweight": "Pull Up", "squat": "Squat (Barbell)"}[form]
    path = tmp_path / "log.csv"
    path.write_text(_row(fmt, name, f"-{weight}"))
    if form == "assisted":  # help, whatever its sign
        sets = read_logs([path], names, default_units="kg")[0].sets
        assert [s.load for s in sets] == [-float(weight)]
        return
    with pytest.raises(EngineError) as exc:
        read_logs([path], names, default_units="kg")
    problem = exc.value.problems[0]
    assert f"-{weight} is a negative load: only an assisted form" in problem.message
    # at the weight's cell (Strong's sixth column, Hevy's tenth, quoted, the engine's fourth)
    cells = path.read_text().splitlines()[1]
    at = cells.index(f"-{weight}") - (fmt == "hevy")
    assert (problem.line, problem.column) == (2, at + 1)


@pytest.mark.parametrize("units, bodyweight, step, help_, more", [("kg", 82, 5, 15, 20), ("lb", 180, 10, 40, 50)])
def test_a_cut_on_an_assisted_machine_is_read_on_the_load_moved(tmp_path, units, bodyweight, step, help_, more):
    # 6, 6, 5 @ 8, 9, 10 at BW - 15 kg, 82 kg bodyweight (67 kg moved): the weakest set, 5 @ 10, is
    # 67 x (1 + 5/30) = 78.17 kg, where 5 at RPE 8 are 78.17 / (1 + 7/30) = 63.38 kg moved, BW - 18.62: a cut of
    # 5.4% of the load moved. 5 kg more help, BW - 20 (62 kg moved), is a 7.5% cut, not more than twice that:
    # 3 x 5 at BW - 20. (Read on the help, -15 to -18.62 is "-24.1%", and the plan kept BW - 15 at 3 reps.)
    # In lb, 180 lb bodyweight at BW - 40 (140 moved): 140 x 7/6 = 163.33, 5 @ 8 132.43 lb moved (BW - 47.57),
    # 5.4%; BW - 50 (130 moved) cuts 7.1%.
    person = athlete(tmp_path, bodyweight, MACHINE.format(step=step, top=150), units=units)
    own = tmp_path / "own.csv"
    own.write_text("date,exercise,variant,reps,load,units,rpe\n" + "".join(
        f"2027-01-04,pull-up,machine-assisted,{reps},-{help_},{units},{rpe}\n"
        for reps, rpe in ((6, 8), (6, 9), (5, 10))))
    nxt = pulls(tmp_path, rules(tmp_path, units=units, weeks=2), person, (own,), "2027-01-10")[1]
    assert (nxt.target.sets, nxt.target.reps, nxt.sets[0].load) == (3, 5, -float(more))
    assert "nothing lighter" not in nxt.target.note and "more than twice" not in nxt.target.note


def test_a_percentage_cut_on_an_assisted_machine_adds_help(tmp_path):
    # `cut = 10` takes 10% off the load moved: 0.9 x 67 = 60.3 kg moved, 21.7 kg of help: BW - 20, the
    # nearest the 5 kg stack makes (10% off the help, -13.5, would have been less help after a failure).
    text = rules(tmp_path, weeks=2).read_text().replace('increment = 2.5\n', 'increment = 2.5\n'
                                                        '[progressions.dbl.autoregulation]\ncut = 10\n')
    r = tmp_path / "cut.toml"
    r.write_text(text)
    person = athlete(tmp_path, 82, MACHINE.format(step=5, top=60))
    own = tmp_path / "own.csv"
    own.write_text("date,exercise,variant,reps,load,units,rpe\n" + "".join(
        f"2027-01-04,pull-up,machine-assisted,{reps},-15,kg,{rpe}\n" for reps, rpe in ((6, 8), (6, 9), (5, 10))))
    nxt = pulls(tmp_path, r, person, (own,), "2027-01-10")[1]
    assert nxt.sets[0].load == -20.0
    assert "10% off the load with bodyweight" in nxt.target.note


@pytest.mark.parametrize("tried, form", [(((4, 9), (3, 10), (3, 10)), "pull-up/machine-assisted"),
                                         (((5, 7), (5, 7.5), (5, 8)), "pull-up/bodyweight")])
def test_one_failed_try_of_the_harder_form_does_not_take_the_slot_over(tmp_path, tried, form):
    # A slot of plain `pull-up` whose default form is the machine-assisted one: on target at BW - 20 kg in week
    # 1, in week 2 she tries unassisted pull-ups. Failed (4, 3, 3 @ 9, 10, 10, under the 5-8 range), the slot
    # stays on the machine (the trainer moves it up when the help runs out); done on target, the slot follows
    # the log to the form she now trains.
    text = rules(tmp_path, form="pull-up", weeks=3).read_text()
    machine = text[text.index("[[exercise.variant]]\nid = \"machine-assisted\""):]
    r = tmp_path / "first.toml"
    r.write_text(text.replace(machine, "").replace("[[exercise.variant]]\nid = \"bodyweight\"",
                                                   machine.rstrip() + "\n[[exercise.variant]]\nid = \"bodyweight\"", 1))
    person = athlete(tmp_path, 82, MACHINE.format(step=5, top=60))
    own = tmp_path / "own.csv"
    own.write_text("date,exercise,variant,reps,load,units,rpe\n"
                   + "".join(f"2027-01-04,pull-up,machine-assisted,7,-20,kg,{rpe}\n" for rpe in (7.5, 8, 8.5))
                   + "".join(f"2027-01-11,pull-up,bodyweight,{reps},,kg,{rpe}\n" for reps, rpe in tried))
    third = pulls(tmp_path, r, person, (own,), "2027-01-17")[2]
    assert third.choice.key == form



@pytest.mark.parametrize("tried, form", [(((4, 9), (3, 10), (3, 10)), "pull-up/machine-assisted"),
                                         (((6, 8), (5, 9), (5, 9.5)), "pull-up/machine-assisted"),
                                         (((5, 7), (5, 7.5), (5, 8)), "pull-up/bodyweight")])
def test_a_failed_try_of_the_default_form_leaves_the_slot_on_the_form_of_the_max(tmp_path, tried, form):
    # Review 80 H1: the slot names plain `pull-up`, whose default form is the bodyweight one, and the profile's
    # only max is on the machine, so the plan starts there (Pat). A failed try of unassisted pull-ups (a set
    # at RPE 10, or a median of 9) is a form the machine moves up to, failed: the slot stays on the machine.
    # Done on target, it is the form she now trains.
    r = rules(tmp_path, form="pull-up", weeks=3)
    person = athlete(tmp_path, 82, MACHINE.format(step=5, top=60), '"pull-up/machine-assisted" = '
                     '{ load = 20, reps = 7, rpe = 8 }')
    own = tmp_path / "own.csv"
    own.write_text("date,exercise,variant,reps,load,units,rpe\n"
                   + "".join(f"2027-01-04,pull-up,machine-assisted,7,-20,kg,{rpe}\n" for rpe in (7.5, 8, 8.5))
                   + "".join(f"2027-01-11,pull-up,bodyweight,{reps},,kg,{rpe}\n" for reps, rpe in tried))
    first, _, third = pulls(tmp_path, r, person, (own,), "2027-01-17")
    assert first.choice.key == "pull-up/machine-assisted"
    assert third.choice.key == form

@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bodyweight=st.integers(40, 150), over=st.integers(0, 60), units=st.sampled_from(["kg", "lb"]),
       fmt=st.sampled_from(["engine", "strong"]))
def test_logged_help_not_less_than_bodyweight_is_an_error_at_its_load_cell(tmp_path, bodyweight, over, units, fmt):
    # An assisted set whose help is at least the athlete's bodyweight moved nothing (-90 kg for an 82 kg athlete):
    # an error at the log's load cell, in the log's units, whatever the athlete's; a kilogram less help is fine.
    from engine.loads import convert
    from engine.snap import CONVERTED

    person = athlete(tmp_path, bodyweight, MACHINE.format(step=5, top=300))
    help_ = round(convert(bodyweight + over, "kg", units) + (0.5 if units == "lb" else 0), 1)
    if fmt == "engine":
        log = tmp_path / "own.csv"
        log.write_text(f"date,exercise,variant,reps,load,units,rpe\n2027-01-04,pull-up,machine-assisted,5,-{help_:g},"
                       f"{units},8\n")
        column = len("2027-01-04,pull-up,machine-assisted,5,") + 1
    else:
        log = tmp_path / "strong.csv"
        log.write_text(STRONG.replace("Weight (kg)", f"Weight ({units})")
                       + f"2027-01-04 18:00:00,Pull,1h,Pull Up (Assisted),1,-{help_:g},5,0,0,,,8\n")
        column = len("2027-01-04 18:00:00,Pull,1h,Pull Up (Assisted),1,") + 1
    with pytest.raises(EngineError) as caught:
        pulls(tmp_path, rules(tmp_path, weeks=2), person, (log,), "2027-01-10")
    found = [p for p in caught.value.problems if "not less than the athlete's bodyweight" in p.message]
    assert [(p.file, p.line, p.column) for p in found] == [(str(log), 2, column)]
    in_kg = "" if units == "kg" else f" ({round(convert(help_, 'lb', 'kg'), 2):g} kg)"  # (the athlete's units too)
    assert found[0].message.startswith(f"{help_:g} {units} of help{in_kg} is not less than the athlete's bodyweight "
                                       f"({bodyweight:g} kg")
    lighter = round(convert(bodyweight - 1, "kg", units), 1)
    log.write_text(log.read_text().replace(f"-{help_:g},", f"-{lighter:g},"))
    done = pulls(tmp_path, rules(tmp_path, weeks=2), person, (log,), "2027-01-10")[0].performed[0]
    # (in lb, the help logged to a tenth of a pound is the machine's setting it converts to: engine.snap)
    assert done.load == pytest.approx(-convert(lighter, units, "kg"), abs=CONVERTED["kg"])


@pytest.mark.parametrize("units, bodyweight, help_, belt", [("kg", 82, 10, 3.75), ("lb", 180, 25, 10)])
def test_a_plan_moves_from_the_machine_to_weighted_pull_ups_once_each_by_its_own_progress(tmp_path, units,
                                                                                         bodyweight, help_, belt):
    # No log: from 8 reps at RPE 7 with 10 kg of help (82 kg), the machine's least help (BW - 5) tops out,
    # the slot moves to bodyweight pull-ups, which build to 8 and move on to the weighted form: said once, and
    # the weeks after are the weighted line's (its deload too: 0.9 x its load, under bodyweight, is named the
    # bodyweight form). Its first load fits the planned weeks before it, taken as done at the top of their RPE:
    # 8 bodyweight pull-ups at RPE 8 are 82 x (1 + 10/30) = 109.33 kg, where 5 at RPE 7 are 109.33 / (1 + 8/30)
    # = 86.32 kg: 3.75 kg on the belt, not the 1.25 kg at RPE 9.5 the profile's max (72 x (1 + 11/30) = 98.4)
    # gave. In lb: 180 x 4/3 = 240 lb, 5 at RPE 7 189.47 lb: 10 lb on the belt.
    steps = {"kg": "step = 5, max = 60", "lb": "step = 10, max = 150"}[units]
    person = tmp_path / "ola.toml"
    person.write_text(f'[athlete]\nname = "Ola"\nunits = "{units}"\nbodyweight = {bodyweight}\n[equipment]\n'
                      'available = ["pull-up-bar", "assisted-pull-up-machine", "dip-belt", "plates"]\n'
                      + ("plates = [20, 10, 5, 2.5, 1.25]\n" if units == "kg" else "plates = [45, 25, 10, 5, 2.5]\n")
                      + f"machines = {{ assisted-pull-up-machine = {{ {steps} }} }}\n[maxes]\n"
                      f'"pull-up/machine-assisted" = {{ load = {help_}, reps = 8, rpe = 7 }}\n')
    exs = pulls(tmp_path, rules(tmp_path, units=units, weeks=16), person)
    forms = [e.choice.key for e in exs]
    first = forms.index("pull-up/weighted")
    assert (exs[first].target.reps, exs[first].sets[0].load) == (5, belt)
    assert exs[first].target.rpe == (7.0, 8.0)
    assert sum("move to Weighted pull-up" in e.target.note for e in exs) == 1
    assert all(f == "pull-up/weighted" or e.deload for f, e in zip(forms[first:], exs[first:], strict=True))


@pytest.mark.parametrize("units, bodyweight, help_, belt", [("kg", 82, 5, 6.25), ("lb", 180, 10, 15)])
def test_a_move_to_weighted_pull_ups_takes_its_load_from_the_latest_bodyweight_sessions(tmp_path, units, bodyweight,
                                                                                       help_, belt):
    # A machine session three weeks before the bodyweight ones, which build to 8, 8, 8 @ 7, 7.5, 8: after week 4's
    # deload, week 5 moves to the weighted form. Its first load comes from that newest bodyweight session (8 @ 7:
    # 82 x (1 + 11/30) = 112.07 kg; 5 at RPE 7 are 88.47: 6.25 kg on the belt), not from the machine's (77 x
    # (1 + 11/30) = 105.23: 1.25 kg). In lb: 180 x 41/30 = 246, 5 at RPE 7 194.21: 15 lb (the machine's 170 lb
    # moved: 2.5 lb).
    text = rules(tmp_path, form="pull-up/bodyweight", units=units, weeks=5).read_text()
    machine = text[text.index("[[exercise.variant]]\nid = \"machine-assisted\""):]
    r = tmp_path / "first.toml"
    r.write_text(text.replace(machine, "").replace("[[exercise.variant]]\nid = \"bodyweight\"",
                                                   machine.rstrip() + "\n[[exercise.variant]]\nid = \"bodyweight\"", 1))
    person = tmp_path / "ola.toml"
    person.write_text(f'[athlete]\nname = "Ola"\nunits = "{units}"\nbodyweight = {bodyweight}\n[equipment]\n'
                      'available = ["pull-up-bar", "assisted-pull-up-machine", "dip-belt", "plates"]\n'
                      + ("plates = [20, 10, 5, 2.5, 1.25]\n" if units == "kg" else "plates = [45, 25, 10, 5, 2.5]\n"))
    own = tmp_path / "own.csv"
    own.write_text("date,exercise,variant,reps,load,units,rpe\n"
                   + "".join(f"2026-12-14,pull-up,machine-assisted,8,-{help_},{units},{rpe}\n" for rpe in (7, 7.5, 8))
                   + "".join(f"2027-01-{day:02d},pull-up,bodyweight,{reps},,{units},{rpe}\n"
                             for day, reps in ((4, 6), (11, 7), (18, 8)) for rpe in (7, 7.5, 8)))
    fifth = pulls(tmp_path, r, person, (own,), "2027-01-24")[4]
    assert (fifth.choice.key, fifth.target.reps, fifth.sets[0].load) == ("pull-up/weighted", 5, belt)


@pytest.mark.parametrize("units, top, help_", [("kg", 60, 65), ("lb", 150, 160)])
def test_logged_help_past_the_machine_s_most_is_a_warning_at_its_cell(tmp_path, units, top, help_):
    # The profile's machine gives at most 60 kg (150 lb) of help; a set logged with 65 kg (160 lb) is read as
    # logged, with a warning at its load cell that names the machine's most and the profile.
    person = athlete(tmp_path, 82 if units == "kg" else 180, MACHINE.format(step=5, top=top), units=units)
    own = tmp_path / "own.csv"
    own.write_text("date,exercise,variant,reps,load,units,rpe\n"
                   f"2027-01-04,pull-up,machine-assisted,5,-{help_},{units},8\n")
    outcome = plan_rules(rules(tmp_path, units=units, weeks=2), REG, athlete=person, logs=[own])
    found = [w for w in outcome.warnings if "more than the machine gives" in w.message]
    column = len("2027-01-04,pull-up,machine-assisted,5,") + 1
    assert [(w.file, w.line, w.column) for w in found] == [(str(own), 2, column)]
    assert found[0].message.startswith(f"{help_} {units} of help is more than the machine gives ({top} {units}, ")


def test_kg_a_move_the_line_made_itself_is_not_said_again_as_the_log_s_form_on_its_other_day(tmp_path):
    # Pull-ups Mon and Thu, one line (the same prescription), first form the machine: 82 kg with 5 kg of help
    # (the least the machine gives) x 8, 8, 8 tops the 5-8 range on Monday of week 1, so Thursday moves to
    # pull-ups ("... the least help the machine gives: move to Pull-up"), done 5, 5, 5. Monday of week 2 is the
    # first pull-up exposure of the Monday slot: the line's own move, not a form the log put in the slot's
    # place, so no "Pull-up in place of Machine-assisted pull-up" there. (The slot asks for "pull-up", whose
    # default form is the machine here: the log's latest form takes such a slot, as a sumo session does.)
    r = rules(tmp_path, form="pull-up", weeks=2)
    machine = PULL_UP[PULL_UP.index("[[exercise.variant]]\nid = \"machine-assisted\""):]
    text = r.read_text().replace(machine, "").replace("[[exercise.variant]]", machine + "[[exercise.variant]]", 1)
    text = text.replace('days = ["mon"]', 'days = ["mon", "thu"]').replace('split = "body-part"', 'split = "full-body"')
    slot = text[text.index("[[slot]]"):text.index("[[exercise]]")]
    text = text.replace(slot, slot.replace('name = "pull"', 'name = "mon"\nday = "mon"')
                        + slot.replace('name = "pull"', 'name = "thu"\nday = "thu"'))
    r.write_text(text)
    person = athlete(tmp_path, 82, MACHINE.format(step=5, top=60),
                     '"pull-up/machine-assisted" = { load = 5, reps = 8, rpe = 8 }')
    rows = "date,exercise,variant,reps,load,units,rpe\n" + "".join(
        [f"2027-01-04,pull-up,machine-assisted,8,-5,kg,{rpe}\n" for rpe in (7, 7.5, 8)]
        + [f"2027-01-07,pull-up,bodyweight,5,0,kg,{rpe}\n" for rpe in (7, 7.5, 8)])
    lg = tmp_path / "log.csv"
    lg.write_text(rows)
    exs = pulls(tmp_path, r, person, (lg,))
    assert [e.choice.key for e in exs] == ["pull-up/machine-assisted", "pull-up/bodyweight",
                                           "pull-up/bodyweight", "pull-up/bodyweight"]
    assert "move to Pull-up" in exs[1].target.note
    assert "in place of" not in exs[2].target.note


def test_lb_a_weight_logged_with_a_band_form_stays_the_band_forms(tmp_path):
    # 130 lb, "Pull Up (Band)" 6, 6, 6 @ 7, 7.5, 8 with 30 (lb) typed in: the band form's session, never a pull-up
    # with 30 lb added (that would be 160 x (1 + 9/30) = 208 lb, and the plan would move her on to bodyweight).
    person = athlete(tmp_path, 130, 'available = ["pull-up-bar", "band"]', units="lb")
    log = tmp_path / "strong.csv"
    log.write_text(STRONG.replace("Weight (kg)", "Weight (lb)") + "".join(
        f"2027-01-04 18:00:00,Pull,1h,Pull Up (Band),{i},30,6,0,0,,,{rpe:g}\n" for i, rpe in enumerate((7, 7.5, 8), 1)))
    r = rules(tmp_path, form="pull-up/band-assisted", units="lb", weeks=3)
    r.write_text(r.read_text().replace('harder = "bodyweight"\nassisted = true\n', 'harder = "bodyweight"\n'))
    exs = pulls(tmp_path, r, person, (log,), "2027-01-10")
    assert {ex.choice.key for ex in exs} == {"pull-up/band-assisted"}
    assert [ex.target.reps for ex in exs] == [5, 7, 8]  # week 1 done at 6: 7, then 8
    assert all(ex.basis is None or ex.basis.e1rm is None for ex in exs)


def test_a_deload_after_a_missed_week_names_the_help_last_lifted_as_the_sheet_does(tmp_path):
    # 82 kg, BW - 40 x 8 in weeks 1-2 (the second @ 5, 5.5, 6), week 3's BW - 35 missed: the deload lightens
    # the 42 kg moved last lifted, and says so as the sheet writes help ("-40 kg" before)
    person = athlete(tmp_path, 82, MACHINE.format(step=5, top=70),
                     '"pull-up/machine-assisted" = { load = 40, reps = 8, rpe = 8 }')
    log = tmp_path / "log.csv"
    log.write_text("date,exercise,variant,reps,load,units,rpe\n" + "".join(
        f"2027-01-{d:02d},pull-up,machine-assisted,8,-40,kg,{r}\n" for d, rs in ((4, (7, 7.5, 8)), (11, (5, 5.5, 6)))
        for r in rs))
    exs = pulls(tmp_path, rules(tmp_path, weeks=4), person, (log,), as_of="2027-01-24")
    assert [s.load for s in exs[2].sets][:1] == [-35.0]
    assert exs[3].target.note.endswith("; from the BW - 40 kg last lifted (2027-01-11); BW - 35 kg was not trained")
