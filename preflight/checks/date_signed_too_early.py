"""An authorization or commitment letter was signed too long before the submission date.

## What it checks
The signing date (`signed_on`) of 授权书 (every province), the 承诺书 of 广东, 重庆 and 四川 and
the 小程序建设方案书 of 陕西 (data: `preflight/data/date_rules.toml`) against the submission
date: it must not be earlier than the submission date minus 1 calendar month (exactly one
month before passes). The two seed texts disagree on the 广东 承诺书 (000: 1 个月, 001: 3 个月);
the stricter reading is the default, `lenient_windows = true` applies the other.

## Why it matters
"授权书日期:应与提交备案日期一致或小于 1 个月" (guide 000, 1.2 主办单位负责人信息 1 and
小程序负责人信息); "签署文件的日期与提交备案日期一致或小于 1 个月" (附件 3/4, 1.3 重庆, 陕西, 四川).
An older letter is sent back.

## How to fix
Sign and date the letter again (by hand, 正楷, within a month of the planned submission) and
upload the new scan. If the date was misread, state it in filing.toml (`signed_on = ...`).
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.context import DocumentContext
from preflight.dates.verdicts import signing_verdicts
from preflight.model import Category, Finding, Severity
from preflight.registry import DocumentCheck, Param


class SignedTooEarly(DocumentCheck):
    """Signed more than the allowed window before submission."""

    code = "D103"
    name = "letter-signed-too-early"
    category = Category.DATE
    severity = Severity.ERROR
    params = {
        "lenient_windows": Param(False, "use the longer window where the seed texts disagree "
                                        "(广东 承诺书: 3 months as in 001 instead of 1)"),
    }
    fix_zh = "请重新签署并填写日期(距提交日期 1 个月内,不得晚于提交日期)后上传新扫描件。"
    fix_en = ("Sign and date the letter again (within one month before the submission date, "
              "not after it) and upload the new scan.")

    def check(self, doc: DocumentContext) -> Iterator[Finding]:
        """One error per signing window the date falls before."""
        for v in signing_verdicts(doc, lenient=self.p["lenient_windows"]):
            if v.verdict != "too_early":
                continue
            zh, en = v.date.describe()
            yield self.finding(
                file=doc.display_name, page=v.date.page, bbox=v.date.field.bbox,
                measured=v.date.field.value, threshold=v.limit.isoformat(),
                message_zh=f"签署日期过早:{zh}签署日期 {v.date.field.value} 早于 "
                           f"{v.limit.isoformat()}(提交日期 {v.submission.isoformat()} 前的允许范围;"
                           f"规则 {v.rule.id},来源:{v.rule.source})。",
                message_en=f"Signed too early: {v.date.field.value} ({en}) is before "
                           f"{v.limit.isoformat()}, the earliest date allowed for submission on "
                           f"{v.submission.isoformat()} (rule {v.rule.id}).",
            )
