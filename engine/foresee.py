"""What the last logged session says of the next target at the same load,
before it is printed.

The too-hard rule cuts a session whose sets as a whole go a point past the
target (`engine.ramp`). A target the last session's e1RM already puts past
that line is one the engine would cut the week after it printed it, so
after a logged session, at the load kept:

- A rep the policy adds is held when the last session's rated sets, each
  a rep more by its own e1RM, would be read as too hard
  (`engine.ramp.too_hard`): 57.5 kg x 4 at RPE 7.5, 8, 8.5 on 3 x 4-6 @
  RPE 7-8 becomes about 8.5, 9, 9.5 for 5 reps, a median a point over 8:
  4 reps again (the most reps the line allows), not 5. After 7.5, 7.5, 7.5
  a rep makes 8.5, 8.5, 8.5: it comes. Sets without an RPE say nothing of
  the effort.
- A target whose last sheet printed the effort the engine expected (a
  load the equipment made heavier or lighter than the target's RPE,
  `engine.plannedsets.label`) is labelled again by the effort the session
  shows there, while that effort is outside the target's RPE: 60 kg x 4 @
  RPE 9 on the first week of a 7-8 bench stays "@ RPE 9" while the e1RM
  says so, and each session is read for too hard against what its sheet
  printed (progress is earned against the program's RPE). A
  planned week after a label reads that week at it (`_planned`): a rep the
  policy adds waits where the label's e1RM puts it past the line, its sets
  ramping half a point each from the first.
- A load the engine took from the e1RM (the `rpe` policy) and the
  equipment rounded up past the target's top by more than rounding is
  labelled with its effort, as a first exposure's is (`engine.coarse`):
  190 kg for 3 at RPE 8.5 of an e1RM of 213 kg (185.2 wanted, plates 10 kg
  apart) is about RPE 9.5.

Steps up are checked against the same line in `engine.jumps`.
"""

from __future__ import annotations

from engine.bodyweight import SLACK, about
from engine.coarse import OFF, asked_text, effort_of, moved, over_top, serves_effort, weigh
from engine.gear import floor, makes, nearest
from engine.lastsession import (
    current_e1rm,
    foreseen_sets,
    logged,
    rated_e1rms,
    reps_to_reach,
    session_sets,
    too_hard_said,
)
from engine.loaded import EPS, Loaded, n, reps_of
from engine.loading import Loader
from engine.loads import rpe_at
from engine.model import Choice, Expected, Prescription, ProgressionRule, Target, TrainingState
from engine.model.base import replace
from engine.plannedsets import label
from engine.ramp import MOST_ROUNDED, median, plan_ramp, span, too_hard
from engine.ratings import RAMP
from engine.wording import named


def foreseen(loader: Loader, choice: Choice, rx: Prescription, progression: ProgressionRule,
             previous: TrainingState | None, target: Target, loaded: Loaded,
             plugin: bool = False) -> tuple[Target, Loaded]:
    """The target and load, a load from the e1RM rounded down or labelled,
    an added rep held or a label carried (module docstring); as they are
    when the last session does not bear on them."""
    load, effort, imp, b = loaded.load, loader.effort, loader.implement(choice), loaded.basis
    if previous is None or load is None or effort is None or imp is None or not imp.loaded \
            or target.expected is not None or target.rpe is None:
        return target, loaded
    if loaded.topped:  # kept at the heaviest: its sets at the effort they take there, when outside the target
        return _at_top(loader, choice, rx, previous, target, load, b.e1rm if b is not None else None), loaded
    margin = progression.overshoot
    if target.load is None and b is not None and b.e1rm:  # a load from the e1RM, rounded
        return _from_effort(loader, choice, target, loaded, b.e1rm, margin, (progression.policy, rx))
    before = previous.target.load  # (a load logged that the equipment does not make: the nearest it does)
    if before is None or abs(load - before) > EPS and (makes(imp, before) or abs(load - nearest(imp, before)) > EPS):
        return target, loaded
    read = _read(loader, choice, rx, previous, target, load, margin, plugin, progression.reps_by_effort)
    if read is None:
        return target, loaded  # (sets without an RPE say nothing of the effort)
    target, e1, source = read
    if previous.printed is None:
        return target, loaded
    share = loader.moved(choice, load) / e1
    felt = replace(target, expected=Expected(target.reps, load, rpe_at(effort, target.reps, share)))
    if label(felt, load) == target.rpe or felt.expected is None:
        return target, loaded
    said = (f"{target.reps} reps at {imp.amount(load)} are {about(felt.expected.rpe)} by {source}, "
            f"{n(e1)} {loader.units}")
    if f"by {source}" in target.note:  # a planned week's hold names that e1RM already
        return felt, loaded
    return replace(felt, note="; ".join(filter(None, (target.note, said)))), loaded


def _at_top(loader: Loader, choice: Choice, rx: Prescription, previous: TrainingState, target: Target,
            load: float, e1: float | None) -> Target:
    """A target kept at the equipment's heaviest, labelled with the effort its reps take there by the e1RM
    the load was worked out from (else the current one) where that is outside the target's RPE: 8 reps with
    the 20 kg dumbbells, about RPE 4.5, print "@ RPE 4.5" every week they are kept, not the 7 asked."""
    assert loader.effort is not None
    if not e1:
        found = current_e1rm(loader, choice, rx, previous)
        e1 = found[0] if found is not None else None
    if not e1:
        return target
    share = loader.moved(choice, load) / e1
    felt = replace(target, expected=Expected(target.reps, load, rpe_at(loader.effort, target.reps, share)))
    if label(felt, load) == target.rpe or felt.expected is None:
        return target
    imp = loader.implement(choice)
    at = named(imp, load, loader.units) if imp is not None else n(load)  # ("40 lb a hand": the e1RM is the pair's)
    said = f"{target.reps} reps at {at} are {about(felt.expected.rpe)}"
    return replace(felt, note=f"{target.note}; {said} by the e1RM {n(e1)} {loader.units}")


def _read(loader: Loader, choice: Choice, rx: Prescription, previous: TrainingState, target: Target, load: float,
          margin: float, plugin: bool = False, by_effort: bool = False) -> tuple[Target, float, str] | None:
    """The target with a rep held where the last exposure foresees it too
    hard (`by_effort`: more reps where it foresees it under the target),
    the e1RM that exposure gives and what it is, for a label: a logged
    session's best rated set, or a planned week's label; None when neither
    says anything of the effort."""
    e1s = rated_e1rms(loader, choice, rx, previous)
    if e1s:
        heavier = previous.target.load is not None and load > previous.target.load + EPS  # (the nearest made)
        if (target.reps > previous.target.reps or heavier) \
                and too_hard(target, foreseen_sets(loader, choice, e1s, target.reps, load), margin):
            held = _held(loader, choice, target, previous, e1s, margin, load, rx.reps[0] if heavier else 0)
            target = held if held.reps < target.reps else target  # (none under the range's bottom: as it was)
        elif by_effort and not heavier and previous.target.reps < target.reps < rx.reps[1]:
            target = _more(loader, choice, rx, target, e1s, load, margin)
        return target, max(e1s), "the last session's e1RM"  # the best rated set: the first, as a label names it
    if logged(previous) or plugin and previous.printed is None and not previous.rounded:
        return None  # (a plugin's policy may ask any reps: only a label or an e1RM's effort holds them)
    if previous.printed is None and target.reps <= previous.target.reps:
        return None  # (no rep added, no label to carry: nothing to read the week at)
    found = current_e1rm(loader, choice, rx, previous)  # a planned week after a label, read at it
    if found is None:
        return None
    if previous.printed is None:  # a load worked out from an e1RM, or a label's hold: read over the bottom
        at, rpe = moved(loader, choice, previous.target.load or 0.0), previous.target.rpe or (10.0, 10.0)
        source = (f"the e1RM of the last sheet's {previous.target.reps} reps at {at} taken as done at RPE "
                  f"{round(min(rpe[0] + previous.rounded, 10.0), 1):g}")
    # the label's own e1RM, or one never under what was last shown: the logged session it came from
    elif "as planned, taken as done" in found[1]:
        source = f"the e1RM of the last sheet's {previous.target.reps} reps at RPE {span(previous.printed)}"
    else:
        source = f"the e1RM the last sheet's {previous.target.reps} reps at RPE {span(previous.printed)} came from"
    return _planned(loader, choice, target, previous, found[0], source, margin), found[0], source


def _planned(loader: Loader, choice: Choice, target: Target, previous: TrainingState, e1: float, source: str,
             margin: float) -> Target:
    """A planned week after one whose sheet printed the effort the
    equipment made (a label), read at that label (`current_e1rm`): a rep
    the policy adds is held where its sets, the first at the effort that
    e1RM gives and each half a point harder, would be read as too hard,
    at the most reps over last time's that are not (last time's when none
    is). A plan assumes growth from a target's own RPE, not from a label
    past it: 8 reps at 15 kg a hand printed @ RPE 9 are an e1RM of 39 kg,
    where 9 reps start at RPE 10."""
    asked, effort = previous.target.reps, loader.effort
    assert effort is not None and previous.target.load is not None
    share = loader.moved(choice, previous.target.load) / e1

    def ramp(reps: int) -> list[float]:
        return plan_ramp(effort_of(effort, reps, share), target)

    if target.reps <= asked or not too_hard(target, ramp(target.reps), margin):
        return target
    reps = next((r for r in range(target.reps - 1, asked, -1) if not too_hard(target, ramp(r), margin)), asked)
    first = ramp(target.reps)[0]
    at = "past failure" if first > 10.0 else f"at {about(first)}"
    why = (f"aim for {reps_of(reps)} at the same load: {target.reps} would start {at} by {source}, {n(e1)} "
           f"{loader.units}, too hard for the program's RPE {span(target.rpe or (10.0, 10.0))}")
    return replace(target, reps=reps, note="; ".join(filter(None, (target.note, why))))


def _more(loader: Loader, choice: Choice, rx: Prescription, target: Target, e1s: tuple[float, ...], load: float,
          margin: float) -> Target:
    """Double progression's rep after a session under the target, where
    even with it the last session's rated sets are foreseen under the
    bottom of the target's RPE: the fewest reps within the range whose
    session reaches it and is not too hard (`reps_to_reach`; 170 lb x 4 @
    5, 5.5, 6 on 4-6 @ 7-8 makes 3 x 6, not a week at RPE 6 on the way)."""
    assert target.rpe is not None
    found = reps_to_reach(loader, choice, e1s, target, target.reps, rx.reps[1], load, margin)
    if found is None:
        return target
    reps, now, first = found
    reach = median(foreseen_sets(loader, choice, e1s, reps, load)) >= target.rpe[0] - SLACK
    asked = f"aim for {reps_of(target.reps)} at the same load"
    note = target.note.replace(asked, f"aim for {reps_of(reps)} at the same load") if asked in target.note \
        else "; ".join(filter(None, (target.note, f"aim for {reps_of(reps)} at the same load")))
    # (even the range's top short of the target: printed with its effort, the first set's, as a label is)
    said = "reach it" if reach else f"start at {about(first)}"
    why = (f"{target.reps} would be {about(now)} by the last session's rated sets, under the target's "
           f"{span(target.rpe)}, and {reps} {said}")
    return replace(target, reps=reps, note=f"{note}: {why}", expected=None if reach else Expected(reps, load, first))


def _held(loader: Loader, choice: Choice, target: Target, previous: TrainingState, e1s: tuple[float, ...],
          margin: float, load: float, bottom: int = 0) -> Target:
    """The most reps over last time's whose session at the load printed is
    not too hard (last time's when none is), and why: foreseen at that
    load, the nearest the equipment makes to one logged off its steps (28
    lb dumbbells printed as 30). At such a load heavier than the one
    logged, fewer than last time's too, down to the range's `bottom`: 19 kg
    x 10 printed as the 20 kg bell."""
    lowest = min(bottom, previous.target.reps, target.reps) if bottom else previous.target.reps
    assert target.rpe is not None
    reps = next((r for r in range(target.reps - 1, lowest - 1, -1)
                 if not too_hard(target, foreseen_sets(loader, choice, e1s, r, load), margin)), lowest)
    asked = previous.target.reps
    said = too_hard_said(session_sets(loader, choice, previous), target,
                         foreseen_sets(loader, choice, e1s, target.reps, load), previous)
    why = f"aim for {reps_of(reps)} at the same load: {target.reps} would take {said}"
    if reps == asked and previous.target.note.startswith(f"aim for {reps_of(asked)} at the same load: "):
        why += f"; held again: {reps + 1} reps come once a session at these reps is rated lower"
    return replace(target, reps=reps, note=why)


def _from_effort(loader: Loader, choice: Choice, target: Target, loaded: Loaded, e1: float,
                 margin: float, policy: tuple[str, Prescription]) -> tuple[Target, Loaded]:
    """A load the engine took from the e1RM, as the equipment rounded it:
    labelled when rounded past the target's RPE (up by more than rounding,
    down by more than `OFF`); the next lighter load instead when one
    rounded up would make a session too hard (its sets ramping half a
    point each) and the lighter one is within `OFF` of the target's RPE,
    or the heavier one's sets would go past failure. A policy whose reps
    serve the effort (`rpe`) moves them instead where the load is far
    under the target, or its session too hard and no lighter load within
    `OFF` of it, as a first exposure does (`engine.coarse.weigh`): 3 x 3
    @ RPE 7 at 90 kg, RPE 5 by an e1RM of 113.33, is 3 x 5 there."""
    imp, effort, load, b = loader.implement(choice), loader.effort, loaded.load, loaded.basis
    assert imp is not None and effort is not None and load is not None and b is not None and target.rpe is not None
    heavy = loader.moved(choice, load) / e1
    felt = effort_of(effort, target.reps, heavy)
    down = floor(imp, load - 2 * EPS)
    ramp = [felt + RAMP * i for i in range(target.sets)]
    hard, lo = too_hard(target, ramp, margin), target.rpe[0] - OFF - EPS
    no_down = down >= load - EPS or (down <= EPS and imp.kind != "assist")
    far_down = not no_down and effort_of(effort, target.reps, loader.moved(choice, down) / e1) < lo
    if serves_effort(policy[0]) and b.raw is not None and (felt < lo or hard and (no_down or far_down)):
        return weigh(loader, policy[0], choice, policy[1], target, loaded)  # the reps move to the effort
    if felt <= target.rpe[1] + MOST_ROUNDED + EPS or not hard or no_down or max(ramp) <= 10.0 + EPS and far_down:
        # (a lighter load far under the target is no better than a heavier one whose sets stay short of
        # failure: that one, printed with its effort)
        if felt < lo:  # rounded down far under the target: the sets say what it is
            said = (f"{moved(loader, choice, load)}, the nearest load the equipment makes, is {heavy:.1%} of the "
                    f"e1RM {n(e1)} {loader.units}: {asked_text(effort, target.reps, heavy)} for {target.reps} reps")
            return replace(target, note="; ".join(filter(None, (target.note, said))),
                           expected=Expected(target.reps, load, felt)), loaded
        return over_top(loader, choice, target, loaded, heavy), loaded
    share = loader.moved(choice, down) / e1
    said = (f"{moved(loader, choice, load)}, the nearest load the equipment makes, is {heavy:.1%} of the e1RM "
            f"{n(e1)} {loader.units}: {asked_text(effort, target.reps, heavy)} for {target.reps} reps, and the sets "
            f"after it too hard; {moved(loader, choice, down)} is {asked_text(effort, target.reps, share)}")
    shown = replace(target, note="; ".join(filter(None, (target.note, said))),
                    expected=Expected(target.reps, down, rpe_at(effort, target.reps, share)))
    return shown, Loaded(down, replace(b, load=down, rounding=imp.how(down)), loaded.owed)
