"""Specular hot spots: near-clipped, colourless blobs brighter than the paper, and what they hide.

Method (ALGORITHMS.md §2, "classical rule" and "ink loss"): V = max(R, G, B) and
S = (max − min) / max. A glare candidate is a pixel with V ≥ `clip` (near clipping), S ≤ 0.2
(specular reflections take the illuminant's colour, not the ink's) and V ≥ paper + δ, where paper
is the 70th percentile of V inside the document: white paper is not glare. It must also stand
`rise` (25) levels above the paper or be saturated (V ≥ 254, when the paper is within 25 levels of
clipping): on bright paper the pixels just above the paper level belong to the paper's own bright
side and the soft rim of a reflection, and taking them into the blob dilutes its saturated core
and moves its rim onto the paper (issue 3, session 4: docs/detectors.md). Candidates are opened
with a 3×3 kernel and grouped with `connectedComponentsWithStats`. For each blob the surrounding
ring is compared with the blob: text (edge pixels) around a blob with no text inside it is the
"ink loss" cue that the reflection hides content.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from preflight.context import PageContext
from preflight.imaging.frame import analysis_view
from preflight.imaging.quad import document_quad


@dataclass(frozen=True)
class GlareBlob:
    """One hot spot: box (x, y, w, h) in analysis pixels, share of the document and its cues.

    `halo` is how much brighter than the paper the upper quartile of the pixels just outside the
    blob is: a reflection fades out softly into the paper, a printed white area ends at the paper
    level or at darker print. `ring_ink` / `inside_ink` are edge densities around and inside the blob.
    `at_frame_edge`: the blob runs into the frame border, so its halo is only seen on some sides
    and it may be a window, lamp or white sheet in the scene rather than a reflection on the
    document. `clipped` is the share of the blob's pixels at V ≥ 254: a reflection of a lamp or
    window saturates the sensor, white paper or a white print area stays a few levels below.
    `fade` is the median of the thin ring just outside the blob minus the paper: a reflection
    fades into the document on every side, so the ring is brighter than the paper all around,
    whereas a bright patch of wall or background seen through the document region is bordered by
    darker things on most sides.
    """

    box: tuple[int, int, int, int]
    fraction: float
    halo: float
    ring_ink: float
    inside_ink: float
    at_frame_edge: bool
    clipped: float
    fade: float

    @property
    def covers_text(self) -> bool:
        """True when the ring holds text and the blob holds markedly less (ink loss)."""
        return self.ring_ink >= 0.04 and self.inside_ink <= 0.5 * self.ring_ink


@dataclass(frozen=True)
class GlareMap:
    """Hot spots of a page (largest first) and the paper level they were compared with."""

    blobs: tuple[GlareBlob, ...]
    paper: float


def find_glare(bgr: np.ndarray, region: np.ndarray | None, *, clip: int = 248, delta: int = 6,
               rise: int = 25, max_sat: float = 0.2, min_fraction: float = 0.002) -> GlareMap:
    """Glare blobs of `bgr` inside `region` (255 = document; None = whole image); pure."""
    b, g, r = cv2.split(bgr)
    v = cv2.max(cv2.max(b, g), r)  # numpy's max(axis=2) is ~100x slower
    hist = cv2.calcHist([v], [0], region, [256], [0, 256]).ravel()
    doc_area = int(hist.sum())
    if doc_area == 0:
        return GlareMap((), 0.0)
    paper = float(np.searchsorted(hist.cumsum(), 0.7 * doc_area))  # 70th percentile
    span = cv2.subtract(v, cv2.min(cv2.min(b, g), r))
    level = int(np.ceil(max(paper + delta, min(254, max(clip, paper + rise)))))
    hot = cv2.bitwise_and(cv2.threshold(v, level - 1, 255, cv2.THRESH_BINARY)[1],
                          cv2.compare(span, cv2.convertScaleAbs(v, alpha=max_sat), cv2.CMP_LE))
    if region is not None:
        hot = cv2.bitwise_and(hot, region)
    cand = cv2.morphologyEx(hot, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    min_area = min_fraction * doc_area
    if cv2.countNonZero(cand) < min_area:  # the usual case; labelling a frame costs ~4 ms
        return GlareMap((), paper)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(cand, connectivity=8)
    keep = [i for i in range(1, n) if stats[i, cv2.CC_STAT_AREA] >= min_area]
    if not keep:
        return GlareMap((), paper)
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    blobs = [_describe(i, stats[i], labels, v, gray, paper, doc_area) for i in keep]
    blobs.sort(key=lambda b: -b.fraction)
    return GlareMap(tuple(blobs), paper)


def _describe(i: int, stat: np.ndarray, labels: np.ndarray, v: np.ndarray, gray: np.ndarray,
              paper: float, doc_area: int) -> GlareBlob:
    x, y, w, h, area = (int(s) for s in stat)
    r = max(3, int(0.5 * np.sqrt(w * h)))
    y0, x0 = max(0, y - r), max(0, x - r)
    sl = (slice(y0, y + h + r), slice(x0, x + w + r))
    mask = (labels[sl] == i).astype(np.uint8)
    near = cv2.dilate(mask, np.ones((2 * max(2, r // 6) + 1,) * 2, np.uint8)) > 0
    ring = cv2.dilate(mask, np.ones((2 * r + 1, 2 * r + 1), np.uint8)) > 0
    near &= mask == 0
    ring &= mask == 0
    edges = cv2.Canny(gray[sl], 50, 150) > 0
    around = v[sl][near]
    halo, fade = ((float(np.percentile(around, 75)) - paper, float(np.median(around)) - paper)
                  if around.size else (0.0, 0.0))
    edge = x == 0 or y == 0 or x + w == v.shape[1] or y + h == v.shape[0]
    return GlareBlob((x, y, w, h), area / doc_area, halo,
                     float(edges[ring].mean()) if ring.any() else 0.0,
                     float(edges[mask > 0].mean()), edge,
                     float(np.count_nonzero(v[sl][mask > 0] >= 254)) / area, fade)


def glare_inputs(page: PageContext) -> tuple[np.ndarray, np.ndarray | None]:
    """The analysis view and the region `glare_map` searches (the document in a photo, else all)."""
    quad = page.memo(document_quad)
    return page.memo(analysis_view).bgr, quad.region if quad.mode == "photo" else None


def glare_map(page: PageContext) -> GlareMap:
    """The page's glare blobs at analysis scale (memoise with `page.memo(glare_map)`)."""
    return find_glare(*glare_inputs(page))
