"""How uniform the background around the document is.

The background is the analysis view outside the document (its fitted quadrilateral, or its
bright region when no quadrilateral was fitted), dilated by 2 % of the frame
so the document's own edge and shadow do not count. Two measures: the share of background pixels
whose CIELAB colour is more than `delta_e` (default 20, a clearly visible difference; CIE76)
away from the background's median colour, and the density of Canny edges in the background (a
cluttered desk, hands, other papers and printed matter are full of edges, a plain surface is
not). Only meaningful for photos where the document was located with background around it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from preflight.context import PageContext
from preflight.imaging.frame import analysis_view
from preflight.imaging.quad import DocumentQuad, document_quad

_LAB_WEIGHTS = np.array([[(100 / 255) ** 2, 1.0, 1.0]], np.float32)
"""OpenCV's 8-bit Lab stores L* scaled to 0..255 and a*, b* offset by 128: ΔE² weights."""


@dataclass(frozen=True)
class Background:
    """Background statistics: share of frame, off-tone share, edge density, clutter box."""

    fraction: float
    off_tone: float
    edge_density: float
    box: tuple[int, int, int, int] | None  # bounding box of off-tone pixels (analysis px)


def background_stats(bgr: np.ndarray, region: np.ndarray, *, delta_e: float = 20.0,
                     gray: np.ndarray | None = None) -> Background:
    """Uniformity of `bgr` outside `region` (255 = document); pure function. `gray` is `bgr` in
    grayscale when the caller has it already (the analysis view does)."""
    h, w = region.shape
    k = max(3, round(0.02 * min(h, w)) | 1)
    near = cv2.dilate(region, np.ones((k, k), np.uint8))
    n = region.size - cv2.countNonZero(near)
    if n < 0.02 * region.size:
        return Background(n / region.size, 0.0, 0.0, None)
    quarter = cv2.bitwise_not(np.ascontiguousarray(near[::4, ::4]))  # background at ¼: speed
    lab = cv2.cvtColor(np.ascontiguousarray(bgr[::4, ::4]), cv2.COLOR_BGR2LAB)
    sample = lab[::2, ::2][quarter[::2, ::2] > 0]
    median = np.median(sample if len(sample) else lab[quarter > 0], axis=0)
    d = cv2.subtract(lab, np.append(median, 0.0), dtype=cv2.CV_32F)  # a 4-vector: a scalar
    dist = cv2.transform(cv2.multiply(d, d), _LAB_WEIGHTS)  # squared CIE76 ΔE
    off = cv2.bitwise_and((dist > delta_e ** 2).view(np.uint8), quarter)
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY) if gray is None else gray
    edges = cv2.bitwise_and(cv2.Canny(gray, 60, 160), cv2.bitwise_not(near))
    x, y, bw, bh = cv2.boundingRect(off)
    box = (x * 4, y * 4, bw * 4, bh * 4) if bw else None
    off_share = cv2.countNonZero(off) / max(1, cv2.countNonZero(quarter))
    return Background(n / region.size, off_share, cv2.countNonZero(edges) / n, box)


def document_mask(quad: DocumentQuad) -> np.ndarray | None:
    """The document's area: inside its fitted outline when four corners were found, else its
    bright region. The outline, not the region: light objects touching the document (other
    papers on the desk) merge into the Otsu region but lie outside the document's quad."""
    if quad.corners is None or quad.region is None:
        return quad.region
    mask = np.zeros_like(quad.region)
    cv2.fillConvexPoly(mask, quad.corners.astype(np.int32), 255)
    return mask


def page_background(page: PageContext) -> Background | None:
    """Background statistics of a photo with a located document, else None (memoise)."""
    quad = page.memo(document_quad)
    mask = document_mask(quad)
    if quad.mode != "photo" or mask is None:
        return None
    view = page.memo(analysis_view)
    return background_stats(view.bgr, mask, gray=view.gray)
