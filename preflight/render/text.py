"""Terminal report: grouped by file, worst file first, each finding in Chinese and English."""

from __future__ import annotations

from preflight.model import Finding, worst_first
from preflight.report import DocumentReport, Report

_MARK = {"error": "✗ ERROR", "warning": "! WARN ", "info": "· INFO "}


def render(report: Report) -> str:
    """Human-readable report."""
    lines = [_header(report), ""]
    docs = sorted(report.documents, key=lambda d: (-(d.worst.rank if d.worst else 0), d.file))
    for doc in docs:
        lines.extend(_document(doc))
    if report.filing_findings:
        lines.append("备案整体 / Filing as a whole")
        for f in worst_first(report.filing_findings):
            lines.extend(_finding(f))
        lines.append("")
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def _header(report: Report) -> str:
    i = report.inputs
    province = i.get("province") or "未指定 / not given"
    subject = i.get("subject_type") or "未指定 / not given"
    return (f"preflight · 省份 province: {province} · 主体 subject: {subject} · "
            f"提交日期 submission: {i.get('submission_date')}")


def _document(doc: DocumentReport) -> list[str]:
    role = doc.role or "未知 unknown"
    if doc.role_source == "file_name":
        role += " (由文件名推断 inferred from the file name)"
    kinds = ", ".join(sorted({p.document_type.value for p in doc.pages})) or "-"
    head = f"{doc.file}  [角色 role: {role}; 页 pages: {len(doc.pages)}; 类型 type: {kinds}]"
    if not doc.findings:
        return [head, "  ✓ 未发现问题 / no problems found", ""]
    out = [head]
    for f in worst_first(doc.findings):
        out.extend(_finding(f))
    out.append("")
    return out


def _finding(f: Finding) -> list[str]:
    where = f"p{f.page}" if f.page else ""
    if f.bbox:
        where += f" @({f.bbox[0]},{f.bbox[1]} {f.bbox[2]}×{f.bbox[3]})"
    value = f"measured {f.measured}" + (f", threshold {f.threshold}" if f.threshold is not None else "")
    return [
        f"  {_MARK[f.severity.value]} {f.code} {f.name} {where}".rstrip(),
        f"      {f.message_zh}",
        f"      {f.message_en}",
        f"      ({value})",
        f"      → {f.fix_zh}",
        f"      → {f.fix_en}",
    ]


def _summary(report: Report) -> str:
    c = report.counts()
    verdict = ("✗ 尚不能提交 / not ready to submit" if report.failed
               else "✓ 可以提交 / ready to submit")
    return (f"{verdict} · {len(report.documents)} files · {c['error']} errors, "
            f"{c['warning']} warnings, {c['info']} info (fail-on: {report.fail_on.value})")
