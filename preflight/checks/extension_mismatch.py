"""The file extension does not match the file's content.

## What it checks
The format sniffed from the file's first bytes (JPEG, PNG, WebP, BMP, GIF, TIFF, HEIC, PDF)
against the format its extension claims, e.g. a PDF saved as `营业执照.jpg`.

## Why it matters
Filing platforms and reviewers' browsers pick the viewer by the extension: a PDF named `.jpg`
shows as a broken image and the attachment is rejected.

## How to fix
Rename the file with the extension of its real format, or convert it (e.g. export the PDF page
as a JPG) before uploading.
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.context import DocumentContext
from preflight.model import Category, Finding, Severity
from preflight.registry import DocumentCheck


class ExtensionMismatch(DocumentCheck):
    """Sniffed type differs from the extension's type."""

    code = "F103"
    name = "extension-mismatch"
    category = Category.FILE
    severity = Severity.ERROR

    def check(self, doc: DocumentContext) -> Iterator[Finding]:
        """A finding when both types are known and differ, or the content is known but not the extension."""
        real, claimed = doc.sniffed_type, doc.extension_type
        if real is None or real == claimed:
            return
        suffix = doc.path.suffix or "(无扩展名)"
        yield self.finding(
            file=doc.display_name, page=None, measured=real, threshold=claimed,
            message_zh=f"文件扩展名为 {suffix},但内容实际是 {real.upper()} 格式。",
            message_en=f"The file is named {suffix} but its content is {real.upper()}.",
            fix_zh=f"请把文件改名为 .{_ext(real)},或转换成与扩展名一致的格式后再上传。",
            fix_en=f"Rename it to .{_ext(real)} or convert it to the format its name claims.",
        )


def _ext(kind: str) -> str:
    return {"jpeg": "jpg", "tiff": "tif"}.get(kind, kind)
