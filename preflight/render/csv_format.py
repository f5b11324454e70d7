"""CSV output for spreadsheets: one row per finding, filing-level findings last.

UTF-8 with a byte-order mark so that Excel shows the Chinese text; the box is split into
bbox_x/bbox_y/bbox_w/bbox_h (full-size page pixels), empty when the finding has none.
"""

from __future__ import annotations

import csv
import io

from preflight.model import worst_first
from preflight.report import Report

COLUMNS = ("file", "page", "code", "name", "category", "severity", "bbox_x", "bbox_y",
           "bbox_w", "bbox_h", "measured", "threshold", "message_zh", "message_en",
           "fix_zh", "fix_en")


def render(report: Report) -> str:
    """The findings as CSV text (header row first)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    findings = [f for d in report.documents for f in worst_first(d.findings)]
    for f in findings + worst_first(report.filing_findings):
        box = list(f.bbox) if f.bbox else ["", "", "", ""]
        writer.writerow([f.file or "", f.page or "", f.code, f.name, f.category.value,
                         f.severity.value, *box, _cell(f.measured), _cell(f.threshold),
                         f.message_zh, f.message_en, f.fix_zh, f.fix_en])
    return "\ufeff" + out.getvalue()


def _cell(value: object) -> str:
    return "" if value is None else str(value)
