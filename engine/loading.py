"""Loads for one exposure: where an estimate of the max comes from, and how
the load a progression wants becomes one the athlete's equipment makes.

The rounding happens here, once: a load the policy keeps is the same number;
an increase moves to the heaviest load made within what was earned, the rest
owed to the next (hold, hold, add); a decrease goes to the nearest load made
still lighter than what was lifted (`cut_to`); equipment that cannot go
heavier is reported, never capped in silence. Loads are per implement (per hand)."""

from __future__ import annotations

import datetime as _dt
from typing import Callable

from engine import gear
from engine.assist import assisted, banded, is_assisted
from engine.exporters.common import day_text
from engine.gear import Implement, cut_to, kind_of
from engine.history import History, Session
from engine.loaded import EPS, TOLERANCE, Estimate, Loaded, n
from engine.maxhistory import max_on, max_text, profile_tests
from engine.model import Athlete, Choice, Exercise, LoadBasis, Max, Performed, Target, TrainingState
from engine.model.base import replace
from engine.ratings import evidence, rating_text, ratings
from engine.sessionread import Reading, reading, session_text, whole_caveat


class Loader:
    """Loads for one athlete (or none: then every load stays None)."""

    def __init__(self, athlete: Athlete | None, effort: Callable[[int, float], float] | None,
                 effort_name: str, units: str, exercises: dict[str, Exercise] | None,
                 history: History | None) -> None:
        self.athlete, self.effort, self.effort_name = athlete, effort, effort_name
        self.units, self.history = units, history
        self.exercises = exercises or {}
        self._implements: dict[str, Implement] = {}  # by form, for the gear of `_gear`
        self._gear = athlete.gear if athlete else None  # a profile's gear may change from a date: a new athlete
        self._aside: set[str] = set()  # forms whose undated max a load has said the log outranks
        self._tests: dict[str, tuple[Max, ...]] = {}  # by form: the profile's maxes for it (engine.maxhistory)
        self._forms: dict[str, Choice] = {}  # a form's choice of the full exercise, made once
        self._blanks: dict[str, bool] = {}  # by form: nothing to estimate from (`_blank`), for `_blank_for`
        self._blank_for = athlete
        self._counted: dict[str, bool] = {}  # by bodyweight form: whether its moved load is known (`bodyweight`)
        # (form, date) of a session too hard -> its weakest set ("lowest") or median ("middle") is read (`how_read`)
        self.too_hard: dict[tuple[str, _dt.date], str] = {}
        self.cuts: dict[tuple[str, _dt.date], tuple[float, float, float, float]] = {}  # (e1RM, percent, RPE, raw)
        self.line: tuple[str, float] = ("", 1.0)  # the line being prescribed, and its intensity (`History.elsewhere`)

    # ------------------------------------------------------------ estimates --

    def implement(self, choice: Choice) -> Implement | None:
        if self.athlete is None:
            return None
        if self.athlete.gear is not self._gear:  # the equipment in effect changed (engine.gearchanges)
            self._implements, self._gear = {}, self.athlete.gear
        found = self._implements.get(choice.key)
        if found is None:
            found = self._implements[choice.key] = gear.implement_for(choice, self.athlete.gear, self.units,
                                                                      self.athlete.bodyweight)
        return found

    def step(self, choice: Choice, load: float | None) -> float | None:
        """The gap from `load` to the next heavier load the equipment makes
        (with no load known yet, its smallest step)."""
        imp = self.implement(choice)
        if imp is None or not imp.loaded:
            return None
        if load is None:
            grid = [g for g in imp.grid(0.0)[-64:] if g < 0] if imp.kind == "assist" else \
                [g for g in imp.grid(0.0)[:64] if g > 0]
            gaps = [b - a for a, b in zip(grid, grid[1:], strict=False)]
            return min(gaps) if gaps else None
        base = load if gear.makes(imp, load) else gear.nearest(imp, load)
        up = gear.next_above(imp, base)
        return None if up is None else up - load

    def bodyweight(self, choice: Choice) -> float | None:
        """The bodyweight a bodyweight exercise moves (0 for the others;
        None when the profile does not give it, or help or a band not
        counted makes it unknown)."""
        if choice.exercise.loading != "bodyweight":
            return 0.0
        counted = self._counted.get(choice.key)
        if counted is None:  # help (a band's) not counted
            counted = self._counted[choice.key] = not (banded(choice) or (assisted(choice)
                                                                          and kind_of(choice) != "assist"))
        bw = self.athlete.bodyweight if self.athlete and counted else None
        return float(bw) if bw else None

    def count(self, choice: Choice) -> int:
        imp = self.implement(choice)
        return imp.count if imp is not None else 1

    def moved(self, choice: Choice, load: float) -> float:
        """The whole load moved at `load` per implement: every implement,
        and bodyweight for a bodyweight form (less the help, assisted)."""
        return load * self.count(choice) + (self.bodyweight(choice) or 0.0)

    def set_e1rm(self, choice: Choice, p: Performed, assumed_rpe: float) -> float | None:
        """The e1RM one logged set implies; a set short of its reps and not rated went to failure only
        if it says so (`failure`); a missed attempt (0 reps) is read as a single at RPE 10."""
        bw = self.bodyweight(choice)
        if self.effort is None or bw is None or p.reps < 0:
            return None
        rpe = p.rpe if p.rpe is not None else (10.0 if p.kind == "failure" or not p.reps else assumed_rpe)
        moved = self.count(choice) * (p.load or 0.0) + bw  # help as much as bodyweight moves nothing: no e1RM
        return moved / self.effort(max(p.reps, 1), rpe) if moved > 0 else None

    def session_e1rm(self, choice: Choice, sets: tuple[Performed, ...], assumed_rpe: float,
                     lowest: bool = False, middle: bool = False, whole: bool = False) -> float | None:
        """The session's e1RM by its best set, or as `engine.sessionread` reads it (`lowest`: a session too hard)."""
        how = "lowest" if lowest else "middle" if middle else "whole" if whole else ""
        found = reading(evidence(sets), how, lambda p: self.set_e1rm(choice, p, assumed_rpe), sets)
        return found[0] if found is not None else None

    def estimate(self, choice: Choice, rx_rpe_top: float, before: _dt.date | None) -> Estimate | None:
        """The latest e1RM of this form: its own last session or max; else
        another form of the exercise scaled by the ratio the catalog (or the
        profile) states between them; else nothing (choose by effort)."""
        if self._blank(choice):
            return None
        own = self._own(choice.exercise, choice.exercise.form_key(choice.variant), rx_rpe_top, before)
        if own is not None:
            return own
        ex = choice.exercise
        ratio = self.ratio(ex, choice.variant.id if choice.variant else None)
        if ratio is None:
            return None
        full = self.exercises.get(ex.id, ex)
        for v in full.variants:
            if choice.variant is not None and v.id == choice.variant.id:
                continue
            theirs = self.ratio(full, v.id)
            found = self._own(full, full.form_key(v), rx_rpe_top, before) if theirs else None
            if found is not None and theirs:
                return Estimate(found.e1rm / theirs * ratio,
                                f"{found.source}, x {ratio / theirs:.3g} for {choice.name} (form ratio)", found.extra)
        return None

    def _blank(self, choice: Choice) -> bool:
        """No form of the exercise has a session or a max: nothing to estimate from on any day."""
        if self._blank_for is not self.athlete:  # (the equipment in effect changed: a new athlete)
            self._blanks, self._blank_for = {}, self.athlete
        found = self._blanks.get(choice.key)
        if found is None:
            full = self.exercises.get(choice.exercise.id, choice.exercise)
            forms = [choice.exercise.form_key(choice.variant), *(full.form_key(v) for v in full.variants)]
            found = self._blanks[choice.key] = all(self._never(full, form) for form in forms)
        return found

    def _never(self, full: Exercise, form: str) -> bool:
        """No session of this form and no max of it: `_own` finds nothing on any day."""
        choice = Choice(full, full.variant(form.partition("/")[2]) if "/" in form else None)
        return not (self.history is not None and self.history.has(form) or profile_tests(self.athlete, self.exercises,
                                                                                         choice))

    def ratio(self, ex: Exercise, variant: str | None) -> float | None:
        """A form's max as a fraction of the default form's."""
        full = self.exercises.get(ex.id, ex)
        key = full.form_key(full.variant(variant) if variant else None)
        if self.athlete is not None and key in self.athlete.ratios:
            return self.athlete.ratios[key]
        if not full.variants or key == full.default_form:
            return 1.0
        form = full.variant(variant) if variant else None
        if form is not None and form.ratio is None and is_assisted(full, form):
            return 1.0  # the same moved load (bodyweight less the help) as the bodyweight form
        return form.ratio if form is not None else None

    def _own(self, ex: Exercise, form: str, rpe_top: float, before: _dt.date | None) -> Estimate | None:
        if self.athlete is None or self.effort is None:
            return None
        full = self.exercises.get(ex.id, ex)
        choice = self._forms.get(form)
        if choice is None or choice.exercise is not full:
            choice = self._forms[form] = Choice(full, full.variant(form.partition("/")[2]) if "/" in form else None)
        session, light = self.history.telling(form, before, lambda s: self.read_session(choice, s, rpe_top),
                                              self.light_elsewhere) if self.history is not None else (None, None)
        m = self.max_for(choice, before)
        if m is not None and m.date is not None and before is not None and m.date > before:
            m = None  # tested after this exposure: not known yet
        if session is not None and not (m is not None and m.date is not None and m.date > session.date):
            found = self.read_session(choice, session, rpe_top)
            if found is not None:
                extra = self.history is not None and self.history.is_extra(form, session.date)
                text = session_text(found, rating_text(found[1], session.sets, rpe_top), self.units,
                                    self.system_text(choice), extra, self.how_read(session))
                skipped = self.history.deload_between(form, session.date, before) if self.history else None
                text += (f"; the deload of {skipped} sets no e1RM" if skipped else "") + (
                    f"; not the light session of {light.date} (RPE {ratings(light.sets)})" if light else "")
                said = whole_caveat(found[2], found[0], self.units, n)
                return Estimate(found[0], text + self.aside(choice, before), session.date if extra else None, said)
        e1 = self.max_e1rm(choice, m) if m is not None else None
        if m is None or e1 is None:
            return None
        return Estimate(e1, max_text(self.athlete, m, self.units, self.system_text(choice, True, alone=m.load <= 0),
                                     self.count(choice)))

    def max_e1rm(self, choice: Choice, m: Max) -> float | None:
        """The e1RM a profile max implies (of the whole moved load)."""
        bw = self.bodyweight(choice)
        if self.effort is None or bw is None:
            return None
        load = -abs(m.load) if assisted(choice) else m.load  # a max of an assisted form gives its help
        return (self.count(choice) * load + bw) / self.effort(m.reps, m.rpe)

    def aside(self, choice: Choice, before: _dt.date | None) -> str:
        """What a load built on the log says, the first time for a form,
        when the profile's max for it has no date: the log outranks it."""
        m = self.max_for(choice, before)
        if m is None or m.date is not None or self.athlete is None or choice.key in self._aside:
            return ""
        self._aside.add(choice.key)
        return f", used instead of the max in {self.athlete.source} ({m.exercise} {n(m.load)} {self.units}, no date)"

    def max_for(self, choice: Choice, date: _dt.date | None = None) -> Max | None:
        """The profile's max for this form in use on `date` (`engine.maxhistory`):
        the form's maxes are looked up once, and an exposure asks several times."""
        tests = self._tests.get(choice.key)
        if tests is None:
            tests = self._tests[choice.key] = profile_tests(self.athlete, self.exercises, choice)
        return max_on(tests, date)

    def light_elsewhere(self, session: Session) -> bool:
        """A session another line read that is no evidence for this one (`History.elsewhere`: a lighter line's)."""
        return self.history is not None and self.history.elsewhere(session, *self.line)

    def how_read(self, session: Session) -> str:
        """"lowest" (its weakest set, the cut's) or "middle" after a session too hard for this line; else ""."""
        return "" if self.history is not None and self.history.elsewhere(session, self.line[0]) else \
            self.too_hard.get((session.form, session.date), "")

    def read_session(self, choice: Choice, session: Session, top: float) -> Reading | None:
        """The session's e1RM (`engine.sessionread`), read as `how_read` says (else as a whole)."""
        return reading(evidence(session.sets), self.how_read(session) or "whole",
                       lambda p: self.set_e1rm(choice, p, top), session.sets)

    def system_text(self, choice: Choice, counted: bool = False, alone: bool = False) -> str:
        """What an e1RM of this form counts besides the one implement named:
        ", a hand, both dumbbells counted, plus bodyweight 180" (`counted`:
        the load is written with its count already, "2 x 16 kg"; `alone`: nothing held)."""
        parts = []
        count = self.count(choice)
        if count > 1 and not alone:
            pair = count == 2 and kind_of(choice) in ("dumbbells", "kettlebells")
            each = "" if counted else "a hand, " if pair else "each, "
            parts.append(f"{each}both {kind_of(choice)} counted" if pair else f"{each}all {count} implements counted")
        bw = self.bodyweight(choice)
        if bw:
            parts.append(f"{'help taken off' if assisted(choice) else 'plus'} bodyweight {n(bw)} {self.units}")
        return (", " + ", ".join(parts)) if parts else ""

    # ---------------------------------------------------------- prescribing --

    def from_effort(self, choice: Choice, reps: int, rpe: float, est: Estimate) -> tuple[float, float]:
        """(load per implement before rounding, the effort model's fraction)."""
        assert self.effort is not None
        percent = self.effort(reps, rpe)
        bw = self.bodyweight(choice) or 0.0
        return (est.e1rm * percent - bw) / self.count(choice), percent

    def prescribe(self, choice: Choice, target: Target, previous: TrainingState | None,
                  rpe_top: float, before: _dt.date | None, origin: str, fallback: Estimate | None = None,
                  held: Estimate | None = None) -> Loaded:
        """The load of this exposure from the policy's `target`, the previous
        state and the athlete's equipment (`fallback`: the estimate to use
        when the form has no max or log of its own or through a ratio;
        `held`: the one a load from the e1RM comes from instead of the
        latest, engine.flatratings)."""
        imp = self.implement(choice)
        if imp is None:
            return Loaded(None, None)
        if not imp.loaded:
            asked = previous is not None and target.added_load > previous.target.added_load + EPS
            return Loaded(None, LoadBasis(note=self._uncounted(choice)), topped=asked)
        if previous is None or previous.target.load is None or target.load is None:
            return self._from_effort(choice, imp, target, rpe_top, before, fallback, held)
        if previous.status == "logged" and previous.performed:
            origin += self.aside(choice, before)
        return self._from_previous(imp, target, previous, origin)

    def _unknown(self, choice: Choice, before: _dt.date | None) -> str:
        """Why there is no estimate: nothing yet, or a max tested after this exposure (not known on its date)."""
        m = self.max_for(choice, before)
        if m is not None and m.date is not None and before is not None and m.date > before:
            return (f"the max in the profile is dated {m.date}, after this exposure ({before}): "
                    "choose the load by effort until then")
        return "no max or log for this form yet: choose the load by effort"

    def _uncounted(self, choice: Choice) -> str:
        """What to say of a form whose load the engine cannot count: bodyweight alone, or a band."""
        return ("bodyweight only" if choice.exercise.loading == "bodyweight" and not banded(choice)
                and not assisted(choice) else "load not counted (e.g. a band): go by effort")

    def lightest(self, choice: Choice, loaded: Loaded) -> Loaded:
        """`loaded`, or when it holds nothing, the lightest load the
        implement makes: moving to a loaded form means holding something."""
        imp = self.implement(choice)
        if imp is None or not imp.loaded or loaded.load is None or loaded.load > 0:
            return loaded
        light = gear.next_above(imp, 0.0)
        if light is None:
            return loaded
        basis = loaded.basis
        note = f"the lightest the equipment makes ({imp.how(light)})"
        if basis is not None:
            basis = replace(basis, load=light, rounding=imp.how(light), note=note)
        return Loaded(light, basis)

    def planned(self, choice: Choice, state: TrainingState) -> Estimate | None:
        """An estimate from a planned (not logged) exposure taken as done at
        the top of its RPE range: how a form that tops out hands its level
        to the harder form in a plan with no log to go by."""
        t = state.target
        rpe = t.rpe[1] if t.rpe else 10.0
        done = Performed(_dt.date.min, t.reps, t.load or 0.0, rpe)
        e1 = self.set_e1rm(choice, done, rpe)
        if e1 is None:
            return None
        return Estimate(e1, f"planned {t.sets} x {t.reps} of {choice.name} at RPE {rpe:g}, taken as done"
                            f"{self.system_text(choice)}")

    def _from_effort(self, choice: Choice, imp: Implement, target: Target, rpe_top: float,
                     before: _dt.date | None, fallback: Estimate | None = None,
                     held: Estimate | None = None) -> Loaded:
        count = imp.count
        if self.effort is None:
            return Loaded(None, LoadBasis(note=f"effort model {self.effort_name!r} is not installed", implements=count))
        if self.bodyweight(choice) is None:
            return Loaded(None, LoadBasis(note="no bodyweight in the profile: choose the load by effort",
                                          implements=count))
        est = held or self.estimate(choice, rpe_top, before) or fallback
        if est is None:
            return Loaded(None, LoadBasis(note=self._unknown(choice, before), implements=count))
        rpe = target.rpe[0] if target.rpe else 10.0
        raw, percent = self.from_effort(choice, target.reps, rpe, est)
        note = ""
        if raw <= 0 and choice.exercise.loading == "bodyweight" and imp.kind != "assist":
            load, how = 0.0, "no added load"
            note = "bodyweight alone is enough at this effort"
        else:
            load = gear.nearest(imp, raw)
            how = imp.how(load)
        top = imp.top
        topped = top is not None and raw > top + EPS
        if top is not None and topped:
            note = f"the heaviest the equipment makes ({imp.amount(top)}) is lighter than the target"
        extra = f"the e1RM is from the extra session of {day_text(est.extra)}" if est.extra is not None else ""
        note = "; ".join(filter(None, (note, extra, est.caveat)))
        return Loaded(load, LoadBasis(est.source, est.e1rm, percent, raw, load, how, note, change="from the e1RM",
                                      implements=imp.count, labels=imp.labels, rpe=rpe), topped=topped)

    def _from_previous(self, imp: Implement, target: Target, previous: TrainingState, origin: str) -> Loaded:
        assert target.load is not None and previous.target.load is not None
        before = previous.target.load
        base, snapped = before, ""
        if not gear.makes(imp, before):
            base = gear.nearest(imp, before)
            shown = n(before) if n(before) != n(base) else f"{before:.6f}".rstrip("0").rstrip(".")
            snapped = f"the logged {shown} {self.units} is not a load the equipment makes (nearest: {n(base)})"
        delta = target.load - before
        source = origin
        if abs(delta) <= EPS:
            return self._basis(imp, base, source, before, self._kept(before, base), previous.owed, snapped)
        if delta < 0:
            load = cut_to(imp, target.load, before)
            cut = self._basis(imp, load, source, target.load, f"-{n(before - load)} {self.units}", 0.0, snapped)
            found = self.cuts.get((previous.form, previous.performed[0].date)) if previous.performed else None
            if found is None or cut.basis is None:
                return cut
            return replace(cut, basis=replace(cut.basis, e1rm=found[0], percent=found[1], rpe=found[2], raw=found[3]))
        wanted = before + previous.owed + delta  # from what was lifted, not from its nearest load
        if wanted <= base + EPS:  # the nearest load to what was lifted already covers the increase
            return self._basis(imp, base, source, before, self._kept(before, base), 0.0, snapped)
        load = max(gear.floor(imp, wanted + TOLERANCE), base)
        if load > base + EPS or base > before + EPS:  # (the nearest made to what was lifted is a step up too)
            owed = max(wanted - load, 0.0)
            change = f"+{n(load - before)} {self.units}" + (f", {n(owed)} {self.units} owed" if owed > EPS else "")
            return self._basis(imp, load, source, wanted, change, owed, snapped)
        top = imp.top
        if top is not None and base >= top - EPS:
            change = f"topped out: {imp.amount(base)} is the heaviest the equipment makes"
            return self._basis(imp, base, source, wanted, change, 0.0, snapped, topped=True)
        step = gear.next_above(imp, base)
        owed = wanted - base
        change = f"held: {n(owed)} {self.units} owed" + (
            f" until the next step ({imp.amount(step)})" if step is not None else "")
        return self._basis(imp, base, source, wanted, change, owed, snapped, held=True)

    def _kept(self, before: float, base: float) -> str:
        """"same load", or what the nearest the equipment makes does to a load lifted it does not make."""
        sign = "+" if base > before else "-"
        return "same load" if abs(base - before) <= EPS else \
            f"nearest made to the logged {n(before)} {self.units}: {sign}{n(abs(base - before))} {self.units}"

    def _basis(self, imp: Implement, load: float, source: str, raw: float, change: str, owed: float,
               note: str, topped: bool = False, held: bool = False) -> Loaded:
        basis = LoadBasis(source, None, None, raw, load, imp.how(load), note, change, imp.count, owed, imp.labels)
        return Loaded(load, basis, owed, topped, held)
