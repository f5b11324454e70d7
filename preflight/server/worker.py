"""CPU work off the event loop: a process pool behind an admission gate.

The gate admits at most `workers + max_queued` requests (running or waiting); the next one gets
503 at once instead of piling up. A slot is released when the work really ends, not when the
client gave up: a request that timed out (504) still occupies its worker until the check
returns, so the bound on concurrent work holds. A worker that dies (a crash in a native decoder)
breaks the pool; the dispatcher builds a new one and that request gets a 500.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from preflight.filing import Filing
from preflight.server.errors import ApiError
from preflight.settings import Settings
from preflight.workers import init_worker

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """One check to run in a worker: the stored upload and what the request said about it."""

    path: Path
    filename: str
    role: str | None
    filing: Filing
    settings: Settings


def run_job(job: Job) -> dict[str, Any]:
    """Check the stored upload (in a worker process) and return the JSON-ready report."""
    from preflight.api import check_path

    return check_path(job.path, role=job.role, filing=job.filing, settings=job.settings,
                      filename=job.filename).to_dict()


def _warm() -> int:
    """Import the checks once so the first request does not pay for it."""
    from preflight.registry import all_checks

    return len(all_checks())


class Dispatcher:
    """Admission gate plus process pool."""

    def __init__(self, workers: int, capacity: int) -> None:
        self.workers, self.capacity = workers, capacity
        self.busy = 0
        self._pool: ProcessPoolExecutor | None = None

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=init_worker,
                                             mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    async def start(self) -> None:
        """Start the workers and import the checks in each."""
        pool = self._ensure_pool()
        await asyncio.gather(*(asyncio.wrap_future(pool.submit(_warm))
                               for _ in range(self.workers)))

    def shutdown(self) -> None:
        """Stop the workers (running checks are abandoned)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def admit(self) -> None:
        """Take a slot or raise 503."""
        if self.busy >= self.capacity:
            raise ApiError(503, "busy", "the service is at capacity; retry in a few seconds",
                           "服务繁忙,请稍后重试。", headers={"Retry-After": "5"})
        self.busy += 1

    def release(self) -> None:
        """Give a slot back."""
        self.busy -= 1

    def submit(self, job: Job) -> asyncio.Future[dict[str, Any]]:
        """Run `job` in the pool; the admitted slot is released when the work ends."""
        loop = asyncio.get_running_loop()
        try:
            fut: Future[dict[str, Any]] = self._ensure_pool().submit(run_job, job)
        except BrokenProcessPool:
            self._pool = None
            fut = self._ensure_pool().submit(run_job, job)
        fut.add_done_callback(lambda _: loop.call_soon_threadsafe(self.release))
        return asyncio.wrap_future(fut)

    def broken(self) -> None:
        """Replace a pool whose worker died."""
        log.error("a worker process died; starting a new pool")
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None
