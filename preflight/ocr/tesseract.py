"""Tesseract through pytesseract (chi_sim+eng): the design card's engine and the fallback.

The only module that imports pytesseract. One `image_to_data` call per page (page segmentation
mode 3) on a copy whose long side is at most `MAX_LONG_SIDE`; words are grouped into lines by
Tesseract's own block/paragraph/line numbers. Every call has a timeout
(`Limits.ocr_timeout_s`); on timeout or a Tesseract error the fallback is an empty result
flagged `timed_out`/`error`, so the page's type is `unknown` and its dates are reported as
unreadable (a warning asking the user to confirm), never as a pass or a fail.
`OMP_THREAD_LIMIT=1` keeps parallel workers from oversubscribing the cores.
"""

from __future__ import annotations

import logging
import os
import shutil
from functools import lru_cache

import cv2
import numpy as np

from preflight.ocr import Enough, OcrLine, OcrResult
from preflight.ocr.layout import join_parts

log = logging.getLogger(__name__)

LANG = "chi_sim+eng"
CONFIG = "--psm 3"
MAX_LONG_SIDE = 2000


def is_available() -> bool:
    """True when pytesseract imports and the tesseract binary is on PATH."""
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return False
    return shutil.which("tesseract") is not None


class Engine:
    """pytesseract `image_to_data` with a timeout."""

    name = "tesseract"

    def version(self) -> str:
        """Tesseract's version (probed once) and the languages used."""
        return f"tesseract {_version()} ({LANG})"

    def read(self, image: np.ndarray, *, timeout_s: float, enough: Enough | None = None
             ) -> OcrResult:
        """Lines of the page; an empty result flagged `timed_out` when Tesseract is too slow.
        Tesseract reads the page in one call, so `enough` is not used."""
        import pytesseract

        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        h, w = image.shape[:2]
        s = min(1.0, MAX_LONG_SIDE / max(h, w))
        small = cv2.resize(image, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA) \
            if s < 1 else image
        rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB) if small.ndim == 3 else small
        try:
            data = pytesseract.image_to_data(rgb, lang=LANG, config=CONFIG, timeout=timeout_s,
                                             output_type=pytesseract.Output.DICT)
        except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
            log.warning("tesseract timed out after %.1f s: %s", timeout_s, exc)
            return OcrResult((), self.name, timed_out=True)
        except pytesseract.TesseractError as exc:
            log.warning("tesseract failed: %s", exc)
            return OcrResult((), self.name, error=str(exc)[:200])
        return OcrResult(tuple(lines_from_data(data, 1.0 / s)), self.name)


def lines_from_data(data: dict[str, list], scale: float) -> list[OcrLine]:
    """Group `image_to_data` words into lines (block, paragraph, line), boxes scaled back."""
    groups: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if str(text).strip() and float(data["conf"][i]) >= 0:
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            groups.setdefault(key, []).append(i)
    lines = []
    for idx in groups.values():
        text, confs = join_parts([(str(data["text"][i]), [float(data["conf"][i]) / 100.0]
                                   * len(str(data["text"][i]))) for i in idx])
        x0 = min(data["left"][i] for i in idx)
        y0 = min(data["top"][i] for i in idx)
        x1 = max(data["left"][i] + data["width"][i] for i in idx)
        y1 = max(data["top"][i] + data["height"][i] for i in idx)
        conf = min(float(data["conf"][i]) for i in idx) / 100.0
        lines.append(OcrLine(text, (x0 * scale, y0 * scale, (x1 - x0) * scale,
                                    (y1 - y0) * scale), conf, tuple(confs)))
    return lines


@lru_cache(maxsize=1)
def _version() -> str:
    import pytesseract

    try:
        return str(pytesseract.get_tesseract_version())
    except pytesseract.TesseractNotFoundError:
        return "not installed"
