"""HTML report: one self-contained file a person can act on without reading the JSON.

Everything is inline (CSS, a few lines of JS, page thumbnails as data: URIs); the page makes no
network request. Layout: a filing summary (ready or not, counts by severity and category,
province and the rules that apply), the filing-level findings, then one card per attachment,
worst first, with each page's thumbnail and the findings drawn on it, and the findings listed
with their message and fix in Chinese and English. Thumbnails exist only when the run was made
with `Settings.thumbnails > 0` (the CLI does this for `--format html`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from html import escape
from importlib import resources
from typing import Any

from preflight import __version__
from preflight.filing import Filing, SubjectType
from preflight.model import Finding, PageResult, worst_first
from preflight.render.html_svg import box_ids, page_svg
from preflight.report import DocumentReport, Report

RULES_SHOWN_OPEN = 5  # a longer list of province rules starts folded
THUMBNAIL_LONG_SIDE = 720  # px; enough to see a glare box on an ID card, ~40 kB per page

_JS = """
document.querySelectorAll('li[data-box]').forEach(function (li) {
  li.addEventListener('click', function () {
    var box = document.getElementById(li.dataset.box);
    if (box) { box.classList.toggle('hl'); box.scrollIntoView({block: 'center'}); }
  });
});
"""
_SEV_ZH = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}


def render(report: Report) -> str:
    """The report as one self-contained HTML document."""
    css = resources.files("preflight").joinpath("static/report.css").read_text("utf-8")
    docs = sorted(report.documents, key=lambda d: (-(d.worst.rank if d.worst else 0), d.file))
    body = [_summary(report)]
    if report.filing_findings:
        body.append('<section class="card"><h2>备案整体 / Filing as a whole</h2>'
                    f'{_finding_list(worst_first(report.filing_findings), "filing")}</section>')
    body.extend(_card(d, f"d{i}") for i, d in enumerate(docs))
    body.append(f"<footer>preflight {escape(__version__)}</footer>")
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>preflight 备案附件检查报告</title>"
            f"<style>{css}</style></head><body>{''.join(body)}<script>{_JS}</script>"
            "</body></html>\n")


def _summary(report: Report) -> str:
    i = report.inputs
    c = report.counts()
    ready = not report.failed
    verdict = ('<div class="verdict ready">✓ 可以提交 / Ready to submit</div>' if ready else
               '<div class="verdict not-ready">✗ 尚不能提交 / Not ready to submit</div>')
    chips = "".join(f'<span class="chip-{s}">{_SEV_ZH[s]}: {n}</span>' for s, n in c.items())
    cats = Counter(f.category.value for f in report.findings)
    cat_chips = "".join(f'<span class="chip-cat">{escape(k)}: {n}</span>'
                        for k, n in sorted(cats.items()))
    meta = (f"省份 province: <b>{escape(i.get('province') or '未指定 / not given')}</b> · "
            f"主体 subject: {escape(i.get('subject_type') or '未指定 / not given')} · "
            f"提交日期 submission date: {escape(str(i.get('submission_date')))} · "
            f"{len(report.documents)} 个文件 files · fail-on: {report.fail_on.value}")
    return (f'<section class="summary"><h1>备案附件检查报告 / Filing attachment report</h1>'
            f'<div class="meta">{meta}</div>{verdict}<div class="chips">{chips}</div>'
            f'<div class="chips">{cat_chips}</div>{_rules(i)}</section>')


def _rules(inputs: dict[str, Any]) -> str:
    province = inputs.get("province")
    items = list(_province_rules(province, inputs.get("subject_type")))
    if not items:
        return ""
    lis = "".join(f"<li>{escape(text)} <span class=\"src\">{escape(src)}</span></li>"
                  for text, src in items)
    title = escape(province or "全国 / all provinces")
    opened = " open" if len(items) <= RULES_SHOWN_OPEN else ""
    return (f'<details class="rules"{opened}><summary>适用规则 / Rules that apply ({title}): '
            f"{len(items)}</summary><ul>{lis}</ul></details>")


def _province_rules(province: str | None, subject_type: str | None) -> Iterator[tuple[str, str]]:
    """(rule, source) lines: the filing rules of `preflight.rules` when that package is present,
    else the landscape rule of preflight/data/landscape.toml."""
    try:
        from preflight.rules.engine import applicable_rules
    except ImportError:
        from preflight.checks.landscape_required import landscape_provinces

        if province in landscape_provinces():
            yield ("所有附件需横向展示,不可竖向或旋转 / every attachment must be landscape and "
                   "upright", "guide 1.3 各地管局特殊规则")
        return
    filing = Filing(province=province,
                    subject_type=SubjectType(subject_type) if subject_type else None)
    for rule in applicable_rules(filing):
        yield (f"{rule.id} {rule.requirement} / {rule.requirement_en}",
               f"{rule.source.file} · {rule.source.section}")


def _card(doc: DocumentReport, doc_id: str) -> str:
    sev = doc.worst.value if doc.worst else "none"
    role = escape(doc.role or "未知 unknown")
    if doc.role_source == "file_name":
        role += " (由文件名推断 / inferred from the file name)"
    kinds = ", ".join(sorted({p.document_type.value for p in doc.pages})) or "-"
    findings = worst_first(doc.findings)
    figures = "".join(
        f"<figure>{_svg(doc, p, findings, doc_id)}"
        f"<figcaption>第 {p.index} 页 page {p.index} · {p.width}×{p.height} px</figcaption>"
        "</figure>" for p in doc.pages)
    listing = (_finding_list(findings, doc_id) if findings else
               '<p class="clean">✓ 未发现问题 / no problems found</p>')
    return (f'<section class="card sev-{sev}"><h2>{escape(doc.file)}</h2>'
            f'<div class="meta">角色 role: {role} · 类型 type: {escape(kinds)} · '
            f'页 pages: {doc.page_count}</div><div class="pages">{figures}</div>'
            f"{listing}</section>")


def _svg(doc: DocumentReport, page: PageResult, findings: list[Finding], doc_id: str) -> str:
    return page_svg(page, findings, doc.thumbnails.get(page.index),
                    doc.overlays.get(page.index, {}), doc_id)


def _finding_list(findings: list[Finding], doc_id: str) -> str:
    ids = box_ids(findings, doc_id)
    items = "".join(_item(f, ids.get(i)) for i, f in enumerate(findings))
    return f'<ol class="findings">{items}</ol>'


def _item(f: Finding, box_id: str | None) -> str:
    box = f' data-box="{box_id}"' if box_id else ""
    where = f" · 第 {f.page} 页 page {f.page}" if f.page else ""
    value = f"测量 measured: {f.measured}"
    if f.threshold is not None:
        value += f" · 阈值 threshold: {f.threshold}"
    return (f'<li{box}><span class="badge {f.severity.value}">{_SEV_ZH[f.severity.value]}</span>'
            f'<span class="code">{escape(f.code)}</span> {escape(f.name)}{where}'
            f"<div>{escape(f.message_zh)}</div><div class=\"en\">{escape(f.message_en)}</div>"
            f'<div class="value">{escape(value)}</div>'
            f'<div class="fix">{escape(f.fix_zh)}</div><div class="fix en">{escape(f.fix_en)}</div>'
            "</li>")
