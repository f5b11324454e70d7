"""What the page is expected to be and where its document is, for the checks that depend on it.

The expected kind comes from the attachment role (filing.toml or the file name) first, then from
the page's OCR document type when OCR is on (`preflight.analysis.analyze_page`); `None` means
unknown, and the checks then only act on visual evidence.
"""

from __future__ import annotations

import cv2
import numpy as np

from preflight.analysis import analyze_page
from preflight.context import PageContext
from preflight.imaging.chroma import ChromaStats, channel_spread, chroma_stats
from preflight.imaging.frame import analysis_view
from preflight.imaging.quad import document_quad
from preflight.imaging.rectify import Rectified, rectified_small
from preflight.model import BBox, DocumentType

_ROLE_KIND = {"id_front": "id_front", "id_back": "id_back",
              "business_license": "business_license", "residence_proof": "residence_permit"}
_TYPE_KIND = {DocumentType.ID_FRONT: "id_front", DocumentType.ID_BACK: "id_back",
              DocumentType.BUSINESS_LICENSE: "business_license",
              DocumentType.RESIDENCE_PERMIT: "residence_permit"}
COLOUR_KINDS = frozenset({"id_front", "id_back", "business_license", "residence_permit"})
"""Documents whose originals are printed in colour (证件: ID card, 营业执照, 居住证)."""
EMBLEM_KINDS = frozenset({"id_back", "business_license"})
"""Documents that carry the national emblem (身份证国徽面, 营业执照)."""


def expected_kind(page: PageContext) -> str | None:
    """id_front | id_back | business_license | residence_permit, or None when unknown."""
    role = page.document.role
    if role in _ROLE_KIND:
        return _ROLE_KIND[role]
    return ocr_kind(page)


def ocr_kind(page: PageContext) -> str | None:
    """The kind read by OCR (`analyze_page`), or None when OCR is off or finds no such type."""
    if page.document.settings.ocr:
        return _TYPE_KIND.get(analyze_page(page).document_type)
    return None


def kind_is_guess(page: PageContext, kind: str | None) -> bool:
    """True when `kind` rests only on the file name: the role was inferred from it (not given
    by filing.toml) and OCR, when on, does not confirm it ("bean-license.png" is not
    necessarily a 营业执照)."""
    return kind is not None and page.document.role_inferred and ocr_kind(page) != kind


def document_box(page: PageContext) -> tuple[float, float, float, float]:
    """(x, y, w, h) of the located document in working pixels (the whole page if not found)."""
    quad = page.memo(document_quad)
    if quad.region is None or quad.mode != "photo":
        w, h = page.work_size
        return (0.0, 0.0, float(w), float(h))
    x, y, w, h = cv2.boundingRect(quad.region)
    return page.memo(analysis_view).to_work((x, y, w, h))


def to_page(page: PageContext, rect: Rectified, box: tuple[float, float, float, float]) -> BBox:
    """A box in rectified pixels mapped to full-size page pixels."""
    x, y, w, h = box
    if rect.homography is None:
        ox, oy = rect.origin
        k = rect.work_per_px
        return page.to_full((x * k + ox, y * k + oy, w * k, h * k))
    pts = np.array([[[x, y]], [[x + w, y]], [[x + w, y + h]], [[x, y + h]]], np.float32)
    work = cv2.perspectiveTransform(pts, np.linalg.inv(rect.homography)).reshape(-1, 2)
    x0, y0 = work.min(0)
    x1, y1 = work.max(0)
    return page.to_full((float(x0), float(y0), float(x1 - x0), float(y1 - y0)))


def page_channel_spread(page: PageContext) -> float:
    """`channel_spread` of the page's analysis view (memoise with `page.memo`)."""
    return channel_spread(page.memo(analysis_view).bgr)


def document_chroma(page: PageContext) -> ChromaStats:
    """`chroma_stats` of the located document (memoise with `page.memo`).

    Measured on `rectified_small` (≤ 480 px, warped from the 800 px analysis view, or the
    document's region or the whole view when no quad was fitted): colour statistics need no
    fine detail, and one small warp is much cheaper than reducing a large one.
    """
    return chroma_stats(page.memo(rectified_small).bgr)
