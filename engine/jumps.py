"""A step up the equipment makes that is too big for the target's reps.

On coarse equipment the next load can be far more than the progression
asks: fixed dumbbells 35, 40, 50 lb, a 10 lb stack step on a light load, a
big vest block. 40 lb x 12 on an 8-12 double progression earns +5.51 lb,
and with what was owed that makes 50 lb a hand, a 25% jump that going back
to 8 reps does not absorb: by the e1RM, 8 reps there are past failure.
Before a step up is taken, the effort model checks it against the current
e1RM: the last session's best set, or after a planned exposure that
exposure taken as done at the bottom of its RPE range (the plan's own
progress, read as kindly as the target allows).

After a logged session every step is foreseen set by set: each rated set
at the new load by its own e1RM (the athlete's own climb from set to set),
and taken when that session would not be read as too hard
(`engine.ramp.too_hard`): 7 @ 8, 8.5, 9 at 140 kg are about 8.6, 9.1, 9.6
for 5 reps at 150, a median a point over 8. After a planned exposure the
same, at the plan's own ratings: the first set at the effort the e1RM
gives, the sets after it as `engine.ramp.plan_ramp` takes them
(`Step.planned_bearable`), so the sheet is what logging each week as
printed gives. A plugin's
policy, which may ask any reps at any load, is held to less after a
planned exposure: a step bigger than asked under the target's top RPE
plus `overshoot`, any other not past failure.
Otherwise, in order: the heaviest lighter load the equipment makes that
passes (245 lb for a 255 lb step on 10 lb plate steps); the new load at
fewer reps, when reps within the rep range reach the target's effort there;
else the load stays and progress goes on in reps, each checked the same way
(past the top of the range, up to `cap`: its top plus its width), then
sets (`engine.topout.build`; after a session too easy, the reps by
effort), until the step is realistic. Once the reps are at `cap`, the step
is taken at the most reps within the range whose first set is within the
target's top plus `overshoot`, printed with its effort. A step refused
adds nothing to what is owed: the increment of that exposure goes into
its rep, and what was owed before stays owed. A held increase (owed until
the next step) whose next step would be refused builds reps the same way
instead of repeating the target; one whose step is realistic is taken
now, given a rep meanwhile, or held (`engine.heldsteps`).
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from engine.bodyweight import SLACK, about, half
from engine.coarse import LIGHTEST, MOST_HELP, at_lightest, cap, fewest
from engine.gear import makes, nearest, next_above
from engine.heldsteps import held_step, meanwhile
from engine.lastsession import current_e1rm, logged, rated_e1rms, session_sets, too_hard_said
from engine.loaded import EPS, Loaded, n
from engine.loading import Loader
from engine.loads import increment_of, rpe_at
from engine.logged import as_done
from engine.model import Choice, Expected, Prescription, ProgressionRule, Target, TrainingState
from engine.model.base import replace
from engine.plannedsets import label
from engine.ramp import median, span
from engine.ratings import RAMP
from engine.stepup import Step, done_reps, joined, within
from engine.topout import build, easy_reps
from engine.wording import named

NOT_YET = ": it would take "  # a step the last session foresees too hard: held back, and why
RATED = 5.0  # the lowest RPE a rating to wait for is given at: under it, the e1RM the step needs is named


def coarse_step(loader: Loader, choice: Choice, rx: Prescription, progression: ProgressionRule,
                options: Mapping[str, Any], previous: TrainingState, target: Target,
                loaded: Loaded, plugin: bool = False) -> tuple[Target, Loaded] | None:
    """The target and load when the step up is too big for the target's
    reps (module docstring); None when it is realistic, when there is no
    step up, or when the numbers are not known."""
    imp, effort, before = loader.implement(choice), loader.effort, previous.target.load
    if imp is None or not imp.loaded or effort is None or before is None or loaded.load is None \
            or loaded.topped or target.load is None:
        return None
    base = before if makes(imp, before) else nearest(imp, before)
    new = next_above(imp, base) if loaded.held else loaded.load if loaded.load > base + EPS else None
    found = None if new is None else current_e1rm(loader, choice, rx, previous)
    if new is None or found is None:
        return None
    margin, reps = progression.overshoot, min(target.reps, rx.reps[1])
    step = Step(loader, choice, imp, base, target.load, found[0], found[1], reps,
                target.rpe[1] if target.rpe else 10.0, margin, options.get("increment") == "step",
                min(target.rpe[1] + margin, 10.0) if target.rpe else 10.0,
                rated_e1rms(loader, choice, rx, previous), target, plugin)
    if step.fits(new):  # reps built past the range come back into it with the step
        if loaded.held:
            increment = increment_of(options, loader.units, loader.step(choice, before))
            return held_step(step, rx, progression, previous, target, loaded, new, increment)
        return _reset(step, rx, progression, target, loaded, new)
    fit = next((r for r in range(step.reps - 1, 0, -1) if within(effort, r, step.share(new), step.top + SLACK)), 0)
    said = f"{named(imp, new, loader.units)} is {_jump(step, new, fit)}"
    if loaded.held:  # (what is owed adds up to the step: reps meanwhile, then the step as asked)
        return meanwhile(step, rx, progression, previous, target, loaded) if fit >= rx.reps[0] \
            else _stay(step, rx, progression, previous, target, loaded, new, said, fit)
    lighter = next((g for g in reversed(imp.grid(new)) if base + EPS < g < new - EPS and step.fits(g)), None)
    if lighter is not None:
        return _lighter(step, previous, target, loaded, lighter, said)
    done = done_reps(previous, progression, rx)
    if step.e1s and not step.ask_step and new <= step.asked + EPS and done < cap(rx) \
            and max(step.foreseen(step.reps, new)) <= 10.0:  # the policy's own step, foreseen too hard
        return _again(step, rx, previous, target, loaded, new)  # (past failure, it is a jump: reps build below;
        # at as many reps as the range builds, the step at fewer reps, as after a planned week)
    if fit >= rx.reps[0]:  # fewer reps, within the range, reach the target's effort at the new load
        felt = Expected(fit, new, rpe_at(effort, fit, step.share(new)))
        return replace(target, reps=fit, note=joined(target.note, "; ", said), expected=felt), loaded
    capped = _capped(step, rx, done, previous, target, loaded, new, said) if done >= cap(rx) else None
    return capped or _stay(step, rx, progression, previous, target, loaded, new, said, fit)


def _capped(step: Step, rx: Prescription, done: int, previous: TrainingState, target: Target, loaded: Loaded,
            new: float, said: str) -> tuple[Target, Loaded] | None:
    """Reps built as far as the range goes (`cap`) and the step still past
    the line a rep may reach: the step, at the most reps within the range
    (for fixed reps, down to half of them: 20 kg x 9 where 10 are asked,
    when 16 kg x 12 is far too light) whose first set is within the
    target's top plus the margin and whose last is not past failure,
    printed with its effort (as a first load the equipment rounds up is);
    where even that is over it, the heaviest lighter load the equipment
    makes that has such reps (15 kg x 10 on a 3 x 8 row whose +5 kg is a
    33% jump: 17.5 kg x 6, about RPE 7.5, not 3 x 10 at RPE 5 for the rest
    of the plan); None when none has."""
    effort, units, base = step.loader.effort, step.loader.units, step.base
    assert effort is not None
    top = min(step.top + step.margin, 10.0 - RAMP * (step.goal.sets - 1))  # and the last set not past failure
    for load in (new, *(g for g in reversed(step.imp.grid(new)) if base + EPS < g < new - EPS)):
        reps = next((r for r in range(step.reps, fewest(rx) - 1, -1) if within(effort, r, step.share(load), top)), 0)
        if reps:
            break
    else:
        return None
    felt = Expected(reps, load, rpe_at(effort, reps, step.share(load)))
    change, made = (None, loaded) if load == new else _lighter_load(step, previous, target, loaded, load)
    shown = replace(target, reps=reps, expected=felt)
    how = ", printed with its effort" if label(shown, load) != target.rpe else ""  # (inside the target: as it is)
    note = joined(target.note, "; ", f"{said}; {done} reps at {step.imp.amount(base)} are as many as this "
                                      f"range builds: {named(step.imp, load, units)} x {reps}{how}"
                                      + (f", {change}" if change else ""))
    return replace(shown, note=note), made


def _reset(step: Step, rx: Prescription, progression: ProgressionRule, target: Target, loaded: Loaded,
           new: float) -> tuple[Target, Loaded] | None:
    """A realistic step: reps built past the range come back into it.
    Double progression, whose reps go back to the bottom of the range with
    the step, starts after a logged session at the fewest reps within the
    range that reach the target there (`reset = "effort"`, the default):
    225 lb x 6 @ 7, 7.5, 8 on 4-6 @ RPE 7-8 makes
    230 x 4 about RPE 6.5 (5.9, 6.3, 6.8 set by set) and 230 x 5 about
    7.3: 3 x 5. None when the target stands."""
    reps, rpe = step.reps, target.rpe
    if progression.reps_by_effort and step.e1s and rpe is not None:
        fuller = step.reaching(reps, max(rx.reps[1], reps), new, rpe[0])
        if fuller > reps:
            felt, there = half(median(step.foreseen(reps, new))), median(step.foreseen(fuller, new))
            reach = f"{fuller} reps reach the target's {span(rpe)} there" if there >= rpe[0] - SLACK else \
                f"even {fuller}, the range's top, are {about(there)} there"
            said = (f"{named(step.imp, new, step.loader.units)} x {reps} would be about RPE {felt} by the last "
                    f"session's rated sets: {reach}")
            return replace(target, reps=fuller, note=joined(target.note, "; ", said)), loaded
    return None if reps == target.reps else (replace(target, reps=reps), loaded)


def _jump(step: Step, new: float, fit: int) -> str:
    """"a 25% jump: by the e1RM 120 lb, 8 reps there are past failure and
    4 reach RPE 8" (of `new`, 50 lb a hand: the jump counts everything
    moved, both dumbbells and bodyweight)."""
    effort, units = step.loader.effort, step.loader.units
    assert effort is not None
    share, body = step.share(new), " with bodyweight" if step.loader.bodyweight(step.choice) else ""
    felt = rpe_at(effort, step.reps, share)
    shown = half(felt) if step.e1s or float(half(felt)) > step.limit or felt < step.limit \
        else f"{round(felt, 1):g}"  # 9.2 over a line of 9 is not "about RPE 9"
    at = "past failure" if not within(effort, step.reps, share, 10.0) else f"about RPE {shown}"
    by = f"by the e1RM {n(step.e1)} {units}"
    sets = _set_by_set(step, new) if at != "past failure" else []
    if sets:  # the session foreseen set by set, as it is judged
        at, by = (f"about RPE {', '.join(sets)}, set by set" if not sets[-1].startswith("past failure from")
                  else f"about RPE {', '.join(sets[:-1])}, then {sets[-1]}"), \
            f"by the last session's sets (e1RM {n(step.e1)} {units} at best)"
    first = " in the first set" if sets else ""  # (by the best set's e1RM: the first, fresh)
    most = (f"{fit} reach{'es' * (fit == 1)} RPE {half(rpe_at(effort, fit, share))}{first}" if fit
            else f"even 1 rep is over RPE {step.top:g}")
    jump = f"{share / step.share(step.base) - 1:.0%}"
    article = "an" if jump[0] == "8" or jump in ("11%", "18%") else "a"  # "an 8%", "an 11%"
    if not within(effort, 1, share, 10.0):  # (not "5 reps there are past failure and even 1 rep is over RPE 8")
        return f"{article} {jump} jump{body}: {by}, even 1 rep there is past failure"
    return f"{article} {jump} jump{body}: {by}, {step.reps} reps there are {at}{', and' if sets else ' and'} {most}"


def _set_by_set(step: Step, new: float) -> list[str]:
    """The last session's sets foreseen at `new` one by one ("8.5", "9",
    "past failure"), where they differ: the session as it is judged; sets
    past failure after the first said once ("10, past failure from the
    2nd set")."""
    sets = [("past failure" if r > 10.0 + EPS else half(r)) for r in step.foreseen(step.reps, new)] if step.e1s else []
    if len(set(sets)) < 2:
        return []
    past = sets.index("past failure") if "past failure" in sets else len(sets)
    if past < len(sets) - 1:  # ("past failure, past failure, past failure, ...")
        return [*sets[:past], f"past failure from the {_ordinal(past + 1)} set on"]
    return sets


def _ordinal(k: int) -> str:
    return f"{k}{'st' if k == 1 else 'nd' if k == 2 else 'rd' if k == 3 else 'th'}"


def _too_heavy(step: Step, new: float) -> str:
    """Why `new` waits, for the load basis: the last session's sets as they
    are judged where they differ, else the e1RM."""
    units, sets = step.loader.units, _set_by_set(step, new)
    if sets:
        return (f"{named(step.imp, new, units)} is foreseen too hard for {step.reps} reps by the last session's sets "
                f"(about RPE {', '.join(sets)}; e1RM {n(step.e1)} {units} at best): {step.source}")
    return f"{named(step.imp, new, units)} is too heavy for {step.reps} reps by the e1RM {n(step.e1)} {units}: " \
           f"{step.source}"


def _lighter(step: Step, previous: TrainingState, target: Target, loaded: Loaded, load: float,
             said: str) -> tuple[Target, Loaded]:
    """The step up to the heaviest lighter load that passes: what was owed
    before stays owed (at most), the refused rest is not."""
    change, made = _lighter_load(step, previous, target, loaded, load)
    return replace(target, reps=step.reps, note=joined(target.note, "; ", f"{said}: {n(load)} "
                                                       f"{step.loader.units} instead, {change}")), made


def _lighter_load(step: Step, previous: TrainingState, target: Target, loaded: Loaded,
                  load: float) -> tuple[str, Loaded]:
    """A lighter load than the step asked, and its change ("+2.5 kg"):
    what was owed before stays owed (at most), the refused rest is not."""
    units, before = step.loader.units, previous.target.load or 0.0
    owed = max(min(target.load + previous.owed - load if target.load is not None else 0.0, previous.owed), 0.0)
    change = f"+{n(load - before)} {units}" + (f", {n(owed)} {units} owed" if owed > EPS else "")
    basis = None if loaded.basis is None else replace(loaded.basis, load=load, rounding=step.imp.how(load),
                                                      change=change, owed=owed)
    return change, Loaded(load, basis, owed)


def _again(step: Step, rx: Prescription, previous: TrainingState, target: Target, loaded: Loaded,
           new: float) -> tuple[Target, Loaded]:
    """The policy's own step, which the last session's sets foresee too
    hard there (not past failure): the same load, and a rep more when the
    session with it is not too hard (up to `cap`), else the same target;
    and why."""
    units, base, before = step.loader.units, step.base, previous.target
    reps = before.reps + 1 if before.reps < cap(rx) and step.bearable(before.reps + 1, base) else before.reps
    more = f"a rep at {step.imp.amount(base)}: {before.sets} x {reps}" if reps > before.reps \
        else f"repeat {before.sets} x {reps} at {step.imp.amount(base)}"
    why = too_hard_said(session_sets(step.loader, step.choice, previous), target, step.foreseen(step.reps, new),
                        previous)
    # what the sheet does first, then the step it holds back (the policy's words in brackets) and why
    step_said = f" ({target.note})" if target.note else ""
    note = f"{more}; not yet {named(step.imp, new, units)}{step_said}{NOT_YET}{why}"
    if reps == before.reps and NOT_YET in before.note:
        note += (f"; held again: {named(step.imp, new, units)} comes once a session at {step.imp.amount(base)} is "
                 "rated lower")
    owed = previous.owed
    change = f"kept: {named(step.imp, new, units)} foreseen too hard by the last session's sets" + (
        f"; {n(owed)} {units} still owed" if owed > EPS else "")
    basis = None if loaded.basis is None else replace(loaded.basis, load=base, rounding=step.imp.how(base),
                                                      change=change, owed=owed)
    shown = replace(target, sets=before.sets, reps=reps, load=base, added_load=before.added_load, note=note)
    if reps > before.reps:  # the rep at its effort by the first set foreseen, printed with it when outside the target
        felt = replace(shown, expected=Expected(reps, base, step.foreseen(reps, base)[0]))
        if (rpe := label(felt, base)) != shown.rpe and rpe is not None:
            at, e1 = named(step.imp, base, units), n(step.e1s[0])
            shown = replace(felt, note=f"{note}; {reps} reps at {at} are about RPE {rpe[0]:g} by the e1RM of the last "
                                       f"session's first set, {e1} {units}")
    return shown, Loaded(base, basis, owed)


def _comes(step: Step, new: float, done: int, effort: Callable[[int, float], float]) -> str:
    """What brings the step: the e1RM its reps at the target's top RPE
    take, and the rating of the reps at the load that stays that shows it
    ("45 kg comes once 5 reps at 42.5 kg are rated about RPE 6 or less (an
    e1RM of 55.5 kg)"), not a rating the athlete just logged."""
    loader, units = step.loader, step.loader.units
    needed = loader.moved(step.choice, new) / effort(step.reps, step.top)
    felt = rpe_at(effort, done, loader.moved(step.choice, step.base) / needed)
    if float(half(felt)) < RATED:  # (12 reps rated RPE 2: no rating of a working set)
        return f"{named(step.imp, new, units)} comes once a session shows an e1RM of {n(needed)} {units}"
    return f"{named(step.imp, new, units)} comes once {done} reps at {named(step.imp, step.base, units)} are rated " \
           f"about RPE {half(felt)} or less (an e1RM of {n(needed)} {units})"


def _stay(step: Step, rx: Prescription, progression: ProgressionRule, previous: TrainingState, target: Target,
          loaded: Loaded, new: float, said: str, fit: int) -> tuple[Target, Loaded]:
    """The load stays at `base`; progress goes on in reps, then sets. (`fit`: the reps
    `said` names at `new`, under the range; none when even 1 rep is over the target.)"""
    lo, units, base = rx.reps[0], step.loader.units, step.base
    under = "" if not fit else f", under the range's {lo}" if lo < rx.reps[1] else f", short of the {lo} planned"
    done = done_reps(previous, progression, rx)
    weakest = min((p.reps for p in previous.performed), default=done) if logged(previous) else done
    trimmed = done > max(previous.target.reps, rx.reps[1] if progression.policy == "double" else 0) \
        and done < weakest  # reps past those asked, within the target up to `done` (not all that were done)
    if trimmed or done > previous.target.reps and progression.policy != "double":
        under += f"; {done} of the {weakest} reps done were within the target"
    before = replace(as_done(previous, rx), reps=done)  # a step refused adds nothing: its increment is a rep
    most = cap(rx)
    easy = easy_reps(step.loader, step.choice, previous, rx, progression.autoregulation, base, done, most,
                     before.rpe)
    why = _too_heavy(step, new)
    if loaded.held:  # "5.51 lb owed until the next step (50 lb)", and why that step is too big
        owed, before = loaded.owed, replace(before, added_load=target.added_load)  # the hold's own account
        hold = loaded.basis.change if loaded.basis else "held"
        note = joined(target.note, ": ", f"{hold.removeprefix('held: ')}, {said.partition(' is ')[2]}{under}")
        change = f"{hold}; {why}"
    else:
        owed = previous.owed
        note = joined(target.note, "; ", f"{said}{under}")
        change = f"kept: {why}" + (f"; {n(owed)} {units} still owed" if owed > EPS else "")
    effort = step.loader.effort
    assert effort is not None
    # heavier loads are there: the way on is a session that shows the e1RM the step needs, not another exercise
    then = _comes(step, new, done, effort)
    if at_lightest(previous.target.note) or not within(effort, 1, step.share(base), step.top + SLACK):
        most, then = done, MOST_HELP if step.imp.kind == "assist" else LIGHTEST  # the load that stays is itself
        # too heavy (an empty bar, a machine's most help): nothing to build on it
    elif easy is None and (trimmed or not (step.bearable(done + 1, base) if step.e1s else
                                           step.planned_bearable(done + 1, base))):
        most = done  # a rep more would be as hard as a session cut for it, by that e1RM: the reps stay (then a set)
        if done < cap(rx):  # the way on is the reps, as they ease (the planned week after adds one)
            then = f"a rep more once a session at {named(step.imp, base, units)} is rated lower"
    if easy is None and trimmed:  # the reps within the target, never the ones past it given back the same week
        shown = replace(before, note=f"{note}: {before.sets} x {done} at {step.imp.amount(base)}; {then}")
    else:
        shown = build(before, note, most, rx.sets[1] if most > done else before.sets, easy,
                      at=f" at {step.imp.amount(base)}", then=then)
    again = not logged(previous) and previous.printed is None and (shown.reps, base) == (previous.target.reps,
                                                                             previous.target.load)
    if shown.expected is None and not again:  # the effort at the load that stays, by the e1RM the note names
        # (a planned week repeated as its sheet printed it is printed so again: the plan's own progress from it)
        shown = replace(shown, expected=Expected(shown.reps, base, rpe_at(effort, shown.reps, step.share(base))))
        if (felt := label(shown, base)) != shown.rpe and felt is not None:  # the sheet prints it: say why
            shown = replace(shown, note=f"{shown.note}; {shown.reps} reps at {named(step.imp, base, units)} are "
                                        f"about RPE {felt[0]:g} by that e1RM")
    basis = None if loaded.basis is None else replace(loaded.basis, load=base, rounding=step.imp.how(base),
                                                      change=change, owed=owed)
    return shown, Loaded(base, basis, owed, held=loaded.held)


