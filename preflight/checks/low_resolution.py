"""The image has too few pixels for its content to be legible.

## What it checks
The pixel size of each photo or scan as the reviewer sees it. Below `min_short_side` (default
500 px) on the short side it is an error; below `min_long_side` (default 1000 px) on the long
side a warning. PDF pages are rendered by preflight and skipped here.

## Why it matters
Reviewers must read the 18-digit ID number, the 统一社会信用代码 and small print such as
有效期限 and 营业期限. Card-OCR services set the same floor: Tencent Cloud's IDCardOCR recommends
at least 500×800 px with the card filling two thirds of the frame; at 1000 px across, a
credit-card-sized document is about 300 dpi and 7-point text is about 25 px high.

## How to fix
Re-take the photo with the document filling most of the frame, or scan at 300 dpi; do not send
thumbnails or screenshots of thumbnails.
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.context import PageContext
from preflight.model import Category, Finding, Severity
from preflight.registry import PageCheck, Param


class LowResolution(PageCheck):
    """Too few pixels."""

    code = "Q101"
    name = "low-resolution"
    category = Category.RESOLUTION
    severity = Severity.ERROR
    params = {
        "min_short_side": Param(500, "error below this many pixels on the short side", 50, 5000,
                                strict=700, relaxed=400),
        "min_long_side": Param(1000, "warning below this many pixels on the long side", 100, 10000,
                               strict=1200, relaxed=800),
    }
    fix_zh = "请让证件占满大部分画面重新拍摄,或以 300 dpi 扫描;不要上传缩略图。"
    fix_en = "Re-take the photo with the document filling the frame, or scan at 300 dpi."

    def check(self, page: PageContext) -> Iterator[Finding]:
        """An error or a warning when a side is below its threshold."""
        if page.source == "pdf":
            return
        w, h = page.full_size
        short, long_ = min(w, h), max(w, h)
        if short < self.p["min_short_side"]:
            measured, threshold, severity = short, self.p["min_short_side"], Severity.ERROR
            zh, en = "短边", "short side"
        elif long_ < self.p["min_long_side"]:
            measured, threshold, severity = long_, self.p["min_long_side"], Severity.WARNING
            zh, en = "长边", "long side"
        else:
            return
        yield self.finding(
            file=page.file, page=page.index, bbox=(0, 0, w, h), severity=severity,
            measured=measured, threshold=threshold,
            message_zh=f"图片分辨率过低:{zh} {measured} 像素,低于 {threshold} 像素,文字可能无法辨认。",
            message_en=f"Resolution too low: {en} is {measured} px, below {threshold} px; "
                       "text may be illegible.",
        )
