"""The national emblem on the ID card back or the business licence is hidden.

## What it checks
On pages known to be the ID card's 国徽面 or a 营业执照 (from the attachment role or the OCR
document type), the red of the national emblem inside its expected zone of the rectified,
landscape document (`preflight.imaging.emblem`). Too little red means the emblem is covered (a
finger, a sticker, a watermark), washed out by glare (many clipped pixels), or cut off. Grayscale
pages are left to the photocopy check (Q601), and portrait pages of an ID back are skipped
(rotation is reported by the orientation checks). Pages of unknown type are not checked.

## Why it matters
The filing guide: "内容清晰(国徽不得遮挡)" — the emblem must not be covered. Reviewers reject an
ID back or licence whose emblem is hidden.

## How to fix
Re-take the photo with the whole document in frame, fingers and objects off the document, no
reflection on the emblem and no watermark over it.
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.context import PageContext
from preflight.imaging.document import (
    EMBLEM_KINDS,
    expected_kind,
    page_channel_spread,
    to_page,
)
from preflight.imaging.emblem import emblem_score
from preflight.imaging.rectify import rectified_document
from preflight.model import Category, Finding, Severity
from preflight.registry import PageCheck, Param


class EmblemHidden(PageCheck):
    """Too little of the emblem's red where the emblem belongs."""

    code = "Q901"
    name = "emblem-hidden"
    category = Category.EMBLEM
    severity = Severity.ERROR
    params = {
        "min_red": Param(0.06, "fraction of emblem-red pixels in the zone below which the emblem "
                         "is hidden", 0.0, 1.0),
        "max_clipped": Param(0.25, "fraction of clipped pixels in the zone above which glare "
                             "hides the emblem", 0.0, 1.0),
    }
    fix_zh = "请重新拍摄:证件完整入镜,手指和物品不要压在证件上,国徽处无反光、无水印遮挡。"
    fix_en = ("Re-take the photo: whole document in frame, no fingers or objects on it, no "
              "reflection or watermark over the emblem.")

    def check(self, page: PageContext) -> Iterator[Finding]:
        """An error when the emblem zone lacks red or is washed out."""
        kind = expected_kind(page)
        if kind not in EMBLEM_KINDS or page.memo(page_channel_spread) <= 2.0:
            return
        rect = page.memo(rectified_document)
        h, w = rect.gray.shape
        if kind == "id_back" and h > w:
            return
        s = emblem_score(rect.bgr, kind)
        washed = s.clipped > self.p["max_clipped"]
        if s.red >= self.p["min_red"] and not washed:
            return
        zh_cause = "被反光遮盖" if washed else "不可见或被遮挡、裁切"
        en_cause = "washed out by glare" if washed else "not visible: covered or cut off"
        yield self.finding(
            file=page.file, page=page.index, bbox=to_page(page, rect, s.zone),
            measured={"red_fraction": round(s.red, 3), "clipped_fraction": round(s.clipped, 3),
                      "document": kind},
            threshold={"min_red": self.p["min_red"], "max_clipped": self.p["max_clipped"]},
            message_zh=f"国徽{zh_cause}(国徽区域红色占 {s.red:.1%},低于 {self.p['min_red']:.0%}"
                       f";过曝 {s.clipped:.0%})。",
            message_en=f"The national emblem is {en_cause} (emblem red {s.red:.1%} of its zone, "
                       f"below {self.p['min_red']:.0%}; clipped {s.clipped:.0%}).")
