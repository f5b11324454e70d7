"""The province filing rules of the guide, evaluated against filing.toml and the attachments.

## What it checks
Every rule of `preflight/data/rules/*.toml` that concerns the filing's province and subject
type (`preflight rules --province 广东` lists them; docs/rules.md has them all): who may be
主办单位负责人 and 小程序负责人 and which authorization letters that needs, the documents a
province requires (广东/重庆 承诺书, 陕西 建设方案书, 福建 screenshots, residence proofs), the
前置审批 keyword hits of the business name and scope and the route each province accepts, 版号
authorization levels and notes, form fields (应急电话, 北京/天津 addresses and remarks, service
description) and the upload slot of each attachment. Each finding's code is the rule's id
(R101...); this check's own code R000 only reports, as info, the filing.toml keys that were
missing to evaluate some rules. Nothing is evaluated when the province is unknown.

## Why it matters
Most filings are returned not for a blurred photo but for a missing authorization letter, a
承诺书 on an old template, a 前置审批 keyword left unexplained or a remark in the wrong form; each
管局 has its own list. The review takes weeks; the rules are known in advance.

## How to fix
Each finding says what the rule requires, quotes its source section and gives the fix. State
the facts in filing.toml (docs/filing.md) so that every rule can be evaluated; put attachments
in folders named after their upload slot (e.g. `小程序补充材料/`) or give `slot` per attachment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from preflight.analysis import analyze_page
from preflight.context import DocumentContext, FilingContext
from preflight.model import Category, Finding, Severity
from preflight.registry import FilingCheck
from preflight.rules.api import rule_findings
from preflight.rules.facts import DocView, doc_view

_LONG_TERM = dt.date(9999, 12, 31)


class FilingRules(FilingCheck):
    """Province filing rules (R1xx–R8xx) from the guide."""

    code = "R000"
    name = "filing-rules"
    category = Category.FILING_RULE
    severity = Severity.INFO
    emits = ("R",)
    fix_zh = "在 filing.toml 中补充这些信息,以便检查全部备案规则(见 docs/filing.md)。"
    fix_en = "Add these keys to filing.toml so that every filing rule can be checked (docs/filing.md)."

    def check(self, filing: FilingContext) -> Iterator[Finding]:
        """One finding per rule violation, plus one info listing facts the filing lacks."""
        if filing.filing.province is None:
            return
        settings = filing.documents[0].settings if filing.documents else None
        results = rule_findings(filing.filing, [_view(d) for d in filing.documents],
                                select=settings.select if settings else (),
                                ignore=settings.ignore if settings else ())
        yield from results.findings
        if results.missing:
            yield self._missing(results.missing)

    def _missing(self, missing: dict[str, list[str]]) -> Finding:
        listed = "; ".join(f"{k} ({', '.join(v)})" for k, v in sorted(missing.items()))
        return self.finding(
            file="filing.toml", page=None, measured=sorted(missing), threshold="stated",
            message_zh=f"filing.toml 缺少以下信息,相关规则未能检查:{listed}。",
            message_en=f"filing.toml lacks these keys, so the rules in brackets were not "
                       f"checked: {listed}.",
        )


def _view(doc: DocumentContext) -> DocView:
    """The rules' view of a document, with page types and 有效期 from the OCR analysis."""
    if not (doc.loaded and doc.settings.ocr):
        return doc_view(doc, ())
    analyses = [analyze_page(p) for p in doc.pages]
    ends = [_LONG_TERM if d.value == "long_term" else dt.date.fromisoformat(d.value)
            for a in analyses for d in a.dates if d.kind == "valid_until"]
    return doc_view(doc, tuple(a.document_type for a in analyses), max(ends, default=None))

