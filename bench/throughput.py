"""Batch throughput of `preflight audit` with 1 and 2 workers on the same generated filings.

Each run is a fresh `python -m preflight audit ROOT --out NEW --jobs N` subprocess (no cache
hits), timed by wall clock. CPU time comes from `RUSAGE_CHILDREN`, which only covers the audit
process itself: with `--jobs 1` that is all the work, with more the pool's workers are children
of the forkserver and are not counted. Runs alternate (1, 2, 1, 2, ...) so that both see the same
machine load; the load average before and after each run is kept, and `speedup_paired` is the
median over rounds of the ratio of a round's two runs.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def audit_once(root: Path, out: Path, jobs: int, *, ocr: bool) -> dict[str, float]:
    """Wall and CPU seconds of one audit run (exit 0 or 1 accepted)."""
    shutil.rmtree(out, ignore_errors=True)
    args = [sys.executable, "-m", "preflight", "audit", str(root), "--out", str(out),
            "--jobs", str(jobs), *([] if ocr else ["--no-ocr"])]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, cwd=REPO, timeout=1800)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"audit failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu, "load_before": load, "load_after": os.getloadavg()[0]}


def throughput(root: Path, work: Path, filings: int, *, rounds: int, ocr: bool,
               workers: tuple[int, ...] = (1, 2)) -> dict[str, Any]:
    """Median filings per second for each worker count, and the speed-up over one worker."""
    runs: dict[int, list[dict[str, float]]] = {w: [] for w in workers}
    for _ in range(rounds):
        for w in workers:
            runs[w].append(audit_once(root, work / f"out-{w}", w, ocr=ocr))
    result: dict[str, Any] = {"filings": filings, "ocr": ocr, "rounds": rounds, "runs": runs}
    for w in workers:
        wall = statistics.median(r["wall_s"] for r in runs[w])
        result[f"filings_per_s_{w}"] = filings / wall
        result[f"cpu_s_per_filing_{w}"] = statistics.median(r["cpu_s"] for r in runs[w]) / filings
    base = result[f"filings_per_s_{workers[0]}"]
    result["speedup"] = {w: result[f"filings_per_s_{w}"] / base for w in workers}
    # per round, the runs next to each other saw about the same load: the median of their ratios
    result["speedup_paired"] = {w: statistics.median(
        a["wall_s"] / b["wall_s"] for a, b in zip(runs[workers[0]], runs[w], strict=True))
        for w in workers}
    result["load_average"] = statistics.median(
        (r["load_before"] + r["load_after"]) / 2 for rs in runs.values() for r in rs)
    return result
