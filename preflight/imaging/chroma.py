"""Colour evidence of a document: stored-grayscale test and white-balanced Lab chroma.

A photocopy or a black-and-white scan has no chroma left. Method (ALGORITHMS.md §5, after
Fairscan's `isColoredDocument` and Kunina et al.'s gray-copy detector): work inside the document
mask, apply a grey-world white balance (subtract the median a*, b* of mid-lightness pixels, so a
warm lamp or a blue shade does not count as colour), drop near-black and clipped pixels (noise and
highlights), drop pixels next to strong edges (chromatic aberration and JPEG chroma subsampling
put colour fringes on black text), then measure chroma C = sqrt(a*² + b*²): the fraction of
pixels above `CHROMA_MIN` and the 99.5th percentile.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

CHROMA_MIN = 12.0  # a* b* units: a red seal is 40-70, a colour cast after white balance < 6
MIN_PIXELS = 200


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


def channel_spread(bgr: np.ndarray) -> float:
    """99.9th percentile of max(|R−G|, |G−B|) over the image, subsampled 2×.

    0–2 means the image was stored as grayscale (a B/W scan or a converted copy): a colour
    camera never produces equal channels on a real scene.
    """
    if bgr.ndim == 2 or bgr.shape[2] == 1:
        return 0.0
    small = bgr[::2, ::2].astype(np.int16)
    b, g, r = small[..., 0], small[..., 1], small[..., 2]
    spread = np.maximum(np.abs(r - g), np.abs(g - b))
    return float(np.percentile(spread, 99.9)) if spread.size else 0.0


def chroma_stats(bgr: np.ndarray, mask: np.ndarray | None = None) -> ChromaStats:
    """White-balanced chroma statistics of `bgr` inside `mask` (255 = document)."""
    if bgr.ndim == 2 or bgr.shape[2] == 1 or min(bgr.shape[:2]) < 4:
        return ChromaStats(0.0, 0.0, 0.0, 0)
    lab = cv2.cvtColor(bgr, cv2.COLOR_BGR2LAB)
    light = lab[..., 0].astype(np.float32) * (100.0 / 255.0)
    a = lab[..., 1].astype(np.float32) - 128.0
    b = lab[..., 2].astype(np.float32) - 128.0
    usable = (light > 20) & (light < 97)
    if mask is not None:
        usable &= mask > 0
    if np.count_nonzero(usable) < MIN_PIXELS:
        return ChromaStats(0.0, 0.0, 0.0, int(np.count_nonzero(usable)))
    a0, b0 = float(np.median(a[usable])), float(np.median(b[usable]))
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    edges = cv2.dilate(cv2.Canny(gray, 50, 150), np.ones((3, 3), np.uint8)) > 0
    keep = usable & ~edges
    if np.count_nonzero(keep) < MIN_PIXELS:
        keep = usable
    chroma = np.hypot(a - a0, b - b0)
    values = chroma[keep]
    strong = ((chroma > 2 * CHROMA_MIN) & usable).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(strong, connectivity=8)
    blob = float(stats[1:, cv2.CC_STAT_AREA].max()) / strong.size if n > 1 else 0.0
    return ChromaStats(float(np.mean(values > CHROMA_MIN)), float(np.percentile(values, 99.5)),
                       blob, int(values.size))
