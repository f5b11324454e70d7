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
from preflight.imaging.histogram import cdf_percentile, hist_percentile, masked_cdf

CHROMA_MIN = 12.0  # a* b* units: a red seal is 40-70, a colour cast after white balance < 6
MIN_PIXELS = 200
WORK_LONG = 480  # colour statistics need no fine detail


@dataclass(frozen=True)
class ChromaStats:
    """White-balanced chroma of the document.

    `fraction` of pixels above CHROMA_MIN, the 99.5th percentile `p995`, and `blob`: the largest
    connected patch of strong colour (C > 2·CHROMA_MIN) as a fraction of the document, which
    keeps a small red seal on an otherwise black-and-white page from being lost in percentiles;
    `inner_blob` the same for the patches that stay clear of a `BORDER` band along the edges (a
    sliver of desk colour along a document's outline is not a seal).
    """

    fraction: float
    p995: float
    blob: float
    pixels: int
    inner_blob: float = 0.0


BORDER = 0.03  # of the short side: the outline's error on a card photographed at arm's length


def channel_spread(bgr: np.ndarray, step: int = 4) -> float:
    """99.9th percentile of max(|R−G|, |G−B|) over the image, subsampled `step`× (every 4th
    pixel of every 4th row: 30,000 samples of an 800 × 600 view).

    0–2 means the image was stored as grayscale (a B/W scan or a converted copy): a colour
    camera never produces equal channels on a real scene.
    """
    if bgr.ndim == 2 or bgr.shape[2] == 1 or bgr.size == 0:
        return 0.0
    b, g, r = cv2.split(np.ascontiguousarray(bgr[::step, ::step]))
    return hist_percentile(cv2.max(cv2.absdiff(r, g), cv2.absdiff(g, b)), 99.9)


def chroma_stats(bgr: np.ndarray, mask: np.ndarray | None = None) -> ChromaStats:
    """White-balanced chroma statistics of `bgr` inside `mask` (255 = document)."""
    if bgr.ndim == 2 or bgr.shape[2] == 1 or min(bgr.shape[:2]) < 4:
        return ChromaStats(0.0, 0.0, 0.0, 0)
    bgr, _ = reduce_to(bgr, WORK_LONG)
    light, a, b = cv2.split(cv2.cvtColor(bgr, cv2.COLOR_BGR2LAB))
    usable = cv2.inRange(light, 52, 246)  # L* 20..97 in 8-bit units
    if mask is not None:
        inside = cv2.resize(mask, (bgr.shape[1], bgr.shape[0]), interpolation=cv2.INTER_NEAREST)
        usable = cv2.bitwise_and(usable, cv2.threshold(inside, 0, 255, cv2.THRESH_BINARY)[1])
    n_usable = cv2.countNonZero(usable)
    if n_usable < MIN_PIXELS:
        return ChromaStats(0.0, 0.0, 0.0, n_usable)
    a0, b0 = (cdf_percentile(masked_cdf(c, usable), 50) for c in (a, b))
    edges = cv2.dilate(cv2.Canny(light, 50, 150), np.ones((3, 3), np.uint8))
    keep = cv2.bitwise_and(usable, cv2.bitwise_not(edges))
    if cv2.countNonZero(keep) < MIN_PIXELS:
        keep = usable
    ramp = np.arange(256, dtype=np.float32)
    chroma = cv2.magnitude(cv2.LUT(a, ramp - a0), cv2.LUT(b, ramp - b0))
    values = np.minimum(chroma, 255).astype(np.uint8)  # truncated, as the percentiles read it
    cdf = masked_cdf(values, keep)
    strong = cv2.bitwise_and(np.greater(chroma, 2 * CHROMA_MIN).view(np.uint8), usable)
    blob, inner = _largest_patches(strong)
    return ChromaStats(float((cdf[-1] - cdf[int(CHROMA_MIN)]) / cdf[-1]),
                       cdf_percentile(cdf, 99.5), blob, int(cdf[-1]), inner)


def _largest_patches(strong: np.ndarray) -> tuple[float, float]:
    """Areas of the largest 8-connected patch of `strong` (uint8), and of the largest one clear
    of the `BORDER` band, as fractions of its size.

    Labelled inside the bounding box of the set pixels only: the same components, less work.
    """
    x, y, w, h = cv2.boundingRect(strong)
    if w == 0 or h == 0:
        return 0.0, 0.0
    n, _, stats, _ = cv2.connectedComponentsWithStats(strong[y:y + h, x:x + w], connectivity=8,
                                                      ltype=cv2.CV_16U)  # ≤ 480 px: < 2^16 labels
    if n < 2:
        return 0.0, 0.0
    comp = stats[1:]
    height, width = strong.shape
    m = int(BORDER * min(height, width))
    left, top = comp[:, cv2.CC_STAT_LEFT] + x, comp[:, cv2.CC_STAT_TOP] + y
    clear = ((left >= m) & (top >= m) & (left + comp[:, cv2.CC_STAT_WIDTH] <= width - m)
             & (top + comp[:, cv2.CC_STAT_HEIGHT] <= height - m))
    areas = comp[:, cv2.CC_STAT_AREA]
    inner = float(areas[clear].max()) if clear.any() else 0.0
    return float(areas.max()) / strong.size, inner / strong.size


RELIT_LUMA = 128  # mid gray: the re-exposed neighbourhood's 95th-percentile luma


def relit_chroma_stats(bgr: np.ndarray, mask: np.ndarray | None = None) -> ChromaStats:
    """`chroma_stats` of an under-exposed `bgr` after an exposure gain (dark photos).

    Chroma is a ratio of the channels, which a gain keeps, but pixels darker than L* 20 are not
    measured: a card photographed in a dark room has none left. The gain brings the 95th
    percentile of the luma to `RELIT_LUMA`; it never darkens (gain ≥ 1).
    """
    if bgr.ndim != 3 or bgr.shape[2] != 3 or min(bgr.shape[:2]) < 4:
        return ChromaStats(0.0, 0.0, 0.0, 0)
    luma = cv2.cvtColor(np.ascontiguousarray(bgr), cv2.COLOR_BGR2GRAY)
    gain = max(1.0, RELIT_LUMA / max(hist_percentile(luma, 95), 1.0))
    return chroma_stats(cv2.convertScaleAbs(bgr, alpha=gain), mask)
