"""Apply the date rules to one attachment: (rule, date, verdict, limit) for the date checks.

Only usable dates (user-supplied, or read confidently and plausibly) get a verdict; the D105
check reports the rules that apply but have no usable date. Page analyses are memoised, so
recomputing the document's dates per check is cheap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from preflight.context import DocumentContext
from preflight.dates.calendar import add_months
from preflight.dates.collect import Located, document_dates
from preflight.dates.rules import (
    SigningRule,
    ValidityRule,
    signing_rules_for,
    signing_verdict,
    validity_rules_for,
    validity_verdict,
)


@dataclass(frozen=True)
class Verdict:
    """One rule applied to one date: `ok`, `expired`, `too_short`, `too_early` or `after`."""

    rule: ValidityRule | SigningRule
    date: Located
    verdict: str
    submission: dt.date
    limit: dt.date  # the boundary day the date was compared with


def validity_verdicts(doc: DocumentContext) -> Iterator[Verdict]:
    """Every applicable validity rule with the attachment's usable valid_until."""
    dates = document_dates(doc)
    submission = doc.filing.effective_submission_date
    located = dates.usable.get("valid_until")
    if located is None:
        return
    for rule in validity_rules_for(doc.role, set(dates.types), doc.filing.province):
        v = validity_verdict(located.field.value, submission, months=rule.min_months,
                             strict=rule.strict)
        yield Verdict(rule, located, v, submission, add_months(submission, rule.min_months))


def signing_verdicts(doc: DocumentContext, *, lenient: bool) -> Iterator[Verdict]:
    """Every applicable signing-window rule with the attachment's usable signed_on."""
    dates = document_dates(doc)
    submission = doc.filing.effective_submission_date
    located = dates.usable.get("signed_on")
    if located is None:
        return
    for rule in signing_rules_for(doc.role, doc.filing.province):
        months = rule.window(lenient=lenient)
        v = signing_verdict(located.field.value, submission, months=months)
        yield Verdict(rule, located, v, submission, add_months(submission, -months))
