"""A portrait page where the province requires landscape.

## What it checks
For filings in 陕西, 上海, 山东 and 海南 (data: `preflight/data/landscape.toml`), that every page
of every attachment is landscape (wider than tall) as the reviewer sees it, i.e. after the EXIF
orientation tag is applied. Elsewhere portrait pages are fine and this check is silent.

## Why it matters
These 管局 require "所有附件照片均需横向展示,不可竖向或旋转" (guide, 1.3 各地管局特殊规则,
附件 1): a portrait ID photo, licence or A4 letter is returned after weeks in review.

## How to fix
Photograph the document in landscape, or place the upright page on a landscape canvas (white
margins left and right; do not turn the content sideways). `preflight fix` does this for you.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from functools import lru_cache

from preflight.context import PageContext
from preflight.model import Category, Finding, Severity
from preflight.registry import PageCheck

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from importlib import resources


@lru_cache(maxsize=1)
def landscape_provinces() -> frozenset[str]:
    """Provinces that require landscape attachments, from the seed-cited data file."""
    text = resources.files("preflight.data").joinpath("landscape.toml").read_text("utf-8")
    return frozenset(tomllib.loads(text)["provinces"])


class LandscapeRequired(PageCheck):
    """Portrait page in a landscape-only province."""

    code = "G101"
    name = "portrait-page-in-landscape-province"
    category = Category.ORIENTATION
    severity = Severity.ERROR
    fix_zh = "请横向拍摄,或把摆正的页面放到横向画布上(左右留白,内容不要横过来);可用 `preflight fix`。"
    fix_en = ("Shoot in landscape, or put the upright page on a landscape canvas (margins left "
              "and right, content not turned); `preflight fix` does this.")

    def check(self, page: PageContext) -> Iterator[Finding]:
        """One finding per portrait page when the filing's province requires landscape."""
        province = page.document.filing.province
        if province not in landscape_provinces():
            return
        w, h = page.full_size
        if w > h:
            return
        yield self.finding(
            file=page.file, page=page.index, bbox=(0, 0, w, h),
            measured=f"{w}×{h}", threshold="width > height",
            message_zh=f"{province}管局要求所有附件横向展示,该页为竖向({w}×{h})。",
            message_en=f"{province} requires landscape attachments; this page is portrait ({w}×{h}).",
        )
