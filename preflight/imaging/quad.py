"""Where the document is in the frame: its region, quadrilateral and contact with the border.

Two detectors, at the 800 px analysis scale (ALGORITHMS.md §4, "classical pipeline"):

1. *Region*: Otsu's threshold (Otsu 1979) on the smoothed lightness splits paper from a darker
   background; the largest bright component with its holes filled is the document region. Its
   convex hull is reduced to four corners with `approxPolyDP` (Douglas–Peucker), loosening the
   tolerance until four vertices remain.
2. *Edges*: Canny with thresholds from the median (the "auto Canny" rule), dilated, contours,
   convex hull, four-vertex approximation (as in the SmartDoc 2015 Canny baselines). It finds a
   document on a light desk that the region detector merges with the background.

"No quadrilateral found" is not evidence of anything (BASELINES.md: 80 of 88 false cropped-corner
alarms came from it): the result then says `mode="unknown"`. A document region that covers nearly
the whole frame border is a full-page scan or a frame-filling photo: `mode="scan"`.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from preflight.context import PageContext
from preflight.imaging.frame import analysis_view

MIN_AREA = 0.12  # a document smaller than this fraction of the frame is not localised
MIN_RECTANGULARITY = 0.85  # region area / fitted quad area
SCAN_CONTACT = 0.80  # border fraction covered by the document region that means "fills frame"


@dataclass(frozen=True)
class DocumentQuad:
    """The located document, in analysis pixels (see `AnalysisView.factor` for working pixels).

    `corners` are TL, TR, BR, BL (float32, shape 4×2) or None; `region` is the uint8 mask (255 =
    document) or None; `border` is the fraction of each frame side (top, right, bottom, left)
    covered by the region; `mode` is photo | scan | unknown; `method` says which detector won.
    """

    corners: np.ndarray | None
    region: np.ndarray | None
    border: tuple[float, float, float, float]
    mode: str
    method: str
    frame_size: tuple[int, int]

    @property
    def found(self) -> bool:
        """True when four corners were fitted."""
        return self.corners is not None

    @property
    def area_fraction(self) -> float:
        """Document region area / frame area (0 when nothing was found)."""
        if self.region is None:
            return 0.0
        return float(np.count_nonzero(self.region)) / self.region.size

    @property
    def border_contact(self) -> float:
        """Fraction of the whole frame border covered by the document region."""
        w, h = self.frame_size
        t, r, b, left = self.border
        return (t * w + b * w + r * h + left * h) / (2 * (w + h))


def order_corners(pts: np.ndarray) -> np.ndarray:
    """Four points ordered TL, TR, BR, BL (by the sums and differences of coordinates)."""
    pts = np.asarray(pts, np.float32).reshape(4, 2)
    s, d = pts.sum(1), np.diff(pts, axis=1).ravel()
    return np.array([pts[s.argmin()], pts[d.argmin()], pts[s.argmax()], pts[d.argmax()]],
                    np.float32)


def fit_quad(contour: np.ndarray) -> np.ndarray | None:
    """Four corners approximating the convex hull of `contour`, or None (Douglas–Peucker)."""
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for eps in (0.015, 0.025, 0.035, 0.05):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            quad = order_corners(approx)
            return quad if len({tuple(p) for p in quad.tolist()}) == 4 else None
        if len(approx) < 4:
            return None
    return None


def _rectangularity(mask_area: float, quad: np.ndarray) -> float:
    quad_area = abs(cv2.contourArea(quad))
    return mask_area / quad_area if quad_area > 0 else 0.0


def segment_region(gray: np.ndarray) -> np.ndarray | None:
    """The largest bright Otsu component with holes filled (uint8 mask), or None."""
    h, w = gray.shape
    k = max(3, (min(h, w) // 100) | 1)
    smooth = cv2.GaussianBlur(gray, (k, k), 0)
    if int(smooth.max()) - int(smooth.min()) < 24:
        return None
    _, bright = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    close = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * k + 1, 2 * k + 1))
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, close)
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    biggest = max(contours, key=cv2.contourArea)
    mask = np.zeros_like(gray)
    cv2.drawContours(mask, [biggest], -1, 255, cv2.FILLED)
    return mask if np.count_nonzero(mask) >= MIN_AREA * mask.size else None


def edge_quad(gray: np.ndarray) -> np.ndarray | None:
    """The largest convex four-corner contour of the auto-Canny edge map, or None."""
    h, w = gray.shape
    smooth = cv2.GaussianBlur(gray, (5, 5), 0)
    med = float(np.median(smooth))
    edges = cv2.Canny(smooth, int(max(10, 0.66 * med)), int(min(255, 1.33 * med) + 20))
    edges = cv2.dilate(edges, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    best, best_area = None, MIN_AREA * h * w
    for c in sorted(contours, key=cv2.contourArea, reverse=True)[:6]:
        quad = fit_quad(c)
        if quad is None or not cv2.isContourConvex(quad.reshape(-1, 1, 2)):
            continue
        area = abs(cv2.contourArea(quad))
        if area > best_area and area < 0.97 * h * w and \
                _rectangularity(cv2.contourArea(cv2.convexHull(c)), quad) > MIN_RECTANGULARITY:
            best, best_area = quad, area
    return best


def whole_outline_inside(gray: np.ndarray, margin_frac: float = 0.02) -> bool:
    """True when the edge detector finds a closed four-sided outline (`edge_quad`) whose corners
    all lie at least `margin_frac` of the short side inside the frame: a complete document, even
    if the bright region around it (a sheet, a desk) runs off the frame."""
    quad = edge_quad(gray)
    if quad is None:
        return False
    h, w = gray.shape
    m = margin_frac * min(w, h)
    return bool(np.all((quad[:, 0] >= m) & (quad[:, 1] >= m) &
                       (quad[:, 0] <= w - 1 - m) & (quad[:, 1] <= h - 1 - m)))


def border_coverage(mask: np.ndarray, margin: int) -> tuple[float, float, float, float]:
    """Fraction of each frame side (top, right, bottom, left) inside `mask` within `margin` px."""
    m = max(1, margin)
    return (float(mask[:m].max(0).mean()) / 255, float(mask[:, -m:].max(1).mean()) / 255,
            float(mask[-m:].max(0).mean()) / 255, float(mask[:, :m].max(1).mean()) / 255)


def locate_document(gray: np.ndarray) -> DocumentQuad:
    """Locate the document in an analysis-scale grayscale image (pure function)."""
    h, w = gray.shape
    margin = max(2, round(0.01 * min(h, w)))
    region = segment_region(gray)
    if region is not None:
        border = border_coverage(region, margin)
        contour = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)[0][0]
        quad = fit_quad(contour)
        rect_ok = quad is not None and \
            _rectangularity(float(np.count_nonzero(region)), quad) > MIN_RECTANGULARITY
        quad = quad if rect_ok else None
        if DocumentQuad(None, region, border, "", "", (w, h)).border_contact >= SCAN_CONTACT:
            return DocumentQuad(None, region, border, "scan", "region", (w, h))
        if quad is not None:
            return DocumentQuad(quad, region, border, "photo", "region", (w, h))
    quad = edge_quad(gray)
    if quad is not None:
        mask = np.zeros_like(gray)
        cv2.fillConvexPoly(mask, quad.astype(np.int32), 255)
        return DocumentQuad(quad, mask, border_coverage(mask, margin), "photo", "edges", (w, h))
    if region is not None:
        return DocumentQuad(None, region, border_coverage(region, margin), "photo", "region",
                            (w, h))
    return DocumentQuad(None, None, (0.0, 0.0, 0.0, 0.0), "unknown", "none", (w, h))


def document_quad(page: PageContext) -> DocumentQuad:
    """The page's document location (memoise with `page.memo(document_quad)`)."""
    return locate_document(page.memo(analysis_view).gray)
