"""Run a batch on Dask: the same `engine.batch.plan_athlete` over athletes,
on a local cluster or a scheduler's workers (`pip install 'engine[dask]'`).

Workers read the rule file and the athletes' files themselves, so they need
the same paths (a shared file system) and the engine with the same plugins
installed. Results come back to this process, which writes them in order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, Sequence

from engine.batch import Job, Result, _chunk
from engine.errors import UsageError


def run_dask(job: Job, athletes: Sequence[Path], *, address: str | None = None,
             partitions: int | None = None) -> Iterator[Result]:
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--dask needs Dask: pip install 'engine[dask]'") from None
    shown = [str(a) for a in athletes]
    names = shown
    if address is not None:
        # Remote workers have their own working directory: give them absolute
        # paths (messages and explanations then name files that way too).
        names = [str(Path(a).resolve()) for a in athletes]
        job = Job(str(Path(job.rules).resolve()), job.fmt, dict(job.options), job.start)
    cluster = None
    if address is None:
        cluster = LocalCluster(processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        n = partitions or max(1, min(len(names), 4 * max(1, len(client.nthreads()))))
        size = -(-len(names) // n)
        chunks = [names[i:i + size] for i in range(0, len(names), size)]
        bag = db.from_sequence(chunks, npartitions=len(chunks)).map(lambda c: _chunk(job, c))
        results = [r for part in bag.compute(scheduler=client) for r in part]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    for shown_name, result in zip(shown, results):
        # Report athletes by the paths the user gave, as the process pool does.
        yield Result(shown_name, result.data, result.problems, result.error, result.warnings)
