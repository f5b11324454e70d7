"""A reflection (glare hot spot) on the document washes out part of it.

## What it checks
Near-clipped, colourless blobs inside the located document that are brighter than the paper
(paper = 70th percentile of brightness in the document, so white paper itself is never glare),
cover at least `min_fraction` of the document (default 0.6 %) and fade softly into their
surroundings (a halo at least `min_halo` gray levels above the paper, default 15): a printed
white area ends at paper level instead. The largest blob is reported with its box; when text
surrounds the blob but is missing inside it (the ink-loss cue) the glare hides content and is an
error, otherwise a warning. A blob that runs into the frame border is only a warning: its soft
edge is seen on some sides only, and windows, lamps and white sheets in the scene behind the
document look the same there.

## Why it matters
The filing guide requires 证件内容无反光 (no reflection on the document's content). A glare spot
on the name, ID number or validity date makes the attachment unreadable and it is rejected.

## How to fix
Re-take the photo without flash, tilting the phone slightly or moving away from the lamp or
window so that no reflection falls on the document; take laminated cards out of plastic sleeves
and licences out of glass frames.
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.context import PageContext
from preflight.imaging.frame import analysis_view
from preflight.imaging.glare import glare_map
from preflight.model import Category, Finding, Severity
from preflight.registry import PageCheck, Param


class GlareOnDocument(PageCheck):
    """Specular reflection on the document."""

    code = "Q301"
    name = "glare-on-document"
    category = Category.GLARE
    severity = Severity.ERROR
    params = {
        "min_fraction": Param(0.006, "smallest glare blob, as a share of the document", 0.0, 1.0),
        "min_halo": Param(15.0, "gray levels above the paper just outside the blob", 0.0, 255.0),
    }
    fix_zh = "请关闭闪光灯,稍微倾斜手机或避开灯光/窗户重新拍摄,确保证件上没有反光;取出塑封套或相框。"
    fix_en = ("Re-take the photo without flash, tilting the phone or moving away from lamps and "
              "windows so no reflection falls on the document; remove sleeves and glass frames.")

    def check(self, page: PageContext) -> Iterator[Finding]:
        """One finding for the largest qualifying glare blob."""
        gm = page.memo(glare_map)
        blobs = [b for b in gm.blobs
                 if b.fraction >= self.p["min_fraction"] and b.halo >= self.p["min_halo"]]
        if not blobs:
            return
        blob = blobs[0]
        covers = blob.covers_text
        where_zh, where_en = ("并遮挡了文字", " and hides text") if covers else ("", "")
        if blob.at_frame_edge:
            where_zh += "(该亮区延伸到画面边缘,也可能是背景中的窗户或灯光,请核对)"
            where_en += (" (the bright area runs into the edge of the picture: it may also be a "
                         "window or lamp behind the document; please check)")
        yield self.finding(
            file=page.file, page=page.index,
            bbox=page.to_full(page.memo(analysis_view).to_work(blob.box)),
            severity=Severity.ERROR if covers and not blob.at_frame_edge else Severity.WARNING,
            measured=round(blob.fraction, 4), threshold=self.p["min_fraction"],
            message_zh=f"证件上有反光{where_zh}:反光区域占证件面积 {blob.fraction:.1%}"
                       f"(阈值 {self.p['min_fraction']:.1%}),亮度比纸面高 {blob.halo:.0f} 级。",
            message_en=f"Glare on the document{where_en}: the hot spot "
                       f"covers {blob.fraction:.1%} of the document (threshold "
                       f"{self.p['min_fraction']:.1%}), {blob.halo:.0f} levels above the paper.",
        )
