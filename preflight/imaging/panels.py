"""Panels of a composite page: separately captured pictures pasted side by side or one above
the other (an ID card's front and back in one image, before/after crops), split by thin straight
lines that cross the whole page.

A divider is a thin line (at most `MAX_LINE` px of the analysis view) running across the whole
page: two neighbouring lines of pixels where the gray level steps by at least `MIN_STEP` in
opposite directions on at least `MIN_SHARE` of the page (a dark rule steps down then up, a
light one up then down). Text, tables and photos never do that over the full height or width;
the straight edge of a document lying on a desk steps once, not twice, so it is not a divider.
Sampling every `SAMPLE`-th line across is plenty for a line that spans the page, and `PROBE`
lines first tell most pages apart at once (~0.05 ms on an 800 px view).
"""

from __future__ import annotations

import cv2
import numpy as np

MIN_STEP = 24
"""Gray levels a divider's edges must step by (a panel border drawn by an editor is crisp)."""
MIN_SHARE = 0.95
"""Share of the sampled lines across the page on which both edges of the divider must step."""
SAMPLE = 8
"""Every how many lines across the page the steps are looked at."""
PROBE = 4
"""Lines across the page looked at first: a divider steps on every one of them."""
MAX_LINE = 16
"""Widest divider line, in analysis-view pixels."""
MIN_PANEL = 0.2
"""Narrowest panel, as a share of the page side it is cut from."""
INSET = 4
"""Pixels left out on each side of a panel, so a frame drawn round it is not measured as text."""


def divider_lines(gray: np.ndarray, axis: int) -> list[tuple[int, int]]:
    """(first, last) pixel positions of the thin lines that cross the whole of `gray` along
    `axis` (1: vertical lines, positions are columns; 0: horizontal lines, rows)."""
    if min(gray.shape) < 2 * SAMPLE:
        return []
    down, up = _crossing_steps(gray, axis, PROBE)
    if not (down.any() and up.any()):  # cheap pre-test on a few lines: no divider candidate
        return []
    down, up = _crossing_steps(gray, axis, gray.shape[1 - axis] // SAMPLE)
    lines: list[tuple[int, int]] = []
    for first, second in ((down, up), (up, down)):
        for i in np.flatnonzero(first):
            later = np.flatnonzero(second[i + 1:i + 1 + MAX_LINE])
            if later.size and not any(lo <= i + 1 <= hi + 1 for lo, hi in lines):
                lines.append((int(i) + 1, int(i + 1 + later[0])))
    return sorted(lines)


def _crossing_steps(gray: np.ndarray, axis: int, lines: int) -> tuple[np.ndarray, np.ndarray]:
    """(down, up): per position along `axis`, whether the gray level steps down (up) by
    `MIN_STEP` to the next pixel on at least `MIN_SHARE` of `lines` evenly spaced lines across."""
    picked = ((np.arange(lines) + 0.5) * gray.shape[1 - axis] / lines).astype(np.intp)
    sample = np.take(gray, picked, axis=1 - axis)  # centred lines, clear of a frame round it
    if axis == 1:  # rows across the page; steps between neighbouring columns
        a, b = sample[:, :-1], sample[:, 1:]
    else:  # columns across the page; steps between neighbouring rows
        a, b = sample[:-1], sample[1:]
    need = MIN_SHARE * lines
    return _count_steps(a, b, 1 - axis) >= need, _count_steps(b, a, 1 - axis) >= need


def _count_steps(a: np.ndarray, b: np.ndarray, axis: int) -> np.ndarray:
    """Per line along `axis`, how many pixels of `a` exceed those of `b` by `MIN_STEP` or more."""
    steps = cv2.threshold(cv2.subtract(a, b), MIN_STEP - 1, 1, cv2.THRESH_BINARY)[1]
    return cv2.reduce(steps, axis, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel()


def panel_spans(gray: np.ndarray) -> tuple[int, tuple[tuple[int, int], ...]]:
    """(axis, spans) of the panels of a composite page: `axis` 1 for panels side by side (spans
    are column ranges), 0 for panels one above the other (row ranges); spans narrower than
    `MIN_PANEL` of the side are dropped, the divider lines and `INSET` px beside them excluded.
    (1, ()) when the page is not split into at least two panels."""
    for axis in (1, 0):
        side = gray.shape[axis]
        cuts = [0]
        for a, b in divider_lines(gray, axis):
            cuts += [a, b + 1]
        cuts.append(side)
        spans = tuple((lo + INSET, hi - INSET) for lo, hi in zip(cuts[::2], cuts[1::2], strict=True)
                      if hi - lo >= MIN_PANEL * side)
        if len(spans) >= 2:
            return axis, spans
    return 1, ()
