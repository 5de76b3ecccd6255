"""How the plan's notes word a change of load and where a load came from."""

from __future__ import annotations

import re

from engine.assist import help_change, help_words
from engine.gear import Implement
from engine.loaded import Loaded, n
from engine.missed import lighter_lifted
from engine.model import Target, TrainingState
from engine.model.base import replace

_PER_HAND = re.compile(r"\b(add [\d.]+ (?:kg|lb))\b(?! a hand)")


def with_change(note: str, loaded: Loaded, asked: float | None) -> str:
    """An increase that differs from what the policy added (`asked`) says
    what the load really does: more, when what was owed made up a whole
    step; less, the largest step the equipment makes within what was
    earned (not the nearest: it never goes over)."""
    change = loaded.basis.change if loaded.basis else ""
    if not change.startswith("+") or loaded.held or loaded.basis is None:
        return note
    added = change.split(",")[0][1:]
    if not note or says(note, added):
        return note
    made = float(added.split()[0])
    if asked is not None and abs(made - asked) < 1e-6:  # the step asked, made (the note spoke of something else)
        return note
    more = asked is not None and made > asked + 1e-6
    why = "with what was owed that makes a step" if more else "the largest step the equipment makes within it"
    return f"{note}; {why}: {change}"


def says(note: str, amount: str) -> bool:
    """Whether a note already names this amount as a whole number: "add 2.5
    kg" does not say "5 kg"."""
    return re.search(rf"(?<![\d.]){re.escape(amount)}\b", note) is not None


def origin(previous: TrainingState | None) -> str:
    """Where an exposure's load comes from, for its load basis."""
    if previous is None:
        return "start"
    if previous.week == 0 and previous.performed:
        p = previous.performed[0]
        return f"last logged session ({p.date}, {p.source})"
    if previous.status == "logged" and previous.performed:
        p = previous.performed[0]
        return f"logged {p.date} ({p.source})"
    deload = previous.after_deload
    when = f"before the week {previous.week} deload" if deload else f"in week {previous.week}"
    if previous.status == "missed":
        return f"not logged {when}"
    if previous.status == "replaced":
        return f"done as another form {when}"
    if previous.status == "light":
        return f"a light day {when}"
    return f"progression from week {previous.week}"


def after_ramp(note: str, previous: TrainingState | None, loaded: Loaded) -> str:
    """`note`, or after a logged ramp (a new load each set) whose load
    comes from its best set's e1RM, `ramp_note`'s."""
    if previous is not None and previous.status == "logged" and previous.target.load is None \
            and len({p.load for p in previous.performed}) > 1 \
            and loaded.basis is not None and loaded.basis.change == "from the e1RM":
        return ramp_note(note)
    return note


def ramp_note(note: str) -> str:
    """After a ramp (a new load each set) the load comes from the best
    set's e1RM at the new target, so a policy's "add 5 lb" is not what
    happens: that part goes, the reps part stays."""
    kept = re.sub(r"(?::\s*|^)add [\d.]+ (?:kg|lb)$", "", note)
    ramp = "a ramp last time (a new load each set): the load comes from its best set's e1RM"
    return f"{kept}; {ramp}" if kept else ramp


def at_load(note: str, loaded: Loaded, imp: Implement | None, kind: str = "") -> tuple[str, Loaded]:
    """"At the same load" after a session logged at a load the equipment
    does not make (11 kg dumbbells) names the load printed instead, and why
    (then the load's own caveat would say it twice, and goes)."""
    kind = kind or (imp.kind if imp is not None else "none")  # the form's, with or without an athlete's gear
    note = help_words(note, kind)  # an assisted form's change is in help
    if kind == "assist" and loaded.basis is not None and loaded.basis.change:
        loaded = replace(loaded, basis=replace(loaded.basis, change=help_change(loaded.basis.change)))
    if imp is not None and _in_each_hand(imp):
        note = _PER_HAND.sub(r"\1 a hand", note)  # a policy's step is per implement, as every load is
    basis = loaded.basis
    if " at the same load" not in note or imp is None or basis is None or loaded.load is None \
            or not basis.note.startswith("the logged "):
        return note, loaded
    logged = basis.note.removeprefix("the logged ").partition(f" {imp.units} is not")[0]
    what = {"dumbbells": "a dumbbell you have", "kettlebells": "a kettlebell you have"}.get(
        imp.kind, "a load the equipment makes")
    where = "bodyweight alone" if abs(loaded.load) < 1e-9 else named(imp, loaded.load, imp.units)  # (a vest, none)
    note = note.replace(" at the same load", f" at {where}: {logged} {imp.units} is not {what}")
    return help_words(note, kind), replace(loaded, basis=replace(basis, note=""))


def named(imp: Implement, load: float, units: str) -> str:
    """"20 lb a hand", "50 lb": a load as the athlete picks it up."""
    return imp.amount(load) + (" a hand" if _in_each_hand(imp) else "")


def _in_each_hand(imp: Implement) -> bool:
    """A dumbbell or kettlebell in each hand: its loads are said "a hand"."""
    return imp.count > 1 and imp.kind in ("dumbbells", "kettlebells")


def built_on(previous: TrainingState | None, units: str) -> str:
    """After sets of more reps than the range's top, the load the next
    target builds on is the one those reps point to, not the load lifted:
    "7 reps done at 137.5 kg where 5 were asked: builds on 142.5 kg"."""
    lifted = lighter_lifted(previous.target, previous.performed) if previous and previous.status == "logged" else None
    if previous is None or lifted is None or previous.target.load is None:
        return ""
    reps = min(p.reps for p in previous.performed)
    return (f"{reps} reps done at {n(lifted)} {units} where {previous.target.reps} were asked: "
            f"builds on {n(previous.target.load)} {units}")


def held(target: Target, loaded: Loaded, sets: int, reps: int) -> Target:
    """A held increase, the same sets and reps repeated: "add 2.5 kg: 5 kg
    owed until the next step (110 kg); repeat 3 x 5"."""
    owed = loaded.basis.change.removeprefix("held: ") if loaded.basis else ""
    return replace(target, reps=reps, sets=sets, note=f"{target.note}: {owed}; repeat {sets} x {reps}".lstrip(": "))
