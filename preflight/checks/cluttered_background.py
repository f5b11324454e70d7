"""The background around the document is not uniform (cluttered desk, hands, other papers).

## What it checks
On photos where the document was located with background around it, the background (outside
the document, 2 % away from its edge) is compared with its own median colour: when at least
`max_off_tone` of it (default 10 %) differs by more than ΔE 20 (CIELAB), or its Canny edge
density reaches `max_edges` (default 6 %), the background is reported as not uniform, with the
box of the off-tone area. This is a warning: no real labelled images exist for this defect, so
the thresholds are set on generated cluttered scenes (see docs/detectors.md).

## Why it matters
The filing guide asks for 色调背景一致: the document photographed on a plain, uniform background.
Clutter around the document (other papers, hands, objects) is a common reason for a reviewer to
ask for a new photo, and it also makes the document outline harder to find.

## How to fix
Lay the document on a plain, single-colour surface (a dark table or a sheet of paper of one
colour), move other objects and papers out of the frame, and keep fingers off the picture.
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.context import PageContext
from preflight.imaging.background import page_background
from preflight.imaging.frame import analysis_view
from preflight.model import Category, Finding, Severity
from preflight.registry import PageCheck, Param


class ClutteredBackground(PageCheck):
    """Non-uniform background."""

    code = "Q801"
    name = "cluttered-background"
    category = Category.BACKGROUND
    severity = Severity.WARNING
    params = {
        "max_off_tone": Param(0.10, "share of the background far (ΔE > 20) from its median "
                                    "colour", 0.0, 1.0),
        "max_edges": Param(0.06, "Canny edge density of the background", 0.0, 1.0),
        "min_background": Param(0.10, "smallest background share of the frame judged", 0.0, 1.0),
    }
    fix_zh = "请把证件放在纯色、单一色调的平面上拍摄,移开其他纸张和物品,手指不要入镜。"
    fix_en = ("Lay the document on a plain single-colour surface, move other papers and objects "
              "out of the frame and keep fingers out of the picture.")

    def check(self, page: PageContext) -> Iterator[Finding]:
        """One warning when the background is off-tone or full of edges."""
        bg = page.memo(page_background)
        if bg is None or bg.fraction < self.p["min_background"]:
            return
        if bg.off_tone < self.p["max_off_tone"] and bg.edge_density < self.p["max_edges"]:
            return
        view = page.memo(analysis_view)
        box = bg.box or (0, 0, *view.size)
        yield self.finding(
            file=page.file, page=page.index, bbox=page.to_full(view.to_work(box)),
            measured={"off_tone": round(bg.off_tone, 3), "edges": round(bg.edge_density, 3)},
            threshold={"off_tone": self.p["max_off_tone"], "edges": self.p["max_edges"]},
            message_zh=f"证件背景不一致:背景中 {bg.off_tone:.0%} 的区域与主色调明显不同"
                       f"(阈值 {self.p['max_off_tone']:.0%}),边缘密度 {bg.edge_density:.1%}"
                       f"(阈值 {self.p['max_edges']:.0%})。",
            message_en=f"The background is not uniform: {bg.off_tone:.0%} of it differs clearly "
                       f"from its main tone (threshold {self.p['max_off_tone']:.0%}); edge "
                       f"density {bg.edge_density:.1%} (threshold {self.p['max_edges']:.0%}).",
        )
