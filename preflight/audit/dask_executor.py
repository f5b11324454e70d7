"""Run audit jobs on an existing dask.distributed cluster (`preflight audit --scheduler URL`).

The unit of work is the same pure function as locally (`audit_filing(FilingJob)`): the job
(folder path, settings, cache key) is pickled to a worker, which reads the files at that path and
sends back the `FilingResult`. So every worker needs preflight installed at the same version and
must see the input files at the same paths (a shared filesystem); see docs/scale.md. The cache,
the progress bar and the summary stay on the client, exactly as in a local run.

At most `window` jobs are in flight: the scheduler always has work for every worker thread, and
a folder of a hundred thousand filings does not become a hundred thousand futures at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from preflight import __version__, workers
from preflight.errors import ConfigError, MissingDependencyError

log = logging.getLogger(__name__)

J = TypeVar("J")
R = TypeVar("R")

def run_limited(fn: Callable[[J], R], job: J) -> R:
    """`fn(job)` on a worker, after the worker settings of `preflight.workers` (one native
    thread per task: dask already runs one task per worker thread; a bounded heap)."""
    workers.init_worker()
    return fn(job)


def _worker_version() -> str:
    return __version__


class DaskExecutor:
    """Submits jobs to the scheduler at `address` (e.g. tcp://10.0.0.5:8786)."""

    def __init__(self, address: str, *, window: int | None = None,
                 connect_timeout: float = 30.0) -> None:
        self.address = address
        self.window = window
        self.connect_timeout = connect_timeout

    def _client(self) -> Any:
        try:
            from distributed import Client
        except ImportError as exc:
            raise MissingDependencyError("--scheduler needs dask.distributed: "
                                         "pip install 'preflight-icp[dask]'") from exc
        try:
            return Client(self.address, timeout=self.connect_timeout, set_as_default=False)
        except OSError as exc:  # refused, unreachable, timed out
            raise ConfigError(f"cannot reach the dask scheduler {self.address}: {exc}") from exc

    def run(self, fn: Callable[[J], R], jobs: Iterable[J]) -> Iterator[tuple[J, R | BaseException]]:
        """Results in completion order; unfinished jobs are cancelled if the caller stops."""
        from distributed import as_completed

        client = self._client()
        pending: dict[Any, J] = {}
        try:
            _check_versions(client)
            window = self.window or max(4, 2 * sum(client.nthreads().values()))
            queue = iter(jobs)
            stream = as_completed(loop=client.loop)
            for job in queue:
                self._submit(client, stream, pending, fn, job)
                if len(pending) >= window:
                    break
            for fut in stream:
                job = pending.pop(fut)
                yield job, _outcome(fut)
                for nxt in queue:  # one more job for the one that finished
                    self._submit(client, stream, pending, fn, nxt)
                    break
        finally:
            if pending:
                client.cancel(list(pending))
            client.close()

    @staticmethod
    def _submit(client: Any, stream: Any, pending: dict[Any, J], fn: Callable[[J], R],
                job: J) -> None:
        fut = client.submit(run_limited, fn, job, pure=False)
        pending[fut] = job
        stream.add(fut)


def _outcome(fut: Any) -> Any:
    """The future's result, or the exception the job raised (a lost worker, a pickling error)."""
    try:
        return fut.result()
    except Exception as exc:  # noqa: BLE001 - handed to the caller with its job
        return exc


def _check_versions(client: Any) -> None:
    """Refuse workers running another preflight version: their results would differ."""
    versions = client.run(_worker_version)
    other = {addr: v for addr, v in versions.items() if v != __version__}
    if other:
        shown = ", ".join(f"{a} has {v}" for a, v in sorted(other.items()))
        raise ConfigError(f"dask workers run another preflight version than {__version__}: {shown}")
