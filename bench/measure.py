"""Measure one file in this (fresh) process and print JSON: `python bench/measure.py FILE`.

    --repeat N   timing runs (default 5); each run decodes the file afresh
    --memory     instead: one full `check_document` (all checks and OCR) and the peak RSS
    --work-long-side PX   what-if: another `Limits.work_long_side` (default: the shipped one)

Each timing run is interleaved: a plain full decode (`cv2.imread`, images only), preflight's
decode (`load_into`), every page check in registry order on the fresh pages (so the first check
that needs a shared intermediate pays for it, as in a real scan), then OCR (`analyze_page`) on the
same pages. Wall time (`perf_counter`) and CPU time (`process_time`) are both recorded: on a
shared machine CPU time is the fairer figure. The process is set up as an audit worker
(`preflight.workers.init_worker`: one native thread, bounded heap).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cv2  # noqa: E402

from preflight.analysis import analyze_page  # noqa: E402
from preflight.context import DocumentContext  # noqa: E402
from preflight.filing import Filing  # noqa: E402
from preflight.loading import load_into  # noqa: E402
from preflight.pipeline import InputFile, check_document  # noqa: E402
from preflight.registry import PageCheck, instantiate  # noqa: E402
from preflight.settings import Settings  # noqa: E402
from preflight.workers import init_worker  # noqa: E402

Timing = tuple[float, float]  # wall ms, cpu ms


def timed(fn: Callable[[], Any]) -> tuple[Any, Timing]:
    """fn() and its (wall, CPU) milliseconds."""
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, ((time.perf_counter() - w) * 1000, (time.process_time() - c) * 1000)


def load(path: Path, settings: Settings) -> DocumentContext:
    """Preflight's decode of one file (pages at working scale, or load problems)."""
    return load_into(DocumentContext(path=path, display_name=path.name, settings=settings,
                                     filing=Filing()))


def one_run(path: Path, checks: list[PageCheck], plain: bool,
            settings: Settings) -> dict[str, Timing]:
    """One interleaved run: plain decode, preflight decode, each check, OCR."""
    row: dict[str, Timing] = {}
    if plain:
        img, row["plain_decode"] = timed(lambda: cv2.imread(str(path), cv2.IMREAD_COLOR))
        del img
    doc, row["decode"] = timed(lambda: load(path, settings))
    for check in checks:
        _, row[f"check:{check.code}"] = timed(
            lambda c=check: [f for p in doc.pages for f in c.check(p)])
    doc.settings = replace(settings, ocr=True)  # OCR on the same pages, intermediates kept
    _, row["ocr"] = timed(lambda: [analyze_page(p) for p in doc.pages])
    row["pages"] = (float(len(doc.pages)), 0.0)
    return row


def measure(path: Path, repeat: int, settings: Settings) -> dict[str, Any]:
    """All runs of one file (a warm-up run first: model loading is not the per-file cost)."""
    init_worker()
    checks = [c for c in instantiate({}, (), ()) if isinstance(c, PageCheck)]
    plain = path.suffix.lower() != ".pdf"
    one_run(path, checks, plain, settings)
    runs = [one_run(path, checks, plain, settings) for _ in range(repeat)]
    return {"file": path.name, "runs": runs}


def peak_rss_mb() -> float:
    """This process's peak RSS in MB: VmHWM where /proc has it, else `ru_maxrss`.

    `ru_maxrss` is not reset by exec: a child forked from a large parent (bench/run.py right
    after generating the corpus holds ~850 MB) reports the parent's peak. VmHWM belongs to the
    process's own address space, which exec replaces.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory(path: Path, settings: Settings) -> dict[str, Any]:
    """Peak RSS (MB) after imports and after one full check of the file with OCR."""
    init_worker()
    before = peak_rss_mb()
    settings = replace(settings, ocr=True)
    checks = instantiate({}, (), ())
    check_document(InputFile(path, path.name, path.parent), Filing(), settings, checks)
    return {"file": path.name, "rss_after_imports_mb": before, "peak_rss_mb": peak_rss_mb()}


def main() -> None:
    """Print the JSON measurement of one file."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--memory", action="store_true")
    ap.add_argument("--work-long-side", type=int, default=None,
                    help="override Limits.work_long_side (what-if runs)")
    args = ap.parse_args()
    settings = Settings(ocr=False)
    if args.work_long_side:
        settings = settings.with_limits(work_long_side=args.work_long_side)
    result = (memory(args.file, settings) if args.memory
              else measure(args.file, args.repeat, settings))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
