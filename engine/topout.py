"""Equipment that tops out: the harder form progression moves to, a
first target heavier than the equipment's heaviest, and how progress goes
on at a load that stays (a rep, then a set, then a note).

A strong athlete with light dumbbells, or a full stack, cannot get the
target load: the first exposure then uses the heaviest at as many reps as
reach the bottom of the target's RPE range (within double progression's
rep range), and the most sets when even the top of the range falls short.
When the heaviest already reaches that effort at the target's reps (within
a quarter RPE point) it is only rounding, and nothing changes. The note
gives the numbers, as the bodyweight notes do: the share of the e1RM the
heaviest moves and the effort the reps make.
"""

from __future__ import annotations

from engine.assist import is_assisted
from engine.autoregulation import assess
from engine.bodyweight import SLACK, about, at_reps, effort_words, half
from engine.gear import Implement, kind_of
from engine.loaded import Loaded, n
from engine.loading import Loader
from engine.loads import rpe_at
from engine.model import (
    Athlete,
    Autoregulation,
    Choice,
    Expected,
    LoadBasis,
    NumRange,
    Prescription,
    ProgressionRule,
    Rules,
    Target,
    TrainingState,
)
from engine.model.base import Frozen, replace, set_field


def topped_start(loader: Loader, policy: str, choice: Choice, rx: Prescription, target: Target,
                 loaded: Loaded) -> tuple[Target, Loaded]:
    """The first target when the heaviest load is lighter than it: the
    heaviest at the fewest reps whose effort reaches the bottom of the
    target's RPE range (double progression's reps, within its range), and
    the most sets when even the top of the range falls short. Decided in
    RPE, never by the gap to the next lighter load: the shape of the
    dumbbell list does not change the reps. Within `SLACK` of the target's
    effort it is only rounding: the target stands, with no note. The note
    is the target's alone: the load's caveat would say it a second time."""
    b, top, effort = loaded.basis, loaded.load, loader.effort
    if b is None or b.e1rm is None or top is None or effort is None:
        return target, loaded
    e1, rpe = b.e1rm, target.rpe[0] if target.rpe else 10.0
    bw, count = loader.bodyweight(choice) or 0.0, loader.count(choice)
    share = (top * count + bw) / e1

    def reaches(reps: int) -> bool:
        return rpe_at(effort, reps, share) >= rpe - SLACK

    if reaches(target.reps):
        return target, at_reps(loader, choice, loaded, target.reps, rpe, "")
    reps, sets = target.reps, target.sets
    if policy == "double":
        reps = next((r for r in range(target.reps, rx.reps[1] + 1) if reaches(r)), max(rx.reps[1], target.reps))
    if not reaches(reps):
        sets = max(rx.sets[1], target.sets)
    units = loader.units
    moved = (f"{n(top * count + bw)} {units} with bodyweight" if bw else "it" if count == 1
             else f"{count} x {n(top)} {units} ({n(top * count)} {units})")
    said = f"{moved} is {share:.1%} of the e1RM {n(e1)} {units}: "
    if not reaches(reps):
        top_of = ", the top of the range" if policy == "double" else ""
        said += f"{effort_words(effort, reps, share)} even for {reps} reps{top_of}"
    else:
        said += (f"{effort_words(effort, target.reps, share)} for {target.reps} reps; "
                 f"{reps} reps reach RPE {half(rpe_at(effort, reps, share))}")
    note = (f"the heaviest the equipment makes ({n(top)} {units}) is lighter than the target: {said}: "
            f"{sets} x {reps} with it")
    shown = replace(target, reps=reps, sets=sets, note=note, expected=Expected(reps, top, rpe_at(effort, reps, share)))
    return shown, at_reps(loader, choice, loaded, reps, rpe, "")


TOP_CAVEAT = "is lighter than the target"  # the load basis's note when the heaviest is (engine.loading)


def said_once(basis: LoadBasis | None) -> LoadBasis | None:
    """`basis` without its caveat that the heaviest is lighter than the target, for a target whose note
    says the load stays at the heaviest: said once ("16 kg is the heaviest the equipment makes: keep
    3 x 8"), not twice in one cell."""
    if basis is None or TOP_CAVEAT not in basis.note:
        return basis
    return replace(basis, note="; ".join(p for p in basis.note.split("; ") if TOP_CAVEAT not in p))


def at_top(imp: Implement | None, load: float | None, units: str) -> str:
    """Why the load stays: "60 kg is the heaviest the equipment makes", or
    on an assisted machine "BW - 5 kg is the least help the machine gives"."""
    if imp is not None and imp.kind == "assist":
        return f"{imp.amount(load or 0.0)} is the least help the machine gives"
    return f"{n(load or 0.0)} {units} is the heaviest the equipment makes"


def harder_form(rules: Rules, athlete: Athlete | None, choice: Choice) -> Choice | None:
    """The form the catalog names as the next one up, if the athlete has
    what it needs; else, from a form that takes no load, another form
    of the exercise that does and that the athlete can load (a vest
    step-up when there are no dumbbells). Never an assisted form: its
    help makes it easier, whatever its load."""
    if choice.variant is None or choice.variant.harder is None:
        return None
    ex = rules.exercises.get(choice.exercise.id, choice.exercise)
    available = athlete.gear.available if athlete else None
    named = ex.variant(choice.variant.harder)
    named = None if named is not None and is_assisted(ex, named) else named  # help makes a form easier
    others = [v for v in ex.variants if kind_of(choice) == "none" and v.id != choice.variant.id
              and kind_of(Choice(ex, v)) != "none" and not is_assisted(ex, v)]
    for form in ([named] if named is not None else []) + others:
        if form.id != choice.variant.id and (available is None or set(form.equipment) <= available):
            return Choice(ex, form)
    return None


class Easy(Frozen):
    """After a session too easy for the target, the reps that reach the
    target's effort at a load that stays, and the note that says so."""

    __slots__ = ("reps", "said", "verdict", "expected")
    reps: int
    said: str  # the numbers: share of the e1RM, the effort of those reps
    verdict: str  # "too easy: every set at RPE 4.5 or less last time, ..."
    expected: Expected  # the effort of those reps at the load, for the sets' label

    def __init__(self, reps: int, said: str, verdict: str, expected: Expected) -> None:
        set_field(self, "reps", reps)
        set_field(self, "said", said)
        set_field(self, "verdict", verdict)
        set_field(self, "expected", expected)


def easy_reps(loader: Loader, choice: Choice, previous: TrainingState, rx: Prescription,
              rules: Autoregulation | None, load: float | None, done: int, most: int,
              rpe: NumRange | None) -> Easy | None:
    """When the last session was too easy (`engine.autoregulation`) and the
    load stays (the equipment's heaviest, a step too big to take), the reps
    by effort instead of one more: the fewest past `done` whose effort at
    `load`, by the session's best set, reaches the bottom of `rpe` (never
    past its top), at most `most`. None when the session was not too easy
    or the numbers are not known."""
    verdict = assess(previous, rx, rules)
    effort = loader.effort
    if verdict.kind != "easy" or effort is None or load is None:
        return None
    lo, hi = rpe if rpe else (10.0, 10.0)
    e1 = loader.session_e1rm(choice, previous.performed, hi)
    if e1 is None:
        return None
    bw, count, units = loader.bodyweight(choice) or 0.0, loader.count(choice), loader.units
    share = (load * count + bw) / e1
    reps = next((r for r in range(done + 1, most + 1) if rpe_at(effort, r, share) >= lo - SLACK), most)
    if reps > done + 1 and rpe_at(effort, reps, share) > hi + SLACK:
        reps -= 1  # a narrow RPE range: the most reps under its top
    reps = max(reps, done + 1)
    moved = (f"{n(load * count + bw)} {units} with bodyweight" if bw else n(load) + f" {units}" if count == 1
             else f"{count} x {n(load)} {units} ({n(load * count)} {units})")
    effort_of = rpe_at(effort, reps, share)
    at = (f"{reps} reps reach RPE {half(effort_of)}" if effort_of >= lo - SLACK
          else f"{effort_words(effort, reps, share)} even for {reps} reps")
    return Easy(reps, f"{moved} is {share:.1%} of the e1RM {n(e1)} {units}: {at} at it", f"too easy: {verdict.why}",
                Expected(reps, load, effort_of))


def under_reps(loader: Loader, choice: Choice, rx: Prescription, progression: ProgressionRule,
               previous: TrainingState, before: Target, load: float, most: int, imp: Implement) -> Easy | None:
    """At a load that stays, after a logged session under the target: the
    reps that reach it (`engine.lastsession.reps_to_reach`), not one rep
    at a time at RPE 6 (17.5 kg x 5 @ 5, 5.5, 6 on a 3 x 8 row at the
    heaviest dumbbell: 3 x 7, about 7, 7.5, 8); None when a rep more
    reaches it."""
    from engine.lastsession import rated_e1rms, reps_to_reach  # (a log at the heaviest: off the common path)
    from engine.wording import named

    e1s = rated_e1rms(loader, choice, rx, previous)
    found = reps_to_reach(loader, choice, e1s, before, before.reps + 1, most, load, progression.overshoot) \
        if e1s and before.rpe is not None and loader.effort is not None else None
    if found is None:
        return None
    reps, felt, first = found
    said = (f"{before.reps + 1} reps at {named(imp, load, loader.units)} would be {about(felt)} by the last "
            f"session's rated sets; {reps} reach the target")
    under = f"the sets were under RPE {before.rpe[0]:g} last time" if before.rpe else "under the target last time"
    return Easy(reps, said, under, Expected(reps, load, first))


def build(before: Target, why: str, most_reps: int, most_sets: int, easy: Easy | None = None,
          at: str = "", then: str = "slow the tempo or choose a harder exercise") -> Target:
    """Progress at a load that stays: a rep (after a session too easy, the
    reps by effort), up to `most_reps`, then a set up to `most_sets`, then
    the same target with a note saying what comes `then`; `why` says why
    the load stays, `at` where (" at 40 lb")."""
    if before.reps < most_reps:
        if easy is not None:  # the verdict once, where the load stays, and the numbers
            told = "" if easy.verdict in why else f"; {easy.verdict}"
            return replace(before, reps=min(easy.reps, most_reps), expected=easy.expected,
                           note=f"{why}{told}{f': stay{at}' if at else ''}: {easy.said}")
        return replace(before, reps=before.reps + 1, note=f"{why}: add a rep{at} instead")
    why = f"{why}; {easy.verdict}" if easy is not None and easy.verdict not in why else why
    if before.sets < most_sets:
        return replace(before, sets=before.sets + 1, note=f"{why}: add a set{at} instead")
    return replace(before, note=f"{why}: keep {before.sets} x {before.reps}{at}; {then}")
