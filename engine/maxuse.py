"""Profile maxes the log sets aside. A max with no date stands for a form
only until the log has a session of it: from then on each exposure builds
on the latest session (`engine.loading`). A coach who typed a max should
hear when the plan does not use it, once, where the max is written."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from engine.errors import WARNING, Problem
from engine.history import History
from engine.model import Athlete, Exercise, Plan


def unused_maxes(person: Athlete, plan: Plan, log: Any, exercises: Mapping[str, Exercise]) -> list[Problem]:
    """A warning at each undated max whose form the plan trains after a
    logged session of that form."""
    undated = [key for key, m in person.maxes.items() if m.date is None]
    if not undated or log is None:
        return []
    last: dict[str, _dt.date] = {}  # form -> its last planned exposure
    for week in plan.weeks:
        for day in week.days:
            for planned in day.exercises:
                if day.date is not None:
                    last[planned.choice.key] = max(day.date, last.get(planned.choice.key, day.date))
    history = History(log, exercises, person.units)
    out = []
    for key in undated:
        ex = exercises.get(key.partition("/")[0])
        if ex is None:
            continue
        form = key if "/" in key else ex.default_form
        if form != key and form in person.maxes:
            continue  # the form's own max is the one used (a warning says so already)
        sessions = history.sessions(form, None, last[form]) if form in last else []
        if not sessions:
            continue
        first = sessions[0]
        where = first.sets[0].source if first.sets and first.sets[0].source else "the log"
        out.append(Problem(person.source, ("maxes", key), (
            f"this max has no date, and the log has {form} from {first.date} ({where}) on: each exposure after "
            "a logged session builds on the latest one, not on this max; give the max a date "
            "(date = \"YYYY-MM-DD\") if it was tested after them"), WARNING, at_key=True))
    return out
