"""Is the national emblem (国徽) visible where the document prints it?

The emblem is printed in red and gold: top left on the 国徽面 of the second-generation ID card
(GB/T 1.1 layout of the 居民身份证 back), top centre on the 营业执照 (2014 template). Method:
on the rectified document, measure inside the expected zone the fraction of saturated red
pixels (HSV hue within 12° of red, S ≥ 90, V ≥ 60) and of clipped pixels (V ≥ 250, S < 30: glare
or a white cover). An emblem that is present and uncovered fills a good part of its zone with red;
a finger, a sticker, a watermark, glare or a cut-off corner removes the red.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

ZONES = {  # (x0, y0, x1, y1) as fractions of a landscape document
    "id_back": (0.02, 0.03, 0.32, 0.50),
    "business_license": (0.36, 0.0, 0.64, 0.20),
}


@dataclass(frozen=True)
class EmblemScore:
    """Red and clipped fractions inside the emblem zone (x, y, w, h in document pixels)."""

    red: float
    clipped: float
    zone: tuple[int, int, int, int]


def emblem_zone(shape: tuple[int, ...], kind: str) -> tuple[int, int, int, int]:
    """The (x, y, w, h) zone of `kind`'s emblem in an image of `shape` (landscape assumed)."""
    h, w = shape[:2]
    x0, y0, x1, y1 = ZONES[kind]
    return (round(x0 * w), round(y0 * h), max(1, round((x1 - x0) * w)),
            max(1, round((y1 - y0) * h)))


def emblem_score(bgr: np.ndarray, kind: str) -> EmblemScore:
    """Red and clipped fractions of the emblem zone of `kind` in `bgr` (pure function)."""
    zone = emblem_zone(bgr.shape, kind)
    x, y, w, h = zone
    patch = bgr[y:y + h, x:x + w] if bgr.ndim == 3 else None
    if patch is None or patch.size == 0:
        return EmblemScore(0.0, 0.0, zone)
    hsv = cv2.cvtColor(patch, cv2.COLOR_BGR2HSV)
    hue, sat, val = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = ((hue <= 6) | (hue >= 174)) & (sat >= 90) & (val >= 60)
    clipped = (val >= 250) & (sat < 30)
    return EmblemScore(float(np.mean(red)), float(np.mean(clipped)), zone)
