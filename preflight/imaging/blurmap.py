"""The page's blur measurement: text cells chosen at analysis scale, measured at working scale.

Cells are picked on the 800 px analysis view inside the document region (the whole frame for
scans and when no document was located), so background texture and the share of the frame the
document fills do not enter the score (ALGORITHMS.md §1: "scale dependence is the main failure
mode"). Each cell is then measured on the working raster, the document at its own resolution,
never enlarged (a small image is a resolution problem, Q101, not blur).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from preflight.context import PageContext
from preflight.imaging.frame import analysis_view
from preflight.imaging.quad import document_quad
from preflight.imaging.sharpness import TileBlur, inked_cells, tile_blur

MIN_CELLS = 3
"""Cells wanted before the contrast gate is lowered; the median is taken over at least this many."""
FEW_CELLS = 2
"""A page with only this many cells is still judged, on the less blurred of them (`level`)."""
CONTRAST_GATES = (40.0, 25.0)
"""Gray ranges (p98 − p2) a text cell must reach: 40 first; strong defocus lowers the contrast of
text (on the real set a notebook page through a damaged lens has no cell above 40), so a page
with fewer than MIN_CELLS such cells is searched again at 25. Blank paper stays below 20."""


@dataclass(frozen=True)
class BlurMap:
    """Blur effect of the page's text cells (boxes in working pixels); empty when blank."""

    tiles: tuple[TileBlur, ...]

    @property
    def measurable(self) -> bool:
        """True when enough inked cells were found to judge the page."""
        return len(self.tiles) >= FEW_CELLS

    @property
    def median(self) -> float:
        """Median blur effect over the text cells (0 sharp … 1 blurred)."""
        return float(np.median([t.score for t in self.tiles])) if self.tiles else 0.0

    @property
    def level(self) -> float:
        """The page's blur effect: the median of the cells, or with fewer than MIN_CELLS cells the
        least blurred one (every cell must be blurred when there are only two; on the real set
        two-cell pages that are not blurred score 0.20–0.28, a page smeared by motion 0.47)."""
        if len(self.tiles) >= MIN_CELLS:
            return self.median
        return min((t.score for t in self.tiles), default=0.0)

    @property
    def worst(self) -> TileBlur | None:
        """The most blurred text cell."""
        return max(self.tiles, key=lambda t: t.score, default=None)

    @property
    def edge_width(self) -> float:
        """Median edge width of the text cells, in working pixels (see `sharpness.edge_width`)."""
        return float(np.median([t.width for t in self.tiles])) if self.tiles else 0.0

    @property
    def anisotropy(self) -> float:
        """Median |horizontal − vertical| blur effect: large for motion blur along an axis."""
        if not self.tiles:
            return 0.0
        return float(np.median([abs(t.horizontal - t.vertical) for t in self.tiles]))


def blur_map(page: PageContext) -> BlurMap:
    """The page's blur map (memoise with `page.memo(blur_map)`)."""
    view = page.memo(analysis_view)
    quad = page.memo(document_quad)
    region = quad.region if quad.mode == "photo" else None
    for gate in CONTRAST_GATES:
        cells = inked_cells(view.gray, region, min_contrast=gate)
        if len(cells) >= MIN_CELLS:
            break
    boxes = [tuple(int(round(v * view.factor)) for v in box) for box in cells]
    return BlurMap(tuple(tile_blur(page.image, boxes)))  # type: ignore[arg-type]
