"""A logged session whose working sets are the planned load in the other
units: 85 typed with `lb` by a kg athlete planned 85 kg (38.56 kg as
written), or 253.5 typed under a kg header for a planned 115 kg (253.5 lb,
253.5 kg as written). The coach hears of it once per session, at the
set's line, with both readings.

Only the session's working sets (its heaviest) are compared with the plan:
an unmarked warm-up of 95 lb on a day planned 95 kg is a warm-up. The
number typed must match the plan's number in the other units, within 5%:
that needs the log's own number and unit (`LoggedSet`). 45 kg logged
under kg on a day planned 100 kg is a light session, not 99.2 lb. A
session far over a plan that was made from a session in doubt is the
athlete's real strength, not another slip.

Such a session is read as written, but for one case: as written it is
more than twice the plan, and the athlete's own record agrees that it was
typed in the other units (`engine.slipwitness`). Only the sets of that
number are then read in the units they were typed in (`as_typed`), and
the plan is made again: a 230 kg deload planned from a 253.5 kg "deadlift"
would be a danger. A session far lighter than planned stays as written:
light days, an empty bar, a deload, an injury are real."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Mapping

from engine.errors import WARNING, Problem
from engine.loading import Loader
from engine.loads import convert
from engine.logmodel import Log, LoggedSet
from engine.model import Exercise, Performed, Plan, PlannedExercise
from engine.model.base import replace
from engine.slipwitness import FAR, Witness, beyond_body, beyond_max, witnesses

TOLERANCE = 0.05  # of the planned load: a set a little off the plan in the wrong units still reads as one
# a number typed in the other units that, as written, is over twice the plan may be further off the plan
# (200 lb lifted on a day planned 97.5 kg, typed under kg): the witnesses judge it (`engine.slipwitness`)
HEAVY_TOLERANCE = 0.15

Doubted = set[tuple[str, "str | None", _dt.date]]  # exercise, variant, date of sessions warned about
# a session's sets of one number and unit (read in the other units), and with DECIMAL after it, read a tenth
Key = tuple[Any, ...]
DECIMAL = "decimal"


class Reader:
    """What judging a session against the plan needs: the log as read,
    the catalog and the loads' source (for the e1RMs the athlete's record
    gives), and the plan's units."""

    def __init__(self, log: Log, exercises: Mapping[str, Exercise], loader: Loader, units: str) -> None:
        self.log, self.exercises, self.loader, self.units = log, exercises, loader, units
        self.tenths: Doubted = set()  # sessions read with the decimal point they were missing: no witnesses


def as_typed(plan: Plan, reader: Reader, planned: Callable[[Log], Plan]) -> tuple[Plan, Log, list[Problem]]:
    """The plan (made by `planned` from a log) with each slip the athlete's
    record witnesses read as typed, the log so read, and the warnings:
    each session read so said once, at its round, and every other slip as
    the last plan finds it."""
    flips: list[Problem] = []
    # slips in a row are read one round each, with the plan the one before made; each round reads at least
    # one session anew, and a session read as typed is never a slip again, so the log's length bounds it
    for _ in range(len(reader.log.sets) + 1):
        found = unit_slips(plan, reader)
        keys = {key for _, read, _ in found for key in read}
        if not keys:
            break
        flips += [problem for problem, read, _ in found if read]
        reader.tenths |= {(key[2], key[3], key[1]) for key in keys if key[-1] == DECIMAL}
        reader.log = read_as_typed(reader.log, keys)
        plan = planned(reader.log)
    else:
        found = unit_slips(plan, reader)
    kept = [(problem, ex) for problem, read, ex in found if not read]
    return in_doubt(plan, kept), reader.log, flips + [problem for problem, _ in kept]


def in_doubt(plan: Plan, kept: list[tuple[Problem, PlannedExercise]]) -> Plan:
    """The plan with the exposure after each session read as written though
    its numbers are in doubt saying so, where the sheet handed out shows
    it: "the session of 2027-01-04 is in doubt: see the warning at
    log.csv:5" (a load planned from 107.5 lb typed for 107.5 kg otherwise
    reads like progress)."""
    after = {id(ex): f"the session of {ex.performed[0].date} is in doubt: see the warning at {problem.file}:"
                     f"{problem.line}" for problem, ex in kept if ex.performed}
    if not after:
        return plan
    waiting: dict[tuple[str, str], list[str]] = {}  # (slot, form) -> what its next exposure says

    def noted(ex: PlannedExercise) -> PlannedExercise:
        said = waiting.pop((ex.slot, ex.choice.key), [])
        if id(ex) in after:
            waiting.setdefault((ex.slot, ex.choice.key), []).append(after[id(ex)])
        return replace(ex, target=replace(ex.target, note="; ".join(filter(None, (ex.target.note, *said))))) \
            if said else ex

    weeks = []  # in the plan's order: each note goes to the exposure after its session's
    for week in plan.weeks:
        days = tuple(replace(day, exercises=tuple(noted(ex) for ex in day.exercises)) for day in week.days)
        weeks.append(replace(week, days=days))
    return replace(plan, weeks=tuple(weeks))


def read_as_typed(log: Log, keys: set[Key]) -> Log:
    """The log with each set of these numbers in the units it was typed in
    (a key ending in `DECIMAL`: with the decimal point it was missing)."""
    def flipped(s: LoggedSet) -> LoggedSet:
        key = (s.file, s.date, s.exercise, s.variant, s.units, s.load)
        if (*key, DECIMAL) in keys:
            return replace(s, load=(s.load or 0.0) / 10)
        if key not in keys:
            return s
        return replace(s, units="lb" if s.units == "kg" else "kg")
    return log.keeping(flipped(s) for s in log.sets)


def unit_slips(plan: Plan, reader: Reader) -> list[tuple[Problem, list[Key], PlannedExercise]]:
    """A warning for each logged session whose working sets are the load
    planned for them in the other units, with the sets to read as typed
    where the athlete's record witnesses it, and its exposure."""
    found: list[tuple[Problem, list[Key], PlannedExercise]] = []
    doubted: Doubted = set()
    rows: dict[str, LoggedSet] | None = None
    for week in plan.weeks:
        for day in week.days:
            for ex in day.exercises:
                working = _working(ex)
                over, tenth = not working and _far_over(ex), not working and _tenth(ex)
                if not (working or over or tenth):
                    continue
                rows = rows if rows is not None else {f"{s.file}:{s.line}": s for s in reader.log.sets}
                slip = _slip(ex, working, rows, reader, doubted) if working else \
                    _decimal(ex, rows, reader, doubted) or _over_max(ex, rows, reader, doubted) if over else \
                    _tenth_said(ex, rows, reader, doubted)
                if slip is not None:
                    found.append((*slip, ex))
    return found


def _working(ex: PlannedExercise) -> list[Performed]:
    """The session's heaviest sets, when their load, read in the other
    units, is near the load planned (within 5%, or 15% where as written it
    is the heavier: a cheap first look); else none."""
    planned = ex.target.load
    if not ex.performed or ex.logged_as is not None or not planned or planned <= 0:
        return []
    top = max((p.load or 0.0 for p in ex.performed), default=0.0)
    if top <= 0:
        return []
    near = abs(convert(top, "kg", "lb") - planned) <= TOLERANCE * planned \
        or abs(convert(top, "lb", "kg") - planned) <= HEAVY_TOLERANCE * planned
    return [p for p in ex.performed if p.load == top] if near else []


def _far_over(ex: PlannedExercise) -> bool:
    """Whether the session's heaviest set, as read, is more than `FAR`
    times the load planned (a cheap first look for `_over_max`)."""
    planned = ex.target.load
    return bool(ex.performed and ex.logged_as is None and planned and planned > 0
                and max(p.load or 0.0 for p in ex.performed) > FAR * planned)


def _decimal(ex: PlannedExercise, rows: dict[str, LoggedSet], reader: Reader,
             doubted: Doubted) -> tuple[Problem, list[Key]] | None:
    """A session far over the plan whose heaviest sets, a tenth of their
    number, are the load planned (within 5%): 725 typed for a planned 72.5
    kg. Read so where the athlete's record agrees (`engine.slipwitness`:
    as written, an e1RM more than `FAR` times the max's and the sessions
    before it; as meant, near them; the max alone where, as written, it is
    no lift: `engine.slipwitness.beyond_body`), as a slip of units is; else
    said, and read as written; None when a tenth is not the plan."""
    from engine.loaded import n

    planned, units = ex.target.load, reader.units
    assert planned is not None
    top = max(p.load or 0.0 for p in ex.performed)
    sets = [rows[p.source] for p in ex.performed if p.load == top and p.source in rows]
    if not sets or len({(s.units, s.load) for s in sets}) > 1:
        return None
    row = sets[0]
    if _blamed(row, doubted, _last_before(reader.log, row, units, doubted)):
        return None  # planned from an earlier session in doubt (a tenth of it): this one is as logged
    meant = replace(row, load=(row.load or 0.0) / 10)
    as_meant = convert(meant.load or 0.0, row.units, units)
    if abs(as_meant - planned) > TOLERANCE * planned:
        return None
    # the max alone witnesses a number that, as written, is no lift (a max typed a tenth would read right ones down)
    alone = beyond_body(reader.exercises, reader.loader, row)
    seen = witnesses(reader.log, reader.exercises, reader.loader, row, doubted | reader.tenths, meant, alone)
    doubted.add((row.exercise, row.variant, row.date))
    first = f"{_logged(ex, row)}, and {n(planned)} {units} was planned"
    if seen is None:  # (no max to witness it, or one that disagrees)
        said = (f"{first}: if it was {n(meant.load or 0.0)} {row.units}, a decimal point missing, fix the number in "
                "the log, or the profile's max if that is what is off (the plan reads it as written)")
        return _warning(reader.log, row, said), []
    said = (f"{first}: read as {n(meant.load or 0.0)} {row.units}, a decimal point missing, as "
            f"{_listed(seen, units)} {_verb(seen)}, where as written it would be "
            f"{convert(row.load or 0.0, row.units, units) / planned:.0f} times the plan; fix the number in the log")
    keys = {(*key, DECIMAL) for key in _with_back_offs(ex, rows, row, as_meant, units)}
    return _warning(reader.log, row, said), sorted(keys, key=repr)


def _tenth(ex: PlannedExercise) -> bool:
    """Whether the session's heaviest sets, ten times their number, are the
    load planned (within 5%): 1.75 typed for a planned 17.5 kg."""
    planned = ex.target.load
    if not ex.performed or ex.logged_as is not None or not planned or planned <= 0:
        return False
    top = max(p.load or 0.0 for p in ex.performed)
    return top > 0 and abs(10 * top - planned) <= TOLERANCE * planned


def _tenth_said(ex: PlannedExercise, rows: dict[str, LoggedSet], reader: Reader,
                doubted: Doubted) -> tuple[Problem, list[Key]] | None:
    """A warning for a session a tenth of the plan (`_tenth`), read as
    written: a session far lighter than planned may be real. None for one
    logged right after a session in doubt: the plan it is compared with
    came from that one (the warning is there)."""
    from engine.loaded import n

    row = _top_row(ex, rows)
    if row is None or ex.target.load is None \
            or _blamed(row, doubted, _last_before(reader.log, row, reader.units, doubted)):
        return None
    doubted.add((row.exercise, row.variant, row.date))
    said = (f"{_logged(ex, row)}, and {n(ex.target.load)} {reader.units} was planned, a tenth of it: if a "
            "decimal point was misplaced "
            f"({n((row.load or 0.0) * 10)} {row.units}), fix the number in the log; the plan reads it as written "
            "(a light day, rated far under the target, keeps its target)")
    return _warning(reader.log, row, said), []


def _over_max(ex: PlannedExercise, rows: dict[str, LoggedSet], reader: Reader,
              doubted: Doubted) -> tuple[Problem, list[Key]] | None:
    """A warning for a session far over the plan that no reading matches
    (the plan made from a light day before it): as written, an e1RM more
    than `FAR` times the profile's max is said, never read otherwise."""
    from engine.loaded import n

    row = _top_row(ex, rows)
    found = beyond_max(reader.exercises, reader.loader, row) if row is not None else None
    if row is None or found is None:
        return None
    doubted.add((row.exercise, row.variant, row.date))
    said = (f"{_logged(ex, row)} x {row.reps} is an e1RM "
            f"of {n(found[0])} {reader.units}, more than {FAR:g} times the profile's max (e1RM {n(found[1])} "
            f"{reader.units}): check the units of this session's sets, or update the max (the plan reads them as "
            "written)")
    return _warning(reader.log, row, said), []


def _logged(ex: PlannedExercise, row: LoggedSet) -> str:
    """"High-bar back squat on 2027-01-04: the log's 725 kg", how each warning here starts."""
    from engine.loaded import n

    return f"{ex.choice.name} on {row.date}: the log's {n(row.load or 0.0)} {row.units}"


def _top_row(ex: PlannedExercise, rows: dict[str, LoggedSet]) -> LoggedSet | None:
    """The log's row of the session's heaviest set."""
    return rows.get(max(ex.performed, key=lambda p: p.load or 0.0).source)


def _warning(log: Log, row: LoggedSet, said: str) -> Problem:
    """A warning at the set's load cell."""
    path, line, column = log.load_cell(row)
    return Problem(row.file, path, said, WARNING, line=line, column=column)


def _slip(ex: PlannedExercise, working: list[Performed], rows: dict[str, LoggedSet], reader: Reader,
          doubted: Doubted) -> tuple[Problem, list[Key]] | None:
    from engine.loaded import n

    planned, units, log = ex.target.load, reader.units, reader.log
    assert planned is not None
    sets = [rows[p.source] for p in working if p.source in rows]
    if not sets or len({(s.units, s.load) for s in sets}) > 1:
        return None
    row = sets[0]
    typed = "lb" if row.units == "kg" else "kg"  # the units the number was typed in, if it is a slip
    meant, as_read = convert(row.load or 0.0, typed, units), convert(row.load or 0.0, row.units, units)
    heavy = as_read > meant  # as written the heavier reading: over twice the plan, near it as typed
    if abs(meant - planned) > (HEAVY_TOLERANCE if heavy else TOLERANCE) * planned:
        return None
    if heavy and _blamed(row, doubted, _last_before(log, row, units, doubted)):
        return None  # planned from an earlier session in doubt: this one is as logged
    seen = witnesses(log, reader.exercises, reader.loader, row, doubted) if heavy else None
    doubted.add((row.exercise, row.variant, row.date))
    first = _logged(ex, row) \
        + (f" ({n(as_read)} {units})" if row.units != units else "") + f", and {n(planned)} {units} was planned"
    both = f"{n(row.load or 0.0)} {typed}" + (f" ({n(meant)} {units})" if typed != units else "")
    if seen is None:
        said = f"{first}: if it was {both}, fix the units of this session's sets (the plan reads them as written)"
        return _warning(log, row, said), []
    said = (f"{first}: read as {both}, as {_listed(seen, units)} {_verb(seen)}, where as "
            "written it would be more than twice the plan; check the units of this session's sets")
    return _warning(log, row, said), _with_back_offs(ex, rows, row, meant, units)


def _with_back_offs(ex: PlannedExercise, rows: dict[str, LoggedSet], row: LoggedSet, meant: float,
                    units: str) -> list[Key]:
    """The sets to read as typed: those of the slipped number, and the
    session's other sets in its unit that, as written, would be more than
    `FAR` times it as read: back-offs typed the same way (215, 185, 185
    under kg for 97.5, 84, 84 kg). A right set next to a slipped one (97.5
    kg beside a 215 typed in pounds) stays as logged."""
    keys = {(row.file, row.date, row.exercise, row.variant, row.units, row.load)}
    for p in ex.performed:
        other = rows.get(p.source)
        if other is not None and other.units == row.units and other.date == row.date \
                and convert(other.load or 0.0, other.units, units) > FAR * meant:
            keys.add((other.file, other.date, other.exercise, other.variant, other.units, other.load))
    return sorted(keys, key=repr)


def _verb(seen: list[Witness]) -> str:
    """"says" after the profile's max alone, "say" after the sessions before it or several witnesses."""
    return "says" if len(seen) == 1 and not seen[0][1].startswith("the sessions") else "say"


def _listed(seen: list[Witness], units: str) -> str:
    from engine.loaded import n

    parts = [f"{what} (e1RM {n(e1)} {units})" for e1, what in seen]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _blamed(row: LoggedSet, doubted: Doubted,
            before: tuple[_dt.date, float] | None) -> bool:
    """Whether a session of the same form in doubt came after the last one
    not in doubt: the plan was made from it, so a session far over that
    plan is the athlete's real strength."""
    return any(exercise == row.exercise and variant == row.variant and date < row.date
               and (before is None or date > before[0]) for exercise, variant, date in doubted)


def _last_before(log: Log, row: LoggedSet, units: str, doubted: Doubted) -> tuple[_dt.date, float] | None:
    """The date and heaviest load (in `units`) of the last session of the
    same form before `row`'s, in the log, that is not itself in doubt."""
    earlier = [s for s in log.sets if s.exercise == row.exercise and s.variant == row.variant
               and s.date < row.date and s.counts and s.load and (s.exercise, s.variant, s.date) not in doubted]
    if not earlier:
        return None
    last = max(s.date for s in earlier)
    return last, max(convert(s.load or 0.0, s.units, units) for s in earlier if s.date == last)
