"""A licence, ID card or permit has already expired on the submission day.

## What it checks
The validity end date (`valid_until`: 有效期限 on the ID back, 营业期限 on the licence, the
residence permit's 有效期) of every attachment a validity rule applies to
(`preflight/data/date_rules.toml`), read by OCR or stated in filing.toml, against the
submission date (`submission_date`, default today). 长期 never expires.

## Why it matters
"证件须在有效期内" (guide 000, 1.2 主办信息 2; 主办单位负责人信息 3; 小程序负责人信息 3): an
expired document is rejected, after weeks in review.

## How to fix
Renew the document (new ID card at the 公安 office, licence at the 市场监督管理局) and upload
the new one. If the date was misread, state it in filing.toml (`valid_until = 2030-01-01`).
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.context import DocumentContext
from preflight.dates.verdicts import validity_verdicts
from preflight.model import Category, Finding, Severity
from preflight.registry import DocumentCheck


class DocumentExpired(DocumentCheck):
    """Validity ended before the submission date."""

    code = "D101"
    name = "document-expired"
    category = Category.DATE
    severity = Severity.ERROR
    fix_zh = "证件已过期:请办理新证件后上传新证件;若日期识别有误,请在 filing.toml 中填写 valid_until。"
    fix_en = ("The document has expired: renew it and upload the new one; if the date was "
              "misread, state valid_until in filing.toml.")

    def check(self, doc: DocumentContext) -> Iterator[Finding]:
        """One error per expired validity date."""
        for v in validity_verdicts(doc):
            if v.verdict != "expired":
                continue
            zh, en = v.date.describe()
            yield self.finding(
                file=doc.display_name, page=v.date.page, bbox=v.date.field.bbox,
                measured=v.date.field.value, threshold=v.submission.isoformat(),
                message_zh=f"证件已过期:{zh}有效期至 {v.date.field.value},早于提交日期 "
                           f"{v.submission.isoformat()}(规则 {v.rule.id},来源:{v.rule.source})。",
                message_en=f"Expired: valid until {v.date.field.value} ({en}), before the "
                           f"submission date {v.submission.isoformat()} (rule {v.rule.id}).",
            )
