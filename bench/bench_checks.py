"""Benchmark: decode + every image check on a generated 12 MP phone-like JPEG, on one core.

    python bench/bench_checks.py [--repeat N] [--only CODE[,CODE...]] [--file JPEG]

Prints median CPU milliseconds (`process_time`; wall time in brackets) of:

- a plain full `cv2.imread` and preflight's decode (DCT-scaled, EXIF applied);
- each **shared intermediate** (`page.memo` entry) on a fresh page, its own inputs already
  computed: the exclusive cost of that intermediate;
- each **page check** on a fresh page given only the intermediates it uses (found by running it
  once and looking at what it memoised), precomputed: the check's own cost, the figure each
  check's CPU budget is stated in; and the sum of the intermediates it needs, as if it ran alone;
- all page checks on a fresh page (registry order), and the median per-run ratio
  (preflight decode + all checks) / plain full decode, the two measured interleaved in one run,
each after the heap was trimmed (as bench/run.py, where OCR trims it between runs).
The process is set up as an audit worker (`preflight.workers.init_worker`), as bench/measure.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from fixtures.synth.plain import a4_letter, corners_in_frame, place  # noqa: E402
from preflight import workers  # noqa: E402
from preflight.context import DocumentContext, PageContext  # noqa: E402
from preflight.filing import Filing  # noqa: E402
from preflight.loading import load_into  # noqa: E402
from preflight.registry import PageCheck, instantiate  # noqa: E402
from preflight.settings import Settings  # noqa: E402
from preflight.workers import init_worker  # noqa: E402

Memo = Callable[[PageContext], Any]


def phone_photo(path: Path, seed: int = 0) -> None:
    """A 4000×3000 JPEG (q92): a printed page on a wood-grain desk with sensor noise."""
    rng = np.random.default_rng(seed)
    w, h = 4000, 3000
    grain = cv2.resize(rng.normal(0, 1, (60, 8)).astype(np.float32), (w, h))
    desk = np.stack([90 + 25 * grain, 60 + 18 * grain, 40 + 10 * grain], axis=2)
    desk += rng.normal(0, 4, (h, w, 3)).astype(np.float32)
    page = cv2.rotate(cv2.resize(a4_letter(rng), (1654, 2339)), cv2.ROTATE_90_CLOCKWISE)
    img = place(page, desk.clip(0, 255).astype(np.uint8),
                corners_in_frame((page.shape[1], page.shape[0]), (w, h), 0.8, rng))
    cv2.imwrite(str(path), img, [cv2.IMWRITE_JPEG_QUALITY, 92])


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(CPU ms, wall ms) of one call of `fn`."""
    c, w = time.process_time(), time.perf_counter()
    fn()
    return (time.process_time() - c) * 1000, (time.perf_counter() - w) * 1000


def median2(samples: list[tuple[float, float]]) -> tuple[float, float]:
    """Median CPU and median wall of (CPU, wall) samples."""
    return (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples))


def trim_heap() -> None:
    """Free heap pages back to the system, as after OCR in a worker (`workers.ocr_buffers`):
    otherwise glibc may serve the plain decode's 36 MB buffer from memory the checks just freed,
    without its ~9000 page faults, and the ratio depends on what ran before."""
    libc = workers._libc()
    if libc is not None:
        libc.malloc_trim(0)


def load(path: Path, settings: Settings) -> DocumentContext:
    """Preflight's decode of one file."""
    return load_into(DocumentContext(path=path, display_name=path.name, settings=settings,
                                     filing=Filing()))


def _run_check(check: PageCheck, page: PageContext) -> None:
    list(check.check(page))


def needs(run: Callable[[PageContext], object], page: PageContext) -> list[Memo]:
    """The memo entries `run` computes on a fresh `page`, inner ones first."""
    run(page)
    return list(page._memo)


class Pages:
    """Fresh pages of one decoded file, each pre-filled with chosen intermediates."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path, self.settings = path, settings
        self.reference = load(path, settings).pages[0]

    def fresh(self, given: tuple[Memo, ...] | list[Memo] = ()) -> PageContext:
        """A new page of the file with the values of `given` copied from a reference page."""
        page = load(self.path, self.settings).pages[0]
        for fn in given:
            page._memo[fn] = self.reference.memo(fn)
        return page


def exclusive(pages: Pages, run: Callable[[PageContext], object], given: list[Memo],
              repeat: int) -> tuple[float, float]:
    """Median cost of `run` on fresh pages where `given` is already computed."""
    samples = []
    for _ in range(repeat):
        page = pages.fresh(given)
        samples.append(timed(lambda p=page: run(p)))
    return median2(samples)


def main() -> int:
    """Run the benchmark and print the table."""
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--only", default="", help="comma-separated check codes to time alone")
    ap.add_argument("--file", type=Path, default=None,
                    help="measure this image instead of the generated letter photo (e.g. one of "
                         "bench/results/corpus/phone_*.jpg, to compare with bench/run.py)")
    args = ap.parse_args()
    init_worker()  # as an audit worker: one native thread, fixed mmap threshold
    settings = Settings(ocr=False)
    checks = [c for c in instantiate({}, (), ()) if isinstance(c, PageCheck)]
    only = {c.strip().upper() for c in args.only.split(",") if c.strip()}
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or Path(tmp) / "phone_12mp.jpg"
        if args.file is None:
            phone_photo(path)
        pages = Pages(path, settings)
        rows: list[tuple[str, tuple[float, float]]] = [
            ("plain full decode (cv2.imread)",
             median2([timed(lambda: cv2.imread(str(path), cv2.IMREAD_COLOR))
                      for _ in range(args.repeat)])),
            ("preflight decode",
             median2([timed(lambda: load(path, settings)) for _ in range(args.repeat)]))]
        check_needs = {c.code: needs(lambda p, c=c: _run_check(c, p), pages.fresh())
                       for c in checks}
        shared: list[Memo] = list(dict.fromkeys(fn for v in check_needs.values() for fn in v))
        shared_cost: dict[Memo, tuple[float, float]] = {}
        used_by: dict[str, str] = {}
        rows.append(("shared intermediates (exclusive, fresh page):", (0.0, 0.0)))
        for fn in shared:
            deps = [d for d in needs(lambda p, f=fn: p.memo(f), pages.fresh()) if d is not fn]
            shared_cost[fn] = exclusive(pages, lambda p, f=fn: p.memo(f), deps, args.repeat)
            users = ",".join(c for c, v in check_needs.items() if fn in v)
            rows.append((f"  {fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}", shared_cost[fn]))
            used_by[rows[-1][0].split()[0]] = users
        rows.append(("page checks (own cost | + intermediates it needs):", (0.0, 0.0)))
        alone: dict[str, tuple[float, float]] = {}
        for c in checks:
            if only and c.code not in only:
                continue
            own = exclusive(pages, lambda p, c=c: _run_check(c, p), check_needs[c.code],
                            args.repeat)
            inter = sum(shared_cost[f][0] for f in check_needs[c.code])
            alone[c.code] = (own[0] + inter, own[1])
            rows.append((f"  {c.code} {c.name}", own))
        # interleaved, so that both sides of the ratio see the same machine load
        plains, totals, checks_only = [], [], []
        for _ in range(args.repeat):
            trim_heap()
            plains.append(timed(lambda: cv2.imread(str(path), cv2.IMREAD_COLOR)))
            trim_heap()
            t = time.process_time(), time.perf_counter()
            fresh = load(path, settings).pages[0]
            t1 = time.process_time(), time.perf_counter()
            for c in checks:
                list(c.check(fresh))
            t2 = time.process_time(), time.perf_counter()
            totals.append(((t2[0] - t[0]) * 1000, (t2[1] - t[1]) * 1000))
            checks_only.append(((t2[0] - t1[0]) * 1000, (t2[1] - t1[1]) * 1000))
    rows.append(("all page checks, fresh page", median2(checks_only)))
    rows.append(("decode + all page checks (interleaved)", median2(totals)))
    rows.append(("plain full decode (interleaved)", median2(plains)))
    page = pages.reference
    size = f"{page.full_size[0]}x{page.full_size[1]}, working {page.work_size[0]}x{page.work_size[1]}"
    name = args.file.name if args.file else "12 MP phone-like JPEG"
    print(f"{name} ({size}), median of {args.repeat} runs, 1 thread")
    print(f"{'':<52}{'CPU ms':>8}  (wall ms)   'alone' = own + intermediates it needs, CPU")
    for name, (cpu, wall) in rows:
        if name.endswith(":"):
            print(name)
            continue
        extra = ""
        code = name.split()[0]
        if code in used_by:
            extra = f"  used by {used_by[code]}"
        if code in alone:
            names = ", ".join(f.__name__ for f in check_needs[code])
            extra = f"  | alone {alone[code][0]:6.1f}  [{names}]"
        print(f"{name:<52}{cpu:8.1f}  ({wall:6.1f}){extra}")
    for label, idx in (("CPU", 0), ("wall", 1)):
        ratio = statistics.median(t[idx] / p[idx] for t, p in zip(totals, plains, strict=True))
        print(f"{'ratio (decode + checks) / plain decode, ' + label:<52}{ratio:8.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
