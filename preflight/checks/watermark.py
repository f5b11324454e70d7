"""A watermark laid over important content, a long one, or one unrelated to the filing.

## What it checks
Framed watermark stamps ("复印无效", "仅供备案使用" in a rectangle) on the rectified document
(`preflight.imaging.watermark`): closed rectangles of stamp proportions with text inside, on a
page that is not a form full of boxes. A stamp whose surroundings are densely printed (ink
density in a ring around it at or above `min_cover`) lies over fields of the document: an error
that names where. A stamp wider than `max_width` of the document is "not concise": a warning.
A stamp on blank paper that is short is fine and only noted. When the page is known to be an ID
front or 居住证 (portrait), an ID back or a 营业执照 (national emblem), from filing.toml, the file
name or OCR, a stamp lying on that zone of the located document is an error that says so.
With OCR on, the page's recognised text rows are also searched for watermark words that have
nothing to do with the filing (`preflight.imaging.watermark_text`): a web site's or platform's
mark (`中国制造网`, `知乎 @…`, `Chinanews.com`), a restriction to another use (`仅展示使用`,
`仅供…使用` not naming the filing) or a specimen overprint (`SPECIMEN`): a warning naming the
words and where they are. Born-digital PDF pages (with a text layer) are skipped: their ruled
tables look like stamps and their text is the document's own. Without OCR, unframed, diagonal or
semi-transparent overlay text is not detected.

## Why it matters
The filing guide: "请勿添加与备案无关的水印描述,水印需文字简洁且不遮挡证件上的重要信息" — no
watermark unrelated to the filing (a site's logo on a re-posted licence photo is one), and a
watermark must be short and must not cover the important information of the document. A stamp
over the ID number, the name or the 有效期限 gets the filing sent back.

## How to fix
Use a photo or scan of your own original, not a picture taken from a web site. Put the
watermark on a blank part of the document (or leave it off), keep it short (for example
"仅供ICP备案使用"), and make sure the name, number, dates, portrait and national emblem stay
fully readable.
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.analysis import ocr_reading
from preflight.context import PageContext
from preflight.imaging.document import expected_kind, to_page
from preflight.imaging.rectify import Rectified, rectified_small
from preflight.imaging.watermark import KEY_ZONES, StampBox, framed_stamps, zone_overlap
from preflight.imaging.watermark_text import WatermarkText, watermark_text
from preflight.model import Category, Finding, Severity
from preflight.ocr.layout import Row
from preflight.registry import PageCheck, Param

_KIND_TEXT = {"site": ("网站或平台水印", "a web site's or platform's mark"),
              "use": ("限定其他用途的水印", "a restriction to another use"),
              "specimen": ("样本水印", "a specimen overprint")}


def stamps(page: PageContext) -> list[StampBox]:
    """The page's framed stamps in rectified pixels (memoise with `page.memo(stamps)`)."""
    return framed_stamps(page.memo(rectified_small).gray)


def text_marks(page: PageContext) -> list[tuple[Row, WatermarkText]]:
    """Rows of the page's OCR text holding watermark words (none when OCR is off). The page is
    read once for its type and dates anyway (`analyze_page`, memoised), so this costs no OCR."""
    text = ocr_reading(page)
    rows = text.rows if text is not None else ()
    return [(r, m) for r in rows if (m := watermark_text(r.text)) is not None]


def _where(rect: Rectified, box: tuple[float, float, float, float]) -> tuple[str, str]:
    h, w = rect.gray.shape
    return _region((box[0] + box[2] / 2) / w, (box[1] + box[3] / 2) / h)


def _region(cx: float, cy: float) -> tuple[str, str]:
    """(zh, en) name of the ninth of the page holding the point (cx, cy), in fractions."""
    row = ("上部", "top") if cy < 1 / 3 else ("中部", "middle") if cy < 2 / 3 else ("下部", "bottom")
    col = ("左侧", "left") if cx < 1 / 3 else ("中间", "centre") if cx < 2 / 3 else ("右侧", "right")
    return row[0] + col[0], f"{row[1]} {col[1]}"


def _key_area(page: PageContext, rect: Rectified, s: StampBox) -> tuple[str, str, float] | None:
    """(zh, en, covered fraction) of the portrait or emblem zone, when the kind is known and
    the zone is meaningful (a fitted quad, landscape)."""
    kind = expected_kind(page)
    h, w = rect.gray.shape
    if kind not in KEY_ZONES or rect.kind == "frame" or h > w:
        return None
    zh, en, zone = KEY_ZONES[kind]
    return zh, en, zone_overlap(s.box, (h, w), zone)


class WatermarkOverContent(PageCheck):
    """A framed watermark stamp over the document's content or too long, or watermark words
    unrelated to the filing in the OCR text."""

    code = "Q701"
    name = "watermark-over-content"
    category = Category.WATERMARK
    severity = Severity.ERROR
    reads_text = True  # the OCR text rows and document type (`analyze_page`)
    params = {
        "min_cover": Param(0.2, "ink density around the stamp at or above which it covers "
                           "printed content", 0.0, 1.0),
        "max_width": Param(0.5, "stamp width / document width above which it is not concise",
                           0.1, 1.0),
        "min_zone_cover": Param(0.3, "overlap of the stamp and the portrait (ID front) or "
                                "national emblem (ID back, 营业执照) zone, as a fraction of the "
                                "smaller of the two, at or above which it covers it", 0.0, 1.0),
    }
    fix_zh = "水印请放在证件空白处并保持简短(如“仅供ICP备案使用”),不要遮挡姓名、号码、有效期、头像和国徽。"
    fix_en = ("Place the watermark on a blank area and keep it short (e.g. 仅供ICP备案使用); keep "
              "name, number, dates, portrait and emblem readable.")

    def check(self, page: PageContext) -> Iterator[Finding]:
        """One finding per stamp (error over content, warning when long, info otherwise) and one
        warning per OCR text row holding watermark words."""
        if page.has_text_layer:
            return
        rect = page.memo(rectified_small)
        for s in page.memo(stamps):
            yield self._finding(page, rect, s)
        for row, mark in text_marks(page):
            yield self._text_finding(page, row, mark)

    def _text_finding(self, page: PageContext, row: Row, mark: WatermarkText) -> Finding:
        w, h = page.work_size
        x, y, bw, bh = row.box
        zh_where, en_where = _region((x + bw / 2) / w, (y + bh / 2) / h)
        kind_zh, kind_en = _KIND_TEXT[mark.kind]
        return self.finding(
            file=page.file, page=page.index, bbox=page.to_full(row.box),
            severity=Severity.WARNING,
            measured={"watermark_text": mark.words, "kind": mark.kind, "region": en_where},
            threshold={"watermark_words": "site | use | specimen"},
            message_zh=f"在页面{zh_where}识别到与备案无关的水印文字“{mark.words}”({kind_zh}),"
                       "审核会因此退回。",
            message_en=f"Watermark text unrelated to the filing at the {en_where} of the page: "
                       f"\"{mark.words}\" ({kind_en}); reviewers send such files back.",
            fix_zh="请使用本人证件原件的照片或扫描件,不要用网上下载的图片;如需水印只写“仅供ICP备案使用”。",
            fix_en="Use a photo or scan of your own original, not an image from a web site; if "
                   "you add a watermark, write only 仅供ICP备案使用.")

    def _finding(self, page: PageContext, rect: Rectified, s: StampBox) -> Finding:
        zh_where, en_where = _where(rect, s.box)
        key = _key_area(page, rect, s)
        on_key = key is not None and key[2] >= self.p["min_zone_cover"]
        over, long_ = s.cover >= self.p["min_cover"], s.width_fraction > self.p["max_width"]
        severity = (Severity.ERROR if over or on_key else Severity.WARNING if long_
                    else Severity.INFO)
        zh = [f"在证件{zh_where}检测到加框水印"]
        en = [f"A framed watermark stamp at the {en_where} of the document"]
        if over:
            zh.append(f"压在证件文字上(周边墨迹密度 {s.cover:.2f} ≥ {self.p['min_cover']})")
            en.append(f"covers printed content (ink density around it {s.cover:.2f} >= "
                      f"{self.p['min_cover']})")
        if key is not None and on_key:
            zh.append(f"遮挡{key[0]}(与{key[0]}区域重叠 {key[2]:.0%} ≥ "
                      f"{self.p['min_zone_cover']:.0%})")
            en.append(f"covers the {key[1]} (overlap with its zone {key[2]:.0%} >= "
                      f"{self.p['min_zone_cover']:.0%})")
        if long_:
            zh.append(f"过长(占证件宽度 {s.width_fraction:.0%})")
            en.append(f"is long ({s.width_fraction:.0%} of the document width)")
        measured: dict[str, float | str] = {
            "cover": round(s.cover, 3), "width_fraction": round(s.width_fraction, 3),
            "region": en_where}
        if key is not None:
            measured[key[1].replace(" ", "_") + "_covered"] = round(key[2], 3)
        return self.finding(
            file=page.file, page=page.index, bbox=to_page(page, rect, s.box), severity=severity,
            measured=measured,
            threshold={"min_cover": self.p["min_cover"], "max_width": self.p["max_width"],
                       "min_zone_cover": self.p["min_zone_cover"]},
            message_zh=",".join(zh) + "。", message_en=", ".join(en) + ".")
