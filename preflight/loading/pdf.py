"""PDF pages: the text layer through pdfplumber and a raster at a fixed DPI (pypdfium2)."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

import cv2
import numpy as np

from preflight.context import TextWord
from preflight.loading.errors import LoadFailure

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfPage:
    """One rasterised page with its text-layer words in pixel coordinates."""

    image: np.ndarray  # BGR
    words: tuple[TextWord, ...]
    dpi: float


@dataclass(frozen=True)
class PdfDocument:
    """The loaded pages and how many the file has."""

    pages: list[PdfPage]
    page_count: int


def load_pdf(data: bytes, *, dpi: int, max_pages: int, max_pixels: int) -> PdfDocument:
    """Open a PDF and render up to `max_pages` pages; raise LoadFailure on failure."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect as exc:
        raise LoadFailure("encrypted_pdf", "a password is needed to open it") from exc
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types on bad input
        name = " ".join(type(e).__name__ for e in (exc, *exc.args) if isinstance(e, Exception))
        if "Password" in name or "Encrypt" in name:
            raise LoadFailure("encrypted_pdf", "a password is needed to open it") from exc
        raise LoadFailure("pdf_error", f"{name}: {str(exc)[:120]}") from exc
    with pdf:
        try:
            count = len(pdf.pages)
        except Exception as exc:  # noqa: BLE001
            raise LoadFailure("pdf_error", f"{type(exc).__name__}: {str(exc)[:120]}") from exc
        pages = [_render(p, dpi, max_pixels) for p in pdf.pages[:max_pages]]
    return PdfDocument(pages=pages, page_count=count)


def _render(page: object, dpi: int, max_pixels: int) -> PdfPage:
    scale = dpi / 72.0
    w_pt, h_pt = float(page.width), float(page.height)  # type: ignore[attr-defined]
    if w_pt * h_pt * scale * scale > max_pixels:
        raise LoadFailure("too_many_pixels", f"page of {w_pt:.0f}×{h_pt:.0f} pt at {dpi} dpi")
    try:
        pil = page.to_image(resolution=dpi).original  # type: ignore[attr-defined]
        words = page.extract_words()  # type: ignore[attr-defined]
    except LoadFailure:
        raise
    except Exception as exc:  # noqa: BLE001
        raise LoadFailure("pdf_error", f"{type(exc).__name__}: {str(exc)[:120]}") from exc
    image = cv2.cvtColor(np.asarray(pil.convert("RGB")), cv2.COLOR_RGB2BGR)
    text_words = tuple(
        TextWord(
            w["text"],
            (round(w["x0"] * scale), round(w["top"] * scale),
             round((w["x1"] - w["x0"]) * scale), round((w["bottom"] - w["top"]) * scale)),
        )
        for w in words
    )
    return PdfPage(image=image, words=text_words, dpi=float(dpi))
