"""Helpers for the detector tests: a page context around an array, the generated documents."""

from __future__ import annotations

from pathlib import Path

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
