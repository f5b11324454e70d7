"""What the local pool's fork server builds once, before it forks the workers.

`ProcessExecutor` names this module in `set_forkserver_preload`: the fork server imports it,
then forks every worker from itself, so each worker starts with this work already done (shared
copy-on-write) instead of paying it on its first filing. Measured per worker on a 12 MP photo
filing (docs/performance.md): the first filing cost ~3.4 CPU s more than the next ones, of which
the pipeline's modules, the face cascade (~0.2 s), the rule profiles (~0.2 s) and OpenCV's Lab
tables (~0.15 s) are built here.

Only fork-safe state is built here: modules, pure-Python tables and OpenCV's static tables with
one OpenCV thread. RapidOCR's Python modules are imported here (~0.6 CPU s, mostly parsing its
model configuration), but not onnxruntime, which RapidOCR imports only when it builds a session:
importing onnxruntime starts a native thread that a forked child would not have, and its
sessions own thread state, so each worker imports it and builds its sessions on first use
(~0.3 s). `tests/test_audit_pool.py` checks that the server holds one thread.
"""

from __future__ import annotations

import logging

import cv2
import numpy as np

from preflight.audit import work  # noqa: F401 - the job function and the pipeline
from preflight.imaging import faces
from preflight.registry import all_checks
from preflight.rules import keywords, profiles
from preflight.workers import limit_threads

log = logging.getLogger(__name__)


def preload() -> None:
    """Import and build the fork-safe parts of a worker's first-use state (never raises: an
    exception here would stop the fork server; a worker then builds what is missing itself)."""
    try:
        _build()
    except Exception:  # noqa: BLE001 - the fork server must start anyway
        log.exception("fork server preload failed")


def _build() -> None:
    limit_threads()  # before any OpenCV call: no OpenCV thread pool in the fork server
    all_checks()
    faces.detect_faces(np.zeros((faces.WINDOW, faces.WINDOW), np.uint8))  # parses the cascade
    profiles.load_profiles()
    keywords.categories()
    cv2.cvtColor(np.zeros((2, 2, 3), np.uint8), cv2.COLOR_BGR2LAB)  # Lab lookup tables
    _ocr_modules()


def _ocr_modules() -> None:
    """RapidOCR's modules without onnxruntime (absent when the `ocr` extra is not installed)."""
    try:
        import rapidocr.ch_ppocr_det  # noqa: F401
        import rapidocr.ch_ppocr_rec  # noqa: F401
        import rapidocr.main  # noqa: F401
    except ImportError:
        return


preload()
