"""The document cut out of the frame and warped to a canonical size, with its mask.

Canonical sizes (ALGORITHMS.md §0): an ID-1 card (85.60 × 53.98 mm, aspect 1.586) at about
300 dpi is 1012 × 638 px; A4 (aspect 1.414) at 150 dpi is 1240 × 1754 px; other documents keep
their measured aspect with the long side at 1240 px. The warp never enlarges: when the document
covers fewer working pixels than the canonical size, the canonical size is scaled down to the
available resolution, so a small photo is not made "blurry" by interpolation (BASELINES.md:
"treat too small to read as resolution, not blur"). `px_scale` says how many rectified pixels one
canonical pixel became (1.0 = full canonical resolution).

Full-page scans and frames where no quadrilateral was found are used whole, reduced the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from preflight.context import PageContext
from preflight.imaging.frame import analysis_view, reduce_to
from preflight.imaging.quad import document_quad

ID1 = (1012, 638)
A4 = (1240, 1754)
ID1_ASPECT, A4_ASPECT = 85.60 / 53.98, 297 / 210
GENERIC_LONG = 1240
SMALL_LONG = 480  # `rectified_small`: colour and coarse layout statistics


@dataclass(frozen=True)
class Rectified:
    """The rectified document: BGR and gray rasters, mask (255 = document), and geometry.

    `kind` is id1 | a4 | other | frame (whole frame, no quad); `homography` maps working pixels
    to rectified pixels (None for `frame`); `work_per_px` = working pixels per rectified pixel;
    `origin` = working-pixel position of a `frame` raster's top-left corner (a located region
    used whole starts there, not at the page's corner).
    """

    bgr: np.ndarray
    gray: np.ndarray
    mask: np.ndarray
    kind: str
    px_scale: float
    homography: np.ndarray | None
    work_per_px: float
    origin: tuple[float, float] = (0.0, 0.0)


def canonical_size(width: float, height: float) -> tuple[tuple[int, int], str]:
    """(w, h) canonical size and kind for a document measured `width` × `height` pixels."""
    long_, short = max(width, height), max(1.0, min(width, height))
    aspect, landscape = long_ / short, width >= height
    if abs(aspect - ID1_ASPECT) < 0.12:
        size, kind = ID1, "id1"
    elif abs(aspect - A4_ASPECT) < 0.08:
        size, kind = (A4[1], A4[0]), "a4"
    else:
        size, kind = (GENERIC_LONG, max(1, round(GENERIC_LONG / aspect))), "other"
    return (size if landscape else (size[1], size[0])), kind


def quad_sides(corners: np.ndarray) -> tuple[float, float]:
    """Mean (width, height) of a TL, TR, BR, BL quadrilateral."""
    tl, tr, br, bl = corners
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    return float(width), float(height)


def warp_document(image: np.ndarray, corners: np.ndarray, long_side: int | None = None,
                  work_per_image: float = 1.0) -> Rectified:
    """Warp the quadrilateral `corners` (pixels of `image`) to its canonical size.

    `long_side` caps the output's long side (a small rectification for statistics that need
    no detail); `work_per_image` = working pixels per pixel of `image` (the analysis view's
    factor), so that `homography` and `work_per_px` are stated in working pixels.
    """
    width, height = quad_sides(corners)
    (cw, ch), kind = canonical_size(width, height)
    px_scale = min(1.0, width / cw, height / ch)
    if long_side is not None:
        px_scale = min(px_scale, long_side / max(cw, ch))
    tw, th = max(8, round(cw * px_scale)), max(8, round(ch * px_scale))
    dst = np.array([[0, 0], [tw - 1, 0], [tw - 1, th - 1], [0, th - 1]], np.float32)
    hom = cv2.getPerspectiveTransform(corners.astype(np.float32), dst)
    bgr = cv2.warpPerspective(image, hom, (tw, th), flags=cv2.INTER_AREA,
                              borderMode=cv2.BORDER_REPLICATE)
    mask = np.full((th, tw), 255, np.uint8)
    if work_per_image != 1.0:
        hom = hom @ np.diag([1 / work_per_image, 1 / work_per_image, 1.0])
    return Rectified(bgr, cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), mask, kind, px_scale, hom,
                     width * work_per_image / tw)


def whole_frame(image: np.ndarray, long_side: int = GENERIC_LONG, work_per_image: float = 1.0,
                origin: tuple[float, float] = (0.0, 0.0)) -> Rectified:
    """The whole frame treated as the document, reduced to `long_side` (default: the generic
    canonical long side); `work_per_image` = working pixels per pixel of `image`, `origin` =
    working-pixel position of `image`'s top-left corner when it is a crop of the page."""
    small, factor = reduce_to(image, long_side)
    mask = np.full(small.shape[:2], 255, np.uint8)
    return Rectified(small, cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), mask, "frame",
                     min(1.0, max(small.shape[:2]) / GENERIC_LONG), None, factor * work_per_image,
                     origin)


def rectified_document(page: PageContext) -> Rectified:
    """The page's rectified document (memoise with `page.memo(rectified_document)`)."""
    quad = page.memo(document_quad)
    image = page.image if page.image.ndim == 3 else cv2.cvtColor(page.image, cv2.COLOR_GRAY2BGR)
    factor = page.memo(analysis_view).factor
    if quad.mode == "photo" and quad.corners is not None:
        return warp_document(image, quad.corners * factor)
    if quad.mode == "photo" and quad.region is not None:
        x, y, w, h = cv2.boundingRect(quad.region)
        x0, y0 = int(x * factor), int(y * factor)
        crop = image[y0:int((y + h) * factor), x0:int((x + w) * factor)]
        if crop.size:
            return whole_frame(crop, origin=(float(x0), float(y0)))
    return whole_frame(image)


def rectified_small(page: PageContext) -> Rectified:
    """The rectified document at most SMALL_LONG px long, warped from the 800 px analysis view
    (memoise with `page.memo(rectified_small)`).

    For statistics that need no detail (colour, coarse layout): one small warp instead of
    reducing the full-resolution `rectified_document`. Same geometry conventions: `homography`
    maps working pixels to these pixels, `work_per_px` = working pixels per pixel.
    """
    quad = page.memo(document_quad)
    view = page.memo(analysis_view)
    if quad.mode == "photo" and quad.corners is not None:
        return warp_document(view.bgr, quad.corners, SMALL_LONG, view.factor)
    if quad.mode == "photo" and quad.region is not None:
        x, y, w, h = cv2.boundingRect(quad.region)
        if w and h:
            return whole_frame(view.bgr[y:y + h, x:x + w], SMALL_LONG, view.factor,
                               (x * view.factor, y * view.factor))
    return whole_frame(view.bgr, SMALL_LONG, view.factor)
