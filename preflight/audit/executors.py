"""Where audit jobs run: in this process or in a local process pool (a dask one can follow).

An executor takes the pure work function and the jobs and yields `(job, result)` pairs as they
finish, in any order; an exception raised for a job (e.g. a worker process that died) is yielded
in place of its result, so the caller decides what a failure means.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Protocol, TypeVar

from preflight.pool import start_fork_server
from preflight.workers import init_worker as setup_process
from preflight.workers import limit_threads

J = TypeVar("J")
R = TypeVar("R")


class Executor(Protocol):
    """Runs `fn` on every job; yields (job, result or the exception it raised)."""

    def run(self, fn: Callable[[J], R], jobs: Iterable[J]) -> Iterator[tuple[J, R | BaseException]]:
        """Results in completion order."""
        ...


class SerialExecutor:
    """Runs jobs one after the other in this process (`--jobs 1`, debugging)."""

    def run(self, fn: Callable[[J], R], jobs: Iterable[J]) -> Iterator[tuple[J, R | BaseException]]:
        """Results in job order (this process becomes the worker: `preflight.workers`)."""
        setup_process()
        for job in jobs:
            try:
                yield job, fn(job)
            except Exception as exc:  # noqa: BLE001 - handed to the caller with its job
                yield job, exc


def init_worker() -> None:
    """One thread per worker process (the pool already uses every core) and a bounded heap
    (`preflight.workers`); Ctrl-C is handled by the parent, which stops handing out jobs, so a
    worker finishes its filing quietly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    setup_process()


class ProcessExecutor:
    """A local process pool of `workers` processes, at most `2 × workers` jobs in flight.

    Workers fork from a fork server (`forkserver`), never from this process, whose library
    thread pools (OpenCV, ONNX Runtime) a plain fork could copy mid-lock. The server is started
    when `preflight audit` starts (`preflight.pool`), or else as the executor is made, and builds
    what every worker needs once (`preflight.audit.preload`), while this process lists and
    hashes the filings; workers fork from it ready.
    The server inherits this process's environment: the thread limits are set first, so its
    BLAS pools (numpy's, OpenCV's) start with one thread, as the workers' must.
    """

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        limit_threads()
        self._ctx = multiprocessing.get_context("forkserver")
        start_fork_server()  # already running when `preflight audit` started it (preflight.pool)

    def run(self, fn: Callable[[J], R], jobs: Iterable[J]) -> Iterator[tuple[J, R | BaseException]]:
        """Results in completion order; pending jobs are cancelled if the caller stops early."""
        pending: dict[Future[Any], J] = {}
        queue = iter(jobs)
        pool = ProcessPoolExecutor(self.workers, mp_context=self._ctx, initializer=init_worker)
        try:
            while True:
                for job in queue:
                    pending[pool.submit(fn, job)] = job
                    if len(pending) >= 2 * self.workers:
                        break
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    job = pending.pop(fut)
                    exc = fut.exception()
                    yield job, exc if exc is not None else fut.result()
        finally:  # on an interrupt, do not wait for queued jobs
            pool.shutdown(wait=not pending, cancel_futures=True)
