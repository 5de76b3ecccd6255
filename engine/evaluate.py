"""Rules -> Plan. A pure function: no I/O, no clock, no global state.

Selectors and progression policies come from the registry; a fault inside
one is raised as `PluginError` naming the plugin.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from types import MappingProxyType
from typing import Any, Mapping

from engine.catalog import prescription_from_data
from engine.compiled import dataclass
from engine.components import ProgressionContext, SelectionContext
from engine.errors import EngineError, PluginError, Problem
from engine.loads import convert, guarded_effort, implement, round_load
from engine.model import (
    CATEGORIES,
    WEEKDAYS,
    Athlete,
    Choice,
    Day,
    Exercise,
    LoadBasis,
    Performed,
    Plan,
    PlannedExercise,
    PlannedSet,
    Program,
    Rules,
    SelectionTrace,
    SlotRule,
    Target,
    Week,
)
from engine.plugins import Registry

CATEGORY_WEIGHT = {"primary": 3, "secondary": 2, "tertiary": 1}


def evaluate(rules: Rules, registry: Registry, *, start: _dt.date | None = None,
             athlete: Athlete | None = None, log: Any = None, done_through: int = 0) -> Plan:
    """Build the week-by-week plan. `start` overrides the rule file's start
    date; with an `athlete`, selection respects their equipment and
    sensitivities and loads are computed; with a `log` (an `engine.logs.Log`)
    progression follows what was performed, and weeks up to `done_through`
    are marked done with their logged sets."""
    program = rules.program if start is None else replace(rules.program, start=start)
    ev = _Evaluation(rules, registry, program, athlete, log, done_through)
    weeks = [Week(week, _days(program, week, ev.week(week)), done=week <= done_through)
             for week in range(1, program.weeks + 1)]
    return Plan(
        program=program,
        weeks=tuple(weeks),
        notes=rules.notes,
        composition=rules.composition,
        source=rules.file,
        athlete=athlete,
        selections=tuple(ev.traces),
    )


@dataclass
class _State:
    """One (slot, exercise/variant) as it moves through the block."""

    target: Target
    week: int
    load: float | None = None  # the rounded load last prescribed
    performed: tuple[Performed, ...] | None = None  # None: not known


class _Evaluation:
    def __init__(self, rules: Rules, registry: Registry, program: Program,
                 athlete: Athlete | None, log: Any, done_through: int) -> None:
        self.rules, self.registry, self.program = rules, registry, program
        self.athlete, self.done_through = athlete, done_through
        self.units = athlete.units if athlete else program.units
        self.history: dict[int, list[tuple[Choice, ...]]] = {s.index: [] for s in rules.slots}
        self.states: dict[tuple[int, str], _State] = {}
        self.exposures: dict[tuple[int, str], int] = {}
        self.traces: list[SelectionTrace] = []
        self.by_exercise: dict[str, list[Any]] = {}
        for item in (log.sets if log is not None else ()):
            self.by_exercise.setdefault(item.exercise, []).append(item)
        self.log = log
        self._done_cache: dict[int, dict[str, _dt.date]] = {}
        # Per (slot, exercise/variant): the same every week, so built once.
        self._fixed: dict[tuple[int, str], tuple[Any, Mapping[str, Any]]] = {}
        self._sessions: dict[tuple[str, _dt.date | None], tuple[Performed, ...]] = {}
        self.eligible = {s.index: self._eligible(s) for s in rules.slots}
        self.eligible_by_id = {i: {e.id: e for e in kept} for i, (kept, _) in self.eligible.items()}
        reg = registry.effort_models.get(program.effort_model)
        self.effort = guarded_effort(reg) if reg else None
        self.effort_plugin = reg.plugin if reg else ""

    # ---------------------------------------------------------- selection --

    def week(self, week: int) -> list[tuple[SlotRule, PlannedExercise]]:
        items: list[tuple[SlotRule, PlannedExercise]] = []
        for slot in self.rules.slots:
            picks = self._select(slot, week)
            self.history[slot.index].append(picks)
            for choice in picks:
                items.append((slot, self._prescribe(slot, choice, week)))
        return items

    def _eligible(self, slot: SlotRule) -> tuple[tuple[Exercise, ...], dict[str, str]]:
        """The slot's candidates this athlete can do, preferred tags first;
        and why each other candidate was removed."""
        if self.athlete is None:
            return slot.candidates, {}
        sens = [(n, self.rules.sensitivities[n]) for n in self.athlete.sensitivities
                if n in self.rules.sensitivities]
        available = self.athlete.gear.available
        removed: dict[str, str] = {}
        kept: list[Exercise] = []
        for ex in slot.candidates:
            avoided = [(n, t) for n, rule in sens for t in rule.avoid if t in ex.tags]
            if avoided:
                removed[ex.id] = f"sensitivity {avoided[0][0]} avoids the tag {avoided[0][1]!r}"
                continue
            if available is not None:
                forms = ex.variants or (None,)
                ok = [v for v in forms if set(v.equipment if v else ex.equipment) <= available]
                if not ok:
                    missing = sorted(set(ex.equipment if not ex.variants else forms[0].equipment) - available)
                    removed[ex.id] = f"equipment: needs {', '.join(missing) or 'what no form allows'}"
                    continue
                if ex.variants and len(ok) < len(ex.variants):
                    ex = replace(ex, variants=tuple(ok))
            kept.append(ex)
        prefer = {t for _, rule in sens for t in rule.prefer}
        kept.sort(key=lambda e: not (prefer & set(e.tags)))  # stable: slot order otherwise
        if len(kept) < slot.count:
            why = "; ".join(f"{k} ({v})" for k, v in removed.items())
            raise EngineError([Problem(self.rules.file, ("slot", slot.index, "select"), (
                f"slot {slot.name!r} needs {slot.count} exercise(s) but {len(kept)} "
                f"{'is' if len(kept) == 1 else 'are'} eligible for {self.athlete.name}: removed {why}"))])
        return tuple(kept), removed

    def _last_done(self, week: int) -> dict[str, _dt.date]:
        """What the log says was done before this week starts (a selector
        planning week 3 must not see week 5's sessions)."""
        if self.log is None:
            return {}
        if week not in self._done_cache:
            begin = self._week_start(week)
            out: dict[str, _dt.date] = {}
            for s in self.log.sets:
                if s.kind == "warmup" or (begin is not None and s.date >= begin):
                    continue
                for key in (s.exercise, f"{s.exercise}/{s.variant}" if s.variant else None):
                    if key and (key not in out or s.date > out[key]):
                        out[key] = s.date
            self._done_cache[week] = out
        return self._done_cache[week]

    def _select(self, slot: SlotRule, week: int) -> tuple[Choice, ...]:
        reg = self.registry.selectors[slot.selector]
        candidates, removed = self.eligible[slot.index]
        ctx = SelectionContext(
            slot=slot.name, slot_index=slot.index, category=slot.category, count=slot.count,
            candidates=candidates, week=week, weeks=self.program.weeks,
            options=slot.options, seed=self.program.seed, program=self.program,
            history=tuple(self.history[slot.index]), athlete=self.athlete, last_done=self._last_done(week),
        )
        try:
            by_id = self.eligible_by_id[slot.index]
            picked = tuple(_as_choice(item, self.rules.exercises, by_id) for item in reg.component.select(ctx))
            _check_picks(picked, by_id, slot.count)
            why = reg.component.explain(ctx, picked) if reg.component.explain else ""
        except PluginError:
            raise
        except Exception as exc:  # noqa: BLE001 - a plugin's fault names the plugin
            raise PluginError(reg.plugin, f"selector {slot.selector!r}", f"{type(exc).__name__}: {exc}") from exc
        self.traces.append(SelectionTrace(
            week=week, slot=slot.name, selector=slot.selector,
            candidates=tuple(e.id for e in candidates), removed=dict(removed),
            picked=tuple(c.key for c in picked), why=str(why),
        ))
        return picked

    # -------------------------------------------------------- progression --

    def _week_start(self, week: int) -> _dt.date | None:
        if self.program.start is None:
            return None
        return self.program.start + _dt.timedelta(days=7 * (week - 1))

    def _logged(self, choice: Choice, first: _dt.date | None, last: _dt.date | None) -> list[Any]:
        """Logged sets of this exercise (and form) with first <= date < last."""
        out = []
        for item in self.by_exercise.get(choice.exercise.id, ()):
            if item.variant is not None and (choice.variant is None or item.variant != choice.variant.id):
                continue
            if (first is None or item.date >= first) and (last is None or item.date < last):
                out.append(item)
        return out

    def _performed(self, items: list[Any]) -> tuple[Performed, ...]:
        """The sets that drive progression, in the plan's units."""
        return tuple(
            Performed(i.date, i.reps, None if i.load is None else convert(i.load, i.units, self.units),
                      i.rpe, i.kind, f"{i.file}:{i.line}")
            for i in items if i.kind not in ("warmup", "drop")
        )

    def _last_session(self, choice: Choice, before: _dt.date | None) -> tuple[Performed, ...]:
        key = (choice.key, before)
        found = self._sessions.get(key)
        if found is None:
            done = self._performed(self._logged(choice, None, before))
            day = max((p.date for p in done), default=None)
            found = self._sessions[key] = tuple(p for p in done if p.date == day)
        return found

    def _prescribe(self, slot: SlotRule, choice: Choice, week: int) -> PlannedExercise:
        rules = self.rules
        key = (slot.index, choice.key)
        self.exposures[key] = exposure = self.exposures.get(key, 0) + 1
        rule = slot.progression
        fixed = self._fixed.get(key)
        if fixed is None:
            options = dict(rule.options)
            if "increment" in options and self.units != self.program.units:
                options["increment"] = convert(options["increment"], self.program.units, self.units)
            fixed = self._fixed[key] = (prescription_from_data(slot.prescription, choice.exercise.prescription),
                                        MappingProxyType(options))
        rx, options = fixed
        reg = self.registry.progressions[rule.policy]
        state = self.states.get(key)
        ctx = ProgressionContext(
            prescription=rx, options=options, units=self.units,
            exercise=choice.exercise, week=week, exposure=exposure,
            performed=state.performed if state is not None else None,
        )
        deload = bool(rules.deload and week % rules.deload.every == 0)
        try:
            seed: tuple[Performed, ...] = ()
            if state is None:
                target = self._check(reg.component.start(ctx))
                seed = self._last_session(choice, self._week_start(1)) if self.by_exercise else ()
                if seed:
                    base = replace(target, load=max((p.load for p in seed if p.load is not None), default=None))
                    target = self._check(reg.component.advance(replace(ctx, performed=seed), base))
            elif deload:
                target = state.target
            elif state.week <= self.done_through and not state.performed:
                target = replace(state.target, note="not in the log last time: same target again")
            else:
                steps = 1 if rule.per == "exposure" else max(week - state.week, 1)
                target = state.target
                for i in range(steps):
                    target = self._check(reg.component.advance(
                        ctx if i == 0 else replace(ctx, performed=None), target))
        except Exception as exc:  # noqa: BLE001 - a plugin's fault names the plugin
            raise PluginError(reg.plugin, f"progression {rule.policy!r}", f"{type(exc).__name__}: {exc}") from exc
        previous_load = state.load if state else None
        if state is None:
            origin = f"last logged session ({seed[0].date}, {seed[0].source})" if seed else "start"
        elif state.performed:
            origin = f"logged in week {state.week} ({state.performed[0].source})"
        else:
            origin = f"progression from week {state.week}"
        target, basis = self._load(choice, rx, target, week, previous_load, state, origin)
        performed: tuple[Performed, ...] | None = None
        if week <= self.done_through:
            performed = self._performed(self._logged(choice, self._week_start(week), self._week_start(week + 1)))
        shown = target
        if deload:
            assert rules.deload is not None
            shown = replace(target, sets=max(1, round(target.sets * rules.deload.sets)),
                            note=f"deload week: {rules.deload.sets:g} of the sets"
                            + (f" at {rules.deload.load:g} of the load" if basis and basis.load else ""))
            if basis is not None and basis.load is not None:
                basis = self._deload_basis(choice, basis, rules.deload.load)
        else:
            self.states[key] = _State(target, week, basis.load if basis else None, performed)
        sets = planned_sets(shown, basis.load if basis else shown.load)
        return PlannedExercise(
            slot=slot.name, choice=choice, category=slot.category, prescription=rx,
            progression=rule.name, target=shown, sets=sets, notes=slot.notes,
            basis=basis, performed=performed or (), deload=deload,
        )

    @staticmethod
    def _check(target: Any) -> Target:
        if not isinstance(target, Target):
            raise TypeError(f"expected a Target, got {type(target).__name__}")
        return target

    # -------------------------------------------------------------- loads --

    def _bodyweight(self, choice: Choice) -> float:
        if choice.exercise.loading == "bodyweight" and self.athlete and self.athlete.bodyweight:
            return float(self.athlete.bodyweight)
        return 0.0

    def _e1rm(self, choice: Choice, rx: Any, week: int) -> tuple[float, str] | None:
        """Latest estimate of the one-rep max (bodyweight included for
        bodyweight exercises): the last logged session before this week,
        else the athlete's maxes."""
        assert self.athlete is not None and self.effort is not None
        bw = self._bodyweight(choice)
        if choice.exercise.loading == "bodyweight" and not bw:
            return None
        session = self._last_session(choice, self._week_start(week)) if self.by_exercise else ()
        best: tuple[float, str] | None = None
        assumed = rx.rpe[1] if rx.rpe else 10.0
        for p in session:
            if p.reps < 1:
                continue
            rpe = p.rpe if p.rpe is not None else assumed
            e1 = ((p.load or 0.0) + bw) / self.effort(p.reps, rpe)
            if best is None or e1 > best[0]:
                rated = f"RPE {p.rpe:g}" if p.rpe is not None else f"RPE not logged, taken as {assumed:g}"
                body = f", plus bodyweight {_n(bw)}" if bw else ""
                best = (e1, f"logged {p.date}: {p.reps} x {_n(p.load or 0)} {self.units} ({rated}{body}) at {p.source}")
        if best:
            return best
        maxes = self.athlete.maxes
        m = maxes.get(choice.key) or maxes.get(choice.exercise.id)
        if m is None:
            return None
        e1 = (m.load + bw) / self.effort(m.reps, m.rpe)
        what = "1RM" if m.reps == 1 and m.rpe >= 10 else f"{m.reps} reps at RPE {m.rpe:g}"
        body = f", plus bodyweight {_n(bw)}" if bw else ""
        return e1, f"max in {self.athlete.source}: {m.exercise} {_n(m.load)} {self.units} ({what}{body})"

    def _load(self, choice: Choice, rx: Any, target: Target, week: int, previous_load: float | None,
              state: _State | None, origin: str) -> tuple[Target, LoadBasis | None]:
        if self.athlete is None:
            return target, None
        kind = implement(choice)
        pair = kind == "dumbbells" and choice.exercise.loading == "bodyweight"
        bw = self._bodyweight(choice)
        source, e1, percent = "", None, None
        if kind == "none":
            note = "bodyweight only" if choice.exercise.loading == "bodyweight" else "load not counted (e.g. a band): go by effort"
            return target, LoadBasis(note=note)
        if target.load is None:
            if self.effort is None:
                return target, LoadBasis(note=f"effort model {self.program.effort_model!r} is not installed")
            est = self._e1rm(choice, rx, week)
            if est is None:
                return target, LoadBasis(note="no max or log for it yet: choose the load by effort")
            e1, source = est
            rpe = target.rpe[0] if target.rpe else 10.0
            percent = self.effort(target.reps, rpe)
            raw = e1 * percent - bw
            target = replace(target, load=max(raw, 0.0))
        else:
            raw = target.load
            source = origin + (f" ({target.note})" if target.note else "")
        increase = state is not None and state.target.load is not None and target.load > state.target.load + 1e-9
        rounded = round_load(target.load, kind, self.athlete.gear, self.units, pair=pair,
                             above=previous_load if increase else None)
        assert rounded is not None
        note = ""
        if bw and raw <= 0:
            note = "bodyweight alone is enough at this effort"
        return target, LoadBasis(source, e1, percent, raw, rounded.load, rounded.how, note)

    def _deload_basis(self, choice: Choice, basis: LoadBasis, fraction: float) -> LoadBasis:
        assert self.athlete is not None and basis.load is not None
        kind = implement(choice)
        pair = kind == "dumbbells" and choice.exercise.loading == "bodyweight"
        rounded = round_load(basis.load * fraction, kind, self.athlete.gear, self.units, pair=pair)
        assert rounded is not None
        return replace(basis, raw=basis.load * fraction, load=rounded.load, rounding=rounded.how,
                       note=f"deload: {fraction:g} x {_n(basis.load)}")


def _n(x: float) -> str:
    return f"{round(x, 2):g}"


def _check_picks(picked: tuple[Choice, ...], eligible: Mapping[str, Exercise], count: int) -> None:
    """A selector chooses `count` different exercises among the eligible
    candidates: anything else would slip past the athlete's equipment and
    sensitivity filters or the week's composition."""
    for c in picked:
        ex = eligible.get(c.exercise.id)
        if ex is None:
            raise ValueError(f"picked {c.key!r}, which is not among the eligible candidates "
                             f"({', '.join(eligible) or 'none'})")
        if c.variant is not None and ex.variants and c.variant not in ex.variants:
            raise ValueError(f"picked {c.key!r}, a form this athlete cannot do "
                             f"(eligible: {', '.join(f'{ex.id}/{v.id}' for v in ex.variants)})")
    if len(picked) != count or len({c.exercise.id for c in picked}) != len(picked):
        raise ValueError(f"picked {', '.join(c.key for c in picked) or 'nothing'}; "
                         f"the slot needs {count} different exercise{'s' if count != 1 else ''}")


def _as_choice(item: Any, exercises: Any, eligible: Mapping[str, Exercise]) -> Choice:
    if isinstance(item, Exercise):
        # A bare exercise gets its first form the athlete can do.
        item = eligible.get(item.id, item)
        item = Choice(item, item.variants[0] if item.variants else None)
    if not isinstance(item, Choice):
        raise TypeError(f"a selector must return Choice or Exercise objects, got {type(item).__name__}")
    if item.exercise.id not in exercises:
        raise ValueError(f"selected exercise {item.exercise.id!r} is not in the catalog")
    return item


def planned_sets(target: Target, load: Any = ...) -> tuple[PlannedSet, ...]:
    """Spread effort across the sets from the bottom to the top of the RPE
    range (fatigue makes later sets at the same load feel harder). `load`
    replaces the target's load when given."""
    n = max(target.sets, 0)
    if load is ...:
        load = target.load
    reps = target.reps
    if target.rpe is None:
        return tuple(PlannedSet(reps, None, load) for _ in range(n))
    lo, hi = target.rpe
    if n == 1:
        return (PlannedSet(reps, lo, load),)
    # Half points are what athletes rate; never leave the range.
    return tuple(PlannedSet(reps, min(max(round((lo + (hi - lo) * i / (n - 1)) * 2) / 2, lo), hi), load)
                 for i in range(n))


def _days(program: Any, week: int, items: list[tuple[SlotRule, PlannedExercise]]) -> tuple[Day, ...]:
    """Place the week's exercises on training days: pinned ones first, then
    heaviest first onto the least-loaded day (ties go to the earlier day)."""
    days = list(program.days)
    placed: dict[str, list[tuple[SlotRule, PlannedExercise]]] = {d: [] for d in days}
    load = {d: 0 for d in days}
    if program.split == "body-part" or len(days) == 1:
        placed[days[0]] = list(items)
    else:
        free = []
        for slot, item in items:
            if slot.day:
                placed[slot.day].append((slot, item))
                load[slot.day] += CATEGORY_WEIGHT[item.category]
            else:
                free.append((slot, item))
        free.sort(key=lambda si: -CATEGORY_WEIGHT[si[1].category])  # stable: slot order kept
        for slot, item in free:
            day = min(days, key=lambda d: (load[d], len(placed[d]), days.index(d)))
            placed[day].append((slot, item))
            load[day] += CATEGORY_WEIGHT[item.category]
    out = []
    for d in _day_order(program, days):
        ordered = sorted(placed[d], key=lambda si: (CATEGORIES.index(si[1].category), si[0].index))
        out.append(Day(d, _date(program, week, d), tuple(item for _, item in ordered)))
    return tuple(out)


def _day_order(program: Any, days: list[str]) -> list[str]:
    if program.start is None:
        return days
    return sorted(days, key=lambda d: _offset(program.start, d))


def _offset(start: _dt.date, day: str) -> int:
    return (WEEKDAYS.index(day) - start.weekday()) % 7


def _date(program: Any, week: int, day: str) -> _dt.date | None:
    """Week 1 begins on the start date; each day falls within its week."""
    if program.start is None:
        return None
    return program.start + _dt.timedelta(days=7 * (week - 1) + _offset(program.start, day))
