"""Training state: one per exercise form, carried exposure to exposure.

For each exposure the trainer takes the form's state, asks the slot's
progression policy for the next target (after a session the log has, the
policy reads it, and autoregulation may change the load), has the loader
turn that into a load the athlete's equipment makes, and keeps the new
state. When an increase cannot happen because the equipment is at its
heaviest (or the form takes no load), progression moves to a harder form,
then to an extra set, and says so. Deloads and missed sessions are rules
here too, so every change of load has a stated reason.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Mapping

from engine import gear
from engine.autoregulation import assess, regulate
from engine.components import ProgressionContext
from engine.errors import PluginError
from engine.gear import kind_of
from engine.history import History, Session
from engine.loading import Loaded, Loader, n
from engine.loads import DEFAULT_INCREMENT
from engine.model import (
    Athlete,
    Choice,
    LoadBasis,
    PlannedExercise,
    Prescription,
    Program,
    Rules,
    SlotRule,
    Target,
    TrainingState,
)
from engine.model.base import replace
from engine.plannedsets import deload_rpe, planned_sets
from engine.prepared import Prepared
from engine.schedule import category_of, week_start


class Trainer:
    """Every form's training state for one athlete (or none) over the plan."""

    def __init__(self, rules: Rules, registry: Any, program: Program, athlete: Athlete | None,
                 history: History | None, loader: Loader, prepared: Prepared) -> None:
        self.rules, self.registry, self.program = rules, registry, program
        self.athlete, self.history, self.loader = athlete, history, loader
        self.units = athlete.units if athlete else program.units
        self.states: dict[str, TrainingState] = {}
        self.upgrades: dict[str, Choice] = {}  # a form that topped out -> the form it moved to
        self.prepared = prepared
        self._in_week: dict[tuple[str, int], int] = {}

    # ------------------------------------------------------------ exposure --

    def exposure(self, slot: SlotRule, choice: Choice, week: int, date: _dt.date | None,
                 done: bool) -> PlannedExercise:
        """Prescribe one exposure and keep the state it leaves."""
        if not slot.options.get("variants"):  # a slot that rotates forms keeps the selector's
            choice = self.upgrades.get(choice.key, choice)
        rx, options = self.fixed(slot, choice)
        previous = self.states.get(self.key(slot, choice)) or self._seed(slot, choice, rx, options, week, date)
        point = self._deload_point(previous, week)
        if point:
            return self._deload(slot, choice, rx, options, previous, week, date, done)
        target = self._next_target(slot, choice, rx, options, previous, week)
        rpe_top = rx.rpe[1] if rx.rpe else 10.0
        loaded = self.loader.prescribe(choice, target, previous, rpe_top, date, _origin(previous))
        choice, target, loaded = self._settle(slot, choice, rx, options, previous, target, loaded, week, date)
        target = replace(target, load=loaded.load, note=_with_change(target.note, loaded))
        session = self._session(choice.key, week, done)
        state = self._keep(self.key(slot, choice), choice, rx, target, previous, loaded, week, done, session)
        return PlannedExercise(
            slot=slot.name, choice=choice, category=category_of(slot, choice), prescription=rx,
            progression=slot.progression.name, target=target, sets=planned_sets(target, loaded.load),
            notes=slot.notes, basis=loaded.basis, performed=session.sets if session else (), state=state,
            logged_as=self._logged_as(choice, session),
        )

    def _logged_as(self, choice: Choice, session: Session | None) -> Choice | None:
        if session is None or session.form == choice.key:
            return None
        ex = self.rules.exercises.get(choice.exercise.id, choice.exercise)
        return Choice(ex, ex.variant(session.form.partition("/")[2]))

    def fixed(self, slot: SlotRule, choice: Choice) -> tuple[Prescription, Mapping[str, Any]]:
        """The prescription and progression options of a slot for an
        exercise (the same every week and for every athlete)."""
        rx, options, _ = self.prepared.fixed(slot, choice.exercise, self.units)
        return rx, options

    def key(self, slot: SlotRule, choice: Choice) -> str:
        """The training line: the form, under this prescription and
        progression. The same squat in a heavy and a light slot progresses as
        two lines, while an exercise that moves between slots with the same
        prescription keeps its history."""
        return f"{choice.key}|{self.prepared.fixed(slot, choice.exercise, self.units)[2]}"

    def increment(self, options: Mapping[str, Any], step: float | None) -> float:
        value = options.get("increment")
        if value == "step":
            return step or DEFAULT_INCREMENT.get(self.units, 2.5)
        return float(value if value is not None else DEFAULT_INCREMENT.get(self.units, 2.5))

    # -------------------------------------------------------------- policy --

    def _context(self, slot: SlotRule, choice: Choice, rx: Prescription, options: Mapping[str, Any],
                 previous: TrainingState | None, week: int) -> ProgressionContext:
        logged = previous is not None and previous.status == "logged"
        return ProgressionContext(
            prescription=rx, options=options, units=self.units, exercise=choice.exercise, week=week,
            exposure=(previous.exposures if previous else 0) + 1,
            performed=previous.performed if logged and previous else None, state=previous, choice=choice,
            step=self.loader.step(choice, previous.target.load if previous else None)
            if options.get("increment") == "step" else None,
        )

    def _call(self, slot: SlotRule, what: str, *args: Any) -> Target:
        reg = self.registry.progressions[slot.progression.policy]
        try:
            target = getattr(reg.component, what)(*args)
            if not isinstance(target, Target):
                raise TypeError(f"expected a Target, got {type(target).__name__}")
            _check_numbers(target)
        except Exception as exc:  # noqa: BLE001 - a plugin's fault names the plugin
            raise PluginError(reg.plugin, f"progression {slot.progression.policy!r}",
                              f"{type(exc).__name__}: {exc}") from exc
        return target

    def _next_target(self, slot: SlotRule, choice: Choice, rx: Prescription, options: Mapping[str, Any],
                     previous: TrainingState | None, week: int) -> Target:
        ctx = self._context(slot, choice, rx, options, previous, week)
        if previous is None:
            return self._call(slot, "start", ctx)
        if previous.status == "missed":
            return replace(previous.target, note="not in the log last time: same target again")
        steps = 1 if slot.progression.per == "exposure" or previous.week == 0 else max(week - previous.week, 1)
        target = previous.target
        for i in range(steps):
            target = self._call(slot, "advance", ctx if i == 0 else replace(ctx, performed=None), target)
        rules = slot.progression.autoregulation
        verdict = assess(previous, rx, rules)
        if rules is None or verdict.kind == "ok":
            return target
        return regulate(verdict, target, previous, choice, self.loader, rules, rx, self.increment(options, ctx.step))

    def _seed(self, slot: SlotRule, choice: Choice, rx: Prescription, options: Mapping[str, Any],
              week: int, date: _dt.date | None) -> TrainingState | None:
        """A form's first exposure in the plan builds on its last logged
        session, as if it had been the exposure before: one logged before
        the program starts, or one of this form trained instead of the form
        planned (sumo pulled on a conventional day)."""
        if self.history is None:
            return None
        session = self.history.last_session(choice.key, date or week_start(self.program, week))
        if session is None:
            return None
        start = self._call(slot, "start", self._context(slot, choice, rx, options, None, week))
        return self._logged_state(choice, rx, start, session, self._week_of(session.date), 0)

    def _week_of(self, date: _dt.date) -> int:
        """The program week a date falls in (0 before week 1)."""
        start = self.program.start
        if start is None or date < start:
            return 0
        return (date - start).days // 7 + 1

    # -------------------------------------------------- equipment topping out --

    def _settle(self, slot: SlotRule, choice: Choice, rx: Prescription, options: Mapping[str, Any],
                previous: TrainingState | None, target: Target, loaded: Loaded, week: int,
                date: _dt.date | None) -> tuple[Choice, Target, Loaded]:
        """An increase that did not happen keeps last time's reps and sets;
        one the equipment cannot make moves to a harder form, then to reps
        up to the top of the range, then to sets."""
        unloaded = (previous is not None and kind_of(choice) == "none"
                    and target.added_load > previous.target.added_load + 1e-9)
        if previous is None or not (loaded.topped or loaded.held or unloaded):
            return choice, target, loaded
        before = _as_done(previous, rx)
        if loaded.held:
            owed = loaded.basis.change.removeprefix("held: ") if loaded.basis else ""
            return choice, replace(target, reps=before.reps, sets=before.sets, note=(
                f"{target.note}: {owed}; repeat {before.sets} x {before.reps}".lstrip(": "))), loaded
        harder = None if slot.options.get("variants") else self._harder(choice)
        why = (f"{choice.name} takes no load" if kind_of(choice) == "none"
               else f"{n(before.load or 0)} {self.units} is the heaviest the equipment makes")
        if harder is not None:
            self.upgrades[choice.key] = harder
            rx2, options2 = self.fixed(slot, harder)
            start = self._call(slot, "start", self._context(slot, harder, rx2, options2, None, week))
            start = replace(start, note=f"{why}: move to {harder.name}")
            moved = self.loader.prescribe(harder, start, None, rx2.rpe[1] if rx2.rpe else 10.0, date, "start",
                                          fallback=self.loader.planned(choice, previous))
            return harder, start, self.loader.lightest(harder, moved)
        keep = replace(loaded, load=before.load, topped=True)
        if before.reps < rx.reps[1]:
            return choice, replace(before, reps=before.reps + 1, note=f"{why}: add a rep instead"), keep
        if before.sets < rx.sets[1]:
            return choice, replace(before, sets=before.sets + 1, note=f"{why}: add a set instead"), keep
        return choice, replace(before, note=f"{why}: keep {before.sets} x {before.reps}; "
                                            "slow the tempo or choose a harder exercise"), keep

    def _harder(self, choice: Choice) -> Choice | None:
        """The form the catalog names as the next one up, if the athlete
        has what it needs."""
        if choice.variant is None or choice.variant.harder is None:
            return None
        ex = self.rules.exercises.get(choice.exercise.id, choice.exercise)
        form = ex.variant(choice.variant.harder)
        if form is None or form.id == choice.variant.id:
            return None
        available = self.athlete.gear.available if self.athlete else None
        if available is not None and not set(form.equipment) <= available:
            return None
        return Choice(ex, form)

    # ------------------------------------------------------------- deloads --

    def _deload_point(self, previous: TrainingState | None, week: int) -> int:
        """The deload week this exposure has its deload for, or 0. Each form
        has one deload per cycle, the first time it is trained in or after
        the deload week, so lifts that alternate are each deloaded in turn."""
        deload = self.rules.deload
        if deload is None:
            return 0
        point = (week // deload.every) * deload.every
        if point < deload.every:
            return 0
        if previous is None or previous.week == 0:
            return point if week == point else 0
        return point if previous.week < point <= week else 0

    def _deload(self, slot: SlotRule, choice: Choice, rx: Prescription, options: Mapping[str, Any],
                previous: TrainingState | None, week: int, date: _dt.date | None, done: bool) -> PlannedExercise:
        deload = self.rules.deload
        assert deload is not None
        rpe_top = rx.rpe[1] if rx.rpe else 10.0
        if previous is None or previous.week == 0:
            target = self._next_target(slot, choice, rx, options, previous, week)
            loaded = self.loader.prescribe(choice, target, previous, rpe_top, date, _origin(previous))
            target = replace(target, load=loaded.load)
            state = self._keep(self.key(slot, choice), choice, rx, target, previous, loaded, week, False, None)
        else:
            target, state = self._before_deload(slot, choice, rx, options, previous), replace(previous, week=week)
        self.states[self.key(slot, choice)] = state
        sets = max(1, round(target.sets * deload.sets))
        effort = self.loader.effort
        rpe = deload.rpe or deload_rpe(target, deload.load, effort)
        scaled = self.loader.scaled(choice, target.load, deload.load) if target.load is not None else None
        load = scaled[0] if scaled else None
        note = f"deload: {deload.sets:g} of the sets" + (_deload_load(load, target.load, deload.load) if scaled else "")
        session = self._session(choice.key, week, done)
        if _trained_through(session, choice, load):
            assert session is not None
            exposures = (previous.exposures if previous else 0) + 1
            state = self._logged_state(choice, rx, target, session, week, exposures)
            self.states[self.key(slot, choice)] = state
            note += "; logged heavier than the deload, so it counts as a normal session"
        shown = replace(target, sets=sets, rpe=rpe, load=load, note=note)
        basis = scaled[1] if scaled else None
        if basis is None and self.athlete is not None:
            unloaded = kind_of(choice) == "none"
            basis = self.loader.prescribe(choice, target, None, rpe_top, date, "").basis if unloaded else LoadBasis()
        return PlannedExercise(
            slot=slot.name, choice=choice, category=category_of(slot, choice), prescription=rx,
            progression=slot.progression.name, target=shown, sets=planned_sets(shown, load), notes=slot.notes,
            basis=basis, performed=session.sets if session else (), deload=True, state=state,
            logged_as=self._logged_as(choice, session),
        )

    def _before_deload(self, slot: SlotRule, choice: Choice, rx: Prescription, options: Mapping[str, Any],
                       previous: TrainingState) -> Target:
        """What a deload lightens: last time's target, or after a session
        that was too hard, the lighter load autoregulation gives it (a
        deload is never heavier than the work that follows it)."""
        rules = slot.progression.autoregulation
        verdict = assess(previous, rx, rules)
        if rules is None or verdict.kind != "hard" or previous.target.load is None:
            return previous.target
        ctx = self._context(slot, choice, rx, options, previous, previous.week)
        cut = regulate(verdict, previous.target, previous, choice, self.loader, rules, rx,
                       self.increment(options, ctx.step))
        if cut.load is None or cut.load >= previous.target.load:
            return previous.target
        imp = self.loader.implement(choice)
        load = gear.floor(imp, cut.load) if imp is not None and imp.loaded else cut.load
        return replace(previous.target, load=load, reps=cut.reps)

    # --------------------------------------------------------- the log side --

    def _session(self, form: str, week: int, done: bool) -> Session | None:
        """The logged session of this exposure: the form's k-th session in
        the week for its k-th exposure that week (trained on another day
        than planned still counts). With none, a session of another form of
        the exercise that week (sumo pulled instead of conventional): shown
        as done, but it is that form's history, not this one's."""
        if not done or self.history is None:
            return None
        k = self._in_week[(form, week)] = self._in_week.get((form, week), 0) + 1
        first, last = week_start(self.program, week), week_start(self.program, week + 1)
        found = self.history.sessions(form, first, last)
        if len(found) >= k:
            return found[k - 1]
        others = [s for s in self.history.exercise_sessions(form.partition("/")[0], first, last) if s.form != form]
        return others[0] if others else None

    def _keep(self, key: str, choice: Choice, rx: Prescription, target: Target, previous: TrainingState | None,
              loaded: Loaded, week: int, done: bool, session: Session | None) -> TrainingState:
        exposures = (previous.exposures if previous else 0) + 1
        if session is not None and session.form == choice.key:
            state = self._logged_state(choice, rx, target, session, week, exposures)
        else:
            state = TrainingState(choice.key, target, week, exposures, loaded.owed,
                                  "missed" if done else "planned", topped=loaded.topped)
        self.states[key] = state
        return state

    def _logged_state(self, choice: Choice, rx: Prescription, target: Target, session: Session, week: int,
                      exposures: int) -> TrainingState:
        """After a logged session the state holds what was lifted: the load
        of the group a plain prescription follows (none for a ramp: the
        next load then comes from the session's e1RM). A group done for more
        reps than the range allows (back-offs of 8 for a 4-6 prescription)
        stands for the load its e1RM gives at the top of the range, so the
        next load is coherent with the prescription."""
        follow = session.working
        load = follow.load if follow is not None and kind_of(choice) != "none" else None  # 0 or empty: no load
        performed = follow.sets if follow is not None else session.sets
        rpe_top = target.rpe[1] if target.rpe else 10.0
        e1 = self.loader.session_e1rm(choice, session.sets, rpe_top)
        if follow is not None and load is not None and min(p.reps for p in follow.sets) > rx.reps[1]:
            load = self._coherent(choice, rx, follow.sets, rpe_top, load)
        top = session.top
        if top is not None:
            self.states[f"{choice.key}#top"] = TrainingState(
                f"{choice.key}#top", Target(len(top.sets), min(p.reps for p in top.sets), target.rpe, load=top.load),
                week, exposures, status="logged", performed=top.sets, e1rm=e1)
        return TrainingState(choice.key, replace(target, load=load), week, exposures, 0.0, "logged",
                             performed, e1)

    def _coherent(self, choice: Choice, rx: Prescription, sets: tuple[Any, ...], rpe_top: float,
                  lifted: float) -> float:
        """The load (as the equipment makes it, and never lighter than what
        was lifted) for the top of the rep range at the bottom of the RPE
        range, from the best of `sets`."""
        e1 = self.loader.session_e1rm(choice, sets, rpe_top)
        effort = self.loader.effort
        imp = self.loader.implement(choice)
        if e1 is None or effort is None or imp is None or not imp.loaded:
            return lifted
        bw = self.loader.bodyweight(choice) or 0.0
        wanted = (e1 * effort(rx.reps[1], rx.rpe[0] if rx.rpe else 10.0) - bw) / imp.count
        return max(gear.floor(imp, wanted), lifted)


def _deload_load(load: float | None, before: float | None, fraction: float) -> str:
    """How much lighter the deload really is: the equipment's steps may not
    make the stated fraction (a stack in 10s, heavy dumbbell jumps)."""
    if load is None or not before:
        return ""
    real = load / before
    if real >= 1 - 1e-9:
        return f", same load ({fraction:g} of it is not a step of the equipment)"
    if abs(real - fraction) > 0.025:
        return f" at {real:.2f} of the load ({fraction:g} is not a step of the equipment)"
    return f" at {fraction:g} of the load"


def _trained_through(session: Session | None, choice: Choice, load: float | None) -> bool:
    """Whether a deload week's logged session of this form was heavier than
    the deload asked: the athlete trained through it, and the next exposure
    builds on that session rather than on the week before."""
    if session is None or session.form != choice.key or load is None:
        return False
    heaviest = max((p.load for p in session.sets if p.load is not None), default=None)
    return heaviest is not None and heaviest > load * 1.005 + 1e-9


def _with_change(note: str, loaded: Loaded) -> str:
    """An increase that differs from what the policy added (what was owed
    made up a whole step) says what the load really does."""
    change = loaded.basis.change if loaded.basis else ""
    if not change.startswith("+") or loaded.held:
        return note
    added = change.split(",")[0][1:]
    return f"{note}: {change}" if note and not _says(note, added) else note


def _says(note: str, amount: str) -> bool:
    """Whether a note already names this amount as a whole number: "add 2.5
    kg" does not say "5 kg"."""
    return re.search(rf"(?<![\d.]){re.escape(amount)}\b", note) is not None


def _as_done(previous: TrainingState, rx: Prescription) -> Target:
    """Last time's target as it was done: after a logged session, the reps
    of its weakest working set (within the range), not the reps planned."""
    target = previous.target
    if previous.status != "logged" or not previous.performed:
        return target
    reps = min(max(min(p.reps for p in previous.performed), rx.reps[0]), rx.reps[1])
    return replace(target, reps=reps)


def _origin(previous: TrainingState | None) -> str:
    if previous is None:
        return "start"
    if previous.week == 0 and previous.performed:
        p = previous.performed[0]
        return f"last logged session ({p.date}, {p.source})"
    if previous.status == "logged" and previous.performed:
        p = previous.performed[0]
        return f"logged {p.date} ({p.source})"
    if previous.status == "missed":
        return f"not logged in week {previous.week}"
    return f"progression from week {previous.week}"


def _check_numbers(target: Target) -> None:
    """A policy's numbers must be real: a NaN or infinite load would
    print as a load nobody can lift."""
    import math

    for name in ("load", "added_load"):
        value = getattr(target, name)
        if value is not None and (not isinstance(value, (int, float)) or not math.isfinite(value)):
            raise ValueError(f"{name} is {value!r}, not a finite number")
    if not isinstance(target.reps, int) or not isinstance(target.sets, int) or target.reps < 0 or target.sets < 0:
        raise ValueError(f"sets and reps must be whole numbers >= 0, got {target.sets!r} x {target.reps!r}")
