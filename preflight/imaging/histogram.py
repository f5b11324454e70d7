"""Percentiles of 8-bit images through a 256-bin histogram (`cv2.calcHist`, optionally masked):
exact for uint8 values and several times faster than `np.percentile` on a boolean selection.

Convention: the `q`-th percentile is the smallest value v whose cumulative count exceeds
q/100 · (n − 1), i.e. numpy's "lower" interpolation.
"""

from __future__ import annotations

import cv2
import numpy as np


def masked_cdf(values: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """Cumulative 256-bin histogram of uint8 `values` where `mask` (uint8, None: all) is set."""
    hist = cv2.calcHist([np.ascontiguousarray(values)], [0], mask, [256], [0, 256]).ravel()
    return hist.astype(np.int64).cumsum()


def cdf_percentile(counts: np.ndarray, q: float) -> float:
    """`q`-th percentile from the cumulative counts of a 256-bin histogram."""
    return float(np.searchsorted(counts, q / 100.0 * (counts[-1] - 1), side="right"))


def hist_percentile(values: np.ndarray, q: float, mask: np.ndarray | None = None) -> float:
    """`q`-th percentile of the uint8 `values` (where `mask` is set)."""
    return cdf_percentile(masked_cdf(values, mask), q)
