"""Perspective of a located document: interior angles and opposite-side ratios of its quad.

A document photographed square-on is a rectangle: four 90° angles and equal opposite sides. A
tilted camera makes a trapezoid. Measures (ALGORITHMS.md §4, "skew and perspective"): the
largest |interior angle − 90°| and the smaller of the two opposite-side length ratios.
"""

from __future__ import annotations

import numpy as np


def interior_angles(corners: np.ndarray) -> np.ndarray:
    """Interior angles in degrees at TL, TR, BR, BL of a quadrilateral."""
    pts = np.asarray(corners, np.float64).reshape(4, 2)
    out = []
    for i in range(4):
        a, b = pts[i - 1] - pts[i], pts[(i + 1) % 4] - pts[i]
        cos = float(a @ b) / max(1e-9, float(np.linalg.norm(a) * np.linalg.norm(b)))
        out.append(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0))))
    return np.array(out)


def max_angle_deviation(corners: np.ndarray) -> float:
    """Largest |interior angle − 90°| of the quadrilateral, in degrees."""
    return float(np.abs(interior_angles(corners) - 90.0).max())


def side_ratio(corners: np.ndarray) -> float:
    """Smaller of (top/bottom, left/right) length ratios, each ≤ 1 (1 = no keystone)."""
    tl, tr, br, bl = np.asarray(corners, np.float64).reshape(4, 2)
    top, bottom = float(np.linalg.norm(tr - tl)), float(np.linalg.norm(br - bl))
    left, right = float(np.linalg.norm(bl - tl)), float(np.linalg.norm(br - tr))
    ratios = [min(top, bottom) / max(top, bottom, 1e-9), min(left, right) / max(left, right, 1e-9)]
    return float(min(ratios))
