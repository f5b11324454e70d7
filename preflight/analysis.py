"""Per-page analysis shared by checks and the report: document type and dates.

`analyze_page` is memoised on the page, so the checks that need the document type or the dates
and the report that prints them all use one OCR pass. The OCR issue supplies the classifier and
date reader; until a page is analysed by an engine, its type is `unknown` with no dates.
"""

from __future__ import annotations

from dataclasses import dataclass

from preflight.context import PageContext
from preflight.model import DateField, DocumentType


@dataclass(frozen=True)
class PageAnalysis:
    """What a page is and which dates it carries."""

    document_type: DocumentType = DocumentType.UNKNOWN
    confidence: float = 0.0
    dates: tuple[DateField, ...] = ()


def analyze_page(page: PageContext) -> PageAnalysis:
    """The page's analysis, computed once per page."""
    return page.memo(_analyze)


def analysis_if_done(page: PageContext) -> PageAnalysis | None:
    """The page's analysis if it was computed (e.g. before a time limit cut the file short)."""
    return page.cached(_analyze)


def _analyze(page: PageContext) -> PageAnalysis:
    return PageAnalysis()
