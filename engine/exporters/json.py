"""The JSON contract (documented in the README; other tools rely on it).

Keys in the contract never change meaning; new keys may be added. Each
object of the contract is written here once: its keys (`Fields`) and the
function from the model to its values; `jsonlayout` lays the text out.
The data form (`plan_dict`) is that text read back, so the two cannot
disagree.

A batch plans many athletes with one rule file: what they share (a slot's
exercise and prescription, a set of 5 at RPE 8 with 100 kg) is written
once per layout and kept by its values. A key holds each value with its
type: 1, 1.0 and True are equal in Python but not the same JSON. 0.0 and
-0.0 are equal too: `_num` writes both as 0, but a float written as it is
can be either, so a set with a load of 0 is not kept and a load basis is
kept by the repr of its numbers.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

from engine.exporters.jsonlayout import COMPACT, Fields, Style, indented, keep, leaf, scalar, scalars, string
from engine.model import (
    Athlete,
    Day,
    LoadBasis,
    LoggedSession,
    Performed,
    Plan,
    PlannedExercise,
    PlannedSet,
    Prescription,
    Program,
    Week,
)

PLAN = Fields("program", "units", "athlete", "weeks", "notes")
PROGRAM = Fields("name", "split", "days", "weeks", "units", "start")
ATHLETE = Fields("name", "units", "bodyweight", "sensitivities")
NOTE = Fields("id", "title", "text")
WEEK = Fields("week", "done", "days", "extra")
DAY = Fields("day", "date", "done", "exercises")
# An exercise: what every athlete planned with the rule file has, then its own.
SHARED = Fields("slot", "id", "name", "variant", "variant_name", "category", "prescription", closes=False)
OWN = Fields("progression", "notes", "sets", "implements", "deload", "load_basis", "performed", "missed",
             opens=False)
PRESCRIPTION = Fields("sets", "reps", "rpe", "per_side", "rest")
PROGRESSION = Fields("name", "added_load", "note")
SET = Fields("reps", "rpe", "load")
BASIS = Fields("source", "e1rm", "percent", "raw", "load", "rounding", "note", "change", "owed")
PERFORMED = Fields("date", "reps", "load", "rpe", "kind", "form")
Seen = dict[tuple[str, int, int, str], tuple[Any, Any, str]]
EXTRA = Fields("date", "id", "name", "variant", "variant_name", "implements", "performed")  # a session no day claims


def _num(value: float | None) -> int | float | None:
    if value is None or type(value) is int:
        return value
    return int(value) if float(value).is_integer() and not isinstance(value, bool) and abs(value) < 2**53 else value


def _round4(value: float | None) -> float | None:
    return round(value, 4) if type(value) is float else value  # (an int or a bool is written as it is)


def _pair(r: tuple[float, float] | None) -> str:
    return "null" if r is None else "[%s, %s]" % scalars((_num(r[0]), _num(r[1])))


def _date(d: Any) -> str:
    return "null" if d is None else '"' + d.isoformat() + '"'


def render(plan: Plan, options: Mapping[str, Any]) -> str:
    at = COMPACT if options.get("compact") else indented(options.get("indent", 2))
    return "".join(_plan(plan, at) + ["\n"])


def _plan(plan: Plan, at: Style) -> list[str]:
    inner = at.deeper
    seen: Seen = {}  # what this plan's exercises share, by the objects it is made of (alive while it is written)
    weeks = inner.item_parts([_week(w, inner.deeper, seen) for w in plan.weeks])
    notes = inner.items([inner.deeper.leaf(NOTE, (n.id, n.title, n.text)) for n in plan.notes])
    return at.parts(PLAN, (_program(plan.program, inner), string(plan.units), _athlete(plan.athlete, inner), weeks,
                           notes))


def _program(p: Program, at: Style) -> str:
    return at.obj(PROGRAM, (*scalars((p.name, p.split)), leaf(p.days), scalar(p.weeks), string(p.units),
                            _date(p.start)))


def _athlete(a: Athlete | None, at: Style) -> str:
    if a is None:
        return "null"
    return at.obj(ATHLETE, (*scalars((a.name, a.units, _num(a.bodyweight))), leaf(a.sensitivities)))


def _week(w: Week, at: Style, seen: Seen) -> list[str]:
    inner = at.deeper
    extra = inner.items([_extra(s, inner.deeper) for s in w.extra])
    days = inner.item_parts([_day(d, inner.deeper, seen) for d in w.days])
    return at.parts(WEEK, (scalar(w.number), scalar(w.done), days, extra))


def _extra(s: LoggedSession, at: Style) -> str:
    """A session the log has that no planned exposure claims: its date, the
    form lifted and its sets, as an exercise's `performed`."""
    inner = at.deeper
    ex, variant = s.choice.exercise, s.choice.variant
    names = scalars((s.date.isoformat(), ex.id, ex.name, variant and variant.id, variant and variant.name,
                     s.implements))
    return at.obj(EXTRA, (*names, inner.items([_performed(p, inner.deeper) for p in s.sets])))


def _day(d: Day, at: Style, seen: Seen) -> list[str]:
    inner = at.deeper
    exercises = inner.item_parts([_exercise(ex, inner.deeper, seen) for ex in d.exercises])
    return at.parts(DAY, (string(d.name), _date(d.date), scalar(d.done), exercises))


def _exercise(ex: PlannedExercise, at: Style, seen: Seen | None = None) -> list[str]:
    """An exercise as pieces: the text a plan joins once."""
    inner = at.deeper
    basis = "null" if ex.basis is None else _basis(ex.basis, inner)
    performed = inner.items([_performed(p, inner.deeper) for p in ex.logged]) if ex.performed else "[]"
    head, between, after, tail = _own(ex, at)
    return [_slot(ex, at, seen), head, _sets(ex.sets, inner), between, basis, after, performed, tail]


def _slot(ex: PlannedExercise, at: Style, seen: Seen | None) -> str:
    """`_shared`, looked up once per slot, form and prescription of a plan:
    its weeks repeat the same objects (the same choice, the same
    prescription), so the rest of the plan finds the text by them."""
    if seen is None:
        return _shared(ex, at)
    key = (ex.slot, id(ex.choice), id(ex.prescription), ex.category)
    found = seen.get(key)
    if found is None or found[0] is not ex.choice or found[1] is not ex.prescription:
        found = seen[key] = (ex.choice, ex.prescription, _shared(ex, at))
    return found[2]


def _shared(ex: PlannedExercise, at: Style) -> str:
    """The slot, the exercise and its prescription."""
    rx, choice = ex.prescription, ex.choice
    variant = choice.variant
    names = (ex.slot, choice.exercise.id, choice.exercise.name, variant and variant.id, variant and variant.name,
             ex.category)
    numbers = (*rx.sets, *rx.reps, *(rx.rpe or ()), *(rx.rest or ()), rx.per_side)  # through _num but per_side
    key = (names, rx.sets, rx.reps, rx.rpe, rx.rest, rx.per_side, tuple(map(type, names + numbers)))
    memo = at.memos[SHARED.name]
    found: str | None = memo.get(key)
    if found is None:
        found = keep(memo, key, at.obj(SHARED, (*scalars(names), _prescription(rx, at.deeper))))
    return found


def _prescription(rx: Prescription, at: Style) -> str:
    return at.obj(PRESCRIPTION, (_pair(rx.sets), _pair(rx.reps), _pair(rx.rpe), scalar(rx.per_side), _pair(rx.rest)))


def _own(ex: PlannedExercise, at: Style) -> tuple[str, ...]:
    """The rest of the exercise, as the texts around its sets, load basis
    and performed sets: its progression, notes and flags are filled in."""
    t, implements = ex.target, ex.implements
    key = (ex.progression, t.added_load, t.note, ex.notes, implements, ex.deload, ex.missed,
           type(t.added_load), type(implements), type(ex.deload), type(ex.missed))  # added_load through _num
    memo = at.memos[OWN.name]
    found: tuple[str, ...] | None = memo.get(key)
    if found is None:
        progression = at.deeper.leaf(PROGRESSION, (ex.progression, _num(_round4(t.added_load)), t.note))
        notes, implements_, deload, missed = scalars((ex.notes, implements, ex.deload, ex.missed))
        found = keep(memo, key, at.pieces(OWN, (progression, notes, None, implements_, deload, None, None, missed)))
    return found


def _sets(sets: tuple[PlannedSet, ...], at: Style) -> str:
    inner = at.deeper
    memo = inner.memos[SET.name]
    texts = []
    for s in sets:
        load = s.load
        key = (s.reps, s.rpe, load, type(s.reps), type(s.rpe), type(load))  # rpe through _num
        found = memo.get(key)
        if found is None:
            # (to 4 places, as a performed load: a 20 kg bell in lb is 44.0925 planned and done alike)
            found = inner.leaf(SET, (s.reps, _num(s.rpe), None if load is None else float(round(load, 4))))
            if load != 0:  # 0.0 or -0.0: see the module's docstring
                keep(memo, key, found)
        texts.append(found)
    return at.items(texts)


def _basis(b: LoadBasis, at: Style) -> str:
    """Kept by its numbers' repr, which tells 0.0 from -0.0: an athlete's
    load comes from the same max week after week."""
    key = (b.source, b.rounding, b.note, b.change, repr((b.e1rm, b.percent, b.raw, b.load, b.owed)))
    memo = at.memos[BASIS.name]
    found: str | None = memo.get(key)
    if found is None:
        found = keep(memo, key, at.leaf(BASIS, (b.source, _round4(b.e1rm), _round4(b.percent), _round4(b.raw),
                                                _round4(b.load), b.rounding, b.note, b.change, _round4(b.owed))))
    return found


def _performed(p: Performed, at: Style) -> str:
    return at.leaf(PERFORMED, (p.date.isoformat(), p.reps, None if p.load is None else _num(round(p.load, 4)),
                               _num(p.rpe), p.kind, p.form or None))


# The contract as data: the text read back.

def plan_dict(plan: Plan) -> dict[str, Any]:
    data: dict[str, Any] = json.loads("".join(_plan(plan, COMPACT)))
    return data


def exercise_dict(ex: PlannedExercise) -> dict[str, Any]:
    data: dict[str, Any] = json.loads("".join(_exercise(ex, COMPACT)))
    return data


def basis_dict(b: LoadBasis | None) -> dict[str, Any] | None:
    data: dict[str, Any] | None = None if b is None else json.loads(_basis(b, COMPACT))
    return data
