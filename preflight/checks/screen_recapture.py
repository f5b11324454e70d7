"""A photo of a screen (monitor, phone, tablet) instead of the document itself.

## What it checks
Colour moiré: on the flat parts of the photo, the fine band-pass ripple of the chroma channels
(a*, b*) compared with that of lightness (`preflight.imaging.recapture`). A screen photographed by
a phone leaves rainbow fringes (its sub-pixel grid aliasing against the camera's colour filter);
printed text, halftone and guilloche ripple in lightness, not in colour, so a line pitch or a
print screen does not trigger it. Measured on the working raster reduced to 1000 px, the band
taken at half that size. Flagged when the chroma ripple is at least `min_chroma_ripple` (4.4
Lab levels) and at least `min_ratio` (1.2) times the luma ripple.
Reported as a warning: this is a classical, low-confidence score; a screen photo without visible
colour moiré (sharp, far, or recompressed) is not caught.

## Why it matters
The filing guide rejects documents "隔屏拍摄" (photographed off a screen): the reviewer needs the
original, and a screen photo is also how a retouched image would be passed off.

## How to fix
Photograph the paper original (or the physical card) directly, in good light; never photograph a
monitor, phone or tablet showing the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from preflight.context import PageContext
from preflight.imaging.frame import reduce_to
from preflight.imaging.recapture import MoireScore, colour_moire
from preflight.model import Category, Finding, Severity
from preflight.registry import PageCheck, Param

WORK_LONG_SIDE = 1000


def moire_score(page: PageContext) -> MoireScore:
    """The page's colour-moiré score at 1000 px, its box in working pixels (memoise with
    `page.memo(moire_score)`)."""
    img = page.image if page.image.ndim == 3 else None
    if img is None:
        return MoireScore(0.0, 0.0, 0.0)
    small, factor = reduce_to(img, WORK_LONG_SIDE)
    score = colour_moire(small)
    if score.box is None:
        return score
    box = tuple(round(v * factor) for v in score.box)
    return replace(score, box=(box[0], box[1], box[2], box[3]))


class ScreenRecapture(PageCheck):
    """Colour moiré from photographing a screen."""

    code = "Q401"
    name = "screen-recapture"
    category = Category.SCREEN_RECAPTURE
    severity = Severity.WARNING
    params = {
        "min_chroma_ripple": Param(4.4, "chroma ripple (a*+b* band-pass p90) at or above which "
                                   "colour moiré is present", 0.5, 20),
        "min_ratio": Param(1.2, "chroma ripple / luma ripple at or above which the ripple is "
                           "colour moiré, not print texture", 0.5, 10),
    }
    fix_zh = "请直接拍摄纸质原件或实体证件,不要翻拍电脑、手机或平板屏幕上显示的图片。"
    fix_en = ("Photograph the paper original or the physical card directly; do not photograph a "
              "monitor, phone or tablet showing it.")

    def check(self, page: PageContext) -> Iterator[Finding]:
        """A warning when the colour ripple and its ratio to the luma ripple are both high."""
        if page.source == "pdf":
            return
        s = page.memo(moire_score)
        if s.chroma_ripple < self.p["min_chroma_ripple"] or s.ratio < self.p["min_ratio"]:
            return
        yield self.finding(
            file=page.file, page=page.index,
            bbox=page.to_full(s.box) if s.box else (0, 0, *page.full_size),
            measured={"chroma_ripple": round(s.chroma_ripple, 2), "ratio": round(s.ratio, 2)},
            threshold={"min_chroma_ripple": self.p["min_chroma_ripple"],
                       "min_ratio": self.p["min_ratio"]},
            message_zh=f"画面平坦区域有彩色摩尔纹(彩色波纹 {s.chroma_ripple:.1f},阈值 "
                       f"{self.p['min_chroma_ripple']:g};为亮度波纹的 {s.ratio:.1f} 倍,阈值 "
                       f"{self.p['min_ratio']:g}),框出的区域最明显,疑似翻拍屏幕(隔屏拍摄)。",
            message_en=f"Colour moiré on the flat areas (chroma ripple {s.chroma_ripple:.1f}, "
                       f"threshold {self.p['min_chroma_ripple']:g}; {s.ratio:.1f}× the luma "
                       f"ripple, threshold {self.p['min_ratio']:g}), strongest in the boxed area: "
                       f"this looks like a photo of a screen.")
