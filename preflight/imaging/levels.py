"""Paper-white and ink levels of the document, the reference for glare, blur gating and copies.

Paper is the 70th percentile of lightness inside the document mask and ink the 2nd percentile
(ALGORITHMS.md §2 and §6: "paper level P = 60th–70th percentile of V inside the document"): on
a document most pixels are paper, so a high percentile is paper even on a dense page, while a low
one is the darkest ink. The ink fraction counts pixels darker than the midpoint between them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from preflight.context import PageContext
from preflight.imaging.rectify import rectified_document


@dataclass(frozen=True)
class Levels:
    """Paper and ink gray levels (0–255), their contrast and the inked fraction of the document."""

    paper: float
    ink: float
    ink_fraction: float

    @property
    def contrast(self) -> float:
        """Paper minus ink, in gray levels."""
        return self.paper - self.ink


def paper_ink_levels(gray: np.ndarray, mask: np.ndarray | None = None) -> Levels:
    """Levels of `gray` inside `mask` (255 = document); pure function, subsampled 2× for speed."""
    values = gray[::2, ::2] if mask is None else gray[::2, ::2][mask[::2, ::2] > 0]
    if values.size == 0:
        return Levels(0.0, 0.0, 0.0)
    paper, ink = np.percentile(values, (70, 2))
    mid = (paper + ink) / 2
    frac = float(np.count_nonzero(values < mid)) / values.size if paper - ink > 8 else 0.0
    return Levels(float(paper), float(ink), frac)


def document_levels(page: PageContext) -> Levels:
    """Levels of the page's rectified document (memoise with `page.memo(document_levels)`)."""
    rect = page.memo(rectified_document)
    return paper_ink_levels(rect.gray, rect.mask)
