"""Overlaid watermark stamps: a framed text box ("复印无效", "仅供备案使用") laid over a document.

The watermark people add to ID copies before sending them is, overwhelmingly, a short phrase in a
rectangular frame stamped across the card. Method (morphological line extraction, as in table
ruling detection, Gatos et al. ICDAR 2005 style): adaptive-threshold the document (Q701 passes
the shared 480 px rectified document; larger inputs are reduced to 1000 px), keep only long
horizontal and vertical strokes with line-shaped openings, and look for closed rectangles of
stamp proportions (aspect 1.8–7, 12–70 % of the width) with text inside. Table cells are
rejected by counting: a page with more stamp-sized boxes than `MAX_BOXES`, or more closed frames
of any size than `MAX_CELLS`, is a ruled form, not a stamped copy; a box much
darker than the paper (`MIN_PAPER_TONE`) is a filled panel of a flyer (light text on a dark
ground), not a stamp laid on paper. `cover` is the ink density in a ring around the box, i.e.
whether the stamp lies over other printed content rather than on blank paper.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from preflight.imaging.emblem import ZONES
from preflight.imaging.frame import reduce_to

WORK_LONG = 1000
MAX_BOXES = 3
MAX_CELLS = 12  # closed frames of any size: more than this is a ruled form or table
MIN_INNER_INK = 0.08
MIN_SIDE_COVERAGE = 0.85
MIN_HEIGHT = 0.04  # of the document: a stamp on one of two ID cards scanned on one page is 4-5 %
MIN_PAPER_TONE = 0.55  # box mean / paper level (90th percentile): below, a filled dark box


KEY_ZONES = {  # kind: (zh, en, (x0, y0, x1, y1) as fractions of the landscape document)
    "id_front": ("头像", "portrait", (0.60, 0.08, 0.95, 0.85)),
    "residence_permit": ("头像", "portrait", (0.60, 0.08, 0.95, 0.85)),
    "id_back": ("国徽", "national emblem", ZONES["id_back"]),
    "business_license": ("国徽", "national emblem", ZONES["business_license"]),
}
"""The area of each document kind a watermark must never cover, besides its text fields."""


def zone_overlap(box: tuple[float, float, float, float], shape: tuple[int, ...],
                 zone: tuple[float, float, float, float]) -> float:
    """Overlap of the (x, y, w, h) `box` and `zone` (fractions of an image of `shape`), as a
    fraction of the smaller of the two: 1 when the stamp lies wholly on the zone or hides all of
    it, 0 when they do not meet."""
    h, w = shape[:2]
    zx0, zy0, zx1, zy1 = zone[0] * w, zone[1] * h, zone[2] * w, zone[3] * h
    ix = max(0.0, min(box[0] + box[2], zx1) - max(box[0], zx0))
    iy = max(0.0, min(box[1] + box[3], zy1) - max(box[1], zy0))
    area = min((zx1 - zx0) * (zy1 - zy0), box[2] * box[3])
    return ix * iy / area if area > 0 else 0.0


@dataclass(frozen=True)
class StampBox:
    """A framed stamp: (x, y, w, h) in input pixels, its inner ink and the ink around it."""

    box: tuple[float, float, float, float]
    width_fraction: float
    inner_ink: float
    cover: float


def _reduce(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """`gray` reduced to `WORK_LONG`; a 2×2 box first keeps thin frame lines through a small
    bilinear step (factor between 1 and 2)."""
    if 1 < max(gray.shape) / WORK_LONG < 2:
        return reduce_to(cv2.blur(gray, (2, 2)), WORK_LONG)
    return reduce_to(gray, WORK_LONG)


def _ink(gray: np.ndarray) -> np.ndarray:
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                 25, 12)


def _line_mask(ink: np.ndarray) -> np.ndarray:
    h, w = ink.shape
    hor = cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                           cv2.getStructuringElement(cv2.MORPH_RECT, (max(8, w // 40), 1)))
    ver = cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                           cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(8, h // 25))))
    return cv2.dilate(cv2.bitwise_or(hor, ver), np.ones((3, 3), np.uint8))


def _is_frame(lines: np.ndarray, x: int, y: int, w: int, h: int) -> bool:
    sub = lines[y:y + h, x:x + w] > 0
    sides = (sub[:3].any(0).mean(), sub[-3:].any(0).mean(),
             sub[:, :3].any(1).mean(), sub[:, -3:].any(1).mean())
    return min(sides) >= MIN_SIDE_COVERAGE


def _density(ink: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> float:
    region = ink[max(0, y0):max(0, y1), max(0, x0):max(0, x1)]
    return float(np.count_nonzero(region)) / region.size if region.size else 0.0


def framed_stamps(gray: np.ndarray) -> list[StampBox]:
    """Framed stamp boxes of a grayscale document (empty for a form with many boxes)."""
    if gray.ndim != 2 or min(gray.shape) < 32:
        return []
    small, factor = _reduce(gray)
    H, W = small.shape
    ink = _ink(small)
    lines = _line_mask(ink)
    found, cells = [], 0
    paper: float | None = None
    for c in cv2.findContours(lines, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)[0]:
        x, y, w, h = cv2.boundingRect(c)
        if w < 0.03 * W or h < 0.02 * H or not _is_frame(lines, x, y, w, h):
            continue
        cells += 1
        if not (0.12 * W <= w <= 0.7 * W and MIN_HEIGHT * H <= h <= 0.4 * H
                and 1.8 < w / h < 7):
            continue
        if paper is None:
            paper = max(1.0, float(np.percentile(small[::4, ::4], 90)))
        if float(small[y:y + h, x:x + w].mean()) < MIN_PAPER_TONE * paper:
            continue
        inner = _density(ink, x + 4, y + 4, x + w - 4, y + h - 4)
        if inner < MIN_INNER_INK:
            continue
        ring = _density(ink, x - h // 3, y - h // 3, x + w + h // 3, y + h + h // 3)
        outer = max(0.0, (ring * (w + 2 * (h // 3)) * (h + 2 * (h // 3)) - inner * w * h)
                    / max(1.0, (w + 2 * (h // 3)) * (h + 2 * (h // 3)) - w * h))
        found.append(StampBox((x * factor, y * factor, w * factor, h * factor), w / W, inner,
                              outer))
    found = _dedupe(found)
    return found if len(found) <= MAX_BOXES and cells <= MAX_CELLS else []


def _dedupe(boxes: list[StampBox]) -> list[StampBox]:
    """Drop boxes nested in a kept box (inner and outer contours of one frame)."""
    kept: list[StampBox] = []
    for b in sorted(boxes, key=lambda s: -s.box[2] * s.box[3]):
        x, y, w, h = b.box
        if not any(k.box[0] - 8 <= x and k.box[1] - 8 <= y and x + w <= k.box[0] + k.box[2] + 8
                   and y + h <= k.box[1] + k.box[3] + 8 for k in kept):
            kept.append(b)
    return kept
