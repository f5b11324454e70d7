"""Dates of a page from its rows of text, by document type, with plausibility checks.

- 有效期限 / 有效期 (ID back, residence permit): `FROM-UNTIL` or `FROM-长期`.
- 营业期限 (business licence): `FROM 至 UNTIL`, `至 长期`, `长期`; 成立日期 → `issued_on`.
- Letters (授权书, 承诺书, 建设方案书): the signing date is the last date printed on its own
  (not part of a `自…至…` range), usually beside the signature at the bottom.

A date that is not a real calendar date is never produced. A range whose end precedes its
start, or an ID card validity that is not 5, 10 or 20 years (or 长期; GA 490-2013 / 居民身份证法
第五条), is returned in `rejected` with the reason, and is not used for a verdict.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from preflight.dates.calendar import add_years
from preflight.dates.parse import LONG_TERM, DateMatch, find_dates, find_range, normalize
from preflight.model import DateField
from preflight.model import DocumentType as T
from preflight.ocr.layout import Row

_VALIDITY = re.compile(r"有效期限|有效期至|有效期")
_TERM = re.compile(r"营业期限|经营期限|合伙期限")
_FOUNDED = re.compile(r"成立日期|注册日期")
_IN_RANGE = re.compile(r"[自从起至到]\s*$|^\s*[-—至到起]")
ID_SPANS_YEARS = (5, 10, 20)
LETTERS = (T.AUTHORIZATION_LETTER, T.COMMITMENT_LETTER, T.CONSTRUCTION_PLAN, T.UNKNOWN)


@dataclass(frozen=True)
class Rejected:
    """A date that was read but must not be used, and why."""

    field: DateField
    reason: str


@dataclass(frozen=True)
class Extracted:
    """Usable dates, rejected ones, and the date kinds whose label was seen but not read."""

    dates: tuple[DateField, ...]
    rejected: tuple[Rejected, ...]
    unread: tuple[str, ...]


def extract_dates(rows: list[Row], doc_type: T) -> Extracted:
    """Dates of a page whose rows are `rows` (top to bottom) and whose type is `doc_type`."""
    fields: list[DateField] = []
    unread: list[str] = []
    if doc_type in (T.ID_BACK, T.RESIDENCE_PERMIT, T.UNKNOWN):
        fields += _labelled_range(rows, _VALIDITY, unread)
    if doc_type in (T.BUSINESS_LICENSE, T.UNKNOWN):
        fields += _labelled_range(rows, _TERM, unread)
        fields += _labelled_date(rows, _FOUNDED, "issued_on")
    if doc_type in LETTERS and not fields:
        fields += _signing_date(rows)
    return _check(fields, doc_type, tuple(dict.fromkeys(unread)))


def _after_label(rows: list[Row], pattern: re.Pattern[str]) -> list[tuple[Row, str]]:
    """(row, text after the label) for rows carrying the label; the next row is appended."""
    hits = []
    for i, row in enumerate(rows):
        text = normalize(row.text)
        m = pattern.search(text)
        if m:
            rest = text[m.end():]
            if i + 1 < len(rows) and not find_dates(rest) and "长期" not in rest:
                rest += " " + normalize(rows[i + 1].text)
            hits.append((row, rest))
    return hits


def _labelled_range(rows: list[Row], pattern: re.Pattern[str], unread: list[str]) -> list[DateField]:
    for row, rest in _after_label(rows, pattern):
        found = find_range(rest)
        if found is None:
            unread.append("valid_until")
            continue
        start, until = found
        out = [_field("valid_until", until, row)]
        if start is not None:
            out.insert(0, _field("valid_from", start, row))
        return out
    return []


def _labelled_date(rows: list[Row], pattern: re.Pattern[str], kind: str) -> list[DateField]:
    for row, rest in _after_label(rows, pattern):
        dates = find_dates(rest)
        if dates:
            return [_field(kind, dates[0], row)]
    return []


def _signing_date(rows: list[Row]) -> list[DateField]:
    """The last stand-alone date on the page; confidence drops when several compete."""
    candidates: list[tuple[Row, DateMatch]] = []
    for row in rows:
        text = normalize(row.text)
        for d in find_dates(text):
            if not (_IN_RANGE.search(text[:d.start]) or _IN_RANGE.search(text[d.end:])):
                candidates.append((row, d))
    if not candidates:
        return []
    row, match = candidates[-1]
    penalty = 1.0 if len({d.value for _, d in candidates}) == 1 else 0.9
    return [_field("signed_on", match, row, penalty)]


def _field(kind: str, m: DateMatch, row: Row, penalty: float = 1.0) -> DateField:
    box = tuple(round(v) for v in row.box)
    return DateField(kind=kind, value=m.value, text=m.text, bbox=box,  # type: ignore[arg-type]
                     confidence=round(row.confidence * penalty, 3))


def _check(fields: list[DateField], doc_type: T, unread: tuple[str, ...]) -> Extracted:
    by_kind = {f.kind: f for f in fields}
    start, until = by_kind.get("valid_from"), by_kind.get("valid_until")
    reason = plausibility(start.value if start else None, until.value if until else None,
                          id_card=doc_type is T.ID_BACK)
    if reason is None:
        return Extracted(tuple(fields), (), unread)
    bad = {"valid_from", "valid_until"}
    keep = tuple(f for f in fields if f.kind not in bad)
    return Extracted(keep, tuple(Rejected(f, reason) for f in fields if f.kind in bad), unread)


def plausibility(valid_from: str | None, valid_until: str | None, *, id_card: bool) -> str | None:
    """None when a validity range is plausible, else the reason (English, short)."""
    if valid_from is None or valid_until is None or valid_until == LONG_TERM:
        return None
    start, end = dt.date.fromisoformat(valid_from), dt.date.fromisoformat(valid_until)
    if end < start:
        return "valid_until before valid_from"
    if id_card and not any(abs((add_years(start, n) - end).days) <= 1 for n in ID_SPANS_YEARS):
        return "ID validity span is not 5, 10 or 20 years"
    return None
