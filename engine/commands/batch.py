"""`engine batch RULES ATHLETE... -o DIR`: one plan per athlete."""

from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from engine.commands import common
from engine.commands.common import DATE, Command, parse_options, pick_exporter

if TYPE_CHECKING:
    from engine.batch import Result
    from engine.cli import Context


@click.command("batch", cls=Command)
@click.argument("rules", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("athletes", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output-dir", "outdir", required=True, type=click.Path(path_type=Path, file_okay=False),
              metavar="DIR", help="Write one file per athlete here (created if missing).")
@click.option("-f", "--format", "fmt", default="json", show_default=True, metavar="NAME",
              help="Exporter for every athlete: json, text, markdown or one a plugin adds.")
@click.option("-O", "--option", "options", multiple=True, metavar="KEY=VALUE", help="Exporter option.")
@click.option("--start", type=DATE, metavar="YYYY-MM-DD",
              help="First day of week 1 (overrides program.start).")
@click.option("--as-of", "as_of", type=DATE, metavar="YYYY-MM-DD",
              help="Days up to this date are done: one with nothing in an athlete's log is missed.")
@click.option("-j", "--jobs", type=click.IntRange(0, 512), default=1, show_default=True,
              help="Processes to use; 0 means one per CPU.")
@click.option("--dask", "dask", metavar="ADDRESS", default=None, is_flag=False, flag_value="local",
              help="Run on Dask: a scheduler address, or `--dask local` for a local cluster "
                   "(needs the dask extra: `pip install '.[dask]'`).")
@click.pass_obj
def command(obj: Context, rules: Path, athletes: tuple[Path, ...], outdir: Path, fmt: str, options: tuple[str, ...],
            start: _dt.date | None, as_of: _dt.date | None, jobs: int, dask: str | None) -> None:
    """Plan RULES for every ATHLETE profile (files, or directories of *.toml).

    Each athlete's own logs (`logs = [...]` in the profile) are read. A
    failing athlete is reported at the end and never stops the others; the
    exit code is 1 if any failed."""
    from engine import batch, shutdown
    from engine.errors import UsageError
    from engine.model.base import replace
    from engine.outputs import Inputs, Staged

    # Every plugin loaded here, once: the workers then skip those that
    # failed rather than each wait on them (a batch is no quick start).
    registry = obj.registry.complete()
    name = pick_exporter(registry, fmt, None)
    extra = parse_options(registry, name, options)
    files = batch.athlete_files(athletes)
    outputs = batch.output_names(files, registry.exporters[name].component.extension)
    shared = batch.batch_inputs(rules, files)
    batch.refuse_overwrites(outdir, outputs, shared)
    loaded = {p.name for p in registry.plugins}
    skip = tuple(sorted({f.plugin for f in registry.failures if f.hook == "load"} - loaded))
    job = batch.Job(str(rules), name, extra, start, skip, as_of, common.today())  # (looked up now: a test sets it)
    problems = batch.rules_problems(job)
    if problems:  # once, not once per athlete; no output folder made for nothing
        obj.reporter(sys.stderr, "text").problems(problems)
        click.echo(f"engine: {rules} failed: no athlete planned, nothing written", err=True)
        raise click.exceptions.Exit(1)
    said = batch.rules_warnings(job)
    if said:
        obj.reporter(sys.stderr, "text").warnings(said)
    outdir.mkdir(parents=True, exist_ok=True)

    shutdown.others_ran("batch")  # worker processes, Dask: the usual teardown ends them
    if dask:
        from engine.distributed import run_dask

        results = run_dask(job, files, address=None if dask == "local" else dask)
    else:
        results = batch.run(job, files, jobs=batch.default_jobs(jobs))
    failed: list[Result] = []
    warned: list[Result] = []  # without their outputs: a 10,000-athlete batch holds one output at a time
    names: dict[str, str] = {}  # the first profile planned of each athlete's name
    where: dict[str, Path] = {}  # each athlete's output
    show = sys.stderr.isatty()
    with click.progressbar(length=len(files), label="planning", file=sys.stderr,
                           hidden=not show) as bar, Staged() as staged:
        for result, out in zip(results, outputs, strict=True):
            bar.update(1)
            where[result.athlete] = outdir / out
            if result.ok:
                assert result.data is not None
                try:
                    staged.write(outdir / out, result.data, inputs=Inputs(result.sources, parent=shared),
                                 tag=replace(result, data=None))
                except (UsageError, OSError) as exc:  # this athlete's output only: go on with the others
                    failed.append(replace(result, data=None, error=str(exc)))
                    continue
                result = _named(result, names)
                if result.warnings:
                    warned.append(replace(result, data=None))
            else:
                failed.append(result)
    failed.extend(replace(result, error=f"cannot put the output in place: {exc.strerror or exc}")
                  for result, exc in staged.failed)
    _report_failures(obj, failed, where)
    _report_warnings(obj, warned)
    click.echo(f"engine: {len(files) - len(failed)} planned, {len(failed)} failed; outputs in {outdir}", err=True)
    if failed:
        raise click.exceptions.Exit(1)


def _report_warnings(obj: Context, warned: list[Result], shown: int = 10, named: int = 20) -> None:
    """The warnings of the first ten athletes planned with some, located as
    `engine run` prints them; the others by name (the first twenty), so
    none is planned with a warning no one is told of."""
    if not warned:
        return
    report = obj.reporter(sys.stderr, "text")
    for result in warned[:shown]:
        click.echo(f"engine: {result.athlete} planned with warnings:", err=True)
        report.problems(result.located(), indent="  ")
    if len(warned) > shown:
        rest = [result.athlete for result in warned[shown:]]
        listed = ", ".join(rest[:named]) + (f" and {len(rest) - named} more" if len(rest) > named else "")
        click.echo(f"engine: {len(rest)} more athlete{'s' * (len(rest) != 1)} planned with warnings ({listed}); "
                   "`engine run RULES --athlete FILE` shows them", err=True)


def _named(result: Result, names: dict[str, str]) -> Result:
    """`result`, with a warning when an athlete planned before has its name:
    their outputs carry the same name, and what is made from it (a
    calendar's event IDs) collides."""
    from engine.errors import WARNING, Problem
    from engine.model.base import replace

    first = names.setdefault(result.name, result.athlete) if result.name else result.athlete
    if first == result.athlete:
        return result
    said = Problem(result.athlete, ("athlete", "name"), f"{result.name!r} is also the athlete's name in {first}: "
                   "their plans carry the same name (a calendar made from them can mix their events up); give "
                   "each athlete a name of its own", severity=WARNING)
    return replace(result, warnings=(*result.warnings, said))


def _report_failures(obj: Context, failed: list[Result], where: dict[str, Path]) -> None:
    """Each failed athlete with its located problems or its one-line error,
    and the output an earlier run left for it (nothing is lost), which is
    not this run's."""
    report = obj.reporter(sys.stderr, "text")
    for result in failed:
        click.echo(f"engine: {result.athlete} failed:", err=True)
        report.problems(result.problems, indent="  ")
        if result.error:
            click.echo(f"  {result.error}", err=True)
        out = where.get(result.athlete)
        if out is not None and out.exists():
            click.echo(f"  {out} is an earlier run's plan, left as it was: not this run's", err=True)
