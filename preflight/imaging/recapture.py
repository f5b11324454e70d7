"""Colour moiré: the chroma ripple a screen's sub-pixel grid leaves in a photo of it.

When a camera photographs an LCD, the red, green and blue sub-pixels alias against the sensor's
colour filter array and leave fine rainbow fringes (colour moiré) that a printed page never shows
(Mahdian et al., ICIP 2015, on the cyclostationarity of aliasing; the chroma-channel cue of the
CMA adapter, CVPR 2024). On printed paper, fine detail is almost achromatic: JPEG subsamples
chroma and ink is black. Method: on the flat (low-gradient) part of the frame, take the band-pass
(difference of Gaussians, σ 1 and 4 px of the 1000 px raster, computed at half size) of the a*
and b* channels and of L*; the score is the
90th percentile of |ΔDoG(a*)| + |ΔDoG(b*)| (the *chroma ripple*) and its ratio to the same
measure on L* (the *luma ripple*). Text edges are excluded by the flatness mask, and halftone or
guilloche print, being achromatic or printed in few colours, ripples in L* more than in chroma.
The same measure is taken one octave coarser (σ 2 and 8 px, at quarter size): how wide the
fringes are depends on the distance and zoom of the shot, and a moiré beat wider than the first
band still shows there (moiré is multi-scale: Sun et al., "Moiré photo restoration using
multiresolution CNNs", TIP 2018).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from preflight.imaging.histogram import hist_percentile

FLAT_GRADIENT = 32  # |Sobel x| + |Sobel y| of 8-bit L* at half size, box-averaged over 5 px
MIN_FLAT = 0.02  # too little flat area: no verdict
RIPPLE_FLOOR = 0.25  # luma ripple below a quarter gray level is numerical noise


GRID = 8  # cells per side for locating the ripple


@dataclass(frozen=True)
class MoireScore:
    """Chroma and luma ripple on flat areas (8-bit Lab units), the flat fraction, and `box`
    (x, y, w, h, in pixels of the image measured; None when nothing was measured): the cells
    of an 8×8 grid whose mean chroma ripple is at least half that of the strongest cell. The
    `coarse_*` fields are the same one octave coarser (zeros when too little is flat there)."""

    chroma_ripple: float
    luma_ripple: float
    flat_fraction: float
    box: tuple[int, int, int, int] | None = None
    coarse_chroma: float = 0.0
    coarse_luma: float = 0.0
    coarse_box: tuple[int, int, int, int] | None = None

    @property
    def ratio(self) -> float:
        """Chroma ripple / luma ripple (luma floored at RIPPLE_FLOOR so flat noise reads 0)."""
        return self.chroma_ripple / max(self.luma_ripple, RIPPLE_FLOOR)

    @property
    def coarse_ratio(self) -> float:
        """The ratio one octave coarser."""
        return self.coarse_chroma / max(self.coarse_luma, RIPPLE_FLOOR)


SUB = 8  # fixed-point sub-levels: ripples are fractions of a gray level
# |band| is kept in 8 bits of 1/SUB levels, so each ripple saturates at 255/SUB ≈ 31.9 levels,
# eight times the flag threshold; a luma ripple that high caps the ratio at 1 (no flag).
# σ 1.75 low-pass, 11 taps (±2.9σ): on every real and synthetic page the ripples are within one
# 1/8-level step of the 15-tap kernel's and no decision changes (`capture_sweep`, session 4).
_KERNEL = cv2.getGaussianKernel(11, 1.75).astype(np.float32)


@dataclass(frozen=True)
class _Ripple:
    """The ripple of one Lab image: p90 chroma and luma, flat fraction, box (its pixels)."""

    chroma: float
    luma: float
    fraction: float
    box: tuple[int, int, int, int] | None


def _ripple(lab: np.ndarray, locate: bool) -> _Ripple:
    """Band-pass ripple of `lab` (8-bit Lab) on its flat pixels: `lab` minus its σ 1.75 blur;
    the box only when `locate`.

    The blur is one separable pass from 8 bits, the difference is taken in place and the
    ripples are kept in 8 bits (histogram percentiles, block sums).
    """
    dx, dy = cv2.spatialGradient(cv2.extractChannel(lab, 0))  # both 3×3 Sobels in one pass
    grad = cv2.add(cv2.convertScaleAbs(dx), cv2.convertScaleAbs(dy))
    flat = (cv2.blur(grad, (5, 5)) < FLAT_GRADIENT).view(np.uint8)
    fraction = float(cv2.countNonZero(flat)) / flat.size
    if fraction < MIN_FLAT:
        return _Ripple(0.0, 0.0, fraction, None)
    low = cv2.sepFilter2D(lab, cv2.CV_32F, _KERNEL, _KERNEL)
    band = cv2.convertScaleAbs(cv2.subtract(lab, low, dst=low, dtype=cv2.CV_32F), alpha=SUB)
    luma, a, b = cv2.split(band)
    chroma = cv2.add(a, b)
    return _Ripple(hist_percentile(chroma, 90, flat) / SUB, hist_percentile(luma, 90, flat) / SUB,
                   fraction, ripple_box(chroma, flat) if locate else None)


def _scaled(box: tuple[int, int, int, int] | None, k: int) -> tuple[int, int, int, int] | None:
    return None if box is None else (k * box[0], k * box[1], k * box[2], k * box[3])


def colour_moire(bgr: np.ndarray, locate: bool = True) -> MoireScore:
    """Chroma/luma ripple of `bgr` (BGR uint8) on its flat areas; zeros when nothing is flat.

    The band σ 1–4 px of `bgr` is taken at half size: `pyrDown` is the σ≈1 low-pass and a
    σ 1.75 blur of the half-size Lab image the σ≈4 one, so their difference is the band at a
    quarter of the pixels; the coarse band (σ 2–8 px) is the same on the Lab image's `pyrDown`.
    With `locate` False the boxes are left out (None), and with them about a tenth of the cost:
    a caller that needs the box only when the score is high measures again then. About 4.5 ms
    for a 1000×750 photo without the boxes.
    """
    if bgr.ndim == 2 or bgr.shape[2] == 1 or min(bgr.shape[:2]) < 32:
        return MoireScore(0.0, 0.0, 0.0)
    lab = cv2.cvtColor(cv2.pyrDown(bgr), cv2.COLOR_BGR2LAB)
    fine = _ripple(lab, locate)
    if fine.fraction < MIN_FLAT:
        return MoireScore(0.0, 0.0, fine.fraction)
    coarse = (_ripple(cv2.pyrDown(lab), locate) if min(lab.shape[:2]) >= 32
              else _Ripple(0, 0, 0, None))
    return MoireScore(fine.chroma, fine.luma, fine.fraction, _scaled(fine.box, 2),
                      coarse.chroma, coarse.luma, _scaled(coarse.box, 4))


def ripple_box(chroma: np.ndarray, flat: np.ndarray) -> tuple[int, int, int, int] | None:
    """Bounding box of the GRID×GRID cells whose mean `chroma` (uint8) over `flat` (uint8 0/1)
    pixels is at least half the strongest cell's (cells less than a fifth flat are skipped);
    None if none is. Cells are block sums of the image cropped to a multiple of GRID (the last
    rows and columns, fewer than GRID, are left out)."""
    ch, cw = chroma.shape[0] // GRID, chroma.shape[1] // GRID
    if ch == 0 or cw == 0:
        return None
    kept = cv2.multiply(chroma, flat)[:ch * GRID, :cw * GRID]
    sums = kept.reshape(GRID, ch, GRID, cw).sum(axis=(1, 3), dtype=np.int64)
    counts = flat[:ch * GRID, :cw * GRID].reshape(GRID, ch, GRID, cw).sum(axis=(1, 3),
                                                                          dtype=np.int64)
    means = np.where(counts >= 0.2 * ch * cw, sums / np.maximum(counts, 1), 0.0)
    if means.max() <= 0:
        return None
    rows, cols = np.nonzero(means >= 0.5 * means.max())
    x0, x1 = cols.min() * cw, (cols.max() + 1) * cw
    y0, y1 = rows.min() * ch, (rows.max() + 1) * ch
    return int(x0), int(y0), int(x1 - x0), int(y1 - y0)
