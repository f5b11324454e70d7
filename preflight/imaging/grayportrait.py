"""Gray-portrait evidence that survives three capture accidents: a card turned sideways, a dark
photo and a document outline that takes in a sliver of the desk.

`preflight.imaging.portrait` finds the largest upright face on the located document and measures
the white-balanced chroma around it. Three situations of phone photos of gray ID copies defeat
it, each with a physical remedy computed only when the plain measurement came up empty:

- the card lies turned by 90°: the Viola–Jones cascade finds upright faces only. The page's text
  orientation (`orientation.page_rotation`, the PP-LCNet classifier that check G102 runs
  anyway) says which way; the face search is repeated on the document turned upright.
- the photo is under-exposed: no pixel of the neighbourhood reaches L* 20, so nothing is
  measured. Chroma is a ratio of the channels, which an exposure gain keeps; the neighbourhood is
  re-exposed so its 95th-percentile luma sits at mid gray (`chroma.relit_chroma_stats`); so is
  the whole document when it is too dark to measure.
- the outline of the document takes in a thin line of a coloured desk: that line is one long
  8-connected patch of strong colour and reads like a seal. A seal sits inside the document, so
  only the patches clear of a `chroma.BORDER` band along the edges count (`inner_blob`).
"""

from __future__ import annotations

import cv2

from preflight.context import PageContext
from preflight.imaging.chroma import MIN_PIXELS, ChromaStats, relit_chroma_stats
from preflight.imaging.frame import analysis_view
from preflight.imaging.orientation import page_rotation
from preflight.imaging.portrait import Portrait, document_region, find_portrait, page_portrait
from preflight.imaging.rectify import rectified_small

MIN_TURN_CONFIDENCE = 0.68  # the text-orientation confidence check G102 reports at
_UPRIGHT = {90: cv2.ROTATE_90_COUNTERCLOCKWISE, 270: cv2.ROTATE_90_CLOCKWISE}

Box = tuple[float, float, float, float]


def relit_document_chroma(page: PageContext) -> ChromaStats:
    """`relit_chroma_stats` of the rectified document: a photo too dark to measure (memoise)."""
    return relit_chroma_stats(page.memo(rectified_small).bgr)


def unturn_box(box: Box, angle: int, size: tuple[int, int]) -> Box:
    """A box found on an image turned upright from `angle` (90 or 270) mapped back to the image.

    `size` is (width, height) of the original image; 90 means the content was turned 90°
    clockwise (so the upright image is the original turned counter-clockwise).
    """
    x, y, w, h = box
    width, height = size
    if angle == 90:
        return (width - (y + h), x, h, w)
    return (y, height - (x + w), h, w)


def _turned_portrait(page: PageContext) -> Portrait | None:
    """The portrait searched on the document turned upright by the page's text orientation."""
    turn = page.memo(page_rotation)
    if turn.angle not in _UPRIGHT or turn.confidence < MIN_TURN_CONFIDENCE:
        return None
    bgr, mask, ox, oy = document_region(page)
    code = _UPRIGHT[turn.angle]
    found = find_portrait(cv2.rotate(bgr, code), None if mask is None else cv2.rotate(mask, code))
    if found is None:
        return None
    size = (bgr.shape[1], bgr.shape[0])
    view = page.memo(analysis_view)

    def work(b: Box) -> Box:
        x, y, w, h = unturn_box(b, turn.angle, size)
        return view.to_work((x + ox, y + oy, w, h))

    return Portrait(work(found.box), work(found.face), found.chroma)


def _relit(page: PageContext, portrait: Portrait) -> Portrait:
    """`portrait` with its neighbourhood's chroma measured after re-exposure (dark photos)."""
    bgr, mask, ox, oy = document_region(page)
    f = page.memo(analysis_view).factor
    x, y, w, h = (round(v / f) for v in portrait.box)
    x0, y0 = max(0, x - ox), max(0, y - oy)
    sub = bgr[y0:y0 + h, x0:x0 + w]
    sub_mask = None if mask is None else mask[y0:y0 + h, x0:x0 + w]
    return Portrait(portrait.box, portrait.face, relit_chroma_stats(sub, sub_mask))


def gray_portrait(page: PageContext) -> Portrait | None:
    """The page's portrait (upright, else turned upright), re-exposed when too dark (memoise).

    Call it only behind the check's gate: the face search costs about 100 ms.
    """
    portrait = page.memo(page_portrait) or _turned_portrait(page)
    if portrait is not None and portrait.chroma.pixels < MIN_PIXELS:
        return _relit(page, portrait)
    return portrait
