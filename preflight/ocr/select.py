"""Which detected lines to recognise: geometry first, then the text of what was read.

Recognition costs about 6-8 ms of CPU per unit of line width/height (the recogniser pads every
line to at least 320×48 px), so a licence read in full costs 2-3 s. Lines are chosen in three
passes within one budget of width units:

1. titles (the three tallest lines: type keywords) and short lines, shortest first (labels
   such as 营业期限, values such as 长期, stand-alone dates such as 2026年11月1日), within
   `FIRST_PASS_SHARE` of the budget;
2. lines beside (same row, to the right) or just below an *anchor* read in pass 1: a date label
   (期限, 日期, 有效期, 签发) or a line with a year in it — this is where the dates are;
3. what the budget leaves: the remaining lines, taller first; long body-text lines only when
   no anchor was found at all (a letter's body never holds its signing date).

Each pass is recognised in small batches of lines of similar width (`batches`), in the pass's
order, so that the reader can stop after any batch once the page is complete.

Pure geometry on quads (4×2 arrays of corner points, clockwise from top-left).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

MAX_UNITS = 200.0  # width/height units recognised per page (≈ 1.3 s CPU at most)
FIRST_PASS_SHARE = 0.55  # the rest is kept for the lines beside date labels
MIN_UNITS = 320 / 48
MIN_RATIO = 1.5  # single characters of letter-spaced labels (名 称) wait for pass 3
SHORT_RATIO = 18.0  # labels, stand-alone dates, an ID card's 有效期限 line
LONG_LINE_RATIO = 30.0  # body text
BATCH = 4  # lines per recogniser call: the caller may stop after any batch
SIMILAR = 1.6  # widest / narrowest width ratio within one batch (the rest is padding)
# a line ending inside a 年月日 date or right after 至: its box may have been cut short (a seal
# ring or a frame line crossing the text)
CUT_SHORT = re.compile(r"(?:(?:19|20)\d{2}\s*年(?:\s*\d{1,2}(?:\s*月(?:\s*\d{1,2})?)?)?|至)\s*$")
EXTEND = 2.5  # line heights added to the right of a line that was cut short
YEAR = re.compile(r"(?:19|20)\d\d")
ANCHOR = re.compile(r"期\s*限|日\s*期|有\s*效\s*期|签\s*发|(?:19|20)\d\d")


@dataclass
class Budget:
    """Width units still available on this page."""

    units: float = MAX_UNITS

    def take(self, quads: list[np.ndarray], order: list[int]) -> list[int]:
        """The lines of `order` that fit in the budget (skipping the ones that do not)."""
        chosen = []
        for i in order:
            cost = max(ratio(quads[i]), MIN_UNITS)
            if cost <= self.units:
                chosen.append(i)
                self.units -= cost
        return chosen


def size(q: np.ndarray) -> tuple[float, float]:
    """(width, height) of a quad along its own axes."""
    return float(np.linalg.norm(q[1] - q[0])), float(np.linalg.norm(q[3] - q[0]))


def ratio(q: np.ndarray) -> float:
    """Width over height."""
    w, h = size(q)
    return w / max(h, 1.0)


def box(q: np.ndarray) -> tuple[float, float, float, float]:
    """Axis-aligned (x, y, w, h) of a quad."""
    x0, y0 = q.min(axis=0)
    x1, y1 = q.max(axis=0)
    return float(x0), float(y0), float(x1 - x0), float(y1 - y0)


def horizontal(quads: list[np.ndarray]) -> list[int]:
    """Lines that are not near-vertical (dates and keywords are printed horizontally)."""
    return [i for i, q in enumerate(quads) if 4 <= size(q)[1] <= 1.5 * size(q)[0]]


def first_pass(quads: list[np.ndarray], budget: Budget) -> list[int]:
    """The three tallest lines, then short lines by increasing width/height ratio."""
    kept = horizontal(quads)
    by_height = sorted(kept, key=lambda i: -size(quads[i])[1])
    titles = by_height[:3]
    short = sorted((i for i in by_height[3:] if MIN_RATIO <= ratio(quads[i]) <= SHORT_RATIO),
                   key=lambda i: ratio(quads[i]))
    share = Budget(MAX_UNITS * FIRST_PASS_SHARE)
    chosen = share.take(quads, titles + short)
    budget.units -= MAX_UNITS * FIRST_PASS_SHARE - share.units
    return chosen


def beside_anchors(quads: list[np.ndarray], read: dict[int, str], budget: Budget) -> list[int]:
    """Unread lines on the same row right of an anchor line, or just below it."""
    anchors = [box(quads[i]) for i, text in read.items() if ANCHOR.search(text)]
    wanted = [i for i in horizontal(quads) if i not in read
              and any(_near(a, box(quads[i])) for a in anchors)]
    return budget.take(quads, sorted(wanted, key=lambda i: ratio(quads[i])))


def _near(a: tuple[float, float, float, float], c: tuple[float, float, float, float]) -> bool:
    ax, ay, aw, ah = a
    cx, cy, cw, ch = c
    overlap = max(0.0, min(ay + ah, cy + ch) - max(ay, cy)) / max(1.0, min(ah, ch))
    same_row = overlap >= 0.5 and cx >= ax + 0.5 * aw
    below = ay + 0.5 * ah < cy <= ay + 2.5 * ah and cx < ax + aw and cx + cw > ax
    return same_row or below


def has_anchor(read: dict[int, str]) -> bool:
    """True when some line read so far is a date label or holds a year."""
    return any(ANCHOR.search(t) for t in read.values())


def rest(quads: list[np.ndarray], read: set[int], budget: Budget, *, long: bool) -> list[int]:
    """Lines not read yet, taller first; long body-text lines (last) only when `long`."""
    left = [i for i in horizontal(quads) if i not in read
            and (long or ratio(quads[i]) <= LONG_LINE_RATIO)]
    order = sorted(left, key=lambda i: (ratio(quads[i]) > LONG_LINE_RATIO, -size(quads[i])[1]))
    return budget.take(quads, order)



def batches(quads: list[np.ndarray], order: list[int]) -> list[list[int]]:
    """`order` cut into recogniser batches: groups of `BATCH` consecutive lines, each split
    where the width ratio jumps (the recogniser pads every line to the widest of its batch, and
    to at least `MIN_UNITS`, which costs time and, measured, confidence)."""
    out: list[list[int]] = []
    for start in range(0, len(order), BATCH):
        group = sorted(order[start:start + BATCH], key=lambda i: ratio(quads[i]))
        current = [group[0]]
        for i in group[1:]:
            if ratio(quads[i]) <= SIMILAR * max(ratio(quads[current[0]]), MIN_UNITS):
                current.append(i)
            else:
                out.append(current)
                current = [i]
        out.append(current)
    return out


def extended(q: np.ndarray, width: float) -> np.ndarray:
    """The quad `q` prolonged to the right by `EXTEND` line heights (within `width`)."""
    w, h = size(q)
    ux = (q[1] - q[0]) / max(w, 1e-6)
    room = max(0.0, min(EXTEND * h, (width - 1 - max(q[1][0], q[2][0])) / max(ux[0], 1e-6)))
    out = q.astype(np.float64).copy()
    out[1] += ux * room
    out[2] += ux * room
    return out




def same_line(q: np.ndarray, candidates: list[np.ndarray]) -> np.ndarray | None:
    """The candidate quad that overlaps `q` most (at least half of the smaller box), or None."""
    def overlap(c: np.ndarray) -> float:
        a, b = box(q), box(c)
        ix = max(0.0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
        iy = max(0.0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
        return ix * iy / max(1.0, min(a[2] * a[3], b[2] * b[3]))

    best = max(candidates, key=overlap, default=None)
    return best if best is not None and overlap(best) >= 0.5 else None
