"""The page's own OCR cannot read most of its text confidently: the text is not legible.

## What it checks
With OCR on, every page is read once for its type and dates (`preflight.analysis`); this check
uses that reading, so it costs no further OCR. Of the characters recognised in rows at least 20
working pixels high (smaller text is a resolution matter, Q101), it takes the share read with a
confidence below 0.8 (`preflight.imaging.legibility`: document image-quality research takes OCR
accuracy as the measure of a page's quality). When at least `min_characters` characters were
judged and the share reaches `max_share`, the text is reported as not legible, with the rows
read least confidently as the place. It says nothing when OCR is off, on PDF pages with a text
layer, when the OCR stopped at the time limit or was done by Tesseract (its confidence is on
another scale than that of RapidOCR, the default engine it was calibrated on), and on pages
turned sideways or upside down (G102 reports those; OCR reads upright text only). It complements Q201, which measures the
sharpness of the pixels: a page smeared just enough to defeat reading can keep edges as crisp
as a sharp photo's.

## Why it matters
The filing guide requires attachments to be 内容清晰 (clearly legible): the reviewer must read
the name, the ID or 统一社会信用代码 number and the validity dates. Text that a machine reader
cannot make out is usually hard for the reviewer too, and the filing is sent back.

## How to fix
Take the photo again: hold the phone steady (or rest it), come closer so the document fills the
frame, tap the text on screen to focus, and use even light; or scan the document.
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.analysis import ocr_reading
from preflight.context import PageContext
from preflight.imaging.legibility import legibility
from preflight.imaging.orientation import page_rotation
from preflight.model import Category, Finding, Severity
from preflight.registry import PageCheck, Param

ENGINE = "rapid"
"""The OCR engine whose per-character confidence `max_share` was calibrated on (RapidOCR, the
default): Tesseract scores its characters on another scale, so its pages are not judged."""


class TextIllegible(PageCheck):
    """Most of the page's text is read unsurely by OCR."""

    code = "Q202"
    name = "text-illegible"
    category = Category.BLUR
    severity = Severity.WARNING
    reads_text = True  # the OCR rows of the page (`analyze_page`)
    params = {
        "max_share": Param(0.65, "share of the judged characters read with a confidence below "
                                 "0.8 at or above which the text is not legible", 0.0, 1.0),
        "min_characters": Param(20, "characters (in rows 20 working px high or more) the page "
                                    "must have for a verdict", 1, 10_000),
        "rotation_confidence": Param(0.68, "confidence of a turned-page reading (G102's) at or "
                                           "above which the page is not judged", 0.0, 1.0),
    }
    fix_zh = ("请重新拍摄:稳住手机(或将手机靠稳),靠近一些让证件占满画面,点击屏幕上的文字对焦,"
              "在光线均匀处拍摄;或直接扫描。")
    fix_en = ("Take the photo again: hold the phone steady, come closer so the document fills the "
              "frame, tap the text on screen to focus and use even light; or scan it.")

    def check(self, page: PageContext) -> Iterator[Finding]:
        """One warning when most of the page's OCR characters were read unsurely."""
        text = ocr_reading(page)
        if text is None or text.timed_out or text.engine != ENGINE:
            return
        leg = legibility(text.rows)
        limit = self.p["max_share"]
        if leg.characters < self.p["min_characters"] or leg.share < limit or leg.box is None:
            return
        turn = page.memo(page_rotation)
        if turn.available and turn.angle and turn.confidence >= self.p["rotation_confidence"]:
            return
        yield self.finding(
            file=page.file, page=page.index, bbox=page.to_full(leg.box),
            measured={"share": round(leg.share, 3), "characters": leg.characters},
            threshold=limit,
            message_zh=f"证件文字难以辨认:自动识别的 {leg.characters} 个字符中有 "
                       f"{leg.share:.0%} 识别把握不足(阈值 {limit:.0%}),文字可能模糊、"
                       f"抖动或太暗;框出的是最难辨认的几行。",
            message_en=f"The document's text is hard to read: {leg.share:.0%} of the "
                       f"{leg.characters} characters read by OCR were read unsurely (threshold "
                       f"{limit:.0%}); the text may be blurred, shaken or too dark. The box "
                       "marks the least legible rows.",
        )
