"""The photo relies on an EXIF orientation tag to be shown upright.

## What it checks
JPEG, TIFF, HEIC and WebP files whose EXIF Orientation tag is not 1 (normal). preflight checks
the photo as a browser shows it, with the tag applied; this finding says that the stored
pixels are turned or mirrored.

## Why it matters
Some review systems and image tools ignore the tag and show the stored pixels: the reviewer then
sees the attachment sideways or upside down, which landscape-only provinces (陕西/上海/山东/海南)
reject as "竖向或旋转".

## How to fix
Run `preflight fix` (or rotate and re-save the photo in an editor) so the rotation is baked into
the pixels and the tag is removed.
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.context import DocumentContext
from preflight.model import Category, Finding, Severity
from preflight.registry import DocumentCheck

_MEANING = {
    2: ("水平镜像", "mirrored horizontally"),
    3: ("旋转 180°", "rotated 180°"),
    4: ("垂直镜像", "mirrored vertically"),
    5: ("镜像并旋转 90°", "mirrored and rotated 90°"),
    6: ("顺时针旋转 90°", "rotated 90° clockwise"),
    7: ("镜像并旋转 270°", "mirrored and rotated 270°"),
    8: ("逆时针旋转 90°", "rotated 90° counter-clockwise"),
}


class ExifOrientationTag(DocumentCheck):
    """Non-identity EXIF orientation."""

    code = "F104"
    name = "exif-rotation-not-baked-in"
    category = Category.FILE
    severity = Severity.WARNING
    fix_zh = "用 `preflight fix` 或图片编辑器把旋转写入像素并去掉 EXIF 方向标记后再上传。"
    fix_en = "Use `preflight fix` or an editor to bake the rotation into the pixels and drop the tag."

    def check(self, doc: DocumentContext) -> Iterator[Finding]:
        """One finding when the tag is 2..8."""
        o = doc.exif_orientation
        if o == 1:
            return
        zh, en = _MEANING[o]
        yield self.finding(
            file=doc.display_name, page=None, measured=o, threshold=1,
            message_zh=f"照片的 EXIF 方向标记为 {o}({zh}):忽略该标记的审核系统会看到未摆正的图片。",
            message_en=f"The photo's EXIF orientation tag is {o} ({en}); a review system that "
                       "ignores the tag shows it turned.",
        )
