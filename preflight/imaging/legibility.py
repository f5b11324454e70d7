"""How much of a page's text the OCR could not read confidently (a legibility measure).

Document image-quality assessment takes OCR accuracy as the ground truth of a page's quality
(the DIQA set, Kumar, Ye & Doermann 2013; SmartDoc-QA, Nayef et al., ICDAR 2015; focus
measures are judged by their correlation with it, Rusiñol, Chazalon & Ogier, DAS 2014).
Without the true text, the recogniser's own per-character confidence stands in for accuracy:
the share of the characters it read with a confidence below `LOW_CONFIDENCE`. Only rows at
least `MIN_ROW_HEIGHT` working pixels high are judged: smaller text is read unsurely at any
focus (a resolution matter, Q101).
Pure functions of OCR rows (`preflight.ocr.layout.Row`), boxes in working pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from preflight.ocr.layout import Row

LOW_CONFIDENCE = 0.8
"""A character read with a confidence below this is counted as not read confidently."""
MIN_ROW_HEIGHT = 20.0
"""Rows lower than this (working px) are not judged: the text is too small for OCR at any focus."""


@dataclass(frozen=True)
class Legibility:
    """Share of the judged characters read unsurely, how many were judged, and the box (working
    px, x y w h) of the rows where most of them were; `box` is None when nothing was judged."""

    share: float
    characters: int
    box: tuple[float, float, float, float] | None


def _scores(row: Row) -> list[float]:
    """Confidence of each non-space character of `row` (the row's own when none per character)."""
    per_char = row.char_confidence if len(row.char_confidence) == len(row.text) else \
        (row.confidence,) * len(row.text)
    return [c for ch, c in zip(row.text, per_char, strict=True) if not ch.isspace()]


def legibility(rows: Sequence[Row], *, low: float = LOW_CONFIDENCE,
               min_height: float = MIN_ROW_HEIGHT) -> Legibility:
    """The share of the characters of `rows` (those `min_height` px high or more) read with a
    confidence below `low`; 0 when no character was judged."""
    judged = [(r, s) for r in rows if r.box[3] >= min_height and (s := _scores(r))]
    total = sum(len(s) for _, s in judged)
    if not total:
        return Legibility(0.0, 0, None)
    unsure = [(r, sum(c < low for c in s), len(s)) for r, s in judged]
    share = sum(u for _, u, _ in unsure) / total
    worst = [r for r, u, n in unsure if u >= 0.5 * n] or [r for r, _ in judged]
    return Legibility(share, total, _union([r.box for r in worst]))


def _union(boxes: Sequence[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return x0, y0, x1 - x0, y1 - y0
