"""The analysis view of a page: the working raster reduced to about 800 px on the long side.

Document localisation, glare and background statistics do not need more pixels than this
(ALGORITHMS.md §0: Canny + contour quad at 800 px costs about 10 ms), and every check that works
at this scale shares one copy through `page.memo(analysis_view)`.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from preflight.context import PageContext

ANALYSIS_LONG_SIDE = 800


@dataclass(frozen=True)
class AnalysisView:
    """The page at analysis scale: `factor` = working pixels per analysis pixel (>= 1)."""

    bgr: np.ndarray
    gray: np.ndarray
    factor: float

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) of the analysis raster."""
        h, w = self.gray.shape[:2]
        return w, h

    def to_work(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """An (x, y, w, h) box in analysis pixels mapped to working pixels."""
        return tuple(v * self.factor for v in box)  # type: ignore[return-value]


def reduce_to(img: np.ndarray, long_side: int) -> tuple[np.ndarray, float]:
    """`img` shrunk so its long side is at most `long_side`; returns (img, factor).

    Area averaging by the integer part of the factor (OpenCV's fast path: a non-integer
    INTER_AREA resize costs 40× more), then bilinear for the remaining factor below 2.
    """
    h, w = img.shape[:2]
    factor = max(h, w) / long_side
    if factor <= 1.0:
        return img, 1.0
    k = int(factor)
    if k >= 2:  # crop to a multiple of k: only an exact integer ratio takes the fast path
        hk, wk = max(1, h // k), max(1, w // k)
        src = img[:hk * k, :wk * k] if min(h, w) >= k else img
        img = cv2.resize(src, (wk, hk), interpolation=cv2.INTER_AREA)
    size = (max(1, round(w / factor)), max(1, round(h / factor)))
    if (img.shape[1], img.shape[0]) != size:
        img = cv2.resize(img, size, interpolation=cv2.INTER_LINEAR)
    return img, max(w / size[0], h / size[1])


def analysis_view(page: PageContext) -> AnalysisView:
    """The page reduced to ANALYSIS_LONG_SIDE (memoise with `page.memo(analysis_view)`)."""
    img = page.image if page.image.ndim == 3 else cv2.cvtColor(page.image, cv2.COLOR_GRAY2BGR)
    small, factor = reduce_to(img, ANALYSIS_LONG_SIDE)
    return AnalysisView(bgr=small, gray=cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), factor=factor)
