"""How a logged session becomes one e1RM: by its best set, its weakest,
its lower middle one, or its best set's load read as one ramp.

A load from effort is read from the session's best set, as a top set is:
the first, fresh set at a load, which fatigue makes easier than the sets
after it (`engine.ratings.RAMP`: half a point a set). A best set far out of
line with the sets after it at the same load is not the session, though:
105 kg x 5 @ 4, 8, 8 is an e1RM of 143.5 by the 4 alone, where 115 kg for
3 x 5 is past failure by the two 8s. So every rated set at the best set's
load is read as a first set, its rating less half a point for each such
set before it (4, 8, 8 read 4, 7.5, 7), and the lower middle of those
readings (7) is the session as a whole. The best set stands within a
point of it (`POINT`, the slack the too-hard rule allows a session too);
past that the e1RM is the whole's read a point easier (RPE 6: 136.5 kg).
A session on the ramp (8, 8.5, 9 reads 8, 8, 8), rated flat (8, 8, 8) or
ramping a point a set as a range allows (7, 8 on 7-8) keeps its best set.
"""

from __future__ import annotations

from typing import Callable, NamedTuple, Sequence

from engine.loaded import EPS
from engine.model import Performed
from engine.model.base import replace
from engine.ratings import RAMP

POINT = 1.0  # how far the best set may be out of line with the session as a whole


class Whole(NamedTuple):
    """The session's sets at one load, read as one ramp."""

    e1rm: float  # the whole's reading a point easier: the most the best set may read
    logged: Performed  # the set the reading is of, as read (`engine.ratings.evidence`)
    place: int  # its place among the sets at that load (0: the first)
    fresh: float  # its rating less the ramp's half point a set before it
    of: int  # how many rated sets that load had


def reading(evidence: Sequence[Performed], how: str,
            e1rm: Callable[[Performed], float | None]) -> tuple[float, Performed, Whole | None] | None:
    """The e1RM of a session's `evidence` (`engine.ratings.evidence`) `how`
    ("lowest", "middle", "whole", else the best), the set it is of, and the
    sets as one ramp when it is theirs."""
    read = sorted(((e, p) for p in evidence if (e := e1rm(p)) is not None), key=lambda pair: pair[0])
    if not read:
        return None
    e1, p = read[(len(read) - 1) // 2] if how == "middle" else read[0] if how == "lowest" else read[-1]
    w = as_one_ramp(evidence, p, e1rm) if how == "whole" else None
    return (w.e1rm, w.logged, w) if w is not None and w.e1rm < e1 - EPS else (e1, p, None)


def as_one_ramp(sets: Sequence[Performed], best: Performed,
                e1rm: Callable[[Performed], float | None]) -> Whole | None:
    """The lower middle of the rated sets at `best`'s load, each read as
    a first set; None with fewer than two such sets."""
    same = [p for p in sets if p.load == best.load and p.reps > 0 and p.rpe is not None]
    if len(same) < 2:
        return None
    read = []
    for i, p in enumerate(same):
        assert p.rpe is not None
        fresh = max(p.rpe - RAMP * i, 1.0)
        e = e1rm(replace(p, rpe=fresh))
        if e is not None:
            read.append((e, i, fresh, p))
    if not read:
        return None
    read.sort(key=lambda r: r[0])
    _, i, fresh, p = read[(len(read) - 1) // 2]
    easier = e1rm(replace(p, rpe=max(fresh - POINT, 1.0)))
    return Whole(easier, p, i, fresh, len(same)) if easier is not None else None


def whole_text(w: Whole) -> str:
    """"; its best set is more than a point out of line with set 3 of 3 at
    that load, RPE 7 as a first set (half a point a set): read at RPE 6",
    for the load basis."""
    return (f"; its best set is more than a point out of line with set {w.place + 1} of {w.of} at that load, "
            f"RPE {w.fresh:g} as a first set (half a point a set): read at RPE {max(w.fresh - POINT, 1.0):g}")
