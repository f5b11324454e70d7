"""JSON output (schema: preflight/schema/report.schema.json, documented in docs/report.md)."""

from __future__ import annotations

import json

from preflight.report import Report


def render(report: Report) -> str:
    """The report as pretty-printed JSON (UTF-8, Chinese unescaped)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n"
