"""The file was read, but only in part.

## What it checks
Files that decode but not completely: a JPEG without its end marker (cut off in transfer), a PDF
with more pages than the page limit (only the first pages are checked), an animated GIF or WebP
(only the first frame is checked).

## Why it matters
A truncated photo shows a grey band to the reviewer; extra pages and animations are not what the
filing asks for, and the parts preflight did not check may hide problems.

## How to fix
Upload the original, complete file; keep only the pages the filing needs; use a still JPG or PNG.
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.context import DocumentContext
from preflight.loading.problems import problem_findings
from preflight.model import Category, Finding, Severity
from preflight.registry import DocumentCheck


class IncompleteFile(DocumentCheck):
    """A non-fatal load problem."""

    code = "F102"
    name = "incomplete-file"
    category = Category.FILE
    severity = Severity.WARNING

    def check(self, doc: DocumentContext) -> Iterator[Finding]:
        """One finding per non-fatal load problem."""
        yield from problem_findings(self, doc, fatal=False)
