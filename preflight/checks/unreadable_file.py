"""The file cannot be opened as an image or PDF.

## What it checks
That each file can be read and decoded: not empty, not corrupt or truncated beyond decoding,
not an unsupported format, not encrypted, not larger than the configured limits (file size,
pixels per page: a guard against decompression bombs), readable with the current permissions,
and not a link pointing outside the scanned folder. The type is sniffed from the content, not
the extension.

## Why it matters
The filing platform and the reviewers must be able to open every attachment; a file that
cannot be decoded is rejected, and nothing else about it can be checked.

## How to fix
Export or photograph the document again and save it as JPG, PNG or PDF; for PDFs remove any
password; downscale images larger than about 20 megapixels.
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.context import DocumentContext
from preflight.loading.problems import problem_findings
from preflight.model import Category, Finding, Severity
from preflight.registry import DocumentCheck


class UnreadableFile(DocumentCheck):
    """A fatal load problem."""

    code = "F101"
    name = "unreadable-file"
    category = Category.FILE
    severity = Severity.ERROR

    def check(self, doc: DocumentContext) -> Iterator[Finding]:
        """One finding per fatal load problem."""
        yield from problem_findings(self, doc, fatal=True)
