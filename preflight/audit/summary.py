"""Audit outputs: summary.csv and summary.json, one HTML report per filing, an index page."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from preflight import __version__
from preflight.audit.work import FilingResult
from preflight.model import Category, Severity

SEVERITIES = [s.value for s in Severity]
CATEGORIES = [c.value for c in Category]
COLUMNS = ["filing", "status", "ready", "files", *SEVERITIES, *CATEGORIES, "cached", "error_message"]


def row(r: FilingResult) -> dict[str, Any]:
    """One summary row: per filing status, readiness, counts by severity and by category."""
    return {"filing": r.name, "status": r.status, "ready": r.ready, "files": r.files,
            **{s: r.counts.get(s, 0) for s in SEVERITIES},
            **{c: r.by_category.get(c, 0) for c in CATEGORIES},
            "cached": r.cached, "error_message": r.error or ""}


def write_outputs(out: Path, root: Path, results: Sequence[FilingResult]) -> dict[str, Any]:
    """Write every output file under `out`; return the JSON summary."""
    results = sorted(results, key=lambda r: r.name)
    (out / "reports").mkdir(parents=True, exist_ok=True)
    rows = [row(r) for r in results]
    with (out / "summary.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    counts = totals(results)
    summary = {"tool": {"name": "preflight", "version": __version__}, "root": str(root),
               "totals": counts, "filings": rows}
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2),
                                      encoding="utf-8")
    for r in results:
        if r.html:
            (out / "reports" / f"{r.name}.html").write_text(r.html, encoding="utf-8")
    (out / "index.html").write_text(index_page(results, counts), encoding="utf-8")
    return summary


def totals(results: Sequence[FilingResult]) -> dict[str, int]:
    """Counts over the whole audit."""
    return {"filings": len(results),
            "ready": sum(r.ready for r in results),
            "not_ready": sum(r.status == "ok" and not r.ready for r in results),
            "failed": sum(r.status == "failed" for r in results),
            "cached": sum(r.cached for r in results)}


def index_page(results: Sequence[FilingResult], t: dict[str, int]) -> str:
    """A self-contained page listing every filing with a link to its report: failed filings
    first, then the ones not ready, then the ready ones."""
    results = sorted(results, key=lambda r: (r.status == "ok", r.ready, r.name))
    css = resources.files("preflight").joinpath("static/report.css").read_text("utf-8")
    rows = "".join(_index_row(r) for r in results)
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<title>preflight 批量审核 / audit</title><style>{css}"
            "table{border-collapse:collapse;background:#fff}td,th{border:1px solid #d0d7de;"
            "padding:4px 10px}</style></head><body><section class=\"summary\">"
            "<h1>批量审核 / Audit</h1>"
            f"<div class=\"meta\">{t['filings']} 个备案 filings · {t['ready']} 可以提交 ready · "
            f"{t['not_ready']} 尚不能提交 not ready · {t['failed']} 失败 failed</div></section>"
            "<table><tr><th>备案 filing</th><th>状态 status</th><th>文件 files</th>"
            "<th>错误 errors</th><th>警告 warnings</th><th>类别 categories</th></tr>"
            f"{rows}</table></body></html>\n")


def _index_row(r: FilingResult) -> str:
    name = escape(r.name)
    link = f'<a href="reports/{quote(r.name)}.html">{name}</a>' if r.html else name
    if r.status == "failed":
        status = f'<span class="badge error">失败 failed</span> {escape(r.error or "")}'
    elif r.ready:
        status = '<span class="clean">✓ 可以提交 ready</span>'
    else:
        status = '<span class="badge error">✗ 尚不能提交 not ready</span>'
    cats = ", ".join(f"{escape(k)} {v}" for k, v in r.by_category.items())
    return (f"<tr><td>{link}</td><td>{status}</td><td>{r.files}</td>"
            f"<td>{r.counts.get('error', 0)}</td><td>{r.counts.get('warning', 0)}</td>"
            f"<td>{cats}</td></tr>")
