"""Rules -> Plan. A pure function: no I/O, no clock, no global state.

Week by week: selection picks each slot's exercises (`engine.selection`),
the schedule puts them on training days (`engine.schedule`), and the
trainer prescribes each exposure from the form's training state, in the
order the days fall (`engine.training`, with loads from `engine.loading`).
Selectors and progression policies come from the registry; a fault inside
one is raised as `PluginError` naming the plugin.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from engine.gearchanges import Equipped
from engine.history import History
from engine.loading import Loader
from engine.loads import DEFAULT_GEAR, guarded_effort
from engine.model import Athlete, Choice, Day, Plan, PlannedExercise, Rules, Week
from engine.model.base import replace
from engine.plugins import Registry
from engine.prepared import Prepared
from engine.schedule import date_of, day_order
from engine.selection import Selection
from engine.snap import snapper
from engine.training import Trainer


def loader_for(rules: Rules, registry: Registry, athlete: Athlete | None, history: History | None,
               logged: bool) -> Loader:
    """The loads' source for a plan: the athlete's profile and the
    program's effort model. A log without a profile (`logged`) still gives
    loads: the program's units and the usual equipment for them."""
    program = rules.program
    units = athlete.units if athlete else program.units
    reg = registry.effort_models.get(program.effort_model)
    effort = guarded_effort(reg) if reg else None
    lifter = athlete or (Athlete("", units, gear=DEFAULT_GEAR[units]) if logged else None)
    return Loader(lifter, effort, program.effort_model, units, dict(rules.exercises), history)


def switch_note(planned: PlannedExercise, was: tuple[Choice, _dt.date | None] | None) -> PlannedExercise:
    """The first week the log's form (or the one the profile has a max of)
    takes a slot's place: say so (a sumo session on a conventional day
    makes the slot's deadlift sumo)."""
    if was is None:
        return planned
    why = f"the form the log shows trained last ({was[1]})" if was[1] is not None else \
        "the form the profile has a max of"
    said = f"{planned.choice.name} in place of {was[0].name}: {why}"
    return replace(planned, target=replace(planned.target, note="; ".join(filter(None, (said, planned.target.note)))))


def evaluate(rules: Rules, registry: Registry, *, start: _dt.date | None = None,
             athlete: Athlete | None = None, log: Any = None, prepared: Prepared | None = None,
             as_of: _dt.date | None = None) -> Plan:
    """Build the week-by-week plan. `start` overrides the rule file's start
    date; with an `athlete`, selection respects their equipment and
    sensitivities and loads are computed; with a `log` (an `engine.logs.Log`)
    progression follows what was performed, and days on or before its last
    session (or `as_of`, when later), or with a session of their own logged
    before them, are marked done with their logged sets; each week lists
    the sessions of its dates no exposure claims (`Week.extra`).
    `prepared` carries what plans of these rules share (a batch passes one
    for all its athletes)."""
    program = rules.program if start is None else replace(rules.program, start=start)
    units = athlete.units if athlete else program.units
    snap = snapper(athlete, rules.exercises, units)  # a bell logged as 44 lb is the 20 kg bell
    history = History(log, rules.exercises, units, as_of, snap, program.start) \
        if log is not None or as_of is not None else None
    loader = loader_for(rules, registry, athlete, history, log is not None)
    prepared = prepared if prepared is not None and prepared.rules is rules else Prepared(rules)
    # one selection per equipment the plan's days use (a profile's equipment may change from a date)
    equipped = Equipped(athlete, program, lambda person: Selection(rules, registry, program, person, history,
                                                                   prepared))
    trainer = Trainer(rules, registry, program, athlete, history, loader, prepared)
    weeks = []
    order = day_order(program)
    shown: dict[int, str] = {}  # slot -> the form of its last exposure
    for number in range(1, program.weeks + 1):
        placed = equipped.week(number)
        dates = [(name, date_of(program, number, name)) for name in order]
        trainer.begin_week(number, [(date, slot, choice) for name, date in dates for slot, choice in placed[name]])
        days = []
        for name, date in dates:
            done = trainer.done(date)
            person = equipped.athlete_on(date)
            if person is not None and person is not trainer.athlete:  # the equipment in effect that day
                trainer.athlete = loader.athlete = person
                trainer.upgrades = equipped.possible(trainer.upgrades, person)
            items = []
            for slot, choice in placed[name]:
                planned = trainer.exposure(slot, choice, number, date, done)
                if planned.performed and history is not None:  # its warm-up and drop sets, for the record
                    others = history.others(planned.performed[0].form, planned.performed[0].date)
                    planned = replace(planned, others=others) if others else planned
                if shown.get(slot.index) != choice.key == planned.choice.key:
                    was = equipped.switched(number, date, slot.index, choice.key)  # (not the line's own move: said)
                    planned = switch_note(planned, None if was and trainer.moved_to(was[0], choice.key) else was)
                shown[slot.index] = planned.choice.key
                items.append(equipped.announce(planned, date, units))
            days.append(Day(name, date, tuple(items), done=done))
        extra = trainer.week_log.listed(rules.exercises, loader.implement) if trainer.week_log else ()
        weeks.append(Week(number, tuple(days), done=all(d.done for d in days), extra=extra))
    return Plan(
        program=program,
        weeks=tuple(weeks),
        notes=rules.notes,
        composition=rules.composition,
        source=rules.file,
        athlete=athlete,
        selections=equipped.traces(),
    )
