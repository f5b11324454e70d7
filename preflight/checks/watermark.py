"""A watermark stamp laid over important content, or a long watermark.

## What it checks
Framed watermark stamps ("复印无效", "仅供备案使用" in a rectangle) on the rectified document
(`preflight.imaging.watermark`): closed rectangles of stamp proportions with text inside, on a
page that is not a form full of boxes. A stamp whose surroundings are densely printed (ink
density in a ring around it at or above `min_cover`) lies over fields of the document: an error
that names where. A stamp wider than `max_width` of the document is "not concise": a warning.
A stamp on blank paper that is short is fine and only noted. Born-digital PDF pages (with a text
layer) are skipped: their ruled tables look like stamps. Unframed, diagonal or semi-transparent
overlay text is not detected yet.

## Why it matters
The filing guide: "请勿添加与备案无关的水印描述,水印需文字简洁且不遮挡证件上的重要信息" — a
watermark must be short and must not cover the important information of the document. A stamp
over the ID number, the name or the 有效期限 gets the filing sent back.

## How to fix
Put the watermark on a blank part of the document (or leave it off), keep it short (for example
"仅供ICP备案使用"), and make sure the name, number, dates, portrait and national emblem stay
fully readable.
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.context import PageContext
from preflight.imaging.document import to_page
from preflight.imaging.rectify import Rectified, rectified_small
from preflight.imaging.watermark import StampBox, framed_stamps
from preflight.model import Category, Finding, Severity
from preflight.registry import PageCheck, Param


def stamps(page: PageContext) -> list[StampBox]:
    """The page's framed stamps in rectified pixels (memoise with `page.memo(stamps)`)."""
    return framed_stamps(page.memo(rectified_small).gray)


def _where(rect: Rectified, box: tuple[float, float, float, float]) -> tuple[str, str]:
    h, w = rect.gray.shape
    cx, cy = (box[0] + box[2] / 2) / w, (box[1] + box[3] / 2) / h
    row = ("上部", "top") if cy < 1 / 3 else ("中部", "middle") if cy < 2 / 3 else ("下部", "bottom")
    col = ("左侧", "left") if cx < 1 / 3 else ("中间", "centre") if cx < 2 / 3 else ("右侧", "right")
    return row[0] + col[0], f"{row[1]} {col[1]}"


class WatermarkOverContent(PageCheck):
    """A framed watermark stamp over the document's content, or too long."""

    code = "Q701"
    name = "watermark-over-content"
    category = Category.WATERMARK
    severity = Severity.ERROR
    params = {
        "min_cover": Param(0.2, "ink density around the stamp at or above which it covers "
                           "printed content", 0.0, 1.0),
        "max_width": Param(0.5, "stamp width / document width above which it is not concise",
                           0.1, 1.0),
    }
    fix_zh = "水印请放在证件空白处并保持简短(如“仅供ICP备案使用”),不要遮挡姓名、号码、有效期、头像和国徽。"
    fix_en = ("Place the watermark on a blank area and keep it short (e.g. 仅供ICP备案使用); keep "
              "name, number, dates, portrait and emblem readable.")

    def check(self, page: PageContext) -> Iterator[Finding]:
        """One finding per stamp: error over content, warning when long, info otherwise."""
        if page.has_text_layer:
            return
        rect = page.memo(rectified_small)
        for s in page.memo(stamps):
            yield self._finding(page, rect, s)

    def _finding(self, page: PageContext, rect: Rectified, s: StampBox) -> Finding:
        zh_where, en_where = _where(rect, s.box)
        over, long_ = s.cover >= self.p["min_cover"], s.width_fraction > self.p["max_width"]
        severity = Severity.ERROR if over else Severity.WARNING if long_ else Severity.INFO
        zh = [f"在证件{zh_where}检测到加框水印"]
        en = [f"A framed watermark stamp at the {en_where} of the document"]
        if over:
            zh.append(f"压在证件文字上(周边墨迹密度 {s.cover:.2f} ≥ {self.p['min_cover']})")
            en.append(f"covers printed content (ink density around it {s.cover:.2f} >= "
                      f"{self.p['min_cover']})")
        if long_:
            zh.append(f"过长(占证件宽度 {s.width_fraction:.0%})")
            en.append(f"is long ({s.width_fraction:.0%} of the document width)")
        return self.finding(
            file=page.file, page=page.index, bbox=to_page(page, rect, s.box), severity=severity,
            measured={"cover": round(s.cover, 3), "width_fraction": round(s.width_fraction, 3),
                      "region": en_where},
            threshold={"min_cover": self.p["min_cover"], "max_width": self.p["max_width"]},
            message_zh=",".join(zh) + "。", message_en=", ".join(en) + ".")
