"""A finer raster of a JPEG page, decoded again from the file when a check needs more pixels.

Pages are decoded at the DCT scale that brings the frame's long side to `Limits.work_long_side`.
A document that fills only part of a large photo then has few working pixels; a measure that
must see the document at a normalised size (blur, Q201) can ask for the page again at a finer
libjpeg scale (½, ¼ ... of the stored size), which the file still holds. Only JPEG pages that
were decoded reduced have a finer raster; the file is read again, never modified.
"""

from __future__ import annotations

import logging
import math

import cv2
import numpy as np

from preflight.context import PageContext
from preflight.loading.images import REDUCED_FLAGS, apply_orientation

log = logging.getLogger(__name__)


def finer_raster(page: PageContext, min_gain: float) -> np.ndarray | None:
    """The page decoded again with at least `min_gain` × the working resolution where the file
    has it (else as fine as it has), in the displayed orientation; None when the page was not
    decoded reduced (PDF, PNG, small JPEG) or the file can no longer be read."""
    doc = page.document
    k_work = round(page.scale)
    if doc.sniffed_type != "jpeg" or k_work < 2 or min_gain <= 1.0:
        return None
    k = max(1, k_work >> max(1, math.ceil(math.log2(min_gain))))
    try:
        data = np.fromfile(doc.path, np.uint8)
    except OSError as exc:
        log.debug("finer raster of %s: %s", doc.display_name, exc)
        return None
    img = cv2.imdecode(data, REDUCED_FLAGS[k] | cv2.IMREAD_IGNORE_ORIENTATION)
    if img is None:
        return None
    return apply_orientation(img, doc.exif_orientation)
