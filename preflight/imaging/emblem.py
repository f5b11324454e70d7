"""Is the national emblem (国徽) visible where the document prints it?

The emblem is printed in red and gold: top left on the 国徽面 of the second-generation 居民身份证,
top centre on the 营业执照 (the 2014 template). Method:
on the rectified document, measure inside the expected zone the fraction of saturated red
pixels (HSV hue within 12° of red, S ≥ 90, V ≥ 60) and of clipped pixels (V ≥ 250, S < 30: glare
or a white cover). An emblem that is present and uncovered fills a good part of its zone with red;
a finger, a sticker, a watermark, glare or a cut-off corner removes the red. Clipping counts as
glare only where it is more than twice the document's own clipped share (paper scanned at pure
white is not glare).
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
    """Red and clipped fractions inside the emblem zone (x, y, w, h in document pixels), and the
    clipped fraction of the whole document (white paper scanned at 255 is not glare)."""

    red: float
    clipped: float
    zone: tuple[int, int, int, int]
    page_clipped: float = 0.0


def emblem_zone(shape: tuple[int, ...], kind: str) -> tuple[int, int, int, int]:
    """The (x, y, w, h) zone of `kind`'s emblem in an image of `shape` (landscape assumed)."""
    h, w = shape[:2]
    x0, y0, x1, y1 = ZONES[kind]
    return (round(x0 * w), round(y0 * h), max(1, round((x1 - x0) * w)),
            max(1, round((y1 - y0) * h)))


def red_fraction(bgr: np.ndarray) -> float:
    """Fraction of saturated red pixels (the emblem's and the seals' red) in `bgr`."""
    if bgr.ndim != 3 or bgr.size == 0:
        return 0.0
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    hue, sat, val = cv2.split(hsv)
    return float(np.mean(((hue <= 6) | (hue >= 174)) & (sat >= 90) & (val >= 60)))


def emblem_score(bgr: np.ndarray, kind: str) -> EmblemScore:
    """Red and clipped fractions of the emblem zone of `kind` in `bgr` (pure function)."""
    zone = emblem_zone(bgr.shape, kind)
    x, y, w, h = zone
    patch = bgr[y:y + h, x:x + w] if bgr.ndim == 3 else None
    if patch is None or patch.size == 0:
        return EmblemScore(0.0, 0.0, zone)
    return EmblemScore(red_fraction(patch), _clipped(patch), zone, _clipped(bgr))


def _clipped(bgr: np.ndarray) -> float:
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    return float(np.mean((hsv[..., 2] >= 250) & (hsv[..., 1] < 30)))
