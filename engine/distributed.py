"""Run a batch on Dask: the same `engine.batch.plan_athlete` over athletes,
on a local cluster or a scheduler's workers (the `dask` extra: `pip install '.[dask]'` in the source tree).

Workers read the rule file and the athletes' files themselves, so they need
the same paths (a shared file system) and the engine with the same plugins
installed. Results come back to this process, which writes them in order.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, Iterator, Sequence

from engine.batch import Job, Result, _chunk, plan_athlete
from engine.errors import UsageError
from engine.model.base import replace


def run_dask(job: Job, athletes: Sequence[Path], *, address: str | None = None,
             partitions: int | None = None) -> Iterator[Result]:
    """Plan the athletes in chunks on the cluster; results come back chunk
    by chunk, in order, so this process holds one chunk's outputs at a time."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("Dask is not installed: install the engine with its dask extra (pip install '.[dask]' in its "
                         "source tree)", argument="dask") from None
    shown = [str(a) for a in athletes]
    names = shown
    if address is not None:
        # Remote workers have their own working directory: give them absolute
        # paths (messages and explanations then name files that way too).
        names = [str(Path(a).resolve()) for a in athletes]
        job = replace(job, rules=str(Path(job.rules).resolve()))
    cluster = None
    if address is None:
        cluster = LocalCluster(processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        try:
            client = Client(address, timeout="20s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        n = partitions or max(1, min(len(names), 4 * max(1, len(client.nthreads()))))
        size = -(-len(names) // n)
        chunks = [names[i:i + size] for i in range(0, len(names), size)]
        futures = client.map(partial(_chunk, job), chunks, pure=False)
        done = 0
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                part = future.result()
            except Exception:  # noqa: BLE001 - a worker died (KilledWorker) or lost the chunk
                part = [_retry(client, job, name) for name in chunk]
            future.release()  # the worker may drop this chunk's outputs now
            for result in part:
                # Report athletes by the paths the user gave, as the process pool does.
                yield replace(result, athlete=shown[done])
                done += 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _retry(client: Any, job: Job, name: str) -> Result:
    """Plan one athlete of a chunk whose worker died; if this athlete's
    worker dies too (Dask gives up after its own retries), that is its result."""
    try:
        result: Result = client.submit(plan_athlete, job, name, pure=False).result()
        return result
    except Exception as exc:  # noqa: BLE001 - reported for this athlete, the batch goes on
        return Result(name, error=f"the Dask worker planning this athlete failed: {type(exc).__name__}: {exc}")
