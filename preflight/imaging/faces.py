"""Frontal faces (the portrait of an identity document) with the Viola–Jones Haar cascade.

OpenCV 5 dropped `CascadeClassifier`, so the classic detector (Viola & Jones, CVPR 2001;
Lienhart & Maydt's extended Haar set, ICIP 2002) is evaluated here in NumPy on OpenCV's own
trained `haarcascade_frontalface_default.xml` (Intel licence, shipped gzipped in
`preflight/data`, from the Debian `opencv-data` package 4.6.0). Same arithmetic as OpenCV's
`HaarEvaluator`: integral images, a 24×24 window whose feature sums are divided by the
window's standard deviation (times its area), stump classifiers summed per stage and compared
with the stage threshold; windows at every `STEP` pixels on an image pyramid with factor
`SCALE`; detections grouped like `groupRectangles` (eps 0.2) and kept with ≥ `min_neighbors`.
All windows of one pyramid level are evaluated together, dropping rejected ones stage by stage
(the first `DENSE_STAGES` by slicing the integral image over the whole grid, the rest by
gathering the survivors' corners). Unlike OpenCV, windows flatter than `MIN_STD` gray levels
(blank paper, a plain desk) are skipped: a face always has eyes, brows and hair.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import cv2
import numpy as np

SCALE = 1.2
STEP = 2
WINDOW = 24
MIN_STD = 8.0  # gray levels: windows flatter than this are skipped (a face has eyes and hair)
DENSE_STAGES = 2  # stages evaluated on the whole window grid before gathering survivors


@dataclass(frozen=True)
class _Stage:
    threshold: float
    features: np.ndarray  # (n,) feature index
    node_thresholds: np.ndarray  # (n,)
    leaves: np.ndarray  # (n, 2) value below / at-or-above the threshold
    rects: np.ndarray  # (m, 5) the used rectangles of the stage's features, feature by feature
    starts: np.ndarray  # (n,) index of each feature's first rectangle in `rects`


@dataclass(frozen=True)
class _Cascade:
    stages: tuple[_Stage, ...]
    rects: np.ndarray  # (features, 3, 5): x, y, w, h, weight (weight 0 = unused)


@lru_cache(maxsize=1)
def _cascade() -> _Cascade:
    raw = resources.files("preflight").joinpath("data/haarcascade_frontalface_default.xml.gz")
    root = ET.fromstring(gzip.decompress(raw.read_bytes()))
    node = root.find("cascade")
    assert node is not None
    stages = []
    for st in node.findall("stages/_"):
        weak = st.findall("weakClassifiers/_")
        inner = np.array([[float(v) for v in w.findtext("internalNodes", "").split()]
                          for w in weak])
        leaves = np.array([[float(v) for v in w.findtext("leafValues", "").split()]
                           for w in weak])
        stages.append((float(st.findtext("stageThreshold", "0")), inner[:, 2].astype(np.intp),
                       inner[:, 3], leaves))
    feats = node.findall("features/_")
    rects = np.zeros((len(feats), 3, 5))
    for i, f in enumerate(feats):
        for j, r in enumerate(f.findall("rects/_")):
            rects[i, j] = [float(v) for v in (r.text or "").split()]
    return _Cascade(tuple(_stage(*st, rects) for st in stages), rects)


def _stage(threshold: float, features: np.ndarray, node_thresholds: np.ndarray,
           leaves: np.ndarray, rects: np.ndarray) -> _Stage:
    used = [rects[f][rects[f][:, 4] != 0] for f in features]
    starts = np.cumsum([0] + [len(u) for u in used[:-1]])
    return _Stage(threshold, features, node_thresholds, leaves, np.concatenate(used), starts)


def _offsets(rects: np.ndarray, stride: int) -> tuple[np.ndarray, np.ndarray]:
    """Flat integral-image offsets (..., 4) of the rectangles' corners, and their weights."""
    x, y, w, h, wt = (rects[..., i] for i in range(5))
    top, bottom = y * stride, (y + h) * stride
    off = np.stack([top + x, top + x + w, bottom + x, bottom + x + w], axis=-1)
    return off.astype(np.intp), wt.astype(np.float32)


@dataclass(frozen=True)
class Face:
    """A detected face: (x, y, w, h) in input pixels and how many windows voted for it."""

    box: tuple[float, float, float, float]
    neighbors: int


def _level(gray: np.ndarray, cascade: _Cascade) -> np.ndarray:
    """Top-left corners (x, y) of the 24×24 windows of `gray` that pass every stage."""
    h, w = gray.shape
    s, sq = cv2.integral2(gray, sdepth=cv2.CV_32S, sqdepth=cv2.CV_64F)[:2]
    ny, nx = (h - WINDOW) // STEP + 1, (w - WINDOW) // STEP + 1

    def dense(tab: np.ndarray, x: float, y: float, bw: float, bh: float) -> np.ndarray:
        """Box sums at every window position on the STEP grid, by slicing the integral."""
        x0, y0, x1, y1 = int(x), int(y), int(x + bw), int(y + bh)
        def at(dy: int, dx: int) -> np.ndarray:
            return tab[dy:dy + STEP * ny:STEP, dx:dx + STEP * nx:STEP]
        return (at(y0, x0) - at(y0, x1) - at(y1, x0) + at(y1, x1)).ravel()

    total = dense(s, 1, 1, WINDOW - 2, WINDOW - 2).astype(np.float64)
    var = (WINDOW - 2) ** 2 * dense(sq, 1, 1, WINDOW - 2, WINDOW - 2) - total * total
    inv = (1.0 / np.sqrt(np.maximum(var, 1.0))).astype(np.float32)
    ys, xs = np.mgrid[0:STEP * ny:STEP, 0:STEP * nx:STEP]
    base = (ys * (w + 1) + xs).ravel()
    alive = var >= (MIN_STD * (WINDOW - 2) ** 2) ** 2  # flat paper or desk: no face there
    flat = s.ravel()
    for i, stage in enumerate(cascade.stages):
        if i < DENSE_STAGES:  # most windows still alive: slicing beats gathering
            score = np.zeros(base.size, np.float32)
            for fi, thr, leaf in zip(stage.features, stage.node_thresholds, stage.leaves,
                                     strict=True):
                value = np.zeros(base.size, np.float32)
                for x, y, bw, bh, wt in cascade.rects[fi]:
                    if wt:
                        value += wt * dense(s, x, y, bw, bh)
                score += np.where(value * inv < thr, leaf[0], leaf[1]).astype(np.float32)
            alive &= score >= stage.threshold
            if i == DENSE_STAGES - 1:
                base, inv = base[alive], inv[alive]
            continue
        off, wt = _offsets(stage.rects, w + 1)
        corners = flat[base[:, None, None] + off]  # (N, m, 4)
        sums = corners[..., 0] - corners[..., 1] - corners[..., 2] + corners[..., 3]
        value = np.add.reduceat(sums * wt, stage.starts, axis=1) * inv[:, None]
        keep = _score(stage, value) >= stage.threshold
        base, inv = base[keep], inv[keep]
        if not base.size:
            break
    return np.stack([base % (w + 1), base // (w + 1)], axis=1)


def _score(stage: _Stage, value: np.ndarray) -> np.ndarray:
    """Stage score of every window from its normalised feature values (N, n)."""
    return np.where(value < stage.node_thresholds, stage.leaves[:, 0],
                    stage.leaves[:, 1]).sum(axis=1)


def detect_faces(gray: np.ndarray, min_size: int = WINDOW, max_size: int | None = None,
                 min_neighbors: int = 3) -> list[Face]:
    """Frontal faces in an 8-bit grayscale image, largest first."""
    if gray.ndim != 2 or min(gray.shape) < max(WINDOW, min_size):
        return []
    cascade = _cascade()
    limit = max_size or min(gray.shape)
    found: list[tuple[float, float, float]] = []
    factor = max(1.0, min_size / WINDOW)
    while WINDOW * factor <= limit:
        size = (int(gray.shape[1] / factor), int(gray.shape[0] / factor))
        if min(size) < WINDOW:
            break
        small = cv2.resize(gray, size, interpolation=cv2.INTER_LINEAR) if factor > 1 else gray
        found.extend((x * factor, y * factor, WINDOW * factor) for x, y in _level(small, cascade))
        factor *= SCALE
    return _group(found, min_neighbors)


def _group(boxes: list[tuple[float, float, float]], min_neighbors: int) -> list[Face]:
    """Cluster square boxes (x, y, size) as OpenCV's `groupRectangles` does (eps 0.2)."""
    labels = list(range(len(boxes)))

    def find(i: int) -> int:
        while labels[i] != i:
            labels[i] = labels[labels[i]]
            i = labels[i]
        return i

    for i, (x1, y1, s1) in enumerate(boxes):
        for j in range(i):
            x2, y2, s2 = boxes[j]
            d = 0.2 * min(s1, s2)
            if abs(x1 - x2) <= d and abs(y1 - y2) <= d and abs(x1 + s1 - x2 - s2) <= d:
                labels[find(i)] = find(j)
    clusters: dict[int, list[tuple[float, float, float]]] = {}
    for i, b in enumerate(boxes):
        clusters.setdefault(find(i), []).append(b)
    faces = [Face(tuple(float(v) for v in (np.mean([b[0] for b in c]),  # type: ignore[arg-type]
                                            np.mean([b[1] for b in c]),
                                            np.mean([b[2] for b in c]),
                                            np.mean([b[2] for b in c]))), len(c))
             for c in clusters.values() if len(c) >= min_neighbors]
    return sorted(faces, key=lambda f: -f.box[2])
