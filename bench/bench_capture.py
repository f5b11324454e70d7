"""Benchmark: incremental cost of Q401/Q601/Q701/Q901 on a 12 MP phone-like JPEG, one core.

    python bench/bench_capture.py [--repeat N]

For each run the file is decoded afresh and the shared front end (analysis view, document quad,
the 480 px `rectified_small`) is computed first, so each check's time is its own cost: its
metric plus its comparison. Q901 runs with the page given the id_back role (it is skipped
otherwise). Prints median milliseconds and the plain full decode for scale.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cv2  # noqa: E402

from bench.bench_checks import load, phone_photo  # noqa: E402
from preflight.filing import Attachment, Role  # noqa: E402
from preflight.imaging.frame import analysis_view  # noqa: E402
from preflight.imaging.quad import document_quad  # noqa: E402
from preflight.imaging.rectify import rectified_small  # noqa: E402
from preflight.registry import find_check  # noqa: E402
from preflight.settings import Settings  # noqa: E402

CODES = ("Q401", "Q601", "Q701", "Q901")


def main() -> int:
    """Run the benchmark and print the table."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    cv2.setNumThreads(1)
    settings = Settings(ocr=False)
    checks = [find_check(c)() for c in CODES]  # type: ignore[misc]
    times: dict[str, list[float]] = {c: [] for c in (*CODES, "plain", "front end")}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "phone_12mp.jpg"
        phone_photo(path)
        for _ in range(args.repeat):
            t = time.perf_counter()
            cv2.imread(str(path), cv2.IMREAD_COLOR)
            times["plain"].append((time.perf_counter() - t) * 1000)
            doc = load(path, settings)
            doc.attachment = Attachment(file=path.name, role=Role.ID_BACK)
            page = doc.pages[0]
            t = time.perf_counter()
            for fn in (analysis_view, document_quad, rectified_small):
                page.memo(fn)
            times["front end"].append((time.perf_counter() - t) * 1000)
            for check in checks:
                t = time.perf_counter()
                list(check.check(page))
                times[check.code].append((time.perf_counter() - t) * 1000)
    for name, values in times.items():
        print(f"{name:<12}{statistics.median(values):8.1f} ms")
    own = sum(statistics.median(times[c]) for c in CODES)
    print(f"{'Q4+Q6+Q7+Q9':<12}{own:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
