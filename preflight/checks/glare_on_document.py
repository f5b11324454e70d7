"""A reflection (glare hot spot) on the document washes out part of it.

## What it checks
Near-clipped, colourless blobs inside the located document that are brighter than the paper
(paper = 70th percentile of brightness in the document, so white paper itself is never glare;
a blob's pixels stand at least 25 gray levels above the paper, or are saturated where the paper
is too bright for that) and look like a reflection of a light source: they cover at least `min_fraction` of the
document (default 0.6 %); at least `min_clipped` of their pixels are saturated (default half:
a lamp or window reflected in a glossy surface saturates the camera, white paper and white print
stay a few levels below); and they fade softly into the document on every side (the upper
quartile of a thin ring around them at least `min_halo` = 10 gray levels above the paper, its
median at least `min_fade` = 0 above it: a bright patch of wall or background inside the
located region is bordered by darker things). Blobs that run into the frame border are not
reported (`frame_edge` = false): their surroundings are seen on some sides only, and windows,
lamps, white sheets and white backgrounds look the same there. The largest blob is reported
with its box; when text surrounds it but is missing inside it (the ink-loss cue) the glare hides
content and is an error, otherwise a warning. Not caught: a broad sheen that washes out the
print without saturating the camera (a glossy card or magazine under diffuse light): on the real
photos no measure told it from bright clean paper (docs/detectors.md, "What the real data
allows"), so look at glossy cards by eye.

## Why it matters
The filing guide requires 证件内容无反光 (no reflection on the document's content). A glare spot
on the name, ID number or validity date makes the attachment unreadable and it is rejected.

## How to fix
Re-take the photo without flash, tilting the phone slightly or moving away from the lamp or
window so that no reflection falls on the document; take laminated cards out of plastic sleeves
and licences out of glass frames.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from preflight.context import PageContext
from preflight.imaging.frame import analysis_view
from preflight.imaging.glare import GlareBlob, glare_map
from preflight.model import Category, Finding, Severity
from preflight.registry import PageCheck, Param


def qualifies(blob: GlareBlob, p: Mapping[str, Any]) -> bool:
    """True when `blob` passes every threshold of the parameters `p` (Q301's decision rule)."""
    return (blob.fraction >= p["min_fraction"] and blob.halo >= p["min_halo"]
            and blob.clipped >= p["min_clipped"] and blob.fade >= p["min_fade"]
            and (bool(p["frame_edge"]) or not blob.at_frame_edge))


class GlareOnDocument(PageCheck):
    """Specular reflection on the document."""

    code = "Q301"
    name = "glare-on-document"
    category = Category.GLARE
    severity = Severity.ERROR
    params = {
        "min_fraction": Param(0.006, "smallest glare blob, as a share of the document", 0.0, 1.0),
        "min_halo": Param(10.0, "gray levels above the paper just outside the blob", 0.0, 255.0),
        "min_clipped": Param(0.5, "share of the blob's pixels saturated (V >= 254)", 0.0, 1.0),
        "min_fade": Param(0.0, "median gray levels above the paper just outside the blob",
                          -255.0, 255.0),
        "frame_edge": Param(False, "also report blobs that run into the frame border"),
    }
    fix_zh = "请关闭闪光灯,稍微倾斜手机或避开灯光/窗户重新拍摄,确保证件上没有反光;取出塑封套或相框。"
    fix_en = ("Re-take the photo without flash, tilting the phone or moving away from lamps and "
              "windows so no reflection falls on the document; remove sleeves and glass frames.")

    def check(self, page: PageContext) -> Iterator[Finding]:
        """One finding for the largest qualifying glare blob."""
        blobs = [b for b in page.memo(glare_map).blobs if qualifies(b, self.p)]
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
                       f"(阈值 {self.p['min_fraction']:.1%}),其中 {blob.clipped:.0%} 已过曝"
                       f"(阈值 {self.p['min_clipped']:.0%}),周边亮度比纸面高 {blob.halo:.0f} 级。",
            message_en=f"Glare on the document{where_en}: the hot spot "
                       f"covers {blob.fraction:.1%} of the document (threshold "
                       f"{self.p['min_fraction']:.1%}), {blob.clipped:.0%} of it overexposed "
                       f"(threshold {self.p['min_clipped']:.0%}), its rim {blob.halo:.0f} levels "
                       f"above the paper.",
        )
