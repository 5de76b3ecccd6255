"""Hook specifications: the hooks a plugin implements.

A plugin is a module (or any object) with functions marked
`@engine.hookimpl` and named like the specifications below. Registration
hooks receive a `register` callable and call it once per component; the
built-in components are registered through these same hooks, built-ins
first, so a plugin can do anything the core does but replace nothing.

Each hook receives only the arguments it declares, as with pluggy
everywhere, and specifications only ever gain arguments: a plugin that
declares fewer keeps working. docs/plugins.md documents every hook, and a
test holds it to that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable

from engine import hookspec

if TYPE_CHECKING:
    from engine.components import EffortModel, Exporter, Progression, Selector
    from engine.errors import Problem
    from engine.model import Exercise, Plan

    # What a plan check may return for each problem it finds.
    Where = str | tuple[str | int, ...]
    Finding = Problem | tuple[Where, str] | tuple[Where, str, str] | str


@hookspec
def engine_register_selectors(register: Callable[[Selector], None]) -> None:
    """Register selectors: named ways to fill a slot with exercises.

    :param register: Call it once per `engine.Selector`. A name that is
        already registered, a component of another type or a malformed
        `options_schema` is refused and reported, naming the plugin; the
        plugin's other components are kept.

    A rule file picks a selector with `select = { selector = "NAME" }`; the
    selector's `select(ctx)` receives an `engine.SelectionContext`.
    """


@hookspec
def engine_register_progressions(register: Callable[[Progression], None]) -> None:
    """Register progression policies: where a slot's target starts and how
    it moves from one exposure to the next.

    :param register: Call it once per `engine.Progression` (refused and
        reported as for selectors).

    A rule file picks a policy with `progression = "NAME"` or
    `[progressions.X] policy = "NAME"`; `start(ctx)` and
    `advance(ctx, previous)` receive an `engine.ProgressionContext`.
    """


@hookspec
def engine_register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register exporters: output formats.

    :param register: Call it once per `engine.Exporter` (refused and
        reported as for selectors).

    `engine run --format NAME`, or `-o FILE` with the exporter's extension,
    chooses one; `render(plan, options)` returns `str` or `bytes`, and
    raises `engine.CannotExport` for a problem the user can fix.
    """


@hookspec
def engine_register_exercises(register: Callable[[Exercise], None]) -> None:
    """Register catalog exercises.

    :param register: Call it once per `engine.Exercise`; ids must be
        unique among the built-in catalog and every plugin's.
    """


@hookspec
def engine_register_effort_models(register: Callable[[EffortModel], None]) -> None:
    """Register effort models: reps and RPE to a fraction of the one-rep max.

    :param register: Call it once per `engine.EffortModel`.

    A rule file picks one with `effort_model = "NAME"` in `[program]`; every
    call of `percent(reps, rpe)` is checked (a number in (0, 1.5]).
    """


@hookspec
def engine_check_plan(plan: Plan) -> Iterable[Finding] | None:
    """Check an evaluated plan.

    :param plan: The `engine.Plan` just evaluated (with its athlete and
        log, when given), before any exporter sees it.
    :return: Nothing when the plan is fine, or the problems found, each an
        `engine.Problem`, a `(path, message)` or `(path, message, severity)`
        tuple (`path` a JSON path tuple such as `("week",)`, or one key),
        or a string. They are located in the rule file; an error fails the
        run, a warning is printed.
    """
