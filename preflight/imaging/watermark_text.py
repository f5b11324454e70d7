"""Watermark text that is not part of the document: a site mark, a use restriction, a specimen
overprint, recognised in the OCR text of a page.

An overlay that is not a framed stamp (a 营业执照 photo re-posted with `中国制造网`, `知乎 @…` or
`Chinanews.com` in a corner, `仅展示使用` across the fields, `SPECIMEN` on a sample card) has no
visual signature that separates it from paper texture, shading or glare at the working size
(docs/detectors.md, watermark, sessions 3 and 4). Its *words* do: a document does not print the
name of the web site that re-posted it. The method is a lexicon over recognised text rows
(keyword spotting on OCR output, as in the text-based watermark screening of document-forensics
pipelines): web domains and platform handles, Chinese site names (`中国…网`), use restrictions
other than the filing (`仅展示使用`, `仅限…使用`, `他用无效`, `复印无效`), and
specimen overprints (`SPECIMEN`, `MUSTER`, `样本`). A restriction that names the filing (`仅供
ICP备案使用`, the wording the filing guide expects) is not reported; nor are the government
addresses every licence prints (`www.gsxt.gov.cn`, `…公示系统网址`). A domain after a field
label (`网站域名：`, `网址`, `邮箱`, a colon) is the document's own text: a 授权书 names the site
being filed. `仅供…使用` is not a cue:
genuine documents print it (`仅供报销使用` on a train ticket, `本证明仅供…使用`), and a lone `@`
is not either (OCR reads one into a screen's icons): a handle follows a platform's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOMAIN = re.compile(r"(?i)(?<![a-z0-9.@/])(?:www\.)?[a-z0-9][a-z0-9-]{1,30}"
                     r"\.(?:com|net|cc|org|top|vip)(?:\.cn)?(?![a-z0-9.])")
_HANDLE = re.compile(r"(?:知乎|微博|头条|抖音|小红书|号)@[\w\u4e00-\u9fff]{2,}|百度百科|bai\S{0,3}百科",
                     re.I)
_SITE_NAME = re.compile(r"中国[\u4e00-\u9fff]{1,5}网(?![址站络点上页])")
_USE = re.compile(r"仅展示|展示专用|他用无效|复印无效|仅限[^，。,]{0,12}?(?:使用|办理)")
_SPECIMEN = re.compile(r"(?i)(?<![a-z])(?:sp[eé]cimen|muster)(?![a-z])|样本|样张")
_FILING = re.compile(r"备案|ICP", re.I)
_FIELD = re.compile(r"域名|网址|网站|邮箱|主页|mail|[:：]", re.I)
"""Before a domain, these make it a field's value (`网站域名：example.com` on a 授权书 names the
site being filed), not a mark laid over the picture."""


@dataclass(frozen=True)
class WatermarkText:
    """A watermark phrase found in a text row: what kind (`site`, `use`, `specimen`) and the
    matched words."""

    kind: str
    words: str


def watermark_text(row: str) -> WatermarkText | None:
    """The watermark phrase in one recognised text row, or None.

    `site`: a web domain, a platform handle or a Chinese site name (the mark of whoever re-posted
    the image); `use`: a restriction to a purpose other than the filing; `specimen`: a sample
    overprint. Government addresses (`*.gov.cn`) and restrictions naming the filing are ignored.
    """
    compact = re.sub(r"\s+", "", row)
    if not compact or ".gov." in compact.lower():
        return None
    m = _DOMAIN.search(row)
    if m and not _FIELD.search(row[:m.start()]):
        return WatermarkText("site", m.group(0))
    for kind, pattern, text in (("site", _HANDLE, compact), ("site", _SITE_NAME, compact),
                                ("specimen", _SPECIMEN, row)):
        m = pattern.search(text)
        if m:
            return WatermarkText(kind, m.group(0).strip())
    m = _USE.search(compact)
    if m and not _FILING.search(m.group(0)):
        return WatermarkText("use", m.group(0))
    return None
