"""What touches the frame border: document content cut by the edge of the photo.

A document that runs off the frame has its print cut by the frame edge: ink (dark strokes,
printed frame lines) inside the document region reaches the outermost strip of the image. Ink is
found with a local-mean adaptive threshold (dark by at least `offset` levels than the mean of a
25 px neighbourhood at analysis scale), so shading and paper tone do not count.
"""

from __future__ import annotations

import cv2
import numpy as np

SIDES = ("top", "right", "bottom", "left")
SIDES_ZH = ("上", "右", "下", "左")


def border_ink(gray: np.ndarray, region: np.ndarray | None, *, strip_frac: float = 0.01,
               segment: int = 10, offset: int = 20) -> tuple[float, float, float, float]:
    """Per side (top, right, bottom, left): share of `segment`-px pieces of the border strip
    that hold at least 3 ink pixels inside `region`; pure function."""
    h, w = gray.shape
    strip = max(3, round(strip_frac * min(h, w)))
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                25, offset)
    if region is not None:
        ink = cv2.bitwise_and(ink, region)
    out = []
    for band in (ink[:strip].T, ink[:, -strip:], ink[-strip:].T, ink[:, :strip]):
        counts = np.count_nonzero(band, axis=1)
        n = len(counts) // segment
        if n == 0:
            out.append(0.0)
            continue
        pieces = counts[:n * segment].reshape(n, segment).sum(1)
        out.append(float(np.mean(pieces >= 3)))
    return out[0], out[1], out[2], out[3]


def outline_points_on_border(region: np.ndarray, margin_frac: float = 0.02) -> int:
    """Vertices of the region's simplified outline (Douglas–Peucker, 2 % of the perimeter) that
    lie within the margin of the frame border: where the document's edges leave the frame."""
    contours, _ = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return 0
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    poly = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True).reshape(-1, 2)
    h, w = region.shape
    m = margin_frac * min(w, h)
    return int(sum(x < m or y < m or x > w - 1 - m or y > h - 1 - m for x, y in poly))


def corners_near_border(corners: np.ndarray | None, size: tuple[int, int],
                        margin_frac: float = 0.02) -> tuple[int, ...]:
    """Indices (TL, TR, BR, BL = 0..3) of quad corners within the margin of the frame border."""
    if corners is None:
        return ()
    w, h = size
    m = margin_frac * min(w, h)
    return tuple(i for i, (x, y) in enumerate(corners)
                 if x < m or y < m or x > w - 1 - m or y > h - 1 - m)


def saturated_share(bgr: np.ndarray, region: np.ndarray, *, min_saturation: int = 80) -> float:
    """Share of `region` (255 = inside) whose HSV saturation exceeds `min_saturation` (of 255),
    at quarter resolution; 0 for an empty region. Paper documents are mostly paper-coloured
    (ID cards and licences score ≤ 0.12 on the real set); a located "document" that is more
    than a quarter strongly coloured is a scene, a patterned cloth or a coloured object."""
    small = cv2.cvtColor(np.ascontiguousarray(bgr[::4, ::4]), cv2.COLOR_BGR2HSV)
    inside = np.ascontiguousarray(region[::4, ::4])
    n = cv2.countNonZero(inside)
    if n == 0:
        return 0.0
    strong = (small[..., 1] > min_saturation).view(np.uint8)
    return cv2.countNonZero(cv2.bitwise_and(strong, inside)) / n
