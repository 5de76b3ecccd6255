"""A plugin that writes straight to file descriptor 1, under any
sys.stdout, at import, in every registration hook and in every component
it registers: tests/unit/test_plugin_output.py installs it through an
entry point and checks that none of it reaches standard output."""

import os

import engine

os.write(1, b"<fd1 at import>")


def _say(where: str) -> None:
    os.write(1, f"<fd1 in {where}>".encode())


def select(ctx):
    _say("select")
    return ctx.candidates[: ctx.count]


def start(ctx):
    _say("start")
    return engine.Target(sets=ctx.prescription.sets[0], reps=ctx.prescription.reps[0], rpe=ctx.prescription.rpe)


def advance(ctx, previous):
    _say("advance")
    return previous


def percent(reps, rpe):
    _say("percent")
    return 1.0 / (1.0 + (reps + 10 - rpe) / 30.0)


def render(plan, options):
    _say("render")
    return f"{plan.program.name}\n"


@engine.hookimpl
def engine_register_selectors(register):
    _say("engine_register_selectors")
    register(engine.Selector("fd-writer", select, "Writes to descriptor 1."))


@engine.hookimpl
def engine_register_progressions(register):
    _say("engine_register_progressions")
    register(engine.Progression("fd-writer", start, advance, "Writes to descriptor 1.",
                                {"properties": {"increment": {"type": "number"}}}))


@engine.hookimpl
def engine_register_effort_models(register):
    _say("engine_register_effort_models")
    register(engine.EffortModel("fd-writer", percent, "Writes to descriptor 1."))


@engine.hookimpl
def engine_register_exporters(register):
    _say("engine_register_exporters")
    register(engine.Exporter("fd-writer", render, "Writes to descriptor 1.", ".fdw"))


@engine.hookimpl
def engine_check_plan(plan):
    _say("engine_check_plan")
    return []
