"""Plan a batch on worker processes, surviving a worker that dies.

A worker can die in the middle of an athlete: killed by the system (out of
memory), a crash in native code, or a plugin calling `os._exit`. The
process pool then fails every athlete it still had. Instead, the athletes
not yet planned are planned again, one per task with at most one task per
worker in flight, so that after another death the athletes that may have
caused it are known; each of those is then tried alone in a process of its
own, and the one whose process dies again is reported. Every other athlete
is planned.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Generator, Iterator, Sequence

from engine.batch import Job, Result, _chunk, plan_athlete


def context() -> Any:
    # "spawn" would re-import plugins in every worker as "fork" inherits
    # them; fork is the fast path where the platform has it.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def run_pool(job: Job, names: Sequence[str], jobs: int,
             progress: Callable[[int], None] | None = None) -> Iterator[Result]:
    """Every athlete's result, in order, planned on `jobs` processes."""
    size = max(1, min(64, len(names) // (jobs * 8) or 1))
    chunks = [list(names[i:i + size]) for i in range(0, len(names), size)]
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context()) as pool:
            for results in pool.map(_chunk, [job] * len(chunks), chunks):
                if progress:
                    progress(len(results))
                done += len(results)
                yield from results
    except BrokenProcessPool:
        for result in _isolating(job, names[done:], jobs):
            if progress:
                progress(1)
            yield result


def _isolating(job: Job, names: Sequence[str], jobs: int) -> Iterator[Result]:
    """One athlete per task, at most `jobs` in flight, results in order."""
    todo = deque(range(len(names)))
    ready: dict[int, Result] = {}
    following = [0]  # the next athlete to hand on
    while todo:
        suspects = yield from _one_pool(job, names, jobs, todo, ready, following)
        for i in suspects:
            ready[i] = alone(job, names[i])
        yield from _in_order(ready, following)


def _in_order(ready: dict[int, Result], following: list[int]) -> Iterator[Result]:
    while following[0] in ready:
        yield ready.pop(following[0])
        following[0] += 1


def _one_pool(job: Job, names: Sequence[str], jobs: int, todo: deque[int], ready: dict[int, Result],
              following: list[int]) -> Generator[Result, None, list[int]]:
    """Plan from `todo` until it is empty or the pool breaks; returns the
    athletes in flight when it broke."""
    inflight: dict[Future[Result], int] = {}
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context()) as pool:
        while todo or inflight:
            intact = _fill(pool, job, names, jobs, todo, inflight)
            finished, _ = wait(list(inflight), return_when=FIRST_COMPLETED if intact else ALL_COMPLETED)
            broken = _collect(finished, inflight, ready)
            if broken or not intact:
                return sorted(broken + list(inflight.values()))
            yield from _in_order(ready, following)
    return []


def _fill(pool: ProcessPoolExecutor, job: Job, names: Sequence[str], jobs: int, todo: deque[int],
          inflight: dict[Future[Result], int]) -> bool:
    """Keep `jobs` athletes in flight; False when the pool broke meanwhile."""
    try:
        while todo and len(inflight) < jobs:
            inflight[pool.submit(plan_athlete, job, names[todo[0]])] = todo[0]
            todo.popleft()
    except BrokenProcessPool:
        return False
    return True


def _collect(finished: set[Future[Result]], inflight: dict[Future[Result], int],
             ready: dict[int, Result]) -> list[int]:
    """Move finished results to `ready`; returns the athletes whose worker died."""
    broken = []
    for future in finished:
        i = inflight.pop(future)
        try:
            ready[i] = future.result()
        except BrokenProcessPool:
            broken.append(i)
    return broken


def _send(conn: Any, job: Job, name: str) -> None:
    conn.send(plan_athlete(job, name))
    conn.close()


def alone(job: Job, name: str) -> Result:
    """Plan one athlete in a process of its own; its death is its result."""
    ctx = context()
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_send, args=(sender, job, name), daemon=True)
    process.start()
    sender.close()
    try:
        result: Result | None = receiver.recv()
    except (EOFError, OSError):
        result = None
    finally:
        receiver.close()
    process.join()
    if result is not None:
        return result
    return Result(name, error=f"the worker process planning this athlete {death(process.exitcode)}; "
                              "the other athletes were planned")


def death(code: int | None) -> str:
    """How a process ended, in words."""
    if code is not None and code < 0:
        try:
            return f"was killed by signal {-code} ({signal.Signals(-code).name})"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"stopped with exit code {code}"
