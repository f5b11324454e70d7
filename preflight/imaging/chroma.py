"""Colour evidence of a document: stored-grayscale test and white-balanced Lab chroma.

A photocopy or a black-and-white scan has no chroma left. Method (ALGORITHMS.md §5, after
Fairscan's `isColoredDocument` and Kunina et al.'s gray-copy detector): work inside the document
mask, apply a grey-world white balance (subtract the median a*, b* of mid-lightness pixels, so a
warm lamp or a blue shade does not count as colour), drop near-black and clipped pixels (noise and
highlights), drop pixels next to strong edges (chromatic aberration and JPEG chroma subsampling
put colour fringes on black text), then measure chroma C = sqrt(a*² + b*²): the fraction of
pixels above `CHROMA_MIN`, the 99.5th percentile, and the largest patch of strong colour.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from preflight.imaging.frame import reduce_to

CHROMA_MIN = 12.0  # a* b* units: a red seal is 40-70, a colour cast after white balance < 6
MIN_PIXELS = 200
WORK_LONG = 480  # colour statistics need no fine detail


@dataclass(frozen=True)
class ChromaStats:
    """White-balanced chroma of the document.

    `fraction` of pixels above CHROMA_MIN, the 99.5th percentile `p995`, and `blob`: the largest
    connected patch of strong colour (C > 2·CHROMA_MIN) as a fraction of the document, which
    keeps a small red seal on an otherwise black-and-white page from being lost in percentiles.
    """

    fraction: float
    p995: float
    blob: float
    pixels: int


def _hist_percentile(values: np.ndarray, q: float) -> float:
    """`q`-th percentile of non-negative uint8 `values` through a 256-bin histogram."""
    counts = np.bincount(values.ravel(), minlength=256).cumsum()
    return float(np.searchsorted(counts, q / 100.0 * (counts[-1] - 1), side="right"))


def channel_spread(bgr: np.ndarray) -> float:
    """99.9th percentile of max(|R−G|, |G−B|) over the image, subsampled 2×.

    0–2 means the image was stored as grayscale (a B/W scan or a converted copy): a colour
    camera never produces equal channels on a real scene.
    """
    if bgr.ndim == 2 or bgr.shape[2] == 1 or bgr.size == 0:
        return 0.0
    small = np.ascontiguousarray(bgr[::2, ::2])
    b, g, r = cv2.split(small)
    return _hist_percentile(cv2.max(cv2.absdiff(r, g), cv2.absdiff(g, b)), 99.9)


def chroma_stats(bgr: np.ndarray, mask: np.ndarray | None = None) -> ChromaStats:
    """White-balanced chroma statistics of `bgr` inside `mask` (255 = document)."""
    if bgr.ndim == 2 or bgr.shape[2] == 1 or min(bgr.shape[:2]) < 4:
        return ChromaStats(0.0, 0.0, 0.0, 0)
    bgr, _ = reduce_to(bgr, WORK_LONG)
    lab = cv2.cvtColor(bgr, cv2.COLOR_BGR2LAB)
    light, a, b = cv2.split(lab)
    usable = (light > 51) & (light < 247)  # L* 20..97 in 8-bit units
    if mask is not None:
        usable &= cv2.resize(mask, (bgr.shape[1], bgr.shape[0]),
                             interpolation=cv2.INTER_NEAREST) > 0
    if np.count_nonzero(usable) < MIN_PIXELS:
        return ChromaStats(0.0, 0.0, 0.0, int(np.count_nonzero(usable)))
    a0, b0 = _hist_percentile(a[usable], 50), _hist_percentile(b[usable], 50)
    edges = cv2.dilate(cv2.Canny(light, 50, 150), np.ones((3, 3), np.uint8)) > 0
    keep = usable & ~edges
    if np.count_nonzero(keep) < MIN_PIXELS:
        keep = usable
    chroma = cv2.magnitude(a.astype(np.float32) - a0, b.astype(np.float32) - b0)
    values = np.minimum(chroma[keep], 255).astype(np.uint8)
    strong = ((chroma > 2 * CHROMA_MIN) & usable).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(strong, connectivity=8)
    blob = float(stats[1:, cv2.CC_STAT_AREA].max()) / strong.size if n > 1 else 0.0
    return ChromaStats(float(np.count_nonzero(values > CHROMA_MIN)) / values.size,
                       _hist_percentile(values, 99.5), blob, int(values.size))
