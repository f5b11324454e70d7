"""What the HTML report draws besides the findings: page thumbnails and the document outline.

Only made when `Settings.thumbnails` (the long side in pixels) is above 0, so the JSON and text
reports cost nothing extra. The thumbnail keeps the page's aspect ratio: a box (x, y, w, h) in
full-size page pixels maps onto it by the factor thumbnail width / page width. The outline is
the detected document quadrilateral (`preflight.imaging.quad`, when that module is present),
already computed and memoised by the checks that use it.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

from preflight.context import DocumentContext, PageContext

JPEG_QUALITY = 80


def thumbnail(image: np.ndarray, long_side: int) -> bytes:
    """`image` (BGR or gray) shrunk so its long side is at most `long_side`, as JPEG bytes."""
    h, w = image.shape[:2]
    k = min(1.0, long_side / max(h, w))
    if k < 1.0:
        step = int(1 / k)  # area averaging by an integer factor is OpenCV's fast path (~7x)
        if step >= 2:
            image = cv2.resize(image, (max(1, w // step), max(1, h // step)),
                               interpolation=cv2.INTER_AREA)
        size = (max(1, round(w * k)), max(1, round(h * k)))
        image = cv2.resize(image, size, interpolation=cv2.INTER_LINEAR)
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:  # pragma: no cover - imencode of a valid uint8 array does not fail
        raise ValueError("JPEG encoding of a thumbnail failed")
    return buf.tobytes()


def page_thumbnails(doc: DocumentContext, long_side: int) -> dict[int, bytes]:
    """Page index -> JPEG thumbnail for every loaded page; empty when `long_side` is 0."""
    if long_side <= 0 or not doc.loaded:
        return {}
    return {page.index: thumbnail(page.image, long_side) for page in doc.pages}


def page_overlays(doc: DocumentContext, long_side: int) -> dict[int, dict[str, Any]]:
    """Page index -> shapes to draw (full-size pixels); empty when `long_side` is 0."""
    if long_side <= 0 or not doc.loaded:
        return {}
    shapes = {page.index: document_outline(page) for page in doc.pages}
    return {i: s for i, s in shapes.items() if s}


def document_outline(page: PageContext) -> dict[str, Any]:
    """{"document": {"quad": [[x, y] × 4], "mode": ...}} in full-size pixels, or {}."""
    try:
        from preflight.imaging.frame import analysis_view
        from preflight.imaging.quad import document_quad
    except ImportError:  # the document detector is not part of this build
        return {}
    quad = page.memo(document_quad)
    corners = getattr(quad, "corners", None)
    if corners is None:
        return {}
    k = page.memo(analysis_view).factor * page.scale
    points = [[round(float(x) * k), round(float(y) * k)] for x, y in corners]
    return {"document": {"quad": points, "mode": getattr(quad, "mode", "")}}
