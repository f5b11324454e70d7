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


@dataclass(frozen=True)
class Background:
    """Background statistics: share of frame, off-tone share, edge density, clutter box."""

    fraction: float
    off_tone: float
    edge_density: float
    box: tuple[int, int, int, int] | None  # bounding box of off-tone pixels (analysis px)


def background_stats(bgr: np.ndarray, region: np.ndarray, *, delta_e: float = 20.0
                     ) -> Background:
    """Uniformity of `bgr` outside `region` (255 = document); pure function."""
    h, w = region.shape
    k = max(3, round(0.02 * min(h, w)) | 1)
    bg = cv2.dilate(region, np.ones((k, k), np.uint8)) == 0
    n = int(np.count_nonzero(bg))
    if n < 0.02 * bg.size:
        return Background(n / bg.size, 0.0, 0.0, None)
    lab = cv2.cvtColor(np.ascontiguousarray(bgr[::4, ::4]), cv2.COLOR_BGR2LAB)  # ¼: speed
    lab = lab.astype(np.float32) * np.float32(100 / 255)  # OpenCV stores L* scaled to 0..255
    lab[..., 1:] *= np.float32(255 / 100)  # a*, b* were not scaled
    quarter = bg[::4, ::4]
    sample = lab[::2, ::2][quarter[::2, ::2]]
    d = lab - np.median(sample if len(sample) else lab[quarter], axis=0)
    off = (np.einsum("ijk,ijk->ij", d, d) > delta_e ** 2) & quarter
    edges = cv2.Canny(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), 60, 160) > 0
    x, y, bw, bh = cv2.boundingRect(off.view(np.uint8))
    box = (x * 4, y * 4, bw * 4, bh * 4) if bw else None
    off_share = int(np.count_nonzero(off)) / max(1, int(np.count_nonzero(quarter)))
    return Background(n / bg.size, off_share, int(np.count_nonzero(edges & bg)) / n, box)


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
    return background_stats(page.memo(analysis_view).bgr, mask)
