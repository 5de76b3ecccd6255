"""How the plan's notes word a change of load and where a load came from."""

from __future__ import annotations

import re

from engine.loading import Loaded
from engine.model import TrainingState


def with_change(note: str, loaded: Loaded, asked: float | None) -> str:
    """An increase that differs from what the policy added (`asked`) says
    what the load really does: more, when what was owed made up a whole
    step; less, when the equipment's step is coarser than the increment."""
    change = loaded.basis.change if loaded.basis else ""
    if not change.startswith("+") or loaded.held or loaded.basis is None:
        return note
    added = change.split(",")[0][1:]
    if not note or says(note, added):
        return note
    more = asked is not None and float(added.split()[0]) > asked + 1e-6
    why = "with what was owed that makes a step" if more else "the nearest step the equipment makes"
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
    if previous.status == "missed":
        return f"not logged in week {previous.week}"
    if previous.status == "replaced":
        return f"done as another form in week {previous.week}"
    return f"progression from week {previous.week}"


def ramp_note(note: str) -> str:
    """After a ramp (a new load each set) the load comes from the best
    set's e1RM at the new target, so a policy's "add 5 lb" is not what
    happens: that part goes, the reps part stays."""
    kept = re.sub(r"(?::\s*|^)add [\d.]+ (?:kg|lb)$", "", note)
    ramp = "a ramp last time (a new load each set): the load comes from its best set's e1RM"
    return f"{kept}; {ramp}" if kept else ramp
