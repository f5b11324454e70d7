"""When a page has been read far enough: its type is sure and every date it needs is in hand.

The RapidOCR engine recognises lines in small batches, most useful first
(`preflight/ocr/select.py`), and asks `page_complete` after each batch; once it answers yes the
remaining lines are not recognised. An ID card front needs no date at all, an ID back and a
residence permit their validity range, a licence its term and issue date, a letter its signing
date. The type must lead the runner-up by `MIN_MARGIN` keyword points (a title word weighs 3).
Only dates that would be used for a verdict count (confidence ≥ `MIN_CONFIDENCE`, not
rejected as implausible), so stopping early never replaces a good reading by a doubtful one.
"""

from __future__ import annotations

from preflight.dates.extract import MIN_CONFIDENCE, extract_dates
from preflight.model import DocumentType as T
from preflight.ocr import OcrLine
from preflight.ocr.classify import classify
from preflight.ocr.layout import group_rows

MIN_MARGIN = 2.0  # keyword score of the type over the runner-up (a field label weighs 1-2)
_RANGE = frozenset({"valid_from", "valid_until"})
NEEDED: dict[T, frozenset[str]] = {
    T.ID_FRONT: frozenset(),
    T.ID_BACK: _RANGE,
    T.RESIDENCE_PERMIT: _RANGE,
    T.BUSINESS_LICENSE: _RANGE | {"issued_on"},
    T.AUTHORIZATION_LETTER: frozenset({"signed_on"}),
    T.COMMITMENT_LETTER: frozenset({"signed_on"}),
    T.CONSTRUCTION_PLAN: frozenset({"signed_on"}),
}


def page_complete(lines: tuple[OcrLine, ...]) -> bool:
    """True when `lines` already give a confident type and every date that type needs."""
    rows = group_rows(lines)
    kind = classify(rows)
    needed = NEEDED.get(kind.document_type)
    if needed is None or _margin(kind.scores) < MIN_MARGIN:
        return False
    found = extract_dates(rows, kind.document_type)
    usable = {d.kind for d in found.dates if d.confidence >= MIN_CONFIDENCE}
    return needed <= usable and not found.rejected


def _margin(scores: dict[T, float]) -> float:
    best, second = sorted(scores.values(), reverse=True)[:2]
    return best - max(second, 0.0)
