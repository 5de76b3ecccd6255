"""How a logged session becomes one e1RM: by its best set, its weakest,
its lower middle one, or its best set's load read as one ramp.

A load from effort is read from the session's best set, as a top set is:
the first, fresh set at a load, which fatigue makes easier than the sets
after it (`engine.ratings.RAMP`: half a point a set). A best set far out of
line with the rest of the session is not the session, though: 105 kg x 5
@ 4, 8, 8 is an e1RM of 143.5 by the 4 alone, where 115 kg for 3 x 5 is
past failure by the two 8s. So every set the log rated at that load is
read as a first set, its rating less half a point for each set before it
at that load (4, 8, 8 read 4, 7.5, 7), and half a point easier (`SLACK`:
one set's fatigue), and the median of those readings (with an even count,
the lower of the middle two, read a point easier) is the most the session
reads: 7 read at 6.5, 134.75. Each reading grows with its set's rating and so does their
median: a better rating never reads less. A session on the ramp (8, 8.5,
9), ramping a point a set (7, 8, 9), rated flat (8, 8, 8), or with a last
set a rep short (11, 11, 10 @ 8, 8.5, 9.5) keeps its best set. Each load
is read so on its own sets and the session reads the best of them: a top
set out of line reads no less than its back-offs, and a better rating
never reads less across loads either.
"""

from __future__ import annotations

from typing import Callable, NamedTuple, Sequence

from engine.loaded import n
from engine.model import Performed
from engine.model.base import replace
from engine.ratings import RAMP

SLACK = RAMP  # how much easier each set is read: one set's fatigue, the most an outlier buys


class Whole(NamedTuple):
    """The session's rated sets at its best set's load, read as one ramp,
    where their median reads less than the best set."""

    e1rm: float  # the median reading: the session's e1RM
    logged: Performed  # the (lower) middle set, as the log has it
    place: int  # its place among the sets at that load (0: the first)
    fresh: float  # its rating less the ramp's half point a set before it
    of: int  # how many sets that load had
    best: Performed  # the set out of line: the best the log rated
    best_e1rm: float
    even: bool = False  # an even count of sets read: the lower of the middle two
    rated: tuple[Performed, ...] = ()  # the sets read, as the log has them


Reading = tuple[float, Performed, "Whole | None"]  # an e1RM, the set it is of, and the session as a whole


def reading(evidence: Sequence[Performed], how: str, e1rm: Callable[[Performed], float | None],
            logged: Sequence[Performed] = ()) -> Reading | None:
    """The e1RM of a session's `evidence` (`engine.ratings.evidence`) `how`
    ("lowest", "middle", "whole", else the best), the set it is of, and the
    sets as one ramp when it is theirs (`logged`: the session's sets, each
    of them at the load a set before those after it)."""
    read = sorted(((e, p) for p in evidence if (e := e1rm(p)) is not None), key=lambda pair: pair[0])
    if not read:
        return None
    if how == "whole":  # each load read as a whole, the session at the best of them
        return max((_at_load(evidence, best, e1rm, logged) for best in _bests(read)), key=lambda r: r[0])
    e1, p = read[(len(read) - 1) // 2] if how == "middle" else read[0] if how == "lowest" else read[-1]
    return e1, p, None


def _bests(read: Sequence[tuple[float, Performed]]) -> list[tuple[float, Performed]]:
    """The best set at each load, the heaviest reading first (of equal readings, the first kept)."""
    seen: dict[float | None, tuple[float, Performed]] = {}
    for e, p in reversed(read):
        seen.setdefault(p.load, (e, p))
    return list(seen.values())


def _at_load(evidence: Sequence[Performed], best: tuple[float, Performed], e1rm: Callable[[Performed], float | None],
             logged: Sequence[Performed]) -> tuple[float, Performed, Whole | None]:
    w = as_one_ramp(evidence, best[1], best[0], e1rm, logged)
    return (w.e1rm, w.logged, w) if w is not None else (best[0], best[1], None)


def as_one_ramp(sets: Sequence[Performed], best: Performed, best_e1rm: float,
                e1rm: Callable[[Performed], float | None], logged: Sequence[Performed] = ()) -> Whole | None:
    """The median of the sets the log rated at `best`'s load (a set the
    ramp read from another's rating is not one), each read as a first set
    and half a point easier (the lower middle with an even count),
    where `best` reads more than it; else None (and with one such set).
    With an even count, the lower middle one, read a point easier: of 4, 8
    the 8 (either may be mistyped, and the heavier plan is the one that
    hurts), with room for a ramp of a point and a half (7, 8.5 keeps its 7)."""
    rated = [p for p in sets if p.load == best.load and p.reps > 0 and p.rpe is not None
             and (not logged or any(p is q for q in logged))]
    if len(rated) < 2:
        return None
    done = [q for q in logged if q.load == best.load and q.reps > 0]
    places = {q.source: i for i, q in enumerate(done)} if len({q.source for q in done}) == len(done) else {}
    read = []
    slack = SLACK if len(rated) % 2 else 2 * SLACK  # of two middle sets, the lower, a half point more allowed
    for i, p in enumerate(rated):
        assert p.rpe is not None
        place = places.get(p.source, i)
        fresh = max(p.rpe - RAMP * place, 1.0)
        e = e1rm(replace(p, rpe=max(fresh - slack, 1.0)))  # each read easier: the median stays monotone
        if e is not None:
            read.append((e, place, fresh, p))
    if len(read) < 2:
        return None
    read.sort(key=lambda r: r[0])
    median, place, fresh, p = read[(len(read) - 1) // 2]  # the lower middle: of two, the lower (an outlier's no say)
    if best_e1rm <= median + 1e-9:
        return None
    top = max(rated, key=lambda q: e1rm(q) or 0.0)  # the set out of line, as the log rated it
    return Whole(median, p, place, fresh, max(len(done), len(rated)), top, e1rm(top) or best_e1rm,
                 len(read) % 2 == 0, tuple(rated))


def whole_text(w: Whole, units: str, number: Callable[[float], str]) -> str:
    """"; its best set, 5 x 105 kg @ 4 at log.csv:8 (e1RM 143.5 kg), reads
    more than the session's middle set, set 3 of 3 at that load, RPE 7 as a
    first set (half a point a set), read half a point easier", for the load
    basis."""
    b, rated = w.best, "-" if w.best.rpe is None else f"{w.best.rpe:g}"
    at = f" at {b.source}" if b.source else ""
    middle = (f"the session's {'lower ' if w.even else ''}middle set, set {w.place + 1} of {w.of} at that load, "
              f"RPE {w.fresh:g} as a first set")
    return (f"; its best set, {b.reps} x {number(b.load or 0.0)} {units} @ {rated}{at} (e1RM {number(w.best_e1rm)} "
            f"{units}), reads more than {middle} (half a point a set), read {'a point' if w.even else 'half a point'} "
            "easier")


NOTED = 0.01  # a discount the sheet says: under it, a set a little out of line (11, 11, 10 @ 8, 8.5, 9.5) is no news


def whole_caveat(w: Whole | None, e1rm: float, units: str, number: Callable[[float], str]) -> str:
    """What the sheet says of it, where the reading took 1% or more off the
    best set's (explain always says it): "the e1RM reads the session as a
    whole: its best set, 5 x 105 kg @ 4, reads more than the others at its load"."""
    if w is None or w.best_e1rm <= e1rm * (1 + NOTED):
        return ""
    b, rated = w.best, "-" if w.best.rpe is None else f"{w.best.rpe:g}"
    if any((p.rpe or 0.0) >= 10.0 and p.reps < b.reps for p in w.rated):  # a set failed: say so, not an outlier
        return (f"the e1RM reads the session as a whole: its reps fell at RPE 10 "
                f"({', '.join(str(p.reps) for p in w.rated)} x {number(b.load or 0.0)} {units} @ "
                f"{', '.join(f'{p.rpe:g}' for p in w.rated)})")
    return (f"the e1RM reads the session as a whole: its best set, {b.reps} x {number(b.load or 0.0)} {units} "
            f"@ {rated}, reads more than the others at its load")


def session_text(found: Reading, rated: str, units: str, counted: str, extra: bool, how: str) -> str:
    """"logged 2027-01-04: 5 x 105 kg (RPE 8) at log.csv:10", with what the
    reading took from the session (`how`: its weakest set, its median),
    for the load basis; `rated`: how the set named was rated, `counted`:
    what its e1RM counts besides the implement named."""
    best, w = found[1], found[2]
    return (f"logged {best.date}{' (an extra session, not planned)' if extra else ''}: "
            f"{best.reps} x {n(best.load or 0)} {units} ({rated}{counted}) at {best.source}"
            + {"lowest": ", the weakest set of a session that was too hard", "middle": ", the median set "
               "of a session too hard, the cut gone back to a load done on target"}.get(how, "")
            + (whole_text(w, units, n) if w is not None else ""))
