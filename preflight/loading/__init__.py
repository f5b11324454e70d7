"""Load one input file into a DocumentContext with its pages (or the problems that stop it).

The type is sniffed from the content; the extension only matters for the mismatch finding.
Nothing here raises for a bad file: every failure becomes a LoadProblem on the document.
"""

from __future__ import annotations

import logging
from pathlib import Path

from preflight.context import DocumentContext, LoadProblem, PageContext
from preflight.loading.errors import LoadFailure
from preflight.loading.images import decode_image
from preflight.loading.pdf import load_pdf
from preflight.loading.sniff import IMAGE_TYPES, extension_type, sniff

log = logging.getLogger(__name__)

try:  # HEIC/HEIF (iPhone photos) through pillow-heif, when installed
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIF_AVAILABLE = True
except ImportError:  # pragma: no cover - declared dependency
    HEIF_AVAILABLE = False


def load_into(doc: DocumentContext) -> DocumentContext:
    """Fill `doc` (whose path, settings and filing are set) with its type, pages and problems."""
    doc.extension_type = extension_type(doc.path)
    try:
        data = _read(doc)
        doc.sniffed_type = sniff(data[:1024])
        _load_pages(doc, data)
    except LoadFailure as failure:
        doc.problems.append(LoadProblem(failure.kind, failure.detail))
    return doc


def _read(doc: DocumentContext) -> bytes:
    limit = doc.settings.limits.max_file_bytes
    try:
        size = doc.path.stat().st_size
        if size > limit:
            raise LoadFailure("too_large_file", f"{size / 1e6:.1f} MB > {limit / 1e6:.0f} MB")
        with doc.path.open("rb") as fh:
            # a buffer of the file's size (reused heap memory), not of the limit (always a
            # fresh mmap, 0.7 ms of page faults per 12 MP photo); a file that grew since
            # `stat` is read on up to the limit as before
            data = fh.read(size + 1)
            if len(data) > size:
                data += fh.read(limit - size)
    except PermissionError as exc:
        raise LoadFailure("unreadable_file", "permission denied") from exc
    except IsADirectoryError as exc:
        raise LoadFailure("unreadable_file", "this is a folder, not a file") from exc
    except OSError as exc:
        raise LoadFailure("unreadable_file", exc.strerror or type(exc).__name__) from exc
    if not data:
        raise LoadFailure("empty_file", "0 bytes")
    return data


def _load_pages(doc: DocumentContext, data: bytes) -> None:
    kind = doc.sniffed_type
    limits = doc.settings.limits
    if kind == "pdf":
        pdf = load_pdf(data, dpi=limits.pdf_dpi, max_pages=limits.max_pdf_pages,
                       max_pixels=limits.max_pixels)
        doc.page_count = pdf.page_count
        if pdf.page_count > limits.max_pdf_pages:
            doc.problems.append(LoadProblem(
                "too_many_pages", f"{pdf.page_count} > {limits.max_pdf_pages}", fatal=False))
        for i, p in enumerate(pdf.pages, start=1):
            h, w = p.image.shape[:2]
            doc.pages.append(PageContext(document=doc, index=i, image=p.image, full_size=(w, h),
                                         source="pdf", text_words=p.words, dpi=p.dpi))
    elif kind in IMAGE_TYPES:
        if kind == "heic" and not HEIF_AVAILABLE:
            raise LoadFailure("unsupported_type", "HEIC needs pillow-heif")
        decoded = decode_image(data, kind, max_pixels=limits.max_pixels,
                               work_long_side=limits.work_long_side,
                               max_frames=limits.max_pdf_pages)
        doc.exif_orientation = decoded.exif_orientation
        doc.page_count = len(decoded.frames)
        if kind in ("gif", "webp") and decoded.frame_count > 1:
            doc.problems.append(LoadProblem("animated", f"{decoded.frame_count} frames",
                                            fatal=False))
        if decoded.truncated or _missing_end_marker(kind, data):
            doc.problems.append(LoadProblem("truncated", f"no {kind.upper()} end marker",
                                            fatal=False))
        for i, f in enumerate(decoded.frames, start=1):
            scale = f.full_size[0] / f.image.shape[1]
            doc.pages.append(PageContext(document=doc, index=i, image=f.image,
                                         full_size=f.full_size, scale=scale, dpi=f.dpi))
    else:
        claimed = doc.extension_type or Path(doc.path).suffix or "no extension"
        raise LoadFailure("unsupported_type", f"content is not an image or PDF ({claimed})")
    if not doc.pages:
        raise LoadFailure("no_pages", "0 pages")


def _missing_end_marker(kind: str, data: bytes) -> bool:
    """True when a JPEG lacks its EOI marker or a PNG its IEND chunk in its last 64 KiB
    (trailers are tolerated). Searched backwards from the end, where the marker is: a forward
    search of a JPEG's entropy-coded tail, full of 0xFF bytes, cost 0.25 ms per photo."""
    marker = {"jpeg": b"\xff\xd9", "png": b"IEND"}.get(kind)
    return marker is not None and data.rfind(marker, max(0, len(data) - 65536)) < 0
