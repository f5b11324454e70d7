"""Benchmark of the content-rotation metric (G102): milliseconds per page on one core.

    python bench/bench_rotation.py [REPEATS]

Generated pages at the working resolution (long side ~2000 px, as `page.image` arrives for big
JPEGs) and at 12 MP, upright (the common, one-view path) and turned (the full path).
"""

from __future__ import annotations

import statistics
import sys
import time

import cv2
import numpy as np

from preflight.eval.synthpages import turn, upright_page
from preflight.imaging.orientation import estimate_rotation


def _ms(image: np.ndarray, repeats: int) -> tuple[float, float, int]:
    """Median wall and CPU milliseconds (CPU time is the fair figure on a shared machine)."""
    wall, cpu, views = [], [], 0
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        views = estimate_rotation(image).views
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), statistics.median(cpu), views


def main(repeats: int = 10) -> None:
    """Print the median time per case."""
    cv2.setNumThreads(1)
    a4 = upright_page("a4", seed=0)
    work = cv2.resize(a4, (1414, 2000))
    big = cv2.resize(a4, (3000, 4243))
    estimate_rotation(a4)  # load the model once
    for name, img in [("upright 1414x2000", work), ("turned 90 1414x2000", turn(work, 90)),
                      ("upright 3000x4243", big), ("turned 180 3000x4243", turn(big, 180))]:
        wall, cpu, views = _ms(img, repeats)
        print(f"{name:24s} wall {wall:7.1f} ms  cpu {cpu:7.1f} ms  ({views} model views)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
