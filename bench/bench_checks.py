"""Benchmark: decode + every image check on a generated 12 MP phone-like JPEG, on one core.

    python bench/bench_checks.py [--repeat N]

Prints the median milliseconds of a plain full `cv2.imread`, of preflight's decode (DCT-scaled,
EXIF applied), of each shared intermediate and each page check (on a warm page, intermediates
already computed), of all page checks on a fresh page, and the median per-run ratio
(preflight decode + all checks) / plain full decode, the two measured interleaved in one run.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from fixtures.synth.plain import a4_letter, corners_in_frame, place  # noqa: E402
from preflight.context import DocumentContext, PageContext  # noqa: E402
from preflight.filing import Filing  # noqa: E402
from preflight.imaging.background import page_background  # noqa: E402
from preflight.imaging.blurmap import blur_map  # noqa: E402
from preflight.imaging.frame import analysis_view  # noqa: E402
from preflight.imaging.glare import glare_map  # noqa: E402
from preflight.imaging.levels import document_levels  # noqa: E402
from preflight.imaging.quad import document_quad  # noqa: E402
from preflight.imaging.rectify import rectified_document  # noqa: E402
from preflight.loading import load_into  # noqa: E402
from preflight.registry import PageCheck, instantiate  # noqa: E402
from preflight.settings import Settings  # noqa: E402


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


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of `fn` in milliseconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def load(path: Path, settings: Settings) -> DocumentContext:
    """Preflight's decode of one file."""
    return load_into(DocumentContext(path=path, display_name=path.name, settings=settings,
                                     filing=Filing()))


def _run_check(check: PageCheck, page: PageContext) -> None:
    list(check.check(page))


def main() -> int:
    """Run the benchmark and print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    cv2.setNumThreads(1)
    settings = Settings(ocr=False)
    checks = [c for c in instantiate({}, (), ()) if isinstance(c, PageCheck)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "phone_12mp.jpg"
        phone_photo(path)
        plain = median_ms(lambda: cv2.imread(str(path), cv2.IMREAD_COLOR), args.repeat)
        decode = median_ms(lambda: load(path, settings), args.repeat)
        doc = load(path, settings)
        rows = [("plain full decode (cv2.imread)", plain), ("preflight decode", decode)]
        page = doc.pages[0]
        shared: list[Callable[[PageContext], object]] = [
            analysis_view, document_quad, rectified_document, document_levels, blur_map,
            glare_map, page_background]
        for fn in shared:
            rows.append((f"  shared: {fn.__name__}",
                         median_ms(functools.partial(fn, page), args.repeat)))
            page.memo(fn)
        for c in checks:
            rows.append((f"  check {c.code} {c.name} (warm)",
                         median_ms(functools.partial(_run_check, c, page), args.repeat)))

        # interleaved, so that both sides of the ratio see the same machine load
        plains, totals, checks_only = [], [], []
        for _ in range(args.repeat):
            plains.append(median_ms(lambda: cv2.imread(str(path), cv2.IMREAD_COLOR), 1))
            t = time.perf_counter()
            fresh = load(path, settings).pages[0]
            t1 = time.perf_counter()
            for c in checks:
                list(c.check(fresh))
            t2 = time.perf_counter()
            totals.append((t2 - t) * 1000)
            checks_only.append((t2 - t1) * 1000)
    rows.append(("all page checks, fresh page", statistics.median(checks_only)))
    rows.append(("decode + all page checks (interleaved)", statistics.median(totals)))
    rows.append(("plain full decode (interleaved)", statistics.median(plains)))
    size = f"{page.full_size[0]}x{page.full_size[1]}, working {page.work_size[0]}x{page.work_size[1]}"
    print(f"12 MP phone-like JPEG ({size}), median of {args.repeat} runs, 1 thread")
    for name, ms in rows:
        print(f"{name:<48}{ms:8.1f} ms")
    ratio = statistics.median(t / p for t, p in zip(totals, plains, strict=True))
    print(f"{'ratio (decode + checks) / plain decode, median':<48}{ratio:8.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
