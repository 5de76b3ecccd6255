"""Loads the equipment makes far from the effort the target wants, and the
reps that make the printed effort true again.

Coarse steps (dumbbells 5 lb or 2 kg apart, a 10 lb stack on a light
load) can put the load made far from the one the target's reps want at
its RPE: 25 lb a hand for a curl whose e1RM of 65 lb wants 23.21 is past
failure for 10 reps; 8 kg for a row whose e1RM of 11.73 kg wants 8.59
leaves 8 reps at RPE 4. Where the target's reps at the load made are more
than `OFF` RPE points outside the target's RPE range, the reps move
instead, by the effort model, within the rep range (`span_of`: linear and
none fix their reps, and only the load and sets can move; the rpe
policy's reps serve its effort and move from `fewest` to `cap`):

- a form's first exposure (`coarse_start`) weighs the two loads either
  side of the one wanted, each at the reps that reach the target's effort
  there (the fewest reaching the bottom of its RPE, as a first target past
  the heaviest does, `engine.topout.topped_start`; fewer under its top for
  the heavier one), and takes the one whose reps are within the range and
  closest to the policy's; the most sets when even the top of the range
  falls short of the effort;
- a cut the equipment makes deeper than the too-hard rule wanted
  (`coarse_cut`) takes, at that lighter load, the most reps within the
  range that stay under the top of the target's RPE by the weakest set's
  e1RM the cut came from (the cut's convention: the last set is the
  hardest), with the same sets, and says the cut is deeper for the
  equipment.

`OFF` is 1 point. By Epley, a load off by a fraction d moves the effort of
fixed reps by about (30 + n) x d RPE points (n = reps + 10 - RPE), and the
wanted load sits at the bottom of the target's RPE range, so only a load
made lighter than wanted can reach the threshold (a heavier one would need
the range's width plus a point). A barbell rounded down by 1.25 kg on a
100 kg 5-rep squat (n = 7) is 0.46 points; on a 60 kg bench for 10 at RPE 7
(n = 13), 0.9; a 2.5 lb round on 225 lb, 0.4: within the threshold, so
ordinary barbell rounding stands. A 10 lb stack at 50 lb for 10 at RPE 8
is 2 points under (4.5% off, n = 12: 1.9), a 2 kg dumbbell at 8 kg 3.
"""

from __future__ import annotations

from typing import Callable

from engine import gear
from engine.assist import assistance_text
from engine.bodyweight import SLACK, at_reps, effort_words, half
from engine.loaded import EPS, Loaded, n
from engine.loading import Loader
from engine.loads import graded, rpe_at
from engine.model import Choice, Expected, Prescription, ProgressionRule, Target, TrainingState
from engine.model.base import Frozen, replace, set_field
from engine.ramp import MOST_ROUNDED, too_hard
from engine.ratings import RAMP
from engine.wording import named

OFF = 1.0  # RPE points outside the target's range before the reps move (module docstring)
LIGHTEST = "choose a lighter implement or an easier form"  # (engine.checks warns where a note says it)
MOST_HELP = "choose an easier form: the machine helps no more"  # the same, on an assisted machine


def at_lightest(note: str) -> bool:
    """Whether a note says even 1 rep is over the target at the lightest
    load the equipment makes (or the most help a machine gives)."""
    return LIGHTEST in note or MOST_HELP in note
PAST = 11.0  # the effort past failure, for comparisons
MOST_REPS = 20  # 20 reps at RPE 7-8 are 22-23 to failure: the span the effort models are used in

Effort = Callable[[int, float], float]


def effort_of(effort: Effort, reps: int, share: float) -> float:
    """The RPE `reps` at `share` of the e1RM take; `PAST` past failure."""
    if effort(reps, 10.0) < share * (1 - 1e-9):
        return PAST
    return rpe_at(effort, reps, share)


def off(effort: Effort, reps: int, share: float, rpe: tuple[float, float]) -> bool:
    """Whether `reps` at `share` are more than `OFF` outside `rpe` (never
    with a model that does not read RPE)."""
    if not graded(effort, reps):
        return False
    felt = effort_of(effort, reps, share)
    return felt < rpe[0] - OFF - EPS or felt > rpe[1] + OFF + EPS


class Fit(Frozen):
    """The reps at one load: `kind` says how they were found: "fits" (the
    reps asked reach the effort), "more" or "fewer" (reps that reach it),
    "top" (the top of the range, still short of it), "short" (the most
    under the top of a narrow RPE, short of its bottom: 4 reps at 7 where
    5 are 8 on a target of 7.5), "under" (fewer than the range allows, the
    most under its top RPE)."""

    __slots__ = ("load", "reps", "rpe", "kind")
    load: float
    reps: int
    rpe: float
    kind: str

    def __init__(self, load: float, reps: int, rpe: float, kind: str) -> None:
        set_field(self, "load", load)
        set_field(self, "reps", reps)
        set_field(self, "rpe", rpe)
        set_field(self, "kind", kind)


def reps_for(effort: Effort, load: float, share: float, asked: int, span: tuple[int, int],
             rpe: tuple[float, float], top: bool) -> Fit | None:
    """The reps at `load` (`share` of the e1RM) nearest `asked` whose
    effort is within `rpe` (a quarter point either side): fewer when the
    load is heavy, the most under the top; more when it is light, the
    fewest reaching the bottom (`top`: the most under the top), up to the
    top of `span` at most. None when even 1 rep is over the top."""
    lo, hi = rpe

    def felt(reps: int) -> float:
        return effort_of(effort, reps, share)

    if felt(asked) > hi + SLACK:
        found = next((r for r in range(asked - 1, 0, -1) if felt(r) <= hi + SLACK), None)
        if found is None:
            return None
        return Fit(load, found, felt(found), "under" if found < span[0] else "fewer")
    if felt(asked) >= lo - SLACK:
        return Fit(load, asked, felt(asked), "fits")
    most = max(span[1], asked)
    more = range(asked + 1, most + 1)
    if top:
        found = max((r for r in more if felt(r) <= hi + SLACK), default=asked)
    else:
        found = next((r for r in more if felt(r) >= lo - SLACK), most)
        if found > asked + 1 and felt(found) > hi + SLACK:
            found -= 1  # a narrow RPE range: the most reps under its top
    return Fit(load, found, felt(found), "more" if felt(found) >= lo - SLACK else "top" if found >= most else "short")


def expected(fit: Fit) -> Expected:
    """The effort a fit's reps take at its load, for the sets' label."""
    return Expected(fit.reps, fit.load, fit.rpe)


def over_top(loader: Loader, choice: Choice, target: Target, loaded: Loaded, share: float) -> Target:
    """A load rounded up so far that the reps asked start over the top of
    the target's RPE by more than rounding (`MOST_ROUNDED`), yet within a
    point of it (a first exposure, or any whose load comes from the
    e1RM, `engine.foresee`): the reps stay, and the sets carry the effort the engine
    expects there, with a note saying why (the session is then judged
    against it, not against a label it could not reach)."""
    effort, rpe, load, b = loader.effort, target.rpe, loaded.load, loaded.basis
    if effort is None or rpe is None or load is None or b is None or b.e1rm is None:
        return target
    felt = effort_of(effort, target.reps, share)
    if felt <= rpe[1] + MOST_ROUNDED + EPS:
        return target
    said = (f"{moved(loader, choice, load)}, the nearest load the equipment makes, is {share:.1%} of the e1RM "
            f"{n(b.e1rm)} {loader.units}: {asked_text(effort, target.reps, share)} for {target.reps} reps")
    return replace(target, note=f"{target.note}; {said}" if target.note else said,
                   expected=Expected(target.reps, load, felt))


def _over_at_lightest(loader: Loader, choice: Choice, target: Target, loaded: Loaded, share: float) -> Target:
    """Not one rep within the target at the load the equipment makes, and
    none lighter (an empty 20 kg bar on an e1RM of 17.5 kg): the target
    stays, and the note (and a warning) say to change the implement."""
    e1 = loaded.basis.e1rm if loaded.basis else None
    said = _lightest_said(loader, choice, loaded.load, e1, share)
    if not said or loaded.load is None or loader.effort is None:
        return target
    return replace(target, note=f"{target.note}; {said}" if target.note else said,
                   expected=Expected(target.reps, loaded.load, effort_of(loader.effort, target.reps, share)))


def _lightest_said(loader: Loader, choice: Choice, load: float | None, e1: float | None, share: float) -> str:
    """"20 kg, the lightest the equipment makes, is 108.1% of the e1RM 18.5
    kg: past failure even for 1 rep: ...", or "" when a lighter load is
    there or nothing is known."""
    imp, effort = loader.implement(choice), loader.effort
    if imp is None or e1 is None or effort is None or load is None or gear.floor(imp, load - 2 * EPS) < load - EPS:
        return ""
    help_ = imp.kind == "assist"
    what = (f"{assistance_text(load, loader.units)} ({moved(loader, choice, load)}), the most help the machine "
            "gives" if help_ else f"{moved(loader, choice, load)}, the lightest the equipment makes")
    return (f"{what}, is {share:.1%} of the e1RM {n(e1)} {loader.units}: {asked_text(effort, 1, share)} even for "
            f"1 rep: {MOST_HELP if help_ else LIGHTEST}")


def still_over(loader: Loader, choice: Choice, previous: TrainingState,
               loaded: Loaded) -> tuple[Target, Loaded] | None:
    """After a target even 1 rep of which was over the effort at the lightest
    load the equipment makes: with nothing logged since, the same target and
    note; after a session logged there that shows it still is (its e1RM),
    the same target with the note from that session; at that load either
    way (no reps built on it, no load added). None otherwise."""
    load, target, effort = previous.target.load, previous.target, loader.effort
    if load is None or not at_lightest(target.note):
        return None
    if previous.status == "logged":
        if not previous.e1rm or effort is None or target.rpe is None:
            return None
        share = loader.moved(choice, load) / previous.e1rm
        said = _lightest_said(loader, choice, load, previous.e1rm, share)
        if not said or effort_of(effort, 1, share) <= target.rpe[1] + SLACK:
            return None  # the session shows a rep within the target there: progress from it
        target = replace(target, note=said, expected=Expected(target.reps, load, effort_of(effort, target.reps, share)))
    elif previous.printed is not None:  # the label it had, by the same evidence
        target = replace(target, expected=Expected(target.reps, load, previous.printed[1]))
    basis = None if loaded.basis is None else replace(loaded.basis, load=load, change="same load", owed=0.0)
    return target, Loaded(load, basis)


def span_of(policy: str, rx: Prescription, reps: int) -> tuple[int, int]:
    """The reps a policy may move within: double progression's rep range;
    the `rpe` policy's, whose reps serve the effort asked, from `fewest`
    to `cap`, or for fixed reps to half again as many, at least 2 more (3
    may go 2 to 5, 8 go 4 to 12); a policy that fixes its reps
    for their own sake (linear, none), those reps alone."""
    if policy == "double":
        return min(rx.reps[0], reps), max(rx.reps[1], reps)
    if serves_effort(policy):
        lo, hi = rx.reps
        most = cap(rx) if lo < hi else min(hi + max(hi // 2, 2), MOST_REPS)  # fixed: up to half again as many
        return min(fewest(rx), reps), max(most, reps)
    return reps, reps


def serves_effort(policy: str) -> bool:
    """Whether a policy's reps serve the effort asked (`rpe`), so they may
    move where the equipment misses it."""
    return policy == "rpe"


def ramped_too_hard(effort: Effort, target: Target, share: float, margin: float) -> bool:
    """Whether the target's sets at `share` of the e1RM, the first at the
    effort the model gives and each half a point harder, would be read as
    too hard (`engine.ramp.too_hard`)."""
    felt = effort_of(effort, target.reps, share)
    return too_hard(target, [felt + RAMP * i for i in range(target.sets)], margin)


def most_text(policy: str, target: Target) -> str:
    """What the most reps of `span_of` are, for a note."""
    return "the top of the range" if policy == "double" else f"the most the {target.reps} asked move to"


def cap(rx: Prescription) -> int:
    """How far reps go past the range where a load waits or the equipment
    misses the effort: its top plus its width (at least 2 more), at most
    `MOST_REPS`: 8-12 builds to 16, 4-6 to 8, 10-15 to 20, 3 to 5."""
    lo, hi = rx.reps
    return max(min(hi + max(hi - lo, 2), MOST_REPS), hi)


def fewest(rx: Prescription) -> int:
    """The fewest reps a heavier load may take: the range's bottom; fixed
    reps, down to half of them (10 to 5, 3 to 2)."""
    lo, hi = rx.reps
    return max((lo + 1) // 2, 1) if lo == hi else lo


def moved(loader: Loader, choice: Choice, load: float) -> str:
    """"2 x 20 lb (40 lb)", "95 kg with bodyweight", "50 lb"."""
    bw, count, units = loader.bodyweight(choice) or 0.0, loader.count(choice), loader.units
    if bw:
        return f"{n(load * count + bw)} {units} with bodyweight"
    imp = loader.implement(choice)
    bell = imp is not None and imp.kind == "kettlebells"
    one = imp.amount(load) if imp is not None and bell else f"{n(load)} {units}"  # "20 kg (44.1 lb)"
    return one if count == 1 else f"{count} x {one} ({n(load * count)} {units})"


def fit_text(effort: Effort, fit: Fit, share: float, span: tuple[int, int],
             most: str = "the top of the range") -> str:
    """What the reps chosen at a load do: "12 reps reach RPE 8"."""
    if fit.kind == "short":  # the most reps under the target's top, short of its bottom
        return f"{effort_words(effort, fit.reps, share)} for {fit.reps} reps ({fit.reps + 1} would be over the target)"
    if fit.kind == "top":
        top = f", {most}" if span[0] < span[1] else ""
        return f"{effort_words(effort, fit.reps, share)} even for {fit.reps} reps{top}"
    if fit.kind == "under":
        return f"{fit.reps} reps are RPE {half(fit.rpe)}, under the range's {span[0]}: build up to it"
    return f"{fit.reps} reps {'are' if fit.kind == 'fewer' else 'reach'} RPE {half(fit.rpe)}"


def asked_text(effort: Effort, reps: int, share: float) -> str:
    """The effort the reps asked take at a load: "past failure", "about RPE 6"."""
    felt = effort_of(effort, reps, share)
    return "past failure" if felt >= PAST else effort_words(effort, reps, share)


def coarse_start(loader: Loader, progression: ProgressionRule, choice: Choice, rx: Prescription, target: Target,
                 loaded: Loaded) -> tuple[Target, Loaded]:
    """A first exposure whose load the equipment makes far from the
    target's effort at its reps, or (for `rpe`) whose sets, ramping half a
    point each, the too-hard rule would cut (`margin`: its `overshoot`):
    the load either side of the one wanted and the reps by effort there
    (module docstring); else as it is."""
    imp, effort, b, load = loader.implement(choice), loader.effort, loaded.basis, loaded.load
    if imp is None or not imp.loaded or effort is None or b is None or b.e1rm is None or b.raw is None \
            or load is None or (load <= EPS and imp.kind != "assist") or loaded.topped or target.reps < 1:
        return target, loaded  # (an assisted machine's loads are all negative: its help)
    share = (load * imp.count + (loader.bodyweight(choice) or 0.0)) / b.e1rm
    if not off(effort, target.reps, share, target.rpe or (10.0, 10.0)) \
            and not (serves_effort(progression.policy)
                     and ramped_too_hard(effort, target, share, progression.overshoot)):
        return over_top(loader, choice, target, loaded, share), loaded
    return weigh(loader, progression.policy, choice, rx, target, loaded)


def weigh(loader: Loader, policy: str, choice: Choice, rx: Prescription, target: Target,
          loaded: Loaded) -> tuple[Target, Loaded]:
    """The loads either side of the one wanted, each at the reps by effort
    there within what the policy lets its reps move (`span_of`), and the
    one whose reps are within it and closest to the target's."""
    imp, effort, b, load = loader.implement(choice), loader.effort, loaded.basis, loaded.load
    assert imp is not None and effort is not None and b is not None and b.e1rm is not None and b.raw is not None \
        and load is not None
    e1, bw, count, units = b.e1rm, loader.bodyweight(choice) or 0.0, imp.count, loader.units
    rpe = target.rpe or (10.0, 10.0)

    def share(x: float) -> float:
        return (x * count + bw) / e1

    span, most = span_of(policy, rx, target.reps), most_text(policy, target)
    down = gear.floor(imp, b.raw)
    loads = [x for x in dict.fromkeys((down, gear.next_above(imp, down)))
             if x is not None and (x > EPS or imp.kind == "assist")]
    fits = [f for f in (reps_for(effort, x, share(x), target.reps, span, rpe, top=False) for x in loads) if f]
    if not fits:
        return _over_at_lightest(loader, choice, target, loaded, share(load)), loaded
    fit = min(fits, key=lambda f: (f.kind == "under", f.kind in ("top", "short"), abs(f.reps - target.reps),
                                   abs(f.load - load) > EPS))
    sets = max(rx.sets[1], target.sets) if fit.kind in ("top", "short") else target.sets
    other = abs(fit.load - load) > EPS
    said = (f"{moved(loader, choice, load)}, the nearest load the equipment makes, is {share(load):.1%} of the "
            f"e1RM {n(e1)} {units}: {asked_text(effort, target.reps, share(load))} for {target.reps} reps")
    if other:
        said += f"; {moved(loader, choice, fit.load)} is {share(fit.load):.1%} of it: "
        said += (f"{asked_text(effort, fit.reps, share(fit.load))} for {fit.reps} reps" if fit.reps == target.reps
                 else fit_text(effort, fit, share(fit.load), span, most))
    elif fit.reps != target.reps:
        said += f"; {fit_text(effort, fit, share(fit.load), span, most)}"
    said += f": {sets} x {fit.reps}" + (f" at {named(imp, fit.load, units)}" if other else "")
    note = f"{target.note}; {said}" if target.note else said
    made = Loaded(fit.load, replace(b, load=fit.load, rounding=imp.how(fit.load)))
    shown = replace(target, reps=fit.reps, sets=sets, note=note, expected=expected(fit))
    return shown, at_reps(loader, choice, made, fit.reps, rpe[0], b.note)


def coarse_cut(loader: Loader, policy: str, choice: Choice, rx: Prescription, previous: TrainingState,
               target: Target, loaded: Loaded) -> tuple[Target, Loaded] | None:
    """After a session too hard, a cut the equipment makes far deeper than
    wanted: the most reps within the range under the top of the target's
    RPE at the lighter load, by the weakest set's e1RM, and a note saying
    the cut is the equipment's (module docstring); one it rounds up past
    the top of the target, as a first load is (`coarse_start`): within a
    point of it, printed with its effort (BW - 70 lb where BW - 72.97 was
    wanted: about RPE 9 for 5); further, the loads either side at the reps
    that reach it (`weigh`); None otherwise, and
    when the load the rule wanted is itself that far off (a percentage
    cut is the coach's choice)."""
    imp, effort, load, before = loader.implement(choice), loader.effort, loaded.load, previous.target.load
    if imp is None or not imp.loaded or effort is None or load is None or before is None \
            or load >= before - EPS or not previous.performed \
            or (choice.key, previous.performed[0].date) not in loader.too_hard:
        return None
    e1 = loader.session_e1rm(choice, previous.performed, rx.rpe[1] if rx.rpe else 10.0, lowest=True)
    wanted = target.load if target.load is not None else loaded.basis.raw if loaded.basis else None
    if e1 is None or wanted is None or wanted >= before - EPS:
        return None
    bw, count, units, rpe = loader.bodyweight(choice) or 0.0, imp.count, loader.units, target.rpe or (10.0, 10.0)
    share = (load * count + bw) / e1
    if load > wanted + EPS and gear.floor(imp, wanted) <= wanted + EPS and loaded.basis is not None \
            and loaded.basis.e1rm is not None and effort_of(effort, target.reps, share) > rpe[1] + MOST_ROUNDED + EPS:
        if not off(effort, target.reps, share, rpe):  # rounded up past the top: as a first load is
            return over_top(loader, choice, target, loaded, share), loaded
        return weigh(loader, policy, choice, rx, target, loaded)
    if not off(effort, target.reps, share, rpe) or off(effort, target.reps, (wanted * count + bw) / e1, rpe):
        return None  # near enough, or off already at the load the rule wanted (a percentage cut): the rule's
    span = span_of(policy, rx, target.reps)
    fit = reps_for(effort, load, share, target.reps, span, rpe, top=True)
    if fit is None:
        return None
    whole = before * count + bw
    deeper = (f"the equipment's next load down is {named(imp, load, units)}, a {count * (before - load) / whole:.0%} "
              f"cut where the rule wanted {count * (before - wanted) / whole:.0%}: {moved(loader, choice, load)} is "
              f"{share:.1%} of the e1RM {n(e1)} {units}: {asked_text(effort, target.reps, share)} for "
              f"{target.reps} reps")
    if fit.reps != target.reps:
        deeper += f"; {fit_text(effort, fit, share, span, most_text(policy, target))}: {target.sets} x {fit.reps}"
    return replace(target, reps=fit.reps, note=f"{target.note}; {deeper}" if target.note else deeper,
                   expected=expected(fit)), loaded
