"""The document is out of focus or shaken: its text is blurred.

## What it checks
The blur effect (Crété-Roffet et al. 2007: how much detail survives a re-blur; 0 sharp, 1 fully
blurred) of up to 16 text cells inside the located document, each measured at the document's own
resolution; a document that fills only a small part of a large photo (under 600 px on its long
side at the working size) is measured on a finer decode of the photo, so it is judged at a
normalised size. When the median cell is at or above `max_blur` (default 0.38), and the text
edges along their softest axis are at least `min_soft_edge` px wide (median, default 3.5: the
blur effect also rises on large crisp letters, whose thick strokes hold little fine detail,
while their edges stay 2–3 px wide), the page is reported as blurred, with the most blurred
cell as the place; when the blur is strongly directional it is called motion blur (camera
shake). Strong defocus of a photo is also reported when the median edge width of the text
cells (contrast over steepest slope, Marziliano et al. 2002) is at least `max_edge_width`
pixels of the measured raster (default 10): sharp print has edges 1–4 px wide at any scale
where it is legible, so 10 px means the strokes have melted into each other. A page with only
two inked cells is judged on the less blurred of them; pages with fewer (blank or nearly blank
pages) get no verdict; a small image is a resolution problem (Q101), not blur.
A composite page (pictures pasted side by side or one above the other, split by thin lines that
cross the whole page, such as an ID card's front and back in one image) is also judged panel by
panel: when its most blurred panel reaches `panel_blur` (0.25) and `panel_ratio` (1.6) times the
blur effect of its sharpest panel, that panel is reported. The panels show the same kind of text
at the same scale after the same processing, so the sharpest one says what the page allows.

## Why it matters
The filing guide requires that attachments be 内容清晰 (clearly legible): the reviewer must read
the ID number, the 统一社会信用代码 and the validity dates. A blurred photo is rejected, usually
after days in the queue.

## How to fix
Re-take the photo in good light, holding the phone steady (or resting it) and tapping the screen
on the document to focus before shooting; or scan the document.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from preflight.context import PageContext
from preflight.imaging.blurmap import BlurMap, blur_map
from preflight.model import Category, Finding, Severity
from preflight.registry import PageCheck, Param


def verdict(bm: BlurMap, p: Mapping[str, Any]) -> str | None:
    """Which rule of Q201 (parameters `p`) a page's blur map meets: "blur" (median blur effect,
    with edges soft along some axis), "edges" (median edge width), "panel" (one panel of a
    composite far more blurred than the sharpest), or None."""
    if not bm.measurable:
        return None
    if bm.level >= p["max_blur"] and bm.soft_edge_width >= p["min_soft_edge"]:
        return "blur"
    if bm.edge_width >= p["max_edge_width"]:
        return "edges"
    extremes = bm.panel_extremes
    if extremes is not None:
        level, ref = extremes[0].level, extremes[1].level
        if level >= p["panel_blur"] and level >= p["panel_ratio"] * ref:
            return "panel"
    return None


class BlurryDocument(PageCheck):
    """Blurred text (defocus or motion)."""

    code = "Q201"
    name = "blurry-document"
    category = Category.BLUR
    severity = Severity.ERROR
    params = {
        "max_blur": Param(0.38, "median blur effect of the text cells at or above which the page "
                                "is blurred (0 sharp … 1 blurred)", 0.05, 0.95),
        "min_soft_edge": Param(3.5, "median edge width of the text cells along their softest "
                                    "axis, in measured pixels, that the blur-effect rule also "
                                    "needs (large crisp letters score a high blur effect)",
                                    0.0, 100.0),
        "max_edge_width": Param(10.0, "median edge width of the text cells, in measured pixels, "
                                      "at or above which the page is blurred", 2.0, 100.0),
        "panel_blur": Param(0.25, "blur effect a panel of a composite page must reach to be "
                                  "compared with its sharpest panel", 0.05, 0.95),
        "panel_ratio": Param(1.6, "how many times the sharpest panel's blur effect the most "
                                  "blurred panel of a composite page must reach", 1.0, 10.0),
        "motion_anisotropy": Param(0.12, "median |horizontal − vertical| blur effect above which "
                                         "the blur is called motion blur", 0.0, 1.0),
    }
    fix_zh = "请在光线充足处稳住手机(或将手机靠稳),点击屏幕对准证件对焦后重新拍摄,或直接扫描。"
    fix_en = ("Re-take the photo in good light, holding the phone steady and tapping the document "
              "on screen to focus, or scan it.")

    def check(self, page: PageContext) -> Iterator[Finding]:
        """One error when the median text cell is blurred, its edges are very wide, or one
        panel of a composite page is much more blurred than the sharpest."""
        bm = page.memo(blur_map)
        rule = verdict(bm, self.p)
        worst = bm.worst
        if rule is None or worst is None:
            return
        if rule == "edges":
            yield self._wide_edges(page, bm.edge_width, worst.box)
            return
        if rule == "panel":
            yield self._blurred_panel(page, bm)
            return
        motion = bm.anisotropy >= self.p["motion_anisotropy"]
        kind_zh, kind_en = ("抖动造成的运动模糊", "motion blur (camera shake)") if motion else \
            ("对焦不准造成的模糊", "out-of-focus blur")
        yield self.finding(
            file=page.file, page=page.index, bbox=page.to_full(worst.box),
            measured=round(bm.level, 3), threshold=self.p["max_blur"],
            message_zh=f"证件文字模糊({kind_zh}):文字区域模糊度 {bm.level:.2f},"
                       f"达到或超过阈值 {self.p['max_blur']:.2f},文字边缘宽约 "
                       f"{bm.soft_edge_width:.0f} 像素;框出的是最模糊的区域。",
            message_en=f"The document's text is blurred ({kind_en}): blur effect of the "
                       f"text cells {bm.level:.2f} >= {self.p['max_blur']:.2f}, text edges about "
                       f"{bm.soft_edge_width:.0f} px wide; the box marks the most blurred region.",
        )

    def _blurred_panel(self, page: PageContext, bm: BlurMap) -> Finding:
        """The finding for the panel of a composite page much more blurred than its sharpest."""
        blurred, sharpest = bm.panel_extremes or (bm, bm)
        level, ref = blurred.level, sharpest.level
        floor, ratio = self.p["panel_blur"], self.p["panel_ratio"]
        box = max(blurred.tiles, key=lambda t: t.score).box  # measurable: two tiles at least
        return self.finding(
            file=page.file, page=page.index, bbox=page.to_full(box),
            measured=round(level, 3), threshold=round(max(floor, ratio * ref), 3),
            message_zh=f"拼接图中有一幅模糊:该幅文字区域模糊度 {level:.2f},是最清晰一幅"
                       f"({ref:.2f})的 {level / max(ref, 1e-6):.1f} 倍(阈值 {ratio:.1f} 倍且"
                       f"不低于 {floor:.2f});框出的是这一幅中最模糊的区域。",
            message_en=f"One picture of this composite page is blurred: blur effect "
                       f"{level:.2f}, {level / max(ref, 1e-6):.1f}x that of the sharpest "
                       f"picture ({ref:.2f}; threshold {ratio:.1f}x and at least "
                       f"{floor:.2f}); the box marks its most blurred region.",
        )

    def _wide_edges(self, page: PageContext, width: float,
                    box: tuple[int, int, int, int]) -> Finding:
        limit = self.p["max_edge_width"]
        return self.finding(
            file=page.file, page=page.index, bbox=page.to_full(box),
            measured=round(width, 1), threshold=limit,
            message_zh=f"证件文字严重失焦:文字边缘宽度中位数 {width:.0f} 像素,达到或超过阈值 "
                       f"{limit:.0f} 像素(清晰的文字边缘只有 1–4 像素);框出的是最模糊的区域。",
            message_en=f"The document is badly out of focus: the text edges are {width:.0f} px wide "
                       f"(median; threshold {limit:.0f} px, sharp print is 1–4 px); the box marks "
                       "the most blurred region.",
        )
