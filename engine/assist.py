"""Assisted forms: help taken off bodyweight.

A machine-assisted pull-up or dip moves bodyweight minus the load on the
machine's stack. The engine carries that as a negative added load: the
moved load is still bodyweight plus the added load (140 kg - 45 kg = 95
kg), so every e1RM, progression step, deload and effort check works on
the moved load unchanged. An increase is less help, a deload more, and
the heaviest an assisted machine makes is its lightest setting of help;
past it, progression moves to the form the catalog names as harder (the
bodyweight form), and an assisted form is never anyone's harder form. The
most help stops a setting short of bodyweight. Help from effort is the
nearest setting, a tie going to more help (the lighter moved load). The
sheet prints such a load as "BW - 45 kg"; JSON and CSV carry the signed
number (-45), as Strong logs it; a log's weight for an assisted form is
its help whatever its sign (Hevy writes 60).

A band's help is not counted: a band form moves an unknown load (go by
effort), so its sessions are never evidence of what bodyweight alone
allows.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from engine.errors import WARNING, Problem
from engine.model import Choice, Exercise, Variant

# compiled on first use (re's own cache): only a note on an assisted machine needs them
_UP = r"(?:\badd |(?<![\w.)])\+)(\d[\d.]* (?:kg|lb))\b"  # a change: "add 2.5 kg", "+5 kg"
_LOAD = r"(?<![\w.)])-(\d[\d.]* (?:kg|lb))\b"  # a load: "keep -10 lb", "3 x -45 kg"


def assisted(choice: Choice) -> bool:
    """Whether the form takes help off bodyweight (`assisted = true`, the
    default for a form on an `assisted-*` machine)."""
    return is_assisted(choice.exercise, choice.variant)


def is_assisted(exercise: Exercise, variant: Variant | None) -> bool:
    return exercise.loading == "bodyweight" and variant is not None and variant.assisted


def form_named(ex: Exercise | None, variant: str | None) -> Variant | None:
    """The form a max or a logged set names: its variant, or with none the exercise's default form."""
    if ex is None:
        return None
    return ex.variant(variant) if variant else (ex.variants or (None,))[0]


def banded(choice: Choice) -> bool:
    """Whether a band carries part of the load: what it adds or takes off
    is not known, so the moved load is not either."""
    form = choice.variant
    equipment = set(form.equipment if form is not None else choice.exercise.equipment)
    return bool(equipment & {"band", "bands"})


def assistance_text(load: float, units: str) -> str:
    """A signed added load as the athlete reads it: "BW - 45 kg" for help,
    "BW + 10 kg" for a load added, "BW" for neither."""
    if load < 0:
        return f"BW - {round(-load, 2):g} {units}"
    return f"BW + {round(load, 2):g} {units}" if load > 0 else "BW"


def help_change(change: str) -> str:
    """A load basis's signed change on an assisted machine in help, as the
    sheet says it: "+5 kg" is "5 kg less help", "-5 kg" "5 kg more help"."""
    found = re.fullmatch(r"([+-])(\d[\d.]* (?:kg|lb))", change)
    if found is None:
        return change
    return f"{found[2]} {'less' if found[1] == '+' else 'more'} help"


def help_words(note: str, kind: str) -> str:
    """A note on an assisted machine (`kind` "assist") in terms of help: a
    policy's "add 2.5 kg" is 2.5 kg less help, and a load printed as a
    signed number ("keep -10 lb") is the sheet's "BW - 10 lb"."""
    if kind != "assist":
        return note
    return re.sub(_LOAD, r"BW - \1", re.sub(_UP, r"\1 less help", note))


def help_problems(maxes: Mapping[str, Any], exercises: Mapping[str, Exercise], bodyweight: float | None,
                  units: str, file: str) -> list[Problem]:
    """A profile max of an assisted form whose help is not less than
    bodyweight: nothing would be moved, so it is an error at its load."""
    out: list[Problem] = []
    for key, spec in maxes.items():
        ex_id, _, variant = key.partition("/")
        ex = exercises.get(ex_id)
        form = form_named(ex, variant)
        if not bodyweight or ex is None or not is_assisted(ex, form):
            continue
        tests = spec if isinstance(spec, list) else [spec]
        for i, test in enumerate(tests):
            load = test.get("load") if isinstance(test, dict) else test
            if isinstance(load, (int, float)) and abs(load) >= bodyweight:
                path = ("maxes", key, *((i,) if isinstance(spec, list) else ()))
                path = (*path, "load") if isinstance(test, dict) else path
                out.append(Problem(file, path, (
                    f"{abs(load):g} {units} of help is not less than bodyweight ({bodyweight:g} {units}): an "
                    "assisted form's max gives the help set on the machine, and the athlete moves the rest")))
    return out


def logged_help_problems(sets: Iterable[Any], cells: Mapping[str, Any], exercises: Mapping[str, Exercise],
                         bodyweight: float | None, units: str, profile: str,
                         most: Mapping[str, float] | None = None) -> list[Problem]:
    """A logged set of an assisted form whose help is not less than the
    athlete's bodyweight: nothing would have been moved (-90 kg for an 82
    kg athlete), an error at its load cell, as at a max; and a warning
    there for help past what the profile says its machine gives (`most`,
    by equipment name: -65 on a 60 kg stack)."""
    from engine.loads import convert

    out: list[Problem] = []
    if not bodyweight:
        return out
    for s in sets:
        ex = exercises.get(s.exercise) if s.load is not None and s.load < 0 else None
        form = form_named(ex, s.variant)
        if ex is None or form is None or not is_assisted(ex, form):
            continue
        help_ = convert(-s.load, s.units, units)
        same = "" if s.units == units else f" ({round(help_, 2):g} {units})"
        top = min((most[e] for e in form.equipment if most and e in most), default=None)
        if help_ < bodyweight - 1e-9 and (top is None or help_ <= top + 1e-9):
            continue
        path, line, column = cells[s.file].load_cell(s.line, s.row)
        if help_ >= bodyweight - 1e-9:
            out.append(Problem(s.file, path, (
                f"{-s.load:g} {s.units} of help{same} is not less than the athlete's bodyweight ({bodyweight:g} "
                f"{units}, {profile}): nothing would have been moved; an assisted form's weight is the help set on "
                "the machine"), line=line, column=column))
        else:
            out.append(Problem(s.file, path, (
                f"{-s.load:g} {s.units} of help{same} is more than the machine gives ({top:g} {units}, {profile}): "
                "read as logged; check the help or the profile's machine"), WARNING, line=line, column=column))
    return out
