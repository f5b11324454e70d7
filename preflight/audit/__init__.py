"""Batch audit of a folder of filings: `preflight audit ROOT --out DIR`.

    jobs    = discover(ROOT)                    one FilingJob per sub-folder (picklable)
    results = executor.run(audit_filing, jobs)  a pure function per filing, any executor
    cache   = ResultCache(DIR)                  finished filings are never redone
    outputs = write_outputs(DIR, results)       summary.csv/json, reports/*.html, index.html

The unit of work is `audit_filing(FilingJob) -> FilingResult`: plain data in, plain data out,
no shared state, so the same jobs can go to a local process pool or (later) a dask cluster.
"""

from __future__ import annotations

from preflight.audit.cache import ResultCache
from preflight.audit.executors import Executor, ProcessExecutor, SerialExecutor
from preflight.audit.runner import AuditRun, audit
from preflight.audit.summary import write_outputs
from preflight.audit.work import FilingJob, FilingResult, audit_filing, discover

__all__ = ["AuditRun", "Executor", "FilingJob", "FilingResult", "ProcessExecutor",
           "ResultCache", "SerialExecutor", "audit", "audit_filing", "discover", "write_outputs"]
