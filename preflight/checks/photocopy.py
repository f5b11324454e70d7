"""A black-and-white or grayscale copy where a colour original is required.

## What it checks
Whether the page carries any colour. An image stored in grayscale (all three channels equal, as
a B/W scan or a converted copy is) is an error on a document printed in colour and a warning on
a document of unknown type (the guide asks for colour photos or colour scans throughout).
Otherwise the chroma of the located document is measured after a grey-world white balance
(edges, near-black and clipped pixels excluded, `preflight.imaging.chroma`); a document with no
chromatic pixels, no colour patch the size of a seal and a low chroma ceiling is colourless. A
colourless document is an error when the document is one printed in colour (ID card, 营业执照,
居住证: from the attachment role, or from the OCR document type), and only a note otherwise,
because a typed page is legitimately black and white. On a document with little colour and no
colour patch, of unknown type or an ID front / 居住证, a face is looked for
(`preflight.imaging.portrait`): a portrait with no colour around it is the mark of a gray copy
of an identity document, a warning when the type is unknown and an error on an ID. A card lying
sideways is searched turned upright (the page's text orientation), a photo too dark to measure
is re-exposed, and a thin line of desk colour along the document's outline is not taken for a
seal (`preflight.imaging.grayportrait`). PDF pages with a text layer (born-digital) are skipped.

## Why it matters
The filing guide requires "拍照/彩色扫描证件原件,不可为复印件或打印件": a photo or a colour scan
of the original, never a copy or a printout. Reviewers reject grayscale copies of ID cards and
licences on sight.

## How to fix
Photograph the original document in colour, or scan it with the scanner set to colour (not
"grayscale" or "black and white"); do not photograph or scan a photocopy.
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.analysis import analyze_page
from preflight.context import PageContext
from preflight.imaging.chroma import MIN_PIXELS, ChromaStats
from preflight.imaging.document import (
    COLOUR_KINDS,
    document_box,
    document_chroma,
    expected_kind,
    page_channel_spread,
)
from preflight.imaging.grayportrait import (
    gray_portrait,
    relit_document_chroma,
)
from preflight.imaging.portrait import Portrait
from preflight.imaging.rectify import rectified_small
from preflight.model import Category, DocumentType, Finding, Severity
from preflight.registry import PageCheck, Param

PORTRAIT_KINDS = frozenset({"id_front", "residence_permit"})
"""Expected kinds whose original carries a portrait."""
_KIND_ZH = {"id_front": "身份证", "id_back": "身份证", "business_license": "营业执照",
            "residence_permit": "居住证"}


def _other_type(page: PageContext, kind: str | None) -> bool:
    """True when the role or the OCR type says the page is a document without a portrait."""
    if kind is not None:
        return kind not in PORTRAIT_KINDS
    if page.document.role is not None:
        return True
    return (page.document.settings.ocr
            and analyze_page(page).document_type is not DocumentType.UNKNOWN)


class PhotocopyNotColour(PageCheck):
    """A grayscale image or a colourless copy of a colour document."""

    code = "Q601"
    name = "photocopy-not-colour"
    category = Category.PHOTOCOPY
    severity = Severity.ERROR
    reads_text = True  # the OCR document type (`analyze_page`)
    params = {
        "max_channel_spread": Param(2.0, "channel spread at or below which the image is stored "
                                    "as grayscale (gray levels)", 0, 20),
        "max_chroma_fraction": Param(0.003, "colourless below this fraction of chromatic pixels",
                                     0, 0.2),
        "max_chroma_p995": Param(10.0, "colourless below this 99.5th-percentile chroma", 0, 60),
        "max_colour_blob": Param(0.0003, "colourless when no colour patch (seal) covers more "
                                 "than this fraction of the document", 0, 0.05),
        "max_portrait_gate": Param(0.1, "on a document with fewer chromatic pixels than this "
                                   "fraction, look for a portrait with no colour around it",
                                   0, 0.5),
        "max_portrait_gate_blob": Param(0.001, "... and no colour patch (a seal, a colour "
                                        "photo) larger than this fraction", 0, 0.05),
        "min_measured_share": Param(0.1, "the patch is re-measured without the document's "
                                    "border only when at least this share of the document is "
                                    "measured (L* 20-97, off edges)", 0, 1),
    }
    fix_zh = "请拍摄证件原件的彩色照片,或用彩色模式扫描原件;不要提交复印件或黑白/灰度扫描件。"
    fix_en = ("Photograph the original in colour or scan it in colour mode; do not submit a "
              "photocopy or a black-and-white/grayscale scan.")

    def check(self, page: PageContext) -> Iterator[Finding]:
        """An error for a grayscale image or a colourless colour document; a note otherwise."""
        if page.has_text_layer:
            return
        spread = page.memo(page_channel_spread)
        kind = expected_kind(page)
        if spread <= self.p["max_channel_spread"]:
            yield self.finding(
                file=page.file, page=page.index, bbox=(0, 0, *page.full_size),
                severity=Severity.ERROR if kind in COLOUR_KINDS else Severity.WARNING,
                measured={"channel_spread": round(spread, 1), "document": kind or "unknown"},
                threshold={"max_channel_spread": self.p["max_channel_spread"]},
                message_zh="图片为黑白/灰度图像(三个颜色通道相同),不是原件的彩色照片或彩色扫描件。",
                message_en="The image is grayscale (its three colour channels are equal), not a "
                           "colour photo or colour scan of the original.")
            return
        stats = page.memo(document_chroma)
        if stats.pixels < MIN_PIXELS:  # too dark to measure: re-exposed
            stats = page.memo(relit_document_chroma)
        if stats.pixels == 0:
            return
        known = kind in COLOUR_KINDS
        if known and self._colourless(stats):
            yield self._document_finding(page, kind, stats)
            return
        gate = (stats.fraction < self.p["max_portrait_gate"] and self._no_patch(page, stats)
                and not _other_type(page, kind))
        portrait = page.memo(gray_portrait) if gate else None
        if portrait is not None and self._colourless(portrait.chroma, seal=False):
            yield self._portrait_finding(page, portrait, kind)
        elif not known and self._colourless(stats):
            yield self._document_finding(page, kind, stats)

    def _document_finding(self, page: PageContext, kind: str | None,
                          stats: ChromaStats) -> Finding:
        """Error on a document printed in colour, a note on a document of unknown type."""
        box = page.to_full(document_box(page))
        measured = {"chroma_fraction": round(stats.fraction, 5), "chroma_p995": round(
            stats.p995, 1), "colour_blob": round(stats.blob, 5), "document": kind or "unknown"}
        threshold = {k: self.p[k] for k in
                     ("max_chroma_fraction", "max_chroma_p995", "max_colour_blob")}
        if kind in COLOUR_KINDS:
            return self.finding(
                file=page.file, page=page.index, bbox=box, measured=measured,
                threshold=threshold,
                message_zh=f"{_KIND_ZH[kind]}上没有任何彩色(白平衡后彩色像素 "
                           f"{stats.fraction:.2%}),像是复印件或黑白件,原件应为彩色。",
                message_en=f"No colour on a document printed in colour ({kind}): "
                           f"{stats.fraction:.2%} chromatic pixels after white balance; it "
                           "looks like a photocopy or a black-and-white copy.")
        return self.finding(
            file=page.file, page=page.index, bbox=box, measured=measured,
            threshold=threshold, severity=Severity.INFO,
            message_zh="文档上没有彩色。若这是身份证、营业执照等证件,请提交彩色原件的照片或彩色扫描件。",
            message_en="The document has no colour. If it is an ID card or a licence, submit "
                       "a colour photo or colour scan of the original.")

    def _portrait_finding(self, page: PageContext, portrait: Portrait,
                          kind: str | None) -> Finding:
        """A colourless portrait: an error on a known colour document, else a warning."""
        c = portrait.chroma
        return self.finding(
            file=page.file, page=page.index, bbox=page.to_full(portrait.box),
            severity=Severity.ERROR if kind in COLOUR_KINDS else Severity.WARNING,
            measured={"portrait_chroma_fraction": round(c.fraction, 5),
                      "portrait_chroma_p995": round(c.p995, 1), "document": kind or "unknown"},
            threshold={k: self.p[k] for k in ("max_chroma_fraction", "max_chroma_p995")},
            message_zh=f"证件头像及其周围没有任何彩色(白平衡后彩色像素 {c.fraction:.2%}),"
                       "像是身份证/护照等证件的黑白复印件。证件原件应为彩色。",
            message_en=f"The portrait and the card around it have no colour ({c.fraction:.2%} "
                       "chromatic pixels after white balance): this looks like a black-and-white "
                       "copy of an identity document, whose original is in colour.")

    def _no_patch(self, page: PageContext, stats: ChromaStats) -> bool:
        """No colour patch above the gate's size, the document's border left out.

        The border is re-measured only on a document otherwise colourless and mostly measured
        (not clipped white: there the patch is the only colour evidence left): its one patch may
        be a sliver of a coloured desk along the outline, not a seal.
        """
        limit = self.p["max_portrait_gate_blob"]
        if stats.blob < limit:
            return True
        h, w = page.memo(rectified_small).bgr.shape[:2]
        return (self._colourless(stats, seal=False)
                and stats.pixels >= self.p["min_measured_share"] * h * w
                and stats.inner_blob < limit)

    def _colourless(self, stats: ChromaStats, *, seal: bool = True) -> bool:
        """No chromatic pixels, a low chroma ceiling and (with `seal`) no colour patch.

        The patch criterion keeps a small red seal on a black-and-white page counting as colour;
        it is left out around a portrait (no seal sits on a face, and a patch of sunlight would
        count).
        """
        return (stats.pixels >= MIN_PIXELS and stats.fraction < self.p["max_chroma_fraction"]
                and stats.p995 < self.p["max_chroma_p995"]
                and (not seal or stats.blob <= self.p["max_colour_blob"]))
