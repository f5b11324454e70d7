"""The national emblem on the ID card back or the business licence is hidden.

## What it checks
On pages known to be the ID card's 国徽面 or a 营业执照 (from the attachment role or the OCR
document type), the red of the national emblem inside its expected zone of the rectified,
landscape document (`preflight.imaging.emblem`). Too little red means the emblem is covered (a
finger, a sticker, a watermark), washed out by glare (many clipped pixels), or cut off.
On a colourless photo (a gray copy, also reported by Q601) the message says so. Skipped:
stored-grayscale images (Q601's finding); pages where no document quadrilateral was fitted and
that are not frame-filling scans (the zone would be a guess); portrait ID backs (rotation is the orientation checks' finding); a 营业执照 with no red
anywhere (the original always carries its registration authority's red seal); pages of unknown
type. When the document type is only guessed from the file name (no filing.toml role, OCR
off or not confirming it), the finding is a warning rather than an error and says so: a file
called "license.png" may be a driving licence without an emblem.

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
    document_chroma,
    expected_kind,
    kind_is_guess,
    page_channel_spread,
    to_page,
)
from preflight.imaging.emblem import emblem_score, red_fraction
from preflight.imaging.quad import document_quad
from preflight.imaging.rectify import Rectified, rectified_small
from preflight.model import Category, Finding, Severity
from preflight.registry import PageCheck, Param


class EmblemHidden(PageCheck):
    """Too little of the emblem's red where the emblem belongs."""

    code = "Q901"
    name = "emblem-hidden"
    category = Category.EMBLEM
    severity = Severity.ERROR
    reads_text = True  # the OCR document type (`analyze_page`)
    params = {
        "min_red": Param(0.06, "fraction of emblem-red pixels in the zone below which the emblem "
                         "is hidden", 0.0, 1.0),
        "min_licence_red": Param(0.001, "a 营业执照 with less red than this over the whole "
                                 "page (no seal) is not checked", 0.0, 0.1),
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
        rect = page.memo(rectified_small)
        h, w = rect.gray.shape
        if (kind == "id_back" and h > w) or not self._reliable(page, rect):
            return
        if kind == "business_license" and red_fraction(rect.bgr) < self.p["min_licence_red"]:
            return  # no red seal anywhere: not recognisably a 营业执照 original
        s = emblem_score(rect.bgr, kind)
        washed = s.clipped > self.p["max_clipped"] and s.clipped > 2 * s.page_clipped
        if s.red >= self.p["min_red"] and not washed:
            return
        stats = page.memo(document_chroma)
        grey = stats.fraction < 0.003 and stats.p995 < 10.0 and stats.blob <= 0.0003
        zh_cause = ("被反光遮盖" if washed else "没有红色(整页无彩色,像是复印件)" if grey
                    else "不可见或被遮挡、裁切")
        en_cause = ("washed out by glare" if washed else "not red (the page has no colour: a "
                    "copy?)" if grey else "not visible: covered or cut off")
        guess = kind_is_guess(page, kind)
        zh_note, en_note = ("(证件类型由文件名推断)", " (document type guessed from the file name)") \
            if guess else ("", "")
        yield self.finding(
            file=page.file, page=page.index, bbox=to_page(page, rect, s.zone),
            measured={"red_fraction": round(s.red, 3), "clipped_fraction": round(s.clipped, 3),
                      "document": kind},
            threshold={"min_red": self.p["min_red"], "max_clipped": self.p["max_clipped"]},
            severity=Severity.WARNING if guess else None,
            message_zh=f"国徽{zh_cause}(国徽区域红色占 {s.red:.1%},低于 {self.p['min_red']:.0%}"
                       f";过曝 {s.clipped:.0%}){zh_note}。",
            message_en=f"The national emblem is {en_cause} (emblem red {s.red:.1%} of its zone, "
                       f"below {self.p['min_red']:.0%}; clipped {s.clipped:.0%}){en_note}.")

    def _reliable(self, page: PageContext, rect: Rectified) -> bool:
        """The zone is meaningful: a fitted quad, or a frame-filling scan."""
        return rect.kind != "frame" or page.memo(document_quad).mode == "scan"
