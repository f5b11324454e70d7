"""Drive an audit: cached results first, the other filings through an executor, all cached."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from preflight.audit.cache import ResultCache
from preflight.audit.executors import Executor
from preflight.audit.work import FilingJob, FilingResult, audit_filing, discover
from preflight.pipeline import collect_inputs
from preflight.settings import Settings

log = logging.getLogger(__name__)

CACHE_DIR = ".cache"


@dataclass
class AuditRun:
    """The jobs of one audit, how many came from the cache, and where outputs go."""

    root: Path
    out: Path
    jobs: list[FilingJob]
    cache: ResultCache

    @classmethod
    def plan(cls, root: Path, out: Path, settings: Settings) -> AuditRun:
        """Discover the filings of `root`; refuse an output folder inside a filing."""
        jobs = discover(root, settings)
        out_r = out.resolve()
        for job in jobs:
            if out_r.is_relative_to(Path(job.folder).resolve()):
                from preflight.errors import ConfigError

                raise ConfigError(f"--out {out} is inside the filing folder {job.folder}")
        return cls(root, out, jobs, ResultCache(out / CACHE_DIR))


def audit(plan: AuditRun, executor: Executor) -> Iterator[FilingResult]:
    """Every filing's result: cache hits first, then the rest as they finish (and cached).

    The rest is handed out largest first (bytes on disk as the cost estimate), so that the
    last filings to finish are small ones and no worker idles long while another ends a big one.
    """
    todo = []
    for job in plan.jobs:
        hit = plan.cache.get(job.key)
        if hit is not None and hit.name == job.name:
            yield hit
        else:
            todo.append(job)
    todo.sort(key=lambda job: (-folder_bytes(Path(job.folder)), job.name))
    for job, outcome in executor.run(audit_filing, todo):
        if isinstance(outcome, BaseException):
            log.error("filing %s: worker failed: %s", job.name, outcome)
            outcome = FilingResult(job.name, job.key, "failed",
                                   error=f"worker failed: {type(outcome).__name__}: {outcome}")
        plan.cache.put(outcome)
        yield outcome


def folder_bytes(folder: Path) -> int:
    """Total size of the attachments the audit will check in `folder` (0 for what cannot be
    read)."""
    total = 0
    for inp in collect_inputs([folder]):
        try:
            total += inp.path.stat().st_size
        except OSError:
            continue
    return total
