"""How a logged session becomes one e1RM: by its best set, its weakest,
its lower middle one, or its best set's load read as one ramp.

A load from effort is read from the session's best set, as a top set is:
the first, fresh set at a load, which fatigue makes easier than the sets
after it (`engine.ratings.RAMP`: half a point a set). A best set far out of
line with the sets after it at the same load is not the session, though:
105 kg x 5 @ 4, 8, 8 is an e1RM of 143.5 by the 4 alone, where 115 kg for
3 x 5 is past failure by the two 8s. So every set at the best set's load
is read as a first set, its rating less half a point for each set before
it at that load (4, 8, 8 read 4, 7.5, 7), and the lower middle of those
readings (7) is the session as a whole. The best set stands within half
a point of it (`SLACK`: one set's fatigue); past that, the session's e1RM
is the whole's read half a point easier, the most the other sets allow:
5 @ 6.5, 105 x (1 + 8.5/30) = 134.75. A session on the ramp (8, 8.5, 9
reads 8, 8, 8), rated flat (8, 8, 8) or ramping a point a set as a range
allows (7, 8, 9; 7, 8 on 7-8) keeps its best set. A better rating never
reads less: beside 8, 8, a first set reads 6.5 at most (6 and 4 alike).
"""

from __future__ import annotations

from typing import Callable, NamedTuple, Sequence

from engine.model import Performed
from engine.model.base import replace
from engine.ratings import RAMP

SLACK = RAMP  # how far the best set may be out of line with the session as a whole: one set's fatigue


class Whole(NamedTuple):
    """The session's sets at its best set's load, read as one ramp, where
    the best set is more than half a point out of line with them."""

    e1rm: float  # the whole's reading half a point easier: the session's e1RM
    logged: Performed  # the set the reading is of, as read (`engine.ratings.evidence`)
    place: int  # its place among the sets at that load (0: the first)
    fresh: float  # its rating less the ramp's half point a set before it
    of: int  # how many sets that load had
    best: Performed  # the set out of line
    best_e1rm: float


def reading(evidence: Sequence[Performed], how: str, e1rm: Callable[[Performed], float | None],
            logged: Sequence[Performed] = ()) -> tuple[float, Performed, Whole | None] | None:
    """The e1RM of a session's `evidence` (`engine.ratings.evidence`) `how`
    ("lowest", "middle", "whole", else the best), the set it is of, and the
    sets as one ramp when it is theirs (`logged`: the session's sets, each
    of them at the load a set before those after it)."""
    read = sorted(((e, p) for p in evidence if (e := e1rm(p)) is not None), key=lambda pair: pair[0])
    if not read:
        return None
    e1, p = read[(len(read) - 1) // 2] if how == "middle" else read[0] if how == "lowest" else read[-1]
    w = as_one_ramp(evidence, p, e1, e1rm, logged) if how == "whole" else None
    return (w.e1rm, w.logged, w) if w is not None else (e1, p, None)


def as_one_ramp(sets: Sequence[Performed], best: Performed, best_e1rm: float,
                e1rm: Callable[[Performed], float | None], logged: Sequence[Performed] = ()) -> Whole | None:
    """The lower middle of the rated sets at `best`'s load, each read as a
    first set, where `best` reads more than half a point easier than it;
    else None (and with fewer than two such sets)."""
    same = [p for p in sets if p.load == best.load and p.reps > 0 and p.rpe is not None]
    if len(same) < 2:
        return None
    done = [q for q in logged if q.load == best.load and q.reps > 0]
    places = {q.source: i for i, q in enumerate(done)} if len({q.source for q in done}) == len(done) else {}
    read = []
    for i, p in enumerate(same):
        assert p.rpe is not None
        place = places.get(p.source, i)
        fresh = max(p.rpe - RAMP * place, 1.0)
        e = e1rm(replace(p, rpe=fresh))
        if e is not None:
            read.append((e, place, fresh, p))
    if not read:
        return None
    read.sort(key=lambda r: r[0])
    _, place, fresh, p = read[(len(read) - 1) // 2]
    easier = e1rm(replace(p, rpe=max(fresh - SLACK, 1.0)))
    if easier is None or best_e1rm <= easier + 1e-9:
        return None
    return Whole(easier, p, place, fresh, max(len(done), len(same)), best, best_e1rm)


def whole_text(w: Whole, units: str, number: Callable[[float], str]) -> str:
    """"; its best set, 5 x 105 kg @ 4 (e1RM 143.5 kg), is more than half a
    point out of line with set 3 of 3 at that load, RPE 7 as a first set
    (half a point a set): read at RPE 6.5", for the load basis."""
    b, rated = w.best, "-" if w.best.rpe is None else f"{w.best.rpe:g}"
    return (f"; its best set, {b.reps} x {number(b.load or 0.0)} {units} @ {rated} (e1RM {number(w.best_e1rm)} "
            f"{units}), is more than half a point out of line with set {w.place + 1} of {w.of} at that load, RPE "
            f"{w.fresh:g} as a first set (half a point a set): read at RPE {max(w.fresh - SLACK, 1.0):g}")


def whole_caveat(w: Whole, units: str, number: Callable[[float], str]) -> str:
    """What the sheet says of it: "the e1RM reads the session as a whole:
    its best set, 5 x 105 kg @ 4, is out of line with the others"."""
    b, rated = w.best, "-" if w.best.rpe is None else f"{w.best.rpe:g}"
    return (f"the e1RM reads the session as a whole: its best set, {b.reps} x {number(b.load or 0.0)} {units} "
            f"@ {rated}, is out of line with the others")
