"""Per-page analysis shared by checks and the report: document type and dates.

`analyze_page` is memoised on the page, so the checks that need the document type or the dates
and the report that prints them all use one OCR pass. The text comes from the PDF text layer or
OCR (`preflight.ocr.read`), the type from keywords (`preflight.ocr.classify`), the dates from
labelled fields and signing lines (`preflight.dates.extract`). Dates the user gave in
filing.toml replace the read ones of the same kind on the first page (source `user`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from preflight.context import PageContext
from preflight.dates.extract import Rejected, extract_dates
from preflight.dates.supplied import user_dates
from preflight.model import DateField, DocumentType
from preflight.ocr.classify import classify
from preflight.ocr.read import PageText, read_page
from preflight.workers import ocr_buffers


@dataclass(frozen=True)
class PageAnalysis:
    """What a page is and which dates it carries (plus what could not be used, and why)."""

    document_type: DocumentType = DocumentType.UNKNOWN
    confidence: float = 0.0
    dates: tuple[DateField, ...] = ()
    rejected: tuple[Rejected, ...] = ()
    unread: tuple[str, ...] = ()  # date kinds whose label was seen but whose value was not read
    scores: dict[DocumentType, float] = field(default_factory=dict)
    source: str = "none"  # text_layer | ocr | skipped | none
    timed_out: bool = False


def analyze_page(page: PageContext) -> PageAnalysis:
    """The page's analysis, computed once per page."""
    return page.memo(_analyze)


def analysis_if_done(page: PageContext) -> PageAnalysis | None:
    """The page's analysis if it was computed (e.g. before a time limit cut the file short)."""
    return page.cached(_analyze)


def ocr_reading(page: PageContext) -> PageText | None:
    """The OCR reading the analysis used (analysing the page first); None when OCR is off or
    the page's text came from elsewhere (a PDF text layer, a skipped page)."""
    if not page.document.settings.ocr:
        return None
    analyze_page(page)
    text = page.cached(read_page)
    return text if text is not None and text.source == "ocr" else None


def release_page(page: PageContext) -> None:
    """Drop a checked page's image intermediates; keep its analysis for the filing checks."""
    page.release(keep=(_analyze,))


def _analyze(page: PageContext) -> PageAnalysis:
    with ocr_buffers():  # the OCR models' big buffers go back to the system (workers.py)
        text = page.memo(read_page)  # memoised: `ocr_reading` gives it to Q202 and Q701
    rows = list(text.rows)
    kind = classify(rows)
    found = extract_dates(rows, kind.document_type)
    dates = tuple(replace(d, bbox=page.to_full(d.bbox), source=_source(text.source))
                  if d.bbox else d for d in found.dates)
    if page.index == 1:
        supplied = user_dates(page.document.attachment)
        dates = tuple(d for d in dates if d.kind not in {s.kind for s in supplied}) + supplied
    return PageAnalysis(kind.document_type, kind.confidence, dates, found.rejected,
                        found.unread, kind.scores, text.source, text.timed_out)


def _source(text_source: str) -> str:
    return "text_layer" if text_source == "text_layer" else "ocr"
