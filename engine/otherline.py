"""A line's load against a newer session of its form from another line.

Each slot's training line progresses on its own sessions: a heavy and a
light day of one lift are two lines. A session of the form from another
line, newer than this line's last, still says what the athlete can do
now: Monday's heavy squat failed at 102.5 kg (5, 4, 3 @ 8.5, 10, 10), and
Thursday's light day would add 2.5 kg to 100 kg x 5 on a day meant for
RPE 6-7. Read by its median set (4 @ 10: an e1RM of 116.17 kg), that
session puts 100 x 5 at about RPE 10.2. So where such a session puts a
line's load more than a point over the top of its target, the load comes
down to the top of the target by that e1RM (91.7: 90 kg), and the note
says why. Only a hard session counts (a set at RPE 10, or a median of 9:
the e1RMs of other rep ranges differ by more than a point across lines),
at any load (a failed light day says as much of the heavy day), and only
ever lighter, never to no added load (a form's own moves say what comes
then), and never in a week already done (it keeps the sheet it was
handed).
"""

from __future__ import annotations

import datetime as _dt
from typing import Sequence

from engine.bodyweight import about
from engine.gear import floor
from engine.history import History
from engine.loaded import EPS, Estimate, Loaded, n
from engine.loading import Loader
from engine.loads import rpe_at
from engine.model import Choice, Performed, Target, TrainingState
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
            loaded: Loaded, date: _dt.date | None, done: bool) -> tuple[Target, Loaded]:
    """The target and load, lighter where a newer session of the form from
    another line puts the load past the target (module docstring); a week
    `done` keeps the sheet it was handed."""
    imp, effort, load = loader.implement(choice), loader.effort, loaded.load
    if done or history is None or previous is None or date is None or load is None or effort is None \
            or imp is None or not imp.loaded or target.rpe is None:
        return target, loaded
    since = previous.performed[0].date if previous.status == "logged" and previous.performed else previous.date
    latest = history.last_session(choice.key, date)
    if since is None or latest is None or latest.date <= since:
        return target, loaded
    group = latest.working
    if group is None or group.load is None:
        return target, loaded
    sets, top = group.sets, target.rpe[1]
    rated = sorted(p.rpe for p in sets if p.rpe is not None)
    if not rated or rated[-1] < 10.0 and rated[(len(rated) - 1) // 2] < HARD:  # (no failure: e1RMs of other reps
        return target, loaded  # differ by more than that across lines, and nothing here needs a ceiling)
    median = median_e1rm(loader, choice, sets, top)
    if median is None:
        return target, loaded
    felt = rpe_at(effort, target.reps, loader.moved(choice, load) / median)
    wanted = loader.from_effort(choice, target.reps, top, Estimate(median, ""))[0]
    if to_half(felt) <= top + OVER or wanted >= load - EPS:
        return target, loaded
    new = floor(imp, wanted)  # (at or under the target's top: never over it)
    if new >= load - EPS or new <= EPS:  # (no added load at all: a form's own moves say what comes then)
        return target, loaded
    reps = ", ".join(str(p.reps) for p in sets)
    held = f" ({target.note})" if target.note else ""  # the policy's own step, held back
    units = loader.units
    why = (f"{named(imp, new, units)}, not {named(imp, load, units)}{held}: the session of {latest.date} ({reps} "
           f"@ {ratings(sets)}), by its median set (e1RM {n(median)} {units}), puts {imp.amount(load)} x "
           f"{target.reps} at {about(felt)}")
    basis = None if loaded.basis is None else replace(loaded.basis, load=new, rounding=imp.how(new),
                                                      change=f"-{n(load - new)} {loader.units}", owed=0.0)
    return replace(target, load=new, note=why), Loaded(new, basis)
