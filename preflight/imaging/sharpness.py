"""Sharpness metrics: the no-reference blur effect, per axis and per tile.

Method: Crété-Roffet, Dolmière, Ladret, Nicolas, "The blur effect: perception and estimation with
a new no-reference perceptual blur metric", SPIE Electronic Imaging 2007 (the same estimator as
`skimage.measure.blur_effect`). The image is re-blurred with an 11-tap box filter along one axis;
a sharp image loses much of its neighbour-difference variation, a blurred one little. The score
is 1 − (variation lost / variation present): 0 is sharp, 1 is fully blurred. It is a ratio, so it
does not depend on contrast or exposure; it does depend on scale, which is why it is measured on
the rectified document at its canonical resolution. The maximum over the two axes catches motion
blur along either axis; the difference between them says whether the blur is directional.

The blur effect saturates for strong defocus on photos with few text cells; the edge width
complements it. For an ideal step of contrast C blurred over w pixels the steepest slope is C / w
(Marziliano, Dufaux, Winkler, Ebrahimi, "A no-reference perceptual blur metric", ICIP 2002,
measure the width between the extrema around each edge; CPBD, Narvekar & Karam, TIP 2011, compare
it with a just-noticeable width of 3–5 px). Here w = (p98 − p2) / p99.5 of the central-difference
gradient of the cell: the width, in pixels of the measured raster, of the cell's sharpest edges.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

REBLUR = 11


def blur_effect_axes(gray: np.ndarray) -> tuple[float, float]:
    """(horizontal, vertical) blur effect of a grayscale image, each in [0, 1]."""
    img = gray.astype(np.float32)
    if img.shape[0] < 3 or img.shape[1] < 3:
        return 1.0, 1.0
    out = []
    for axis, ksize in ((1, (REBLUR, 1)), (0, (1, REBLUR))):
        reblurred = _reblur(gray, img, ksize)
        d_f = _abs_diff(img, axis)
        s_f = cv2.sumElems(d_f)[0]  # summed in double: exact for these sizes, cheaper than NumPy
        lost = cv2.subtract(d_f, _abs_diff(reblurred, axis))
        s_v = cv2.sumElems(cv2.threshold(lost, 0, 0, cv2.THRESH_TOZERO, dst=lost)[1])[0]  # Σ max(·, 0)
        out.append((s_f - s_v) / s_f if s_f > 0 else 1.0)
    return out[0], out[1]


def _reblur(gray: np.ndarray, img: np.ndarray, ksize: tuple[int, int]) -> np.ndarray:
    """`cv2.blur(img, ksize)` of `img` = float32 `gray`; for 8-bit `gray` from its 8-bit box sums
    divided by the tap count, the same values (OpenCV's float box filter divides the exact
    integer sum) at two thirds of the cost."""
    if gray.dtype != np.uint8:
        return cv2.blur(img, ksize, borderType=cv2.BORDER_REFLECT)
    sums = cv2.boxFilter(gray, cv2.CV_32F, ksize, normalize=False, borderType=cv2.BORDER_REFLECT)
    return np.divide(sums, np.float32(REBLUR), out=sums)


def _abs_diff(img: np.ndarray, axis: int) -> np.ndarray:
    """|neighbour difference| along `axis` of a float32 image (as np.abs(np.diff(...)))."""
    return cv2.absdiff(img[:, 1:], img[:, :-1]) if axis == 1 else cv2.absdiff(img[1:], img[:-1])


def blur_effect(gray: np.ndarray) -> float:
    """Blur effect (Crété-Roffet 2007) of a grayscale image: 0 sharp … 1 blurred."""
    return max(blur_effect_axes(gray))


def edge_width(gray: np.ndarray) -> float:
    """Width in pixels of the sharpest edges of a grayscale cell: (p98 − p2) / p99.5 of the
    central-difference gradient (Marziliano et al. 2002, in its contrast-over-slope form); 0 for
    a flat cell. Uses 256-bin histograms of every other line, not sorts, to stay cheap."""
    return edge_widths(gray)[0]


def edge_widths(gray: np.ndarray) -> tuple[float, float]:
    """(sharpest, softest) edge width of a grayscale cell: `edge_width`, then the same with the
    slope of the axis (horizontal or vertical difference) whose edges are least steep; the
    softest is the sharpest when that axis has no slope at all. Blur along one axis (camera
    shake) widens the edges across that axis only, and large crisp letters keep both narrow."""
    contrast, sx, sy = _contrast_and_slopes(gray)
    steep, soft = max(sx, sy), min(sx, sy)
    sharpest = contrast / steep if steep > 0 else 0.0
    return sharpest, contrast / soft if soft > 0 else sharpest


def _contrast_and_slopes(gray: np.ndarray) -> tuple[float, float, float]:
    """p98 − p2 of a cell and the p99.5 of its horizontal and vertical central differences."""
    img = gray if gray.dtype == np.uint8 else np.clip(gray, 0, 255).astype(np.uint8)
    if img.shape[0] < 3 or img.shape[1] < 3:
        return 0.0, 0.0, 0.0
    lo, hi = _hist_percentiles(img[::2, ::2], (2.0, 98.0))
    rows = img[::2]  # every other line is plenty for the steepest slopes
    gx = cv2.absdiff(rows[:, 2:], rows[:, :-2])
    gy = cv2.absdiff(img[2:], img[:-2])[:, ::2]  # contiguous difference, then every other column
    sx, sy = (_hist_percentiles(g, (99.5,))[0] / 2 for g in (gx, gy))
    return hi - lo, sx, sy


def _hist_percentiles(img: np.ndarray, qs: tuple[float, ...]) -> list[float]:
    """The first gray level whose cumulative count reaches q % of the (non-empty) uint8 `img`,
    for each q of at most one decimal; exact integer arithmetic on a 256-bin histogram."""
    cdf = np.cumsum(cv2.calcHist([img], [0], None, [256], [0, 256]).ravel().astype(np.int64))
    cdf *= 1000
    return [float(np.searchsorted(cdf, round(q * 10) * img.size)) for q in qs]


@dataclass(frozen=True)
class TileBlur:
    """Blur effect of one text tile: box (x, y, w, h) in the measured raster, both axes, and
    the sharpest and softest edge widths in pixels of that raster."""

    box: tuple[int, int, int, int]
    horizontal: float
    vertical: float
    width: float = 0.0
    soft_width: float = 0.0
    """Edge width along the axis whose edges are least steep (`edge_widths`)."""

    @property
    def score(self) -> float:
        """The worse axis."""
        return max(self.horizontal, self.vertical)


def inked_cells(gray: np.ndarray, region: np.ndarray | None, *, cells: int = 8,
                min_contrast: float = 40.0, limit: int = 16) -> list[tuple[int, int, int, int]]:
    """The most contrasted cells of a `cells`-per-long-side grid inside `region`, best first.

    Blank paper has nothing to measure and reads as "blurred" to every focus measure, so cells
    whose gray range (p98 − p2) is below `min_contrast` are skipped; a page with fewer than a
    few such cells gets no blur verdict. Contrast survives defocus far better than edges do, so
    a strongly blurred page still offers its text cells.
    """
    h, w = gray.shape
    step = max(8, max(h, w) // cells) & ~1  # even, for the 2× subsampling below
    ny, nx = h // step, w // step
    if ny == 0 or nx == 0:
        return []

    def blocks(a: np.ndarray) -> np.ndarray:
        sub = a[:ny * step:2, :nx * step:2]  # every other pixel is plenty for percentiles
        s = sub.shape[0] // ny
        return sub.reshape(ny, s, nx, s).swapaxes(1, 2).reshape(ny * nx, s * s)

    lo, hi = _row_percentiles(blocks(gray), (2.0, 98.0))
    ok = hi - lo >= min_contrast
    if region is not None:
        ok &= blocks(region).mean(axis=1) >= 0.9 * 255
    order = [i for i in np.argsort(lo - hi) if ok[i]][:limit]
    return [(int(i % nx) * step, int(i // nx) * step, step, step) for i in order]


def _row_percentiles(a: np.ndarray, qs: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """`np.percentile(a, qs, axis=1)` (linear interpolation) of a 2-D uint8 array, from its rows
    sorted once (NumPy's stable sort of 8-bit values is a radix sort: ~6x cheaper than
    partitioning, ~3x cheaper than one histogram per row)."""
    n = a.shape[1]
    ordered = np.sort(a, axis=1, kind="stable")
    out = []
    for q in qs:
        pos = q / 100.0 * (n - 1)
        k = int(pos)
        lo = ordered[:, k].astype(np.int64)  # the k-th smallest value (0-based) of each row
        out.append(lo + (pos - k) * (ordered[:, min(k + 1, n - 1)] - lo))
    return out[0], out[1]


def tile_blur(image: np.ndarray, boxes: list[tuple[int, int, int, int]], *,
              max_side: int = 256) -> list[TileBlur]:
    """Blur effect of each box of `image` (gray or BGR, converted per tile), measured on at
    most `max_side` px around its centre."""
    out = []
    for x, y, w, h in boxes:
        cw, ch = min(w, max_side), min(h, max_side)
        x0, y0 = x + (w - cw) // 2, y + (h - ch) // 2
        patch = image[y0:y0 + ch, x0:x0 + cw]
        if patch.ndim == 3:
            patch = cv2.cvtColor(patch, cv2.COLOR_BGR2GRAY)
        hz, vt = blur_effect_axes(patch)
        out.append(TileBlur((x0, y0, cw, ch), hz, vt, *edge_widths(patch)))
    return out
