"""A line's load against the form's other lines and newer sessions.

Each slot's training line progresses on its own sessions: a heavy and a
light day of one lift are two lines. The form's other sessions still say
what the athlete can do now, and the lines stay in step:

- `ceiling`: a newer hard session of the form from another line (a set at
  RPE 10, or a median of 9) caps a line whose load its median set puts
  more than a point past the target (Monday's squat failed at 102.5 kg,
  5, 4, 3 @ 8.5, 10, 10, a median set of 116.17 kg: Thursday's light day,
  which would add 2.5 kg to 100 kg x 5 @ RPE 6-7, is 90 kg). Never to no
  added load (a form's own moves say what comes then).
- `raised`: a cut after this line's session too hard goes no lower than a
  newer session of the form that was not hard puts at its target.
- `in_step`: a lighter line is never planned as heavy as a heavier one.
- `as_read`: a deload lightens the load the week after it comes to.

A week already done keeps the sheet it was handed, which knew the
sessions before the week (the `known` date), not those of its own week.
"""

from __future__ import annotations

import datetime as _dt
from typing import Mapping, Sequence

from engine.bodyweight import about
from engine.gear import floor, nearest, next_below
from engine.history import History, Session
from engine.loaded import EPS, Estimate, Loaded, n
from engine.loading import Loader
from engine.loads import rpe_at
from engine.model import Choice, Performed, Prescription, Target, TrainingState
from engine.model.base import replace
from engine.plannedsets import to_half
from engine.ratings import ratings
from engine.wording import named

OVER = 1.0  # RPE points over the target's top: another line's session that far says the load is out of reach
HARD = 9.0  # the median RPE (or a set at 10) that makes another line's session a sign of a load out of reach


def median_e1rm(loader: Loader, choice: Choice, sets: Sequence[Performed], top: float) -> float | None:
    """The e1RM of a session's median set (the lower middle one): how hard
    it was as a whole, neither its one bad set nor its best."""
    e1s = sorted(e for e in (loader.set_e1rm(choice, p, top) for p in sets) if e)
    return e1s[(len(e1s) - 1) // 2] if e1s else None


def ceiling(loader: Loader, choice: Choice, history: History | None, previous: TrainingState | None, target: Target,
            loaded: Loaded, known: _dt.date | None) -> tuple[Target, Loaded]:
    """The target and load, lighter where a newer session of the form from
    another line, before `known`, puts the load past the target (module
    docstring). `known`: the exposure's day, or for a week done the week's
    start: it keeps the sheet it was handed, which knew the sessions
    before it and not those of its own week."""
    imp, effort, load = loader.implement(choice), loader.effort, loaded.load
    if history is None or previous is None or known is None or load is None or effort is None \
            or imp is None or not imp.loaded or target.rpe is None:
        return target, loaded
    since = previous.performed[0].date if previous.status == "logged" and previous.performed else previous.date
    latest = _hard(history, choice, known)
    if since is None or latest is None or latest.date <= since:
        return target, loaded
    assert latest.working is not None
    sets, top = latest.working.sets, target.rpe[1]
    median = median_e1rm(loader, choice, sets, top)
    if median is None:
        return target, loaded
    share = loader.moved(choice, load) / median
    felt = rpe_at(effort, target.reps, share)
    wanted = loader.from_effort(choice, target.reps, top, Estimate(median, ""))[0]
    if to_half(felt) <= top + OVER or wanted >= load - EPS:
        return target, loaded
    new = floor(imp, wanted)  # (at or under the target's top: never over it)
    if new >= load - EPS or new <= EPS:  # (no added load at all: a form's own moves say what comes then)
        return target, loaded
    reps = ", ".join(str(p.reps) for p in sets)
    return _lowered(loader, choice, target, loaded, new, f"the session of {latest.date} ({reps} @ {ratings(sets)}), "
                    f"by its median set (e1RM {n(median)} {loader.units}), puts {imp.amount(load)} x {target.reps} "
                    f"{'past failure' if share > effort(target.reps, 10.0) + EPS else 'at ' + about(felt)}")


def _hard(history: History, choice: Choice, date: _dt.date) -> Session | None:
    """The form's latest session before `date` when it was hard, with a load."""
    latest = history.last_session(choice.key, date)
    group = latest.working if latest is not None else None
    if latest is None or group is None or group.load is None or not hard(latest):
        return None
    return latest


def hard(session: Session) -> bool:
    """A session with a set at RPE 10, or a median of 9: a failure, not
    a line's usual spread (the e1RMs of other rep ranges differ by more
    than a point across lines)."""
    group = session.working
    rated = sorted(p.rpe for p in group.sets if p.rpe is not None) if group is not None else []
    return bool(rated) and (rated[-1] >= 10.0 or rated[(len(rated) - 1) // 2] >= HARD)


def in_step(loader: Loader, choice: Choice, states: Mapping[str, TrainingState], line: str, target: Target,
            loaded: Loaded, week: int, done: bool, rxs: Mapping[str, Prescription]) -> tuple[Target, Loaded]:
    """The target and load, where a harder line of the form (one whose
    prescription, `rxs`, asks more of the e1RM at the bottom of its reps and
    the top of its RPE: 5 @ 8 against 5 @ 7, 8 @ 8 against 10 @ 8; not the
    same range at another rep of its progress), trained this week or the
    week before, is planned no heavier, under it: at what the e1RM its
    target puts at its load allows at this target's reps and top RPE, the
    nearest load there is, and at least the next load under that line's (a
    light day just under the heavy day, not three dumbbells under it).
    Lines planned from one max round to one load (25 lb dumbbells for 8 @
    RPE 7-8 and 8 @ 6-7), and lines restart apart after a failed session
    (one capped by `ceiling`, one cut from its weakest set or raised by a
    newer session: `raised`); a light day would then be
    planned as heavy as the heavy day, or heavier: Monday's 3 x 5 @ RPE 7-8
    at 92.5 kg is an e1RM of 114 kg, where Thursday's 5 at RPE 7 are 90 kg,
    not the 92.5 kg the light line comes to. A week `done` keeps its sheet."""
    imp, effort, load = loader.implement(choice), loader.effort, loaded.load
    if done or load is None or effort is None or imp is None or not imp.loaded or target.rpe is None:
        return target, loaded
    asks = {key: effort(rx.reps[0], rx.rpe[1] if rx.rpe else 10.0) for key, rx in rxs.items()}
    mine, prefix = asks.get(line, 0.0), f"{choice.key}|"
    limit, by, when = load, None, None
    for key, state in states.items():
        other = state.target
        if key == line or not key.startswith(prefix) or not week - 1 <= state.week <= week \
                or other.load is None or other.rpe is None:
            continue
        if asks.get(key, 0.0) <= mine + EPS or other.load > load + EPS:  # (not a harder line, or planned heavier)
            continue
        share = effort(other.reps, other.rpe[1])
        allowed = loader.from_effort(choice, target.reps, target.rpe[1],
                                     Estimate(loader.moved(choice, other.load) / share, ""))[0]
        if allowed < limit - EPS:
            limit, by, when = allowed, other, state.date
    if by is None or by.load is None or by.rpe is None:
        return target, loaded
    under = next_below(imp, by.load)
    new = max(nearest(imp, limit), limit if under is None else under)
    if new >= load - EPS or new <= EPS:
        return target, loaded
    lo, hi = by.rpe
    day = f"the heavier day of {when}" if when else "the heavier day"
    asked = f"{by.sets} x {by.reps} @ RPE {lo:g}" + (f"-{hi:g}" if hi != lo else "")
    e1 = loader.moved(choice, by.load) / effort(by.reps, hi)
    return _lowered(loader, choice, target, loaded, new, f"{day}, {asked} at {named(imp, by.load, loader.units)} "
                    f"(e1RM {n(e1)} {loader.units}), puts {target.reps} at RPE {target.rpe[1]:g} at "
                    f"{n(limit)} {loader.units}")


def raised(loader: Loader, choice: Choice, history: History, previous: TrainingState | None, target: Target,
           loaded: Loaded, known: _dt.date | None) -> tuple[Target, Loaded]:
    """A cut after this line's session too hard, no lighter than a newer
    session of the form, not hard (another line's, or an extra one), puts
    at the target's reps and top RPE by its median set (the heaviest load
    at or under that, and under the load that failed). Monday's squat
    failed at 102.5 kg (5, 4, 3 @ 8.5, 10, 10: cut from the weakest set to
    92.5), and Thursday's light day went well at 100 (5, 5, 5 @ 7, 7.5, 8:
    a median set of 125 kg): next Monday is 100 kg (5 at RPE 8 are 101.35),
    not 92.5 under a light day of 100. Sessions before `known`, as in
    `ceiling`."""
    imp, effort, load = loader.implement(choice), loader.effort, loaded.load
    if previous is None or previous.status != "logged" or not previous.performed or known is None \
            or load is None or effort is None or imp is None or not imp.loaded or target.rpe is None \
            or previous.target.load is None or (choice.key, previous.performed[0].date) not in loader.too_hard:
        return target, loaded
    latest = history.last_session(choice.key, known)
    if latest is None or latest.date <= previous.performed[0].date or latest.working is None or hard(latest):
        return target, loaded
    sets, top = latest.working.sets, target.rpe[1]
    median = median_e1rm(loader, choice, sets, top)
    if median is None:
        return target, loaded
    wanted = loader.from_effort(choice, target.reps, top, Estimate(median, ""))[0]
    below = next_below(imp, previous.target.load)
    new = min(floor(imp, wanted), load if below is None else below)
    if new <= load + EPS:
        return target, loaded
    reps = ", ".join(str(p.reps) for p in sets)
    return _lowered(loader, choice, target, loaded, new, f"the session of {latest.date} ({reps} @ {ratings(sets)}), "
                    f"newer, by its median set (e1RM {n(median)} {loader.units}), puts {target.reps} at RPE {top:g} "
                    f"at {n(wanted)} {loader.units}", since=previous.target.load)  # (a cut still)


def _lowered(loader: Loader, choice: Choice, target: Target, loaded: Loaded, new: float, why: str,
             since: float | None = None) -> tuple[Target, Loaded]:
    """The target and load at `new` (lighter, or a cut raised), saying why;
    the load basis's change is from `since` (else the load it replaces)."""
    imp, load, units = loader.implement(choice), loaded.load, loader.units
    assert imp is not None and load is not None
    held = f" ({target.note})" if target.note else ""  # the policy's own step, held back
    basis = None if loaded.basis is None else replace(loaded.basis, load=new, rounding=imp.how(new),
                                                      change=f"-{n((since or load) - new)} {units}", owed=0.0)
    return (replace(target, load=new, note=f"{named(imp, new, units)}, not {named(imp, load, units)}{held}: {why}"),
            Loaded(new, basis))


def as_read(loader: Loader, choice: Choice, history: History, previous: TrainingState, target: Target,
            known: _dt.date | None) -> Target:
    """The target a deload lightens, read as the week after it reads the
    log (`ceiling`, `raised`): after a failed light day, 0.9 x the 90 kg
    the heavy day comes to, not 0.9 x the 102.5 it lifted."""
    if target.load is None:
        return target
    capped, loaded = ceiling(loader, choice, history, previous, target, Loaded(target.load, None), known)
    return raised(loader, choice, history, previous, capped, loaded, known)[0]
