"""A letter is dated after the submission date.

## What it checks
The signing date (`signed_on`) of the letters a signing rule applies to (授权书; 承诺书 of 广东,
重庆, 四川; 陕西 建设方案书; data: `preflight/data/date_rules.toml`) must not be later than the
submission date (`submission_date`, default today). The submission day itself passes.

## Why it matters
"不得晚于备案提交日期" (guide 000, 1.2 附件 3/4; 1.3 重庆 3, 陕西 4): a post-dated letter is
returned.

## How to fix
Date the letter on or before the day you submit (sign it again if needed), or plan the
submission date accordingly (`--submission-date`). If the date was misread, state it in
filing.toml (`signed_on = ...`).
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.context import DocumentContext
from preflight.dates.verdicts import signing_verdicts
from preflight.model import Category, Finding, Severity
from preflight.registry import DocumentCheck


class SignedAfterSubmission(DocumentCheck):
    """Signing date later than the submission date."""

    code = "D104"
    name = "letter-dated-after-submission"
    category = Category.DATE
    severity = Severity.ERROR
    fix_zh = "签署日期不得晚于提交日期:请按实际签署日填写,或调整提交日期(--submission-date)。"
    fix_en = ("The signing date must not be after the submission date: date the letter on "
              "the day it is signed, or adjust the submission date (--submission-date).")

    def check(self, doc: DocumentContext) -> Iterator[Finding]:
        """One error per rule when the letter is post-dated."""
        seen: set[str] = set()
        for v in signing_verdicts(doc, lenient=False):
            if v.verdict != "after" or v.date.field.value in seen:
                continue
            seen.add(v.date.field.value)
            zh, en = v.date.describe()
            yield self.finding(
                file=doc.display_name, page=v.date.page, bbox=v.date.field.bbox,
                measured=v.date.field.value, threshold=v.submission.isoformat(),
                message_zh=f"签署日期晚于提交日期:{zh}签署日期 {v.date.field.value},提交日期 "
                           f"{v.submission.isoformat()}(规则 {v.rule.id},来源:{v.rule.source})。",
                message_en=f"Dated after submission: signed on {v.date.field.value} ({en}), "
                           f"submission on {v.submission.isoformat()} (rule {v.rule.id}).",
            )
