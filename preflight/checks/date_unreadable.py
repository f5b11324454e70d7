"""A date the rules need could not be read reliably: please confirm it.

## What it checks
For each attachment a date rule applies to (validity of ID backs and licences, the 上海
residence permit; signing date of 授权书 / 承诺书 / 建设方案书), whether a usable date was found:
stated in filing.toml, or read by OCR / the PDF text layer with enough confidence and
plausibly (a real calendar date; an ID validity of 5, 10 or 20 years or 长期; an end after the
start). Otherwise it warns, showing what was read if anything. An unreadable date never
passes or fails a rule. Silent when OCR is off (`--no-ocr`) and filing.toml gives no date, and
for a validity date when the role is only guessed from the file name and the page was not
recognised as an ID back, licence or residence permit.

## Why it matters
The date rules decide whether a filing is returned (guide 000, 1.2: 有效期大于等于 3 个月;
授权书日期 一致或小于 1 个月). A misread date must not produce a false pass or a false alarm;
the person preparing the filing knows the date and can confirm it.

## How to fix
Check the date on the document and state it in filing.toml under the attachment, e.g.
`valid_until = 2036-03-01`, `long_term = true` or `signed_on = 2026-11-01`; preflight then uses
it and reports it as user-supplied. A clearer photo or scan also helps OCR.
"""

from __future__ import annotations

from collections.abc import Iterator

from preflight.context import DocumentContext
from preflight.dates.collect import DocumentDates, document_dates
from preflight.dates.rules import signing_rules_for, validity_rules_for
from preflight.model import Category, Finding, Severity
from preflight.registry import DocumentCheck

_KIND_ZH = {"valid_until": "有效期截止日期", "signed_on": "签署日期"}
_HINT = {"valid_until": "valid_until = YYYY-MM-DD(或 long_term = true)",
         "signed_on": "signed_on = YYYY-MM-DD"}


class DateUnreadable(DocumentCheck):
    """A needed date is missing, unreadable or implausible."""

    code = "D105"
    name = "date-unreadable"
    category = Category.DATE
    severity = Severity.WARNING
    fix_zh = "请核对证件上的日期,并在 filing.toml 对应附件下填写(如 valid_until = 2036-03-01 或 signed_on = 2026-11-01)。"
    fix_en = ("Check the date on the document and state it in filing.toml under the "
              "attachment (e.g. valid_until = 2036-03-01 or signed_on = 2026-11-01).")

    def check(self, doc: DocumentContext) -> Iterator[Finding]:
        """One warning per needed date kind without a usable value."""
        dates = document_dates(doc)
        if not dates.ocr_ran:
            return
        province, types = doc.filing.province, set(dates.types)
        # a role guessed from the file name alone is not enough to ask for a date the page
        # does not visibly carry; filing.toml roles and detected types are
        role = None if doc.role_inferred else doc.role
        needed = []
        if any(r.requires_date(role, types)
               for r in validity_rules_for(doc.role, types, province)):
            needed.append("valid_until")
        if signing_rules_for(doc.role, province):
            needed.append("signed_on")
        for kind in needed:
            if kind not in dates.usable:
                yield self._warn(doc, kind, dates)

    def _warn(self, doc: DocumentContext, kind: str, dates: DocumentDates) -> Finding:
        seen = [f for f in dates.doubtful if f.kind == kind]
        bad = [r for r in dates.rejected if r.field.kind == kind]
        if bad:
            why_zh = f"识别出 {bad[0].field.value},但不可信({bad[0].reason})"
            why_en = f"read {bad[0].field.value} but it is implausible ({bad[0].reason})"
        elif seen:
            why_zh = f"识别出 {seen[0].value},但置信度仅 {seen[0].confidence:.2f}"
            why_en = f"read {seen[0].value} with low confidence {seen[0].confidence:.2f}"
        else:
            why_zh, why_en = "未能识别出日期", "no date could be read"
        timeout = "(识别超时)" if dates.timed_out else ""
        return self.finding(
            file=doc.display_name, page=None, bbox=None, measured=why_en, threshold=None,
            message_zh=f"请确认{_KIND_ZH[kind]}:{why_zh}{timeout}。该日期未用于判断;"
                       f"请在 filing.toml 中填写 {_HINT[kind]}。",
            message_en=f"Please confirm the {kind.replace('_', ' ')} date: {why_en}"
                       f"{' (OCR timed out)' if dates.timed_out else ''}. It was not used for "
                       f"a verdict; state {kind} in filing.toml.",
        )
