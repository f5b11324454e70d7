"""RapidOCR (PP-OCRv6 small, ONNX models shipped inside the `rapidocr` wheel) as an engine.

Whole-page OCR is slow (5.5 s median on 2 cores, /work research) because the detector enlarges
the page and every line is recognised. Here the detector runs once on a copy reduced to
`DETECT_LONG_SIDE` pixels, and only the lines that can hold dates or type keywords are
recognised, from the full working raster (`preflight/ocr/select.py`: titles and labels, then
the lines beside date labels, then what the budget leaves), in small batches of similar width
with the time limit checked between batches; reading stops once the caller's `enough` says the
page is complete (type sure, needed dates read: `preflight/ocr/enough.py`). The models load once per process, with one
onnxruntime thread (batch workers run one process per core). Images are decoded by preflight and
passed as arrays (rapidocr's own loader mishandles palette PNGs with transparency).
"""

from __future__ import annotations

import time
from functools import lru_cache

import cv2
import numpy as np

from preflight.ocr import Enough, OcrLine, OcrResult, select

DETECT_LONG_SIDE = 960  # px; text of 10 pt on an A4 page at 150 dpi stays ~11 px high
PROBE_LONG_SIDE = 512  # first, cheap detection (~0.13 s on one core; 960 px: ~0.43 s)
TARGET_LINE_HEIGHT = 24.0  # px, median detected line height the detector is given
MIN_PROBE_LINES = 3  # fewer lines found by the probe: detect again at full size
RETRY_GAIN = 1.25  # detect again only when the wanted scale is this much finer
REFINE_BELOW = 0.8  # a date line from a probe box with a character below this is re-detected


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

    def read(self, image: np.ndarray, *, timeout_s: float, enough: Enough | None = None
             ) -> OcrResult:
        """Detect lines on a reduced copy; recognise titles, labels and the lines beside date
        labels first (preflight/ocr/select.py), in small batches, within the budget and the time
        limit, and stop as soon as `enough(lines read so far)` says the page is complete."""
        deadline = time.monotonic() + timeout_s
        quads, coarse = self._detect(image)
        budget = select.Budget()
        got: dict[int, OcrLine] = {}
        passes = (lambda: select.first_pass(quads, budget),
                  lambda: select.beside_anchors(quads, self._texts(got), budget),
                  lambda: select.rest(quads, set(got), budget,
                                      long=not select.has_anchor(self._texts(got))))
        for choose in passes:
            for batch in select.batches(quads, choose()):
                if time.monotonic() > deadline:
                    return OcrResult(tuple(got.values()), self.name, timed_out=True)
                self._recognise(image, quads, batch, got)
                self._reread_cut_short(image, quads, batch, got)
                if coarse:
                    self._refine_doubtful(image, quads, batch, got)
                if enough is not None and enough(tuple(got.values())):
                    return OcrResult(tuple(got.values()), self.name)
        return OcrResult(tuple(got.values()), self.name)

    @staticmethod
    def _texts(got: dict[int, OcrLine]) -> dict[int, str]:
        return {i: ln.text for i, ln in got.items()}

    def _recognise(self, image: np.ndarray, quads: list[np.ndarray] | dict[int, np.ndarray],
                   batch: list[int], got: dict[int, OcrLine]) -> None:
        """Recognise the lines of one batch (similar widths: little padding) into `got`."""
        from rapidocr.ch_ppocr_rec import TextRecInput
        from rapidocr.utils.process_img import get_rotate_crop_image

        crops = [get_rotate_crop_image(image, quads[i].astype(np.float32)) for i in batch]
        out = self._rec(TextRecInput(img=crops, return_word_box=True))
        for i, text, score, words in zip(batch, out.txts or (), out.scores or (),
                                         out.word_results or (), strict=False):
            confs = tuple(float(c) for c in getattr(words, "confs", ()) or ())
            got[i] = OcrLine(text, select.box(quads[i]), float(score), confs)

    def _reread_cut_short(self, image: np.ndarray, quads: list[np.ndarray], batch: list[int],
                          got: dict[int, OcrLine]) -> None:
        """Lines that end inside a date (`2023年06月1`) are read again from a box prolonged to
        the right; the longer reading is kept."""
        cut = [i for i in batch if i in got and select.CUT_SHORT.search(got[i].text)]
        if not cut:
            return
        longer = {i: select.extended(quads[i], image.shape[1]) for i in cut}
        again: dict[int, OcrLine] = {}
        self._recognise(image, longer, cut, again)
        for i, line in again.items():
            if len(line.text.strip()) > len(got[i].text.strip()):
                got[i] = line

    def _refine_doubtful(self, image: np.ndarray, quads: list[np.ndarray], batch: list[int],
                         got: dict[int, OcrLine]) -> None:
        """A line with a year whose first or last character is doubtful, from a box found on a
        reduced copy: detect again in a small window around it at full scale and keep the
        better reading (a coarse box can cut the first or last digit)."""
        h, w = image.shape[:2]
        for i in batch:
            line = got.get(i)
            if line is None or not select.YEAR.search(line.text) or not edge_doubt(line):
                continue
            x, y, bw, bh = select.box(quads[i])
            x0, y0 = max(0, int(x - bh)), max(0, int(y - bh))
            x1, y1 = min(w, int(x + bw + bh) + 1), min(h, int(y + 2 * bh) + 1)
            fine = [q + (x0, y0) for q in self._detect_at(image[y0:y1, x0:x1], 1.0)]
            best = select.same_line(quads[i], fine)
            if best is None:
                continue
            again: dict[int, OcrLine] = {}
            self._recognise(image, {i: best}, [i], again)
            if i in again and min(again[i].char_scores(), default=0.0) > \
                    min(line.char_scores(), default=0.0):
                got[i] = again[i]

    def _detect(self, image: np.ndarray) -> tuple[list[np.ndarray], bool]:
        """Text line quads in `image` pixels: a cheap probe at `PROBE_LONG_SIDE`, kept when its
        lines are tall enough there, else detection again at the scale that makes the median
        line `TARGET_LINE_HEIGHT` px high (at most `DETECT_LONG_SIDE`); and whether the quads
        are the probe's (coarse)."""
        long_side = max(image.shape[:2])
        top = min(1.0, DETECT_LONG_SIDE / long_side)
        probe = min(top, PROBE_LONG_SIDE / long_side)
        quads = self._detect_at(image, probe)
        heights = [select.size(q)[1] * probe for q in quads]
        want = top if len(heights) < MIN_PROBE_LINES else \
            min(top, probe * TARGET_LINE_HEIGHT / float(np.median(heights)))
        if want > RETRY_GAIN * probe:
            return self._detect_at(image, want), want < 1.0
        return quads, probe < 1.0

    def _detect_at(self, image: np.ndarray, s: float) -> list[np.ndarray]:
        h, w = image.shape[:2]
        small = cv2.resize(image, (max(1, round(w * s)), max(1, round(h * s))),
                           interpolation=cv2.INTER_AREA) if s < 1 else image
        res = self._det(small)
        if res.boxes is None:
            return []
        return [np.asarray(b, dtype=np.float64) / s for b in res.boxes]


def edge_doubt(line: OcrLine) -> bool:
    """True when the line's doubtful characters (< `REFINE_BELOW`) are only its first or last:
    the mark of a box that cut the line's ends. A doubtful character inside the line (a masked
    or smudged digit) is left as it is: reading it again until it looks sure would make a
    hallucinated digit look sure (measured on a masked real licence)."""
    scores = line.char_scores()
    doubtful = [k for k, c in enumerate(scores) if c < REFINE_BELOW]
    return bool(doubtful) and all(k in (0, len(scores) - 1) for k in doubtful)


@lru_cache(maxsize=1)
def _version() -> str:
    from importlib.metadata import version

    return (f"rapidocr {version('rapidocr')} (PP-OCRv6 small det+rec), "
            f"onnxruntime {version('onnxruntime')}")
