"""Contexts that flow through the pipeline: one per filing, per document (file) and per page.

A check receives a context and returns findings; it never mutates shared state. Expensive derived
values (grayscale, document quad, OCR) are computed once per page through `PageContext.memo`, so
a module that needs an intermediate defines a pure function of the page and asks the page to
cache it: `quad = page.memo(find_document_quad)`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import cv2
import numpy as np

from preflight.model import BBox

if TYPE_CHECKING:
    from preflight.filing import Attachment, Filing
    from preflight.settings import Settings

T = TypeVar("T")


@dataclass(frozen=True)
class LoadProblem:
    """Something wrong with a file found while loading it (becomes a `file` finding)."""

    kind: str  # see preflight/loading/problems.py for the closed set
    detail: str
    fatal: bool = True


@dataclass(frozen=True)
class TextWord:
    """A word of a PDF text layer, in page pixels at the rasterisation DPI."""

    text: str
    bbox: BBox


@dataclass
class PageContext:
    """One page as the reviewer sees it (EXIF orientation applied).

    `image` is the working raster (BGR, uint8), possibly decoded at a reduced scale:
    `scale` = full-size width / working width. `full_size` is the (width, height) the reviewer
    sees; findings report boxes in that frame through `to_full`.
    """

    document: DocumentContext
    index: int  # 1-based
    image: np.ndarray
    full_size: tuple[int, int]
    scale: float = 1.0
    source: str = "image"  # image | pdf
    text_words: tuple[TextWord, ...] | None = None  # PDF text layer; None when there is none
    dpi: float | None = None  # known for rasterised PDF pages and scans with a DPI tag
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False)

    def memo(self, fn: Callable[[PageContext], T]) -> T:
        """Compute `fn(self)` once per page and cache it."""
        if fn not in self._memo:
            self._memo[fn] = fn(self)
        return self._memo[fn]  # type: ignore[no-any-return]

    def cached(self, fn: Callable[[PageContext], T]) -> T | None:
        """`fn(self)` if it was already computed, else None (never computes)."""
        return self._memo.get(fn)  # type: ignore[no-any-return]

    def release(self, keep: Collection[Callable[[PageContext], Any]] = ()) -> None:
        """Drop the memoised intermediates except those of `keep` (what is asked for again is
        computed again): a checked page holds only what the filing checks read."""
        self._memo = {fn: value for fn, value in self._memo.items() if fn in keep}

    @property
    def gray(self) -> np.ndarray:
        """Working raster in grayscale (cached)."""
        return self.memo(_to_gray)

    @property
    def work_size(self) -> tuple[int, int]:
        """(width, height) of the working raster."""
        h, w = self.image.shape[:2]
        return w, h

    @property
    def file(self) -> str:
        """Display name of the file this page belongs to."""
        return self.document.display_name

    @property
    def has_text_layer(self) -> bool:
        """True for PDF pages whose text layer holds words."""
        return bool(self.text_words)

    def to_full(self, box: tuple[float, float, float, float]) -> BBox:
        """Map an (x, y, w, h) box in working pixels to full-size pixels, clipped to the page."""
        x, y, w, h = (v * self.scale for v in box)
        fw, fh = self.full_size
        x0, y0 = max(0, round(x)), max(0, round(y))
        x1, y1 = min(fw, round(x + w)), min(fh, round(y + h))
        return (x0, y0, max(0, x1 - x0), max(0, y1 - y0))


def _to_gray(page: PageContext) -> np.ndarray:
    img = page.image
    return img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)


@dataclass
class DocumentContext:
    """One input file: what was sniffed, its role in the filing and its pages."""

    path: Path
    display_name: str
    settings: Settings
    filing: Filing
    attachment: Attachment | None = None  # the filing.toml entry, or an inferred one
    role_inferred: bool = False
    sniffed_type: str | None = None  # jpeg | png | webp | bmp | tiff | heic | gif | pdf | None
    extension_type: str | None = None
    exif_orientation: int = 1
    pages: list[PageContext] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    page_count: int = 0  # pages in the file, even when fewer were loaded

    @property
    def loaded(self) -> bool:
        """True when no fatal load problem occurred."""
        return not any(p.fatal for p in self.problems)

    @property
    def role(self) -> str | None:
        """The attachment role (filing.toml or inferred from the file name), if known."""
        return self.attachment.role.value if self.attachment and self.attachment.role else None

    def close(self) -> None:
        """Let go of the pages once the reports are built. A page refers to its document and
        the document to its pages; left to Python's cyclic collector, which a long-running
        worker runs rarely, each page's raster waited for it: an audit worker's RSS grew by
        ~6 MB per filing (docs/performance.md, session 4)."""
        self.pages.clear()


@dataclass
class FilingContext:
    """Everything a filing-level check may look at: the filing and all its documents."""

    filing: Filing
    documents: list[DocumentContext]
    root: Path | None = None
