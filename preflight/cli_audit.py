"""`preflight audit ROOT --out DIR`: every sub-folder of ROOT is one filing (docs/audit.md).

Exit 0 when every filing is ready to submit, 1 when one is not or could not be audited.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from preflight.audit import (
    AuditRun,
    Executor,
    ProcessExecutor,
    SerialExecutor,
    audit,
    write_outputs,
)
from preflight.audit.dask_executor import DaskExecutor
from preflight.cli_options import config_options, settings_from_options
from preflight.exitcodes import ExitCode
from preflight.settings import Settings


class RateColumn(ProgressColumn):
    """Filings per second (or seconds per filing when slower than one a second)."""

    def render(self, task: Task) -> Text:
        """The current rate."""
        speed = task.speed
        if not speed:
            return Text("-- /s")
        return Text(f"{speed:.1f} filings/s" if speed >= 1 else f"{1 / speed:.1f} s/filing")


def _executor(jobs: int | None, scheduler: str | None) -> Executor:
    """The dask cluster when --scheduler is given, else local processes (or this one)."""
    if scheduler:
        if jobs:
            raise click.UsageError("--jobs and --scheduler exclude each other: the cluster's "
                                   "workers set the parallelism")
        return DaskExecutor(scheduler)
    workers = jobs or os.cpu_count() or 1
    return SerialExecutor() if workers == 1 else ProcessExecutor(workers)


@click.command("audit")
@click.argument("root", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the summary, the reports and the cache (resumes from it).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: all cores].")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Run on this dask.distributed scheduler instead of local processes "
                   "(docs/scale.md; needs preflight-icp[dask]).")
@click.option("--no-ocr", is_flag=True, help="Skip OCR (document type and dates).")
@config_options
def audit_command(root: Path, out: Path, jobs: int | None, scheduler: str | None, no_ocr: bool,
                  **opts: Any) -> None:
    """Audit every filing (sub-folder) of ROOT in parallel; write a summary under --out."""
    settings, _ = settings_from_options([root], opts, Settings(ocr=not no_ocr))
    executor = _executor(jobs, scheduler)  # a local pool starts preparing its workers now
    plan = AuditRun.plan(root, out, settings)
    console = Console(stderr=True)
    results = []
    columns = (TextColumn("[bold]audit"), BarColumn(), MofNCompleteColumn(), RateColumn(),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=console, refresh_per_second=4) as progress:
        task = progress.add_task("audit", total=len(plan.jobs))
        for result in audit(plan, executor):
            results.append(result)
            progress.advance(task)
    summary = write_outputs(out, root, results)
    t = summary["totals"]
    console.print(f"{t['filings']} filings: {t['ready']} ready, {t['not_ready']} not ready, "
                  f"{t['failed']} failed; {t['cached']} from the cache. "
                  f"Summary: {out / 'summary.csv'}, {out / 'index.html'}", soft_wrap=True)
    sys.exit(ExitCode.OK if t["ready"] == t["filings"] else ExitCode.FINDINGS)
