"""The `engine` command: a thin click layer over `engine.pipeline`.

Each subcommand lives in `engine/commands/`. Failures print one line per
problem and exit 1; usage errors exit 2; `--debug` (or ENGINE_DEBUG=1) shows
the traceback of an unexpected failure.
"""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING, Any, Callable

import click

from engine import __version__
from engine.errors import EngineError, PluginError, UsageError, lower_first

if TYPE_CHECKING:
    from engine.plugins import Registry
    from engine.registration import PluginFailure
    from engine.reporters import Reporter


class Context:
    """Per-invocation state shared by the subcommands."""

    def __init__(self, debug: bool, strict: bool, out: IO[str] | None = None) -> None:
        self.debug = debug
        # Where the command's own output goes: while it runs, sys.stdout is
        # standard error, so a plugin's print() cannot garble a plan
        # (engine.commands.common.Command).
        self.out = out if out is not None else sys.stdout
        self.strict = strict
        self.report_failures = True  # `engine plugins` lists them itself
        self.error_format = "text"  # "json" once a command asks for JSON output
        self._registry: Registry | None = None

    @property
    def registry(self) -> Registry:
        """Load plugins on first use (every one with --strict, else those
        a run needs, as it needs them); report each broken plugin once."""
        if self._registry is None:
            from engine.plugins import build_registry

            self._registry = registry = build_registry()
            if self.strict:
                registry.complete()
            for failure in registry.failures:
                self._report(failure)
            if self.strict and registry.failures:
                raise click.exceptions.Exit(1)
            registry.report = self._report
        return self._registry

    def _report(self, failure: PluginFailure) -> None:
        if self.report_failures or self.strict:
            self.reporter(sys.stderr, "text").fault(str(failure), severity="error" if self.strict else "warning",
                                                  plugin=failure.plugin, hook=failure.hook)

    def reporter(self, stream: IO[str] | None = None, fmt: str | None = None) -> Reporter:
        """The reporter for this command's problems (engine.reporters):
        standard error unless `stream` is given, JSON once the command asks
        for JSON output."""
        from engine.reporters import reporter

        return reporter(fmt or self.error_format, stream if stream is not None else sys.stderr)


# Subcommand name -> module in engine/commands/, imported only when used
# (click's "lazily loading subcommands" pattern): `engine run` does not pay
# for `engine batch`.
OUT = "engine.out"  # ctx.meta key: standard output as it was before the command
COMMANDS = ("batch", "exercises", "explain", "plugins", "run", "schema", "validate")


def _show(text: Any) -> Callable[[click.Context, click.Parameter, bool], None]:
    """An eager flag's callback: print `text(ctx)` and exit, as click's own
    help and version options do."""

    def show(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value and not ctx.resilient_parsing:
            click.echo(text(ctx), color=ctx.color)
            ctx.exit()

    return show


class HelpOption(click.Command):
    """`-h/--help` as click makes it, worded once here: click words its own
    through gettext, whose first use imports `locale`, on every start."""

    engine_help: click.Option | None = None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        if self.engine_help is None:  # one object per command: click orders the eager options by it
            self.engine_help = click.Option([*names, "engine_help"], is_flag=True, is_eager=True, expose_value=False,
                                            callback=_show(lambda ctx: ctx.get_help()),
                                            help="Show this message and exit.")
        return self.engine_help


class EngineGroup(HelpOption, click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS and name not in self.commands:
            import importlib

            self.add_command(importlib.import_module(f"engine.commands.{name}").command, name)
        return self.commands.get(name)

    def invoke(self, ctx: click.Context) -> Any:
        ctx.meta.setdefault(OUT, sys.stdout)
        try:
            return super().invoke(ctx)
        except click.exceptions.UsageError as exc:  # click's own, as ours: one line naming the command
            from engine.reporters import reporter

            command = exc.ctx.info_name if exc.ctx is not None and exc.ctx is not ctx else ctx.invoked_subcommand
            helped = f"engine {command} --help" if command else "engine --help"
            said = lower_first(exc.format_message()).removesuffix(".")
            reporter("text", sys.stderr).usage(f"{said} (see `{helped}`)", command)
            ctx.exit(2)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except (EngineError, PluginError, UsageError) as exc:
            ctx.exit(_report(ctx, exc))
        except OSError as exc:  # inputs are read with located errors: this is the output side
            if _debug(ctx):
                raise
            _reporter(ctx).fault(f"cannot write the output: {exc.strerror or exc}")
            ctx.exit(1)
        except Exception as exc:  # noqa: BLE001 - never a traceback for users unless asked
            if _debug(ctx):
                raise
            _reporter(ctx).fault(f"internal error: {type(exc).__name__}: {exc} "
                                 "(run with --debug for the traceback, and please report it)")
            ctx.exit(1)


def _report(ctx: click.Context, exc: Exception) -> int:
    """Print an expected failure; returns the exit code."""
    if isinstance(exc, UsageError):  # raised outside a subcommand's own handling
        from engine.commands.common import usage_message

        _reporter(ctx, "text").usage(usage_message(exc))
        return 2
    if isinstance(exc, EngineError):
        _reporter(ctx).failed(exc.problems)
        return 1
    assert isinstance(exc, PluginError)
    if _debug(ctx):
        import traceback

        traceback.print_exception(exc.__cause__ or exc)
    _reporter(ctx).fault(str(exc), plugin=exc.plugin, hook=exc.hook)
    return 1


def _reporter(ctx: click.Context, fmt: str | None = None) -> Reporter:
    """Standard error's reporter, in the format the command asked for."""
    from engine.reporters import reporter

    obj = ctx.find_object(Context)  # None when the group failed before making one
    return reporter(fmt or (obj.error_format if obj else "text"), sys.stderr)


def _debug(ctx: click.Context) -> bool:
    obj = ctx.find_object(Context)
    return bool(obj and obj.debug)


@click.group(cls=EngineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, is_eager=True, expose_value=False,
              callback=_show(lambda ctx: f"engine, version {__version__}"), help="Show the version and exit.")
@click.option("--debug", is_flag=True, envvar="ENGINE_DEBUG",
              help="Show Python tracebacks of unexpected failures (for bug reports).")
@click.option("--strict", is_flag=True, help="Treat a plugin that fails to load as an error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, strict: bool) -> None:
    """Turn a coach's TOML rule file into a week-by-week training program."""
    ctx.obj = Context(debug=debug, strict=strict, out=ctx.meta.get(OUT))


def main() -> None:
    """The `engine` command for a program that runs it in its own process:
    the command, then a checked standard output and SystemExit with the
    exit code (never a wait on a plugin's leftover threads)."""
    from engine import shutdown

    shutdown.leave(_command())


def executable() -> None:
    """The `engine` executable (its console script, `python -m engine`):
    as `main`, but when only the engine's own code ran, the process ends
    once the exit handlers have run and the streams are flushed, without
    the interpreter's teardown (engine.shutdown)."""
    from engine import shutdown

    shutdown.leave(_command(), teardown=False)


def _command() -> int:
    """Run the command; returns the exit code, standard output checked.

    What is loaded before the command starts (Python's own modules, click,
    pluggy and the engine's command line) lives until the process ends:
    `gc.freeze()` sets it aside, so neither the collections during the run
    nor the interpreter's last one at exit walk it again (about a tenth of
    a run's time). Plugins load after it and are collected as usual; exit
    handlers and flushes run as they always do."""
    import gc

    from engine import stdio

    gc.freeze()
    out = stdio.guard()
    code = _run()
    return stdio.finish(out, code)


def _run() -> int:
    try:
        cli.main(prog_name="engine")
    except SystemExit as exc:
        return _code(exc.code)
    except RecursionError:  # pragma: no cover - last line of defence
        click.echo("engine: input is nested too deeply", err=True)
        return 1
    return 0


def _code(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    click.echo(str(value), err=True)  # sys.exit("message"), as Python prints it
    return 1


if __name__ == "__main__":  # pragma: no cover
    executable()
