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


@dataclass(frozen=True)
class BlurMap:
    """Blur effect of the page's text cells (boxes in working pixels); empty when blank."""

    tiles: tuple[TileBlur, ...]

    @property
    def measurable(self) -> bool:
        """True when enough inked cells were found to judge the page."""
        return len(self.tiles) >= MIN_CELLS

    @property
    def median(self) -> float:
        """Median blur effect over the text cells (0 sharp … 1 blurred)."""
        return float(np.median([t.score for t in self.tiles])) if self.tiles else 0.0

    @property
    def worst(self) -> TileBlur | None:
        """The most blurred text cell."""
        return max(self.tiles, key=lambda t: t.score, default=None)

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
    cells = inked_cells(view.gray, region)
    boxes = [tuple(int(round(v * view.factor)) for v in box) for box in cells]
    return BlurMap(tuple(tile_blur(page.image, boxes)))  # type: ignore[arg-type]
