"""Plan one rule file for many athletes: one output per athlete.

`plan_athlete` is the unit of work. It is a plain function of file paths and
options, so the process pool here and the Dask runner in
`engine.distributed` run exactly the same code as `engine run`. Each worker
reads and validates the rule file once and keeps it for every athlete it
plans. One athlete's bad profile or log never stops the others.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from engine.errors import EngineError, PluginError, Problem, UsageError
from engine.model.base import Frozen, set_field

MAX_ATHLETES = 1_000_000


class Job(Frozen):
    """What every athlete in a batch shares."""

    __slots__ = ("rules", "fmt", "options", "start", "skip", "as_of", "today")
    rules: str
    fmt: str
    options: Mapping[str, Any]
    start: _dt.date | None
    skip: tuple[str, ...]  # plugins that failed to load here: workers do not wait on them again
    as_of: _dt.date | None  # days up to here are done, trained or not
    today: _dt.date | None  # a log's sets after it are warned about (the command's clock; none: no check)

    def __init__(
        self,
        rules: str,
        fmt: str,
        options: Mapping[str, Any] | None = None,
        start: _dt.date | None = None,
        skip: tuple[str, ...] = (),
        as_of: _dt.date | None = None,
        today: _dt.date | None = None,
    ) -> None:
        set_field(self, "rules", rules)
        set_field(self, "fmt", fmt)
        set_field(self, "options", dict() if options is None else options)
        set_field(self, "start", start)
        set_field(self, "skip", skip)
        set_field(self, "as_of", as_of)
        set_field(self, "today", today)


class Result(Frozen):
    """One athlete's outcome: the output, or the problems that stopped it."""

    __slots__ = ("athlete", "data", "problems", "error", "warnings", "sources", "texts", "name")
    athlete: str
    data: bytes | None
    problems: tuple[Problem, ...]
    error: str  # a plugin failure or an unexpected fault, one line
    warnings: tuple[Problem, ...]  # this athlete's own (profile, logs, plan), located when shown: `located`
    sources: tuple[str, ...]  # the files read (the athlete's logs among them)
    texts: Mapping[str, str]  # the text of each file a warning not yet located is in
    name: str  # the athlete's name in the profile: two alike cannot be told apart on a sheet or in a calendar

    def __init__(
        self,
        athlete: str,
        data: bytes | None = None,
        problems: tuple[Problem, ...] = (),
        error: str = "",
        warnings: tuple[Problem, ...] = (),
        sources: tuple[str, ...] = (),
        texts: Mapping[str, str] | None = None,
        name: str = "",
    ) -> None:
        set_field(self, "athlete", athlete)
        set_field(self, "data", data)
        set_field(self, "problems", problems)
        set_field(self, "error", error)
        set_field(self, "warnings", warnings)
        set_field(self, "sources", sources)
        set_field(self, "texts", dict() if texts is None else texts)
        set_field(self, "name", name)

    @property
    def ok(self) -> bool:
        return self.data is not None

    def located(self) -> list[Problem]:
        """The warnings with their lines and columns, in order."""
        from engine.errors import locate_all

        return locate_all(self.warnings, self.texts)


def athlete_files(paths: Iterable[str | Path]) -> list[Path]:
    """Profiles named directly, and every `*.toml` in directories named (not
    recursive), in a stable order; the same file named twice counts once."""
    out: list[Path] = []
    seen: set[Path] = set()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(path.glob("*.toml"))
        elif path.exists():
            found = [path]
        else:
            raise UsageError(f"athlete profile {path} does not exist")
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
        if len(out) > MAX_ATHLETES:
            raise UsageError(f"more than {MAX_ATHLETES} athletes in one batch")
    if not out:
        raise UsageError("no athlete profiles found (give *.toml files or directories holding them)")
    return out


def output_names(athletes: Sequence[Path], extension: str) -> list[str]:
    """`<profile stem><extension>`, refusing two athletes that would share one."""
    names = [a.stem + extension for a in athletes]
    clash: dict[str, Path] = {}
    for name, a in zip(names, athletes, strict=True):
        if name in clash:
            raise UsageError(f"{clash[name]} and {a} would both write {name}; rename one of them")
        clash[name] = a
    return names


def batch_inputs(rules: str | Path, athletes: Sequence[Path]) -> Any:
    """Every file the batch will read: the rule file and its includes, the
    profiles and the logs they name. Gathered before anything is planned,
    so that no athlete's output can replace another athlete's input."""
    from engine.documents import load_documents
    from engine.outputs import Inputs

    inputs = Inputs()
    inputs.add(rules, f"the rule file {rules}")
    try:
        for doc in load_documents(rules)[1:]:
            inputs.add(doc.path, f"{doc.file}, included by the rule file")
    except EngineError:
        pass  # every athlete will report the rule file's problems
    for profile in athletes:
        inputs.add(profile, f"the athlete profile {profile}")
        for log in _named_logs(profile):
            inputs.add(log, f"{log}, a log named by {profile}")
    return inputs


def _named_logs(profile: Path) -> list[Path]:
    """The logs a profile names (unchecked: the worker checks them)."""
    from engine.documents import read_regular

    try:
        raw = read_regular(profile, 1024 * 1024)
    except (OSError, ValueError):
        return []
    if b"logs" not in raw:
        return []
    import tomllib

    try:
        logs = tomllib.loads(raw.decode("utf-8-sig")).get("logs")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return []
    if not isinstance(logs, list):
        return []
    return [profile.parent / name for name in logs if isinstance(name, str) and name and "\x00" not in name]


def refuse_overwrites(outdir: Path, outputs: Sequence[str], inputs: Any) -> None:
    """Refuse the whole batch, before anything is written, if an output
    would replace one of its inputs (whatever names or links lead there)."""
    clashes = [f"{outdir / name} is {found.removeprefix(f'{outdir / name}, ')}" for name in outputs
               if (found := inputs.holds(outdir / name))]  # ("logs/a.csv is a log named by a.toml": said once)
    if clashes:
        more = f" (and {len(clashes) - 3} more)" if len(clashes) > 3 else ""
        raise UsageError("refusing to write over the batch's inputs; nothing was written: "
                         + "; ".join(clashes[:3]) + more + ". Choose another output folder")


# Per-process state: each worker reads the rule file once.
_STATE: dict[str, Any] = {}


def _prepare(job: Job) -> tuple[Any, Any, dict[str, Any]]:
    key = (job.rules, job.fmt, tuple(sorted(job.options.items())))
    if _STATE.get("key") != key:
        from engine.pipeline import load_rules
        from engine.plugins import build_registry

        registry = build_registry(skip=job.skip)
        loaded = load_rules(job.rules, registry)
        assert loaded.rules is not None
        options = {**loaded.rules.export_options.get(job.fmt, {}), **job.options}
        _STATE.update(key=key, registry=registry, loaded=loaded, options=options)
    return _STATE["registry"], _STATE["loaded"], _STATE["options"]


def rules_problems(job: Job) -> list[Problem]:
    """What is wrong with the batch's rule file itself, located (nothing when it plans): said once, before any
    athlete, where each athlete's result would say it again. It is then read once, here, for a batch in this
    process."""
    from engine.errors import locate_all

    try:
        _prepare(job)
    except EngineError as exc:
        return locate_all(exc.problems)
    return []


def rules_warnings(job: Job) -> list[Problem]:
    """The rule file's own warnings (every athlete's plan has them, and
    none of them shows them): said once, before any athlete."""
    _prepare(job)
    return list(_STATE["loaded"].warnings)


def plan_athlete(job: Job, athlete: str) -> Result:
    """Plan and export one athlete; every failure becomes part of the result."""
    from engine.errors import locate_all
    from engine.pipeline import export, plan_loaded

    try:
        registry, loaded, options = _prepare(job)
        # most athletes' warnings are counted, not shown: they are located when shown
        outcome = plan_loaded(loaded, registry, start=job.start, athlete=athlete, as_of=job.as_of, locate=False)
        if job.today is not None and job.as_of is None:
            from engine.logchecks import after_today, maxes_after_today

            outcome.warnings.extend([*(after_today(outcome.log, job.today) if outcome.log is not None else ()),
                                     *maxes_after_today(outcome.plan, job.today)])
        assert outcome.plan is not None  # plan_loaded returns a planned outcome or raises
        data = export(outcome.plan, registry, job.fmt, options, outcome.sources, given=job.options)
        shared = set(loaded.warnings)  # the rule file's: every athlete has them
        own = tuple(w for w in outcome.warnings if w not in shared)
        texts = {w.file: outcome.sources[w.file] for w in own if not w.line and w.file in outcome.sources}
        if athlete in outcome.sources:  # (for a warning of its name: `engine.commands.batch`)
            texts[athlete] = outcome.sources[athlete]
        return Result(athlete, data.encode("utf-8") if isinstance(data, str) else data,
                      warnings=own, sources=tuple(outcome.sources), texts=texts,
                      name=outcome.plan.athlete.name if outcome.plan.athlete is not None else "")
    except EngineError as exc:
        return Result(athlete, problems=tuple(locate_all(exc.problems)))
    except (PluginError, UsageError) as exc:
        return Result(athlete, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one athlete's fault must not stop the batch
        return Result(athlete, error=f"internal error: {type(exc).__name__}: {exc}")


def _chunk(job: Job, athletes: list[str]) -> list[Result]:
    return [plan_athlete(job, a) for a in athletes]


def run(job: Job, athletes: Sequence[Path], *, jobs: int = 1,
        progress: Callable[[int], None] | None = None) -> Iterator[Result]:
    """Plan every athlete, in order, with `jobs` processes (1: in this one)."""
    names = [str(a) for a in athletes]
    if jobs <= 1 or len(names) < 2:
        for name in names:
            result = plan_athlete(job, name)
            if progress:
                progress(1)
            yield result
        return
    from engine.workers import run_pool

    yield from run_pool(job, names, jobs, progress)


def default_jobs(jobs: int) -> int:
    return os.cpu_count() or 1 if jobs == 0 else jobs
