"""The text of a page: the PDF text layer when it has one, OCR otherwise.

PDF pages whose text layer holds at least `MIN_LAYER_WORDS` words are read from
`page.text_words` (pdfplumber, exact, free); image-only PDF pages and photos are OCR'd by the
engine chosen in the settings (`Settings.ocr_engine`, default `auto`); in a long PDF only the
first and last `OCR_EDGE_PAGES` pages are OCR'd (the title and the signature are there), which
bounds the time of a 50-page upload. OCR stops once the page's type is sure and the dates
that type needs are read (`preflight.ocr.enough`). On a photo only the located document (with
a margin) is given to the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from preflight.context import PageContext
from preflight.imaging.frame import analysis_view
from preflight.imaging.quad import document_quad
from preflight.ocr import OcrLine, get_engine
from preflight.ocr.enough import page_complete
from preflight.ocr.layout import Row, group_rows

MIN_LAYER_WORDS = 3
OCR_EDGE_PAGES = 2  # OCR the first and last two pages of a long PDF (titles, signatures)
MIN_DOCUMENT_AREA = 0.25  # a smaller located region may be a part of the document: read all
CROP_MARGIN = 0.03  # of the frame, around the located document
MAX_CROP_AREA = 0.85  # a crop this large saves too little to risk it


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
    x0, y0, x1, y1 = ocr_crop(page)
    result = engine.read(page.image[y0:y1, x0:x1], timeout_s=settings.limits.ocr_timeout_s,
                         enough=page_complete)
    lines = [replace(ln, box=(ln.box[0] + x0, ln.box[1] + y0, ln.box[2], ln.box[3]))
             for ln in result.lines]
    return PageText(tuple(group_rows(lines)), "ocr", result.engine, result.timed_out,
                    result.error)


def ocr_crop(page: PageContext) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) in working pixels of the photographed document, with a margin; the
    whole page when no document was located or it nearly fills the frame (a scan). Unlike
    `imaging.document.document_box` (the located region's bounding box, used to report
    where a finding is), this is the fitted corners' bounding box plus a margin.

    The shared document quad (`preflight.imaging.quad`, computed once for the image checks)
    bounds the text: on a phone photo the desk around the document is a third or more of the
    frame, and the text detector's time grows with the area it is given."""
    h, w = page.image.shape[:2]
    quad = page.memo(document_quad)
    if not quad.found or quad.area_fraction < MIN_DOCUMENT_AREA:
        return 0, 0, w, h
    factor = page.memo(analysis_view).factor
    pts = np.asarray(quad.corners, dtype=np.float64) * factor
    mx, my = CROP_MARGIN * w, CROP_MARGIN * h
    x0, y0 = max(0, int(pts[:, 0].min() - mx)), max(0, int(pts[:, 1].min() - my))
    x1, y1 = min(w, int(pts[:, 0].max() + mx) + 1), min(h, int(pts[:, 1].max() + my) + 1)
    if (x1 - x0) * (y1 - y0) > MAX_CROP_AREA * w * h:
        return 0, 0, w, h
    return x0, y0, x1, y1
