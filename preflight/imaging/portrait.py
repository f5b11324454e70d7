"""A grayscale portrait: visual evidence that a colourless document is a copy of an identity card.

A typed page is legitimately black and white; an identity card, passport or driving licence never
is, and it always carries a portrait. Without a role or OCR, a face on a colourless document is
the evidence that tells a gray copy of an ID from a plain page. Method: frontal faces
(`preflight.imaging.faces`, Viola–Jones) on the located document region of the 800 px analysis
view reduced to `SEARCH_LONG` px; for the largest face, the white-balanced chroma
(`preflight.imaging.chroma.chroma_stats`) of its neighbourhood, the face box grown by `MARGIN`
of its size on every side (the portrait and the card print around it). On a colour original the
skin, the photo background and the card print around the face carry colour; on a gray copy none
of it does. The neighbourhood is balanced on its own median, so a coloured lamp or a tinted
shadow over the card is not taken for print colour.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from preflight.context import PageContext
from preflight.imaging.chroma import ChromaStats, chroma_stats
from preflight.imaging.faces import detect_faces
from preflight.imaging.frame import analysis_view, reduce_to
from preflight.imaging.quad import document_quad

SEARCH_LONG = 400  # a portrait face on a card photographed at arm's length is >= 24 px here
MARGIN = 0.6
MIN_NEIGHBORS = 3


@dataclass(frozen=True)
class Portrait:
    """The largest face: (x, y, w, h) of its neighbourhood in input pixels and its chroma."""

    box: tuple[float, float, float, float]
    face: tuple[float, float, float, float]
    chroma: ChromaStats


def find_portrait(bgr: np.ndarray, mask: np.ndarray | None = None) -> Portrait | None:
    """The largest frontal face of a BGR image and the chroma around it, or None.

    `mask` (255 = document) limits the chroma measurement to the document, so a colourful desk
    next to a card's portrait does not count as the card's colour.
    """
    if bgr.ndim != 3 or min(bgr.shape[:2]) < 24:
        return None
    small, factor = reduce_to(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), SEARCH_LONG)
    faces = detect_faces(small, min_neighbors=MIN_NEIGHBORS)
    if not faces:
        return None
    x, y, w, h = (v * factor for v in faces[0].box)
    H, W = bgr.shape[:2]
    x0, y0 = int(max(0, x - MARGIN * w)), int(max(0, y - MARGIN * h))
    x1, y1 = int(min(W, x + w + MARGIN * w)), int(min(H, y + h + MARGIN * h))
    sub = None if mask is None else mask[y0:y1, x0:x1]
    return Portrait((x0, y0, x1 - x0, y1 - y0), (x, y, w, h),
                    chroma_stats(bgr[y0:y1, x0:x1], sub))


def document_region(page: PageContext) -> tuple[np.ndarray, np.ndarray | None, int, int]:
    """The analysis view cut to the bounding box of the located document, its mask and its
    origin in view pixels (the whole view, no mask, when no document of at least 24 px was
    located)."""
    bgr = page.memo(analysis_view).bgr
    quad = page.memo(document_quad)
    if quad.mode == "photo" and quad.region is not None:
        x, y, w, h = cv2.boundingRect(quad.region)
        if w >= 24 and h >= 24:
            return bgr[y:y + h, x:x + w], quad.region[y:y + h, x:x + w], x, y
    return bgr, None, 0, 0


def page_portrait(page: PageContext) -> Portrait | None:
    """`find_portrait` on the page's located document (memoise with `page.memo`).

    Boxes are in working pixels. The search covers `document_region`.
    """
    bgr, mask, x, y = document_region(page)
    found = find_portrait(bgr, mask)
    if found is None:
        return None
    view = page.memo(analysis_view)

    def work(b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        return view.to_work((b[0] + x, b[1] + y, b[2], b[3]))

    return Portrait(work(found.box), work(found.face), found.chroma)
