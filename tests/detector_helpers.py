"""Helpers for the detector tests: a page context around an array, the generated documents."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from preflight.context import DocumentContext, PageContext
from preflight.filing import Filing
from preflight.registry import PageCheck, instantiate
from preflight.settings import Settings


def page_of(img: np.ndarray, name: str = "test.jpg") -> PageContext:
    """A page context whose working raster is `img` at full size."""
    doc = DocumentContext(path=Path(name), display_name=name, settings=Settings(ocr=False),
                          filing=Filing())
    h, w = img.shape[:2]
    page = PageContext(document=doc, index=1, image=img, full_size=(w, h))
    doc.pages.append(page)
    return page


def page_codes(img: np.ndarray) -> set[str]:
    """Codes of every page check's findings on `img`."""
    page = page_of(img)
    checks = [c for c in instantiate({}, (), ()) if isinstance(c, PageCheck)]
    return {f.code for c in checks for f in c.check(page)}


def page_with_hot_spot(cx: int) -> np.ndarray:
    """Gray paper (200) with text lines and a soft clipped reflection centred at (cx, 300)."""
    page = np.full((600, 800, 3), 200, np.uint8)
    for y in range(60, 600, 40):
        cv2.putText(page, "NAME 12345 ADDRESS", (20, y), cv2.FONT_HERSHEY_SIMPLEX, 1, (30,) * 3, 2)
    yy, xx = np.mgrid[0:600, 0:800]
    bump = 120 * np.exp(-((xx - cx) ** 2 + (yy - 300) ** 2) / (2 * 60.0 ** 2))
    return (page + bump[..., None]).clip(0, 255).astype(np.uint8)
