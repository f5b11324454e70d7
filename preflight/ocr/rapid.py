"""RapidOCR (PP-OCRv6 small, ONNX models shipped inside the `rapidocr` wheel) as an engine.

Whole-page OCR is slow (5.5 s median on 2 cores, /work research) because the detector enlarges
the page and every line is recognised. Here the detector runs once on a copy reduced to
`DETECT_LONG_SIDE` pixels, and lines are recognised from the full working raster in priority
order (titles and short lines first: dates and type keywords; long body-text lines last) until
`MAX_UNITS` of line width or the time limit is spent. The models load once per process, with one
onnxruntime thread (batch workers run one process per core). Images are decoded by preflight and
passed as arrays (rapidocr's own loader mishandles palette PNGs with transparency).
"""

from __future__ import annotations

import logging
import time
from functools import lru_cache

import cv2
import numpy as np

from preflight.ocr import OcrLine, OcrResult

log = logging.getLogger(__name__)

DETECT_LONG_SIDE = 960  # px; text of 10 pt on an A4 page at 150 dpi stays ~11 px high
MAX_UNITS = 150.0  # sum of line width/height ratios recognised per page (≈ 8 ms CPU each)
LONG_LINE_RATIO = 30.0  # lines wider than this many heights are body text: recognised last
BATCH = 6


def is_available() -> bool:
    """True when rapidocr and onnxruntime import."""
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


class Engine:
    """Detector on a reduced copy, recogniser on selected full-resolution line crops."""

    name = "rapid"

    def __init__(self) -> None:
        from rapidocr import RapidOCR

        one = 1
        self._ocr = RapidOCR(params={
            "Global.log_level": "error",
            "EngineConfig.onnxruntime.intra_op_num_threads": one,
            "EngineConfig.onnxruntime.inter_op_num_threads": one,
            "Det.limit_type": "max",
            "Det.limit_side_len": DETECT_LONG_SIDE,
        })
        self._det = self._ocr._load_det_model()
        self._rec = self._ocr._load_rec_model()

    def version(self) -> str:
        """rapidocr and onnxruntime versions plus the model names."""
        return _version()

    def read(self, image: np.ndarray, *, timeout_s: float) -> OcrResult:
        """Detect lines on a reduced copy, recognise the most useful ones within the budget."""
        from rapidocr.ch_ppocr_rec import TextRecInput
        from rapidocr.utils.process_img import get_rotate_crop_image

        deadline = time.monotonic() + timeout_s
        quads = self._detect(image)
        lines: list[OcrLine] = []
        order = prioritise(quads)
        units, timed_out = 0.0, False
        for start in range(0, len(order), BATCH):
            if time.monotonic() > deadline:
                timed_out = True
                break
            batch = [quads[i] for i in order[start:start + BATCH]]
            crops = [get_rotate_crop_image(image, q.astype(np.float32)) for q in batch]
            out = self._rec(TextRecInput(img=crops, return_word_box=True))
            for quad, text, score, words in zip(batch, out.txts or (), out.scores or (),
                                                out.word_results or (), strict=False):
                if text.strip():
                    confs = tuple(float(c) for c in getattr(words, "confs", ()) or ())
                    lines.append(OcrLine(text, _box(quad), float(score), confs))
            units += sum(_ratio(q) for q in batch)
            if units > MAX_UNITS:
                break
        return OcrResult(tuple(lines), self.name, timed_out=timed_out)

    def _detect(self, image: np.ndarray) -> list[np.ndarray]:
        h, w = image.shape[:2]
        s = min(1.0, DETECT_LONG_SIDE / max(h, w))
        small = cv2.resize(image, (max(1, round(w * s)), max(1, round(h * s))),
                           interpolation=cv2.INTER_AREA) if s < 1 else image
        res = self._det(small)
        if res.boxes is None:
            return []
        return [np.asarray(b, dtype=np.float64) / s for b in res.boxes]


def prioritise(quads: list[np.ndarray]) -> list[int]:
    """Indices of line quads in recognition order: the three tallest lines (titles: type
    keywords), then lines up to LONG_LINE_RATIO (labels, values, dates) by decreasing height
    (small print last), then long body-text lines.

    Near-vertical boxes (height > 1.5 × width) are skipped: dates and type keywords are printed
    horizontally on upright documents.
    """
    sizes = {i: _size(q) for i, q in enumerate(quads)}
    kept = [i for i, (w, h) in sizes.items() if h >= 4 and h <= 1.5 * w]
    titles = set(sorted(kept, key=lambda i: -sizes[i][1])[:3])
    keyed = [(i not in titles, sizes[i][0] / sizes[i][1] > LONG_LINE_RATIO, -sizes[i][1], i)
             for i in kept]
    return [i for *_, i in sorted(keyed)]


def _size(q: np.ndarray) -> tuple[float, float]:
    w = float(np.linalg.norm(q[1] - q[0]))
    h = float(np.linalg.norm(q[3] - q[0]))
    return w, h


def _ratio(q: np.ndarray) -> float:
    w, h = _size(q)
    return w / max(h, 1.0)


def _box(q: np.ndarray) -> tuple[float, float, float, float]:
    x0, y0 = q.min(axis=0)
    x1, y1 = q.max(axis=0)
    return float(x0), float(y0), float(x1 - x0), float(y1 - y0)


@lru_cache(maxsize=1)
def _version() -> str:
    from importlib.metadata import version

    return (f"rapidocr {version('rapidocr')} (PP-OCRv6 small det+rec), "
            f"onnxruntime {version('onnxruntime')}")
