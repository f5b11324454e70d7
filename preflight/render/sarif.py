"""SARIF 2.1.0 output, for CI pipelines and code-scanning dashboards that gate uploads.

One run; the tool's rules are every registered check (id = code, name, summary, the How to fix
section as help, default level); each finding is a result with its level, the message in Chinese
and English, and a location: the file relative to the scanned folder (`%SRCROOT%`) and, when the
finding is on a page, a region whose property bag holds the page and the box in page pixels
(SARIF has no native page/pixel region). Measured value, threshold and fix are result properties.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from preflight import __version__
from preflight.model import Finding, Severity, worst_first
from preflight.registry import all_checks
from preflight.report import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report) -> str:
    """The report as a SARIF 2.1.0 log (pretty-printed JSON)."""
    rules = [_rule(c) for c in all_checks()]
    index = {r["id"]: i for i, r in enumerate(rules)}
    findings = [f for d in report.documents for f in worst_first(d.findings)]
    findings += worst_first(report.filing_findings)
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "preflight", "version": __version__,
                            "rules": rules}},
        "results": [_result(f, index, report) for f in findings],
        "columnKind": "unicodeCodePoints",
    }
    root = _root(report)
    if root is not None:
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": root.as_uri() + "/"}}
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2, default=str) + "\n"


def _rule(check: Any) -> dict[str, Any]:
    docs = check.docs()
    return {
        "id": check.code,
        "name": check.name,
        "shortDescription": {"text": docs.summary or check.name},
        "fullDescription": {"text": docs.what or docs.summary or check.name},
        "help": {"text": docs.fix or check.fix_en},
        "defaultConfiguration": {"level": LEVEL[check.severity]},
        "properties": {"category": check.category.value, "scope": check.scope},
    }


def _result(f: Finding, index: dict[str, int], report: Report) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.code,
        "level": LEVEL[f.severity],
        "message": {"text": f"{f.message_zh}\n{f.message_en}"},
        "properties": {"category": f.category.value, "measured": f.measured,
                       "threshold": f.threshold, "fix_zh": f.fix_zh, "fix_en": f.fix_en},
    }
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    uri = f.file or report.inputs.get("filing_file")
    if uri:
        location: dict[str, Any] = {"artifactLocation": _artifact(uri, bool(f.file))}
        if f.page is not None:
            location["region"] = {"properties": {
                "page": f.page, "bbox": list(f.bbox) if f.bbox else None}}
        result["locations"] = [{"physicalLocation": location}]
    return result


def _artifact(uri: str, relative: bool) -> dict[str, Any]:
    if relative:
        return {"uri": uri, "uriBaseId": "%SRCROOT%"}
    return {"uri": Path(uri).resolve().as_uri()}


def _root(report: Report) -> Path | None:
    paths = report.inputs.get("paths") or []
    if not paths:
        return None
    p = Path(paths[0]).resolve()
    return p if p.is_dir() else p.parent
