"""A closed straight outline inside the frame: the document (or its printed frame) is whole.

The region detector (`quad.py`) follows the brightest component, which on a licence photo is
often the paper or the desk that runs off the frame while the printed licence frame is whole,
and on a cluttered desk merges the document with other papers. This module looks for the
document's *outline* instead: four straight lines, each drawn along at least half of its side,
meeting at four corners that all lie inside the frame.

Method: the line segment detector of von Gioi et al. (LSD, IPOL 2012;
`cv2.createLineSegmentDetector`) on the view reduced to at most 400 px; collinear pieces are
joined (a printed meander border or a worn paper edge breaks a line into pieces); the longest
near-horizontal and near-vertical lines are paired into quadrilaterals (all pairs at once, with
numpy), and one is kept when its corners lie inside the frame, it is convex, and each side is
covered for at least `min_cover` of its length by its line, which does not run on far past the
corners (a text line or table rule crossing the page is not a side). Lines of two objects that
happen to be collinear can close a wrong outline, so a found outline should only withdraw a
warning, never raise one.
"""

from __future__ import annotations

import cv2
import numpy as np

MAX_SIDE = 400  # the outline search runs at most at this long side (px)


def line_segments(gray: np.ndarray, max_side: int = MAX_SIDE) -> np.ndarray:
    """LSD segments (n × 4: x1, y1, x2, y2, float64) of `gray`, in its own pixel coordinates;
    the image is first reduced by an integer factor to a long side ≤ `max_side`."""
    h, w = gray.shape[:2]
    step = max(1, -(-max(h, w) // max_side))
    small = cv2.resize(gray, (w // step, h // step), interpolation=cv2.INTER_AREA) \
        if step > 1 and min(h, w) >= 2 * step else gray
    found = cv2.createLineSegmentDetector().detect(np.ascontiguousarray(small))[0]
    if found is None:
        return np.zeros((0, 4))
    sx, sy = w / small.shape[1], h / small.shape[0]
    return found.reshape(-1, 4).astype(np.float64) * (sx, sy, sx, sy)


def join_collinear(seg: np.ndarray, *, angle: float = 4.0, offset: float = 3.0,
                   gap: float = 0.03, scale: float = 1.0) -> np.ndarray:
    """Join segments lying on one straight line (direction within `angle`°, ends within
    `offset`·`scale` px of the line, gaps ≤ `gap` of the longer piece + 4·`scale` px), longest
    first; returns the joined segments (m × 4)."""
    if len(seg) == 0:
        return seg.reshape(0, 4)
    seg = seg[np.argsort(-np.hypot(seg[:, 2] - seg[:, 0], seg[:, 3] - seg[:, 1]))]
    left = np.ones(len(seg), bool)
    out = []
    cos_tol = np.cos(np.radians(angle))
    for i in range(len(seg)):
        if not left[i]:
            continue
        a, b = seg[i, :2], seg[i, 2:]
        length = float(np.hypot(*(b - a)))
        if length == 0:
            left[i] = False
            continue
        u = (b - a) / length
        n = np.array([-u[1], u[0]])
        rest = seg[left]
        d = rest[:, 2:] - rest[:, :2]
        ln = np.hypot(d[:, 0], d[:, 1]) + 1e-9
        ok = (np.abs(d @ u) / ln >= cos_tol) & (np.abs((rest[:, :2] - a) @ n) <= offset * scale) \
            & (np.abs((rest[:, 2:] - a) @ n) <= offset * scale)
        t0 = np.minimum((rest[:, :2] - a) @ u, (rest[:, 2:] - a) @ u)
        t1 = np.maximum((rest[:, :2] - a) @ u, (rest[:, 2:] - a) @ u)
        idx = np.flatnonzero(ok)
        lo, hi = 0.0, length
        for k in idx[np.argsort(t0[idx])]:  # grow the run through small gaps, both ways
            if t0[k] <= hi + gap * max(length, ln[k]) + 4 * scale and t1[k] >= lo - 4 * scale:
                lo, hi = min(lo, t0[k]), max(hi, t1[k])
        for k in idx[np.argsort(-t1[idx])]:
            if t1[k] >= lo - gap * max(length, ln[k]) - 4 * scale and t0[k] <= hi + 4 * scale:
                lo, hi = min(lo, t0[k]), max(hi, t1[k])
        inside = idx[(t0[idx] >= lo - 1) & (t1[idx] <= hi + 1)]
        left[np.flatnonzero(left)[inside]] = False
        out.append(np.concatenate([a + u * lo, a + u * hi]))
    return np.array(out)


def _intersect(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Intersections of the infinite lines through segments p and q (… × 4 each)."""
    r, s = p[..., 2:] - p[..., :2], q[..., 2:] - q[..., :2]
    den = r[..., 0] * s[..., 1] - r[..., 1] * s[..., 0]
    den = np.where(np.abs(den) < 1e-9, np.nan, den)
    w = q[..., :2] - p[..., :2]
    t = (w[..., 0] * s[..., 1] - w[..., 1] * s[..., 0]) / den
    return p[..., :2] + t[..., None] * r


def _cover(seg: np.ndarray, c1: np.ndarray, c2: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                       np.ndarray]:
    """Share of c1→c2 covered by seg's projection, its overshoot past the corners (share of the
    side) and the largest distance of seg's ends from the side (px)."""
    d = c2 - c1
    length = np.hypot(d[..., 0], d[..., 1]) + 1e-9
    u = d / length[..., None]
    n = np.stack([-u[..., 1], u[..., 0]], -1)
    ta = ((seg[..., :2] - c1) * u).sum(-1)
    tb = ((seg[..., 2:] - c1) * u).sum(-1)
    lo, hi = np.minimum(ta, tb), np.maximum(ta, tb)
    cover = (np.minimum(hi, length) - np.maximum(lo, 0)) / length
    over = np.maximum(np.maximum(-lo, hi - length), 0) / length
    off = np.maximum(np.abs(((seg[..., :2] - c1) * n).sum(-1)),
                     np.abs(((seg[..., 2:] - c1) * n).sum(-1)))
    return cover, over, off


def closed_outline(gray: np.ndarray, *, min_area: float = 0.12, margin_frac: float = 0.02,
                   min_cover: float = 0.5, max_over: float = 0.15, top: int = 8,
                   max_side: int = MAX_SIDE) -> np.ndarray | None:
    """Corners (TL, TR, BR, BL, 4 × 2, in `gray` pixels) of the largest quadrilateral of straight
    lines whose four corners lie ≥ `margin_frac` of the short side inside the frame and which
    covers ≥ `min_area` of it, or None; pure function (see the module docstring)."""
    h, w = gray.shape[:2]
    short = min(h, w)
    if short < 16:
        return None
    scale = max(1, -(-max(h, w) // max_side))
    seg = line_segments(gray, max_side)
    seg = seg[np.hypot(seg[:, 2] - seg[:, 0], seg[:, 3] - seg[:, 1]) >= 0.04 * short]
    seg = join_collinear(seg, scale=scale)
    if len(seg) < 4:
        return None
    length = np.hypot(seg[:, 2] - seg[:, 0], seg[:, 3] - seg[:, 1])
    seg, length = seg[length >= 0.1 * short], length[length >= 0.1 * short]
    ang = np.degrees(np.arctan2(seg[:, 3] - seg[:, 1], seg[:, 2] - seg[:, 0])) % 180
    hor = np.flatnonzero((ang < 35) | (ang > 145))
    ver = np.flatnonzero((ang > 55) & (ang < 125))
    hor, ver = hor[np.argsort(-length[hor])][:top], ver[np.argsort(-length[ver])][:top]
    mid = (seg[:, :2] + seg[:, 2:]) / 2
    tb = np.array([(t, b) for t in hor for b in hor if mid[t, 1] < mid[b, 1]]).reshape(-1, 2)
    lr = np.array([(le, r) for le in ver for r in ver if mid[le, 0] < mid[r, 0]]).reshape(-1, 2)
    if len(tb) == 0 or len(lr) == 0:
        return None
    top_s, bot_s = seg[tb[:, 0]][:, None], seg[tb[:, 1]][:, None]
    left_s, right_s = seg[lr[:, 0]][None], seg[lr[:, 1]][None]
    corners = np.stack([_intersect(top_s, left_s), _intersect(top_s, right_s),
                        _intersect(bot_s, right_s), _intersect(bot_s, left_s)], -2)
    m = margin_frac * short
    with np.errstate(invalid="ignore"):
        ok = np.all((corners[..., 0] >= m) & (corners[..., 1] >= m) &
                    (corners[..., 0] <= w - 1 - m) & (corners[..., 1] <= h - 1 - m), -1)
        nxt, prv = np.roll(corners, -1, -2), np.roll(corners, 1, -2)
        e1, e2 = corners - prv, nxt - corners
        cross = e1[..., 0] * e2[..., 1] - e1[..., 1] * e2[..., 0]
        ok &= np.all(cross > 0, -1)  # convex, clockwise in image coordinates (y down)
        x, y = corners[..., 0], corners[..., 1]
        area = 0.5 * np.abs((x * np.roll(y, -1, -1) - np.roll(x, -1, -1) * y).sum(-1))
        ok &= area >= min_area * h * w
        sides = ((top_s, 0, 1), (right_s, 1, 2), (bot_s, 2, 3), (left_s, 3, 0))
        for s, i, j in sides:
            cover, over, off = _cover(np.broadcast_to(s, corners.shape[:2] + (4,)),
                                      corners[..., i, :], corners[..., j, :])
            ok &= (cover >= min_cover) & (over <= max_over) & (off <= 0.02 * short)
    if not ok.any():
        return None
    best = np.unravel_index(np.argmax(np.where(ok, area, -1)), ok.shape)
    return corners[best].astype(np.float32)
