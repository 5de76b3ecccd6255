"""Training state: one per exercise form, carried exposure to exposure.

For each exposure the trainer takes the form's state, asks the slot's
progression policy for the next target (after a session the log has, the
policy reads it, and autoregulation may change the load), has the loader
turn that into a load the athlete's equipment makes, and keeps the new
state. When an increase cannot happen because the equipment is at its
heaviest (or the form takes no load), progression moves to a harder form,
then to an extra set, and says so. Deloads and missed sessions are rules
here too: every change of load has a stated reason.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from engine.attendance import read_as_own
from engine.autoregulation import assess, regulate
from engine.bodyweight import bodyweight_cap, past_top
from engine.coarse import coarse_cut, still_over
from engine.components import ProgressionContext
from engine.deloads import deload_point
from engine.deloadweek import deload_exposure
from engine.flatratings import noted, run_after
from engine.foresee import foreseen
from engine.formmoves import back_down, easier_deload, first_exposure, moved_from, up
from engine.gear import kind_of
from engine.history import History, Session
from engine.jumps import coarse_step
from engine.loaded import Loaded
from engine.loading import Loader
from engine.loads import increment_of
from engine.logged import as_done, extra_since, logged_as, logged_state, rounded_up, taken_at
from engine.missed import again, light_day
from engine.model import (
    Athlete,
    Choice,
    PlannedExercise,
    Prescription,
    Program,
    Rules,
    SlotRule,
    Target,
    TrainingState,
)
from engine.model.base import replace
from engine.plannedsets import label, planned_sets, repeated
from engine.policycalls import call_policy, from_plugin
from engine.prepared import Prepared
from engine.retest import retested
from engine.schedule import category_of, week_of, week_start
from engine.stepup import rep_bearable
from engine.topout import at_top, build, easy_reps, harder_form, said_once, under_reps
from engine.tried import tried
from engine.weeklog import WeekLog, cutoff, extra_note
from engine.wording import after_ramp, at_load, built_on, held, named, origin, with_change


class Trainer:
    """Every form's training state for one athlete (or none) over the plan."""

    def __init__(self, rules: Rules, registry: Any, program: Program, athlete: Athlete | None,
                 history: History | None, loader: Loader, prepared: Prepared) -> None:
        self.rules, self.registry, self.program, self.prepared = rules, registry, program, prepared
        self.athlete, self.history, self.loader = athlete, history, loader
        self.units = athlete.units if athlete else program.units
        self.states: dict[str, TrainingState] = {}
        self.upgrades: dict[str, Choice] = {}  # a form that topped out -> the form it moved to
        self._lines: dict[tuple[int, str], str] = {}  # (slot, form) -> training line
        self.line_rx: dict[str, Prescription] = {}  # training line -> its prescription
        self.down: dict[str, tuple[float, str] | None] = {}  # a form the slot comes back down to -> the failed e1RM
        self.week_log = WeekLog(history) if history is not None else None  # the week's sessions, by exposure
        self._taken = self.week_log.taken if self.week_log else set()  # (form, date) of sessions an exposure claimed
        self.asked: dict[tuple[str, _dt.date], Target] = {}  # (form, date) of a logged session -> what its sheet asked

    # ------------------------------------------------------------ exposure --

    def begin_week(self, week: int, planned: list[tuple[_dt.date | None, SlotRule, Choice]]) -> None:
        """Match the week's logged sessions to its planned exposures (engine.weeklog) before any is prescribed."""
        first, last = week_start(self.program, week), week_start(self.program, week + 1)
        if self.week_log is None or first is None or last is None or not self.week_log.begin(first, last):
            return
        self.week_log.match([(d, slot.index, choice.key, self._forms(slot, choice), self.fixed(slot, choice)[0].reps)
                             for d, slot, choice in planned if d is not None])

    def done(self, date: _dt.date | None) -> bool:
        """A day the log has passed, or one whose exposures claim sessions
        (logged before it: Friday's session on Thursday)."""
        return bool(self.history and self.history.done(date) or self.week_log and self.week_log.claims(date))

    def _forms(self, slot: SlotRule, choice: Choice) -> tuple[str, ...]:
        """The forms an exposure may be done in: the pick, or the harder form it moved to and those below."""
        return (choice.key,) if slot.options.get("variants") else tuple(c.key for c in reversed(self._chain(choice)))

    def moved(self, asked: Choice) -> tuple[Choice, Choice]:
        """The form the pick moved up to, one move after another (assisted, bodyweight, weighted pull-ups),
        and the form it moved from (the pick itself when it has not moved)."""
        chain = self._chain(asked)
        return chain[-2 if len(chain) > 1 else -1], chain[-1]

    def moved_to(self, asked: Choice, form: str) -> bool:
        """Whether `form` is one the line of `asked` moved up to by its own moves."""
        return any(c.key == form for c in self._chain(asked)[1:])

    def _chain(self, asked: Choice) -> list[Choice]:
        chain = [asked]
        while chain[-1].key in self.upgrades and self.upgrades[chain[-1].key].key not in {c.key for c in chain}:
            chain.append(self.upgrades[chain[-1].key])
        return chain

    def exposure(self, slot: SlotRule, choice: Choice, week: int, date: _dt.date | None,
                 done: bool) -> PlannedExercise:
        """Prescribe one exposure and keep the state it leaves. What it
        reads of the log ends before its own session (engine.weeklog):
        from here on `date` is the earlier of its day and that session's."""
        self.loader.line = self.key(slot, choice).partition("|")[2], self.intensity(self.fixed(slot, choice)[0])
        session = self._session(slot, choice.key, date, done)
        planned = self._exposure(slot, choice, week, cutoff(date, session), done, session)
        if self.week_log is not None:
            self.week_log.release(session)
        if session is not None and planned.state is not None:  # as the sheet printed it (`engine.tried`)
            t = planned.state.target
            self.asked[(session.form, session.date)] = replace(t, rpe=planned.state.printed or t.rpe)
        return planned

    def _exposure(self, slot: SlotRule, asked: Choice, week: int, date: _dt.date | None, done: bool,
                  session: Session | None, down: bool = True) -> PlannedExercise:
        # a slot that rotates forms keeps the selector's
        below, planned = (asked, asked) if slot.options.get("variants") else self.moved(asked)
        choice = planned
        rx, options = self.fixed(slot, choice)
        previous = self._seed(slot, choice, rx, options, week, date, self.states.get(self.key(slot, choice)), done)
        restart, fresh = retested(self.loader, choice, self.history, self.loader.max_for(choice, date), previous,
                                  date, rx.rpe[1] if rx.rpe else 10.0)  # a max tested since the last exposure
        previous = None if restart else previous
        point = deload_point(self.rules.deload, previous, week)
        if point:  # (a loaded form's deload at no added load: the bodyweight form it moved from, by name)
            ex = deload_exposure(self, slot, choice, rx, options, previous, week, date, done, session,
                                 "" if previous else fresh)
            return easier_deload(self, below, planned, ex, session)
        target = self._next_target(slot, choice, rx, options, previous, week)
        rules = slot.progression.autoregulation  # (a step a session too easy took: read at its own effort)
        easy = previous is not None and previous.status == "logged" and rules is not None \
            and assess(previous, rx, rules).kind == "easy"
        if fresh:  # afresh from the new max, or the progression it confirms
            target = replace(target, note=fresh if previous is None else "; ".join(filter(None, (fresh, target.note))))
        rpe_top = rx.rpe[1] if rx.rpe else 10.0
        target, held = noted(self.loader, choice, previous, date, target)  # ratings that do not move with the work
        loaded = self.loader.prescribe(choice, target, previous, rpe_top, date, origin(previous), held=held)
        choice, target, loaded = self._settle(slot, choice, rx, options, previous, target, loaded, week, date, session)
        if down and previous is not None and moved_from(self, below, planned, choice, loaded):
            return back_down(self, slot, below, choice, previous,
                             lambda: self._exposure(slot, asked, week, date, done, session, down=False))
        plugin = from_plugin(self.registry, slot.progression.policy)
        target, loaded = foreseen(self.loader, choice, rx, slot.progression, previous, target, loaded, plugin)
        if plugin:  # (the built-ins' loads are checked as made)
            from engine.policylabel import plugin_effort  # (a plugin's policy: off the common path)
            target = plugin_effort(self.loader, choice, rx, previous, target, loaded.load)
        cut = loaded
        if self.history is not None:  # another line's newer session (a log's: off the common path without one)
            from engine.otherline import ceiling, raised
            known = week_start(self.program, week) if done else date  # (a done week: its sheet's knowledge)
            target, cut = ceiling(self.loader, choice, self.history, previous, target, loaded, known)
            target, loaded = raised(self.loader, choice, self.history, previous, target, cut, known)
        if loaded is cut and self.prepared.lines(choice.exercise.id, self.units) > 1:  # a heavy and a light day
            from engine.otherline import in_step  # (not after `raised`: by the newest session itself)
            target, loaded = in_step(self.loader, choice, self.states, self.key(slot, choice), target, loaded, week,
                                     done, self.line_rx)
        increase = None if previous is None or previous.target.load is None or target.load is None \
            else target.load - previous.target.load
        note, loaded = at_load(with_change(target.note, loaded, increase), loaded, self.loader.implement(choice),
                               kind_of(choice))
        note = "; ".join(filter(None, (built_on(previous, self.units), after_ramp(note, previous, loaded),
                                       extra_note(self.history, previous, loaded.basis),
                                       tried(self.loader, choice, previous, target, loaded.load, date, self.asked))))
        shown = replace(target, load=loaded.load, note=note)  # its sets labelled with what it expects at the load
        # what the next exposure builds on: the target, not the label
        target = shown if shown.expected is None else replace(shown, expected=None)
        felt = shown.expected if easy and choice.key == planned.key else None
        state = self._keep(self.key(slot, choice), choice, rx, target, previous, loaded, week, done, session, date,
                           label(shown, loaded.load), felt.rpe if felt and felt.reps == shown.reps else None)
        run = run_after(self.loader, choice, previous, state, loaded.load, slot.progression.policy)
        if run is not state.run:
            state = self.states[self.key(slot, choice)] = replace(state, run=run)
        return PlannedExercise(
            slot=slot.name, choice=choice, category=category_of(slot, choice), prescription=rx,
            progression=slot.progression.name, target=shown, sets=planned_sets(shown, loaded.load),
            notes=slot.notes, basis=loaded.basis, performed=session.sets if session else (), state=state,
            logged_as=logged_as(self.rules.exercises, choice, session), missed=done and session is None,
        )

    def intensity(self, rx: Prescription) -> float:
        """A line's planned intensity: the %1RM of its fewest reps at its top RPE (another line's light day)."""
        return self.loader.effort(rx.reps[0], rx.rpe[1] if rx.rpe else 10.0) if self.loader.effort else 1.0

    def fixed(self, slot: SlotRule, choice: Choice) -> tuple[Prescription, Mapping[str, Any]]:
        """The prescription and progression options of a slot for an exercise (every week, every athlete)."""
        return self.prepared.fixed(slot, choice.exercise, self.units)[:2]

    def key(self, slot: SlotRule, choice: Choice) -> str:
        """The training line: the form, under this prescription and
        progression. The same squat in a heavy and a light slot progresses as
        two lines, while an exercise that moves between slots with the same
        prescription keeps its history."""
        found = self._lines.get((slot.index, choice.key))
        if found is None:
            rx, _, line = self.prepared.fixed(slot, choice.exercise, self.units)
            found = self._lines[slot.index, choice.key] = f"{choice.key}|{line}"
            self.line_rx[found] = rx
        return found

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
        return call_policy(self.registry, slot.progression.policy, what, *args)

    def _next_target(self, slot: SlotRule, choice: Choice, rx: Prescription, options: Mapping[str, Any],
                     previous: TrainingState | None, week: int) -> Target:
        ctx = self._context(slot, choice, rx, options, previous, week)
        if previous is None:
            return self._call(slot, "start", ctx)
        if previous.status in ("missed", "replaced", "light"):
            why = {"missed": "not in the log", "replaced": "done as another form"}.get(previous.status, "a light day")
            when = "before the deload" if previous.after_deload else "last time"
            return again(previous, why, when, self.history, self.program)
        steps = 1 if slot.progression.per == "exposure" or previous.week == 0 else max(week - previous.week, 1)
        target = previous.target
        for i in range(steps):
            target = self._call(slot, "advance", ctx if i == 0 else replace(ctx, performed=None), target)
        rules = slot.progression.autoregulation
        verdict = assess(previous, rx, rules)
        if verdict.kind in ("hard", "failed") and previous.performed:
            self.loader.too_hard.setdefault((choice.key, previous.performed[0].date), "lowest")
        if rules is None or verdict.kind == "ok":
            return target
        return regulate(verdict, target, previous, choice, self.loader, rules, rx,
                        increment_of(options, self.units, ctx.step), slot.progression)

    def _seed(self, slot: SlotRule, choice: Choice, rx: Prescription, options: Mapping[str, Any],
              week: int, date: _dt.date | None, previous: TrainingState | None,
              done: bool = False) -> TrainingState | None:
        """A form's first exposure in the plan builds on its last logged
        session as the line prescribes it (`read_as_own`; another, only by its
        e1RM), as if it had been the exposure before: one logged before
        the program starts, or one of this form trained instead of the form
        planned (sumo pulled on a conventional day); a later one, on an
        extra session since its last (`extra_since`), one before its week
        when the week is done (the sheet handed out for it knew no later
        one: a make-up on Monday does not change Thursday's done target);
        never on a session another line's exposure claimed."""
        if previous is not None and previous.status == "planned" and not previous.exposures:
            return None  # a deload week that would have been the line's first: it starts here
        if self.history is None:
            return previous
        known = week_start(self.program, week) if done and previous is not None or date is None else date
        top = rx.rpe[1] if rx.rpe else 10.0  # (a first exposure: another program's light day gives way, as to e1RMs)
        session = self.history.last_session(choice.key, known) if previous is not None else self.history.telling(
            choice.key, known, lambda s: self.loader.read_session(choice, s, top), self.loader.light_elsewhere)[0]
        lines = self.prepared.lines(choice.exercise.id, self.units)
        if session is None or previous is not None and not extra_since(self.history, session, previous) \
                or not read_as_own(session, rx, previous is None, lines > 1, self.program.start) \
                or lines > 1 and (session.form, session.date) in self._taken:  # its e1RM, not its reps or sets:
            return previous  # another line's (Monday's 2 sets for Thursday's 3), an old program's light 2 x 8
        start = previous.target if previous is not None else \
            self._call(slot, "start", self._context(slot, choice, rx, options, None, week))
        state, _ = logged_state(self.loader, choice, rx, start, session, week_of(self.program, session.date),
                                previous.exposures if previous is not None else 0)
        return state

    # -------------------------------------------------- equipment topping out --

    def _settle(self, slot: SlotRule, choice: Choice, rx: Prescription, options: Mapping[str, Any],
                previous: TrainingState | None, target: Target, loaded: Loaded, week: int,
                date: _dt.date | None, session: Session | None) -> tuple[Choice, Target, Loaded]:
        """An increase that did not happen keeps last time's reps and sets;
        one the equipment cannot make (or reps past what bodyweight alone
        allows: `bodyweight_cap`) moves to a harder form, then reps, then sets."""
        unloaded = (previous is not None and kind_of(choice) == "none"
                    and target.added_load > previous.target.added_load + 1e-9)
        if previous is None:
            return first_exposure(self, slot, choice, rx, target, loaded, week, date)
        cut = coarse_cut(self.loader, slot.progression.policy, choice, rx, previous, target, loaded) \
            or still_over(self.loader, choice, previous, loaded)  # (nothing builds on a load over it at its lightest)
        if cut is not None:  # a cut the equipment makes deeper than wanted: reps by effort at its load
            return (choice, *cut)
        cap = bodyweight_cap(self.loader, choice, rx, previous, target, loaded, date, self.down.get(choice.key))
        if cap is not None and not cap.reached:  # done or not, the reps the sheet gave
            return choice, cap.target, loaded
        step = coarse_step(self.loader, choice, rx, slot.progression, options, previous, target, loaded,
                           from_plugin(self.registry, slot.progression.policy))
        if step is not None:
            return (choice, *step)
        if not (loaded.topped or loaded.held or unloaded or cap is not None):
            return choice, target, loaded
        before = as_done(previous, rx) if cap is None else cap.before
        if loaded.held:
            return choice, held(target, loaded, before.sets, before.reps), loaded
        harder = None if slot.options.get("variants") else harder_form(self.rules, self.athlete, choice)
        why = cap.why if cap else (
            f"{choice.name} reached the top of its rep range and takes no load" if kind_of(choice) == "none"
            else at_top(self.loader.implement(choice), loaded.load if loaded.load is not None else before.load,
                        self.units))
        moved, back = up(self, slot, choice, harder, previous, why, week, date)
        if moved is not None and (cap is None or not past_top(self.loader, *moved, cap.e1rm)):  # (past failure)
            self.upgrades[choice.key] = moved[0]
            return moved
        why = f"{why}; {back}" if back else why
        keep = replace(loaded, load=loaded.load if loaded.load is not None else before.load, topped=True,
                       basis=said_once(loaded.basis))  # (`why` says the load stays at the heaviest)
        most = cap.target.reps if cap else rx.reps[1]
        easy = None if cap else easy_reps(self.loader, choice, previous, rx, slot.progression.autoregulation,
                                          keep.load, before.reps, most, before.rpe)
        then = {"then": "more reps once a logged session shows them"} if cap and most < rx.reps[1] else \
            {"then": f"{harder.name} once a {choice.name} session is logged"} if back and harder else {}
        imp = self.loader.implement(choice)
        if easy is None and cap is None and before.reps < most and keep.load is not None and imp is not None \
                and not rep_bearable(self.loader, choice, rx, slot.progression, previous, before, keep.load,
                                     before.reps + 1):  # (a rep past the line the too-hard rule draws: held)
            at = named(imp, keep.load, self.units)
            most, then = before.reps, {"then": f"a rep more once a session at {at} is rated lower"}
        elif easy is None and cap is None and keep.load is not None and imp is not None:
            easy = under_reps(self.loader, choice, rx, slot.progression, previous, before, keep.load, most, imp)
        sets = before.sets if choice.key in self.down else rx.sets[1]  # (back down: where it left off, not a set more)
        return choice, build(before, why, most, sets, easy, **then), keep

    # ------------------------------------------------------------- deloads --

    # --------------------------------------------------------- the log side --

    def _session(self, slot: SlotRule, asked: str, date: _dt.date | None, done: bool) -> Session | None:
        """The logged session matched to this exposure (see begin_week): of
        this form, or of another form of the exercise (shown as done, but it
        is that form's history, not this one's)."""
        return self.week_log.session(date, slot.index, asked) if done and self.week_log else None

    def _logged(self, key: str, choice: Choice, rx: Prescription, target: Target, session: Session, week: int,
                exposures: int, owed: float = 0.0, rounded: float = 0.0) -> TrainingState:
        state, top = logged_state(self.loader, choice, rx, target, session, week, exposures, owed, rounded)
        self.states[key] = state
        if self.history is not None:
            self.history.claim(session, key.partition("|")[2], target.load, self.intensity(rx))
        if top is not None:
            self.states[f"{choice.key}#top"] = top
        return state

    def _keep(self, key: str, choice: Choice, rx: Prescription, target: Target, previous: TrainingState | None,
              loaded: Loaded, week: int, done: bool, session: Session | None, date: _dt.date | None,
              printed: tuple[float, float] | None = None, felt: float | None = None) -> TrainingState:
        """The state the exposure leaves; `printed`, the RPE its sheet showed,
        is what its session is judged against; `felt`, the effort a session
        too easy puts the step it took at (`logged.taken_at`)."""
        exposures = (previous.exposures if previous else 0) + 1
        if session is not None and session.form == choice.key and light_day(target, session):
            state = TrainingState(choice.key, target, week, exposures, loaded.owed, "light", topped=loaded.topped,
                                  date=date)  # (its target again, from the load planned: no new e1RM)
        elif session is not None and session.form == choice.key:
            state = self._logged(key, choice, rx, target, session, week, exposures, loaded.owed,
                                 rounded_up(self.loader, choice, target, loaded))
        else:
            status = "planned" if not done else "missed" if session is None else "replaced"
            state = TrainingState(choice.key, target, week, exposures, loaded.owed, status, topped=loaded.topped,
                                  date=date, rounded=taken_at(self.loader, choice, target, loaded, felt))
        shown = printed if printed is not None and printed != target.rpe else None
        again = repeated(previous, state, shown)  # (a planned week held back: the plan's progress goes on)
        if again is not None or shown is not None:
            state = again or replace(state, printed=shown)
        self.states[key] = state
        return state

