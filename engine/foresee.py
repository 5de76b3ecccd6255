"""What the last logged session says of the next target at the same load,
before it is printed.

The too-hard rule cuts a session whose sets as a whole go a point past the
target (`engine.ramp`). A target the last session's e1RM already puts past
that line is one the engine would cut the week after it printed it, so
after a logged session, at the load kept:

- A rep the policy adds is held when its first set, by the e1RM, starts
  over `engine.ramp.first_set_limit`: 57.5 kg x 4 at RPE 7.5, 8, 8.5 on
  3 x 4-6 @ RPE 7-8 is an e1RM of 69.96 kg (the best set), so 5 reps
  start at about RPE 8.5 and ramp to a median of 9, a point over the 8:
  4 reps again (the most reps under the line), not 5.
- A target whose last sheet printed the effort the engine expected (a
  load the equipment made heavier or lighter than the target's RPE,
  `engine.plannedsets.label`) is labelled again by the effort the session
  shows there, while that effort is outside the target's RPE: 60 kg x 4 @
  RPE 9 on the first week of a 7-8 bench stays "@ RPE 9" while the e1RM
  says so, and each session is judged against what its sheet printed.
- A load the engine took from the e1RM (the `rpe` policy) and the
  equipment rounded up past the target's top by more than rounding is
  labelled with its effort, as a first exposure's is (`engine.coarse`):
  190 kg for 3 at RPE 8.5 of an e1RM of 213 kg (185.2 wanted, plates 10 kg
  apart) is about RPE 9.5.

Steps up are checked against the same line in `engine.jumps`.
"""

from __future__ import annotations

from engine.bodyweight import half
from engine.coarse import asked_text, moved, over_top
from engine.gear import floor
from engine.jumps import current_e1rm, logged, within
from engine.loaded import EPS, Loaded, n
from engine.loading import Loader
from engine.loads import rpe_at
from engine.model import Autoregulation, Choice, Expected, Prescription, Target, TrainingState
from engine.model.base import replace
from engine.plannedsets import label
from engine.ramp import first_set_limit


def foreseen(loader: Loader, choice: Choice, rx: Prescription, rules: Autoregulation | None,
             previous: TrainingState | None, target: Target, loaded: Loaded) -> tuple[Target, Loaded]:
    """The target and load, a load from the e1RM rounded down or labelled,
    an added rep held or a label carried (module docstring); as they are
    when the last session does not bear on them."""
    load, effort, imp, b = loaded.load, loader.effort, loader.implement(choice), loaded.basis
    if previous is None or load is None or effort is None or imp is None or not imp.loaded \
            or target.expected is not None or target.rpe is None or loaded.topped:
        return target, loaded
    limit = first_set_limit(target, rules.overshoot if rules else 1.0) - EPS
    if target.load is None and b is not None and b.e1rm:  # a load from the e1RM, rounded
        return _from_effort(loader, choice, target, loaded, b.e1rm, limit)
    if not logged(previous) or previous.target.load is None or abs(load - previous.target.load) > EPS \
            or any(p.rpe is None for p in previous.performed):  # an unrated set says nothing of the effort
        return target, loaded
    found = current_e1rm(loader, choice, rx, previous)
    if found is None:
        return target, loaded
    e1 = found[0]
    share = loader.moved(choice, load) / e1
    if target.reps > previous.target.reps and not within(effort, target.reps, share, limit, strict=True):
        target = _held(loader, target, previous.target.reps, share, limit, e1)
    if previous.printed is None:
        return target, loaded
    felt = replace(target, expected=Expected(target.reps, load, rpe_at(effort, target.reps, share)))
    if label(felt, load) == target.rpe or felt.expected is None:
        return target, loaded
    said = (f"{target.reps} reps at {n(load)} {loader.units} are about RPE {half(felt.expected.rpe)} by the last "
            f"session's e1RM, {n(e1)} {loader.units}")
    return replace(felt, note="; ".join(filter(None, (target.note, said)))), loaded


def _held(loader: Loader, target: Target, asked: int, share: float, limit: float, e1: float) -> Target:
    """The most reps over last time's `asked` whose session stays under
    the too-hard line (`asked` itself when none does), and why."""
    effort = loader.effort
    assert effort is not None and target.rpe is not None
    reps = next((r for r in range(target.reps - 1, asked, -1) if within(effort, r, share, limit, strict=True)),
                asked)
    start = half(rpe_at(effort, target.reps, share)) if within(effort, target.reps, share, 10.0) else "past failure"
    lo, hi = target.rpe
    sets = f"{target.sets} sets from there are" if target.sets > 1 else "a set there is"
    rpe = f"{lo:g}" + (f"-{hi:g}" if hi > lo else "")
    why = (f"keep {reps} reps at the same load: {target.reps} would start at about RPE {start} by the last "
           f"session's e1RM, {n(e1)} {loader.units}, and {sets} too hard for RPE {rpe}")
    return replace(target, reps=reps, note=why)


def _from_effort(loader: Loader, choice: Choice, target: Target, loaded: Loaded, e1: float,
                 limit: float) -> tuple[Target, Loaded]:
    """A load the engine took from the e1RM, as the equipment rounded it:
    labelled when rounded up past the target's top (`over_top`); the
    next lighter load instead when the session there would be too hard."""
    imp, effort, load, b = loader.implement(choice), loader.effort, loaded.load, loaded.basis
    assert imp is not None and effort is not None and load is not None and b is not None
    if within(effort, target.reps, loader.moved(choice, load) / e1, limit, strict=True):
        return over_top(loader, choice, target, loaded, loader.moved(choice, load) / e1), loaded
    down = floor(imp, load - 2 * EPS)
    if down >= load - EPS or (down <= EPS and imp.kind != "assist"):
        return over_top(loader, choice, target, loaded, loader.moved(choice, load) / e1), loaded
    share, heavy = loader.moved(choice, down) / e1, loader.moved(choice, load) / e1
    said = (f"{moved(loader, choice, load)}, the nearest load the equipment makes, is {heavy:.1%} of the e1RM "
            f"{n(e1)} {loader.units}: {asked_text(effort, target.reps, heavy)} for {target.reps} reps, and the sets "
            f"after it too hard; {moved(loader, choice, down)} is {asked_text(effort, target.reps, share)}")
    shown = replace(target, note="; ".join(filter(None, (target.note, said))),
                    expected=Expected(target.reps, down, rpe_at(effort, target.reps, share)))
    return shown, Loaded(down, replace(b, load=down, rounding=imp.how(down)), loaded.owed)
