"""Small plugins the core's tests register (with `engine.testing` or
`engine.plugins.build_registry(extra=...)`), one per hook and fault: each is
written against the public API only, as a plugin author would write it."""

from __future__ import annotations

import engine


class ReverseSelector:
    """Takes the candidates from the end, optionally skipping some."""

    @engine.hookimpl
    def engine_register_selectors(self, register):
        def select(ctx):
            pool = list(reversed(ctx.candidates))[ctx.options.get("skip", 0):]
            return pool[: ctx.count]  # plain Exercise objects: the engine picks the default form

        register(engine.Selector("reverse", select, "Last candidates first.", {
            "properties": {"skip": {"type": "integer", "minimum": 0, "maximum": 5, "description": "Skip this many."}},
        }))


class WaveProgression:
    """Alternates between the top and the bottom of the rep range."""

    @engine.hookimpl
    def engine_register_progressions(self, register):
        def start(ctx):
            return engine.Target(sets=ctx.prescription.sets[0], reps=ctx.prescription.reps[1], rpe=ctx.prescription.rpe)

        def advance(ctx, prev):
            lo, hi = ctx.prescription.reps
            bump = ctx.options.get("bump", 1)
            if prev.reps == hi:
                return engine.Target(prev.sets, lo, prev.rpe, prev.added_load + bump, note="wave down")
            return engine.Target(prev.sets, hi, prev.rpe, prev.added_load, note="wave up")

        register(engine.Progression("wave", start, advance, "Top, bottom, top.", {
            "properties": {"bump": {"type": "number", "exclusiveMinimum": 0, "description": "Load per wave."}},
        }))


class MineExporter:
    @engine.hookimpl
    def engine_register_exporters(self, register):
        def render(plan, options):
            ids = [ex.exercise.id for w in plan.weeks for d in w.days for ex in d.exercises]
            return f"MINE {plan.program.name} weeks={len(plan.weeks)} first={ids[0]} shout={options.get('shout')}\n"

        register(engine.Exporter("mine", render, "A test format.", ".mine", {
            "properties": {"shout": {"type": "boolean", "description": "Loudly."}},
            "additionalProperties": False,
        }))


class BytesExporter:
    @engine.hookimpl
    def engine_register_exporters(self, register):
        register(engine.Exporter("raw", lambda plan, options: b"\x00RAW\xff", "Bytes.", ".raw"))


PULL_THROUGH = engine.Exercise(
    id="cable-pull-through", name="Cable pull-through", category="tertiary",
    prescription=engine.Prescription(sets=(2, 3), reps=(12, 15), rpe=(7.0, 8.0)),
    loading="cable", equipment=("cable",), tags=("hinge", "glutes", "low-back-friendly"),
    source="plugin",
)


class PullThroughExercise:
    @engine.hookimpl
    def engine_register_exercises(self, register):
        register(PULL_THROUGH)


class Check:
    """A plan check returning whatever it is given."""

    def __init__(self, result):
        self.result = result

    @engine.hookimpl
    def engine_check_plan(self, plan):
        return self.result


class HalfEffort:
    """Every set is half the max, whatever the reps: easy to check."""

    @engine.hookimpl
    def engine_register_effort_models(self, register):
        register(engine.EffortModel("half", lambda reps, rpe: 1.0 if reps <= 1 else 0.5, "Half the max."))


class RaisesInRegistration:
    @engine.hookimpl
    def engine_register_selectors(self, register):
        register(engine.Selector("early", lambda ctx: ctx.candidates[: ctx.count]))
        raise RuntimeError("registration exploded")


class ExplodingSelector:
    @engine.hookimpl
    def engine_register_selectors(self, register):
        def select(ctx):
            raise RuntimeError("selector exploded")

        register(engine.Selector("boom", select))
