"""The document runs off the edge of the photo: a corner or an edge is cut off.

## What it checks
On photos where the document was located against a background (full-page scans, whose page is
the whole image, and images where no document outline was found are never flagged: "no outline"
is not evidence of a cut), the document region must not run into the frame border. It is
flagged when some side of the frame shows only background (required only when no quadrilateral
was fitted; with one, `free_side` sets how much of every side may be covered, default: all of
it, since a document can run off all four sides), at least two vertices of the
document's outline lie within 2 % of the frame edge (where its edges leave the frame), at least
`min_corners_out` (default 3) of the four corners of its fitted quadrilateral lie there too
(when a quadrilateral was fitted: a sheet or desk under a complete document that runs off one
side leaves two corners on the edge; a document cut at a corner, or on two sides, leaves three
or four), and
either two adjacent sides are each 30–90 % covered by the document (the corner between them is
outside the frame, even where that corner is a blank margin: the guide wants every corner), or
one side is covered for at least `min_contact` (default 40 %) with printed content (ink) cut
by the frame edge on at least `min_cut_ink` of it (default 10 %). It is not flagged when a
closed four-sided outline (a card's edge, a licence's printed frame) lies wholly inside the
frame: the region that runs off the edge is then the sheet or desk under the document. Two
outline finders are asked: the contour of the auto-Canny edges, and four straight lines (LSD
line segments, joined where a printed border or a worn edge breaks them) that each run along at
least `outline_cover` (default half) of a side, with all four corners inside the frame and
covering at least `outline_area` (default 12 %) of it. Nor when
the document region fills more than `max_area` (default 90 %) of the frame (the page is the whole
image: a tight crop or a scan, which the guide accepts), or when more than `max_saturated`
(default 30 %) of it is strongly coloured (the located region is then a scene, a patterned cloth
or a coloured object rather than a paper document). The box marks the side where the document
leaves the frame. Not caught: a document on a background as light as the paper (it is located
as a scan), a cut through a blank margin with no print at the cut, and a card corner that only
just touches the frame; a licence whose paper runs off while its printed frame is whole is not
flagged (the guide's 边角完整 is read as the printed document being whole).

## Why it matters
The filing guide requires 边角完整: all four edges and corners of the document visible. A cut-off
corner hides part of the number, the seal or the validity date and is rejected.

## How to fix
Re-take the photo from a little further away so that the whole document, with all four corners
and a small margin of background around it, is inside the frame.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from preflight.context import PageContext
from preflight.imaging.border import (
    SIDES,
    SIDES_ZH,
    border_ink,
    corners_near_border,
    outline_points_on_border,
    saturated_share,
)
from preflight.imaging.frame import analysis_view
from preflight.imaging.outline import closed_outline
from preflight.imaging.quad import document_quad, whole_outline_inside
from preflight.model import Category, Finding, Severity
from preflight.registry import PageCheck, Param


class DocumentCutOff(PageCheck):
    """Cropped corner or edge."""

    code = "Q501"
    name = "document-cut-off"
    category = Category.CROPPED_CORNER
    severity = Severity.WARNING
    params = {
        "min_contact": Param(0.4, "share of a frame side covered by the document", 0.0, 1.0),
        "min_cut_ink": Param(0.1, "share of that side where printed content is cut", 0.0, 1.0),
        "min_corners_out": Param(3, "corners of the fitted document outline within 2 % of the "
                                 "frame edge", 0, 4, strict=2),
        "free_side": Param(1.0, "when a quadrilateral was fitted, the least-covered frame side "
                                "may be covered up to this share (0.01: one side must show only "
                                "background, as always without a quadrilateral)", 0.0, 1.0,
                           relaxed=0.01),
        "max_area": Param(0.9, "share of the frame the document region may fill: above it the "
                               "page is the whole image (a tight crop or scan) and not judged",
                          0.0, 1.0),
        "max_saturated": Param(0.3, "share of the located region that is strongly coloured (HSV "
                                    "S > 80): above it the region is a scene, not a document",
                               0.0, 1.0),
        "outline_area": Param(0.12, "share of the frame a closed outline of four straight lines "
                                    "wholly inside it must cover to show that the document is "
                                    "whole (1: this test off)", 0.0, 1.0),
        "outline_cover": Param(0.5, "share of each side of that outline its straight line must "
                                    "run along", 0.0, 1.0),
    }
    fix_zh = "请离远一点重新拍摄,让证件四个角和四条边完整地出现在画面内,四周留出少许背景。"
    fix_en = ("Re-take the photo from a little further away so that all four corners and edges "
              "are inside the frame with a small margin of background.")

    def _closed_outline(self, gray: np.ndarray) -> bool:
        """A whole document outline of straight lines inside the frame (run last: ≈ 15 ms)."""
        area = self.p["outline_area"]
        return area < 1.0 and \
            closed_outline(gray, min_area=area, min_cover=self.p["outline_cover"]) is not None

    def check(self, page: PageContext) -> Iterator[Finding]:
        """One finding naming the side where the document leaves the frame."""
        quad = page.memo(document_quad)
        free = self.p["free_side"] if quad.corners is not None else 0.01
        if quad.mode != "photo" or quad.region is None or min(quad.border) > free \
                or quad.area_fraction > self.p["max_area"]:
            return
        view = page.memo(analysis_view)
        if outline_points_on_border(quad.region) < 2:
            return
        if quad.corners is not None and \
                len(corners_near_border(quad.corners, view.size)) < self.p["min_corners_out"]:
            return  # the region touching the frame is a sheet or desk under the document
        ink = border_ink(view.gray, quad.region)
        b = quad.border
        corner = [i for i in range(4) if 0.3 <= b[i] <= 0.9 and 0.3 <= b[(i + 1) % 4] <= 0.9]
        side = corner[0] if corner else \
            max(range(4), key=lambda i: b[i] * (ink[i] >= self.p["min_cut_ink"]))
        if not corner and (b[side] < self.p["min_contact"] or ink[side] < self.p["min_cut_ink"]):
            return
        if saturated_share(view.bgr, quad.region) > self.p["max_saturated"] or \
                whole_outline_inside(view.gray) or self._closed_outline(view.gray):
            return
        w, h = view.size
        strip = max(3, round(0.02 * min(w, h)))
        box = [(0, 0, w, strip), (w - strip, 0, strip, h), (0, h - strip, w, strip),
               (0, 0, strip, h)][side]
        yield self.finding(
            file=page.file, page=page.index, bbox=page.to_full(view.to_work(box)),
            measured=round(quad.border[side], 3), threshold=self.p["min_contact"],
            message_zh=f"证件超出画面{SIDES_ZH[side]}边,边角不完整:证件覆盖该边 "
                       f"{quad.border[side]:.0%}(阈值 {self.p['min_contact']:.0%}),"
                       f"其中 {ink[side]:.0%} 处文字或图案被截断。",
            message_en=f"The document runs off the {SIDES[side]} edge of the photo: it covers "
                       f"{quad.border[side]:.0%} of that side (threshold "
                       f"{self.p['min_contact']:.0%}) and print is cut on {ink[side]:.0%} of it.",
        )
