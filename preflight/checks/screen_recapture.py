"""A photo of a screen (monitor, phone, tablet) instead of the document itself.

## What it checks
Colour moiré: on the flat parts of the photo, the fine band-pass ripple of the chroma channels
(a*, b*) compared with that of lightness (`preflight.imaging.recapture`). A screen photographed by
a phone leaves rainbow fringes (its sub-pixel grid aliasing against the camera's colour filter);
printed text, halftone and guilloche ripple in lightness, not in colour, so a line pitch or a
print screen does not trigger it. Measured on the working raster reduced to 1000 px, the band
taken at half that size. Flagged when the chroma ripple is at least `min_chroma_ripple` (4.4
Lab levels) and at least `min_ratio` (1.2) times the luma ripple, or when the same holds one
octave coarser (wider fringes, from a closer or zoomed shot) at `min_coarse_chroma_ripple`
(2.8) and `min_coarse_ratio` (1.2).
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
Box = tuple[int, int, int, int]


def moire_score(page: PageContext) -> MoireScore:
    """The page's colour-moiré score at 1000 px, without its boxes (memoise with
    `page.memo(moire_score)`): what the rule compares, on every photo."""
    return _measure(page, locate=False)


def moire_located(page: PageContext) -> MoireScore:
    """The same score with its boxes in working pixels (memoise with `page.memo(moire_located)`):
    measured again only on a page the rule flags, so an ordinary photo does not pay for the box."""
    return _measure(page, locate=True)


def _measure(page: PageContext, locate: bool) -> MoireScore:
    img = page.image if page.image.ndim == 3 else None
    if img is None:
        return MoireScore(0.0, 0.0, 0.0)
    small, factor = reduce_to(img, WORK_LONG_SIDE)
    score = colour_moire(small, locate)
    return replace(score, box=_scaled(score.box, factor), coarse_box=_scaled(score.coarse_box,
                                                                            factor))


def _scaled(box: Box | None, factor: float) -> Box | None:
    if box is None:
        return None
    return (round(box[0] * factor), round(box[1] * factor), round(box[2] * factor),
            round(box[3] * factor))


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
        "min_coarse_chroma_ripple": Param(2.8, "chroma ripple one octave coarser (σ 2–8 px) at "
                                          "or above which wide colour fringes are present",
                                          0.5, 20),
        "min_coarse_ratio": Param(1.2, "chroma / luma ripple one octave coarser at or above "
                                  "which the wide ripple is colour moiré", 0.5, 10),
    }
    fix_zh = "请直接拍摄纸质原件或实体证件,不要翻拍电脑、手机或平板屏幕上显示的图片。"
    fix_en = ("Photograph the paper original or the physical card directly; do not photograph a "
              "monitor, phone or tablet showing it.")

    def fired(self, s: MoireScore) -> tuple[str, float, float] | None:
        """The scale whose rule fires ("" fine, "coarse_" coarse), its chroma ripple and ratio;
        None when neither does."""
        p = self.p
        if s.chroma_ripple >= p["min_chroma_ripple"] and s.ratio >= p["min_ratio"]:
            return "", s.chroma_ripple, s.ratio
        if s.coarse_chroma >= p["min_coarse_chroma_ripple"] and \
                s.coarse_ratio >= p["min_coarse_ratio"]:
            return "coarse_", s.coarse_chroma, s.coarse_ratio
        return None

    def check(self, page: PageContext) -> Iterator[Finding]:
        """A warning when the colour ripple and its ratio to the luma ripple are both high, at
        the fine or the coarse scale."""
        if page.source == "pdf":
            return
        fired = self.fired(page.memo(moire_score))
        if fired is None:
            return
        scale, chroma, ratio = fired
        located = page.memo(moire_located)  # the box, measured only now
        box = located.coarse_box if scale else located.box
        lim_c, lim_r = self.p[f"min_{scale}chroma_ripple"], self.p[f"min_{scale}ratio"]
        wide_zh, wide_en = ("较宽的", "Wide colour") if scale else ("", "Colour")
        yield self.finding(
            file=page.file, page=page.index,
            bbox=page.to_full(box) if box else (0, 0, *page.full_size),
            measured={f"{scale}chroma_ripple": round(chroma, 2), f"{scale}ratio": round(ratio, 2)},
            threshold={f"min_{scale}chroma_ripple": lim_c, f"min_{scale}ratio": lim_r},
            message_zh=f"画面平坦区域有{wide_zh}彩色摩尔纹(彩色波纹 {chroma:.1f},阈值 {lim_c:g};"
                       f"为亮度波纹的 {ratio:.1f} 倍,阈值 {lim_r:g}),框出的区域最明显,"
                       f"疑似翻拍屏幕(隔屏拍摄)。",
            message_en=f"{wide_en} moiré on the flat areas (chroma ripple {chroma:.1f}, "
                       f"threshold {lim_c:g}; {ratio:.1f}× the luma ripple, threshold "
                       f"{lim_r:g}), strongest in the boxed area: this looks like a photo of a "
                       f"screen.")
