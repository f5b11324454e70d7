"""The page's blur measurement: text cells chosen at analysis scale, measured at working scale.

Cells are picked on the 800 px analysis view inside the document region (the whole frame for
scans and when no document was located), so background texture and the share of the frame the
document fills do not enter the score (ALGORITHMS.md §1: "scale dependence is the main failure
mode"). Each cell is then measured on the working raster, the document at its own resolution,
never enlarged (a small image is a resolution problem, Q101, not blur). A document whose long
side has fewer than `DOC_LONG_SIDE` working pixels, in a JPEG that holds more, is measured on a
finer decode of the file instead (`loading.finer`): a small document in a large photo is judged
at a normalised size, not at the scale the whole frame was reduced to.

A composite page (pictures pasted side by side or one above the other, split by thin lines
across the whole page: `panels.panel_spans`) also gets a blur map per panel, cells chosen in
each panel alone, so that one blurred picture next to sharp ones is not averaged away and can be
compared with the sharpest panel of the same page (same text, same scale, same processing).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from preflight.context import PageContext
from preflight.imaging.frame import analysis_view
from preflight.imaging.panels import panel_spans
from preflight.imaging.quad import document_quad
from preflight.imaging.sharpness import TileBlur, inked_cells, tile_blur
from preflight.loading.finer import finer_raster

MIN_CELLS = 3
"""Cells wanted before the contrast gate is lowered; the median is taken over at least this many."""
FEW_CELLS = 2
"""A page with only this many cells is still judged, on the less blurred of them (`level`)."""
CONTRAST_GATES = (40.0, 25.0)
"""Gray ranges (p98 − p2) a text cell must reach: 40 first; strong defocus lowers the contrast of
text (on the real set a notebook page through a damaged lens has no cell above 40), so a page
with fewer than MIN_CELLS such cells is searched again at 25. Blank paper stays below 20."""


DOC_LONG_SIDE = 600
"""Working pixels on the document's long side below which its cells are measured on a finer
decode (when the file has the pixels). At the 1000 px working size this is a document filling
less than 60 % of the frame's long side: on the real set 5 of 227 pages, among them a strongly
motion-blurred page lying small on a cloth (blur effect 0.30 at ¼ scale, 0.44 at ½)."""


@dataclass(frozen=True)
class BlurMap:
    """Blur effect of the page's text cells (boxes in working pixels); empty when blank."""

    tiles: tuple[TileBlur, ...]
    panels: tuple[BlurMap, ...] = ()
    """Per-panel maps of a composite page (empty for an ordinary page)."""

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
    def soft_edge_width(self) -> float:
        """Edge width of the text cells along their softest axis, in working pixels: the median,
        or with fewer than MIN_CELLS cells the narrower (as `level`)."""
        widths = [t.soft_width for t in self.tiles]
        if len(widths) >= MIN_CELLS:
            return float(np.median(widths))
        return min(widths, default=0.0)

    @property
    def panel_extremes(self) -> tuple[BlurMap, BlurMap] | None:
        """(most blurred, sharpest) of the measurable panels of a composite page, by `level`;
        None when fewer than two panels could be measured."""
        judged = sorted((p for p in self.panels if p.measurable), key=lambda p: p.level)
        return (judged[-1], judged[0]) if len(judged) >= 2 else None

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
    cells = _text_cells(view.gray, region)
    raster, gain = _measured_raster(page, region, view.factor)
    tiles = _measure(raster, cells, view.factor * gain, gain)
    axis, spans = panel_spans(view.gray)
    panels = tuple(BlurMap(_measure(raster, _panel_cells(view.gray, axis, span),
                                    view.factor * gain, gain)) for span in spans)
    return BlurMap(tiles, panels)


def _measure(raster: np.ndarray, cells: list[tuple[int, int, int, int]], to_raster: float,
             gain: float) -> tuple[TileBlur, ...]:
    """Blur of analysis-view `cells` measured on `raster` (`to_raster` raster px per view px),
    boxes given back in working pixels."""
    boxes = [tuple(int(round(v * to_raster)) for v in box) for box in cells]
    tiles = tile_blur(raster, boxes)  # type: ignore[arg-type]
    return tuple(replace(t, box=_shrink(t.box, gain)) for t in tiles)


def _text_cells(gray: np.ndarray, region: np.ndarray | None) -> list[tuple[int, int, int, int]]:
    """Inked cells of `gray` (inside `region`), at the first contrast gate that finds
    MIN_CELLS of them (the last gate's cells otherwise)."""
    for gate in CONTRAST_GATES:
        cells = inked_cells(gray, region, min_contrast=gate)
        if len(cells) >= MIN_CELLS:
            break
    return cells


def _panel_cells(gray: np.ndarray, axis: int,
                 span: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    """The text cells of one panel (view pixels), chosen in the panel alone."""
    lo, hi = span
    cells = _text_cells(gray[:, lo:hi] if axis == 1 else gray[lo:hi], None)
    return [(x + lo, y, w, h) if axis == 1 else (x, y + lo, w, h) for x, y, w, h in cells]


def _measured_raster(page: PageContext, region: np.ndarray | None,
                     factor: float) -> tuple[np.ndarray, float]:
    """The raster the cells are measured on and its pixels per working pixel."""
    if region is None:
        return page.image, 1.0
    _, _, w, h = cv2.boundingRect(region)
    long_side = max(w, h) * factor
    if long_side <= 0 or long_side >= DOC_LONG_SIDE:
        return page.image, 1.0
    finer = finer_raster(page, DOC_LONG_SIDE / long_side)
    if finer is None:
        return page.image, 1.0
    return finer, finer.shape[1] / page.image.shape[1]


def _shrink(box: tuple[int, int, int, int], gain: float) -> tuple[int, int, int, int]:
    """A box of the measured raster in working pixels."""
    return tuple(int(round(v / gain)) for v in box)  # type: ignore[return-value]
