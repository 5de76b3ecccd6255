"""How an athlete's logged ratings are read, the one reading every rule
uses: the effort rules (`engine.ramp`), the foresight of the next session
(`engine.foresee`, `engine.jumps`) and the e1RM a load comes from.

Many athletes rate only their last (or top) set, and Strong and Hevy mark
a set taken to failure without an RPE. An unrated set before a rated one
of the same load and reps is read by the ramp, half a point under the set
after it: 57.5 kg x 6 @ -, -, 8 is 7, 7.5, 8, as one who rates every set
logs it, not a flat 8; one after the last rating, half a point over the
set before it (9, -, - is 9, 9.5, 10). A set taken to failure is RPE 10.
Other unrated sets are not read; an e1RM reads an assumed RPE only when
nothing in the session was rated.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from engine.model import Performed
from engine.model.base import replace

RAMP = 0.5  # a single RPE's sets as a whole over their first: 7.5, 8, 8.5 on 7.5
READ = "unrated sets read by the ramp, half a point a set from the nearest rating"
FAILURE = 10.0  # a set taken to failure: no rep left in reserve


def read_sets(performed: tuple[Performed, ...]) -> tuple[Performed, ...]:
    """The sets as their effort is read: a set taken to failure without an
    RPE is RPE 10 (`FAILURE`); an unrated set next to a rated one of the
    same load and reps (every set between them alike) takes the RPE the
    ramp gives it: half a point under the set after it, or where no rating
    follows, half a point over the set before it (9, -, - is 9, 9.5, 10);
    others stay as logged. The same tuple when nothing was read in."""
    if all(p.rpe is not None for p in performed) or not any(p.rpe is not None or failed(p) for p in performed):
        return performed
    read = list(performed)
    for i in range(len(read) - 1, -1, -1):  # back from each rating, then on from the last one
        read[i] = _ramped(read[i], read[i + 1] if i + 1 < len(read) else None, -RAMP)
    for i in range(1, len(read)):
        read[i] = _ramped(read[i], read[i - 1], RAMP)
    return tuple(read) if any(p is not q for p, q in zip(read, performed, strict=True)) else performed


def _ramped(p: Performed, near: Performed | None, step: float) -> Performed:
    """`p` as read next to `near`: at RPE 10 when it went to failure, at
    `near`'s RPE plus `step` when unrated and alike, else as it is."""
    if failed(p):
        return replace(p, rpe=FAILURE)
    if p.rpe is not None or near is None or near.rpe is None or p.kind != "working" or p.reps != near.reps \
            or p.load != near.load:
        return p
    return replace(p, rpe=min(max(near.rpe + step, 1.0), FAILURE))


def grind_read(performed: tuple[Performed, ...]) -> tuple[Performed, ...]:
    """A grind's sets (the last one rep short of the others) rated on the
    last alone, as one who rates every set logs them: the unrated sets
    before it at its load are read by the ramp from it, half a point a set
    (7, 7, 6 @ -, -, 10 is 9, 9.5, 10), though their reps are one more; the
    same tuple otherwise."""
    last = performed[-1] if performed else None
    if last is None or last.rpe is None or len(performed) < 2 or any(
            p.rpe is not None or p.kind != "working" or p.load != last.load for p in performed[:-1]):
        return performed
    n = len(performed)
    return tuple(replace(p, rpe=max(last.rpe - RAMP * (n - 1 - i), 1.0)) for i, p in enumerate(performed[:-1])) \
        + (last,)


GRIND_READ = "unrated sets of the grind read by the ramp from its last"


def how_read(logged: tuple[Performed, ...], read: tuple[Performed, ...]) -> str:
    """"logged -, -, 10: unrated sets read by the ramp": what a reading of
    the session's ratings rests on, for a note."""
    ways = ["a set to failure as RPE 10"] if any(failed(p) for p in logged) else []
    if any(p.rpe is None and not failed(p) and q.rpe is not None for p, q in zip(logged, read, strict=True)):
        ways.append(READ)
    return f"logged {ratings(logged)}: " + " and ".join(ways)


def failed(p: Performed) -> bool:
    """A set the log says went to failure, with no RPE of its own (a set
    of 0 reps is a missed attempt: to failure too)."""
    return p.rpe is None and (p.kind == "failure" or p.reps == 0)


def ratings(performed: Iterable[Performed]) -> str:
    """The ratings as logged: "-, -, 8", "-, -, failure"."""
    return ", ".join("failure" if failed(p) else "-" if p.rpe is None else f"{p.rpe:g}" for p in performed)


def evidence(sets: Sequence[Performed]) -> tuple[Performed, ...]:
    """The sets an e1RM is read from, as the session's effort is read
    (`engine.ramp.read_sets`): the rated ones, sets taken to failure at RPE
    10 and unrated sets before a rated one at the ramp's RPE, when the
    session rated any, else all of them at an assumed RPE. 100 x 3 rated
    -, -, 9 is read 8, 8.5, 9, as the session rated on every set: its best
    set an e1RM of 100 x (1 + 5/30), not 120 from a set assumed at the
    target's 7."""
    logged = tuple(sets)
    rated = tuple(p for p in read_sets(logged) if p.rpe is not None)
    return rated or logged


def rating_text(p: Performed, logged: Sequence[Performed], assumed: float) -> str:
    """How a set of `evidence` was rated, for a note: "RPE 8", "taken to
    failure, RPE 10", "RPE not logged, read as 7.5 by the ramp", "RPE not
    logged, taken as 8"."""
    if any(q is p for q in logged):
        return f"RPE {p.rpe:g}" if p.rpe is not None else f"RPE not logged, taken as {assumed:g}"
    if not p.reps:
        return "a missed attempt, read as a single at RPE 10"
    if p.kind == "failure":
        return f"taken to failure, RPE {p.rpe:g}"
    return f"RPE not logged, read as {p.rpe:g} by the ramp"
