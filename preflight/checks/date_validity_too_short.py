"""A document's remaining validity is shorter than the guide requires.

## What it checks
That `valid_until` is at least 3 calendar months after the submission date for ID cards,
licences and 前置审批 documents, and more than 1 month for the 上海 residence permit (data:
`preflight/data/date_rules.toml`; 长期 passes). Months are calendar months: from 30 November,
3 months later is 28 February (29 in leap years). Documents already expired are D101.

## Why it matters
"证件须在有效期内且有效期大于等于 3 个月" (guide 000, 1.2 主办信息 2 and the负责人 sections);
"非沪籍,需提交有效期在一个月以上的居住证" (1.3 各地管局特殊规则, 上海). A document that expires
during the review is rejected.

## How to fix
Renew the document first, or wait and file with the renewed one. If the date was misread,
state it in filing.toml (`valid_until = ...` or `long_term = true`).
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.context import DocumentContext
from preflight.dates.verdicts import validity_verdicts
from preflight.model import Category, Finding, Severity
from preflight.registry import DocumentCheck


class ValidityTooShort(DocumentCheck):
    """Valid, but not long enough after the submission date."""

    code = "D102"
    name = "validity-too-short"
    category = Category.DATE
    severity = Severity.ERROR
    fix_zh = "证件剩余有效期不足:请先换领新证件再提交;若日期识别有误,请在 filing.toml 中填写 valid_until。"
    fix_en = ("Not enough validity left: renew the document before filing; if the date was "
              "misread, state valid_until in filing.toml.")

    def check(self, doc: DocumentContext) -> Iterator[Finding]:
        """One error per rule whose minimum remaining validity is not met."""
        for v in validity_verdicts(doc):
            if v.verdict != "too_short":
                continue
            zh, en = v.date.describe()
            months = v.rule.min_months  # type: ignore[union-attr]
            cmp_zh, cmp_en = ("晚于", "after") if v.rule.strict else ("不早于", "on or after")  # type: ignore[union-attr]
            yield self.finding(
                file=doc.display_name, page=v.date.page, bbox=v.date.field.bbox,
                measured=v.date.field.value, threshold=v.limit.isoformat(),
                message_zh=f"有效期不足 {months} 个月:{zh}有效期至 {v.date.field.value},"
                           f"须{cmp_zh} {v.limit.isoformat()}(提交日期 {v.submission.isoformat()} "
                           f"+ {months} 个月;规则 {v.rule.id},来源:{v.rule.source})。",
                message_en=f"Less than {months} month(s) of validity left: valid until "
                           f"{v.date.field.value} ({en}); it must be {cmp_en} "
                           f"{v.limit.isoformat()} (submission {v.submission.isoformat()} + "
                           f"{months} months; rule {v.rule.id}).",
            )
