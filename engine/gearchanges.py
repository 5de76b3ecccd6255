"""Equipment that changes from a date: an athlete who changes gym mid-block.

A profile may list its equipment as `[[equipment]]` entries, the first the
equipment from the start and each later one the whole equipment from its
`from` date (`Athlete.gear_changes`). Each day of the plan is selected and
loaded with the equipment in effect on it, so the weeks before a change are
planned exactly as they were before the profile had it, and the weeks from
it on with the new equipment: what was lifted moves to the loads the new
equipment makes, exercises it allows start as first exposures, and each
form whose implement changed says so once.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Sequence

from engine.errors import WARNING, EngineError, Problem
from engine.gear import Implement, implement_for
from engine.model import Athlete, Choice, PlannedExercise, Program, SelectionTrace
from engine.model.base import replace
from engine.plates import fmt
from engine.schedule import date_of, day_order, place, week_start

Pick = tuple[Any, Choice]


# ------------------------------------------------------------- the profile --

def dated_entries(entries: Sequence[Any], file: str, errors: list[Problem],
                  warnings: list[Problem]) -> dict[int, _dt.date]:
    """The `from` date of each entry after the first, by index. Every entry
    after the first needs one, each a calendar date after the one before (the
    first entry's, when it has one, counts only for that order: it is the
    equipment from the start)."""
    out: dict[int, _dt.date] = {}
    last: tuple[int, _dt.date] | None = None
    for i, spec in enumerate(entries):
        if "from" not in spec:
            if i > 0:
                errors.append(Problem(file, ("equipment", i), (
                    f"equipment[{i}] has no `from` date: only the first entry, the equipment from the start, goes "
                    "without one; give the day this equipment is in effect from (from = YYYY-MM-DD)")))
            continue
        try:
            day = _dt.date.fromisoformat(str(spec["from"]))
        except ValueError:
            errors.append(Problem(file, ("equipment", i, "from"), f"{spec['from']!r} is not a calendar date"))
            continue
        if last is not None and day <= last[1]:
            errors.append(Problem(file, ("equipment", i, "from"), (
                f"equipment[{last[0]}] is in effect from {day} too: keep one entry a day" if day == last[1] else
                f"{day} is before {last[1]}, the date of equipment[{last[0]}]: list the entries in date order, "
                "the earliest first")))
            continue
        last = (i, day)
        if i > 0:
            out[i] = day
            if "available" not in spec and "available" in entries[i - 1]:
                warnings.append(Problem(file, ("equipment", i), (
                    f"no `available` list: from {day} every exercise is allowed; each entry is the whole "
                    f"equipment from its date, not changes to the one before (copy equipment[{i - 1}]'s list "
                    "to keep it)"), WARNING))
    return out


def undated(athlete: Athlete | None, program: Program) -> list[Problem]:
    """A plan with no dates (no start, no log) cannot tell when equipment
    changes: it uses the equipment from the start, and says so at each
    change."""
    if athlete is None or program.start is not None:
        return []
    return [Problem(athlete.source, ("equipment", c.entry, "from"), (
        f"the plan has no dates (program.start is not set): every week uses the equipment from the start, "
        f"not this equipment from {c.date}; set the start (or give a start date) to plan with it"), WARNING)
        for c in athlete.gear_changes]


# ---------------------------------------------------------------- the plan --

class Equipped:
    """The athlete day by day, with the equipment in effect on each day,
    and the selection of each equipment the plan's days use. Without a
    change (or without an athlete) it is one selection, as it always was."""

    def __init__(self, athlete: Athlete | None, program: Program,
                 make: Callable[[Athlete | None], Any]) -> None:
        self.program = program
        self.order = day_order(program)  # the training days in the order they fall, the same every week
        self.people = _periods(athlete, program)
        self.selections = [_selection(make, person, start, athlete) for start, person in self.people]
        self._used: dict[int, set[int]] = {}  # week -> the periods its days use
        self._last: dict[str, int] = {}  # form -> the period of its last exposure
        self._dropped: dict[str, str] = {}  # form -> why the harder form it had moved to is not possible now
        self._slots: dict[str, tuple[int, Choice]] = {}  # slot -> the period and form of its last exposure

    def period(self, date: _dt.date | None) -> int:
        """The index of the equipment in effect on `date` (the first with no date)."""
        found = 0
        for i, (start, _) in enumerate(self.people):
            if start is not None and date is not None and start <= date:
                found = i
        return found

    def athlete_on(self, date: _dt.date | None) -> Athlete | None:
        return self.people[self.period(date)][1]

    def week(self, number: int) -> dict[str, list[Pick]]:
        """Each training day's picks: every selection is asked for every week
        in order (a selector builds on the weeks before), and each day takes
        the picks of the equipment in effect on it."""
        begins = week_start(self.program, number)
        if len(self.selections) == 1:  # one equipment all plan long (the usual profile): every day takes its picks
            self._used[number] = {0}
            return place(self.program, self.selections[0].week(number, begins))
        placed = [place(self.program, s.week(number, begins)) for s in self.selections]
        days = {name: self.period(date_of(self.program, number, name)) for name in self.order}
        self._used[number] = set(days.values())
        return {name: placed[i][name] for name, i in days.items()}

    def switched(self, number: int, date: _dt.date | None, slot: int,
                 form: str) -> tuple[Choice, _dt.date | None] | None:
        """The selector's pick the log's form replaced this week, first
        week only (`Selection.switched`), by the equipment in effect."""
        found: tuple[Choice, _dt.date | None] | None = \
            self.selections[self.period(date)].switched.get((number, slot, form))
        return found

    def traces(self) -> tuple[SelectionTrace, ...]:
        """The selections of each week from the equipment its days use; the
        first week of a change says so."""
        if len(self.selections) == 1:
            return tuple(self.selections[0].traces)
        by_week: dict[tuple[int, int], list[SelectionTrace]] = {}
        for i, s in enumerate(self.selections):
            for t in s.traces:
                by_week.setdefault((t.week, i), []).append(t)
        out: list[SelectionTrace] = []
        started = {0}
        for number, used in sorted(self._used.items()):
            week: list[SelectionTrace] = []
            for i in sorted(used):
                for t in by_week.get((number, i), ()):
                    if any(o.slot == t.slot and o.picked == t.picked for o in week):
                        continue
                    if i not in started:
                        t = replace(t, why=f"{t.why}; with the equipment from {self.people[i][0]}".lstrip("; "))
                    week.append(t)
            out += week
            started |= used
        return tuple(out)

    def possible(self, upgrades: dict[str, Choice], athlete: Athlete) -> dict[str, Choice]:
        """The harder forms progression moved to that the athlete's equipment
        still allows (a loaded hip extension needs plates the new gym may not
        have): the others go back to the form they moved from, which moves
        on again as far as the new equipment allows, and says why."""
        available = athlete.gear.available
        if available is None:
            return upgrades
        kept = {}
        for key, harder in upgrades.items():
            missing = sorted(set(harder.variant.equipment if harder.variant else harder.exercise.equipment)
                             - available)
            if missing:
                self._dropped[key] = f"no {', '.join(missing)} for {harder.name}"
            else:
                kept[key] = harder
        return kept

    def announce(self, planned: PlannedExercise, date: _dt.date | None, units: str) -> PlannedExercise:
        """The first exposure of a form since the equipment changed says what
        changed for it (once), when it was planned before the change."""
        if len(self.people) == 1:
            return planned
        i, form = self.period(date), planned.choice.key
        before = self._last.get(form)
        self._last[form] = i
        swapped = self._swapped(planned, i)  # (kept up to date for every exposure)
        said = self._dropped.pop(form, "") or swapped
        if not said and before is not None and before != i:
            old, new = (self.people[j][1] for j in (before, i))
            assert old is not None and new is not None
            said = changed(implement_for(planned.choice, old.gear, units),
                           implement_for(planned.choice, new.gear, units))
        if not said:
            return planned
        note = "; ".join(filter(None, (f"equipment from {self.people[i][0]}: {said}", planned.target.note)))
        return replace(planned, target=replace(planned.target, note=note))


    def _swapped(self, planned: PlannedExercise, i: int) -> str:
        """A slot whose form gave way to the new equipment: "Band-assisted
        pull-up instead of Machine-assisted pull-up (no
        assisted-pull-up-machine)"."""
        was = self._slots.get(planned.slot)
        self._slots[planned.slot] = (i, planned.choice)
        if was is None or was[0] == i or was[1].key == planned.choice.key:
            return ""
        old = was[1]
        person = self.people[i][1]
        need = set(old.variant.equipment if old.variant else old.exercise.equipment)
        gone = sorted(need - person.gear.available) if person is not None and person.gear.available is not None \
            else []
        return f"{planned.choice.name} instead of {old.name}" + (f" (no {', '.join(gone)})" if gone else "")


def _periods(athlete: Athlete | None, program: Program) -> list[tuple[_dt.date | None, Athlete | None]]:
    """The athlete with each equipment the plan's days use, from the date it
    is in effect (None: from the start of the plan)."""
    if athlete is None or not athlete.gear_changes or program.start is None:
        return [(None, athlete)]
    first = week_start(program, 1)
    end = week_start(program, program.weeks + 1)
    assert first is not None and end is not None
    out: list[tuple[_dt.date | None, Athlete | None]] = [(None, athlete)]
    for change in athlete.gear_changes:
        if change.date >= end:
            break
        person = replace(athlete, gear=change.gear)
        if change.date <= first:  # in effect from the start of the plan
            out = [(None, person)]
        else:
            out.append((change.date, person))
    return out


def _selection(make: Callable[[Athlete | None], Any], person: Athlete | None, start: _dt.date | None,
               athlete: Athlete | None) -> Any:
    """A selection for one equipment; a slot it leaves empty names the
    equipment entry and its date."""
    try:
        return make(person)
    except EngineError as exc:
        if start is None or athlete is None:
            raise
        entry = next(c.entry for c in athlete.gear_changes if c.date == start)
        raise EngineError([replace(p, message=f"{p.message} (with the equipment from {start}, "
                                              f"equipment[{entry}] in {athlete.source})")
                           for p in exc.problems], exc.sources) from None


def changed(old: Implement, new: Implement) -> str:
    """What differs between a form's implement at the old equipment and at
    the new ("a 45 lb bar (was 33 lb), plates ..."); empty when nothing
    that makes its loads changed."""
    if old == new or not new.loaded:
        return ""
    u = new.units
    parts = []
    if old.bar != new.bar:
        parts.append(f"a {fmt(new.bar)} {u} {'trap bar' if new.kind == 'trap-bar' else 'bar'} (was {fmt(old.bar)} {u})")
    if old.plates != new.plates:
        parts.append(f"plates {_sizes(new.plates[::-1], u)} (was {_sizes(old.plates[::-1], u)})")
    if old.sizes != new.sizes or old.bells != new.bells:
        parts.append(f"{new.kind} {_held(new) or 'none'} (was {_held(old) or 'none'})")
    if old.stack != new.stack and new.stack is not None:
        parts.append(f"{_stack(new)} (was {_stack(old) or 'none'})")
    return ", ".join(parts)


def _sizes(sizes: Sequence[float], units: str) -> str:
    """A list of sizes; an even run of more than four as its range."""
    if not sizes:
        return ""
    steps = {round(b - a, 6) for a, b in zip(sizes, sizes[1:], strict=False)}
    if len(sizes) > 4 and len(steps) == 1:
        return f"{fmt(sizes[0])} to {fmt(sizes[-1])} {units} in steps of {fmt(steps.pop())}"
    return f"{', '.join(map(fmt, sizes))} {units}"


def _held(imp: Implement) -> str:
    """Dumbbells as sizes, kettlebells each as made ("16, 20, 24 kg")."""
    if imp.kind != "kettlebells" or not imp.bells:
        return _sizes(imp.sizes, imp.units)
    made = {u for _, u in imp.bells}
    if len(made) == 1:
        return f"{', '.join(fmt(w) for w, _ in imp.bells)} {made.pop()}"
    return ", ".join(f"{fmt(w)} {u}" for w, u in imp.bells)


def _stack(imp: Implement) -> str:
    if imp.stack is None:
        return ""
    top = f" to {fmt(imp.stack.high)}" if imp.stack.high is not None else ""
    what = imp.worn if imp.kind == "carried" else "a stack"  # a weighted vest's blocks
    return f"{what} in steps of {fmt(imp.stack.step)} {imp.units}{top}"
