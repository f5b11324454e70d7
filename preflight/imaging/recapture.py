"""Colour moiré: the chroma ripple a screen's sub-pixel grid leaves in a photo of it.

When a camera photographs an LCD, the red, green and blue sub-pixels alias against the sensor's
colour filter array and leave fine rainbow fringes (colour moiré) that a printed page never shows
(Mahdian et al., ICIP 2015, on the cyclostationarity of aliasing; the chroma-channel cue of the
CMA adapter, CVPR 2024). On printed paper, fine detail is almost achromatic: JPEG subsamples
chroma and ink is black. Method: on the flat (low-gradient) part of the frame, take the band-pass
(difference of Gaussians, σ 1 and 4 px) of the a* and b* channels and of L*; the score is the
90th percentile of |ΔDoG(a*)| + |ΔDoG(b*)| (the *chroma ripple*) and its ratio to the same
measure on L* (the *luma ripple*). Text edges are excluded by the flatness mask, and halftone or
guilloche print, being achromatic or printed in few colours, ripples in L* more than in chroma.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

FLAT_GRADIENT = 16  # |Sobel x| + |Sobel y| of 8-bit L*, box-averaged over 9 px
MIN_FLAT = 0.02  # too little flat area: no verdict
RIPPLE_FLOOR = 0.25  # luma ripple below a quarter gray level is numerical noise


@dataclass(frozen=True)
class MoireScore:
    """Chroma and luma ripple on flat areas (8-bit Lab units) and the flat fraction."""

    chroma_ripple: float
    luma_ripple: float
    flat_fraction: float

    @property
    def ratio(self) -> float:
        """Chroma ripple / luma ripple (luma floored at RIPPLE_FLOOR so flat noise reads 0)."""
        return self.chroma_ripple / max(self.luma_ripple, RIPPLE_FLOOR)


SUB = 8  # fixed-point sub-levels: ripples are fractions of a gray level


def _band(channel: np.ndarray) -> np.ndarray:
    """|DoG| (σ 1 and 4) of a uint8 channel in 1/SUB gray levels (uint16)."""
    fixed = channel.astype(np.int16) * SUB
    # σ 4 low-pass through the pyramid: pyrDown (σ≈1) + σ 1.75 at half size + pyrUp ≈ σ 4
    h, w = fixed.shape
    low = cv2.pyrUp(cv2.GaussianBlur(cv2.pyrDown(fixed), (0, 0), 1.75), dstsize=(w, h))
    return np.abs(cv2.subtract(cv2.GaussianBlur(fixed, (0, 0), 1.0), low)).astype(np.uint16)


def _p90(values: np.ndarray) -> float:
    """90th percentile of `values` (1/SUB units) through a histogram, in gray levels."""
    counts = np.bincount(values.ravel(), minlength=2).cumsum()
    return float(np.searchsorted(counts, 0.9 * (counts[-1] - 1), side="right")) / SUB


def colour_moire(bgr: np.ndarray) -> MoireScore:
    """Chroma/luma ripple of `bgr` (BGR uint8) on its flat areas; zeros when nothing is flat."""
    if bgr.ndim == 2 or bgr.shape[2] == 1 or min(bgr.shape[:2]) < 16:
        return MoireScore(0.0, 0.0, 0.0)
    light, a, b = cv2.split(cv2.cvtColor(bgr, cv2.COLOR_BGR2LAB))
    grad = cv2.add(cv2.convertScaleAbs(cv2.Sobel(light, cv2.CV_16S, 1, 0)),
                   cv2.convertScaleAbs(cv2.Sobel(light, cv2.CV_16S, 0, 1)))
    flat = cv2.blur(grad, (9, 9)) < FLAT_GRADIENT
    fraction = float(np.count_nonzero(flat)) / flat.size
    if fraction < MIN_FLAT:
        return MoireScore(0.0, 0.0, fraction)
    chroma = cv2.add(_band(a), _band(b))
    return MoireScore(_p90(chroma[flat]), _p90(_band(light)[flat]), fraction)
