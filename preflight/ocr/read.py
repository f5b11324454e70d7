"""The text of a page: the PDF text layer when it has one, OCR otherwise.

PDF pages whose text layer holds at least `MIN_LAYER_WORDS` words are read from
`page.text_words` (pdfplumber, exact, free); image-only PDF pages and photos are OCR'd by the
engine chosen in the settings (`Settings.ocr_engine`, default `auto`); in a long PDF only the
first and last `OCR_EDGE_PAGES` pages are OCR'd (the title and the signature are there), which
bounds the time of a 50-page upload. OCR stops once the page's type is sure and the dates
that type needs are read (`preflight.ocr.enough`).
"""

from __future__ import annotations

from dataclasses import dataclass

from preflight.context import PageContext
from preflight.ocr import OcrLine, get_engine
from preflight.ocr.enough import page_complete
from preflight.ocr.layout import Row, group_rows

MIN_LAYER_WORDS = 3
OCR_EDGE_PAGES = 2  # OCR the first and last two pages of a long PDF (titles, signatures)


@dataclass(frozen=True)
class PageText:
    """Rows of a page and where they came from (`text_layer`, `ocr` or `skipped`)."""

    rows: tuple[Row, ...]
    source: str
    engine: str | None = None
    timed_out: bool = False
    error: str | None = None


def read_page(page: PageContext) -> PageText:
    """Rows of text of `page`, from its text layer or by OCR (bounded by ocr_timeout_s)."""
    words = page.text_words or ()
    if len(words) >= MIN_LAYER_WORDS:
        lines = [OcrLine(w.text, tuple(float(v) for v in w.bbox), 1.0)  # type: ignore[arg-type]
                 for w in words]
        return PageText(tuple(group_rows(lines)), "text_layer")
    count = len(page.document.pages)
    if OCR_EDGE_PAGES < page.index <= count - OCR_EDGE_PAGES:
        return PageText((), "skipped")
    settings = page.document.settings
    engine = get_engine(settings.ocr_engine)
    result = engine.read(page.image, timeout_s=settings.limits.ocr_timeout_s,
                         enough=page_complete)
    return PageText(tuple(group_rows(result.lines)), "ocr", result.engine,
                    result.timed_out, result.error)
