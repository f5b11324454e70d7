"""Process-wide settings for a worker that checks files one after the other (audit, service).

- One thread for every native pool (OpenCV, OpenMP in Tesseract, BLAS): parallelism comes from
  one worker process per core, and nested thread pools only oversubscribe the cores. The ONNX
  sessions are created with one intra-op thread where they are built.
- A fixed glibc mmap threshold (128 KiB). glibc raises the threshold each time a large mmapped
  block is freed, after which the big short-lived buffers of the OCR detector (hundreds of MB of
  activations) come from the heap, which fragments and never shrinks: measured peak RSS of a
  worker on 12 MP photos drops from ~450 MB to ~300 MB with the threshold fixed, for ~10 % more
  detector CPU (bench/run.py, docs/performance.md).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os

log = logging.getLogger(__name__)

THREAD_VARS = ("OMP_THREAD_LIMIT", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
M_MMAP_THRESHOLD = -3  # glibc <malloc.h>
MMAP_THRESHOLD = 128 * 1024  # glibc's default start value, kept fixed

_done = False


def limit_threads() -> None:
    """One thread for OpenCV and for programs and libraries started from here on."""
    for var in THREAD_VARS:
        os.environ[var] = "1"
    import cv2

    cv2.setNumThreads(1)


def fix_mmap_threshold() -> bool:
    """Keep glibc's mmap threshold fixed so that freed large buffers go back to the system.

    Returns False where there is no glibc `mallopt` (macOS, musl): nothing changes there.
    """
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))


def init_worker() -> None:
    """Apply the worker settings once per process (idempotent)."""
    global _done
    if _done:
        return
    limit_threads()
    if not fix_mmap_threshold():
        log.debug("mallopt unavailable: default allocator behaviour")
    _done = True
