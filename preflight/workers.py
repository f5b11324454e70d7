"""Process-wide settings for a worker that checks files one after the other (audit, service).

- One thread for every native pool (OpenCV, OpenMP in Tesseract, BLAS): parallelism comes from
  one worker process per core, and nested thread pools only oversubscribe the cores. The ONNX
  sessions are created with one intra-op thread where they are built.
- A fixed glibc mmap threshold, set per phase. glibc raises the threshold each time a large
  mmapped block is freed, after which the big short-lived buffers of the OCR detector (hundreds
  of MB of activations) come from the heap, which fragments and never shrinks: measured peak RSS
  of a worker on 12 MP photos drops from ~450 MB to ~300 MB with the threshold fixed at 128 KiB,
  for ~10 % more detector CPU. The image checks, though, allocate many short-lived page-sized
  arrays (0.5–4 MB at the 1000 px working size); mmapped, each one is page-faulted and zeroed
  afresh, which doubled their CPU time (bench/bench_checks.py: 195 → 103 ms for all page checks
  of a 12 MP photo with 4 MiB instead of 128 KiB). So the worker runs with a 4 MiB threshold
  (`IMAGE_MMAP_THRESHOLD`) and OCR runs inside `ocr_buffers()`: heap trimmed, 128 KiB, as before.
  The trim threshold is raised with it (`IMAGE_TRIM_THRESHOLD`): fixing one threshold freezes
  the other at glibc's 128 KiB default, so every large array freed at the top of the heap was
  handed back to the system and the next one page-faulted afresh (~2,900 of the ~4,400 page
  faults of all page checks of a 12 MP photo, ~3 ms CPU). docs/performance.md has the figures.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

log = logging.getLogger(__name__)

THREAD_VARS = ("OMP_THREAD_LIMIT", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
M_MMAP_THRESHOLD = -3  # glibc <malloc.h>
MMAP_THRESHOLD = 128 * 1024  # glibc's default start value, kept fixed while OCR runs
IMAGE_MMAP_THRESHOLD = 4 * 1024 * 1024  # page-sized image arrays stay on the heap, reused
M_TRIM_THRESHOLD = -1  # glibc <malloc.h>
TRIM_THRESHOLD = 128 * 1024  # glibc's default, kept while OCR runs
IMAGE_TRIM_THRESHOLD = 64 * 1024 * 1024  # freed image arrays stay mapped for the next check

_done = False


def limit_thread_env() -> None:
    """One thread for the native pools of libraries loaded and programs started from here on
    (environment only: nothing is imported)."""
    for var in THREAD_VARS:
        os.environ[var] = "1"


def limit_threads() -> None:
    """One thread for OpenCV and for programs and libraries started from here on."""
    limit_thread_env()
    import cv2

    cv2.setNumThreads(1)


@lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    """glibc, or None where `mallopt` / `malloc_trim` do not exist (macOS, musl)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
    except (OSError, TypeError):
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def fix_mmap_threshold(threshold: int = IMAGE_MMAP_THRESHOLD,
                       trim: int = IMAGE_TRIM_THRESHOLD) -> bool:
    """Keep glibc's mmap threshold fixed so that freed large buffers go back to the system, and
    its trim threshold at `trim`, so that the heap keeps up to that much free memory at its top
    for the next arrays instead of returning it page by page.

    Returns False where there is no glibc `mallopt` (macOS, musl): nothing changes there.
    """
    libc = _libc()
    return libc is not None and bool(libc.mallopt(M_MMAP_THRESHOLD, threshold)) \
        and bool(libc.mallopt(M_TRIM_THRESHOLD, trim))


@contextmanager
def ocr_buffers() -> Iterator[None]:
    """Around OCR in a worker: free heap pages returned to the system, then every buffer above
    128 KiB mmapped (released on free) and glibc's default trim threshold until the block ends.
    Does nothing outside a worker."""
    libc = _libc() if _done else None
    if libc is None:
        yield
        return
    libc.malloc_trim(0)
    libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    try:
        yield
    finally:
        libc.mallopt(M_MMAP_THRESHOLD, IMAGE_MMAP_THRESHOLD)
        libc.mallopt(M_TRIM_THRESHOLD, IMAGE_TRIM_THRESHOLD)


def init_worker() -> None:
    """Apply the worker settings once per process (idempotent)."""
    global _done
    if _done:
        return
    limit_threads()
    if not fix_mmap_threshold():
        log.debug("mallopt unavailable: default allocator behaviour")
    _done = True
