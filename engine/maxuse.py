"""Profile maxes the log sets aside. A max with no date stands for a form
only until the log has a session of it: from then on each exposure builds
on the latest session (`engine.loading`). That is the usual course of a
plan, so the coach hears of it only when it holds loads back: when the
max's e1RM is more than `THRESHOLD` above the latest session's (a retest
written without a date, which the plan does not use), once, where the max
is written, with both numbers and where each comes from; unless an earlier
session bore the max out (a dip after a bad patch is not a retest). A max under the
log's e1RM is the usual course of a block (the athlete got stronger), and
nothing is said."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from engine.deloads import deload_sessions
from engine.errors import WARNING, Problem
from engine.history import History
from engine.loaded import n
from engine.loading import Loader
from engine.loads import guarded_effort
from engine.logmodel import Log
from engine.model import Athlete, Choice, Exercise, Max, Plan
from engine.snap import snapper

THRESHOLD = 0.10  # of the e1RM the plan uses: sessions swing a few percent week to week (a rep, half an RPE)
Undated = tuple[tuple[Any, ...], Max, "_dt.date | None"]  # where it is written, the max, until when it holds


def unused_maxes(person: Athlete, plan: Plan, log: Any, exercises: Mapping[str, Exercise],
                 registry: Any) -> list[Problem]:
    """A warning at each undated max whose form the plan trains after a
    logged session of that form, when the max's e1RM is more than 10% above
    the session's."""
    forms = _undated(person, exercises)
    reg = registry.effort_models.get(plan.program.effort_model)
    if not forms or log is None or reg is None:
        return []
    first = _exposures(plan, set(forms))
    wanted = {form.partition("/")[0] for form in first}
    if not wanted:
        return []
    # only the rows of the exercises concerned: one cheap pass, not a second reading of the log
    history = History(Log(tuple(s for s in log.sets if s.exercise in wanted)), exercises, person.units,
                      snap=snapper(person, exercises, person.units))
    for form, date in deload_sessions(plan):  # as the plan read them: no e1RM builds on a deload
        history.set_aside(form, date)
    loader = Loader(person, guarded_effort(reg), plan.program.effort_model, person.units, dict(exercises), history)
    out = []
    for form, undated in forms.items():
        found = first.get(form)
        problem = _compare(loader, history, person, undated, form, found) if found else None
        if problem is not None:
            out.append(problem)
    return out


def _undated(person: Athlete, exercises: Mapping[str, Exercise]) -> dict[str, Undated]:
    """Form -> the undated max that stands for it: where it is written, the
    max, and the day of the form's first dated test, which takes over then."""
    out = {}
    for key in person.maxes:
        ex = exercises.get(key.partition("/")[0])
        tests = person.tested(key)
        found = [(i, m) for i, m in enumerate(tests) if m.date is None]
        if not found or ex is None:
            continue
        form = key if "/" in key else ex.default_form
        if form != key and form in person.maxes:
            continue  # the form's own max is the one used (a warning says so already)
        i, m = found[0]
        path = ("maxes", key, i) if tests == person.max_history.get(key) else ("maxes", key)
        out[form] = (path, m, min((t.date for t in tests if t.date is not None), default=None))
    return out


def _exposures(plan: Plan, forms: set[str]) -> dict[str, list[tuple[_dt.date, Choice, float]]]:
    """Each form's dated exposures in plan order: (date, form, the top of
    its RPE range: what an unrated set is taken as)."""
    out: dict[str, list[tuple[_dt.date, Choice, float]]] = {}
    for week in plan.weeks:
        for day in week.days:
            for planned in day.exercises:
                key = planned.choice.key
                if day.date is not None and key in forms:
                    rpe = planned.prescription.rpe
                    out.setdefault(key, []).append((day.date, planned.choice, rpe[1] if rpe else 10.0))
    return out


def _compare(loader: Loader, history: History, person: Athlete, undated: Undated, form: str,
             exposures: list[tuple[_dt.date, Choice, float]]) -> Problem | None:
    """The warning for one max, if the plan builds on the log after a
    session of its form and the max's e1RM is more than 10% above the latest
    session's: a max that agrees with the latest training (an undated
    retest) or lies under it is left in peace."""
    sessions = history.sessions(form)
    if not sessions:
        return None
    path, m, until = undated
    after = [(d, c, r) for d, c, r in exposures if d > sessions[0].date and (until is None or d < until)]
    if not after:
        return None
    date, choice, rpe_top = after[-1]
    session = history.last_session(form, date)
    mine = loader.max_e1rm(choice, m)
    theirs = loader.session_e1rm(choice, session.sets, rpe_top) if session is not None else None
    if session is None or mine is None or theirs is None or mine - theirs <= THRESHOLD * theirs:
        return None
    if _confirmed(loader, history, choice, form, session.date, mine, rpe_top):
        return None
    where = session.sets[0].source or "the log"
    units = person.units
    return Problem(person.source, path, (
        f"this max (no date) puts {m.exercise}'s e1RM at {n(mine)} {units}; the log's session of {session.date} "
        f"({where}) puts it at {n(theirs)} {units}, and the plan builds on the log from then on"
        f"{f' until the test of {until}' if until else ''}; give the max "
        "a date (date = YYYY-MM-DD) if it was tested after that session"), WARNING, at_key=True)


def _confirmed(loader: Loader, history: History, choice: Choice, form: str, before: _dt.date, mine: float,
               rpe_top: float) -> bool:
    """An earlier session came within 10% of the max's e1RM: the log has
    already borne the max out, and a later dip (a bad week, an illness) is
    no sign of a retest written without a date."""
    for s in history.sessions(form):
        if s.date >= before:
            break
        e1 = loader.session_e1rm(choice, s.sets, rpe_top)
        if e1 is not None and mine - e1 <= THRESHOLD * e1:
            return True
    return False


def other_form_maxes(person: Athlete, plan: Plan, exercises: Mapping[str, Exercise]) -> list[Problem]:
    """A warning at the max of another form of an exercise the plan trains
    in a form it has no load for (no max, log or ratio): the seated curl's
    max is not the lying curl's, and the coach who wrote it likely meant it
    to be. Once per form, at the first such exposure."""
    from engine.gear import kind_of

    out, said = [], set()
    for week in plan.weeks:
        for day in week.days:
            for ex in day.exercises:
                choice = ex.choice
                if choice.key in said or any(s.load is not None for s in ex.sets) or kind_of(choice) == "none":
                    continue
                said.add(choice.key)
                ex_id = choice.exercise.id
                full = exercises.get(ex_id, choice.exercise)  # (the exercise's own max is its default form's)
                own = {choice.key} | ({ex_id} if choice.key == full.default_form else set())
                for key in (k for k in person.maxes if k not in own and k.partition("/")[0] == ex_id):
                    out.append(Problem(person.source, ("maxes", key), (
                        f"this max is not used for {choice.key}, which the plan trains from week {week.number} "
                        f"with no load (choose by effort): one form is planned from another's max only by a "
                        f"ratio; give {choice.key!r} a max of its own, or a ratio under [ratios] "
                        f"(\"{choice.key}\" = its e1RM as a share of the default form's)"), WARNING, at_key=True))
    return out
