"""Selection: which exercises (and forms) fill each slot each week.

The athlete's equipment and sensitivities decide what is eligible; the
slot's selector (built in or a plugin's) picks among it; the engine checks
the picks, so a selector can never slip past those filters. A pick of an
exercise's default form becomes the form the athlete's log shows they train
now, unless the slot rotates through forms itself.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Mapping

from engine.components import SelectionContext
from engine.errors import EngineError, PluginError, Problem
from engine.history import History
from engine.maxhistory import profile_tests
from engine.model import Athlete, Choice, Exercise, Program, Rules, SelectionTrace, SlotRule, Variant
from engine.model.base import replace
from engine.prepared import BUILTIN_SELECTORS, Prepared

Eligible = tuple[tuple[Exercise, ...], dict[str, str]]
# each slot's eligible candidates, why their order is not the rule file's, and the candidates by id
Candidates = tuple[dict[int, Eligible], dict[int, str], dict[int, dict[str, Exercise]]]


class Selection:
    """Picks for every slot, week by week, with a trace of why."""

    def __init__(self, rules: Rules, registry: Any, program: Program,
                 athlete: Athlete | None, history: History | None, prepared: Prepared) -> None:
        self.rules, self.registry, self.program, self.prepared = rules, registry, program, prepared
        self.athlete, self.history = athlete, history
        self.picks: dict[int, list[tuple[Choice, ...]]] = {s.index: [] for s in rules.slots}
        self.traces: list[SelectionTrace] = []
        found: Candidates = _candidates(rules, athlete) if athlete is None else \
            prepared.eligible(athlete, lambda: _candidates(rules, athlete))
        self.eligible, self.preferred, self.by_id = found
        self._last_done: dict[int, dict[str, _dt.date]] = {}
        self._made: dict[int, list[Any]] = {}  # a built-in selector's picks for this athlete's candidates
        self._settled: dict[str, tuple[Choice, Choice | None]] = {}  # a pick's form -> (the pick, another form shown)
        self._settled_by: Mapping[str, _dt.date] | None = None  # what the log showed done when they were settled
        self._begins: _dt.date | None = None  # the week being selected: a max dated after it is not known yet
        self._dated = athlete is not None and any(m.date is not None for m in athlete.maxes.values()) or \
            athlete is not None and any(m.date is not None for ms in athlete.max_history.values() for m in ms)
        # (week, slot, form) -> the selector's pick that form replaced, and when the log shows it last done
        self.switched: dict[tuple[int, int, str], tuple[Choice, _dt.date | None]] = {}  # (None: by a max)

    def week(self, week: int, begins: _dt.date | None) -> list[tuple[SlotRule, Choice]]:
        """Every slot's picks for `week`, in slot order."""
        out: list[tuple[SlotRule, Choice]] = []
        done = self.last_done(week, begins)
        if self._dated and begins != self._begins:  # a max dated later is not known yet: forms settle anew
            self._settled, self._settled_by = {}, None
        self._begins = begins
        for slot in self.rules.slots:
            picked = self._select(slot, week, done)
            self.picks[slot.index].append(picked)
            out.extend((slot, c) for c in picked)
        return out

    def last_done(self, week: int, begins: _dt.date | None) -> dict[str, _dt.date]:
        """What the log says was done before this week starts (a selector
        planning week 3 must not see week 5's sessions)."""
        if self.history is None:
            return {}
        if week not in self._last_done:
            self._last_done[week] = self.history.last_done(begins)
        return self._last_done[week]

    def _select(self, slot: SlotRule, week: int, done: dict[str, _dt.date]) -> tuple[Choice, ...]:
        """The selector's picks (a built-in selector's are the same for every
        athlete with these candidates, so they come from `prepared` after the
        first plan), then the forms the athlete's log shows (`done`)."""
        candidates, removed = self.eligible[slot.index]
        if self.registry.selectors[slot.selector].plugin == BUILTIN_SELECTORS:
            made = self._made.get(slot.index)
            if made is None:
                made = self._made[slot.index] = self.prepared.picks(slot, candidates, removed)
            if len(made) < week:
                history = tuple(p for p, _ in made)
                made.append(self.prepared.made(self._ask(slot, week, candidates, removed, history, done)))
            picked, trace = made[week - 1]
        else:
            picked, trace = self._ask(slot, week, candidates, removed, tuple(self.picks[slot.index]), done)
        if not slot.options.get("variants"):
            if done is not self._settled_by and done != self._settled_by:  # (one dict for all of a week's slots)
                self._settled, self._settled_by = {}, done
            settled = tuple([self._current(c, done) for c in picked])
            pairs = [(a, b) for a, b in zip(picked, settled, strict=True) if a is not b and a != b] \
                if settled != picked else ()  # (the same objects, as a rule: nothing moved)
            if pairs:
                by_log = ", ".join(f"{a.key} -> {b.key}" for a, b in pairs if b.key in done)
                by_max = ", ".join(f"{a.key} -> {b.key}" for a, b in pairs if b.key not in done)
                why = "; ".join(filter(None, (trace.why, by_log and f"the form the log shows trained most recently: "
                                              f"{by_log}", by_max and f"the form the profile has a max of: {by_max}")))
                trace = replace(trace, picked=tuple(c.key for c in settled), why=why)
                self._switches(slot, week, picked, settled, done)
            picked = settled
        if self.preferred[slot.index]:  # the order the selector was given, when a sensitivity changed it
            trace = replace(trace, why=f"{trace.why}; {self.preferred[slot.index]}".lstrip("; "))
        self.traces.append(trace)
        return picked

    def _switches(self, slot: SlotRule, week: int, picked: tuple[Choice, ...], settled: tuple[Choice, ...],
                  done: Mapping[str, _dt.date]) -> None:
        """Keep the forms the log (or a max) put in place of the selector's
        picks the first week the slot has them (said once)."""
        before = {c.key for picks in self.picks[slot.index] for c in picks}
        for a, b in zip(picked, settled, strict=True):
            if a.key != b.key and b.key not in before:
                self.switched[week, slot.index, b.key] = (a, done.get(b.key))

    def _current(self, choice: Choice, done: Mapping[str, _dt.date]) -> Choice:
        """`current_form`, worked out once for as long as what the log shows
        done stays the same (every week after the log's last session)."""
        found = self._settled.get(choice.key)
        if found is None or found[0] is not choice and found[0] != choice:  # (a plugin's picks are new objects)
            now = current_form(choice, done, self._failed, self._tested)
            found = self._settled[choice.key] = (choice, None if now is choice else now)
        return found[1] or choice

    def _tested(self, choice: Choice) -> bool:
        """Whether the profile has a max of this form known when the week begins."""
        begins = self._begins
        return any(m.date is None or begins is None or m.date <= begins
                   for m in profile_tests(self.athlete, self.rules.exercises, choice))

    def _ask(self, slot: SlotRule, week: int, candidates: tuple[Exercise, ...], removed: Mapping[str, str],
             history: tuple[tuple[Choice, ...], ...],
             done: Mapping[str, _dt.date]) -> tuple[tuple[Choice, ...], SelectionTrace]:
        """Call the slot's selector and check what it picked."""
        reg = self.registry.selectors[slot.selector]
        ctx = SelectionContext(
            slot=slot.name, slot_index=slot.index, category=slot.category, count=slot.count,
            candidates=candidates, week=week, weeks=self.program.weeks,
            options=slot.options, seed=self.program.seed, program=self.program,
            history=history, athlete=self.athlete, last_done=done,
        )
        by_id = self.by_id[slot.index]
        try:
            picked = tuple(as_choice(item, self.rules.exercises, by_id) for item in reg.component.select(ctx))
            check_picks(picked, by_id, slot.count)
            why = reg.component.explain(ctx, picked) if reg.component.explain else ""
        except PluginError:
            raise
        except Exception as exc:  # noqa: BLE001 - a plugin's fault names the plugin
            raise PluginError(reg.plugin, f"selector {slot.selector!r}", f"{type(exc).__name__}: {exc}") from exc
        trace = SelectionTrace(
            week=week, slot=slot.name, selector=slot.selector,
            candidates=tuple(e.id for e in candidates), removed=dict(removed),
            picked=tuple(c.key for c in picked), why=str(why),
        )
        return picked, trace


    def _failed(self, form: str, day: _dt.date) -> bool:
        """Whether the session of `form` on `day` was a failure (engine.otherline.hard)."""
        from engine.otherline import hard

        session = self.history.last_session(form, day + _dt.timedelta(days=1)) if self.history else None
        return session is not None and session.date == day and hard(session)


def current_form(choice: Choice, last_done: Mapping[str, _dt.date],
                 failed: Callable[[str, _dt.date], bool] = lambda form, day: False,
                 tested: Callable[[Choice], bool] = lambda form: False) -> Choice:
    """The default form of an exercise becomes the eligible form the log
    shows most recently trained (Sam pulls sumo: the plan says sumo); a
    form the default moves up to (`harder`: from assisted to bodyweight to
    weighted pull-ups) only when that session was not a failure
    (`failed`): one failed try of unassisted pull-ups does not take the
    slot over, the trainer's own moves do that. With no form of it in the
    log, a default form with no max in the profile becomes the first form
    that has one (`tested`): Pat's only max is for machine-assisted
    pull-ups, which he does; bodyweight ones are past his reach. The forms
    moved up to are those of the form the slot trains without the log: the
    default, or that first form with a max (a failed try of bar dips, the
    default, leaves Tom on the assisted machine his max is for)."""
    ex = choice.exercise
    if not ex.variants or (choice.variant is not ex.variants[0] and choice.variant != ex.variants[0]):
        return choice
    base = choice if tested(choice) else next((Choice(ex, v) for v in ex.variants[1:] if tested(Choice(ex, v))),
                                              choice)
    harder = _harder(ex, base.variant or ex.variants[0])
    dated = [(day, -i, v) for i, v in enumerate(ex.variants) if (day := last_done.get(ex.form_key(v))) is not None
             and (v.id not in harder or not failed(ex.form_key(v), day))]
    if not dated:
        return choice if any(ex.form_key(v) in last_done for v in ex.variants) else base
    return Choice(ex, max(dated)[2])


def _harder(ex: Exercise, variant: Variant) -> set[str]:
    """The forms `variant` moves up to, one `harder` after another: its
    progression, not a form of choice."""
    ids: set[str] = set()
    step = variant.harder
    while step and step not in ids:
        ids.add(step)
        step = next((v.harder for v in ex.variants if v.id == step), None)
    return ids


def _candidates(rules: Rules, athlete: Athlete | None) -> Candidates:
    """Each slot's eligible candidates, why its order differs from the
    rule file's, and the candidates by id: read, never changed."""
    found = _every_slot(rules, athlete)
    preferred = {slot.index: preference(slot, rules, athlete, found[slot.index][0]) for slot in rules.slots}
    return found, preferred, {i: {e.id: e for e in kept} for i, (kept, _) in found.items()}


def _every_slot(rules: Rules, athlete: Athlete | None) -> dict[int, Eligible]:
    """Each slot's candidates; every slot this athlete cannot fill is
    reported at once, not one per run."""
    out: dict[int, Eligible] = {}
    problems: list[Problem] = []
    for slot in rules.slots:
        try:
            out[slot.index] = eligible(slot, rules, athlete)
        except EngineError as exc:
            problems.extend(exc.problems)
    if problems:
        raise EngineError(problems)
    return out


def eligible(slot: SlotRule, rules: Rules, athlete: Athlete | None) -> Eligible:
    """The slot's candidates this athlete can do, preferred tags first;
    and why each other candidate was removed."""
    if athlete is None:
        return slot.candidates, {}
    sens = [(n, rules.sensitivities[n]) for n in athlete.sensitivities if n in rules.sensitivities]
    available = athlete.gear.available
    removed: dict[str, str] = {}
    kept: list[Exercise] = []
    for ex in slot.candidates:
        avoided = [(n, t) for n, rule in sens for t in rule.avoid if t in ex.tags]
        if avoided:
            removed[ex.id] = f"sensitivity {avoided[0][0]} avoids the tag {avoided[0][1]!r}"
            continue
        if available is not None:
            forms: tuple[Variant | None, ...] = ex.variants or (None,)
            ok = [v for v in forms if set(v.equipment if v else ex.equipment) <= available]
            if not ok:
                missing = sorted(set(ex.equipment if not ex.variants else ex.variants[0].equipment) - available)
                removed[ex.id] = f"equipment: needs {', '.join(missing) or 'what no form allows'}"
                continue
            if ex.variants and len(ok) < len(ex.variants):
                ex = replace(ex, variants=tuple(v for v in ok if v is not None))
        kept.append(ex)
    prefer = {t for _, rule in sens for t in rule.prefer}
    kept.sort(key=lambda e: not (prefer & set(e.tags)))  # stable: slot order otherwise
    if len(kept) < slot.count:
        why = "; ".join(f"{k} ({v})" for k, v in removed.items())
        raise EngineError([Problem(rules.file, ("slot", slot.index, "select"), (
            f"slot {slot.name!r} needs {slot.count} exercise{'s' * (slot.count != 1)} but {len(kept)} "
            f"{'is' if len(kept) == 1 else 'are'} eligible for {athlete.name}: removed {why}"))])
    return tuple(kept), removed


def preference(slot: SlotRule, rules: Rules, athlete: Athlete | None, kept: tuple[Exercise, ...]) -> str:
    """Why the slot's candidates come in another order than the rule
    file's, for `engine explain`: "sensitivity low-back prefers exercises tagged
    low-back-friendly: hip-extension first"; "" when they do not."""
    if athlete is None:
        return ""
    sens = [(n, rules.sensitivities[n]) for n in athlete.sensitivities if n in rules.sensitivities]
    prefer = {t for _, rule in sens for t in rule.prefer}
    ids = {e.id for e in kept}
    listed = [e.id for e in slot.candidates if e.id in ids]
    if not prefer or [e.id for e in kept] == listed:
        return ""
    first = [e.id for e in kept if prefer & set(e.tags)]
    names = ", ".join(n for n, rule in sens if rule.prefer)
    return f"sensitivity {names} prefers exercises tagged {', '.join(sorted(prefer))}: {', '.join(first)} first"


def check_picks(picked: tuple[Choice, ...], eligible: Mapping[str, Exercise], count: int) -> None:
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


def as_choice(item: Any, exercises: Any, eligible: Mapping[str, Exercise]) -> Choice:
    if isinstance(item, Exercise):
        # A bare exercise gets its first form the athlete can do.
        item = eligible.get(item.id, item)
        item = Choice(item, item.variants[0] if item.variants else None)
    if not isinstance(item, Choice):
        raise TypeError(f"a selector must return Choice or Exercise objects, got {type(item).__name__}")
    if item.exercise.id not in exercises:
        raise ValueError(f"selected exercise {item.exercise.id!r} is not in the catalog")
    return item
